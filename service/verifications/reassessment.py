"""Re-assessment (issue 24): a verification left needs_review because its registry did not answer
(`registry.status: unavailable`, reason REGISTRY_UNAVAILABLE) is assessed again once the registry is back:
registry match, claim check, eligibility and decision from the fields already read (no OCR again).

Asked by the client (`POST /v1/verifications/{id}/reassess`, a `reassess` task for a worker) or by the
operator (`docverify reassess ID…`, in-process). The new decision replaces the automatic one only while no
clerk has decided the case; the caller hears of it as a `verification.reassessed` event.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from sqlalchemy.orm import Session

from service.config import Settings
from service.errors import NotFound, NotReassessable
from service.privacy import service as privacy
from service.queue import reassess_after_commit
from service.verifications import repository as repo
from service.verifications import service as verifications
from service.verifications.tables import VerificationJob


def refusal(job: VerificationJob | None) -> str | None:
    """Why this job cannot be re-assessed, or None."""
    if job is None:
        return "missing"
    result = job.result or {}
    if job.status != "completed" or job.purged_at is not None:
        return "not a completed verification with its data"
    if job.decision != "needs_review" or result.get("review"):
        return "decided (by a clerk, or automatically with an answer from the registry)"
    if (result.get("registry") or {}).get("status") != "unavailable":
        return "its registry answered: nothing to re-assess"
    return None


def request(session: Session, settings: Settings, client_id: str, job_id: str) -> dict[str, Any]:
    """The client's request: checked now, done by a worker after the commit."""
    job = repo.get(session, job_id, client_id) if re.fullmatch(r"[0-9A-Z]{26}", job_id) else None
    if job is None:
        raise NotFound(f"no verification {job_id[:26]}", {"id": job_id[:26]})
    why = refusal(job)
    if why is not None:
        raise NotReassessable(f"verification {job.id} is not re-assessed: {why}", {"id": job.id})
    privacy.record_job(session, job, "reassessed", actor_type="client", actor=client_id, detail={"requested": True})
    reassess_after_commit(session, settings, job.id)
    return {"id": job.id, "reassessment": "queued"}


def prepare(job: VerificationJob) -> dict[str, Any]:
    """The stored result as the pipeline left it: the policy's reasons (those with a severity), the registry
    block, claim check, eligibility and decision removed; checks (fraud signals included) kept."""
    result = copy.deepcopy(dict(job.result or {}))
    for key in ("claim_check", "eligibility", "review"):
        result.pop(key, None)
    result["reasons"] = [r for r in result.get("reasons") or [] if "severity" not in r]
    result["registry"] = {"status": "not_checked", "source": None, "record_id": None, "score": None, "fields": {}}
    result["status"], result["decision"] = "completed", None
    for key in ("created_at", "completed_at", "attempts", "submitted_by", "id"):
        result.pop(key, None)
    return result


def save(session: Session, job: VerificationJob, result: dict[str, Any]) -> bool:
    """The new assessment, while the case is still needs_review and undecided by a clerk; False otherwise."""
    result = {**result, "id": job.id}
    if not repo.record_review(
        session, job.id, expected_decision="needs_review", decision=str(result.get("decision")), result=result
    ):
        return False
    registry = result.get("registry") or {}
    privacy.record_job(
        session,
        job,
        "reassessed",
        detail={
            "registry": registry.get("source"),
            "status": registry.get("status"),
            "decision": result.get("decision"),
            "reasons": sorted({str(r.get("code")) for r in result.get("reasons") or [] if r.get("code")}),
        },
    )
    session.refresh(job)
    verifications.queue_event(session, job, "verification.reassessed", verifications.view(job))
    return True
