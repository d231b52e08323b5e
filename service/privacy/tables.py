"""Tables of issue 9: the append-only processing records (Pasal 31) and the retention policies (Pasal 42–44)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from service.db import Base, UtcDateTime, utcnow
from service.privacy.types import JsonType

ACTOR_TYPES = ("client", "clerk", "system", "supervisor")
ACTIONS = (
    "received",
    "ocr",
    "matched",
    "decided",
    "viewed",
    "revealed",
    "corrected",
    "reviewed",
    "delivered",
    "purged",
    "erased",
    "exported",
    "listed",
    "held",
    "released",
    # issue 24: a remote registry asked for a job (asker's side), a verdict answered (owner's side)
    "registry_asked",
    "registry_answered",
    "reassessed",
)


# What a processing record's `detail` may hold: codes and counts (and lists of codes), never personal values
DetailValue = str | int | float | bool | list[str] | None


class ProcessingRecord(Base):
    """One processing step on one verification: who (a client, a clerk, the system), what, when, and the keyed
    hash of the NIK it concerns. Append-only: the repository has no update or delete, and a database trigger
    (migration 0005) refuses both. It holds no personal data in clear: `detail` carries codes and counts only."""

    __tablename__ = "processing_records"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow, index=True)
    actor_type: Mapped[str] = mapped_column(String(16))
    actor: Mapped[str] = mapped_column(String(64))  # client id, clerk username, or "system"
    action: Mapped[str] = mapped_column(String(32), index=True)
    verification_id: Mapped[str | None] = mapped_column(String(26), index=True)
    client_id: Mapped[str | None] = mapped_column(String(64), index=True)  # whose verification it is
    nik_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    detail: Mapped[dict[str, DetailValue] | None] = mapped_column(JsonType)


class RetentionPolicy(Base):
    """How many days a finished verification's personal data is kept, per client and document type; `*` is
    any. The most specific policy wins: (client, type), (client, *), (*, type), (*, *), then the setting."""

    __tablename__ = "retention_policies"

    client_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    document_type: Mapped[str] = mapped_column(String(16), primary_key=True)
    days: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow, onupdate=utcnow)
