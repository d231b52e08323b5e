"""HTTP routes of /v1/privacy (admin scope): a client's data-subject requests (list, export, erase) and its breach
report. Every query is scoped by the key's client; a supervisor across clients uses `docverify privacy`.
The NIK travels in the body, never in a URL (URLs end up in access logs)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import AwareDatetime, BaseModel, Field

from service.auth import AdminClient
from service.deps import SessionDep, StorageDep
from service.errors import ErasureRefused, InvalidField, responses
from service.privacy import service
from service.privacy.schemas import BreachReport, Erasure, SubjectExport, SubjectListing

router = APIRouter(prefix="/v1/privacy", tags=["privacy"])


class SubjectRequest(BaseModel):
    nik: str = Field(pattern=r"^[0-9]{16}$", description="The data subject's NIK (16 digits).")


@router.post(
    "/subjects/search",
    operation_id="searchDataSubject",
    response_model=SubjectListing,
    responses=responses(InvalidField),
    summary="Every verification and processing record of yours about the person with this NIK",
)
def search_subject(request: SubjectRequest, session: SessionDep, client: AdminClient) -> SubjectListing:
    return service.subject(session, request.nik, client_id=client, actor_type="client", actor=client)


@router.post(
    "/subjects/export",
    operation_id="exportDataSubject",
    response_model=SubjectExport,
    responses=responses(InvalidField),
    summary="The same, with every stored verification decrypted: the data subject's copy (JSON)",
)
def export_subject(request: SubjectRequest, session: SessionDep, client: AdminClient) -> SubjectExport:
    return service.export(session, request.nik, client_id=client, actor_type="client", actor=client)


@router.post(
    "/subjects/erase",
    operation_id="eraseDataSubject",
    response_model=Erasure,
    responses=responses(InvalidField, ErasureRefused),
    summary="Erase the person's personal data from your verifications; the minimal records stay",
)
def erase_subject(request: SubjectRequest, session: SessionDep, storage: StorageDep, client: AdminClient) -> Erasure:
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
) -> BreachReport:
    return service.breach_report(session, client, start, end)
