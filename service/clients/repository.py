"""Every query on API clients and keys. Repositories flush, never commit."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from service.clients.tables import ApiClient, ApiKey


def add(session: Session, row: ApiClient | ApiKey) -> None:
    session.add(row)
    session.flush()


def get_client(session: Session, client_id: str) -> ApiClient | None:
    return session.get(ApiClient, client_id)


def list_clients(session: Session) -> Sequence[ApiClient]:
    return session.scalars(select(ApiClient).order_by(ApiClient.id)).all()


def get_key(session: Session, key_id: str, client_id: str | None = None) -> ApiKey | None:
    """A key by id; with `client_id`, only that client's (another client's key reads as missing)."""
    stmt = select(ApiKey).where(ApiKey.id == key_id)
    if client_id is not None:
        stmt = stmt.where(ApiKey.client_id == client_id)
    return session.scalars(stmt).one_or_none()


def list_keys(session: Session, client_id: str) -> Sequence[ApiKey]:
    return session.scalars(
        select(ApiKey).where(ApiKey.client_id == client_id).order_by(ApiKey.created_at, ApiKey.id)
    ).all()


def set_webhook_secret(session: Session, client_id: str, secret: str) -> None:
    session.execute(update(ApiClient).where(ApiClient.id == client_id).values(webhook_secret=secret))


def end_key(
    session: Session,
    key_id: str,
    *,
    expires_at: datetime | None = None,
    revoked_at: datetime | None = None,
    replaced_by: str | None = None,
) -> None:
    values: dict[str, object] = {}
    if expires_at is not None:
        values["expires_at"] = expires_at
    if revoked_at is not None:
        values["revoked_at"] = revoked_at
    if replaced_by is not None:
        values["replaced_by"] = replaced_by
    session.execute(
        update(ApiKey).where(ApiKey.id == key_id).values(**values).execution_options(synchronize_session="fetch")
    )
