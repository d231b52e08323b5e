"""HTTP routes of /v1/registries and /v1/programs. Thin: parse, call the service, shape the answer.

Registries and programs are shared by all clients (the operator loads them), not a client's data. Imports and
program changes need the `admin` scope (or the operator's X-Admin-Token); reading names, counts and rules
needs `read` (no records are ever served here).
"""

from __future__ import annotations

import io
from typing import Annotated, Any

from fastapi import APIRouter, Body, File, Query, UploadFile
from pydantic import BaseModel, Field

from service.auth import AdminOrToken, ReadOrToken
from service.deps import SessionDep, SettingsDep
from service.errors import FileTooLarge, InvalidField, NotFound, RegistryCsvInvalid, responses
from service.registry import service

router = APIRouter(tags=["registries"])
AdminDep = AdminOrToken


class ImportResult(BaseModel):
    id: str
    registry: str
    status: str
    rows: int = Field(description="Data rows in the file.")
    inserted: int
    updated: int = Field(description="Records replaced by NIK.")
    skipped: int = Field(description="Invalid rows skipped (only with skip_invalid).")
    duplicates: int = Field(description="Rows whose NIK appeared again later in the file (the later row wins).")
    records: int = Field(description="Records in the registry after the import.")
    seconds: float
    errors: list[dict[str, Any]] = Field(description="Invalid rows by line and column (never their values).")


class ProgramIn(BaseModel):
    registry: str = Field(description="The registry whose records the rules read (e.g. dtks).")
    description: str | None = None
    rules: list[dict[str, Any]] = Field(
        description='Each {"field", "op": == != < <= > >= in not_in, "value", "description"?}; all must hold.',
        examples=[[{"field": "desil", "op": "<=", "value": 4}, {"field": "province", "op": "in",
                                                                 "value": ["JAWA BARAT", "BANTEN"]}]])


class ProgramOut(ProgramIn):
    name: str


@router.post("/v1/registries/{name}/imports", operation_id="importRegistry", response_model=ImportResult,
             status_code=201, dependencies=[AdminDep],
             responses=responses(RegistryCsvInvalid, InvalidField, FileTooLarge, NotFound),
             summary="Load a registry CSV (contract columns); records are replaced by NIK, all or nothing")
def import_registry(
    name: str, session: SessionDep, settings: SettingsDep,
    file: Annotated[UploadFile, File(description="The registry CSV, UTF-8, header row first.")],
    skip_invalid: Annotated[bool, Query(description="Skip invalid rows instead of refusing the file")] = False,
) -> dict[str, Any]:
    text = io.TextIOWrapper(file.file, encoding="utf-8-sig", newline="")
    return service.import_csv(session, settings, name, text, skip_invalid=skip_invalid).to_json()


@router.get("/v1/registries", operation_id="listRegistries", summary="Registries and their record counts",
            dependencies=[ReadOrToken], responses=responses())
def list_registries(session: SessionDep) -> list[dict[str, Any]]:
    return service.list_registries(session)


@router.get("/v1/registries/{name}", operation_id="getRegistry", responses=responses(NotFound),
            dependencies=[ReadOrToken],
            summary="One registry: record count and recent imports")
def get_registry(name: str, session: SessionDep) -> dict[str, Any]:
    return service.describe_registry(session, name)


@router.put("/v1/programs/{name}", operation_id="putProgram", response_model=ProgramOut, dependencies=[AdminDep],
            responses=responses(InvalidField), summary="Create or replace an eligibility program")
def put_program(name: str, session: SessionDep, program: Annotated[ProgramIn, Body()]) -> dict[str, Any]:
    return service.put_program(session, name, program.registry, program.rules, program.description)


@router.get("/v1/programs", operation_id="listPrograms", response_model=list[ProgramOut],
            dependencies=[ReadOrToken], responses=responses(),
            summary="Eligibility programs and their rules")
def list_programs(session: SessionDep) -> list[dict[str, Any]]:
    return service.list_programs(session)


@router.get("/v1/programs/{name}", operation_id="getProgram", response_model=ProgramOut,
            responses=responses(NotFound), dependencies=[ReadOrToken], summary="One eligibility program")
def get_program(name: str, session: SessionDep) -> dict[str, Any]:
    return service.program_json(service.get_program(session, name))
