"""Every query of issue 9: processing records (insert and read only), retention policies, and the purge and
erasure of a verification's personal data across the tables that hold it. Repositories flush, never commit."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import and_, delete, func, or_, select, update
from sqlalchemy.orm import Session

from service.db import utcnow
from service.privacy.tables import ProcessingRecord, RetentionPolicy
from service.review.tables import ReviewAudit, ReviewCase, ReviewCorrection
from service.verifications.model import VerificationResult
from service.verifications.tables import IdempotencyKey, VerificationEvent, VerificationJob

# Processing records: append-only (no update, no delete here; a trigger refuses them in the database)


def add_record(session: Session, record: ProcessingRecord) -> None:
    session.add(record)  # flushed with the unit of work (a listing of 100 verifications adds 100 at once)


def records(
    session: Session,
    *,
    verification_ids: Sequence[str] = (),
    nik_hash: str | None = None,
    client_id: str | None = None,
    limit: int = 10_000,
) -> Sequence[ProcessingRecord]:
    """Records about these verifications or this NIK hash (either), oldest first; `client_id` scopes them."""
    conds: list[Any] = []
    if verification_ids:
        conds.append(ProcessingRecord.verification_id.in_(list(verification_ids)))
    if nik_hash:
        conds.append(ProcessingRecord.nik_hash == nik_hash)
    if not conds:
        return []
    stmt = select(ProcessingRecord).where(or_(*conds))
    if client_id is not None:
        stmt = stmt.where(ProcessingRecord.client_id == client_id)
    return session.scalars(stmt.order_by(ProcessingRecord.id).limit(limit)).all()


# Retention policies


def policies(session: Session) -> Sequence[RetentionPolicy]:
    return session.scalars(
        select(RetentionPolicy).order_by(RetentionPolicy.client_id, RetentionPolicy.document_type)
    ).all()


def put_policy(session: Session, client_id: str, document_type: str, days: int) -> RetentionPolicy:
    found = session.get(RetentionPolicy, (client_id, document_type))
    if found is None:
        found = RetentionPolicy(client_id=client_id, document_type=document_type, days=days, updated_at=utcnow())
        session.add(found)
    else:
        found.days, found.updated_at = days, utcnow()
    session.flush()
    return found


def delete_policy(session: Session, client_id: str, document_type: str) -> bool:
    res = session.execute(
        delete(RetentionPolicy).where(
            RetentionPolicy.client_id == client_id, RetentionPolicy.document_type == document_type
        )
    )
    return bool(getattr(res, "rowcount", 0))


# Finding verifications


def finished_before(
    session: Session, cutoff: datetime, limit: int, after_id: str | None = None
) -> Sequence[tuple[str, str, str | None, datetime]]:
    """(id, client, detected type, finished at) of finished, unpurged, unheld verifications that finished before
    `cutoff` and wait for no clerk (a `needs_review` case or a citizen's objection still serves its purpose).
    Ordered by id."""
    finished = func.coalesce(VerificationJob.completed_at, VerificationJob.created_at)
    open_case = select(ReviewCase.verification_id).where(ReviewCase.state.in_(("open", "objection")))
    stmt = select(VerificationJob.id, VerificationJob.client_id, VerificationJob.detected_type, finished).where(
        VerificationJob.status.in_(("completed", "failed")),
        VerificationJob.purged_at.is_(None),
        VerificationJob.legal_hold.is_(False),
        finished < cutoff,
        or_(VerificationJob.decision.is_(None), VerificationJob.decision != "needs_review"),
        VerificationJob.id.not_in(open_case),
    )
    if after_id is not None:
        stmt = stmt.where(VerificationJob.id > after_id)
    return [(str(i), str(c), t, f) for i, c, t, f in session.execute(stmt.order_by(VerificationJob.id).limit(limit))]


def jobs_of_subject(session: Session, nik_hash: str, client_id: str | None = None) -> Sequence[VerificationJob]:
    stmt = select(VerificationJob).where(
        or_(VerificationJob.nik_hash == nik_hash, VerificationJob.claim_nik_hash == nik_hash)
    )
    if client_id is not None:
        stmt = stmt.where(VerificationJob.client_id == client_id)
    return session.scalars(stmt.order_by(VerificationJob.id)).all()


def ids_in_records(session: Session, nik_hash: str, client_id: str | None = None) -> list[str]:
    """Verification ids named by processing records of this NIK hash (purged or erased ones included)."""
    stmt = select(ProcessingRecord.verification_id).where(
        ProcessingRecord.nik_hash == nik_hash, ProcessingRecord.verification_id.is_not(None)
    )
    if client_id is not None:
        stmt = stmt.where(ProcessingRecord.client_id == client_id)
    return sorted({str(v) for v in session.scalars(stmt.distinct())})


def get_jobs(session: Session, ids: Sequence[str]) -> Sequence[VerificationJob]:
    if not ids:
        return []
    return session.scalars(
        select(VerificationJob).where(VerificationJob.id.in_(list(ids))).order_by(VerificationJob.id)
    ).all()


def existing_job_ids(session: Session, ids: Sequence[str]) -> set[str]:
    """Which of these ids have a verification row (purged ones included)."""
    if not ids:
        return set()
    return set(session.scalars(select(VerificationJob.id).where(VerificationJob.id.in_(list(ids)))).all())


def open_case_ids(session: Session, ids: Sequence[str]) -> set[str]:
    if not ids:
        return set()
    return set(
        session.scalars(
            select(ReviewCase.verification_id).where(
                ReviewCase.verification_id.in_(list(ids)), ReviewCase.state.in_(("open", "objection"))
            )
        )
    )


def set_legal_hold(session: Session, job_id: str, hold: bool) -> bool:
    res = session.execute(
        update(VerificationJob)
        .where(VerificationJob.id == job_id)
        .values(legal_hold=hold)
        .execution_options(synchronize_session=False)
    )
    return bool(getattr(res, "rowcount", 0))


def jobs_in_window(
    session: Session, client_id: str | None, start: datetime, end: datetime
) -> Sequence[VerificationJob]:
    """Unpurged verifications created in [start, end): what still holds personal data from that window."""
    stmt = select(VerificationJob).where(
        VerificationJob.created_at >= start, VerificationJob.created_at < end, VerificationJob.purged_at.is_(None)
    )
    if client_id is not None:
        stmt = stmt.where(VerificationJob.client_id == client_id)
    return session.scalars(stmt.order_by(VerificationJob.id)).all()


def event_ids(session: Session, job_ids: Sequence[str]) -> list[str]:
    if not job_ids:
        return []
    return list(
        session.scalars(
            select(VerificationEvent.id)
            .where(VerificationEvent.verification_id.in_(list(job_ids)))
            .order_by(VerificationEvent.id)
        )
    )


def correction_ids(session: Session, job_ids: Sequence[str]) -> list[int]:
    if not job_ids:
        return []
    return list(
        session.scalars(
            select(ReviewCorrection.id)
            .where(ReviewCorrection.verification_id.in_(list(job_ids)))
            .order_by(ReviewCorrection.id)
        )
    )


def audit_ids_with_values(session: Session, job_ids: Sequence[str]) -> list[int]:
    if not job_ids:
        return []
    return list(
        session.scalars(
            select(ReviewAudit.id)
            .where(
                ReviewAudit.verification_id.in_(list(job_ids)),
                or_(ReviewAudit.before.is_not(None), ReviewAudit.after.is_not(None)),
            )
            .order_by(ReviewAudit.id)
        )
    )


# Purge and erasure: the personal data of one verification goes; the minimal record stays


def wipe_job(session: Session, job_id: str, minimal_result: VerificationResult, at: datetime) -> bool:
    """Replace the job's personal data by its minimal record, once (False if it was purged already)."""
    res = session.execute(
        update(VerificationJob)
        .where(VerificationJob.id == job_id, VerificationJob.purged_at.is_(None))
        .values(
            claim=None,
            result=minimal_result.to_json(),
            error_message=None,
            files=[],
            nik_hash=None,
            claim_nik_hash=None,
            request_hash=None,
            purged_at=at,
            updated_at=at,
        )
        .execution_options(synchronize_session=False)
    )
    if not getattr(res, "rowcount", 0):
        return False
    session.execute(delete(VerificationEvent).where(VerificationEvent.verification_id == job_id))
    session.execute(delete(ReviewCorrection).where(ReviewCorrection.verification_id == job_id))
    session.execute(delete(IdempotencyKey).where(IdempotencyKey.job_id == job_id))
    session.execute(
        update(ReviewAudit)
        .where(
            ReviewAudit.verification_id == job_id, or_(ReviewAudit.before.is_not(None), ReviewAudit.after.is_not(None))
        )
        .values(before=None, after=None)
        .execution_options(synchronize_session=False)
    )
    return True


def count_purged(session: Session) -> int:
    return int(
        session.scalar(
            select(func.count()).select_from(VerificationJob).where(and_(VerificationJob.purged_at.is_not(None)))
        )
        or 0
    )
