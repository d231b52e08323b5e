"""Every query on webhook deliveries (the rows of `verification_events`). Repositories flush, never commit."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from service.verifications.tables import VerificationEvent


def _rowcount(result: Any) -> int:
    return int(result.rowcount)


def get(session: Session, event_id: str, client_id: str | None = None) -> VerificationEvent | None:
    """A delivery by id; with `client_id`, only that client's (another client's reads as missing)."""
    stmt = select(VerificationEvent).where(VerificationEvent.id == event_id)
    if client_id is not None:
        stmt = stmt.where(VerificationEvent.client_id == client_id)
    return session.scalars(stmt.execution_options(populate_existing=True)).one_or_none()


def list_for_client(
    session: Session,
    client_id: str,
    *,
    status: str | None,
    verification_id: str | None,
    before_id: str | None,
    limit: int,
) -> Sequence[VerificationEvent]:
    stmt = select(VerificationEvent).where(VerificationEvent.client_id == client_id)
    if status:
        stmt = stmt.where(VerificationEvent.status == status)
    if verification_id:
        stmt = stmt.where(VerificationEvent.verification_id == verification_id)
    if before_id:
        stmt = stmt.where(VerificationEvent.id < before_id)
    return session.scalars(stmt.order_by(VerificationEvent.id.desc()).limit(limit)).all()


def list_all(session: Session) -> Sequence[VerificationEvent]:
    """Every delivery row (tests and operators' tools; never an API answer: it is not scoped)."""
    return session.scalars(select(VerificationEvent).order_by(VerificationEvent.id)).all()


def _due(now: datetime) -> list[Any]:
    return [
        VerificationEvent.status == "pending",
        VerificationEvent.next_attempt_at <= now,
        or_(VerificationEvent.locked_until.is_(None), VerificationEvent.locked_until < now),
    ]


def claim_due(session: Session, now: datetime, lease: str, locked_until: datetime, limit: int) -> list[str]:
    """Take up to `limit` due deliveries for this attempt round (each taken by one dispatcher only)."""
    ids = list(
        session.scalars(
            select(VerificationEvent.id)
            .where(*_due(now))
            .order_by(VerificationEvent.next_attempt_at, VerificationEvent.id)
            .limit(limit)
        )
    )
    taken = []
    for event_id in ids:
        res = session.execute(
            update(VerificationEvent)
            .where(VerificationEvent.id == event_id, *_due(now))
            .values(lease=lease, locked_until=locked_until)
            .execution_options(synchronize_session=False)
        )
        if _rowcount(res) == 1:
            taken.append(event_id)
    return taken


def extend_lease(session: Session, event_id: str, lease: str, until: datetime) -> bool:
    """Hold the delivery until `until`, only while this attempt still holds it (right before sending: a lease
    that ran out while the attempt waited its turn is either still free, and is kept, or lost)."""
    res = session.execute(
        update(VerificationEvent)
        .where(
            VerificationEvent.id == event_id, VerificationEvent.lease == lease, VerificationEvent.status == "pending"
        )
        .values(locked_until=until)
        .execution_options(synchronize_session=False)
    )
    return _rowcount(res) == 1


def finish_attempt(session: Session, event_id: str, lease: str, **values: Any) -> bool:
    """Write an attempt's outcome, only while this attempt still holds the delivery."""
    res = session.execute(
        update(VerificationEvent)
        .where(
            VerificationEvent.id == event_id, VerificationEvent.lease == lease, VerificationEvent.status == "pending"
        )
        .values(lease=None, locked_until=None, **values)
        .execution_options(synchronize_session=False)
    )
    return _rowcount(res) == 1


def reschedule(session: Session, event_id: str, client_id: str, now: datetime, *, from_states: tuple[str, ...]) -> bool:
    """Back to pending, due now, with a fresh retry budget (a redelivery asked for by the client)."""
    res = session.execute(
        update(VerificationEvent)
        .where(
            VerificationEvent.id == event_id,
            VerificationEvent.client_id == client_id,
            VerificationEvent.status.in_(from_states),
        )
        .values(status="pending", attempts=0, retry_from=now, next_attempt_at=now, dead_at=None)
        .execution_options(synchronize_session=False)
    )
    return _rowcount(res) == 1
