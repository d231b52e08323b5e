"""Response shapes for OpenAPI. The Verification object is the contract's (contract.md)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Status = Literal["queued", "processing", "completed", "failed"]
Decision = Literal["verified", "needs_review", "retake", "rejected"]


class Accepted(BaseModel):
    id: str = Field(description="The verification's id (a ULID).")
    status: Literal["queued"] = "queued"


class ReassessAccepted(BaseModel):
    """Issue 24: a re-assessment was queued for a worker."""

    id: str = Field(description="The verification's id.")
    reassessment: Literal["queued"] = "queued"


class Reason(BaseModel):
    model_config = ConfigDict(extra="allow")
    code: str
    message: str


class Document(BaseModel):
    model_config = ConfigDict(extra="allow")
    type: str
    type_confidence: float | None = None
    pages: int


class SubmittedBy(BaseModel):
    operator: str | None = Field(default=None, description="The `operator` sent with the submission, if any.")
    channel: str | None = Field(default=None, description="The `channel` sent with the submission, if any.")


class Verification(BaseModel):
    model_config = ConfigDict(extra="allow")
    id: str
    status: Status
    decision: Decision | None = None
    reasons: list[Reason]
    document: Document
    fields: dict[str, dict[str, Any]]
    checks: list[dict[str, Any]]
    registry: dict[str, Any]
    timings_ms: dict[str, int]
    provenance: dict[str, Any]
    created_at: str
    completed_at: str | None = None
    attempts: int
    review: dict[str, Any] | None = Field(
        default=None, description="Present once a clerk decided the case (review UI): outcome (approved | "
        "rejected | resubmission_requested), reviewer, reviewed_at, reason, corrections.")
    submitted_by: SubmittedBy | None = Field(
        default=None, description="Who submitted it, as the caller said: the `operator` and `channel` form "
        "fields of the submission (null when not sent).")
    personal_data: dict[str, Any] | None = Field(
        default=None, description="Present once the personal data is gone: `state` purged (retention ended) or "
        "erased (data-subject request) and `at`. Only the minimal record is left: decision, reason codes, "
        "document type, dates.")


class VerificationList(BaseModel):
    items: list[Verification]
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page; null on the last page.")
