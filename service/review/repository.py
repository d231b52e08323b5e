"""Every query of the review UI. Repositories flush, never commit."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from service.review.tables import (
    OBJECTION,
    QUEUES,
    WAITING_STATES,
    ReviewAudit,
    ReviewCase,
    ReviewCorrection,
    ReviewSession,
    ReviewUser,
)
from service.verifications.tables import VerificationJob

# Accounts and sessions


def get_user(session: Session, username: str) -> ReviewUser | None:
    return session.scalars(select(ReviewUser).where(ReviewUser.username == username)).one_or_none()


def get_user_by_id(session: Session, user_id: int) -> ReviewUser | None:
    return session.get(ReviewUser, user_id)


def add_user(session: Session, user: ReviewUser) -> None:
    session.add(user)
    session.flush()


def list_users(session: Session) -> Sequence[ReviewUser]:
    return session.scalars(select(ReviewUser).order_by(ReviewUser.username)).all()


def add_session(session: Session, row: ReviewSession) -> None:
    session.add(row)
    session.flush()


def get_session(session: Session, token_hash: str) -> ReviewSession | None:
    return session.get(ReviewSession, token_hash)


def delete_session(session: Session, token_hash: str) -> None:
    session.execute(delete(ReviewSession).where(ReviewSession.token_hash == token_hash))


def delete_user_sessions(session: Session, user_id: int) -> None:
    session.execute(delete(ReviewSession).where(ReviewSession.user_id == user_id))


def delete_expired_sessions(session: Session, now: datetime) -> None:
    session.execute(delete(ReviewSession).where(ReviewSession.expires_at < now))


# The queue


def untracked_reviewable(session: Session, limit: int) -> Sequence[VerificationJob]:
    """needs_review, retake and rejected jobs the queue has not indexed yet (and not purged), oldest first."""
    tracked = select(ReviewCase.verification_id)
    stmt = (
        select(VerificationJob)
        .where(
            VerificationJob.status == "completed",
            VerificationJob.decision.in_(tuple(QUEUES)),
            VerificationJob.purged_at.is_(None),
            VerificationJob.id.not_in(tracked),
        )
        .order_by(VerificationJob.created_at, VerificationJob.id)
        .limit(limit)
    )
    return session.scalars(stmt).all()


def add_case(session: Session, case: ReviewCase) -> None:
    session.add(case)
    session.flush()


def get_case(session: Session, verification_id: str) -> ReviewCase | None:
    return session.get(ReviewCase, verification_id)


def _listed(decision: str) -> Any:
    """The cases of one queue: in its state, the job still with that decision, its data not purged. A citizen's
    objection to an automatic decision waits in the needs_review queue whatever that decision is."""
    listed = (ReviewCase.state == QUEUES[decision]) & (VerificationJob.decision == decision)
    if decision == "needs_review":
        listed = listed | (ReviewCase.state == OBJECTION)
    return listed & VerificationJob.purged_at.is_(None)


def _open_cases(
    document_type: str | None, province_code: str | None, reason: str | None, decision: str = "needs_review"
) -> Any:
    stmt = (
        select(ReviewCase, VerificationJob)
        .join(VerificationJob, VerificationJob.id == ReviewCase.verification_id)
        .where(_listed(decision))
    )
    if document_type:
        stmt = stmt.where(ReviewCase.document_type == document_type)
    if province_code:
        stmt = stmt.where(ReviewCase.province_code == province_code)
    if reason:
        stmt = stmt.where(ReviewCase.reason_codes.contains(f",{reason},", autoescape=True))
    return stmt


def open_cases(
    session: Session,
    *,
    document_type: str | None,
    province_code: str | None,
    reason: str | None,
    limit: int,
    after: tuple[datetime, str] | None = None,
    decision: str = "needs_review",
) -> Sequence[tuple[ReviewCase, VerificationJob]]:
    """The cases of one queue (`decision`) oldest first; `after` (created_at, id) continues from the last one."""
    stmt = _open_cases(document_type, province_code, reason, decision)
    if after is not None:
        created, vid = after
        stmt = stmt.where(
            (ReviewCase.created_at > created)
            | ((ReviewCase.created_at == created) & (ReviewCase.verification_id > vid))
        )
    stmt = stmt.order_by(ReviewCase.created_at, ReviewCase.verification_id).limit(limit)
    return [(row[0], row[1]) for row in session.execute(stmt).all()]


def open_case_facets(session: Session, decision: str = "needs_review") -> Sequence[tuple[str, str | None, str]]:
    """(document_type, province_code, reason_codes) of every case of one queue: the queue's counts."""
    stmt = (
        select(ReviewCase.document_type, ReviewCase.province_code, ReviewCase.reason_codes)
        .join(VerificationJob, VerificationJob.id == ReviewCase.verification_id)
        .where(_listed(decision))
    )
    return [(r[0], r[1], r[2]) for r in session.execute(stmt).all()]


def queue_sizes(session: Session) -> dict[str, int]:
    """How many cases each queue (needs_review, retake, rejected) lists."""
    return {
        d: int(
            session.scalar(
                select(func.count())
                .select_from(ReviewCase)
                .join(VerificationJob, VerificationJob.id == ReviewCase.verification_id)
                .where(_listed(d))
            )
            or 0
        )
        for d in QUEUES
    }


def neighbour_case(session: Session, case: ReviewCase, *, forward: bool, decision: str = "needs_review") -> str | None:
    """The next (or previous) case of the same queue, for j/k on the case page and after a decision."""
    stmt = (
        select(ReviewCase.verification_id)
        .join(VerificationJob, VerificationJob.id == ReviewCase.verification_id)
        .where(_listed(decision), ReviewCase.verification_id != case.verification_id)
    )
    if forward:
        stmt = stmt.where(
            (ReviewCase.created_at > case.created_at)
            | ((ReviewCase.created_at == case.created_at) & (ReviewCase.verification_id > case.verification_id))
        )
        stmt = stmt.order_by(ReviewCase.created_at, ReviewCase.verification_id)
    else:
        stmt = stmt.where(
            (ReviewCase.created_at < case.created_at)
            | ((ReviewCase.created_at == case.created_at) & (ReviewCase.verification_id < case.verification_id))
        )
        stmt = stmt.order_by(ReviewCase.created_at.desc(), ReviewCase.verification_id.desc())
    return session.scalars(stmt.limit(1)).first()


def first_open_case(session: Session) -> str | None:
    rows = open_cases(session, document_type=None, province_code=None, reason=None, limit=1)
    return rows[0][0].verification_id if rows else None


def close_case(session: Session, verification_id: str, *, state: str, reviewer: str, at: datetime) -> bool:
    res = session.execute(
        update(ReviewCase)
        .where(ReviewCase.verification_id == verification_id, ReviewCase.state.in_(WAITING_STATES))
        .values(state=state, reviewer=reviewer, reviewed_at=at)
        .execution_options(synchronize_session=False)
    )
    return int(res.rowcount) == 1  # type: ignore[attr-defined]


def reopen_case(session: Session, verification_id: str, state: str) -> None:
    """A decision undone: the case waits in its queue again."""
    session.execute(
        update(ReviewCase)
        .where(ReviewCase.verification_id == verification_id)
        .values(state=state, reviewer=None, reviewed_at=None)
        .execution_options(synchronize_session=False)
    )


def set_state(session: Session, verification_id: str, state: str, reason_codes: str) -> None:
    """A case moved to another queue (an objection), its reason codes with it."""
    session.execute(
        update(ReviewCase)
        .where(ReviewCase.verification_id == verification_id)
        .values(state=state, reason_codes=reason_codes, reviewer=None, reviewed_at=None)
        .execution_options(synchronize_session=False)
    )


def set_facets(session: Session, verification_id: str, *, province_code: str | None, reason_codes: str) -> None:
    session.execute(
        update(ReviewCase)
        .where(ReviewCase.verification_id == verification_id)
        .values(province_code=province_code, reason_codes=reason_codes)
        .execution_options(synchronize_session=False)
    )


# Audit and corrections


def add_audit(session: Session, row: ReviewAudit) -> None:
    session.add(row)
    session.flush()


def list_audit(
    session: Session,
    *,
    actor: str | None,
    action: str | None,
    verification_id: str | None,
    before_id: int | None,
    limit: int,
) -> Sequence[ReviewAudit]:
    """Newest first; `before_id` pages back."""
    stmt = select(ReviewAudit)
    if actor:
        stmt = stmt.where(ReviewAudit.actor == actor)
    if action:
        stmt = stmt.where(ReviewAudit.action == action)
    if verification_id:
        stmt = stmt.where(ReviewAudit.verification_id == verification_id)
    if before_id is not None:
        stmt = stmt.where(ReviewAudit.id < before_id)
    return session.scalars(stmt.order_by(ReviewAudit.id.desc()).limit(limit)).all()


def revealed_since(session: Session, actor: str, verification_id: str, since: datetime) -> bool:
    """Whether `actor` revealed the NIK of this case at or after `since` (the start of their login session)."""
    stmt = select(ReviewAudit.id).where(
        ReviewAudit.actor == actor,
        ReviewAudit.action == "reveal_nik",
        ReviewAudit.verification_id == verification_id,
        ReviewAudit.at >= since,
    )
    return session.scalars(stmt.limit(1)).first() is not None


def add_correction(session: Session, row: ReviewCorrection) -> None:
    session.add(row)
    session.flush()


def list_corrections(session: Session, verification_id: str | None = None) -> Sequence[ReviewCorrection]:
    stmt = select(ReviewCorrection)
    if verification_id:
        stmt = stmt.where(ReviewCorrection.verification_id == verification_id)
    return session.scalars(stmt.order_by(ReviewCorrection.id)).all()
