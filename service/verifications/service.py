"""Verification jobs: accepting uploads, reading them back, and the steps a worker takes on a job.

Services flush through repositories and never commit: the HTTP session dependency and the workers'
`Database.session()` commit or roll back. The one exception is the idempotency reservation, which must be
visible to a concurrent repeat before the upload is accepted, so it is its own short unit of work.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import event
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

import doctypes
from service.config import Settings
from service.db import Database, utcnow
from service.errors import (
    CallbackUrlNotAllowed,
    IdempotencyInFlight,
    IdempotencyKeyReused,
    InvalidField,
    MissingFile,
    NotFound,
    QueueFull,
    TooManyPages,
    UnknownProgram,
    UnknownRegistry,
)
from service.ids import is_id, new_id
from service.pagination import decode_cursor, encode_cursor
from service.privacy import service as privacy
from service.queue import enqueue_after_commit
from service.registry import repository as registry_repo
from service.registry import service as registry_service
from service.storage import Storage
from service.uploads import inspect_upload
from service.verifications import repository as repo
from service.verifications.model import (
    ApplicantClaim,
    Reason,
    Verification,
    VerificationResult,
)
from service.verifications.schemas import VerificationList
from service.verifications.tables import StoredFile, VerificationEvent, VerificationJob
from service.verifications.views import stored, view
from service.webhooks import urls

log = logging.getLogger(__name__)

DOCUMENT_TYPES = ("auto", *doctypes.names())  # what a submission may ask for: the registry's types
_REGISTRY = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


@dataclass(frozen=True)
class Upload:
    filename: str
    data: bytes


@dataclass(frozen=True)
class Submission:
    uploads: list[Upload]
    document_type: str | None = None
    claim: str | None = None  # JSON text as posted
    registry: str | None = None
    callback_url: str | None = None
    program: str | None = None
    operator: str | None = None  # who at the front office submits it (free text, see `submitter_id`)
    channel: str | None = None  # where: counter, mobile unit, kiosk …


@dataclass(frozen=True)
class Accepted:
    id: str
    replayed: bool = False

    def body(self) -> dict[str, str]:
        return {"id": self.id, "status": "queued"}


SUBMITTER_MAX = 64


def submitter_id(value: str | None, field: str) -> str | None:
    """An optional `operator` / `channel`: the caller's own short id, kept as sent (trimmed). Printable only,
    so that it shows safely on the clerk's screens and in logs; blank is the same as absent."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    if len(value) > SUBMITTER_MAX or not value.isprintable():
        raise InvalidField(
            f"{field} must be 1-{SUBMITTER_MAX} printable characters", {"field": field, "max_length": SUBMITTER_MAX}
        )
    return value


def _validated_fields(sub: Submission) -> tuple[str, ApplicantClaim | None, str | None, str | None]:
    doc_type = (sub.document_type or "auto").strip().lower()
    if doc_type not in DOCUMENT_TYPES:
        raise InvalidField(
            f"document_type must be one of {', '.join(DOCUMENT_TYPES)}",
            {"field": "document_type", "allowed": list(DOCUMENT_TYPES)},
        )
    claim: ApplicantClaim | None = None
    if sub.claim not in (None, ""):
        try:
            parsed = json.loads(sub.claim or "")
        except ValueError as exc:
            raise InvalidField(f"claim is not valid JSON: {exc}", {"field": "claim"}) from exc
        if not isinstance(parsed, dict):
            raise InvalidField("claim must be a JSON object", {"field": "claim"})
        claim = parsed
    registry = sub.registry or None
    if registry is not None and not _REGISTRY.match(registry):
        raise InvalidField("registry must be a registry name (letters, digits, '.', '_', '-')", {"field": "registry"})
    callback = sub.callback_url or None
    if callback is not None and (not re.match(r"^https?://[^\s/]+", callback) or len(callback) > 2048):
        raise InvalidField("callback_url must be an http(s) URL", {"field": "callback_url"})
    return doc_type, claim, registry, callback


def check_callback(settings: Settings, callback: str | None) -> None:
    """SSRF guard at submit: an address that is not public (or allow-listed) is refused now, clearly. A name
    that does not resolve here is accepted: the delivery resolves and checks it again anyway."""
    if callback is None:
        return
    try:
        urls.check(callback, settings.webhook_allow_networks, must_resolve=False)
    except urls.UrlNotAllowed as exc:
        raise CallbackUrlNotAllowed(str(exc), {"field": "callback_url"}) from exc


def _known_registry_and_program(
    session: Session, registry: str | None, program: str | None, remotes: Collection[str] = ()
) -> str | None:
    """A named registry or program must exist when the document is accepted, not fail later in a worker.
    A registry configured as remote (issue 24, settings.registry_remotes) exists by configuration."""
    if registry is not None and registry not in remotes and not registry_service.exists(session, registry):
        raise UnknownRegistry(f"no registry named {registry}", {"field": "registry", "registry": registry})
    if program is not None and (not _REGISTRY.match(program) or registry_repo.get_program(session, program) is None):
        raise UnknownProgram(f"no program named {program}", {"field": "program", "program": program})
    return program


def request_hash(sub: Submission, doc_type: str, claim: ApplicantClaim | None) -> str:
    """What makes two requests 'the same body': the files' bytes, in order, and the parsed fields."""
    canonical: dict[str, str | list[str] | ApplicantClaim | None] = {
        "files": [hashlib.sha256(u.data).hexdigest() for u in sub.uploads],
        "document_type": doc_type,
        "claim": claim,
        "registry": sub.registry or None,
        "callback_url": sub.callback_url or None,
        "program": sub.program or None,
    }
    # only when sent, so that the hashes of requests from before these fields existed stay the same
    for key in ("operator", "channel"):
        if value := submitter_id(getattr(sub, key), key):
            canonical[key] = value
    return hashlib.sha256(json.dumps(canonical, sort_keys=True).encode()).hexdigest()


def submit(
    session: Session,
    db: Database,
    settings: Settings,
    storage: Storage,
    client_id: str,
    sub: Submission,
    idempotency_key: str | None,
) -> Accepted:
    """Check the upload, store it, write the job; `verify` is sent once the caller's transaction commits."""
    if not sub.uploads:
        raise MissingFile("at least one `file` part is required", {"field": "file"})
    if len(sub.uploads) > settings.max_files:
        raise InvalidField(
            f"{len(sub.uploads)} files; the limit is {settings.max_files}",
            {"field": "file", "limit": settings.max_files},
        )
    doc_type, claim, registry, callback = _validated_fields(sub)
    operator, channel = submitter_id(sub.operator, "operator"), submitter_id(sub.channel, "channel")
    limits = settings.file_limits()
    # errors name the file by its position, never by the client's file name (it may hold a name or a NIK)
    inspected = [inspect_upload(u.data, limits, f"file {i + 1}") for i, u in enumerate(sub.uploads)]
    total_pages = sum(i.pages for i in inspected)
    if total_pages > settings.max_pages:
        raise TooManyPages(
            f"{total_pages} pages in all; the limit is {settings.max_pages}",
            {"pages": total_pages, "limit": settings.max_pages},
        )
    check_callback(settings, callback)
    program = _known_registry_and_program(session, registry, sub.program or None, settings.registry_remotes)
    digest = request_hash(sub, doc_type, claim)

    if idempotency_key is not None:
        replay = _reserve(db, settings, client_id, idempotency_key, digest)
        if replay is not None:
            return replay

    job_id = new_id()
    _on_rollback(session, lambda: _undo(db, storage, client_id, idempotency_key, job_id))
    active = repo.count_active(session, client_id)
    if active >= settings.max_queued_per_client:  # a replay above still answers; a new job waits its turn
        retry = settings.queue_full_retry_after_s
        raise QueueFull(
            f"{active} of your verifications are queued or processing (the cap is "
            f"{settings.max_queued_per_client}); retry in {retry} s",
            {"active": active, "limit": settings.max_queued_per_client, "retry_after_s": retry},
            headers={"Retry-After": str(retry)},
        )
    files: list[StoredFile] = []
    for index, (upload, info) in enumerate(zip(sub.uploads, inspected, strict=True)):
        key = storage.save(job_id, index, upload.data)
        files.append(
            {
                "key": key,
                "format": info.format,
                "size": info.size,
                "pages": info.pages,
                "sha256": hashlib.sha256(upload.data).hexdigest(),
            }
        )
    now = utcnow()
    job = VerificationJob(
        id=job_id,
        client_id=client_id,
        status="queued",
        decision=None,
        document_type=doc_type,
        claim=claim,
        registry_name=registry,
        program=program,
        callback_url=callback,
        operator=operator,
        channel=channel,
        files=files,
        pages=total_pages,
        result=None,
        attempts=0,
        claim_nik_hash=privacy.nik_hashes(claim, None)[1],
        idempotency_key=idempotency_key,
        request_hash=digest,
        created_at=now,
        updated_at=now,
        enqueued_at=now,
    )
    repo.add(session, job)
    privacy.record_job(
        session,
        job,
        "received",
        actor_type="client",
        actor=client_id,
        detail={"files": len(files), "pages": total_pages},
    )
    if idempotency_key is not None:
        repo.bind_key(session, client_id, idempotency_key, job_id)
    enqueue_after_commit(session, settings, job_id)
    log.info("job %s accepted: client=%s files=%d pages=%d", job_id, client_id, len(files), total_pages)
    return Accepted(job_id)


def _reserve(db: Database, settings: Settings, client_id: str, key: str, digest: str) -> Accepted | None:
    """Reserve the key (its own committed unit of work), or answer as the first request did."""
    if not key or len(key) > 255:
        raise InvalidField("Idempotency-Key must be 1–255 characters", {"header": "Idempotency-Key"})
    for _ in range(2):
        try:
            with db.session() as s:
                repo.reserve_key(s, client_id, key, digest)
            return None
        except IntegrityError:
            pass
        with db.session() as s:
            found = repo.get_key(s, client_id, key)
            if found is None:
                continue  # released between the two statements: try again
            if found.request_hash != digest:
                raise IdempotencyKeyReused(
                    "this Idempotency-Key was used with a different request body", {"header": "Idempotency-Key"}
                )
            if found.job_id is not None:
                return Accepted(found.job_id, replayed=True)
            cutoff = utcnow() - timedelta(seconds=settings.idempotency_in_flight_s)
            if repo.drop_stale_reservation(s, client_id, key, cutoff) == 0:
                raise IdempotencyInFlight(
                    "a request with this Idempotency-Key is still being accepted; retry in a moment",
                    {"header": "Idempotency-Key"},
                )
    raise IdempotencyInFlight(
        "a request with this Idempotency-Key is still being accepted", {"header": "Idempotency-Key"}
    )


def _on_rollback(session: Session, undo: Callable[[], None]) -> None:
    def run(_s: Session) -> None:
        try:
            undo()
        except Exception as exc:  # the rollback itself must not be masked
            log.warning("cleanup after a rolled-back submission failed: %s", exc)

    event.listen(session, "after_rollback", run, once=True)


def _undo(db: Database, storage: Storage, client_id: str, key: str | None, job_id: str) -> None:
    """Forget a submission that was not accepted. The key is released even when the files cannot be deleted
    (an object store that is down is why the submission failed): the client's retry must not meet a 409."""
    try:
        storage.delete_job(job_id)
    finally:
        if key is not None:
            with db.session() as s:
                repo.release_reservation(s, client_id, key)


# Reading


def get(session: Session, client_id: str, job_id: str) -> Verification:
    job = repo.get(session, job_id, client_id) if is_id(job_id) else None
    if job is None:
        raise NotFound(f"no verification {job_id}", {"id": job_id})
    _viewed(session, job, client_id)
    return view(job)


def _viewed(session: Session, job: VerificationJob, client_id: str) -> None:
    """A client read the personal data of a finished verification (Pasal 31: every processing is recorded)."""
    if job.status in ("completed", "failed") and job.purged_at is None:
        privacy.record_job(session, job, "viewed", actor_type="client", actor=client_id)


def list_page(
    session: Session,
    client_id: str,
    *,
    status: str | None,
    decision: str | None,
    created_after: datetime | None,
    created_before: datetime | None,
    cursor: str | None,
    limit: int,
) -> VerificationList:
    before = decode_cursor(cursor) if cursor else None
    jobs = repo.list_jobs(
        session,
        client_id,
        status=status,
        decision=decision,
        created_after=created_after,
        created_before=created_before,
        before_id=before,
        limit=limit + 1,
    )
    for job in jobs[:limit]:
        _viewed(session, job, client_id)
    items = [view(j) for j in jobs[:limit]]
    next_cursor = encode_cursor(jobs[limit - 1].id) if len(jobs) > limit else None
    return VerificationList(items=items, next_cursor=next_cursor)


# Worker steps


@dataclass(frozen=True)
class Claim:
    outcome: str  # claimed | done | busy | exhausted | missing | lost
    job: VerificationJob | None = None


def claim(
    session: Session,
    settings: Settings,
    job_id: str,
    *,
    lease: str,
    worker: str,
    holder_dead: Callable[[VerificationJob], bool],
) -> Claim:
    """Decide what this delivery of `verify` does with the job, and take it if it should run."""
    job = repo.get(session, job_id)
    if job is None:
        return Claim("missing")
    if job.status in ("completed", "failed"):
        return Claim("done", job)
    previous = None
    if job.status == "processing":
        if not holder_dead(job):
            return Claim("busy", job)
        previous = job.lease
    if job.attempts >= settings.max_attempts:
        message = (
            f"the document stopped a worker {job.attempts} times; it is not tried again "
            f"(max_attempts={settings.max_attempts})"
        )
        ok = repo.finish(
            session,
            job_id,
            lease=previous,
            status="failed",
            decision=None,
            result=failure_result(job, "WORKER_CRASHED_REPEATEDLY", message),
            error_code="WORKER_CRASHED_REPEATEDLY",
            error_message=message,
        )
        if ok:
            _finished_event(session, job_id)
        return Claim("exhausted" if ok else "lost", job)
    ok = repo.claim(
        session, job_id, lease=lease, worker=worker, max_attempts=settings.max_attempts, previous_lease=previous
    )
    if not ok:
        return Claim("lost", job)
    session.refresh(job)
    return Claim("claimed", job)


def failure_result(job: VerificationJob, code: str, message: str) -> VerificationResult:
    result = stored(job)
    return result.model_copy(
        update={"status": "failed", "decision": None, "reasons": [Reason(code=code, message=message)]}
    )


def heartbeat(session: Session, job_id: str, lease: str) -> bool:
    return repo.heartbeat(session, job_id, lease)


def complete(session: Session, job: VerificationJob, lease: str, verification: VerificationResult) -> bool:
    """Save the worker's Verification object once. False when this delivery no longer holds the job."""
    started = job.started_at or utcnow()
    result = verification.model_copy(
        update={
            "timings_ms": {
                "queued": max(0, round((started - job.created_at).total_seconds() * 1000)),
                **verification.timings_ms,
            }
        }
    )
    status = "completed" if result.status == "completed" else "failed"
    first = result.reasons[0] if status == "failed" and result.reasons else None
    read_hash, _ = privacy.nik_hashes(None, result)
    saved = repo.finish(
        session,
        job.id,
        lease=lease,
        status=status,
        decision=result.decision if status == "completed" else None,
        result=result,
        error_code=first.code if first else None,
        error_message=first.message if first else None,
        nik_hash=read_hash,
        detected_type=result.document.type[:16],
    )
    if saved:
        _processed(session, job, result, read_hash)
    return saved and _finished_event(session, job.id)


def _processed(session: Session, job: VerificationJob, result: VerificationResult, read_hash: str | None) -> None:
    """The worker's steps on the document, as processing records: read (OCR), matched, decided."""
    common: privacy.RecordContext = {
        "actor_type": "system",
        "actor": "worker",
        "verification_id": job.id,
        "client_id": job.client_id,
        "nik_hash": read_hash or job.claim_nik_hash,
    }
    privacy.record(
        session,
        "ocr",
        detail={
            "status": result.status,
            "document_type": result.document.type,
            "pages": result.document.pages,
            "fields": sorted(result.fields.present()),
        },
        **common,
    )
    if result.registry.status != "not_checked":
        privacy.record(
            session, "matched", **common, detail={"registry": result.registry.source, "status": result.registry.status}
        )
    if result.status == "completed":
        privacy.record(
            session,
            "decided",
            detail={"decision": result.decision, "reasons": sorted({r.code for r in result.reasons if r.code})},
            **common,
        )


def fail(session: Session, job: VerificationJob, lease: str, code: str, message: str) -> bool:
    saved = repo.finish(
        session,
        job.id,
        lease=lease,
        status="failed",
        decision=None,
        result=failure_result(job, code, message),
        error_code=code,
        error_message=message,
    )
    if saved:
        privacy.record_job(session, job, "decided", detail={"status": "failed", "reasons": [code]})
    return saved and _finished_event(session, job.id)


def _finished_event(session: Session, job_id: str) -> bool:
    """`verification.completed` or `verification.failed` for the caller, in the transaction saving the result."""
    job = repo.get(session, job_id, populate=True)
    if job is not None:
        queue_event(session, job, f"verification.{job.status}", view(job))
    return True


def resend_lost(session: Session, settings: Settings) -> list[str]:
    """Jobs whose message or worker was lost: abandoned processing ones go back to queued, and queued ones
    not claimed for `requeue_after_s` are returned to be sent again (each taken by one sweeper only)."""
    now = utcnow()
    requeued = repo.requeue_abandoned(session, now - timedelta(seconds=settings.stale_after_s))
    resend = repo.take_for_resend(session, now - timedelta(seconds=settings.requeue_after_s))
    return sorted(set(requeued) | set(resend))


# Clerk review (service.review): staff read any client's job and decide needs_review, retake and rejected cases


def load_for_review(session: Session, job_id: str) -> VerificationJob | None:
    """A job by id across clients (clerks serve every front office); None for a malformed or unknown id."""
    if not is_id(job_id):
        return None
    return repo.get(session, job_id)


def replace_result(session: Session, job_id: str, result: VerificationResult, expected: str = "needs_review") -> bool:
    """Corrected fields and their new registry match, while the case still has the decision `expected` (a clerk
    may also correct a retake or rejected case before overturning it)."""
    return repo.update_result(
        session, job_id, expected_decision=expected, result=result, nik_hash=privacy.nik_hashes(None, result)[0]
    )


def record_review(
    session: Session,
    job: VerificationJob,
    *,
    decision: str,
    result: VerificationResult,
    expected: str = "needs_review",
    delay_s: int = 0,
) -> bool:
    """The clerk's decision: the job, still `expected` (needs_review, or an automatic decision being
    overturned), becomes `decision` once (False if another clerk decided first), and a `verification.reviewed`
    event is queued for the caller in the same transaction, due after `delay_s` (the clerk's undo time)."""
    if not repo.record_review(session, job.id, expected_decision=expected, decision=decision, result=result):
        return False
    session.refresh(job)
    queue_event(session, job, "verification.reviewed", view(job), delay_s=delay_s)
    return True


def undo_review(
    session: Session, job: VerificationJob, *, decision: str, result: VerificationResult, expected: str
) -> bool:
    """A clerk takes back their decision within the undo time: the job gets `decision` and `result` back, and
    the `verification.reviewed` event not yet sent is withdrawn. False when the decision changed meanwhile or
    the event was already attempted (the caller was told: too late to undo)."""
    events = repo.unsent_events(session, job.id, "verification.reviewed")
    if events is None:
        return False
    if not repo.record_review(session, job.id, expected_decision=expected, decision=decision, result=result):
        return False
    repo.delete_events(session, events)
    session.refresh(job)
    return True


def queue_event(session: Session, job: VerificationJob, event_type: str, data: Verification, delay_s: int = 0) -> None:
    """The one hook point for telling the caller: an outbox row, committed with the change it reports. It is
    also the event's webhook delivery (service.webhooks): due at once (or after `delay_s`) when the job has a
    callback_url."""
    now = utcnow()
    due = now + timedelta(seconds=delay_s)
    repo.add_event(
        session,
        VerificationEvent(
            id=new_id(),
            verification_id=job.id,
            client_id=job.client_id,
            type=event_type,
            callback_url=job.callback_url,
            payload={"type": event_type, "timestamp": now.isoformat(), "data": data.to_json()},
            status="pending" if job.callback_url else "skipped",
            attempts=0,
            created_at=now,
            retry_from=due,
            next_attempt_at=due if job.callback_url else None,
        ),
    )
    log.info("event %s queued for %s (callback %s)", event_type, job.id, "set" if job.callback_url else "none")
