"""API clients and keys: creation, rotation with an overlap, revocation, and checking a presented key.

A key is `dvk_<id>_<secret>`: the id (12 lower-case hex) finds the row, the whole key is compared by its
SHA-256 digest in constant time. Secrets are 32 random bytes, so a plain digest is enough (no password
hashing needed); the key itself is shown once, when it is made, and never stored.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import cast

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from service.clients import repository as repo
from service.clients.schemas import ApiKeyInfo, ClientSummary, KeyState, NewApiKey, Scope
from service.clients.tables import ApiClient, ApiKey
from service.db import utcnow
from service.errors import Forbidden, InvalidField, NotFound

SCOPES = ("submit", "read", "admin", "operator", "registry_verify")
# `operator` changes what every client's verifications are decided on (registries, programs): the operator's
# CLI grants it (`docverify client create --operator`, `client key create --scopes …,operator`), never the API
OPERATOR_SCOPE = "operator"
# issue 24: another agency's system asking this deployment's registries for per-field verdicts
# (POST /v1/registries/{name}/verifications); like `operator`, granted only by the operator's CLI
REGISTRY_VERIFY_SCOPE = "registry_verify"
KEY_PREFIX = "dvk_"
CLIENT_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
_KEY = re.compile(r"^dvk_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$")


@dataclass(frozen=True)
class IssuedKey:
    """A key as it is handed out: the only time `key` exists outside the caller's hands."""

    row: ApiKey
    key: str

    def to_json(self) -> NewApiKey:
        return NewApiKey(**key_json(self.row).model_dump(), key=self.key)


@dataclass(frozen=True)
class Principal:
    """Who a request acts for: a client (through one of its keys) and the scopes of that key."""

    client_id: str | None  # None: the operator's bootstrap admin token, which is no client
    key_id: str | None
    scopes: frozenset[str]


def digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def new_webhook_secret() -> str:
    """Standard Webhooks form: `whsec_` + base64 of 24 random bytes."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(24)).decode()


def parse_scopes(scopes: str | list[str] | tuple[str, ...]) -> list[str]:
    items = scopes.replace(",", " ").split() if isinstance(scopes, str) else list(scopes)
    bad = [s for s in items if s not in SCOPES]
    if bad or not items:
        raise InvalidField(f"scopes must be some of {', '.join(SCOPES)}", {"field": "scopes", "allowed": list(SCOPES)})
    return [s for s in SCOPES if s in items]


def key_state(row: ApiKey, now: datetime | None = None) -> KeyState:
    now = now or utcnow()
    if row.revoked_at is not None:
        return "revoked"
    if row.expires_at is not None and row.expires_at <= now:
        return "expired"
    return "active"


def key_json(row: ApiKey) -> ApiKeyInfo:
    return ApiKeyInfo(
        id=row.id,
        client_id=row.client_id,
        name=row.name,
        scopes=cast(list[Scope], row.scopes.split()),  # parse_scopes wrote them; the model checks them
        prefix=f"{KEY_PREFIX}{row.id}_",
        state=key_state(row),
        created_at=row.created_at.isoformat(),
        expires_at=row.expires_at.isoformat() if row.expires_at else None,
        revoked_at=row.revoked_at.isoformat() if row.revoked_at else None,
        replaced_by=row.replaced_by,
    )


def create_client(session: Session, name: str) -> ApiClient:
    if not CLIENT_NAME.match(name):
        raise InvalidField("a client name is 1–64 lower-case letters, digits, '.', '_' or '-'", {"field": "name"})
    if repo.get_client(session, name) is not None:
        raise InvalidField(f"client {name} exists already", {"field": "name"})
    client = ApiClient(id=name, webhook_secret=new_webhook_secret(), created_at=utcnow())
    try:
        repo.add(session, client)
    except IntegrityError as exc:  # created concurrently
        raise InvalidField(f"client {name} exists already", {"field": "name"}) from exc
    return client


def get_client(session: Session, client_id: str) -> ApiClient:
    client = repo.get_client(session, client_id)
    if client is None:
        raise NotFound(f"no client {client_id}", {"client": client_id})
    return client


def list_clients(session: Session) -> list[ClientSummary]:
    return [
        ClientSummary(
            id=c.id,
            created_at=c.created_at.isoformat(),
            keys=sum(1 for k in repo.list_keys(session, c.id) if key_state(k) == "active"),
        )
        for c in repo.list_clients(session)
    ]


def create_key(
    session: Session,
    client_id: str,
    scopes: str | list[str] | tuple[str, ...],
    name: str | None = None,
    expires_at: datetime | None = None,
) -> IssuedKey:
    get_client(session, client_id)
    if name is not None and len(name) > 64:
        raise InvalidField("a key name is at most 64 characters", {"field": "name"})
    key_id = secrets.token_hex(6)
    key = f"{KEY_PREFIX}{key_id}_{secrets.token_urlsafe(32)}"
    row = ApiKey(
        id=key_id,
        client_id=client_id,
        name=name,
        scopes=" ".join(parse_scopes(scopes)),
        secret_hash=digest(key),
        created_at=utcnow(),
        expires_at=expires_at,
    )
    repo.add(session, row)
    return IssuedKey(row, key)


def _own_key(session: Session, key_id: str, client_id: str | None) -> ApiKey:
    row = repo.get_key(session, key_id, client_id) if re.fullmatch(r"[0-9a-f]{12}", key_id) else None
    if row is None:
        raise NotFound(f"no key {key_id}", {"id": key_id})
    return row


def rotate_key(
    session: Session,
    key_id: str,
    overlap_s: float,
    client_id: str | None = None,
    caller_scopes: frozenset[str] | None = None,
) -> IssuedKey:
    """A new key with the same scopes; the old one keeps working for `overlap_s` so callers can switch.
    `caller_scopes` (over the API): a key holding the operator scope is rotated only by a caller holding it
    too, so a client's admin key cannot mint itself an operator key."""
    old = _own_key(session, key_id, client_id)
    if caller_scopes is not None and OPERATOR_SCOPE in old.scopes.split() and OPERATOR_SCOPE not in caller_scopes:
        raise Forbidden(
            f"key {key_id} has the operator scope; only the operator (CLI) or an operator key rotates it",
            {"id": key_id, "required_scope": OPERATOR_SCOPE},
        )
    if key_state(old) != "active":
        raise InvalidField(f"key {key_id} is {key_state(old)}; only an active key can be rotated", {"id": key_id})
    if overlap_s < 0:
        raise InvalidField("the overlap cannot be negative", {"field": "overlap"})
    issued = create_key(session, old.client_id, old.scopes, old.name)
    until = utcnow() + timedelta(seconds=overlap_s)
    if old.expires_at is not None and old.expires_at < until:
        until = old.expires_at
    repo.end_key(session, old.id, expires_at=until, replaced_by=issued.row.id)
    session.refresh(old)
    return issued


def revoke_key(session: Session, key_id: str, client_id: str | None = None) -> ApiKey:
    row = _own_key(session, key_id, client_id)
    if row.revoked_at is None:
        repo.end_key(session, row.id, revoked_at=utcnow())
        session.refresh(row)
    return row


def list_keys(session: Session, client_id: str) -> list[ApiKeyInfo]:
    get_client(session, client_id)
    return [key_json(k) for k in repo.list_keys(session, client_id)]


def authenticate(session: Session, presented: str) -> Principal | None:
    """The principal of a presented key, or None when it is malformed, unknown, revoked or expired."""
    found = _KEY.fullmatch(presented.strip())
    if found is None:
        return None
    row = repo.get_key(session, found.group(1))
    if row is None or not hmac.compare_digest(row.secret_hash, digest(presented.strip())):
        return None
    if key_state(row) != "active":
        return None
    client = repo.get_client(session, row.client_id)
    if client is None or client.disabled_at is not None:
        return None
    return Principal(row.client_id, row.id, frozenset(row.scopes.split()))


def webhook_secret(session: Session, client_id: str) -> str | None:
    client = repo.get_client(session, client_id)
    return client.webhook_secret if client is not None else None


def rotate_webhook_secret(session: Session, client_id: str) -> str:
    get_client(session, client_id)
    secret = new_webhook_secret()
    repo.set_webhook_secret(session, client_id, secret)
    return secret
