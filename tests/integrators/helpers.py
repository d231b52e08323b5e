from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from service.config import Settings
from service.db import database
from service.verifications import repository as jobs
from service.verifications import service as verifications
from service.verifications.model import VerificationResult
from tests.stack import png

URL = "/v1/verifications"


def submit(api: TestClient, headers: dict[str, str], **form: str) -> str:
    resp = api.post(URL, files={"file": ("card.png", png(), "image/png")}, data=form, headers=headers)
    assert resp.status_code == 202, resp.text
    return str(resp.json()["id"])


def result(job_id: str, decision: str = "needs_review") -> dict[str, Any]:
    return {
        "id": job_id,
        "status": "completed",
        "decision": decision,
        "reasons": [{"code": "REGISTRY_NOT_CHECKED", "message": "no registry", "severity": "review"}],
        "document": {"type": "ktp", "type_confidence": 0.99, "pages": 1},
        "fields": {"nik": {"value": "3204123108900002", "confidence": 0.99, "bbox": [1, 2, 3, 4], "page": 0}},
        "checks": [],
        "registry": {"status": "not_checked", "source": None, "record_id": None, "score": None, "fields": {}},
        "timings_ms": {"total": 5},
        "provenance": {"pipeline_version": "test", "models": []},
    }


def finish(settings: Settings, job_id: str, decision: str = "needs_review") -> None:
    """The worker's own steps (claim, then save the result) without OCR: queues `verification.completed`."""
    db = database(settings.sqlalchemy_url)
    with db.session() as s:
        claimed = verifications.claim(
            s, settings, job_id, lease="test-lease", worker="test:0", holder_dead=lambda _job: True
        )
    assert claimed.outcome == "claimed" and claimed.job is not None
    with db.session() as s:
        assert verifications.complete(s, claimed.job, "test-lease", VerificationResult.load(result(job_id, decision)))


def review(settings: Settings, job_id: str, decision: str = "verified") -> None:
    """The review UI's hook point: a clerk's decision queues `verification.reviewed`."""
    with database(settings.sqlalchemy_url).session() as s:
        job = jobs.get(s, job_id)
        assert job is not None
        decided = VerificationResult.load(
            {
                **(job.result or {}),
                "decision": decision,
                "review": {
                    "outcome": "approved",
                    "reviewer": "siti",
                    "reviewed_at": "2026-12-01T10:00:00+00:00",
                    "corrections": [],
                },
            }
        )
        assert verifications.record_review(s, job, decision=decision, result=decided)
