"""Response shapes for OpenAPI. The Verification object is the contract's (contract.md), typed in
service.verifications.model."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from service.verifications.model import Decision, Reason, Status, SubmittedBy, Verification

__all__ = [
    "Accepted",
    "Decision",
    "Reason",
    "ReassessAccepted",
    "Status",
    "SubmittedBy",
    "Verification",
    "VerificationList",
]


class Accepted(BaseModel):
    id: str = Field(description="The verification's id (a ULID).")
    status: Literal["queued"] = "queued"


class ReassessAccepted(BaseModel):
    """A re-assessment was queued for a worker."""

    id: str = Field(description="The verification's id.")
    reassessment: Literal["queued"] = "queued"


class VerificationList(BaseModel):
    items: list[Verification]
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page; null on the last page.")
