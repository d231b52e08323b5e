"""Personal data protection (UU No. 27/2022): processing records, retention and purge, data-subject requests,
the breach report and re-encryption. docs/privacy.md maps each article to what is here.

Services flush through repositories and never commit (the caller's unit of work does). Nothing here logs a
NIK, a name or an address: logs name verification ids, counts and codes only.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Literal, TypedDict

import sqlalchemy as sa
from pydantic import ValidationError
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

import doctypes
from primitives.nik import is_nik_shaped
from service import crypto
from service.config import Settings
from service.db import utcnow
from service.errors import ErasureRefused, InvalidField
from service.fraud import repository as fraud_repository
from service.ids import created_ms
from service.privacy import repository as repo
from service.privacy.schemas import (
    BreachRecords,
    BreachReport,
    Erasure,
    ProcessingRecordOut,
    PurgeSummary,
    ReencryptReport,
    RegistryRecordCopy,
    RegistryRef,
    RetentionPolicies,
    RetentionRule,
    SubjectExport,
    SubjectListing,
    SubjectVerification,
)
from service.privacy.tables import ACTIONS, DetailValue, ProcessingRecord
from service.privacy.types import JsonType
from service.registry import repository as registry_repo
from service.storage import Storage
from service.verifications.model import (
    Document,
    PersonalData,
    Reason,
    Registry,
    Review,
    VerificationExport,
    VerificationResult,
    as_decision,
    build,
)
from service.verifications.tables import VerificationJob
from service.verifications.views import stored, view

log = logging.getLogger(__name__)

DOCUMENT_TYPES = (*doctypes.names(), doctypes.UNKNOWN)  # the registry's types
ANY = "*"


# Processing records (Pasal 31)


def document_nik(result: VerificationResult | None) -> str | None:
    """The NIK a document is about: a KTP-el's `nik`, a letter's `subject_nik`, a KK's head of family.
    (A KK's other members are not indexed: a subject request for their NIK does not find the KK.)"""
    if result is None:
        return None
    fields = result.fields
    for found in (fields.nik, fields.subject_nik):
        if found is not None and found.value:
            return found.value
    for member in (fields.members.value or []) if fields.members is not None else []:
        if member.relationship == "KEPALA KELUARGA" and member.nik:
            return member.nik
    return None


def nik_hashes(
    claim: Mapping[str, Any] | None, result: VerificationResult | None, read: str | None = None
) -> tuple[str | None, str | None]:
    """Keyed hashes of the NIK read from the document (or `read`) and of the claimed NIK (None when absent or
    malformed)."""
    read = read or document_nik(result)
    claimed = (claim or {}).get("nik")
    return (
        crypto.subject_hash(str(read)) if read and is_nik_shaped(str(read)) else None,
        crypto.subject_hash(str(claimed)) if claimed and is_nik_shaped(str(claimed)) else None,
    )


class RecordContext(TypedDict):
    """Whom and what a processing record is about: `record`'s keyword arguments, for a series of records."""

    actor_type: str
    actor: str
    verification_id: str | None
    client_id: str | None
    nik_hash: str | None


def record(
    session: Session,
    action: str,
    *,
    actor_type: str,
    actor: str,
    verification_id: str | None = None,
    client_id: str | None = None,
    nik_hash: str | None = None,
    detail: Mapping[str, DetailValue] | None = None,
) -> None:
    """Append one processing record. `detail` must hold codes and counts only, never personal values."""
    if action not in ACTIONS:
        raise ValueError(f"unknown processing action {action!r}")
    repo.add_record(
        session,
        ProcessingRecord(
            at=utcnow(),
            actor_type=actor_type,
            actor=actor[:64],
            action=action,
            verification_id=verification_id,
            client_id=client_id,
            nik_hash=nik_hash,
            detail=dict(detail) if detail else None,
        ),
    )


def record_job(
    session: Session,
    job: VerificationJob,
    action: str,
    *,
    actor_type: str = "system",
    actor: str = "system",
    detail: Mapping[str, DetailValue] | None = None,
) -> None:
    """A processing record about one verification, with the NIK hash it carries (read, else claimed)."""
    record(
        session,
        action,
        actor_type=actor_type,
        actor=actor,
        verification_id=job.id,
        client_id=job.client_id,
        nik_hash=job.nik_hash or job.claim_nik_hash,
        detail=detail,
    )


def record_json(row: ProcessingRecord) -> ProcessingRecordOut:
    return ProcessingRecordOut(
        id=row.id,
        at=row.at.isoformat(),
        actor_type=row.actor_type,
        actor=row.actor,
        action=row.action,
        verification_id=row.verification_id,
        client_id=row.client_id,
        nik_hash=row.nik_hash,
        detail=row.detail or {},
    )


# Retention (Pasal 42–44)


def _check_policy_args(client_id: str, document_type: str, days: int | None) -> None:
    if not client_id or len(client_id) > 64:
        raise InvalidField("client must be a client id or '*'", {"field": "client"})
    if document_type != ANY and document_type not in DOCUMENT_TYPES:
        raise InvalidField(
            f"document type must be '*' or one of {', '.join(DOCUMENT_TYPES)}", {"field": "document_type"}
        )
    if days is not None and not 0 <= days <= 36500:
        raise InvalidField("days must be between 0 and 36500", {"field": "days"})


def set_retention(session: Session, client_id: str, document_type: str, days: int) -> RetentionRule:
    _check_policy_args(client_id, document_type, days)
    row = repo.put_policy(session, client_id, document_type, days)
    return RetentionRule(client=row.client_id, document_type=row.document_type, days=row.days)


def clear_retention(session: Session, client_id: str, document_type: str) -> bool:
    _check_policy_args(client_id, document_type, None)
    return repo.delete_policy(session, client_id, document_type)


def list_retention(session: Session, settings: Settings) -> RetentionPolicies:
    return RetentionPolicies(
        default_days=settings.retention_days,
        policies=[
            RetentionRule(client=p.client_id, document_type=p.document_type, days=p.days)
            for p in repo.policies(session)
        ],
    )


def retention_days(
    policies: Mapping[tuple[str, str], int], default: int, client_id: str, document_type: str | None
) -> int:
    """The most specific policy: (client, type), (client, *), (*, type), (*, *), else the setting."""
    kind = document_type or "unknown"
    for key in ((client_id, kind), (client_id, ANY), (ANY, kind), (ANY, ANY)):
        if key in policies:
            return policies[key]
    return default


# Purge and erasure: what stays is the minimal record


def minimal_result(job: VerificationJob, at: datetime, how: Literal["purged", "erased"]) -> VerificationResult:
    """What a purged verification keeps: its decision, reason codes, document type and dates (id, client and
    the dates are columns of the row). No field, check detail, registry value, claim or image."""
    result = stored(job)
    note = "details removed with the personal data" + (" (retention ended)" if how == "purged" else " (erasure)")
    review = result.review
    return build(
        id=job.id,
        status=result.status,
        decision=as_decision(job.decision) if result.status == "completed" else None,
        # a message may quote values: it goes
        reasons=[Reason(code=r.code, message=note, severity=r.severity) for r in result.reasons if r.code],
        document=Document.model_validate({"type": job.detected_type or result.document.type, "pages": job.pages}),
        registry=Registry(status=result.registry.status, source=result.registry.source),
        provenance=result.provenance,
        personal_data=PersonalData(state=how, at=at.isoformat()),
        review=None
        if review is None
        else Review(
            outcome=review.outcome, decision=review.decision, reviewer=review.reviewer, reviewed_at=review.reviewed_at
        ),
    )


def _wipe(
    session: Session,
    storage: Storage,
    job: VerificationJob,
    how: Literal["purged", "erased"],
    *,
    actor_type: str,
    actor: str,
    at: datetime,
) -> bool:
    """Delete the files and personal fields of one verification, keep its minimal record, and record it."""
    hashed = job.nik_hash or job.claim_nik_hash
    if not repo.wipe_job(session, job.id, minimal_result(job, at, how), at):
        return False
    fraud_repository.delete_for_verification(session, job.id)  # the fraud screening's hashes and links
    storage.delete_job(job.id)  # files first gone, then the commit: a rolled-back purge is simply run again
    record(
        session,
        how,
        actor_type=actor_type,
        actor=actor,
        verification_id=job.id,
        client_id=job.client_id,
        nik_hash=hashed,
    )
    return True


@dataclass
class PurgeReport:
    dry_run: bool
    examined: int = 0
    purged: list[str] = field(default_factory=list)
    orphans: list[str] = field(default_factory=list)  # stored files without a verification (deleted)

    def to_json(self) -> PurgeSummary:
        return PurgeSummary(
            dry_run=self.dry_run,
            examined=self.examined,
            purged=len(self.purged),
            ids=self.purged,
            orphans=len(self.orphans),
        )


def purge(
    session: Session,
    settings: Settings,
    storage: Storage,
    *,
    now: datetime | None = None,
    dry_run: bool = False,
    limit: int | None = None,
) -> PurgeReport:
    """Purge every finished verification whose retention ended. Idempotent: a purged one is never selected
    again, and running twice purges nothing the second time. Logged (ids and counts only)."""
    now = now or utcnow()
    policies = {(p.client_id, p.document_type): p.days for p in repo.policies(session)}
    shortest = min([settings.retention_days, *policies.values()])
    cutoff = now - timedelta(days=shortest)
    report = PurgeReport(dry_run=dry_run)
    after: str | None = None
    batch = max(1, settings.purge_batch)
    while True:
        rows = repo.finished_before(session, cutoff, batch, after)
        if not rows:
            break
        after = rows[-1][0]
        expired = [
            job_id
            for job_id, client, kind, finished in rows
            if finished < now - timedelta(days=retention_days(policies, settings.retention_days, client, kind))
        ]
        report.examined += len(rows)
        for job in repo.get_jobs(session, expired):
            if limit is not None and len(report.purged) >= limit:
                break
            if dry_run or _wipe(session, storage, job, "purged", actor_type="system", actor="purge", at=now):
                report.purged.append(job.id)
        if limit is not None and len(report.purged) >= limit:
            break
    if limit is None or len(report.purged) < limit:
        report.orphans = sweep_orphans(session, storage, now=now, dry_run=dry_run)
    log.info(
        "purge%s: %d examined, %d %s, %d orphaned file set(s)",
        " (dry run)" if dry_run else "",
        report.examined,
        len(report.purged),
        "would be purged" if dry_run else "purged",
        len(report.orphans),
    )
    return report


ORPHAN_AGE = timedelta(hours=1)  # far longer than any submission takes between its first file and its commit


def sweep_orphans(session: Session, storage: Storage, *, now: datetime, dry_run: bool = False) -> list[str]:
    """Delete stored files whose verification does not exist: a submission that was refused after its files
    were written and whose cleanup failed too (an object store that went away mid-request, issue 22). They
    hold personal data no retention rule would ever reach. Only ids older than ORPHAN_AGE, by the time in the
    id itself, so that a submission being accepted right now is never touched."""
    cutoff_ms = int((now - ORPHAN_AGE).timestamp() * 1000)
    stored = sorted({key.partition("/")[0] for key in storage.stored_keys()})
    old = [i for i in stored if (created_ms(i) or cutoff_ms) < cutoff_ms]
    orphans: list[str] = []
    for start in range(0, len(old), 500):
        chunk = old[start : start + 500]
        known = repo.existing_job_ids(session, chunk)
        for job_id in chunk:
            if job_id not in known:
                if not dry_run:
                    storage.delete_job(job_id)
                orphans.append(job_id)
    return orphans


# Data-subject requests (Pasal 32; erasure Pasal 43–44)


def checked_nik(nik: str) -> str:
    """The NIK's 16 digits; a clear error that never repeats what was sent."""
    digits = "".join(c for c in str(nik) if c.isdigit())
    if not is_nik_shaped(digits) or len(digits) != len(str(nik).replace(" ", "")):
        raise InvalidField("nik must be 16 digits", {"field": "nik"})
    return digits


def _summary(job: VerificationJob) -> SubjectVerification:
    return SubjectVerification(
        id=job.id,
        client_id=job.client_id,
        status=job.status,
        decision=job.decision,
        created_at=job.created_at.isoformat(),
        completed_at=job.completed_at.isoformat() if job.completed_at else None,
        personal_data="purged" if job.purged_at else "held",
        purged_at=job.purged_at.isoformat() if job.purged_at else None,
        legal_hold=bool(job.legal_hold),
    )


def _subject_jobs(session: Session, hashed: str, client_id: str | None) -> list[VerificationJob]:
    found = {j.id: j for j in repo.jobs_of_subject(session, hashed, client_id)}
    missing = [i for i in repo.ids_in_records(session, hashed, client_id) if i not in found]
    for job in repo.get_jobs(session, missing):
        if client_id is None or job.client_id == client_id:
            found[job.id] = job
    return [found[k] for k in sorted(found)]


def subject(session: Session, nik: str, *, client_id: str | None, actor_type: str, actor: str) -> SubjectListing:
    """Every verification and processing record about the person with this NIK (`client_id` scopes it to one
    client's; None: all, for a supervisor). The request itself is recorded."""
    hashed = crypto.subject_hash(checked_nik(nik))
    jobs = _subject_jobs(session, hashed, client_id)
    rows = repo.records(session, verification_ids=[j.id for j in jobs], nik_hash=hashed, client_id=client_id)
    out = SubjectListing(
        nik_hash=hashed,
        verifications=[_summary(j) for j in jobs],
        processing_records=[record_json(r) for r in rows],
        registries=(
            [
                RegistryRef(registry=r, record_id=str(i))
                for r, i in registry_repo.registries_holding(session, checked_nik(nik))
            ]
            if client_id is None
            else []
        ),
    )
    record(
        session,
        "listed",
        actor_type=actor_type,
        actor=actor,
        client_id=client_id,
        nik_hash=hashed,
        detail={"verifications": len(jobs)},
    )
    return out


def export(session: Session, nik: str, *, client_id: str | None, actor_type: str, actor: str) -> SubjectExport:
    """The subject listing plus each verification's whole stored object (decrypted) and the registry records
    of the NIK: what a data subject receives. Recorded as `exported` on each verification."""
    listing = subject(session, nik, client_id=client_id, actor_type=actor_type, actor=actor)
    jobs = repo.get_jobs(session, [v.id for v in listing.verifications])
    records: list[RegistryRecordCopy] | None = None
    if client_id is None:
        records = []
        for name, _record_id in registry_repo.registries_holding(session, checked_nik(nik)):
            found = registry_repo.by_nik(session, name, checked_nik(nik))
            if found is not None:
                records.append(RegistryRecordCopy(registry=name, record_id=str(found.id), record=found.as_dict()))
    exported = SubjectExport(
        **dict(listing),
        verification_objects=[VerificationExport.model_validate({**dict(view(j)), "claim": j.claim}) for j in jobs],
        exported_at=utcnow().isoformat(),
        registry_records=records,
    )
    for job in jobs:
        record_job(session, job, "exported", actor_type=actor_type, actor=actor)
    return exported


def erase(
    session: Session, storage: Storage, nik: str, *, client_id: str | None, actor_type: str, actor: str
) -> Erasure:
    """Erase the person's personal data from every verification (the minimal records stay), unless the law
    keeps it: a verification still in progress, a case a clerk has not decided, or a legal hold refuses the
    whole request (nothing is erased) with the ids and why. Registry records are the issuing authority's copy
    and are not erased here (see docs/privacy.md)."""
    hashed = crypto.subject_hash(checked_nik(nik))
    jobs = [j for j in _subject_jobs(session, hashed, client_id)]
    open_cases = repo.open_case_ids(session, [j.id for j in jobs])
    blocked = []
    for job in jobs:
        if job.purged_at is not None:
            continue
        why = (
            "in_progress"
            if job.status in ("queued", "processing")
            else "legal_hold"
            if job.legal_hold
            else "review_open"
            if job.id in open_cases or job.decision == "needs_review"
            else None
        )
        if why:
            blocked.append({"id": job.id, "reason": why})
    if blocked:
        raise ErasureRefused(
            "some verifications of this person may not be erased yet; nothing was erased", {"blocked": blocked}
        )
    now = utcnow()
    erased = [
        j.id
        for j in jobs
        if j.purged_at is None and _wipe(session, storage, j, "erased", actor_type=actor_type, actor=actor, at=now)
    ]
    log.info(
        "erasure by %s: %d verification(s) erased, %d already without personal data",
        actor,
        len(erased),
        len(jobs) - len(erased),
    )
    return Erasure(erased=erased, already_purged=[j.id for j in jobs if j.id not in erased])


def set_legal_hold(session: Session, job_id: str, hold: bool, *, actor: str) -> bool:
    jobs = repo.get_jobs(session, [job_id])
    if not jobs or not repo.set_legal_hold(session, job_id, hold):
        return False
    record_job(session, jobs[0], "held" if hold else "released", actor_type="supervisor", actor=actor)
    return True


# Breach report (Pasal 46)

FIELD_KINDS = {
    "nik": "nik",
    "name": "name",
    "address": "address",
    "birth_date": "birth_date",
    "birth_place": "birth_place",
    "sex": "sex",
    "religion": "religion",
    "blood_type": "health_data",
    "marital_status": "marital_status",
    "occupation": "occupation",
}


def breach_report(session: Session, client_id: str | None, start: datetime, end: datetime) -> BreachReport:
    """What personal data exists for verifications created in [start, end) of a client (None: all): counts by
    kind of data and the ids of the records, so that a notification (Pasal 46) can say what may have leaked."""
    try:
        start, end = start.astimezone(UTC), end.astimezone(UTC)
    except (OverflowError, ValueError) as exc:
        raise InvalidField("`from` and `to` must be times between years 1 and 9999", {"field": "from"}) from exc
    if end <= start:
        raise InvalidField("`to` must be after `from`", {"field": "to"})
    jobs = repo.jobs_in_window(session, client_id, start, end)
    ids = [j.id for j in jobs]
    kinds: Counter[str] = Counter()
    holders: dict[str, list[str]] = {}
    for job in jobs:
        present: set[str] = set()
        if job.files:
            kinds["document_image"] += len(job.files)
            present.add("document_image")
        result = stored(job) if job.result is not None else None
        for key, value in result.fields.items() if result is not None else ():
            if value.value not in (None, "", []):
                present.add(FIELD_KINDS.get(key, "other_document_field"))
        if job.status == "completed" and job.files:  # the worker keeps the flattened card beside the upload
            present.add("card_image")
        if result is not None and result.registry.fields:
            present.add("registry_values")
        if job.claim:
            present.add("claim")
        for kind in present:
            if kind != "document_image":
                kinds[kind] += 1
            holders.setdefault(kind, []).append(job.id)
    events = repo.event_ids(session, ids)
    corrections = repo.correction_ids(session, ids)
    audits = repo.audit_ids_with_values(session, ids)
    if events:
        kinds["webhook_payload"] = len(events)
    if corrections:
        kinds["review_correction"] = len(corrections)
    if audits:
        kinds["review_audit_values"] = len(audits)
    return BreachReport(
        client=client_id,
        from_=start.isoformat(),
        to=end.isoformat(),
        subjects=len({j.nik_hash or j.claim_nik_hash or j.id for j in jobs}),
        verifications=len(jobs),
        counts=dict(sorted(kinds.items())),
        records=BreachRecords(
            verification_jobs=ids,
            verification_events=events,
            review_corrections=corrections,
            review_audit=audits,
            files=[f"{j.id}/" for j in jobs if j.files],
        ),
        by_kind={k: v for k, v in sorted(holders.items())},
        generated_at=utcnow().isoformat(),
    )


# Re-encryption and encryption of rows written before issue 9

# (table, primary key, JSON columns, text columns): every column sealed by EncryptedJson / EncryptedText
ENCRYPTED = (
    ("verification_jobs", "id", ("claim", "result"), ("error_message",)),
    ("verification_events", "id", ("payload",), ()),
    ("review_audit", "id", ("before", "after"), ()),
    ("review_corrections", "id", (), ("read_value", "corrected_value")),
    ("registry_records", "id", ("data",), ()),
)


def _reseal_json(ring: crypto.Keyring, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, str) and value.startswith(crypto.TEXT_PREFIX):
        if crypto.Keyring.text_key_id(value) == ring.primary:
            return value
        return ring.encrypt_text(ring.decrypt_text(value))
    return ring.encrypt_text(json.dumps(value, ensure_ascii=False, separators=(",", ":")))


def _reseal_text(ring: crypto.Keyring, value: str | None) -> str | None:
    if value is None or crypto.Keyring.text_key_id(value) == ring.primary:
        return value
    return ring.encrypt_text(ring.decrypt_text(value))


def _open_json(ring: crypto.Keyring, value: Any) -> Any:
    if isinstance(value, str) and value.startswith(crypto.TEXT_PREFIX):
        return json.loads(ring.decrypt_text(value))
    return value


def _open_text(ring: crypto.Keyring, value: str | None) -> str | None:
    return None if value is None else ring.decrypt_text(value)


def reencrypt_rows(
    conn: Connection,
    ring: crypto.Keyring,
    batch: int = 500,
    tables: Iterable[tuple[str, str, Sequence[str], Sequence[str]]] = ENCRYPTED,
) -> dict[str, int]:
    """Rewrite every encrypted column whose value is plaintext or sealed with another key than the primary one.
    Core statements on raw columns, so the migration can run it too. Returns rows rewritten per table."""
    return _rewrite_rows(conn, ring, batch, tables, _reseal_json, _reseal_text)


def decrypt_rows(
    conn: Connection,
    ring: crypto.Keyring,
    batch: int = 500,
    tables: Iterable[tuple[str, str, Sequence[str], Sequence[str]]] = ENCRYPTED,
) -> dict[str, int]:
    """The reverse, for the migration's downgrade only: every encrypted column back to plaintext."""
    return _rewrite_rows(conn, ring, batch, tables, _open_json, _open_text)


def _rewrite_rows(
    conn: Connection,
    ring: crypto.Keyring,
    batch: int,
    tables: Iterable[tuple[str, str, Sequence[str], Sequence[str]]],
    on_json: Any,
    on_text: Any,
) -> dict[str, int]:
    done: dict[str, int] = {}
    inspector = sa.inspect(conn)
    for name, pk, json_cols, text_cols in tables:
        if not inspector.has_table(name):
            continue
        cols: list[sa.ColumnClause[Any]] = [
            sa.column(pk),
            *(sa.column(c, JsonType) for c in json_cols),
            *(sa.column(c, sa.Text) for c in text_cols),
        ]
        table = sa.table(name, *cols)
        last: Any = None
        changed = 0
        while True:
            stmt = sa.select(*table.c).order_by(table.c[pk]).limit(batch)
            if last is not None:
                stmt = stmt.where(table.c[pk] > last)
            rows = conn.execute(stmt).all()
            if not rows:
                break
            last = rows[-1][0]
            for row in rows:
                values: dict[str, Any] = {}
                for c in json_cols:
                    new = on_json(ring, row._mapping[c])
                    if new != row._mapping[c]:
                        values[c] = new
                for c in text_cols:
                    new_text = on_text(ring, row._mapping[c])
                    if new_text != row._mapping[c]:
                        values[c] = new_text
                if values:
                    conn.execute(sa.update(table).where(table.c[pk] == row[0]).values(**values))
                    changed += 1
        done[name] = changed
    return done


def backfill_nik_hashes(conn: Connection, batch: int = 500) -> int:
    """Verifications written before issue 9 get the keyed hashes of their NIKs (read and claimed)."""
    table = sa.table(
        "verification_jobs",
        sa.column("id"),
        sa.column("claim", JsonType),
        sa.column("result", JsonType),
        sa.column("nik_hash"),
        sa.column("claim_nik_hash"),
        sa.column("purged_at"),
    )
    ring = crypto.keyring()
    filled, last = 0, ""
    while True:
        rows = conn.execute(
            sa.select(*table.c)
            .where(
                table.c.id > last,
                table.c.nik_hash.is_(None),
                table.c.claim_nik_hash.is_(None),
                table.c.purged_at.is_(None),
            )
            .order_by(table.c.id)
            .limit(batch)
        ).all()
        if not rows:
            return filled
        last = rows[-1][0]
        for row in rows:
            claim, result = (
                json.loads(ring.decrypt_text(v)) if isinstance(v, str) else v for v in (row.claim, row.result)
            )
            read, claimed = nik_hashes(claim, None, _stored_nik(row.id, result))
            if read or claimed:
                conn.execute(sa.update(table).where(table.c.id == row.id).values(nik_hash=read, claim_nik_hash=claimed))
                filled += 1


def _stored_nik(job_id: str, result: Any) -> str | None:
    """The NIK of a result as a migration meets it. A migration runs on rows of any age, so a row the model
    does not load (a partial result of early code) is read for its `nik` alone, never a reason to stop."""
    if not isinstance(result, Mapping):
        return None
    try:
        return document_nik(VerificationResult.load({**result, "id": job_id}))
    except ValidationError:
        nik = ((result.get("fields") or {}).get("nik") or {}).get("value")
        return str(nik) if nik else None


def reencrypt_files(storage: Storage, ring: crypto.Keyring) -> int:
    """Seal every stored file with the primary key (plaintext ones written before issue 9 included)."""
    moved = 0
    for key in storage.stored_keys():
        if storage.reseal(key, ring):
            moved += 1
    return moved


def reencrypt(session: Session, storage: Storage, batch: int = 500) -> ReencryptReport:
    """`docverify privacy reencrypt`: rows and files onto the primary key. Run after putting a new key first;
    when it reports nothing left, the old key can be removed from DOCVERIFY_ENCRYPTION_KEYS."""
    ring = crypto.keyring()
    conn = session.connection()
    rows = reencrypt_rows(conn, ring, batch)
    filled = backfill_nik_hashes(conn, batch)
    files = reencrypt_files(storage, ring)
    log.info("reencrypt onto key %s: rows %s, files %d, NIK hashes filled %d", ring.primary, rows, files, filled)
    return ReencryptReport(key=ring.primary, rows=rows, files=files, nik_hashes_filled=filled)
