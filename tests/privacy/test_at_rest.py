"""Pasal 35: an extract of the database and the storage folder alone shows no NIK, name, address or image; with
the key everything reads back; with another key nothing does."""

from __future__ import annotations

import base64

import pytest
from pydantic import SecretStr

from service import crypto
from service.privacy import service as privacy
from service.registry import repository as registry_repo
from service.review import service as review
from service.review.tables import ReviewCorrection
from service.verifications import repository as jobs_repo
from service.verifications.model import VerificationResult
from tests.privacy.conftest import ADDRESS, NAME, NIK, SECRETS, Env, find_secrets, import_sample_registry

MAGIC = {"jpeg": b"\xff\xd8\xff", "png": b"\x89PNG", "pdf": b"%PDF"}
# signatures long enough that random ciphertext never holds them by chance (a 3-byte one would, in 200 KB)
SIGNATURES = (b"\x89PNG\r\n\x1a\n", b"JFIF\x00", b"IHDR", b"IDAT", b"%PDF-1.")


def _fill(env: Env) -> str:
    """One verification through every table that holds personal data: upload, card image, claim, result,
    webhook event, review audit with values, a correction, the registry."""
    import_sample_registry(env)
    _client, headers = env.key()
    job_id = env.submit(headers, claim={"nik": NIK, "name": NAME, "address": ADDRESS})
    env.finish(job_id)
    with env.db().session() as session:
        review.audit(
            session,
            "siti",
            "correct",
            role="clerk",
            verification_id=job_id,
            before={"name": NAME},
            after={"name": NAME + " X", "address": ADDRESS},
        )
        from service.review import repository as review_repo

        review_repo.add_correction(
            session,
            ReviewCorrection(
                verification_id=job_id,
                document_type="ktp",
                field="name",
                read_value=NAME,
                corrected_value=NAME + " X",
                confidence=0.5,
                bbox=[1, 2, 3, 4],
                page=0,
                pipeline_version="t",
                reviewer="siti",
            ),
        )
    return job_id


def test_database_and_folder_show_no_nik_name_address_or_image(env: Env) -> None:
    job_id = _fill(env)
    rows = env.raw_rows()
    assert rows["verification_jobs"] and rows["verification_events"] and rows["registry_records"]
    assert rows["review_audit"] and rows["review_corrections"] and rows["processing_records"]
    assert find_secrets(rows) == []
    assert not any(NIK[-8:] in line for lines in rows.values() for line in lines)  # not even half a NIK
    files = env.raw_files()
    assert set(files) == {f"{job_id}/0", f"{job_id}/card-0.jpg"}
    for data in files.values():
        assert data.startswith(crypto.BLOB_MAGIC)
        header = 5 + data[4] + 12  # DVE1, key id, nonce: the ciphertext starts here
        assert not any(data[header:].startswith(m) for m in MAGIC.values())
        assert not any(m in data for m in SIGNATURES)
        assert not any(s.encode() in data for s in SECRETS)
    # … and all of it is there with the key
    assert find_secrets(env.decrypted_rows())
    assert env.storage.load(f"{job_id}/0").startswith(MAGIC["png"])
    assert env.storage.load(f"{job_id}/card-0.jpg").startswith(MAGIC["jpeg"])
    got = env.api.get(f"/v1/verifications/{job_id}", headers=env.key("default")[1])
    assert got.status_code == 404  # another client: isolation unchanged
    with env.db().session() as session:
        job = jobs_repo.get(session, job_id)
        assert job is not None and job.result is not None and job.result["fields"]["nik"]["value"] == NIK
        assert job.claim == {"nik": NIK, "name": NAME, "address": ADDRESS}
        assert job.nik_hash == job.claim_nik_hash == crypto.subject_hash(NIK)
        record = registry_repo.by_nik(session, "dukcapil", NIK)
        assert record is not None and record.as_dict()["name"] == NAME


def test_without_the_key_nothing_reads(env: Env) -> None:
    job_id = _fill(env)
    other = crypto.Keyring((("other", b"\x01" * 32),))
    same_id = crypto.Keyring((("dev", b"\x02" * 32),))  # a wrong key under the right id
    for ring, error in ((other, crypto.KeyringError), (same_id, crypto.DecryptionError)):
        with crypto.using(ring):
            with pytest.raises(error):
                env.storage.load(f"{job_id}/0")
            with pytest.raises(error), env.db().session() as session:
                jobs_repo.get(session, job_id)


def test_registry_lookups_work_on_hashes(env: Env) -> None:
    """By NIK and by the blocking keys (birth date, first name word), though none is stored in clear."""
    from service.registry.matching import name_key

    import_sample_registry(env)
    with env.db().session() as session:
        by_date = registry_repo.candidates(session, "dukcapil", birth_date="1984-10-27", name_key=None, limit=50)
        by_name = registry_repo.candidates(session, "dukcapil", birth_date=None, name_key=name_key(NAME), limit=50)
        assert NIK in {r.as_dict()["nik"] for r in by_date} and NIK in {r.as_dict()["nik"] for r in by_name}
        assert registry_repo.by_nik(session, "dukcapil", "1905012710847739") is None


def test_keyring_setting_and_formats() -> None:
    key = crypto.Keyring.generate_key()
    ring = crypto.Keyring.parse(f"new:{key}, old:{base64.b64encode(b'k' * 32).decode()}")
    assert ring.primary == "new" and [k for k, _ in ring.keys] == ["new", "old"]
    sealed = ring.encrypt_text("CAHYANTO")
    assert sealed.startswith("dv1:new:") and "CAHYANTO" not in sealed
    assert ring.encrypt_text("CAHYANTO") != sealed  # a fresh nonce every time
    assert ring.decrypt_text(sealed) == "CAHYANTO" and ring.decrypt(ring.encrypt(b"\x89PNG")) == b"\x89PNG"
    assert ring.decrypt_text("legacy plaintext") == "legacy plaintext"
    tampered = sealed[:-4] + ("AAAA" if not sealed.endswith("AAAA") else "BBBB")
    with pytest.raises(crypto.DecryptionError):
        ring.decrypt_text(tampered)
    for bad in ("nokey", "a:!!!", f"a:{base64.b64encode(b'short').decode()}", f"a:{key},a:{key}", ""):
        with pytest.raises(crypto.KeyringError) as err:
            crypto.Keyring.parse(bad)
        assert key not in str(err.value)


def test_dev_keys_are_refused_outside_dev() -> None:
    from service.config import Settings

    assert Settings(env="dev").privacy_key_problem() is None
    assert "ENCRYPTION_KEYS" in (Settings(env="prod", nik_hash_key=SecretStr("x" * 32)).privacy_key_problem() or "")
    own = crypto.Keyring.parse(f"k1:{crypto.Keyring.generate_key()}").spec()
    assert "NIK_HASH_KEY" in (Settings(env="prod", encryption_keys=SecretStr(own)).privacy_key_problem() or "")
    mine = Settings(env="prod", encryption_keys=SecretStr(own), nik_hash_key=SecretStr("x" * 32))
    assert mine.privacy_key_problem() is None
    with pytest.raises(RuntimeError, match="ENCRYPTION_KEYS"):
        from service.main import create_app

        create_app(Settings(env="prod", nik_hash_key=SecretStr("x" * 32), review_enabled=False))


def test_nik_hash_matches_privacy_helper() -> None:
    misread = VerificationResult.load(
        {
            "id": "01JDTEST000000000000000000",
            "status": "completed",
            "document": {"type": "ktp", "pages": 1},
            "provenance": {"pipeline_version": "t"},
            "fields": {"nik": {"value": "1234", "confidence": 0.5}},
        }
    )
    read, claimed = privacy.nik_hashes({"nik": NIK}, misread)
    assert read is None and claimed == crypto.subject_hash(NIK)


def test_upload_errors_never_echo_the_file_name(env: Env) -> None:
    """A client's file name may carry a name or a NIK: errors name the file by its position."""
    _client, headers = env.key()
    name = f"KTP {NAME} {NIK}.png"
    for data in (b"", b"not an image at all"):
        resp = env.api.post("/v1/verifications", files={"file": (name, data, "image/png")}, headers=headers)
        assert 400 <= resp.status_code < 500 and "file 1" in resp.text, resp.text
        assert NAME not in resp.text and NIK not in resp.text
