"""HTTP routes of /v1/privacy (admin scope): a client's data-subject requests (list, export, erase) and its breach
report. Every query is scoped by the key's client; a supervisor across clients uses `docverify privacy`.
The NIK travels in the body, never in a URL (URLs end up in access logs)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from pydantic import AwareDatetime, BaseModel, Field

from service.auth import AdminClient
from service.deps import SessionDep, StorageDep
from service.errors import ErasureRefused, InvalidField, responses
from service.privacy import service
from service.verifications.model import VerificationExport

router = APIRouter(prefix="/v1/privacy", tags=["privacy"])


class SubjectRequest(BaseModel):
    nik: str = Field(pattern=r"^[0-9]{16}$", description="The data subject's NIK (16 digits).")


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
    detail: dict[str, Any]


class SubjectListing(BaseModel):
    nik_hash: str = Field(description="The keyed hash (HMAC-SHA256) the records are stored under.")
    verifications: list[SubjectVerification]
    processing_records: list[ProcessingRecordOut]
    registries: list[dict[str, str]] = Field(description="Registry records of the NIK (supervisors only).")


class SubjectExport(SubjectListing):
    verification_objects: list[VerificationExport] = Field(
        description="Each verification as stored (the Verification object plus the claim), decrypted."
    )
    exported_at: str


class Erasure(BaseModel):
    erased: list[str] = Field(description="Verifications whose personal data was erased now.")
    already_purged: list[str] = Field(description="Verifications that held only their minimal record already.")


class BreachReport(BaseModel):
    client: str | None
    from_: str = Field(alias="from")
    to: str
    subjects: int = Field(description="Distinct people (by NIK hash; a verification without a NIK counts once).")
    verifications: int
    counts: dict[str, int] = Field(
        description="By kind of personal data: nik, name, address, birth_date, "
        "document_image, card_image, claim, webhook_payload, …"
    )
    records: dict[str, list[Any]] = Field(description="Ids of the rows (and storage folders) holding it.")
    by_kind: dict[str, list[str]] = Field(description="Verification ids per kind of personal data.")
    generated_at: str


@router.post(
    "/subjects/search",
    operation_id="searchDataSubject",
    response_model=SubjectListing,
    responses=responses(InvalidField),
    summary="Every verification and processing record of yours about the person with this NIK",
)
def search_subject(request: SubjectRequest, session: SessionDep, client: AdminClient) -> dict[str, Any]:
    return service.subject(session, request.nik, client_id=client, actor_type="client", actor=client)


@router.post(
    "/subjects/export",
    operation_id="exportDataSubject",
    response_model=SubjectExport,
    responses=responses(InvalidField),
    summary="The same, with every stored verification decrypted: the data subject's copy (JSON)",
)
def export_subject(request: SubjectRequest, session: SessionDep, client: AdminClient) -> dict[str, Any]:
    return service.export(session, request.nik, client_id=client, actor_type="client", actor=client)


@router.post(
    "/subjects/erase",
    operation_id="eraseDataSubject",
    response_model=Erasure,
    responses=responses(InvalidField, ErasureRefused),
    summary="Erase the person's personal data from your verifications; the minimal records stay",
)
def erase_subject(
    request: SubjectRequest, session: SessionDep, storage: StorageDep, client: AdminClient
) -> dict[str, Any]:
    return service.erase(session, storage, request.nik, client_id=client, actor_type="client", actor=client)


@router.get(
    "/breach-report",
    operation_id="getBreachReport",
    response_model=BreachReport,
    responses=responses(InvalidField),
    summary="What personal data of yours exists for verifications created in a time window",
)
def breach_report(
    session: SessionDep,
    client: AdminClient,
    start: Annotated[AwareDatetime, Query(alias="from", description="ISO time with zone")],
    end: Annotated[AwareDatetime, Query(alias="to", description="ISO time with zone")],
) -> dict[str, Any]:
    return service.breach_report(session, client, start, end)
