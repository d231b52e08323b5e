"""Issue 24: docverify as a registry owner. `POST /v1/registries/{name}/verifications` answers per-field verdicts
to a client holding the operator-granted `registry_verify` scope, within its own rate limit; no answer holds a
record value or the NIK; every call is a processing record. And the re-assessment endpoint's refusals."""

from __future__ import annotations

import json
import uuid
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select

from service.config import Settings
from service.crypto import subject_hash
from service.db import database
from service.main import create_app
from service.privacy.tables import ProcessingRecord
from service.verifications import repository as jobs
from service.verifications.model import VerificationResult
from tests.integrators.helpers import finish, submit
from tests.service.test_registry import csv_bytes, row
from tests.stack import Caller

NIK = "3204123108900002"
OTHER = "3204123108900003"


def registry(api: TestClient, caller: Caller) -> str:
    name = f"reg-{uuid.uuid4().hex[:8]}"
    resp = api.post(
        f"/v1/registries/{name}/imports",
        headers=caller.headers,
        files={
            "file": (
                "r.csv",
                csv_bytes([row(NIK, "MUHAMMAD RIZKI PRATAMA"), row(OTHER, "SRI WAHYUNI", "1975-02-14")]),
                "text/csv",
            )
        },
    )
    assert resp.status_code == 201, resp.text
    return name


def ask(api: TestClient, caller: Caller, registry_name: str, nik: str = NIK, **fields: str) -> Any:
    return api.post(
        f"/v1/registries/{registry_name}/verifications", headers=caller.headers, json={"nik": nik, "fields": fields}
    )


def test_verdicts_without_values(api: TestClient, make_caller, int_settings: Settings) -> None:
    name = registry(api, make_caller("operator"))
    agency = make_caller("registry_verify")
    resp = ask(
        api,
        agency,
        name,
        name="MUHAMMAD RIZKY PRATAMA",
        birth_date="1990-08-31",
        birth_place="KOTA BANDUNG",
        address="JL MERDEKA 12",
        religion="KRISTEN",
        rt_rw="003/007",
    )
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert body["found"] is True and body["registry"] == name and body["reference"]
    fields = body["fields"]
    assert fields["name"]["match"] is True and 80 < fields["name"]["score"] < 100
    assert fields["birth_date"] == {"match": True, "score": 100.0, "near": None}
    assert fields["religion"]["match"] is False and fields["religion"]["score"] == 0.0
    assert set(fields) == {"name", "birth_date", "birth_place", "address", "religion", "rt_rw"}  # no extra fields
    text = resp.text
    for value in (
        "3204123108900002",
        "MUHAMMAD",
        "RIZKI",
        "ISLAM",
        "MERDEKA",
        "CIBEUNYING",
        "BANDUNG",
        "1990-08-31",
        "KARYAWAN",
        "LAKI-LAKI",
        "003/007",
    ):
        assert value not in text, value
    # a birth date one digit off says so (a likely misread), without either value
    near = ask(api, agency, name, birth_date="1990-08-30").json()["fields"]["birth_date"]
    assert near == {"match": False, "score": 0.0, "near": True}
    assert ask(api, agency, name, birth_date="1971-02-30").json()["fields"]["birth_date"]["near"] is False
    # an unknown NIK: found false, nothing else, no candidates by name or birth date
    unknown = ask(api, agency, name, "3204123108900009", name="MUHAMMAD RIZKI PRATAMA", birth_date="1990-08-31")
    assert unknown.status_code == 200
    assert unknown.json()["found"] is False and unknown.json()["fields"] == {} and unknown.json()["score"] is None
    assert "3204123108900009" not in unknown.text and "candidates" not in unknown.text
    # every call a processing record: which registry, which client, when, the NIK's keyed hash; no values
    with database(int_settings.sqlalchemy_url).session() as s:
        rows = s.scalars(
            select(ProcessingRecord).where(
                ProcessingRecord.action == "registry_answered", ProcessingRecord.client_id == agency.id
            )
        ).all()
        assert len(rows) == 4
        assert {r.nik_hash for r in rows} == {subject_hash(NIK), subject_hash("3204123108900009")}
        assert all(r.detail and r.detail["registry"] == name and r.at is not None for r in rows)
        assert [r.detail["found"] for r in rows].count(False) == 1
        assert NIK not in json.dumps([r.detail for r in rows]) and "MUHAMMAD" not in json.dumps(
            [r.detail for r in rows]
        )


def test_only_the_registry_verify_scope_asks(api: TestClient, make_caller) -> None:
    name = registry(api, make_caller("operator"))
    everything_else = make_caller("submit,read,admin,operator")
    resp = ask(api, everything_else, name, name="MUHAMMAD RIZKI PRATAMA")
    assert resp.status_code == 403 and resp.json()["error"]["code"] == "FORBIDDEN"
    assert resp.json()["error"]["detail"]["required_scope"] == "registry_verify"
    assert NIK not in resp.text and "MUHAMMAD" not in resp.text
    assert api.post(f"/v1/registries/{name}/verifications", json={"nik": NIK}).status_code == 401
    # a client's admin key cannot give itself the scope over the API: only the operator's CLI grants it
    grant = api.post("/v1/keys", headers=everything_else.headers, json={"scopes": ["registry_verify"]})
    assert grant.status_code == 422, grant.text


def test_bad_requests_echo_nothing(api: TestClient, make_caller) -> None:
    name = registry(api, make_caller("operator"))
    agency = make_caller("registry_verify")
    for body in (
        {"nik": NIK + "1"},
        {"nik": NIK, "fields": {"favourite_food": "x"}},
        {"nik": NIK, "fields": {"name": "MUHAMMAD " * 40}},
        {"nik": "32041231089000ab"},
    ):
        resp = api.post(f"/v1/registries/{name}/verifications", headers=agency.headers, json=body)
        assert resp.status_code == 422, resp.text
        assert NIK not in resp.text and "MUHAMMAD" not in resp.text and "favourite" not in resp.text
    missing = ask(api, agency, "no-such-registry", name="X")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "NOT_FOUND"


def test_the_verdict_rate_limit_is_per_client(int_settings: Settings, make_caller, api: TestClient) -> None:
    name = registry(api, make_caller("operator"))
    limited = int_settings.model_copy(update={"registry_verdict_rate_limit": 3, "registry_verdict_rate_window_s": 3600})
    with TestClient(create_app(limited), raise_server_exceptions=False) as app:
        first, second = make_caller("registry_verify"), make_caller("registry_verify")
        codes = [ask(app, first, name, name="X").status_code for _ in range(4)]
        assert codes == [200, 200, 200, 429]
        over = ask(app, first, name, name="X")
        assert over.json()["error"]["code"] == "RATE_LIMITED" and int(over.headers["Retry-After"]) >= 1
        assert ask(app, second, name, name="X").status_code == 200  # another client has its own count


def test_reassess_refuses_what_it_cannot_reassess(api: TestClient, make_caller, int_settings: Settings) -> None:
    caller = make_caller()
    assert api.post("/v1/verifications/01ARZ3NDEKTSV4RRFFQ69G5FAV/reassess", headers=caller.headers).status_code == 404
    job = submit(api, caller.headers)
    queued = api.post(f"/v1/verifications/{job}/reassess", headers=caller.headers)
    assert queued.status_code == 409 and queued.json()["error"]["code"] == "NOT_REASSESSABLE"
    finish(int_settings, job)  # needs_review, but with REGISTRY_NOT_CHECKED: its registry did not fail
    answered = api.post(f"/v1/verifications/{job}/reassess", headers=caller.headers)
    assert answered.status_code == 409 and "answered" in answered.json()["error"]["message"]
    # another client's verification does not exist for this one
    assert api.post(f"/v1/verifications/{job}/reassess", headers=make_caller().headers).status_code == 404
    assert api.post(f"/v1/verifications/{job}/reassess", headers=make_caller("read").headers).status_code == 403


def test_reassess_queues_a_verification_its_registry_left_unanswered(
    api: TestClient, make_caller, int_settings: Settings
) -> None:
    caller = make_caller()
    job = submit(api, caller.headers)
    finish(int_settings, job)
    with database(int_settings.sqlalchemy_url).session() as s:
        row_ = jobs.get(s, job)
        assert row_ is not None
        result = {
            **(row_.result or {}),
            "registry": {
                "status": "unavailable",
                "source": "dukcapil",
                "record_id": None,
                "score": None,
                "fields": {},
                "error": "timeout",
                "attempts": 3,
            },
        }
        assert jobs.update_result(s, job, expected_decision="needs_review", result=VerificationResult.load(result))
    resp = api.post(f"/v1/verifications/{job}/reassess", headers=caller.headers)
    assert resp.status_code == 202, resp.text
    assert resp.json() == {"id": job, "reassessment": "queued"}
    with database(int_settings.sqlalchemy_url).session() as s:
        actions = s.scalars(select(ProcessingRecord.action).where(ProcessingRecord.verification_id == job)).all()
    assert "reassessed" in actions


def test_reassessment_matches_the_stored_read_again(api: TestClient, make_caller, int_settings: Settings) -> None:
    """The worker's side, in-process (no OCR): the fields already read, matched against the job's registry
    (here an imported one) now that it answers; the new decision replaces needs_review and the caller is told."""
    from workers.reassessment import reassess_job

    name = registry(api, make_caller("operator"))
    caller = make_caller()
    job = submit(api, caller.headers, registry=name)
    finish(int_settings, job)
    read = {
        "nik": NIK,
        "name": "MUHAMMAD RIZKI PRATAMA",
        "birth_date": "1990-08-31",
        "sex": "LAKI-LAKI",
        "birth_place": "BANDUNG",
    }
    with database(int_settings.sqlalchemy_url).session() as s:
        row_ = jobs.get(s, job)
        assert row_ is not None
        result = {
            **(row_.result or {}),
            "fields": {k: {"value": v, "confidence": 0.99, "bbox": [0, 0, 1, 1], "page": 0} for k, v in read.items()},
            "reasons": [{"code": "REGISTRY_UNAVAILABLE", "message": "x", "severity": "review"}],
            "registry": {
                "status": "unavailable",
                "source": name,
                "record_id": None,
                "score": None,
                "fields": {},
                "error": "timeout",
                "attempts": 3,
            },
        }
        assert jobs.update_result(s, job, expected_decision="needs_review", result=VerificationResult.load(result))
    assert reassess_job(job, int_settings) == "reassessed"
    body = api.get(f"/v1/verifications/{job}", headers=caller.headers).json()
    assert body["decision"] == "verified", body
    assert body["registry"]["status"] == "match" and body["registry"]["source"] == name
    assert [r["code"] for r in body["reasons"]] == ["REGISTRY_MATCH"]
    events = api.get("/v1/webhooks/deliveries", headers=caller.headers).json()["items"]
    assert "verification.reassessed" in [e["type"] for e in events]
    # once decided, it is not re-assessed again
    assert reassess_job(job, int_settings) == "refused"
    assert api.post(f"/v1/verifications/{job}/reassess", headers=caller.headers).status_code == 409
