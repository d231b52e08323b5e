"""What /v1/privacy and `docverify privacy` answer: data-subject listings and exports, erasures, breach
reports, retention policies."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from doctypes.fields import optional
from service.privacy.tables import DetailValue
from service.verifications.model import VerificationExport


class SubjectVerification(BaseModel):
    id: str
    client_id: str
    status: str
    decision: str | None
    created_at: str
    completed_at: str | None
    personal_data: Literal["held", "purged"] = Field(description="`purged`: only the minimal record is left.")
    purged_at: str | None
    legal_hold: bool


class ProcessingRecordOut(BaseModel):
    id: int
    at: str
    actor_type: str = Field(description="client, clerk, supervisor or system")
    actor: str
    action: str = Field(
        description="received, ocr, matched, decided, viewed, revealed, corrected, reviewed, "
        "delivered, purged, erased, exported, listed, held, released"
    )
    verification_id: str | None
    client_id: str | None
    nik_hash: str | None
    detail: dict[str, DetailValue] = Field(description="Codes and counts, never personal values.")


class RegistryRef(BaseModel):
    registry: str
    record_id: str


class RegistryRecordCopy(RegistryRef):
    record: dict[str, str | None] = Field(description="The record's fields and attributes.")


class SubjectListing(BaseModel):
    nik_hash: str = Field(description="The keyed hash (HMAC-SHA256) the records are stored under.")
    verifications: list[SubjectVerification]
    processing_records: list[ProcessingRecordOut]
    registries: list[RegistryRef] = Field(description="Registry records of the NIK (supervisors only).")


class SubjectExport(SubjectListing):
    verification_objects: list[VerificationExport] = Field(
        description="Each verification as stored (the Verification object plus the claim), decrypted."
    )
    registry_records: list[RegistryRecordCopy] | None = optional(
        "The registry records of the NIK, decrypted (supervisors only: `docverify privacy subject --export`)."
    )
    exported_at: str


class Erasure(BaseModel):
    erased: list[str] = Field(description="Verifications whose personal data was erased now.")
    already_purged: list[str] = Field(description="Verifications that held only their minimal record already.")


class BreachRecords(BaseModel):
    verification_jobs: list[str]
    verification_events: list[str]
    review_corrections: list[int]
    review_audit: list[int]
    files: list[str] = Field(description="Storage folders, `<verification id>/`.")


class BreachReport(BaseModel):
    model_config = ConfigDict(serialize_by_alias=True)

    client: str | None
    from_: str = Field(serialization_alias="from")
    to: str
    subjects: int = Field(description="Distinct people (by NIK hash; a verification without a NIK counts once).")
    verifications: int
    counts: dict[str, int] = Field(
        description="By kind of personal data: nik, name, address, birth_date, "
        "document_image, card_image, claim, webhook_payload, …"
    )
    records: BreachRecords = Field(description="Ids of the rows (and storage folders) holding it.")
    by_kind: dict[str, list[str]] = Field(description="Verification ids per kind of personal data.")
    generated_at: str


class RetentionRule(BaseModel):
    client: str
    document_type: str
    days: int


class RetentionPolicies(BaseModel):
    default_days: int
    policies: list[RetentionRule]


class PurgeSummary(BaseModel):
    dry_run: bool
    examined: int
    purged: int
    ids: list[str]
    orphans: int


class ReencryptReport(BaseModel):
    key: str
    rows: dict[str, int] = Field(description="Rows re-sealed per table.")
    files: int
    nik_hashes_filled: int
