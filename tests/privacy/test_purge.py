"""Pasal 42–44: the purge removes exactly the expired personal data, keeps the minimal record, is idempotent
and logged, and honours per-client and per-type retention, open review cases and legal holds."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import text

from service.privacy import repository as privacy_repo
from service.privacy import service as privacy
from service.verifications import repository as jobs_repo
from tests.privacy.conftest import NIK, SECRETS, Env, find_secrets


def _purge(env: Env, **kw: object) -> privacy.PurgeReport:
    with env.db().session() as session:
        return privacy.purge(session, env.settings, env.storage, **kw)  # type: ignore[arg-type]


def test_purge_removes_exactly_the_expired_personal_data(env: Env, caplog: pytest.LogCaptureFixture) -> None:
    short, short_headers = env.key()  # a client with a 7-day policy
    plain, headers = env.key()  # the default: 90 days
    with env.db().session() as session:
        privacy.set_retention(session, short, "*", 7)
        privacy.set_retention(session, "*", "kk", 30)  # any client's KK: 30 days

    def job(h: dict[str, str], age: float, **finish: object) -> str:
        job_id = env.submit(h, claim={"nik": NIK})
        env.finish(job_id, **finish)  # type: ignore[arg-type]
        env.age(job_id, age)
        return job_id

    expired_default = job(headers, 91)
    fresh_default = job(headers, 89)
    expired_short = job(short_headers, 8)
    fresh_short = job(short_headers, 6)
    expired_kk = job(headers, 31, doc_type="kk")
    waiting_clerk = job(headers, 200, decision="needs_review")
    held = job(headers, 200)
    queued = env.submit(headers)
    env.age(queued, 300)  # never processed: not finished, not purged
    with env.db().session() as session:
        assert privacy.set_legal_hold(session, held, True, actor="test")

    dry = _purge(env, dry_run=True)
    assert sorted(dry.purged) == sorted([expired_default, expired_short, expired_kk])
    assert len(env.raw_files()) == 7 * 2 + 1  # a dry run changes nothing

    caplog.set_level(logging.INFO, logger="service.privacy.service")
    report = _purge(env)
    purged = sorted([expired_default, expired_short, expired_kk])
    assert sorted(report.purged) == purged
    assert "3 purged" in caplog.text and NIK not in caplog.text

    files = env.raw_files()
    for job_id in purged:
        assert not any(k.startswith(job_id) for k in files)
    for job_id in (fresh_default, fresh_short, waiting_clerk, held):
        assert {f"{job_id}/0", f"{job_id}/card-0.jpg"} <= set(files)
    assert f"{queued}/0" in files

    with env.db().session() as session:
        for job_id in purged:
            row = jobs_repo.get(session, job_id)
            assert row is not None and row.purged_at is not None
            # the minimal record: id, client, decision, dates, reason codes
            assert row.decision == "verified" and row.client_id in (short, plain)
            assert row.created_at and row.completed_at
            assert row.result is not None and [r["code"] for r in row.result["reasons"]] == ["REGISTRY_MATCH"]
            assert row.result["fields"] == {} and row.claim is None and row.files == []
            assert row.nik_hash is None and row.claim_nik_hash is None
            assert not find_secrets({"r": [str(row.result)]}, SECRETS)
            actions = [r.action for r in privacy_repo.records(session, verification_ids=[job_id])]
            assert actions[0] == "received" and actions[-1] == "purged"
        kept = jobs_repo.get(session, fresh_default)
        assert kept is not None and kept.result is not None and kept.result["fields"]["nik"]["value"] == NIK
    got = env.api.get(f"/v1/verifications/{expired_default}", headers=headers).json()
    assert got["decision"] == "verified" and got["fields"] == {} and got["personal_data"]["state"] == "purged"
    events = env.raw_rows()["verification_events"]
    assert not any(job_id in line for job_id in purged for line in events)

    assert _purge(env).purged == []  # idempotent
    env.age(fresh_default, 2)
    assert _purge(env).purged == [fresh_default]  # its day came


def test_processing_records_are_append_only(env: Env) -> None:
    _client, headers = env.key()
    env.submit(headers)
    with env.db().engine.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM processing_records")).scalar_one() == 1
    for statement in ("UPDATE processing_records SET actor = 'x'", "DELETE FROM processing_records"):
        with pytest.raises(Exception, match="append-only"), env.db().engine.begin() as conn:
            conn.execute(text(statement))
    assert not hasattr(privacy_repo, "delete_record") and not hasattr(privacy_repo, "update_record")


def test_retention_policy_arguments_are_checked(env: Env) -> None:
    from service.errors import InvalidField

    with env.db().session() as session:
        for args in (("c", "car", 5), ("c", "*", -1), ("", "*", 5)):
            with pytest.raises(InvalidField):
                privacy.set_retention(session, *args)
        privacy.set_retention(session, "c", "ktp", 10)
        listed = privacy.list_retention(session, env.settings).model_dump(mode="json")
    assert listed == {"default_days": 90, "policies": [{"client": "c", "document_type": "ktp", "days": 10}]}
    assert privacy.retention_days({("c", "ktp"): 10, ("*", "*"): 50}, 90, "c", "ktp") == 10
    assert privacy.retention_days({("c", "ktp"): 10, ("*", "*"): 50}, 90, "c", "kk") == 50
    assert privacy.retention_days({}, 90, "c", None) == 90


def test_the_fraud_screenings_rows_go_with_the_verification(env: Env) -> None:
    """The other domain holding data about a verification (the fraud screening's hashes and links) is wiped in
    the purge's transaction, and only for the purged verification."""
    from service.db import utcnow
    from service.fraud.tables import FraudSubmission

    _client, headers = env.key()
    old, kept = env.submit(headers), env.submit(headers)
    env.finish(old)
    env.finish(kept)
    env.age(old, 100)
    with env.db().session() as session:
        for job_id in (old, kept):
            session.add(
                FraudSubmission(
                    verification_id=job_id, client_id="fo", submitted_at=utcnow(), document_type="ktp", reason_codes=","
                )
            )
    assert _purge(env).purged == [old]
    with env.db().session() as session:
        left = {row.verification_id for row in session.query(FraudSubmission)}
    assert left == {kept}


def test_purge_deletes_files_left_without_a_verification(env: Env) -> None:
    """A submission refused after its files were written whose cleanup failed too (the object store went away
    mid-request) leaves files no verification refers to: the purge deletes them once they are an hour old, and
    never the files of a submission that may still be committing."""
    from datetime import timedelta

    from service.db import utcnow
    from service.ids import new_id

    _client, headers = env.key()
    kept = env.submit(headers)  # a verification of its own: untouched
    old_ms = int((utcnow() - timedelta(hours=2)).timestamp() * 1000)
    orphan = "".join("0123456789ABCDEFGHJKMNPQRSTVWXYZ"[(old_ms >> s) & 31] for s in range(45, -5, -5)) + new_id()[10:]
    fresh = new_id()  # being accepted right now: no row yet
    for job_id in (orphan, fresh):
        env.storage.save(job_id, 0, b"personal data")

    dry = _purge(env, dry_run=True)
    assert dry.orphans == [orphan] and f"{orphan}/0" in env.raw_files()
    report = _purge(env)
    assert report.orphans == [orphan] and report.to_json().orphans == 1
    files = env.raw_files()
    assert f"{orphan}/0" not in files and f"{fresh}/0" in files and f"{kept}/0" in files
    assert _purge(env).orphans == []
