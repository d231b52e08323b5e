"""POST /v1/verifications/{id}/objections: the front office records a citizen's objection to an automatic
decision (UU PDP Pasal 10(1)), which puts the case in front of a clerk. Thin: the work is in
`service.review.service.object_to_decision`."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Response
from pydantic import BaseModel, ConfigDict, Field

from service.auth import SubmitClient
from service.deps import SessionDep
from service.errors import InvalidField, NotFound, responses
from service.review import service as review

router = APIRouter(prefix="/v1/verifications", tags=["verifications"])


class ObjectionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    reason: str = Field(
        min_length=3,
        max_length=500,
        description="What the citizen objects to, in their words (kept encrypted in the audit trail)",
    )


class ObjectionOut(BaseModel):
    verification_id: str
    decision: str = Field(description="The automatic decision objected to; it stands until a clerk decides")
    state: str = Field(description="`objection`: waiting in the clerks' queue")
    objected_at: datetime


@router.post(
    "/{verification_id}/objections",
    status_code=202,
    operation_id="objectToVerification",
    response_model=ObjectionOut,
    responses=responses(NotFound, InvalidField, review.ObjectionRefused),
    summary="Record a citizen's objection to an automatic decision: a clerk reviews it",
)
def object_to_verification(
    verification_id: str, body: ObjectionIn, session: SessionDep, client: SubmitClient, response: Response
) -> ObjectionOut:
    """Accepted for a completed verification of this client whose decision was automatic (`verified`,
    `retake` or `rejected`) and that no clerk has decided yet; 409 OBJECTION_REFUSED otherwise. The clerk's
    decision reaches the caller as `verification.reviewed`."""
    found = review.object_to_decision(session, client, verification_id, body.reason)
    response.headers["Location"] = f"/v1/verifications/{found.verification_id}"
    return ObjectionOut(
        verification_id=found.verification_id, decision=found.decision, state=found.state, objected_at=found.objected_at
    )
