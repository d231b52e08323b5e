"""Tables of verification jobs and idempotency reservations."""

from __future__ import annotations

from datetime import datetime
from typing import Any, TypedDict

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from service.db import Base, UtcDateTime, utcnow
from service.privacy.types import EncryptedJson, EncryptedText, JsonType
from service.verifications.model import ApplicantClaim

__all__ = ["IdempotencyKey", "JsonType", "VerificationEvent", "VerificationJob"]

STATUSES = ("queued", "processing", "completed", "failed")
DECISIONS = ("verified", "needs_review", "retake", "rejected")


class StoredFile(TypedDict):
    """One uploaded file of a job: its storage key (never the client's file name) and what was checked."""

    key: str
    format: str
    size: int
    pages: int
    sha256: str


class VerificationJob(Base):
    __tablename__ = "verification_jobs"
    __table_args__ = (UniqueConstraint("client_id", "idempotency_key", name="uq_verification_jobs_client_key"),)

    id: Mapped[str] = mapped_column(String(26), primary_key=True)
    client_id: Mapped[str] = mapped_column(String(64), index=True)
    status: Mapped[str] = mapped_column(String(16), index=True)
    decision: Mapped[str | None] = mapped_column(String(16), index=True)
    document_type: Mapped[str] = mapped_column(String(16), default="auto")
    claim: Mapped[ApplicantClaim | None] = mapped_column(EncryptedJson)  # personal: encrypted at rest
    registry_name: Mapped[str | None] = mapped_column("registry", String(64))
    program: Mapped[str | None] = mapped_column(String(64))  # an eligibility program to assess (issue 4)
    callback_url: Mapped[str | None] = mapped_column(String(2048))
    # who submitted it, as the caller says (optional short ids, no personal data asked for): the clerk or
    # operator at the front office and the channel (counter, mobile unit, kiosk); SUBMISSION_BURST counts per
    # operator (service.fraud)
    operator: Mapped[str | None] = mapped_column(String(64))
    channel: Mapped[str | None] = mapped_column(String(64))
    files: Mapped[list[StoredFile]] = mapped_column(JsonType)
    pages: Mapped[int] = mapped_column(Integer, default=0)
    result: Mapped[dict[str, Any] | None] = mapped_column(EncryptedJson)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    error_code: Mapped[str | None] = mapped_column(String(64))
    error_message: Mapped[str | None] = mapped_column(EncryptedText)
    idempotency_key: Mapped[str | None] = mapped_column(String(255))
    request_hash: Mapped[str | None] = mapped_column(String(64))
    lease: Mapped[str | None] = mapped_column(String(32))  # the claim of the delivery now processing it
    worker: Mapped[str | None] = mapped_column(String(128))  # host:pid of that delivery
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow, onupdate=utcnow)
    enqueued_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    started_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    heartbeat_at: Mapped[datetime | None] = mapped_column(UtcDateTime())  # written while processing
    completed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    # Issue 9 (service.privacy): keyed hashes of the NIK read from the document and of the claimed one, so that
    # a data-subject request finds the person's verifications; the document type read (retention per type);
    # a legal hold that stops purge and erasure; when the personal data was purged or erased.
    nik_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    claim_nik_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    detected_type: Mapped[str | None] = mapped_column(String(16))
    legal_hold: Mapped[bool] = mapped_column(Boolean, default=False)
    purged_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), index=True)


class IdempotencyKey(Base):
    """A client's key: reserved (job_id NULL) while its first request is accepted, then bound to the job."""

    __tablename__ = "idempotency_keys"

    client_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    request_hash: Mapped[str] = mapped_column(String(64))
    job_id: Mapped[str | None] = mapped_column(String(26), ForeignKey("verification_jobs.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


class VerificationEvent(Base):
    """Outbox of events for the caller (`verification.completed` / `verification.failed` when a worker saves a
    result, `verification.reviewed` when a clerk decides), written in the same transaction as the change it
    reports. Each row is also the event's one webhook delivery (service.webhooks): `pending` until an attempt
    succeeds (`delivered`) or the retries run out (`dead`); `skipped` when the job has no callback_url."""

    __tablename__ = "verification_events"
    __table_args__ = (Index("ix_verification_events_due", "status", "next_attempt_at"),)

    id: Mapped[str] = mapped_column(String(26), primary_key=True)  # also the `webhook-id`
    verification_id: Mapped[str] = mapped_column(
        String(26), ForeignKey("verification_jobs.id", ondelete="CASCADE"), index=True
    )
    client_id: Mapped[str | None] = mapped_column(String(64), index=True)
    type: Mapped[str] = mapped_column(String(64))
    callback_url: Mapped[str | None] = mapped_column(String(2048))
    # the whole Verification: encrypted, and deferred so that listing deliveries never decrypts it (only
    # sending does)
    payload: Mapped[dict[str, Any]] = mapped_column(EncryptedJson, deferred=True)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)  # since retry_from
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow, index=True)
    retry_from: Mapped[datetime | None] = mapped_column(UtcDateTime())  # the retry budget runs from here
    next_attempt_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    lease: Mapped[str | None] = mapped_column(String(32))  # the attempt now sending it
    locked_until: Mapped[datetime | None] = mapped_column(UtcDateTime())
    last_attempt_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    last_status_code: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(String(500))
    delivered_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    dead_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
