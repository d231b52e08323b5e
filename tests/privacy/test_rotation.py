"""Key rotation: new writes use the new key, old data stays readable, `reencrypt` moves everything to the new
key, and then the old key can be dropped."""

from __future__ import annotations

import json

from sqlalchemy import text

from service import crypto
from service.privacy import service as privacy
from service.privacy.service import ENCRYPTED
from service.registry import repository as registry_repo
from service.verifications import repository as jobs_repo
from tests.privacy.conftest import NAME, NIK, Env, import_sample_registry

OLD = crypto.Keyring((("old", b"\x11" * 32),))
NEW_KEY = ("new", b"\x22" * 32)


def _key_ids(env: Env) -> tuple[set[str | None], set[str | None]]:
    """Key ids of every encrypted column value and every stored file, read raw."""
    ids: set[str | None] = set()
    with env.db().engine.connect() as conn:
        for table, _pk, json_cols, text_cols in ENCRYPTED:
            for col in (*json_cols, *text_cols):
                for (value,) in conn.execute(text(f"SELECT {col} FROM {table} WHERE {col} IS NOT NULL")):
                    if isinstance(value, str) and value.startswith('"'):
                        value = json.loads(value)  # SQLite returns the JSON text
                    ids.add(crypto.Keyring.text_key_id(value))
    files = {crypto.Keyring.blob_key_id(data) for data in env.raw_files().values()}
    return ids, files


def _read_everything(env: Env, job_ids: list[str]) -> None:
    with env.db().session() as session:
        for job_id in job_ids:
            job = jobs_repo.get(session, job_id)
            assert job is not None and job.result is not None and job.result["fields"]["name"]["value"] == NAME
            for f in job.files:
                assert env.storage.load(f["key"]).startswith(b"\x89PNG")
            assert env.storage.load(f"{job_id}/card-0.jpg").startswith(b"\xff\xd8\xff")
        record = registry_repo.by_nik(session, "dukcapil", NIK)
        assert record is not None and record.as_dict()["name"] == NAME


def test_rotate_reencrypt_then_drop_the_old_key(env: Env) -> None:
    _client, headers = env.key()
    with crypto.using(OLD):
        import_sample_registry(env)
        first = env.submit(headers, claim={"nik": NIK})
        env.finish(first)
    assert _key_ids(env) == ({"old"}, {"old"})

    rotated = crypto.Keyring((NEW_KEY, *OLD.keys))  # the new key first: it encrypts; both decrypt
    with crypto.using(rotated):
        _read_everything(env, [first])  # old data stays readable
        second = env.submit(headers, claim={"nik": NIK})
        env.finish(second)
        rows, files = _key_ids(env)
        assert rows == {"old", "new"} and files == {"old", "new"}  # new writes use the new key

        with env.db().session() as session:
            report = privacy.reencrypt(session, env.storage).model_dump(mode="json")
        assert report["key"] == "new" and report["files"] == 2 and report["rows"]["registry_records"] > 0
        assert _key_ids(env) == ({"new"}, {"new"})
        with env.db().session() as session:  # idempotent: nothing left to move
            again = privacy.reencrypt(session, env.storage).model_dump(mode="json")
        assert again["files"] == 0 and not any(again["rows"].values())

    with crypto.using(crypto.Keyring((NEW_KEY,))):  # the old key dropped: everything still reads
        _read_everything(env, [first, second])


def test_reencrypt_seals_plaintext_written_before_issue_9(env: Env) -> None:
    """Rows and files from before encryption was on (plain JSON, plain text, plain files) read as they are and
    are sealed by reencrypt; their NIK hashes are filled in."""
    _client, headers = env.key()
    job_id = env.submit(headers)
    env.finish(job_id)
    plain = env.plain_storage
    plain.save(job_id, 0, env.storage.load(f"{job_id}/0"))
    with env.db().session() as session:
        job = jobs_repo.get(session, job_id)
        assert job is not None
        result = job.result
    with env.db().engine.begin() as conn:
        conn.execute(
            text("UPDATE verification_jobs SET result = :r, nik_hash = NULL, claim_nik_hash = NULL WHERE id = :id"),
            {"r": json.dumps(result), "id": job_id},
        )
    rows, files = _key_ids(env)
    assert None in rows and None in files
    with env.db().session() as session:
        job = jobs_repo.get(session, job_id)
        assert job is not None and job.result == result and job.nik_hash is None
        report = privacy.reencrypt(session, env.storage).model_dump(mode="json")
    assert report["nik_hashes_filled"] == 1 and report["files"] == 1
    assert _key_ids(env) == ({"dev"}, {"dev"})
    with env.db().session() as session:
        job = jobs_repo.get(session, job_id)
        assert job is not None and job.result == result and job.nik_hash == crypto.subject_hash(NIK)
