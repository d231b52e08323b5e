"""Tables of named registries, their records, imports and eligibility programs."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from doctypes import REGISTRY_FIELDS
from service.db import Base, UtcDateTime, utcnow
from service.privacy.types import EncryptedJson, JsonType
from service.registry.programs import Rule

# The contract's registry columns, the same names as the card's fields (contract: Registry CSV; doctypes.spec).
RECORD_FIELDS = REGISTRY_FIELDS

# A record as matching and eligibility rules read it: the contract's fields and the CSV's extra columns in one
# flat mapping, plus its `record_id`
Record = dict[str, str | None]
# A record as `RegistryRecord.data` stores it: {field: value, …, "attributes": {column: value, …}}
StoredRecord = dict[str, str | dict[str, str] | None]


class Registry(Base):
    __tablename__ = "registries"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    record_count: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    imported_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class RegistryRecord(Base):
    """One person in one registry, encrypted at rest (issue 9): the record itself (the contract's fields and the
    CSV's extra columns) is one AES-GCM ciphertext in `data`; what lookups need are keyed hashes
    (service.crypto): the NIK, and the blocking keys of candidate search (birth date, first name word). A dump
    of the table shows no NIK, name, birth date or address."""

    __tablename__ = "registry_records"
    __table_args__ = (
        UniqueConstraint("registry", "nik_hash", name="uq_registry_records_registry_nik_hash"),
        Index("ix_registry_records_birth_key", "registry", "birth_key"),
        Index("ix_registry_records_name_key", "registry", "name_key"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    registry_name: Mapped[str] = mapped_column(
        "registry", String(64), ForeignKey("registries.name", ondelete="CASCADE")
    )
    nik_hash: Mapped[str] = mapped_column(String(64))
    name_key: Mapped[str] = mapped_column(String(64))  # keyed hash of the first canonical name word
    birth_key: Mapped[str | None] = mapped_column(String(64))  # keyed hash of the ISO birth date
    data: Mapped[StoredRecord] = mapped_column(EncryptedJson)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)

    def as_dict(self) -> Record:
        """Fields and attributes in one mapping: what matching and eligibility rules read."""
        data = self.data or {}
        attributes = data.get("attributes")
        out: Record = dict(attributes) if isinstance(attributes, dict) else {}
        for f in RECORD_FIELDS:
            value = data.get(f)
            out[f] = value if value is None or isinstance(value, str) else str(value)
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
    errors: Mapped[list[dict[str, str | int]]] = mapped_column(JsonType, default=list)  # RowError's JSON
    started_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class Program(Base):
    """An eligibility program (a bansos scheme): rules over the attributes of one registry's records."""

    __tablename__ = "programs"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    registry_name: Mapped[str] = mapped_column("registry", String(64))
    description: Mapped[str | None] = mapped_column(Text)
    rules: Mapped[list[Rule]] = mapped_column(JsonType)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow, onupdate=utcnow)
