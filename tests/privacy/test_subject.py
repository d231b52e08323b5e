"""Pasal 32 and 43–44: a data-subject request finds every record of a NIK, exports it, and erasure leaves no
trace of the person outside the minimal records (where the law allows it). Pasal 46: the breach report."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from service import crypto
from service.db import utcnow
from service.errors import ErasureRefused
from service.privacy import service as privacy
from service.registry import repository as registry_repo
from service.review import service as review
from service.review.tables import ReviewCorrection
from tests.privacy.conftest import (
    ADDRESS,
    NAME,
    NIK,
    OTHER_PERSON,
    TRUTH,
    Env,
    find_secrets,
    import_sample_registry,
)

OTHER_NIK, OTHER_NAME = OTHER_PERSON["nik"], OTHER_PERSON["name"]


def _people(env: Env) -> dict[str, list[str]]:
    """The person in three verifications of two clients (one only by the claimed NIK), someone else in one."""
    import_sample_registry(env)
    a, a_headers = env.key()
    b, b_headers = env.key()
    by_document = env.submit(a_headers)
    env.finish(by_document)
    by_claim = env.submit(a_headers, claim={"nik": NIK, "name": NAME, "address": ADDRESS})
    env.finish(by_claim, other=True)  # the card read says otherwise
    at_b = env.submit(b_headers, claim={"nik": NIK})
    env.finish(at_b)
    other = env.submit(a_headers)
    env.finish(other, other=True)
    with env.db().session() as session:
        review.audit(session, "siti", "view_case", role="clerk", verification_id=by_document)
        review.audit(
            session,
            "siti",
            "correct",
            role="clerk",
            verification_id=by_document,
            before={"address": ADDRESS},
            after={"address": ADDRESS + " BARU"},
        )
        from service.review import repository as review_repo

        review_repo.add_correction(
            session,
            ReviewCorrection(
                verification_id=by_document,
                document_type="ktp",
                field="address",
                read_value=ADDRESS,
                corrected_value=ADDRESS + " BARU",
                reviewer="siti",
            ),
        )
    return {
        "a": [a, *a_headers.values()],
        "b": [b, *b_headers.values()],
        "mine": [by_document, by_claim, at_b],
        "other": [other],
    }


def test_export_finds_every_record_of_a_nik(env: Env, tmp_path) -> None:
    people = _people(env)
    with env.db().session() as session:
        data = privacy.export(session, NIK, client_id=None, actor_type="supervisor", actor="cli:test").model_dump(
            mode="json"
        )
    mine = sorted(people["mine"])
    assert [v["id"] for v in data["verifications"]] == mine
    assert sorted(o["id"] for o in data["verification_objects"]) == mine
    by_id = {o["id"]: o for o in data["verification_objects"]}
    assert by_id[people["mine"][0]]["fields"]["name"]["value"] == NAME
    assert by_id[people["mine"][1]]["claim"]["nik"] == NIK  # found through the claim
    records = data["processing_records"]
    assert {r["verification_id"] for r in records} == set(mine)
    assert {"received", "ocr", "matched", "decided", "viewed", "corrected"} <= {r["action"] for r in records}
    # the hash of the NIK known at that step (none yet when a card without a claim is received)
    assert {r["nik_hash"] for r in records} == {crypto.subject_hash(NIK), crypto.subject_hash(OTHER_NIK), None}
    assert [r["registry"] for r in data["registry_records"]] == ["dukcapil"]
    assert data["registry_records"][0]["record"]["name"] == NAME
    json.dumps(data)  # JSON all the way
    with env.db().session() as session:  # the export itself is recorded, per verification
        listing = privacy.subject(session, NIK, client_id=None, actor_type="supervisor", actor="cli:test").model_dump(
            mode="json"
        )
    assert sum(r["action"] == "exported" for r in listing["processing_records"]) == 3

    # over the API, a client's admin key sees only its own
    a, key_a = people["a"][0], people["a"][1]
    resp = env.api.post("/v1/privacy/subjects/export", json={"nik": NIK}, headers={"Authorization": key_a})
    assert resp.status_code == 200, resp.text
    assert sorted(v["id"] for v in resp.json()["verifications"]) == sorted(people["mine"][:2])
    assert all(v["client_id"] == a for v in resp.json()["verifications"])
    assert resp.json()["registries"] == []


def test_api_needs_the_admin_scope_and_never_echoes_the_nik(env: Env) -> None:
    _client, read_only = env.key(scopes="read")
    resp = env.api.post("/v1/privacy/subjects/search", json={"nik": NIK}, headers=read_only)
    assert resp.status_code == 403
    _client, admin = env.key()
    for bad in ("19050127108477", "19050127108477xx", NIK + "1"):
        resp = env.api.post("/v1/privacy/subjects/search", json={"nik": bad}, headers=admin)
        assert resp.status_code == 422 and bad not in resp.text and bad[:10] not in resp.text
    with env.db().session() as session, pytest.raises(Exception) as err:
        privacy.subject(session, "1905 0127 1084 773", client_id=None, actor_type="supervisor", actor="t").model_dump(
            mode="json"
        )
    assert "1905" not in str(err.value)


def test_erasure_leaves_no_trace_outside_the_minimal_records(env: Env) -> None:
    people = _people(env)
    with env.db().session() as session:
        out = privacy.erase(
            session, env.storage, NIK, client_id=None, actor_type="supervisor", actor="cli:test"
        ).model_dump(mode="json")
    assert sorted(out["erased"]) == sorted(people["mine"])

    secrets = (NIK, NAME, ADDRESS, TRUTH["birth_place"], TRUTH["birth_date"], NIK[-8:])
    rows = env.decrypted_rows()  # every table, every encrypted value opened
    rows.pop("registry_records")  # the issuing authority's copy (docs/privacy.md): checked below
    assert find_secrets(rows, secrets) == []
    files = env.decrypted_files()
    assert not any(k.startswith(tuple(people["mine"])) for k in files)
    assert set(files) == {f"{people['other'][0]}/0", f"{people['other'][0]}/card-0.jpg"}
    with env.db().session() as session:
        assert registry_repo.by_nik(session, "dukcapil", NIK) is not None
        # the minimal records stay, and the person can still be told what happened (by the NIK's hash)
        listing = privacy.subject(session, NIK, client_id=None, actor_type="supervisor", actor="cli:test").model_dump(
            mode="json"
        )
    assert sorted(v["id"] for v in listing["verifications"]) == sorted(people["mine"])
    assert {v["personal_data"] for v in listing["verifications"]} == {"purged"}
    assert {v["decision"] for v in listing["verifications"]} == {"verified"}
    assert sum(r["action"] == "erased" for r in listing["processing_records"]) == 3
    # someone else's verification is untouched
    other = env.api.get(f"/v1/verifications/{people['other'][0]}", headers={"Authorization": people["a"][1]})
    assert other.json()["fields"]["name"]["value"] == OTHER_NAME
    with env.db().session() as session:  # again: nothing more to erase
        assert (
            privacy.erase(session, env.storage, NIK, client_id=None, actor_type="supervisor", actor="t").model_dump(
                mode="json"
            )["erased"]
            == []
        )


def test_erasure_is_refused_while_the_law_keeps_the_data(env: Env) -> None:
    _client, headers = env.key()
    waiting = env.submit(headers, claim={"nik": NIK})
    env.finish(waiting, decision="needs_review")
    held = env.submit(headers, claim={"nik": NIK})
    env.finish(held)
    with env.db().session() as session:
        privacy.set_legal_hold(session, held, True, actor="t")
    with env.db().session() as session, pytest.raises(ErasureRefused) as err:
        privacy.erase(session, env.storage, NIK, client_id=None, actor_type="supervisor", actor="t").model_dump(
            mode="json"
        )
    assert sorted((b["id"], b["reason"]) for b in err.value.detail["blocked"]) == sorted(
        [(waiting, "review_open"), (held, "legal_hold")]
    )
    assert NIK not in json.dumps(err.value.body())
    assert len(env.raw_files()) == 4  # nothing was erased
    resp = env.api.post("/v1/privacy/subjects/erase", json={"nik": NIK}, headers=headers)
    assert resp.status_code == 409 and resp.json()["error"]["code"] == "ERASURE_REFUSED"


def test_breach_report_counts_personal_data_in_a_window(env: Env) -> None:
    client, headers = env.key()
    first = env.submit(headers, claim={"nik": NIK, "name": NAME})
    env.finish(first)
    second = env.submit(headers)
    env.finish(second, other=True)
    old = env.submit(headers)
    env.finish(old)
    env.age(old, 40)
    now = utcnow()
    with env.db().session() as session:
        report = privacy.breach_report(session, client, now - timedelta(days=1), now + timedelta(minutes=1)).model_dump(
            mode="json"
        )
    assert report["verifications"] == 2 and report["subjects"] == 2
    assert sorted(report["records"]["verification_jobs"]) == sorted([first, second])
    assert report["counts"]["nik"] == 2 and report["counts"]["name"] == 2 and report["counts"]["address"] == 2
    assert report["counts"]["document_image"] == 2 and report["counts"]["claim"] == 1
    assert report["counts"]["webhook_payload"] == 2 and report["by_kind"]["claim"] == [first]
    assert NIK not in json.dumps(report) and NAME not in json.dumps(report)
    resp = env.api.get(
        "/v1/privacy/breach-report",
        headers=headers,
        params={"from": (now - timedelta(days=60)).isoformat(), "to": now.isoformat()},
    )
    assert resp.status_code == 200, resp.text
    assert resp.json()["verifications"] == 3 and resp.json()["from"].startswith(str((now - timedelta(days=60)).date()))
    bad = env.api.get(
        "/v1/privacy/breach-report",
        headers=headers,
        params={"from": now.isoformat(), "to": (now - timedelta(days=1)).isoformat()},
    )
    assert bad.status_code == 422
