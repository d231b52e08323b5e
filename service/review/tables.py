"""Tables of the clerk review UI: accounts, sessions, the review queue, audit rows and field corrections."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from service.db import Base, UtcDateTime, utcnow
from service.privacy.types import EncryptedJson, EncryptedText, JsonType

ROLES = ("clerk", "supervisor")
CASE_STATES = ("open", "automatic", "objection", "approved", "rejected", "resubmission_requested")
# The decisions a clerk acts on, and the state their case is listed in: a needs_review case waits for a clerk
# ("open": it holds retention and erasure, service.privacy); a retake or rejected one was already sent to the
# caller and is listed so that a clerk can overturn it ("automatic": it holds nothing).
QUEUES = {"needs_review": "open", "retake": "automatic", "rejected": "automatic"}
# A citizen objected to an automatic decision (verified, retake or rejected; POST /v1/verifications/{id}/objections,
# UU PDP Pasal 10(1)): the case waits in the needs_review queue, and like an open case it holds retention.
OBJECTION = "objection"
WAITING_STATES = ("open", "automatic", OBJECTION)  # states a clerk may still decide


class ReviewUser(Base):
    """A clerk or supervisor account, created by `docverify clerk create`. Passwords are argon2id hashes."""

    __tablename__ = "review_users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)  # in a row; a success resets it
    locked_until: Mapped[datetime | None] = mapped_column(UtcDateTime())
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class ReviewSession(Base):
    """A logged-in browser. Only an HMAC of the cookie's token is stored; logout deletes the row."""

    __tablename__ = "review_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(Integer, ForeignKey("review_users.id", ondelete="CASCADE"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)


class ReviewCase(Base):
    """One verification that needed a person: the queue's filter columns (document type, province, reason
    codes), filled from the job's result when the queue first sees it, and the review's outcome."""

    __tablename__ = "review_cases"
    __table_args__ = (Index("ix_review_cases_state_created", "state", "created_at"),)

    verification_id: Mapped[str] = mapped_column(
        String(26), ForeignKey("verification_jobs.id", ondelete="CASCADE"), primary_key=True
    )
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())  # the verification's: the queue is oldest first
    document_type: Mapped[str] = mapped_column(String(16))
    province_code: Mapped[str | None] = mapped_column(String(2))
    reason_codes: Mapped[str] = mapped_column(Text, default=",")  # ",CODE_A,CODE_B,": LIKE '%,CODE,%' filters
    state: Mapped[str] = mapped_column(String(24), default="open")
    reviewer: Mapped[str | None] = mapped_column(String(64))
    reviewed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class ReviewAudit(Base):
    """Who did what, when, to which verification, with the state before and after (NIKs masked)."""

    __tablename__ = "review_audit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(64), index=True)
    role: Mapped[str | None] = mapped_column(String(16))
    action: Mapped[str] = mapped_column(String(32), index=True)
    verification_id: Mapped[str | None] = mapped_column(String(26), index=True)
    before: Mapped[dict[str, Any] | None] = mapped_column(EncryptedJson)  # field values: encrypted at rest
    after: Mapped[dict[str, Any] | None] = mapped_column(EncryptedJson)
    client_ip: Mapped[str | None] = mapped_column(String(64))


class ReviewCorrection(Base):
    """A field a clerk corrected: the read value beside the right one, with where it was read. Kept as a
    labelled example for evaluating and improving extraction later."""

    __tablename__ = "review_corrections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    verification_id: Mapped[str] = mapped_column(
        String(26), ForeignKey("verification_jobs.id", ondelete="CASCADE"), index=True
    )
    document_type: Mapped[str] = mapped_column(String(16))
    field: Mapped[str] = mapped_column(String(64))
    read_value: Mapped[str | None] = mapped_column(EncryptedText)  # what the pipeline read
    corrected_value: Mapped[str | None] = mapped_column(EncryptedText)
    confidence: Mapped[float | None] = mapped_column(Float)
    bbox: Mapped[list[int] | None] = mapped_column(JsonType)
    page: Mapped[int | None] = mapped_column(Integer)
    pipeline_version: Mapped[str | None] = mapped_column(String(32))
    registry_score_before: Mapped[float | None] = mapped_column(Float)
    registry_score_after: Mapped[float | None] = mapped_column(Float)
    reviewer: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
