"""Where uploads live: a local directory, each file under a generated id, never the client's file name.

Keys look like `01JD…/0`: the job id and the file's position. The worker also keeps the flattened, upright
card it read (`01JD…/card-0.jpg`, one per page): the field boxes are in that image's pixels, and the clerk
review UI draws them over it. With workers on several machines the
directory has to be one they all reach (a shared volume); an object store would implement the same three
methods.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

_KEY = re.compile(r"^[0-9A-HJKMNP-TV-Z]{26}/(\d{1,3}|card-\d{1,3}\.jpg)$")


class Storage:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def _path(self, key: str) -> Path:
        if not _KEY.match(key):  # keys are ours; anything else is a bug, never a path from outside
            raise ValueError(f"not a storage key: {key!r}")
        return self.root / key

    def save(self, job_id: str, index: int, data: bytes) -> str:
        return self._write(f"{job_id}/{index}", data)

    @staticmethod
    def card_key(job_id: str, page: int) -> str:
        return f"{job_id}/card-{page}.jpg"

    def save_card(self, job_id: str, page: int, jpeg: bytes) -> str:
        """The flattened card the pipeline read on this page (JPEG): what field bboxes refer to."""
        return self._write(self.card_key(job_id, page), jpeg)

    def exists(self, key: str) -> bool:
        return self._path(key).is_file()

    def _write(self, key: str, data: bytes) -> str:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".part")
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        tmp.replace(path)
        return key

    def load(self, key: str) -> bytes:
        return self._path(key).read_bytes()

    def delete_job(self, job_id: str) -> None:
        if re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{26}", job_id):
            shutil.rmtree(self.root / job_id, ignore_errors=True)
