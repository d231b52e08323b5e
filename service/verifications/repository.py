"""Every query on verification jobs and idempotency keys. Repositories flush, never commit."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from service.db import utcnow
from service.verifications.model import VerificationResult
from service.verifications.tables import IdempotencyKey, VerificationEvent, VerificationJob

ACTIVE = ("queued", "processing")


def add(session: Session, job: VerificationJob) -> None:
    session.add(job)
    session.flush()


def get(
    session: Session, job_id: str, client_id: str | None = None, *, populate: bool = False
) -> VerificationJob | None:
    """A job by id; with `client_id`, only that client's. `populate` re-reads a row this session holds."""
    stmt = select(VerificationJob).where(VerificationJob.id == job_id)
    if client_id is not None:
        stmt = stmt.where(VerificationJob.client_id == client_id)
    if populate:
        stmt = stmt.execution_options(populate_existing=True)
    return session.scalars(stmt).one_or_none()


def count_active(session: Session, client_id: str) -> int:
    """The client's jobs not finished yet (queued or processing): what its queue cap counts."""
    return int(
        session.scalar(
            select(func.count())
            .select_from(VerificationJob)
            .where(VerificationJob.client_id == client_id, VerificationJob.status.in_(ACTIVE))
        )
        or 0
    )


def list_jobs(
    session: Session,
    client_id: str,
    *,
    status: str | None,
    decision: str | None,
    created_after: datetime | None,
    created_before: datetime | None,
    before_id: str | None,
    limit: int,
) -> Sequence[VerificationJob]:
    """Newest first (ULIDs sort by creation time); `before_id` is the cursor."""
    stmt = select(VerificationJob).where(VerificationJob.client_id == client_id)
    if status:
        stmt = stmt.where(VerificationJob.status == status)
    if decision:
        stmt = stmt.where(VerificationJob.decision == decision)
    if created_after:
        stmt = stmt.where(VerificationJob.created_at >= created_after)
    if created_before:
        stmt = stmt.where(VerificationJob.created_at < created_before)
    if before_id:
        stmt = stmt.where(VerificationJob.id < before_id)
    return session.scalars(stmt.order_by(VerificationJob.id.desc()).limit(limit)).all()


# Idempotency keys


def get_key(session: Session, client_id: str, key: str) -> IdempotencyKey | None:
    return session.get(IdempotencyKey, (client_id, key), populate_existing=True)


def reserve_key(session: Session, client_id: str, key: str, request_hash: str) -> None:
    """Insert the reservation; IntegrityError when the client already used the key."""
    session.add(IdempotencyKey(client_id=client_id, key=key, request_hash=request_hash, created_at=utcnow()))
    session.flush()


def drop_stale_reservation(session: Session, client_id: str, key: str, older_than: datetime) -> int:
    result = session.execute(
        delete(IdempotencyKey).where(
            IdempotencyKey.client_id == client_id,
            IdempotencyKey.key == key,
            IdempotencyKey.job_id.is_(None),
            IdempotencyKey.created_at < older_than,
        )
    )
    return _rowcount(result)


def release_reservation(session: Session, client_id: str, key: str) -> None:
    session.execute(
        delete(IdempotencyKey).where(
            IdempotencyKey.client_id == client_id, IdempotencyKey.key == key, IdempotencyKey.job_id.is_(None)
        )
    )


def bind_key(session: Session, client_id: str, key: str, job_id: str) -> None:
    session.execute(
        update(IdempotencyKey)
        .where(IdempotencyKey.client_id == client_id, IdempotencyKey.key == key)
        .values(job_id=job_id)
    )


# Worker side: compare-and-set updates, so that each step happens once whatever the deliveries


def _rowcount(result: Any) -> int:
    return int(result.rowcount)


def _held_by(job_id: str, lease: str | None) -> list[Any]:
    """The job while `lease` holds it (processing), or, for None, while no delivery does (queued)."""
    if lease is None:
        return [VerificationJob.id == job_id, VerificationJob.status == "queued"]
    return [VerificationJob.id == job_id, VerificationJob.status == "processing", VerificationJob.lease == lease]


def claim(
    session: Session, job_id: str, *, lease: str, worker: str, max_attempts: int, previous_lease: str | None
) -> bool:
    """Take the job for this delivery and count the attempt. `previous_lease` None takes a queued job;
    otherwise it takes over a processing job whose holder is known dead, only if that holder still has it."""
    cond = [*_held_by(job_id, previous_lease), VerificationJob.attempts < max_attempts]
    now = utcnow()
    result = session.execute(
        update(VerificationJob)
        .where(*cond)
        .values(
            status="processing",
            attempts=VerificationJob.attempts + 1,
            lease=lease,
            worker=worker,
            started_at=now,
            heartbeat_at=now,
            updated_at=now,
        )
        .execution_options(synchronize_session=False)
    )
    return _rowcount(result) == 1


def heartbeat(session: Session, job_id: str, lease: str) -> bool:
    result = session.execute(
        update(VerificationJob)
        .where(VerificationJob.id == job_id, VerificationJob.lease == lease, VerificationJob.status == "processing")
        .values(heartbeat_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    return _rowcount(result) == 1


def finish(
    session: Session,
    job_id: str,
    *,
    lease: str | None,
    status: str,
    decision: str | None,
    result: VerificationResult,
    error_code: str | None = None,
    error_message: str | None = None,
    nik_hash: str | None = None,
    detected_type: str | None = None,
) -> bool:
    """Write the outcome once. With a lease: only while that delivery still holds the job. With None: only
    while the job is queued (e.g. failed before any delivery could claim it). False if someone else did."""
    cond = _held_by(job_id, lease)
    now = utcnow()
    res = session.execute(
        update(VerificationJob)
        .where(*cond)
        .values(
            status=status,
            decision=decision,
            result=result.to_json(),
            error_code=error_code,
            error_message=error_message,
            completed_at=now,
            updated_at=now,
            nik_hash=nik_hash,
            detected_type=detected_type,
        )
        .execution_options(synchronize_session=False)
    )
    return _rowcount(res) == 1


def _move_each(
    session: Session, conditions: Sequence[Any], values: Mapping[str, str | datetime | None], limit: int
) -> list[str]:
    """Update, one row at a time and only while `conditions` still hold, the jobs they select now; returns the
    ids this call moved (another sweeper racing for the same rows gets the others)."""
    ids = list(session.scalars(select(VerificationJob.id).where(*conditions).order_by(VerificationJob.id).limit(limit)))
    moved = []
    for job_id in ids:
        res = session.execute(
            update(VerificationJob)
            .where(VerificationJob.id == job_id, *conditions)
            .values(**values)
            .execution_options(synchronize_session=False)
        )
        if _rowcount(res) == 1:
            moved.append(job_id)
    return moved


def requeue_abandoned(session: Session, heartbeat_before: datetime, limit: int = 100) -> list[str]:
    """Processing jobs whose holder stopped beating go back to queued; returns those this call moved."""
    now = utcnow()
    abandoned = [VerificationJob.status == "processing", VerificationJob.heartbeat_at < heartbeat_before]
    return _move_each(
        session, abandoned, {"status": "queued", "lease": None, "enqueued_at": now, "updated_at": now}, limit
    )


def take_for_resend(session: Session, enqueued_before: datetime, limit: int = 100) -> list[str]:
    """Queued jobs not claimed since `enqueued_before`: marks them sent now; returns those this call took."""
    stale = [VerificationJob.status == "queued", VerificationJob.enqueued_at < enqueued_before]
    return _move_each(session, stale, {"enqueued_at": utcnow()}, limit)


# Clerk review (service.review): the outcome, written once, and the event for the caller


def record_review(
    session: Session, job_id: str, *, expected_decision: str, decision: str, result: VerificationResult
) -> bool:
    """Replace the result and decision of a completed job, only while its decision is still `expected_decision`
    (two clerks deciding the same case at once: one wins). False if someone else changed it first."""
    res = session.execute(
        update(VerificationJob)
        .where(
            VerificationJob.id == job_id,
            VerificationJob.status == "completed",
            VerificationJob.decision == expected_decision,
        )
        .values(decision=decision, result=result.to_json(), updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    return _rowcount(res) == 1


def update_result(
    session: Session, job_id: str, *, expected_decision: str, result: VerificationResult, nik_hash: str | None = None
) -> bool:
    """Replace the result (e.g. corrected fields and a new registry match) while the decision is unchanged."""
    stmt = (
        update(VerificationJob)
        .where(VerificationJob.id == job_id, VerificationJob.decision == expected_decision)
        .values(result=result.to_json(), updated_at=utcnow())
    )
    if nik_hash is not None:  # a clerk corrected the NIK: the person it now names
        stmt = stmt.values(nik_hash=nik_hash)
    res = session.execute(stmt.execution_options(synchronize_session=False))
    return _rowcount(res) == 1


def unsent_events(session: Session, job_id: str, event_type: str) -> list[str] | None:
    """Ids of the job's newest `event_type` event when no attempt was made yet (pending with no attempts, or
    skipped: no callback URL), else None (it went out: the caller was told)."""
    newest = session.scalars(
        select(VerificationEvent)
        .where(VerificationEvent.verification_id == job_id, VerificationEvent.type == event_type)
        .order_by(VerificationEvent.created_at.desc(), VerificationEvent.id.desc())
        .limit(1)
    ).first()
    if newest is None or newest.attempts > 0 or newest.status not in ("pending", "skipped"):
        return None
    return [newest.id]


def delete_events(session: Session, ids: list[str]) -> None:
    session.execute(
        delete(VerificationEvent).where(VerificationEvent.id.in_(ids)).execution_options(synchronize_session=False)
    )


def add_event(session: Session, event: VerificationEvent) -> None:
    session.add(event)
    session.flush()


def pending_events(session: Session, job_id: str) -> Sequence[VerificationEvent]:
    return session.scalars(
        select(VerificationEvent)
        .where(VerificationEvent.verification_id == job_id, VerificationEvent.delivered_at.is_(None))
        .order_by(VerificationEvent.id)
    ).all()
