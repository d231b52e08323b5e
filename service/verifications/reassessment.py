"""Re-assessment (issue 24): a verification left needs_review because its registry did not answer
(`registry.status: unavailable`, reason REGISTRY_UNAVAILABLE) is assessed again once the registry is back:
registry match, claim check, eligibility and decision from the fields already read (no OCR again).

Asked by the client (`POST /v1/verifications/{id}/reassess`, a `reassess` task for a worker) or by the
operator (`docverify reassess ID…`, in-process). The new decision replaces the automatic one only while no
clerk has decided the case; the caller hears of it as a `verification.reassessed` event.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from service.config import Settings
from service.errors import NotFound, NotReassessable
from service.ids import is_id
from service.privacy import service as privacy
from service.queue import reassess_after_commit
from service.verifications import repository as repo
from service.verifications import service as verifications
from service.verifications.model import Registry, VerificationResult
from service.verifications.schemas import ReassessAccepted
from service.verifications.tables import VerificationJob
from service.verifications.views import stored


def refusal(job: VerificationJob | None) -> str | None:
    """Why this job cannot be re-assessed, or None."""
    if job is None:
        return "missing"
    if job.status != "completed" or job.purged_at is not None or job.result is None:
        return "not a completed verification with its data"
    result = stored(job)
    if job.decision != "needs_review" or result.review is not None:
        return "decided (by a clerk, or automatically with an answer from the registry)"
    if result.registry.status != "unavailable":
        return "its registry answered: nothing to re-assess"
    return None


def request(session: Session, settings: Settings, client_id: str, job_id: str) -> ReassessAccepted:
    """The client's request: checked now, done by a worker after the commit."""
    job = repo.get(session, job_id, client_id) if is_id(job_id) else None
    if job is None:
        raise NotFound(f"no verification {job_id[:26]}", {"id": job_id[:26]})
    why = refusal(job)
    if why is not None:
        raise NotReassessable(f"verification {job.id} is not re-assessed: {why}", {"id": job.id})
    privacy.record_job(session, job, "reassessed", actor_type="client", actor=client_id, detail={"requested": True})
    reassess_after_commit(session, settings, job.id)
    return ReassessAccepted(id=job.id)


def prepare(job: VerificationJob) -> VerificationResult:
    """The stored result as the pipeline left it: the policy's reasons (those with a severity), the registry
    block, claim check, eligibility and decision removed; checks (fraud signals included) kept."""
    result = stored(job).policy_reasons_removed()
    result.claim_check = result.eligibility = result.review = None
    result.registry = Registry.not_checked()
    result.status, result.decision = "completed", None
    return result


def save(session: Session, job: VerificationJob, result: VerificationResult) -> bool:
    """The new assessment, while the case is still needs_review and undecided by a clerk; False otherwise."""
    result = result.model_copy(update={"id": job.id})
    if not repo.record_review(
        session, job.id, expected_decision="needs_review", decision=str(result.decision), result=result
    ):
        return False
    privacy.record_job(
        session,
        job,
        "reassessed",
        detail={
            "registry": result.registry.source,
            "status": result.registry.status,
            "decision": result.decision,
            "reasons": sorted({r.code for r in result.reasons if r.code}),
        },
    )
    session.refresh(job)
    verifications.queue_event(session, job, "verification.reassessed", verifications.view(job))
    return True
