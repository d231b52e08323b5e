"""A sample KTP posted through the API travels through real Redis to a real worker process and comes back
completed with the right NIK."""

from __future__ import annotations

import json

import pytest

from service.db import database
from service.queue import send_verify
from service.verifications import repository
from tests.stack import SAMPLE, SAMPLE_TRUTH, bearer, issue_key, pdf
from tests.workers.conftest import Stack
from tests.workers.helpers import submit, wait_status

pytestmark = pytest.mark.integration


def test_sample_ktp_end_to_end(stack: Stack) -> None:
    truth = json.loads(SAMPLE_TRUTH.read_text())
    headers = bearer(issue_key(stack.settings, "e2e", "submit,read")[1])
    job_id = submit(
        stack.api, SAMPLE.read_bytes(), "ktp-0001-scan.png", headers=headers, claim=json.dumps({"nik": truth["nik"]})
    )
    body = wait_status(stack.api, job_id, headers=headers)
    assert body["status"] == "completed", body
    assert body["id"] == job_id
    assert body["document"]["type"] == "ktp"
    assert body["fields"]["nik"]["value"] == truth["nik"]
    assert body["decision"] in ("verified", "needs_review")
    assert body["attempts"] == 1
    assert body["timings_ms"]["queued"] >= 0 and body["timings_ms"]["total"] > 0
    assert body["provenance"]["models"]
    listed = stack.api.get("/v1/verifications", params={"status": "completed"}, headers=headers).json()
    assert job_id in [item["id"] for item in listed["items"]]
    # the full NIK never reaches the worker's log; its last four digits may
    log = stack.worker.log()
    assert truth["nik"] not in log
    assert f"job {job_id} completed" in log

    # a duplicate delivery of a finished job changes nothing
    with database(stack.settings.sqlalchemy_url).session() as s:
        before = repository.get(s, job_id)
        assert before is not None
        finished_at = before.completed_at
    assert send_verify(stack.settings, job_id)
    stack.worker.wait_for(lambda log: f"job {job_id}: done" in log, 30)
    with database(stack.settings.sqlalchemy_url).session() as s:
        after = repository.get(s, job_id)
        assert after is not None
        assert after.completed_at == finished_at and after.attempts == 1


def test_pdf_of_the_sample_is_rendered_and_read(stack: Stack) -> None:
    truth = json.loads(SAMPLE_TRUTH.read_text())
    job_id = submit(stack.api, pdf(1, SAMPLE.read_bytes()), "scan.pdf", "application/pdf")
    body = wait_status(stack.api, job_id)
    assert body["status"] == "completed", body
    assert body["fields"]["nik"]["value"] == truth["nik"]


def test_readyz_with_database_and_broker(stack: Stack) -> None:
    ready = stack.api.get("/readyz")
    assert ready.status_code == 200, ready.text
    assert ready.json()["checks"] == {"database": "ok", "broker": "ok"}


def test_registry_match_decides_verified_and_an_impostor_is_rejected(stack: Stack) -> None:
    """The sample registry imported into the stack's database; a genuine card is verified with its program's
    eligibility, a card carrying someone else's NIK is rejected with the reason."""
    from service.registry.service import import_csv, put_program

    samples = SAMPLE.parent.parent
    cases = {c["id"]: c for c in map(json.loads, (samples / "cases.jsonl").read_text().splitlines())}
    genuine, impostor = "ktp-0013-scan", "ktp-0014-photo"
    assert cases[genuine]["kind"] == "genuine" and cases[impostor]["kind"] == "impostor"
    with database(stack.settings.sqlalchemy_url).session() as s, (samples / "registry.csv").open() as fh:
        import_csv(s, stack.settings, "dukcapil", fh)
        put_program(s, "pkh-e2e", "dukcapil", [{"field": "desil", "op": "<=", "value": 10}], None)

    def read(image_id: str, **form: str) -> dict:
        path = next((samples / "images").glob(f"{image_id}.*"))
        return wait_status(stack.api, submit(stack.api, path.read_bytes(), path.name, **form))

    good = read(genuine, program="pkh-e2e")
    assert good["status"] == "completed", good
    assert good["registry"]["status"] == "match" and good["registry"]["source"] == "dukcapil"
    assert good["decision"] == "verified", good["reasons"]
    assert good["eligibility"] == {"program": "pkh-e2e", "status": "eligible", "failed_rules": []}
    bad = read(impostor)
    assert bad["registry"]["status"] == "mismatch"
    assert bad["decision"] == "rejected"
    assert [r["code"] for r in bad["reasons"]][-1] == "NIK_BELONGS_TO_OTHER_PERSON"
