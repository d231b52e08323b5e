"""Tables of named registries, their records, imports and eligibility programs."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from service.db import Base, UtcDateTime, utcnow
from service.verifications.tables import JsonType

# The contract's registry columns, the same names as the card's fields (contract: Registry CSV).
RECORD_FIELDS = ("nik", "name", "birth_place", "birth_date", "sex", "blood_type", "address", "rt_rw", "village",
                 "district", "regency", "province", "religion", "marital_status", "occupation", "nationality")


class Registry(Base):
    __tablename__ = "registries"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    record_count: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    imported_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class RegistryRecord(Base):
    """One person in one registry. `name_key` and `birth_date` are the blocking keys of candidate search."""

    __tablename__ = "registry_records"
    __table_args__ = (
        UniqueConstraint("registry", "nik", name="uq_registry_records_registry_nik"),
        Index("ix_registry_records_birth_date", "registry", "birth_date"),
        Index("ix_registry_records_name_key", "registry", "name_key"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    registry_name: Mapped[str] = mapped_column("registry", String(64),
                                               ForeignKey("registries.name", ondelete="CASCADE"))
    nik: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(64))
    birth_place: Mapped[str | None] = mapped_column(String(100))
    birth_date: Mapped[str | None] = mapped_column(String(10))
    sex: Mapped[str | None] = mapped_column(String(16))
    blood_type: Mapped[str | None] = mapped_column(String(4))
    address: Mapped[str | None] = mapped_column(String(300))
    rt_rw: Mapped[str | None] = mapped_column(String(32))
    village: Mapped[str | None] = mapped_column(String(100))
    district: Mapped[str | None] = mapped_column(String(100))
    regency: Mapped[str | None] = mapped_column(String(100))
    province: Mapped[str | None] = mapped_column(String(100))
    religion: Mapped[str | None] = mapped_column(String(64))
    marital_status: Mapped[str | None] = mapped_column(String(32))
    occupation: Mapped[str | None] = mapped_column(String(100))
    nationality: Mapped[str | None] = mapped_column(String(8))
    attributes: Mapped[dict[str, Any]] = mapped_column(JsonType, default=dict)  # the CSV's extra columns
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)

    def as_dict(self) -> dict[str, Any]:
        """Fields and attributes in one mapping: what matching and eligibility rules read."""
        out: dict[str, Any] = dict(self.attributes or {})
        out.update({f: getattr(self, f) for f in RECORD_FIELDS})
        return out


class RegistryImport(Base):
    """One import run: when, how many rows, and what was refused (line numbers, never values)."""

    __tablename__ = "registry_imports"

    id: Mapped[str] = mapped_column(String(26), primary_key=True)
    registry_name: Mapped[str] = mapped_column("registry", String(64), index=True)
    status: Mapped[str] = mapped_column(String(16))  # completed | failed
    rows: Mapped[int] = mapped_column(Integer, default=0)
    inserted: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)
    skipped: Mapped[int] = mapped_column(Integer, default=0)
    errors: Mapped[list[dict[str, Any]]] = mapped_column(JsonType, default=list)
    started_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class Program(Base):
    """An eligibility program (a bansos scheme): rules over the attributes of one registry's records."""

    __tablename__ = "programs"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    registry_name: Mapped[str] = mapped_column("registry", String(64))
    description: Mapped[str | None] = mapped_column(Text)
    rules: Mapped[list[dict[str, Any]]] = mapped_column(JsonType)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow, onupdate=utcnow)
