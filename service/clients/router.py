"""HTTP routes of /v1/keys: a client manages its own API keys (admin scope). Creating clients is the
operator's (`docverify client create`). Thin: parse, call the service, shape the answer."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated, Literal

from fastapi import APIRouter, Body
from pydantic import BaseModel, Field

from service.auth import AdminClient, AdminPrincipal, client_of
from service.clients import service
from service.clients.schemas import ApiKeyInfo, NewApiKey
from service.db import utcnow
from service.deps import SessionDep, SettingsDep
from service.errors import InvalidField, NotFound, responses

router = APIRouter(prefix="/v1/keys", tags=["keys"])
# what a key may be given over the API: `operator` (registries, programs: every client's business) and
# `registry_verify` (another agency asking this deployment's registries) only by the operator's CLI
GrantableScope = Literal["submit", "read", "admin"]


class KeyRequest(BaseModel):
    scopes: list[GrantableScope] = Field(
        default=["submit", "read"],
        min_length=1,
        description="`operator` and `registry_verify` cannot be granted over the API (the operator's CLI grants them).",
    )
    name: str | None = Field(default=None, max_length=64)
    expires_in_s: int | None = Field(default=None, ge=60, le=10 * 366 * 86400)


class RotateRequest(BaseModel):
    overlap_s: int | None = Field(
        default=None,
        ge=0,
        le=30 * 86400,
        description="How long the old key keeps working (default: the server's "
        "DOCVERIFY_API_KEY_ROTATION_OVERLAP_S, 24 h).",
    )


@router.get(
    "",
    operation_id="listApiKeys",
    response_model=list[ApiKeyInfo],
    responses=responses(NotFound),
    summary="Your client's API keys (never the keys themselves)",
)
def list_keys(session: SessionDep, client: AdminClient) -> list[ApiKeyInfo]:
    return service.list_keys(session, client)


@router.post(
    "",
    operation_id="createApiKey",
    response_model=NewApiKey,
    status_code=201,
    responses=responses(InvalidField, NotFound),
    summary="A new API key for your client, shown once",
)
def create_key(
    session: SessionDep, client: AdminClient, request: Annotated[KeyRequest | None, Body()] = None
) -> NewApiKey:
    request = request or KeyRequest()
    expires = utcnow() + timedelta(seconds=request.expires_in_s) if request.expires_in_s else None
    return service.create_key(session, client, list(request.scopes), request.name, expires).to_json()


@router.post(
    "/{key_id}/rotate",
    operation_id="rotateApiKey",
    response_model=NewApiKey,
    status_code=201,
    responses=responses(InvalidField, NotFound),
    summary="A new key with the same scopes; the old one keeps working for the overlap",
)
def rotate_key(
    key_id: str,
    session: SessionDep,
    settings: SettingsDep,
    principal: AdminPrincipal,
    request: Annotated[RotateRequest | None, Body()] = None,
) -> NewApiKey:
    overlap = request.overlap_s if request and request.overlap_s is not None else settings.api_key_rotation_overlap_s
    return service.rotate_key(
        session, key_id, overlap, client_id=client_of(principal), caller_scopes=principal.scopes
    ).to_json()


@router.delete(
    "/{key_id}",
    operation_id="revokeApiKey",
    response_model=ApiKeyInfo,
    responses=responses(NotFound),
    summary="Revoke a key at once",
)
def revoke_key(key_id: str, session: SessionDep, client: AdminClient) -> ApiKeyInfo:
    return service.key_json(service.revoke_key(session, key_id, client_id=client))
