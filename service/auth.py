"""Who is calling. Until API keys and roles arrive, a client names itself in `X-Client-Id`; the name scopes
idempotency keys and what a client can read and list. Requests without it are the `default` client."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import Header

from service.errors import InvalidField

_CLIENT = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


def client_id(x_client_id: Annotated[str | None, Header(description="The calling client (tenant).")] = None) -> str:
    if x_client_id is None or x_client_id == "":
        return "default"
    if not _CLIENT.match(x_client_id):
        raise InvalidField("X-Client-Id must be 1–64 letters, digits, '.', '_' or '-'", {"header": "X-Client-Id"})
    return x_client_id
