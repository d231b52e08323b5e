"""HTTP routes of /v1/verifications. Thin: parse, call the service, shape the answer."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, Header, Query, Response, UploadFile

from service.auth import ReadClient, SubmitClient
from service.deps import DbDep, SessionDep, SettingsDep, StorageDep
from service.errors import (
    CallbackUrlNotAllowed,
    CorruptFile,
    EmptyFile,
    FileTooLarge,
    IdempotencyInFlight,
    IdempotencyKeyReused,
    ImageTooLarge,
    InvalidCursor,
    InvalidField,
    MissingFile,
    NotFound,
    NotReassessable,
    QueueFull,
    TooManyPages,
    UnknownProgram,
    UnknownRegistry,
    UnsupportedMediaType,
    responses,
)
from service.params import UtcDatetime
from service.verifications import reassessment, schemas, service
from service.verifications.service import Submission, Upload

router = APIRouter(prefix="/v1/verifications", tags=["verifications"])


@router.post(
    "",
    status_code=202,
    operation_id="createVerification",
    response_model=schemas.Accepted,
    responses=responses(
        FileTooLarge,
        UnsupportedMediaType,
        EmptyFile,
        MissingFile,
        ImageTooLarge,
        TooManyPages,
        CallbackUrlNotAllowed,
        CorruptFile,
        InvalidField,
        IdempotencyKeyReused,
        IdempotencyInFlight,
        UnknownRegistry,
        UnknownProgram,
        CallbackUrlNotAllowed,
        QueueFull,
    ),
    summary="Submit a document (one or more files, or one multi-page PDF) for verification",
)
def create_verification(
    response: Response,
    session: SessionDep,
    db: DbDep,
    settings: SettingsDep,
    storage: StorageDep,
    client: SubmitClient,
    file: Annotated[list[UploadFile], File(description="JPEG, PNG, WebP, TIFF or PDF; repeat for more pages.")],
    document_type: Annotated[str | None, Form(description=" | ".join(service.DOCUMENT_TYPES))] = None,
    claim: Annotated[str | None, Form(description="JSON object: what the applicant says (nik, name, …)")] = None,
    registry: Annotated[str | None, Form(description="Registry to match against")] = None,
    callback_url: Annotated[
        str | None,
        Form(
            description="Where to POST the signed events of this verification: `verification.completed` or "
            "`verification.failed` when processing ends, then `verification.reviewed` when a clerk decides "
            "(and `verification.reassessed` after a re-assessment) (http or https; must resolve to a public "
            "address unless allow-listed). Without it nothing is "
            "sent: the events are listed with delivery status `skipped`."
        ),
    ] = None,
    program: Annotated[str | None, Form(description="Eligibility program to assess (its rules and registry)")] = None,
    operator: Annotated[
        str | None,
        Form(
            description="Who at the front office submits it: a short id of your choosing (1-64 printable "
            "characters; an employee number or a counter, no personal data needed). Fraud bursts are "
            "counted per operator."
        ),
    ] = None,
    channel: Annotated[
        str | None,
        Form(
            description="Where it was submitted: a short id of your choosing (1-64 printable characters), e.g. "
            "counter, mobile-unit, kiosk."
        ),
    ] = None,
    idempotency_key: Annotated[str | None, Header(alias="Idempotency-Key")] = None,
) -> schemas.Accepted:
    limit = settings.max_upload_bytes
    uploads = [Upload(f.filename or "", f.file.read(limit + 1)) for f in file]
    submission = Submission(uploads, document_type, claim, registry, callback_url, program, operator, channel)
    accepted = service.submit(session, db, settings, storage, client, submission, idempotency_key)
    response.headers["Location"] = f"/v1/verifications/{accepted.id}"
    if accepted.replayed:
        response.headers["Idempotent-Replayed"] = "true"
    return schemas.Accepted(id=accepted.id)


@router.get(
    "/{verification_id}",
    operation_id="getVerification",
    response_model=schemas.Verification,
    responses=responses(NotFound, InvalidField),
    summary="One verification, in any state",
)
def get_verification(verification_id: str, session: SessionDep, client: ReadClient) -> schemas.Verification:
    return service.get(session, client, verification_id)


@router.get(
    "",
    operation_id="listVerifications",
    response_model=schemas.VerificationList,
    responses=responses(InvalidCursor, InvalidField),
    summary="Verifications, newest first",
)
def list_verifications(
    session: SessionDep,
    client: ReadClient,
    status: Annotated[schemas.Status | None, Query()] = None,
    decision: Annotated[schemas.Decision | None, Query()] = None,
    # UtcDatetime: out of the representable range → 422, not an OverflowError (same schema as a datetime)
    created_after: Annotated[UtcDatetime | None, Query(description="ISO 8601, inclusive")] = None,
    created_before: Annotated[UtcDatetime | None, Query(description="ISO 8601, exclusive")] = None,
    cursor: Annotated[str | None, Query(description="next_cursor of the previous page")] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> schemas.VerificationList:
    return service.list_page(
        session,
        client,
        status=status,
        decision=decision,
        created_after=created_after,
        created_before=created_before,
        cursor=cursor,
        limit=limit,
    )


# issue 24: a verification left needs_review / REGISTRY_UNAVAILABLE, assessed again once the registry is back
@router.post(
    "/{verification_id}/reassess",
    status_code=202,
    operation_id="reassessVerification",
    response_model=schemas.ReassessAccepted,
    responses=responses(NotFound, NotReassessable),
    summary="Assess again against its registry, now that it answers (no OCR again)",
    description="Only for a verification that ended `needs_review` because its registry did not answer "
    "(`registry.status: unavailable`, reason REGISTRY_UNAVAILABLE) and that no clerk has "
    "decided; otherwise 409 NOT_REASSESSABLE. A worker matches the fields already read "
    "against the registry again and replaces the decision; the caller hears of it as a "
    "`verification.reassessed` event (and sees it with GET). Should the registry still "
    "not answer, nothing changes. Needs the `submit` scope.",
)
def reassess_verification(
    verification_id: str, session: SessionDep, settings: SettingsDep, client: SubmitClient
) -> schemas.ReassessAccepted:
    return reassessment.request(session, settings, client, verification_id)
