"""Retake and rejected decisions before a clerk: each has its own queue beside needs_review, a clerk opens,
corrects and overturns (or confirms) them, and listing them holds neither retention nor erasure."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from service.config import Settings
from service.db import database
from service.errors import InvalidField, NotFound
from service.privacy import repository as privacy_repo
from service.review import service as review
from service.review.service import Actor, CaseAlreadyDecided, QueueFilters
from service.review.tables import ReviewAudit, ReviewCase
from service.storage import Storage
from service.verifications import repository as jobs
from service.verifications import service as verifications
from service.verifications.tables import VerificationEvent
from tests.review.seed import IMPOSTOR, PASSWORD, crafted_case, make_user

RETAKE = [{"code": "RETAKE_BLURRY", "message": "blurred; not read: name", "severity": "retake"}]


@pytest.fixture(scope="module")
def settings(review_settings: Settings) -> Settings:
    make_user(review_settings, "rina", "clerk")
    return review_settings


def clerk(settings: Settings) -> Actor:
    with database(settings.sqlalchemy_url).session() as s:
        found = review.login(s, settings, "rina", PASSWORD, "127.0.0.1")
    assert found is not None
    return found.actor


def listed(settings: Settings, decision: str | None, mark: str) -> list[str]:
    with database(settings.sqlalchemy_url).session() as s:
        view = review.queue(s, settings, clerk(settings), QueueFilters(reason=mark, decision=decision), "id")
    return [row["id"] for row in view.rows]


def test_each_decision_has_its_own_queue(settings: Settings) -> None:
    mark = "QUEUE_MARK"
    ids = {
        d: crafted_case(settings, decision=d, reasons=[*reasons, {"code": mark, "message": "x"}])
        for d, reasons in (("needs_review", []), ("retake", RETAKE), ("rejected", IMPOSTOR))
    }
    done = crafted_case(settings, decision="verified", reasons=[{"code": mark, "message": "x"}])
    assert listed(settings, None, mark) == [ids["needs_review"]]  # the default queue is unchanged
    assert listed(settings, "needs_review", mark) == [ids["needs_review"]]
    assert listed(settings, "retake", mark) == [ids["retake"]]
    assert listed(settings, "rejected", mark) == [ids["rejected"]]
    assert done not in listed(settings, "retake", mark) + listed(settings, "rejected", mark)
    rina = clerk(settings)
    with database(settings.sqlalchemy_url).session() as s:
        view = review.queue(s, settings, rina, QueueFilters(decision="retake"), "en")
        assert view.queues["retake"] >= 1 and view.queues["rejected"] >= 1 and view.queues["needs_review"] >= 1
        assert (
            view.counts["reason"]["RETAKE_BLURRY"] >= 1 and "NIK_BELONGS_TO_OTHER_PERSON" not in view.counts["reason"]
        )
        with pytest.raises(InvalidField):
            review.queue(s, settings, rina, QueueFilters(decision="verified"), "id")


def test_an_automatic_case_holds_neither_retention_nor_erasure(settings: Settings) -> None:
    retake = crafted_case(settings, decision="retake", reasons=RETAKE)
    listed(settings, "retake", "RETAKE_BLURRY")  # the queue indexes it
    with database(settings.sqlalchemy_url).session() as s:
        case = s.get(ReviewCase, retake)
        assert case is not None and case.state == "automatic"
        assert privacy_repo.open_case_ids(s, [retake]) == set()


def test_a_clerk_overturns_a_retake_and_the_caller_is_told(settings: Settings) -> None:
    db = database(settings.sqlalchemy_url)
    job_id = crafted_case(settings, decision="retake", reasons=RETAKE, callback_url="https://fo.example/hook")
    storage = Storage(settings.uploads_dir)
    with db.session() as s:
        view = review.case_view(s, settings, storage, clerk(settings), job_id, "id")
    assert view["open"] and view["automatic"] and view["decision"] == "retake"
    with db.session() as s:  # the clerk reads the name off the image, then approves
        assert review.correct(s, settings, clerk(settings), job_id, {"name": "BUDI SANTOSA"}) == 1
    with db.session() as s:
        job = jobs.get(s, job_id)
        assert job is not None and job.decision == "retake"  # a correction decides nothing
        assert verifications.view(job).decision == "retake"
    with db.session() as s:
        review.decide_case(s, clerk(settings), job_id, "approve", "legible enough")
    with db.session() as s:
        job = jobs.get(s, job_id)
        assert job is not None
        seen = verifications.view(job).to_json()
        events = [
            e.type for e in s.scalars(select(VerificationEvent).where(VerificationEvent.verification_id == job_id))
        ]
        audit = s.scalars(
            select(ReviewAudit).where(ReviewAudit.verification_id == job_id, ReviewAudit.action == "approve")
        ).one()
        case = s.get(ReviewCase, job_id)
        assert case is not None and case.state == "approved"
    assert seen["decision"] == "verified" and seen["review"]["outcome"] == "approved"
    assert events == ["verification.reviewed"]
    assert audit.before == {"decision": "retake"} and audit.after is not None
    assert audit.after["decision"] == "verified"
    assert job_id not in listed(settings, "retake", "RETAKE_BLURRY")
    with db.session() as s, pytest.raises(CaseAlreadyDecided):
        review.decide_case(s, clerk(settings), job_id, "reject", "too late")


@pytest.mark.parametrize(("action", "decision"), [("approve", "verified"), ("reject", "rejected")])
def test_a_clerk_overturns_or_confirms_an_automatic_rejection(settings: Settings, action: str, decision: str) -> None:
    db = database(settings.sqlalchemy_url)
    job_id = crafted_case(settings, decision="rejected", reasons=IMPOSTOR)
    with db.session() as s:
        review.decide_case(s, clerk(settings), job_id, action, "checked against the KK")
    with db.session() as s:
        job = jobs.get(s, job_id)
        case = s.get(ReviewCase, job_id)
        assert job is not None and case is not None
        assert job.decision == decision and case.state == {"approve": "approved", "reject": "rejected"}[action]
    assert job_id not in listed(settings, "rejected", "NIK_BELONGS_TO_OTHER_PERSON")


def test_a_verified_case_is_not_a_review_case(settings: Settings) -> None:
    job_id = crafted_case(settings, decision="verified", reasons=[])
    with database(settings.sqlalchemy_url).session() as s, pytest.raises(NotFound):
        review.case_view(s, settings, Storage(settings.uploads_dir), clerk(settings), job_id, "id")


def test_retake_has_words_in_both_languages() -> None:
    from service.review import i18n

    assert i18n.decision_label("retake", "id") == "Foto ulang" and i18n.decision_label("retake", "en") == "Retake"
    for d in ("needs_review", "retake", "rejected"):
        assert i18n.t(f"queue_{d}", "id") != f"queue_{d}"


def test_the_queue_page_has_a_tab_per_decision_and_the_case_page_says_it_was_automatic(settings: Settings) -> None:
    from tests.review.test_routes import logged_in

    job_id = crafted_case(settings, decision="retake", reasons=RETAKE)
    with logged_in(settings, "rina") as client:
        default = client.get("/review/")
        tab = client.get("/review/?decision=retake")
        case = client.get(f"/review/cases/{job_id}")
        bad = client.get("/review/?decision=verified")
    assert default.status_code == 200 and 'id="queue-retake"' in default.text and job_id not in default.text
    assert tab.status_code == 200 and job_id in tab.text and "Perlu foto ulang" in tab.text
    assert 'name="decision" value="retake"' in tab.text  # the other filters stay in this queue
    assert case.status_code == 200 and 'id="automatic-decision"' in case.text and "Foto ulang" in case.text
    assert 'id="approve"' in case.text and 'id="decided"' not in case.text
    assert bad.status_code == 422
