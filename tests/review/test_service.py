"""The review use cases on the real database: accounts and lockout, sessions, queue filters and counts,
corrections that re-run matching, decisions that reach the Verification, and the audit rows."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import select

from service.config import Settings
from service.db import database
from service.errors import Forbidden, InvalidField, NotFound
from service.review import regions, security
from service.review import service as review
from service.review.service import Actor, CaseAlreadyDecided, QueueFilters
from service.review.tables import ReviewAudit, ReviewCorrection
from service.storage import Storage
from service.verifications import repository as jobs
from service.verifications import service as verifications
from service.verifications.tables import VerificationEvent
from tests.review.seed import PASSWORD, crafted_case, import_registry, make_user

REGISTERED = {"nik": "1905012710847738", "name": "CAHYANTO"}  # a row of samples/ktp/registry.csv


@pytest.fixture(scope="module")
def settings(review_settings: Settings) -> Settings:
    import_registry(review_settings)
    make_user(review_settings, "siti", "clerk")
    make_user(review_settings, "bambang", "supervisor")
    return review_settings


@pytest.fixture()
def session(settings: Settings) -> Iterator[Any]:
    with database(settings.sqlalchemy_url).session() as s:
        yield s


def actor(settings: Settings, username: str = "siti") -> Actor:
    with database(settings.sqlalchemy_url).session() as s:
        found = review.login(s, settings, username, PASSWORD, "127.0.0.1")
    assert found is not None
    return found.actor


def audit_rows(settings: Settings, verification_id: str) -> list[ReviewAudit]:
    with database(settings.sqlalchemy_url).session() as s:
        return list(
            s.scalars(
                select(ReviewAudit).where(ReviewAudit.verification_id == verification_id).order_by(ReviewAudit.id)
            )
        )


# accounts and sessions


def test_passwords_are_argon2_and_checked() -> None:
    stored = security.hash_password("s3cret-enough")
    assert stored.startswith("$argon2id$")
    assert security.verify_password(stored, "s3cret-enough")
    assert not security.verify_password(stored, "wrong")
    assert not security.verify_password(None, "anything")
    assert not security.verify_password("not a hash", "anything")


def test_create_user_validates(settings: Settings, session: Any) -> None:
    with pytest.raises(InvalidField):
        review.create_user(session, settings, "Bad Name!", PASSWORD, "clerk")
    with pytest.raises(InvalidField):
        review.create_user(session, settings, "newclerk", "short", "clerk")
    with pytest.raises(InvalidField):
        review.create_user(session, settings, "newclerk", PASSWORD, "admin")
    with pytest.raises(InvalidField):
        review.create_user(session, settings, "siti", PASSWORD, "clerk")


def test_login_session_and_logout(settings: Settings) -> None:
    db = database(settings.sqlalchemy_url)
    with db.session() as s:
        found = review.login(s, settings, "SITI ", PASSWORD, "10.0.0.1")
    assert found is not None and found.actor.role == "clerk"
    with db.session() as s:
        again = review.actor_for(s, settings, found.token, None)
        assert again is not None and again.username == "siti" and again.csrf_token == found.actor.csrf_token
        assert review.actor_for(s, settings, "forged-token", None) is None
        review.logout(s, again)
    with db.session() as s:
        assert review.actor_for(s, settings, found.token, None) is None


def test_session_token_is_stored_only_as_hmac(settings: Settings) -> None:
    from service.review.tables import ReviewSession

    db = database(settings.sqlalchemy_url)
    with db.session() as s:
        found = review.login(s, settings, "siti", PASSWORD, None)
    assert found is not None
    with db.session() as s:
        hashes = set(s.scalars(select(ReviewSession.token_hash)))
    assert found.token not in hashes
    assert security.token_hash(settings.review_session_secret.get_secret_value(), found.token) in hashes


def test_repeated_failures_lock_the_account(settings: Settings) -> None:
    db = database(settings.sqlalchemy_url)
    make_user(settings, "locky", "clerk")
    for _ in range(settings.review_max_failed_logins):
        with db.session() as s:
            assert review.login(s, settings, "locky", "wrong password", None) is None
    with db.session() as s:  # locked: the right password is refused too
        assert review.login(s, settings, "locky", PASSWORD, None) is None
    with db.session() as s:
        actions = list(s.scalars(select(ReviewAudit.action).where(ReviewAudit.actor == "locky")))
    assert actions.count("login_failed") == settings.review_max_failed_logins + 1
    assert "account_locked" in actions
    with db.session() as s:
        review.unlock(s, "locky")
    with db.session() as s:
        assert review.login(s, settings, "locky", PASSWORD, None) is not None


def test_unknown_user_fails_like_a_wrong_password(settings: Settings, session: Any) -> None:
    assert review.login(session, settings, "nobody", PASSWORD, None) is None
    assert review.login(session, settings, "", "", None) is None


def test_default_secret_is_refused_outside_dev(settings: Settings) -> None:
    assert settings.review_secret_problem() is None
    prod = settings.model_copy(update={"env": "prod"})
    assert "DOCVERIFY_REVIEW_SESSION_SECRET" in (prod.review_secret_problem() or "")
    from pydantic import SecretStr

    ok = prod.model_copy(update={"review_session_secret": SecretStr("x" * 40)})
    assert ok.review_secret_problem() is None
    assert prod.review_secure_cookies and not settings.review_secure_cookies


# queue


def test_province_from_nik_or_printed_header() -> None:
    assert regions.province_code("3204123108900002", None) == "32"
    assert regions.province_code(None, "PROVINSI JAWA TIMUR") == "35"
    assert regions.province_code("0000000000000000", "DKI JAKARTA") == "31"
    assert regions.province_code(None, None) is None


def test_queue_oldest_first_with_filters_and_counts(settings: Settings) -> None:
    clerk = actor(settings)
    mark = "QUEUE_TEST_MARK"
    first = crafted_case(settings, nik="3204123108900002", reasons=[{"code": mark, "message": "x"}])
    second = crafted_case(
        settings,
        nik="3578011203850001",
        province="JAWA TIMUR",
        reasons=[{"code": mark, "message": "x"}, {"code": "REGISTRY_NOT_FOUND", "message": "y"}],
    )
    third = crafted_case(
        settings, nik="3171010101900001", doc_type="unknown", province=None, reasons=[{"code": mark, "message": "x"}]
    )
    db = database(settings.sqlalchemy_url)
    with db.session() as s:
        view = review.queue(s, settings, clerk, QueueFilters(reason=mark), "id")
    assert [r["id"] for r in view.rows] == [first, second, third]
    assert view.matching == 3 and view.counts["reason"][mark] == 3
    assert view.rows[0]["nik"] == "************0002"
    with db.session() as s:
        east = review.queue(s, settings, clerk, QueueFilters(reason=mark, region="35"), "id")
        doc = review.queue(s, settings, clerk, QueueFilters(reason=mark, document_type="unknown"), "en")
        both = review.queue(s, settings, clerk, QueueFilters(reason="REGISTRY_NOT_FOUND", region="35"), "id")
    assert [r["id"] for r in east.rows] == [second]
    assert [r["id"] for r in doc.rows] == [third]
    assert second in [r["id"] for r in both.rows]
    assert east.counts["region"]["35"] >= 1 and east.counts["region"]["31"] >= 1
    with db.session() as s, pytest.raises(InvalidField):
        review.queue(s, settings, clerk, QueueFilters(region="99"), "id")
    with db.session() as s:
        views = list(
            s.scalars(select(ReviewAudit).where(ReviewAudit.actor == "siti", ReviewAudit.action == "view_queue"))
        )
    assert any(v.after is not None and v.after["filters"] == {"reason": mark} for v in views)


def test_queue_skips_decided_and_other_decisions(settings: Settings) -> None:
    clerk = actor(settings)
    mark = "SKIP_TEST_MARK"
    job_id = crafted_case(settings, reasons=[{"code": mark, "message": "x"}])
    with database(settings.sqlalchemy_url).session() as s:
        review.decide_case(s, clerk, job_id, "approve", None)
    with database(settings.sqlalchemy_url).session() as s:
        view = review.queue(s, settings, clerk, QueueFilters(reason=mark), "id")
    assert view.rows == []


# a case


def test_case_view_masks_nik_and_writes_an_audit_row(settings: Settings) -> None:
    clerk = actor(settings)
    job_id = crafted_case(settings)
    storage = Storage(settings.uploads_dir)
    with database(settings.sqlalchemy_url).session() as s:
        view = review.case_view(s, settings, storage, clerk, job_id, "id")
    nik_row = next(f for f in view["fields"] if f["key"] == "nik")
    assert nik_row["value"] == "************0002" and not nik_row["editable"]
    assert view["pages"][0]["boxes"] and view["pages"][0]["width"] == 1000
    assert {f["key"] for f in view["pages"][0]["fields"]} >= {"nik", "name"}
    assert view["reasons"][0]["text"] == "Nama terbaca kurang yakin; periksa dengan gambar."
    with database(settings.sqlalchemy_url).session() as s:
        en = review.case_view(s, settings, storage, clerk, job_id, "en", audit_view=False)
    assert en["reasons"][0]["text"].startswith("Name was read with low confidence")
    with database(settings.sqlalchemy_url).session() as s:
        assert review.reveal_nik(s, clerk, job_id) == "3204123108900002"
    rows = audit_rows(settings, job_id)
    assert [r.action for r in rows] == ["view_case", "reveal_nik"]
    assert all("3204123108900002" not in str(r.before) + str(r.after) for r in rows)


def test_unknown_or_malformed_case_is_not_found(settings: Settings, session: Any) -> None:
    clerk = actor(settings)
    storage = Storage(settings.uploads_dir)
    for bad in ("01ARZ3NDEKTSV4RRFFQ69G5FAV", "../etc/passwd", "x"):
        with pytest.raises(NotFound):
            review.case_view(session, settings, storage, clerk, bad, "id")


def test_correction_reruns_matching_and_is_kept_as_example(settings: Settings) -> None:
    clerk = actor(settings)
    job_id = crafted_case(
        settings,
        nik=REGISTERED["nik"],
        name="CAHYAMTO",
        province=None,
        reasons=[{"code": "REGISTRY_FIELD_MISMATCH", "message": "name differs", "field": "name", "severity": "review"}],
        registry={
            "status": "mismatch",
            "source": "dukcapil",
            "record_id": "1",
            "score": 80.0,
            "fields": {"name": {"document": "CAHYAMTO", "registry": "CAHYANTO", "score": 87.5}},
        },
    )
    db = database(settings.sqlalchemy_url)
    with db.session() as s:
        assert review.correct(s, settings, clerk, job_id, {"name": "cahyanto ", "sex": "LAKI-LAKI"}) == 1
    with db.session() as s:
        job = jobs.get(s, job_id)
        assert job is not None and job.result is not None and job.decision == "needs_review"
        name = job.result["fields"]["name"]
        assert name["value"] == "CAHYANTO" and name["corrected"] and name["read_value"] == "CAHYAMTO"
        assert job.result["registry"]["fields"]["name"]["score"] == 100.0
        corrections = list(s.scalars(select(ReviewCorrection).where(ReviewCorrection.verification_id == job_id)))
    assert [(c.field, c.read_value, c.corrected_value, c.reviewer) for c in corrections] == [
        ("name", "CAHYAMTO", "CAHYANTO", "siti")
    ]
    assert corrections[0].bbox == [252, 143, 480, 169] and corrections[0].registry_score_before == 80.0
    audit = [r for r in audit_rows(settings, job_id) if r.action == "correct"]
    assert audit[0].before is not None and audit[0].before["fields"] == {"name": "CAHYAMTO"}
    assert audit[0].after is not None and audit[0].after["fields"] == {"name": "CAHYANTO"}
    with db.session() as s:  # nothing changed: no new row
        assert review.correct(s, settings, clerk, job_id, {"name": "CAHYANTO"}) == 0
    with db.session() as s, pytest.raises(InvalidField):
        review.correct(s, settings, clerk, job_id, {"birth_date": "31-08-1990"})
    with db.session() as s, pytest.raises(InvalidField):
        review.correct(s, settings, clerk, job_id, {"password": "x"})


def test_approve_updates_the_verification_and_queues_an_event(settings: Settings) -> None:
    clerk = actor(settings)
    job_id = crafted_case(settings, callback_url="https://frontoffice.example/hook")
    db = database(settings.sqlalchemy_url)
    with db.session() as s:
        review.decide_case(s, clerk, job_id, "approve", None)
    with db.session() as s:
        job = verifications.load_for_review(s, job_id)
        assert job is not None
        seen = verifications.view(job).to_json()
        events = list(s.scalars(select(VerificationEvent).where(VerificationEvent.verification_id == job_id)))
        payloads = [e.payload for e in events]  # deferred (issue 9: decrypted only when needed): read in session
    assert seen["decision"] == "verified"
    assert seen["review"]["reviewer"] == "siti" and seen["review"]["outcome"] == "approved"
    assert seen["review"]["reviewed_at"] and seen["reasons"][-1]["code"] == "CLERK_APPROVED"
    assert [e.type for e in events] == ["verification.reviewed"]
    assert events[0].callback_url == "https://frontoffice.example/hook" and events[0].delivered_at is None
    assert payloads[0]["data"]["decision"] == "verified"
    decision = next(r for r in audit_rows(settings, job_id) if r.action == "approve")
    assert decision.actor == "siti" and decision.before == {"decision": "needs_review"}
    assert decision.after is not None and decision.after["decision"] == "verified"
    with db.session() as s, pytest.raises(CaseAlreadyDecided):
        review.decide_case(s, clerk, job_id, "reject", "too late")


def test_reject_needs_a_reason_and_resubmission_rejects(settings: Settings) -> None:
    clerk = actor(settings)
    db = database(settings.sqlalchemy_url)
    job_id = crafted_case(settings)
    with db.session() as s, pytest.raises(InvalidField):
        review.decide_case(s, clerk, job_id, "reject", "  ")
    with db.session() as s:
        review.decide_case(s, clerk, job_id, "reject", "photo is of a different person")
    other = crafted_case(settings)
    with db.session() as s:
        review.decide_case(s, clerk, other, "resubmit", "glare over the NIK")
    with db.session() as s:
        rejected = verifications.view(jobs.get(s, job_id)).to_json()  # type: ignore[arg-type]
        resubmit = verifications.view(jobs.get(s, other)).to_json()  # type: ignore[arg-type]
    assert rejected["decision"] == "rejected" and rejected["review"]["reason"] == "photo is of a different person"
    assert resubmit["decision"] == "rejected" and resubmit["review"]["outcome"] == "resubmission_requested"
    assert resubmit["reasons"][-1]["code"] == "RESUBMISSION_REQUESTED"


def test_audit_page_is_for_supervisors(settings: Settings) -> None:
    clerk, supervisor = actor(settings, "siti"), actor(settings, "bambang")
    db = database(settings.sqlalchemy_url)
    with db.session() as s:
        assert not review.can_view_audit(s, clerk)
        with pytest.raises(Forbidden):
            review.audit_page(s, clerk, who=None, action=None, verification_id=None, before_id=None)
    with db.session() as s:
        assert review.can_view_audit(s, supervisor)
        page = review.audit_page(s, supervisor, who="siti", action="forbidden", verification_id=None, before_id=None)
    assert page["rows"] and all(r.actor == "siti" and r.action == "forbidden" for r in page["rows"])


def test_audit_masks_niks_anywhere() -> None:
    masked = review.mask_personal({"a": "nik 3204123108900002 here", "b": ["3204123108900002"], "c": 5})
    assert masked == {"a": "nik ************0002 here", "b": ["************0002"], "c": 5}
