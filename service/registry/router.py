"""HTTP routes of /v1/registries and /v1/programs. Thin: parse, call the service, shape the answer.

Registries and programs are shared by all clients (the operator loads them), not a client's data. Imports and
program changes decide every client's verifications, so they need the `operator` scope, which only the
operator's CLI grants (or the operator's X-Admin-Token); a client's `admin` key gets 403 (issue 19). Reading
names, counts and rules needs `read` (no records are ever served here).
"""

from __future__ import annotations

import io
from typing import Annotated, Any

from fastapi import APIRouter, Body, File, Query, UploadFile
from pydantic import BaseModel, Field

from service.auth import OperatorOrToken, ReadOrToken, RegistryVerifyClient
from service.deps import SessionDep, SettingsDep
from service.errors import FileTooLarge, InvalidField, NotFound, RegistryCsvInvalid, responses
from service.registry import owner, service
from service.registry.schemas import ImportResult, ProgramOut, RegistryDetail, RegistrySummary
from service.registry.verdicts import VerdictAnswer, VerdictRequest

router = APIRouter(tags=["registries"])
OperatorDep = OperatorOrToken
OPERATOR_ONLY = (
    "\n\n**Operator only**: needs an API key with the `operator` scope (granted only by the operator's "
    "CLI: `docverify client create NAME --operator`) or the operator's `X-Admin-Token`. A client's "
    "`admin` key gets 403: registries and programs decide every client's verifications."
)
READ_SCOPE = "\n\nNeeds the `read` scope (or the operator's `X-Admin-Token`); shared by all clients, no records served."


class ProgramIn(BaseModel):
    registry: str = Field(description="The registry whose records the rules read (e.g. dtks).")
    description: str | None = None
    rules: list[dict[str, Any]] = Field(
        description='Each {"field", "op": == != < <= > >= in not_in, "value", "description"?}; all must hold.',
        examples=[
            [
                {"field": "desil", "op": "<=", "value": 4},
                {"field": "province", "op": "in", "value": ["JAWA BARAT", "BANTEN"]},
            ]
        ],
    )


@router.post(
    "/v1/registries/{name}/imports",
    operation_id="importRegistry",
    response_model=ImportResult,
    status_code=201,
    dependencies=[OperatorDep],
    openapi_extra={"x-required-scope": "operator"},
    description="Records are replaced by NIK; the whole file or nothing." + OPERATOR_ONLY,
    responses=responses(RegistryCsvInvalid, InvalidField, FileTooLarge, NotFound),
    summary="Load a registry CSV (contract columns); records are replaced by NIK, all or nothing",
)
def import_registry(
    name: str,
    session: SessionDep,
    settings: SettingsDep,
    file: Annotated[UploadFile, File(description="The registry CSV, UTF-8, header row first.")],
    skip_invalid: Annotated[bool, Query(description="Skip invalid rows instead of refusing the file")] = False,
) -> ImportResult:
    text = io.TextIOWrapper(file.file, encoding="utf-8-sig", newline="")
    return service.import_csv(session, settings, name, text, skip_invalid=skip_invalid)


@router.get(
    "/v1/registries",
    operation_id="listRegistries",
    response_model=list[RegistrySummary],
    summary="Registries and their record counts",
    dependencies=[ReadOrToken],
    responses=responses(),
    openapi_extra={"x-required-scope": "read"},
    description="Names and record counts." + READ_SCOPE,
)
def list_registries(session: SessionDep) -> list[RegistrySummary]:
    return service.list_registries(session)


@router.get(
    "/v1/registries/{name}",
    operation_id="getRegistry",
    response_model=RegistryDetail,
    responses=responses(NotFound),
    dependencies=[ReadOrToken],
    openapi_extra={"x-required-scope": "read"},
    description="Record count and recent imports." + READ_SCOPE,
    summary="One registry: record count and recent imports",
)
def get_registry(name: str, session: SessionDep) -> RegistryDetail:
    return service.describe_registry(session, name)


@router.put(
    "/v1/programs/{name}",
    operation_id="putProgram",
    response_model=ProgramOut,
    dependencies=[OperatorDep],
    openapi_extra={"x-required-scope": "operator"},
    description="The rules are checked against the named registry's record of the applicant." + OPERATOR_ONLY,
    responses=responses(InvalidField),
    summary="Create or replace an eligibility program",
)
def put_program(name: str, session: SessionDep, program: Annotated[ProgramIn, Body()]) -> ProgramOut:
    return service.put_program(session, name, program.registry, program.rules, program.description)


@router.get(
    "/v1/programs",
    operation_id="listPrograms",
    response_model=list[ProgramOut],
    dependencies=[ReadOrToken],
    responses=responses(),
    openapi_extra={"x-required-scope": "read"},
    description="Every program with its rules." + READ_SCOPE,
    summary="Eligibility programs and their rules",
)
def list_programs(session: SessionDep) -> list[ProgramOut]:
    return service.list_programs(session)


@router.get(
    "/v1/programs/{name}",
    operation_id="getProgram",
    response_model=ProgramOut,
    responses=responses(NotFound),
    dependencies=[ReadOrToken],
    summary="One eligibility program",
    openapi_extra={"x-required-scope": "read"},
    description="One program with its rules." + READ_SCOPE,
)
def get_program(name: str, session: SessionDep) -> ProgramOut:
    return service.program_json(service.get_program(session, name))


# issue 24: docverify as a registry owner (docs/registry-protocol.md)
@router.post(
    "/v1/registries/{name}/verifications",
    operation_id="verifyAgainstRegistry",
    response_model=VerdictAnswer,
    openapi_extra={"x-required-scope": "registry_verify"},
    responses=responses(NotFound, InvalidField),
    summary="Per-field verdicts on one NIK against this registry: never a record, never the NIK",
    description="Another agency's system sends a NIK and the fields it read; the answer says, per field "
    "present on both sides, whether it matches (with a 0–100 score), and `found: false` when "
    "the NIK is not in the registry. No record value, no NIK, no candidate search. Every call "
    "is a processing record (which registry, which client, when, the NIK's keyed hash). "
    "Counted against the per-client limit DOCVERIFY_REGISTRY_VERDICT_RATE_LIMIT."
    "\n\n**Needs the `registry_verify` scope**, granted only by the operator's CLI "
    "(`docverify client create NAME --scopes registry_verify`). Wire format and adapters: "
    "docs/registry-protocol.md.",
)
def verify_against_registry(
    name: str,
    session: SessionDep,
    settings: SettingsDep,
    client: RegistryVerifyClient,
    request: Annotated[VerdictRequest, Body()],
) -> VerdictAnswer:
    return owner.answer(session, settings, client, name, request)
