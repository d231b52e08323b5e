"""Issue 21: a citizen's objection (POST /v1/verifications/{id}/objections) puts an automatic decision in front
of a clerk, and a clerk changes or confirms an automatic decision only with a reason; the caller is told with
`verification.reviewed`."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from service.config import Settings
from service.db import database
from service.errors import InvalidField
from service.main import create_app
from service.privacy import repository as privacy_repo
from service.review import service as review
from service.review.service import Actor, QueueFilters
from service.review.tables import ReviewAudit, ReviewCase
from service.verifications import repository as jobs
from service.verifications.tables import VerificationEvent
from tests.review.seed import IMPOSTOR, PASSWORD, crafted_case, make_user
from tests.stack import bearer, issue_key


@pytest.fixture(scope="module")
def settings(review_settings: Settings) -> Settings:
    make_user(review_settings, "wayan", "clerk")
    return review_settings


@pytest.fixture(scope="module")
def api(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        yield client


def clerk(settings: Settings) -> Actor:
    with database(settings.sqlalchemy_url).session() as s:
        found = review.login(s, settings, "wayan", PASSWORD, "127.0.0.1")
    assert found is not None
    return found.actor


def main_queue(settings: Settings) -> list[str]:
    with database(settings.sqlalchemy_url).session() as s:
        view = review.queue(s, settings, clerk(settings), QueueFilters(reason="CITIZEN_OBJECTION"), "id")
    return [row["id"] for row in view.rows]


@pytest.mark.parametrize("decision", ["rejected", "verified", "retake"])
def test_an_objection_puts_an_automatic_decision_in_the_queue(
    settings: Settings, api: TestClient, decision: str
) -> None:
    _client, key = issue_key(settings, "frontoffice", "submit,read")
    job_id = crafted_case(
        settings,
        decision=decision,
        reasons=IMPOSTOR if decision == "rejected" else [],
        callback_url="https://fo.example/hook",
    )
    assert job_id not in main_queue(settings)
    resp = api.post(
        f"/v1/verifications/{job_id}/objections", json={"reason": "Ini NIK saya sendiri"}, headers=bearer(key)
    )
    assert resp.status_code == 202, resp.text
    assert resp.json()["decision"] == decision and resp.json()["state"] == "objection"
    assert job_id in main_queue(settings)
    again = api.post(f"/v1/verifications/{job_id}/objections", json={"reason": "lagi"}, headers=bearer(key))
    assert again.status_code == 409 and again.json()["error"]["code"] == "OBJECTION_REFUSED"
    db = database(settings.sqlalchemy_url)
    with db.session() as s:
        assert privacy_repo.open_case_ids(s, [job_id]) == {job_id}  # a pending objection holds erasure
        row = s.scalars(
            select(ReviewAudit).where(ReviewAudit.verification_id == job_id, ReviewAudit.action == "objection")
        ).one()
        assert row.actor == "client:frontoffice" and row.after is not None
        assert row.after["reason"] == "Ini NIK saya sendiri"
        view = review.case_view(s, settings, review_storage(settings), clerk(settings), job_id, "id")
        assert view["open"] and view["automatic"] and view["objection"]["reason"] == "Ini NIK saya sendiri"
    with db.session() as s, pytest.raises(InvalidField):  # the automatic decision was sent: a reason is required
        review.decide_case(s, clerk(settings), job_id, "approve", "")
    with db.session() as s:
        review.decide_case(s, clerk(settings), job_id, "approve", "foto KTP cocok dengan pemohon")
    with db.session() as s:
        job = jobs.get(s, job_id)
        case = s.get(ReviewCase, job_id)
        events = [
            e.type for e in s.scalars(select(VerificationEvent).where(VerificationEvent.verification_id == job_id))
        ]
        assert job is not None and case is not None
        assert job.decision == "verified" and case.state == "approved"
        assert events == ["verification.reviewed"]
        assert (job.result or {})["review"]["reason"] == "foto KTP cocok dengan pemohon"
    assert job_id not in main_queue(settings)


def review_storage(settings: Settings):  # type: ignore[no-untyped-def]
    from service.storage import Storage

    return Storage(settings.uploads_dir)


def test_objections_are_refused_where_they_mean_nothing(settings: Settings, api: TestClient) -> None:
    _client, key = issue_key(settings, "frontoffice", "submit,read")
    waiting = crafted_case(settings)  # needs_review: already before a clerk
    resp = api.post(f"/v1/verifications/{waiting}/objections", json={"reason": "keberatan"}, headers=bearer(key))
    assert resp.status_code == 409 and resp.json()["error"]["code"] == "OBJECTION_REFUSED"
    other = crafted_case(settings, decision="rejected", reasons=IMPOSTOR, client="another-office")
    resp = api.post(f"/v1/verifications/{other}/objections", json={"reason": "keberatan"}, headers=bearer(key))
    assert resp.status_code == 404  # another client's verification does not exist for this one
    mine = crafted_case(settings, decision="rejected", reasons=IMPOSTOR)
    short = api.post(f"/v1/verifications/{mine}/objections", json={"reason": "x"}, headers=bearer(key))
    assert short.status_code == 422
    with database(settings.sqlalchemy_url).session() as s:
        review.decide_case(s, clerk(settings), mine, "reject", "dicek dengan KK: memang orang lain")
    decided = api.post(f"/v1/verifications/{mine}/objections", json={"reason": "keberatan"}, headers=bearer(key))
    assert decided.status_code == 409  # a clerk already decided: the objection is not automatic processing
    _c, read_only = issue_key(settings, "frontoffice", "read")
    fresh = crafted_case(settings, decision="rejected", reasons=IMPOSTOR)
    assert (
        api.post(
            f"/v1/verifications/{fresh}/objections", json={"reason": "keberatan"}, headers=bearer(read_only)
        ).status_code
        == 403
    )


def test_overturning_an_automatic_rejection_needs_a_reason(settings: Settings) -> None:
    job_id = crafted_case(settings, decision="rejected", reasons=IMPOSTOR)
    db = database(settings.sqlalchemy_url)
    with db.session() as s, pytest.raises(InvalidField):
        review.decide_case(s, clerk(settings), job_id, "approve", None)
    with db.session() as s:
        review.decide_case(s, clerk(settings), job_id, "approve", "dicek dengan KK")
    with db.session() as s:
        job = jobs.get(s, job_id)
        assert job is not None and job.decision == "verified"
