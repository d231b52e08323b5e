"""What /v1/keys serves about a client's API keys, and what the operator's CLI prints about clients."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Scope = Literal["submit", "read", "admin", "operator", "registry_verify"]
KeyState = Literal["active", "expired", "revoked"]


class ApiKeyInfo(BaseModel):
    id: str
    client_id: str
    name: str | None
    scopes: list[Scope]
    prefix: str = Field(description="How the key starts: dvk_<id>_")
    state: KeyState
    created_at: str
    expires_at: str | None
    revoked_at: str | None
    replaced_by: str | None = Field(description="The key that rotated this one out.")


class NewApiKey(ApiKeyInfo):
    key: str = Field(description="The key itself. Shown this once; only its digest is stored.")


class ClientSummary(BaseModel):
    id: str
    created_at: str
    keys: int = Field(description="Active keys.")
