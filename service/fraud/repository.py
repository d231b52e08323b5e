"""Every query on the fraud tables, and the dashboard's counts (GROUP BY in the database, never by loading
every row). Repositories flush, never commit."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Date, String, and_, cast, delete, func, or_, select
from sqlalchemy.orm import Session

from service.fraud.tables import FraudReason, FraudSignal, FraudSubmission
from service.verifications.tables import VerificationJob


def add_submission(session: Session, row: FraudSubmission, reasons: Collection[str]) -> FraudSubmission:
    session.add(row)
    session.add_all(FraudReason(verification_id=row.verification_id, code=code) for code in sorted(set(reasons)))
    session.flush()
    return row


def get_submission(session: Session, verification_id: str) -> FraudSubmission | None:
    return session.scalars(
        select(FraudSubmission).where(FraudSubmission.verification_id == verification_id)
    ).one_or_none()


def hashes_after(session: Session, top: int, also: Sequence[int]) -> list[tuple[int, int, int | None, int | None]]:
    """(id, card, photo, text hashes) of the rows with an id above `top` or in `also`, by id."""
    newer = FraudSubmission.id > top
    rows = session.execute(
        select(FraudSubmission.id, FraudSubmission.card_hash, FraudSubmission.photo_hash, FraudSubmission.text_hash)
        .where(
            or_(newer, FraudSubmission.id.in_(list(also))) if also else newer, FraudSubmission.card_hash.is_not(None)
        )
        .order_by(FraudSubmission.id)
    ).all()
    return [(int(r[0]), int(r[1] or 0), r[2], r[3]) for r in rows]


def submissions_by_ids(session: Session, ids: Sequence[int]) -> list[FraudSubmission]:
    if not ids:
        return []
    return list(session.scalars(select(FraudSubmission).where(FraudSubmission.id.in_([int(i) for i in ids]))))


def same_content(session: Session, content_hash: str, limit: int) -> list[FraudSubmission]:
    """Submissions that read the same card content (keyed hash of NIK, name and birth date)."""
    return list(
        session.scalars(
            select(FraudSubmission)
            .where(FraudSubmission.content_hash == content_hash)
            .order_by(FraudSubmission.submitted_at.desc())
            .limit(limit)
        )
    )


def same_nik(
    session: Session, keys: Collection[str], since: datetime, exclude: str, limit: int
) -> list[tuple[FraudSubmission, str | None]]:
    """Submissions since `since` whose read or claimed NIK hash is one of `keys`, with their verification's
    decision (rejected ones are no active application), newest first."""
    if not keys:
        return []
    stmt = (
        select(FraudSubmission, VerificationJob.decision)
        .join(VerificationJob, VerificationJob.id == FraudSubmission.verification_id)
        .where(
            or_(FraudSubmission.nik_hash.in_(list(keys)), FraudSubmission.claim_nik_hash.in_(list(keys))),
            FraudSubmission.submitted_at >= since,
            FraudSubmission.verification_id != exclude,
        )
        .order_by(FraudSubmission.submitted_at.desc())
        .limit(limit)
    )
    return [(row[0], row[1]) for row in session.execute(stmt).all()]


def cluster(
    session: Session, column: str, key: str, since: datetime, until: datetime, limit: int
) -> tuple[set[str], list[str]]:
    """(the applicant NIK hashes at this address / RT-RW key in the window, the newest verification ids)."""
    col = getattr(FraudSubmission, column)
    applicant = func.coalesce(FraudSubmission.claim_nik_hash, FraudSubmission.nik_hash)
    where = (col == key, FraudSubmission.submitted_at >= since, FraudSubmission.submitted_at <= until)
    applicants = {str(v) for v in session.scalars(select(applicant).where(*where).distinct()) if v}
    ids = list(
        session.scalars(
            select(FraudSubmission.verification_id)
            .where(*where)
            .order_by(FraudSubmission.submitted_at.desc())
            .limit(limit)
        )
    )
    return applicants, ids


def _burst(session: Session, where: Sequence[Any], limit: int) -> tuple[int, list[str]]:
    count = int(session.scalar(select(func.count()).select_from(FraudSubmission).where(*where)) or 0)
    ids = list(
        session.scalars(
            select(FraudSubmission.verification_id)
            .where(*where)
            .order_by(FraudSubmission.submitted_at.desc())
            .limit(limit)
        )
    )
    return count, ids


def applicant_burst(
    session: Session, applicant: str, since: datetime, until: datetime, exclude: str, limit: int
) -> tuple[int, list[str]]:
    """(submissions for this applicant NIK hash in the window, the newest ids): the applicant is the claimed
    NIK, else the one read, as for retries (members of one family each claiming their own NIK with the head of
    family's card are different applicants). Both hash columns are indexed."""
    return _burst(
        session,
        (
            or_(
                FraudSubmission.claim_nik_hash == applicant,
                and_(FraudSubmission.claim_nik_hash.is_(None), FraudSubmission.nik_hash == applicant),
            ),
            FraudSubmission.submitted_at >= since,
            FraudSubmission.submitted_at <= until,
            FraudSubmission.verification_id != exclude,
        ),
        limit,
    )


def operator_burst(
    session: Session, operator_key: str, since: datetime, until: datetime, exclude: str, limit: int
) -> tuple[int, list[str]]:
    """(submissions by this operator of this client in the window, the newest ids)."""
    return _burst(
        session,
        (
            FraudSubmission.operator_key == operator_key,
            FraudSubmission.submitted_at >= since,
            FraudSubmission.submitted_at <= until,
            FraudSubmission.verification_id != exclude,
        ),
        limit,
    )


def add_signals(session: Session, signals: Sequence[FraudSignal]) -> None:
    session.add_all(signals)
    session.flush()


def add_reasons(session: Session, row: FraudSubmission, codes: Collection[str]) -> None:
    known = set(row.reason_codes.strip(",").split(",")) - {""}
    new = sorted(set(codes) - known)
    if new:
        session.add_all(FraudReason(verification_id=row.verification_id, code=c) for c in new)
        row.reason_codes = "," + ",".join(sorted(known | set(new))) + ","
        session.flush()


def signals_for(session: Session, verification_id: str) -> list[FraudSignal]:
    return list(
        session.scalars(
            select(FraudSignal).where(FraudSignal.verification_id == verification_id).order_by(FraudSignal.id)
        )
    )


def delete_for_verification(session: Session, verification_id: str) -> int:
    """Everything this issue stored about one verification (purge, erasure): its submission row, reasons and
    signals, and its id in other verifications' signal links. Returns the rows deleted."""
    deleted = 0
    for table in (FraudSubmission, FraudReason, FraudSignal):
        result = session.execute(delete(table).where(table.verification_id == verification_id))
        deleted += int(getattr(result, "rowcount", 0) or 0)
    like = f'%"{verification_id}"%'
    for signal in session.scalars(select(FraudSignal).where(cast(FraudSignal.linked, String).like(like))):
        signal.linked = [v for v in signal.linked if v != verification_id]
    session.flush()
    return deleted


def delete_for_nik_hash(session: Session, nik_hash: str) -> list[str]:
    """Erasure by NIK: every verification screened with this NIK hash (read or claimed) is forgotten here.
    Returns their verification ids."""
    ids = list(
        session.scalars(
            select(FraudSubmission.verification_id).where(
                or_(FraudSubmission.nik_hash == nik_hash, FraudSubmission.claim_nik_hash == nik_hash)
            )
        )
    )
    for verification_id in ids:
        delete_for_verification(session, verification_id)
    return ids


# The supervisor dashboard


def _window(stmt: Any, start: datetime | None, end: datetime | None) -> Any:
    if start is not None:
        stmt = stmt.where(FraudSubmission.submitted_at >= start)
    if end is not None:
        stmt = stmt.where(FraudSubmission.submitted_at < end)
    return stmt


def counts_by(
    session: Session, facet: str, start: datetime | None, end: datetime | None
) -> list[tuple[str | None, int]]:
    """Screened verifications per value of one facet: decision (the current one, after any review),
    document_type, program, region (province + regency code) or province (its first two digits)."""
    key: Any
    if facet == "decision":
        key = VerificationJob.decision
    elif facet == "province":
        key = func.substr(FraudSubmission.region_code, 1, 2)
    elif facet == "region":
        key = FraudSubmission.region_code
    elif facet in ("document_type", "program", "client_id"):
        key = getattr(FraudSubmission, facet)
    else:
        raise ValueError(f"unknown facet {facet}")
    stmt = (
        select(key, func.count())
        .select_from(FraudSubmission)
        .join(VerificationJob, VerificationJob.id == FraudSubmission.verification_id)
        .group_by(key)
        .order_by(func.count().desc())
    )
    return [(None if k is None else str(k), int(n)) for k, n in session.execute(_window(stmt, start, end)).all()]


def counts_by_reason(session: Session, start: datetime | None, end: datetime | None) -> list[tuple[str, int]]:
    stmt = (
        select(FraudReason.code, func.count())
        .select_from(FraudReason)
        .join(FraudSubmission, FraudSubmission.verification_id == FraudReason.verification_id)
        .group_by(FraudReason.code)
        .order_by(func.count().desc())
    )
    return [(str(k), int(n)) for k, n in session.execute(_window(stmt, start, end)).all()]


def counts_over_time(
    session: Session, start: datetime | None, end: datetime | None
) -> list[tuple[str, str | None, int]]:
    """(day as YYYY-MM-DD, decision, count): the caller folds days into weeks when asked."""
    day: Any = cast(FraudSubmission.submitted_at, Date)
    if session.get_bind().dialect.name == "sqlite":
        day = func.substr(FraudSubmission.submitted_at, 1, 10)
    stmt = (
        select(day, VerificationJob.decision, func.count())
        .select_from(FraudSubmission)
        .join(VerificationJob, VerificationJob.id == FraudSubmission.verification_id)
        .group_by(day, VerificationJob.decision)
        .order_by(day)
    )
    return [
        (str(d), None if dec is None else str(dec), int(n))
        for d, dec, n in session.execute(_window(stmt, start, end)).all()
    ]


def open_signals(
    session: Session, start: datetime | None, end: datetime | None, limit: int
) -> list[tuple[FraudSignal, str | None]]:
    """Signals whose verification still waits for a clerk (decision needs_review), newest first."""
    stmt = (
        select(FraudSignal, VerificationJob.decision)
        .join(VerificationJob, VerificationJob.id == FraudSignal.verification_id)
        .where(VerificationJob.decision == "needs_review")
        .order_by(FraudSignal.created_at.desc())
        .limit(limit)
    )
    if start is not None:
        stmt = stmt.where(FraudSignal.created_at >= start)
    if end is not None:
        stmt = stmt.where(FraudSignal.created_at < end)
    return [(row[0], row[1]) for row in session.execute(stmt).all()]


def signal_counts(session: Session, start: datetime | None, end: datetime | None) -> list[tuple[str, int]]:
    stmt = select(FraudSignal.code, func.count()).group_by(FraudSignal.code).order_by(func.count().desc())
    if start is not None:
        stmt = stmt.where(FraudSignal.created_at >= start)
    if end is not None:
        stmt = stmt.where(FraudSignal.created_at < end)
    return [(str(k), int(n)) for k, n in session.execute(stmt).all()]
