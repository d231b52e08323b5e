"""Tables of the fraud signals. Only non-personal data: perceptual hashes, keyed hashes (HMAC with the
NIK hash key) of the NIK, of address keys and of the operator, region codes, ids, dates. Nothing here gives
a NIK, a name, an address or an operator id back without the key."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from service.db import Base, UtcDateTime, utcnow
from service.verifications.tables import JsonType

# the signal reason codes, each also a check name in lower case
SIGNALS = ("DOCUMENT_REUSED", "PHOTO_REUSED", "NIK_IN_OTHER_APPLICATION", "ADDRESS_CLUSTER", "SUBMISSION_BURST")


class FraudSubmission(Base):
    """One screened verification: its fingerprints and the facts the signals and the dashboard group by.
    The perceptual hashes are searched by Hamming distance in an in-process index (service.fraud.index)
    that reads new rows by increasing `id`."""

    __tablename__ = "fraud_submissions"
    __table_args__ = (
        Index("ix_fraud_submissions_client_at", "client_id", "submitted_at"),
        Index("ix_fraud_submissions_operator_at", "operator_key", "submitted_at"),
    )

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True)
    verification_id: Mapped[str] = mapped_column(
        String(26), ForeignKey("verification_jobs.id", ondelete="CASCADE"), unique=True
    )
    client_id: Mapped[str] = mapped_column(String(64))
    program: Mapped[str | None] = mapped_column(String(64), index=True)
    submitted_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    document_type: Mapped[str] = mapped_column(String(16), default="unknown")
    region_code: Mapped[str | None] = mapped_column(String(4), index=True)  # province + regency of the NIK
    nik_hash: Mapped[str | None] = mapped_column(String(64), index=True)  # the NIK read from the card
    claim_nik_hash: Mapped[str | None] = mapped_column(String(64), index=True)  # the NIK the applicant typed
    content_hash: Mapped[str | None] = mapped_column(String(64), index=True)  # NIK + name + birth date read
    address_key: Mapped[str | None] = mapped_column(String(64), index=True)  # address + RT/RW + village
    rt_rw_key: Mapped[str | None] = mapped_column(String(64), index=True)  # RT/RW + village
    operator_key: Mapped[str | None] = mapped_column(String(64))  # client + operator (SUBMISSION_BURST)
    card_hash: Mapped[int | None] = mapped_column(BigInteger)
    photo_hash: Mapped[int | None] = mapped_column(BigInteger)
    text_hash: Mapped[int | None] = mapped_column(BigInteger)
    reason_codes: Mapped[str] = mapped_column(Text, default=",")  # ",A,B,": the automatic reasons


class FraudReason(Base):
    """One reason code of a screened verification, for GROUP BY counts on the dashboard."""

    __tablename__ = "fraud_reasons"

    verification_id: Mapped[str] = mapped_column(
        String(26), ForeignKey("verification_jobs.id", ondelete="CASCADE"), primary_key=True
    )
    code: Mapped[str] = mapped_column(String(64), primary_key=True, index=True)


class FraudSignal(Base):
    """A signal raised on a verification, with the verifications it links to."""

    __tablename__ = "fraud_signals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    verification_id: Mapped[str] = mapped_column(
        String(26), ForeignKey("verification_jobs.id", ondelete="CASCADE"), index=True
    )
    code: Mapped[str] = mapped_column(String(40), index=True)
    linked: Mapped[list[str]] = mapped_column(JsonType)  # verification ids
    detail: Mapped[str] = mapped_column(String(500))
    score: Mapped[float] = mapped_column(Float, default=0.0)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow, index=True)
    extra: Mapped[dict[str, Any] | None] = mapped_column(JsonType)
