"""Where uploads live: a local directory, each file under a generated id, never the client's file name.

Keys look like `01JD…/0`: the job id and the file's position. The worker also keeps the flattened, upright
card it read (`01JD…/card-0.jpg`, one per page): the field boxes are in that image's pixels, and the clerk
review UI draws them over it. With workers on several machines the
directory has to be one they all reach (a shared volume); an object store would implement the same three
methods.

Every file is encrypted at rest (issue 9, `service.crypto`): AES-256-GCM with the primary key of
DOCVERIFY_ENCRYPTION_KEYS, the key id in the file's header, so that the folder alone shows no image. Files
written before encryption was on read back as they are until `docverify privacy reencrypt` seals them.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

from service import crypto

_KEY = re.compile(r"^[0-9A-HJKMNP-TV-Z]{26}/(\d{1,3}|card-\d{1,3}\.jpg)$")


class Storage:
    def __init__(self, root: Path, *, encrypt: bool = True) -> None:
        """`encrypt=False` only for the plaintext baseline of bench/bench_privacy.py; the service never sets it."""
        self.root = Path(root)
        self.encrypt = encrypt

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
        return self._write_raw(key, crypto.keyring().encrypt(data) if self.encrypt else data)

    def _write_raw(self, key: str, data: bytes) -> str:
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
        return crypto.keyring().decrypt(self._path(key).read_bytes())

    def stored_keys(self) -> Iterator[str]:
        """Every stored file's key (for re-encryption)."""
        if not self.root.is_dir():
            return
        for job_dir in sorted(self.root.iterdir()):
            if job_dir.is_dir():
                for path in sorted(job_dir.iterdir()):
                    key = f"{job_dir.name}/{path.name}"
                    if path.is_file() and _KEY.match(key):
                        yield key

    def reseal(self, key: str, ring: crypto.Keyring) -> bool:
        """Rewrite one file under `ring`'s primary key; False when it already is."""
        raw = self._path(key).read_bytes()
        if crypto.Keyring.blob_key_id(raw) == ring.primary:
            return False
        self._write_raw(key, ring.encrypt(ring.decrypt(raw)))
        return True

    def delete_job(self, job_id: str) -> None:
        if re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{26}", job_id):
            shutil.rmtree(self.root / job_id, ignore_errors=True)
