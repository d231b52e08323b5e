"""A job's Verification: as stored (`stored`) and as served (`view`). Pure functions of the job row, read by the
verifications service, the privacy export and the review UI."""

from __future__ import annotations

from typing import get_args

from primitives.version import __version__
from service.verifications.model import (
    Document,
    DocumentType,
    Provenance,
    Registry,
    SubmittedBy,
    Verification,
    VerificationResult,
    build,
)
from service.verifications.tables import VerificationJob


def stored(job: VerificationJob) -> VerificationResult:
    """The job's Verification as stored (any version of it), or, before a worker saved one, its placeholder:
    the document as submitted, nothing read, no registry checked."""
    if job.result is not None:
        return VerificationResult.load({**job.result, "id": job.id})
    return build(
        id=job.id,
        status="processing" if job.status == "processing" else "queued",
        document=Document(type=_document_type(job.document_type), pages=job.pages),
        registry=Registry.not_checked(job.registry_name),
        provenance=Provenance(pipeline_version=__version__),
    )


def _document_type(requested: str | None) -> DocumentType:
    """The type a submission asked for (`auto`: unknown until read)."""
    for known in get_args(DocumentType):
        if known == requested:
            return known
    return "unknown"


def view(job: VerificationJob) -> Verification:
    """The contract's Verification object for a job in any state."""
    result = stored(job)
    return Verification.model_validate(
        {
            **dict(result),
            "status": job.status,
            "decision": job.decision if job.status == "completed" else result.decision,
            "created_at": job.created_at.isoformat(),
            "completed_at": job.completed_at.isoformat() if job.completed_at else None,
            "attempts": job.attempts,
            "submitted_by": SubmittedBy(operator=job.operator, channel=job.channel),
        }
    )
