"""Who is calling, and what they may do.

A front-office system is a client (`service.clients`) and calls with one of its API keys:
`Authorization: Bearer dvk_<id>_<secret>`. The key's client scopes every query on verifications and
webhook deliveries; its scopes (`submit`, `read`, `admin`) gate the endpoints. No key, or an unknown,
revoked or expired one: 401. A key without the endpoint's scope: 403. Each authenticated request counts
towards the client's rate limit (`service.limits`); each 401 and 403 counts towards the caller's IP's limit on
failed authentication, and an IP over it is answered 429 before its key is looked at.

Registries and programs are shared by every client, so writing them needs the `operator` scope, which only
the operator's CLI grants (`docverify client create --operator`); a client's `admin` scope covers its own keys
and webhook secret only. `X-Admin-Token` (DOCVERIFY_ADMIN_TOKEN, unset by default) stays as the operator's
bootstrap path for those shared endpoints: it carries the operator scope but is no client, so it can never
read a client's verifications. Clerks and supervisors are not API clients: they log in to the
review UI (`service.review`).
"""

from __future__ import annotations

import hmac
from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, Header, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from service.clients import service as clients
from service.clients.service import Principal
from service.config import Settings
from service.deps import SessionDep
from service.errors import Forbidden, Unauthorized
from service.limits import check_failures, check_rate, record_failure

_bearer = HTTPBearer(
    auto_error=False,
    scheme_name="ApiKey",
    description="An API key of your client: `Authorization: Bearer dvk_<id>_<secret>`.",
)
_CHALLENGE = {"WWW-Authenticate": 'Bearer realm="docverify"'}


def _admin_token_ok(settings: Settings, token: str | None) -> bool:
    if settings.admin_token is None or not token:
        return False
    return hmac.compare_digest(token.encode(), settings.admin_token.get_secret_value().encode())


def authenticate(
    request: Request,
    session: SessionDep,
    credentials: HTTPAuthorizationCredentials | None,
    x_admin_token: str | None,
    admin_token_allowed: bool,
) -> Principal:
    settings: Settings = request.app.state.settings
    if admin_token_allowed and x_admin_token is not None:
        if _admin_token_ok(settings, x_admin_token):
            return Principal(None, None, frozenset({"operator", "admin", "read"}))
        raise Unauthorized("the X-Admin-Token is not valid", {"header": "X-Admin-Token"}, headers=_CHALLENGE)
    if credentials is None:
        raise Unauthorized(
            "an API key is required: Authorization: Bearer <key>", {"header": "Authorization"}, headers=_CHALLENGE
        )
    principal = clients.authenticate(session, credentials.credentials)
    if principal is None:
        raise Unauthorized(
            "the API key is not valid (unknown, revoked or expired)", {"header": "Authorization"}, headers=_CHALLENGE
        )
    return principal


def require(scope: str, *, admin_token: bool = False) -> Callable[..., Principal]:
    """A dependency: the caller's principal, which must hold `scope`; with `admin_token`, the operator's
    X-Admin-Token is accepted too (endpoints on shared resources only, never on a client's data)."""

    if admin_token:

        def dependency(
            request: Request,
            session: SessionDep,
            credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
            x_admin_token: Annotated[
                str | None,
                Header(
                    description="Operator bootstrap token (DOCVERIFY_ADMIN_TOKEN), instead of an API "
                    "key with the operator scope."
                ),
            ] = None,
        ) -> Principal:
            return _limited(
                request,
                lambda: _checked(request, authenticate(request, session, credentials, x_admin_token, True), scope),
            )
    else:

        def dependency(  # type: ignore[misc]
            request: Request,
            session: SessionDep,
            credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
        ) -> Principal:
            return _limited(
                request, lambda: _checked(request, authenticate(request, session, credentials, None, False), scope)
            )

    return dependency


def _limited(request: Request, check: Callable[[], Principal]) -> Principal:
    """`check()` unless the caller's IP is over its limit of failed authentication; a 401 or 403 counts."""
    settings: Settings = request.app.state.settings
    ip = request.client.host if request.client else None
    check_failures(settings, "auth", ip, settings.auth_failure_limit, settings.auth_failure_window_s)
    try:
        return check()
    except (Unauthorized, Forbidden):
        record_failure(settings, "auth", ip, settings.auth_failure_window_s)
        raise


def _checked(request: Request, principal: Principal, scope: str) -> Principal:
    if scope not in principal.scopes:
        raise Forbidden(
            f"this API key lacks the `{scope}` scope", {"required_scope": scope, "scopes": sorted(principal.scopes)}
        )
    if principal.client_id is not None:
        check_rate(request.app.state.settings, principal.client_id)
    return principal


def client_of(principal: Principal) -> str:
    """The tenant a principal acts for (the admin token has none: such a route must not be reachable by it)."""
    if principal.client_id is None:
        raise Forbidden("this endpoint needs an API key of a client", {"header": "Authorization"})
    return principal.client_id


def _client(scope: str) -> Callable[..., str]:
    dep = require(scope)

    # a default, not Annotated: with postponed annotations FastAPI cannot see this closure's `dep`
    def dependency(principal: Principal = Depends(dep)) -> str:  # noqa: B008
        return client_of(principal)

    return dependency


SubmitClient = Annotated[str, Depends(_client("submit"))]
ReadClient = Annotated[str, Depends(_client("read"))]
AdminClient = Annotated[str, Depends(_client("admin"))]
AdminPrincipal = Annotated[Principal, Depends(require("admin"))]
# registries and programs are the operator's (issue 19): a client's admin key does not change them
OperatorOrToken = Depends(require("operator", admin_token=True))
# issue 24: another agency's system asking for per-field verdicts (granted only by the operator's CLI)
RegistryVerifyClient = Annotated[str, Depends(_client("registry_verify"))]
ReadOrToken = Depends(require("read", admin_token=True))
