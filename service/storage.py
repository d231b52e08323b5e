"""Where uploads live: a local directory (the default) or an S3-compatible object store (issue 22), each file
under a generated id, never the client's file name.

Keys look like `01JD…/0`: the job id and the file's position. The worker also keeps the flattened, upright
card it read (`01JD…/card-0.jpg`, one per page): the field boxes are in that image's pixels, and the clerk
review UI draws them over it. With workers on several machines the directory would have to be a shared
volume; `DOCVERIFY_STORAGE=s3://bucket/prefix` puts the same files in an object store instead (`S3Storage`:
the same keys under the prefix, the same bytes), so that the API and the workers share nothing but the network.

Every file is encrypted at rest (issue 9, `service.crypto`): AES-256-GCM with the primary key of
DOCVERIFY_ENCRYPTION_KEYS, the key id in the file's header, so that the folder (or the bucket) alone shows no
image. Files written before encryption was on read back as they are until `docverify privacy reencrypt`
seals them. Encryption happens here, above the backends: an object store only ever sees sealed blobs.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from service import crypto
from service.ids import ULID_PATTERN, is_id

if TYPE_CHECKING:
    from service.config import Settings

log = logging.getLogger(__name__)

_KEY = re.compile(rf"^{ULID_PATTERN}/(\d{{1,3}}|card-\d{{1,3}}\.jpg)$")


class StorageUnavailable(RuntimeError):
    """The object store did not answer (after the client's retries): the API answers 503, a worker retries the
    job later. Never raised for a key that is simply absent (that is FileNotFoundError, as on a disk)."""


class Storage:
    """The local directory. The encryption and key rules live here; the five `_raw`/`_has`/`_keys`/`_remove`
    methods are the only ones that touch the medium, and `S3Storage` overrides exactly those."""

    def __init__(self, root: Path, *, encrypt: bool = True) -> None:
        """`encrypt=False` only for the plaintext baseline of bench/bench_privacy.py; the service never sets it."""
        self.root = Path(root)
        self.encrypt = encrypt

    @staticmethod
    def _check(key: str) -> str:
        if not _KEY.match(key):  # keys are ours; anything else is a bug, never a path from outside
            raise ValueError(f"not a storage key: {key!r}")
        return key

    def _path(self, key: str) -> Path:
        return self.root / self._check(key)

    def describe(self) -> str:
        """Where the files are, for logs and `docverify` output (never a credential)."""
        return str(self.root)

    # the three methods of the service (and the card image the worker keeps)

    def save(self, job_id: str, index: int, data: bytes) -> str:
        return self._write(f"{job_id}/{index}", data)

    @staticmethod
    def card_key(job_id: str, page: int) -> str:
        return f"{job_id}/card-{page}.jpg"

    def save_card(self, job_id: str, page: int, jpeg: bytes) -> str:
        """The flattened card the pipeline read on this page (JPEG): what field bboxes refer to."""
        return self._write(self.card_key(job_id, page), jpeg)

    def exists(self, key: str) -> bool:
        return self._has(self._check(key))

    def _write(self, key: str, data: bytes) -> str:
        return self._write_raw(key, crypto.keyring().encrypt(data) if self.encrypt else data)

    def load(self, key: str) -> bytes:
        return crypto.keyring().decrypt(self.load_raw(key))

    def load_raw(self, key: str) -> bytes:
        """The stored bytes as they are (sealed): for re-encryption and for tests that look at the medium."""
        return self._read_raw(self._check(key))

    def stored_keys(self) -> Iterator[str]:
        """Every stored file's key, sorted (for re-encryption)."""
        return (key for key in self._keys() if _KEY.match(key))

    def raw_files(self) -> dict[str, bytes]:
        """Everything on the medium under this storage, name → bytes as stored, whatever its name: what someone
        with a copy of the folder or the bucket would see (tests of encryption at rest and of the purge)."""
        return {name: self._read_raw(name) for name in self._keys()}

    def reseal(self, key: str, ring: crypto.Keyring) -> bool:
        """Rewrite one file under `ring`'s primary key; False when it already is."""
        raw = self.load_raw(key)
        if crypto.Keyring.blob_key_id(raw) == ring.primary:
            return False
        self._write_raw(key, ring.encrypt(ring.decrypt(raw)))
        return True

    def delete_job(self, job_id: str) -> None:
        """Every file of one job (uploads and cards); nothing when there are none."""
        if is_id(job_id):
            self._remove(job_id)

    # the medium

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

    def _read_raw(self, key: str) -> bytes:
        return self._path(key).read_bytes()

    def _has(self, key: str) -> bool:
        return self._path(key).is_file()

    def _keys(self) -> Iterator[str]:
        if not self.root.is_dir():
            return
        for job_dir in sorted(self.root.iterdir()):
            if job_dir.is_dir():
                for path in sorted(job_dir.iterdir()):
                    if path.is_file():
                        yield f"{job_dir.name}/{path.name}"

    def _remove(self, job_id: str) -> None:
        shutil.rmtree(self.root / job_id, ignore_errors=True)


class S3Storage(Storage):
    """The same files in an S3-compatible bucket (AWS S3, SeaweedFS, MinIO, Ceph RGW …): object
    `<prefix>/<key>`, body the same sealed blob the directory would hold. One boto3 client per process (a
    forked Celery child makes its own: clients must not cross a fork)."""

    def __init__(
        self,
        url: str,
        *,
        endpoint_url: str | None = None,
        region: str | None = None,
        access_key_id: str | None = None,
        secret_access_key: str | None = None,
        connect_timeout_s: float = 5.0,
        read_timeout_s: float = 30.0,
        max_attempts: int = 8,
        encrypt: bool = True,
    ) -> None:
        parsed = urlparse(url)
        if parsed.scheme != "s3" or not parsed.netloc:
            raise ValueError(f"not an s3://bucket/prefix URL: {url!r}")
        self.url = url
        self.bucket = parsed.netloc
        self.prefix = parsed.path.strip("/")
        self.root = Path()  # no local folder; kept for code that logs it
        self.encrypt = encrypt
        self._client_args: dict[str, str | None] = {
            "endpoint_url": endpoint_url or None,
            "region_name": region or None,
            "aws_access_key_id": access_key_id or None,
            "aws_secret_access_key": secret_access_key or None,
        }
        self._timeouts = (connect_timeout_s, read_timeout_s, max_attempts)
        self._lock = threading.Lock()
        self._client_pid = -1
        self._client_obj: Any = None
        self._quick: S3Storage | None = None

    def describe(self) -> str:
        where = self._client_args["endpoint_url"] or "AWS"
        return f"s3://{self.bucket}/{self.prefix} at {where}"

    @property
    def _client(self) -> Any:
        if self._client_obj is None or self._client_pid != os.getpid():
            with self._lock:
                if self._client_obj is None or self._client_pid != os.getpid():
                    import boto3
                    from botocore.config import Config

                    connect, read, attempts = self._timeouts
                    config = Config(
                        connect_timeout=connect,
                        read_timeout=read,
                        signature_version="s3v4",
                        retries={"max_attempts": attempts, "mode": "standard"},
                        s3={"addressing_style": "path"},
                    )
                    self._client_obj = boto3.session.Session().client("s3", config=config, **self._client_args)
                    self._client_pid = os.getpid()
        return self._client_obj

    def _object(self, key: str) -> str:
        return f"{self.prefix}/{key}" if self.prefix else key

    def _call(self, what: str, fn: Any, **kw: Any) -> Any:
        """One S3 request; a server that cannot be reached (after the retries) is StorageUnavailable, a missing
        object FileNotFoundError, like the directory."""
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            return fn(**kw)
        except ClientError as exc:
            error = exc.response.get("Error", {})
            status = int(exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0) or 0)
            if error.get("Code") in ("NoSuchKey", "404", "NotFound") or status == 404:
                raise FileNotFoundError(kw.get("Key", what)) from None
            if status >= 500 or status in (0, 429):
                raise StorageUnavailable(f"object store: {what} failed ({error.get('Code', status)})") from exc
            raise
        except BotoCoreError as exc:  # connection refused, timeouts, …
            raise StorageUnavailable(f"object store unreachable: {what} ({type(exc).__name__})") from exc

    def ping(self) -> str:
        """ "ok" when the bucket answers one quick request, else why not (the API's /readyz: no retries there,
        a load balancer must learn fast that this API cannot keep uploads)."""
        if self._quick is None:
            self._quick = S3Storage(
                self.url,
                endpoint_url=self._client_args["endpoint_url"],
                region=self._client_args["region_name"],
                access_key_id=self._client_args["aws_access_key_id"],
                secret_access_key=self._client_args["aws_secret_access_key"],
                connect_timeout_s=2,
                read_timeout_s=3,
                max_attempts=1,
            )
        try:
            self._quick._call("head bucket", self._quick._client.head_bucket, Bucket=self.bucket)
        except FileNotFoundError:
            return "bucket missing"
        except StorageUnavailable as exc:
            return f"unreachable: {type(exc.__cause__).__name__ if exc.__cause__ else 'error'}"
        except Exception as exc:  # refused credentials and the like
            return f"error: {type(exc).__name__}"
        return "ok"

    def ensure_bucket(self) -> None:
        """Create the bucket if it is missing (tests, first start of a compose stack); production buckets are
        usually made by the operator, with their own policies."""
        from botocore.exceptions import ClientError

        try:
            self._call("head bucket", self._client.head_bucket, Bucket=self.bucket)
        except (FileNotFoundError, ClientError):
            self._call("create bucket", self._client.create_bucket, Bucket=self.bucket)

    def _write_raw(self, key: str, data: bytes) -> str:
        self._call("put", self._client.put_object, Bucket=self.bucket, Key=self._object(self._check(key)), Body=data)
        return key

    def _read_raw(self, key: str) -> bytes:
        answer = self._call("get", self._client.get_object, Bucket=self.bucket, Key=self._object(key))
        body: bytes = answer["Body"].read()
        return body

    def _has(self, key: str) -> bool:
        try:
            self._call("head", self._client.head_object, Bucket=self.bucket, Key=self._object(key))
        except FileNotFoundError:
            return False
        return True

    def _list(self, under: str) -> Iterator[str]:
        """Object names below `under` (a prefix of full object names), in the store's (lexical) order."""
        token: str | None = None
        while True:
            kw: dict[str, str] = {"Bucket": self.bucket, "Prefix": under}
            if token:
                kw["ContinuationToken"] = token
            page = self._call("list", self._client.list_objects_v2, **kw)
            for item in page.get("Contents", []):
                yield str(item["Key"])
            token = page.get("NextContinuationToken")
            if not page.get("IsTruncated") or not token:
                return

    def _keys(self) -> Iterator[str]:
        base = f"{self.prefix}/" if self.prefix else ""
        yield from sorted(name[len(base) :] for name in self._list(base))

    def _remove(self, job_id: str) -> None:
        names = list(self._list(self._object(job_id) + "/"))
        for start in range(0, len(names), 1000):  # DeleteObjects takes at most 1000 names
            chunk = [{"Key": name} for name in names[start : start + 1000]]
            answer = self._call(
                "delete", self._client.delete_objects, Bucket=self.bucket, Delete={"Objects": chunk, "Quiet": True}
            )
            if answer.get("Errors"):
                raise StorageUnavailable(f"object store kept {len(answer['Errors'])} objects of a deleted job")


def open_storage(settings: Settings) -> Storage:
    """The storage the settings name: DOCVERIFY_STORAGE=s3://bucket/prefix, else the local upload directory."""
    url = settings.storage.strip()
    if not url:
        return Storage(settings.uploads_dir)
    if url.startswith("s3://"):
        secret = settings.s3_secret_access_key
        return S3Storage(
            url,
            endpoint_url=settings.s3_endpoint_url or None,
            region=settings.s3_region or None,
            access_key_id=settings.s3_access_key_id or None,
            secret_access_key=secret.get_secret_value() if secret is not None else None,
            connect_timeout_s=settings.s3_connect_timeout_s,
            read_timeout_s=settings.s3_read_timeout_s,
            max_attempts=settings.s3_max_attempts,
        )
    if url.startswith("file://"):
        return Storage(Path(url.removeprefix("file://")))
    raise ValueError(f"DOCVERIFY_STORAGE must be empty, file:///path or s3://bucket/prefix, not {url!r}")
