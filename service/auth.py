"""Who is calling. Until API keys and roles arrive, a client names itself in `X-Client-Id`; the name scopes
idempotency keys and what a client can read and list. Requests without it are the `default` client."""

from __future__ import annotations

import hmac
import re
from typing import Annotated

from fastapi import Header, Request

from service.config import Settings
from service.errors import Forbidden, InvalidField

_CLIENT = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


def client_id(x_client_id: Annotated[str | None, Header(description="The calling client (tenant).")] = None) -> str:
    if x_client_id is None or x_client_id == "":
        return "default"
    if not _CLIENT.match(x_client_id):
        raise InvalidField("X-Client-Id must be 1–64 letters, digits, '.', '_' or '-'", {"header": "X-Client-Id"})
    return x_client_id


def require_admin(
    request: Request,
    x_admin_token: Annotated[str | None, Header(description="The admin token (DOCVERIFY_ADMIN_TOKEN).")] = None,
) -> None:
    """Admin endpoints (registry imports, programs) until API-key scopes arrive: one shared secret from
    settings, compared in constant time; with none configured the endpoints are closed."""
    settings: Settings = request.app.state.settings
    if settings.admin_token is None:
        raise Forbidden("the admin API is disabled: set DOCVERIFY_ADMIN_TOKEN", {"header": "X-Admin-Token"})
    expected = settings.admin_token.get_secret_value().encode()
    if x_admin_token is None or not hmac.compare_digest(x_admin_token.encode(), expected):
        raise Forbidden("a valid X-Admin-Token header is required", {"header": "X-Admin-Token"})
