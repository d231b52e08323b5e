"""The storage backends behind one interface (issue 22): the local folder and an S3-compatible object store
(a real SeaweedFS server, tests/s3server.py). Same keys, same sealed bytes, same answers for what is missing;
an object store that is down is a 503 to the client, never a 500 or a silent loss."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from service import crypto
from service.config import Settings
from service.main import create_app
from service.storage import S3Storage, Storage, StorageUnavailable, open_storage
from tests.s3server import ACCESS_KEY, BUCKET, SeaweedS3
from tests.stack import SAMPLE, bearer, database_url, issue_key, settings_for, stack_env

JOB = "01JD" + "0" * 21 + "1"
OTHER = "01JD" + "0" * 21 + "2"


@pytest.fixture(params=["local", "s3"])
def storage(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Storage]:
    crypto.configure(Settings(env="dev"))
    if request.param == "local":
        yield Storage(tmp_path / "uploads")
        return
    server: SeaweedS3 = request.getfixturevalue("s3_server")
    fields = {k.removeprefix("DOCVERIFY_").lower(): v for k, v in server.env(f"t-{uuid.uuid4().hex[:10]}").items()}
    store = open_storage(Settings(env="dev", **fields))
    assert isinstance(store, S3Storage)
    yield store


def test_round_trip_listing_and_deletion(storage: Storage) -> None:
    key = storage.save(JOB, 0, b"\x89PNG upload")
    card = storage.save_card(JOB, 0, b"\xff\xd8\xff card")
    storage.save(OTHER, 1, b"other")
    assert (key, card) == (f"{JOB}/0", f"{JOB}/card-0.jpg")
    assert storage.load(key) == b"\x89PNG upload" and storage.exists(card)
    raw = storage.load_raw(key)
    assert b"PNG" not in raw and crypto.Keyring.blob_key_id(raw) == "dev"  # sealed on the medium
    assert list(storage.stored_keys()) == [f"{JOB}/0", f"{JOB}/card-0.jpg", f"{OTHER}/1"]
    storage.delete_job(JOB)
    assert list(storage.stored_keys()) == [f"{OTHER}/1"] and not storage.exists(key)
    with pytest.raises(FileNotFoundError):
        storage.load(key)
    storage.delete_job(JOB)  # again: nothing to do, no error
    with pytest.raises(ValueError):
        storage.load("../etc/passwd")


def test_reseal_rewrites_under_the_new_primary_key(storage: Storage) -> None:
    storage.save(JOB, 0, b"data")
    dev = Settings(env="dev").encryption_keys.get_secret_value()
    ring = crypto.Keyring.parse(f"new:{crypto.Keyring.generate_key()},{dev}")
    assert storage.reseal(f"{JOB}/0", ring) is True
    assert crypto.Keyring.blob_key_id(storage.load_raw(f"{JOB}/0")) == "new"
    assert storage.reseal(f"{JOB}/0", ring) is False
    with crypto.using(ring):
        assert storage.load(f"{JOB}/0") == b"data"


def test_a_wrong_secret_is_refused_by_the_server(s3_server: SeaweedS3) -> None:
    crypto.configure(Settings(env="dev"))
    bad = S3Storage(
        f"s3://{BUCKET}/x",
        endpoint_url=s3_server.endpoint,
        region="us-east-1",
        access_key_id=ACCESS_KEY,
        secret_access_key="not-the-secret",
        max_attempts=1,
    )
    with pytest.raises(Exception, match="SignatureDoesNotMatch"):
        bad.save(JOB, 0, b"x")


def test_settings_choose_the_backend(tmp_path: Path) -> None:
    assert type(open_storage(Settings(env="dev", upload_dir=tmp_path))) is Storage
    s3 = open_storage(Settings(env="dev", storage="s3://bucket/some/prefix", s3_endpoint_url="http://h:1"))
    assert isinstance(s3, S3Storage) and (s3.bucket, s3.prefix) == ("bucket", "some/prefix")
    with pytest.raises(ValueError, match="DOCVERIFY_STORAGE"):
        Settings(env="dev", storage="s4://typo")


def test_submit_while_the_object_store_is_down_is_a_503_and_leaves_nothing(tmp_path: Path) -> None:
    """A store that does not answer: the client is told to come back (503, Retry-After), nothing is queued."""
    from tests.stack import free_port

    dead = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    with database_url(tmp_path, "s3down") as url:
        settings = settings_for(
            stack_env(
                url,
                "",
                tmp_path / "uploads",
                storage=f"s3://{BUCKET}/down",
                s3_endpoint_url=dead,
                s3_region="us-east-1",
                s3_access_key_id="k",
                s3_secret_access_key="s",
                s3_max_attempts=2,
                s3_connect_timeout_s=0.5,
            )
        )
        with TestClient(create_app(settings), raise_server_exceptions=False) as api:
            headers = bearer(issue_key(settings, "down")[1])
            for _ in range(2):  # the retry with the same key meets the same outage, not a 409 "in flight"
                resp = api.post(
                    "/v1/verifications",
                    files={"file": ("c.png", SAMPLE.read_bytes(), "image/png")},
                    data={"document_type": "ktp"},
                    headers={**headers, "Idempotency-Key": "k1"},
                )
                assert resp.status_code == 503, resp.text
                assert resp.json()["error"]["code"] == "SERVICE_UNAVAILABLE" and resp.headers["Retry-After"]
            assert api.get("/v1/verifications", headers=headers).json()["items"] == []
            ready = api.get("/readyz")  # and the API says it is not ready, naming the store
            assert ready.status_code == 503
            assert ready.json()["error"]["detail"]["checks"]["storage"].startswith("unreachable")
    with pytest.raises(StorageUnavailable):
        open_storage(settings).load(f"{JOB}/0")


@pytest.mark.integration
def test_worker_reads_and_keeps_its_files_in_the_object_store(
    tmp_path: Path, models_dir: Path, s3_server: SeaweedS3
) -> None:
    """API and worker on S3 alone: the upload and the card image are objects, the local folder stays empty."""
    from tests.stack import WorkerProcess, redis_url
    from tests.workers.helpers import submit, wait_status

    prefix = f"e2e-{uuid.uuid4().hex[:10]}"
    extra = {k.removeprefix("DOCVERIFY_").lower(): v for k, v in s3_server.env(prefix).items()}
    # Redis db 7: no other test's (a session stack flushing or draining another's queue would cross them)
    with database_url(tmp_path, "s3e2e") as db, redis_url(tmp_path, 7) as broker:
        env = stack_env(db, broker, tmp_path / "uploads", **extra)
        settings = settings_for(env)
        worker = WorkerProcess(env, tmp_path / "worker.log")
        with TestClient(create_app(settings), raise_server_exceptions=False) as api:
            api.headers.update(bearer(issue_key(settings, "default")[1]))
            worker.start()
            try:
                job_id = submit(api, SAMPLE.read_bytes())
                body = wait_status(api, job_id, timeout=180)
            finally:
                worker.stop()
    assert body["status"] == "completed", body
    store = open_storage(settings)
    assert list(store.stored_keys()) == [f"{job_id}/0", f"{job_id}/card-0.jpg"]
    assert store.load(f"{job_id}/card-0.jpg").startswith(b"\xff\xd8\xff")
    assert not (tmp_path / "uploads").exists() or not any((tmp_path / "uploads").rglob("*"))


def test_readyz_checks_the_object_store(tmp_path: Path, s3_server: SeaweedS3) -> None:
    extra = {k.removeprefix("DOCVERIFY_").lower(): v for k, v in s3_server.env("ready").items()}
    with database_url(tmp_path, "s3ready") as url:
        settings = settings_for(stack_env(url, "", tmp_path / "uploads", **extra))
        with TestClient(create_app(settings), raise_server_exceptions=False) as api:
            checks = api.get("/readyz").json()["error"]["detail"]["checks"]  # no broker in this test: 503
            assert checks["database"] == "ok" and checks["storage"] == "ok"
