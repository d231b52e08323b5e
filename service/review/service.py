"""The clerk review use cases: accounts and sessions, the queue, a case, corrections, decisions, the audit.

Every view and every change writes an audit row (who, when, what, before, after; NIKs masked) in the same
transaction as the change. Services flush, never commit; routes return (never raise) where an audit row
must survive a refusal, such as a failed login or a clerk asking for the audit page.
"""

from __future__ import annotations

import difflib
import io
import logging
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, TypedDict

from sqlalchemy.orm import Session

import doctypes
from primitives.nik import is_nik_shaped, mask_nik
from service.config import Settings
from service.db import utcnow
from service.errors import ApiError, Forbidden, InvalidField, NotFound
from service.ids import is_id
from service.privacy import service as privacy
from service.review import i18n, redact, regions, security
from service.review import repository as repo
from service.review.tables import (
    OBJECTION,
    QUEUES,
    ROLES,
    ReviewAudit,
    ReviewCase,
    ReviewCorrection,
    ReviewSession,
    ReviewUser,
)
from service.storage import Storage
from service.verifications import assessment
from service.verifications import service as verifications
from service.verifications.model import Candidate, Decision, Review, TextField, VerificationResult, as_decision
from service.verifications.model import Correction as CorrectionOut
from service.verifications.model import Reason as ResultReason
from service.verifications.tables import VerificationJob
from service.verifications.views import stored

log = logging.getLogger(__name__)


def review_form(doc_type: str | None) -> tuple[str, ...]:
    """The keys a clerk always sees for this type, read or not, so that a missing one can be typed in (the
    type's own form, doctypes); other fields are shown when they were read."""
    spec = doctypes.get(doc_type)
    return spec.review_form if spec is not None else ()


_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")
_CODE = re.compile(r"^[A-Z][A-Z0-9_]{1,63}$")
_NIK_ANYWHERE = re.compile(r"(?<!\d)\d{16}(?!\d)")
MAX_REASON = 500
MAX_VALUE = 300


class CaseAlreadyDecided(ApiError):
    status = 409
    code = "CASE_DECIDED"


# Accounts


@dataclass(frozen=True)
class Actor:
    """The logged-in reviewer of this request."""

    user_id: int
    username: str
    role: str
    csrf_token: str
    token_hash: str
    ip: str | None = None

    @property
    def supervisor(self) -> bool:
        return self.role == "supervisor"


def create_user(session: Session, settings: Settings, username: str, password: str, role: str) -> ReviewUser:
    username = username.strip().lower()
    if not _USERNAME.match(username):
        raise InvalidField("a username is 2–64 lower-case letters, digits, '.', '_' or '-'", {"field": "username"})
    if role not in ROLES:
        raise InvalidField(f"role must be one of {', '.join(ROLES)}", {"field": "role"})
    _check_password(settings, password)
    if repo.get_user(session, username) is not None:
        raise InvalidField(f"user {username} exists", {"field": "username"})
    user = ReviewUser(
        username=username,
        password_hash=security.hash_password(password),
        role=role,
        active=True,
        failed_logins=0,
        created_at=utcnow(),
    )
    repo.add_user(session, user)
    audit(session, "cli", "account_created", after={"username": username, "role": role})
    return user


def _check_password(settings: Settings, password: str) -> None:
    if len(password) < settings.review_min_password_length:
        raise InvalidField(
            f"a password has at least {settings.review_min_password_length} characters", {"field": "password"}
        )


def set_password(session: Session, settings: Settings, username: str, password: str) -> None:
    user = _user(session, username)
    _check_password(settings, password)
    user.password_hash = security.hash_password(password)
    user.failed_logins, user.locked_until = 0, None
    repo.delete_user_sessions(session, user.id)
    audit(session, "cli", "password_set", after={"username": user.username})


def unlock(session: Session, username: str) -> None:
    user = _user(session, username)
    user.failed_logins, user.locked_until = 0, None
    audit(session, "cli", "account_unlocked", after={"username": user.username})


class UserRow(TypedDict):
    username: str
    role: str
    active: bool
    locked: bool
    last_login_at: str | None


def list_users(session: Session) -> list[UserRow]:
    now = utcnow()
    return [
        {
            "username": u.username,
            "role": u.role,
            "active": u.active,
            "locked": bool(u.locked_until and u.locked_until > now),
            "last_login_at": u.last_login_at.isoformat() if u.last_login_at else None,
        }
        for u in repo.list_users(session)
    ]


def _user(session: Session, username: str) -> ReviewUser:
    user = repo.get_user(session, username.strip().lower())
    if user is None:
        raise NotFound(f"no user {username}", {"username": username})
    return user


# Login and sessions


@dataclass(frozen=True)
class LoginResult:
    token: str
    actor: Actor


def login(session: Session, settings: Settings, username: str, password: str, ip: str | None) -> LoginResult | None:
    """A new session, or None (one message for a wrong name, a wrong password and a locked account). Failures
    in a row lock the account for `review_lockout_s`; the caller commits the counter either way."""
    name = username.strip().lower()[:64]
    now = utcnow()
    user = repo.get_user(session, name) if name else None
    locked = user is not None and user.locked_until is not None and user.locked_until > now
    ok = security.verify_password(user.password_hash if user else None, password[:1024])
    if user is None or not ok or locked or not user.active:
        if user is not None and not locked:
            user.failed_logins += 1
            if user.failed_logins >= settings.review_max_failed_logins:
                user.locked_until = now + timedelta(seconds=settings.review_lockout_s)
                user.failed_logins = 0
                audit(
                    session,
                    name,
                    "account_locked",
                    role=user.role,
                    ip=ip,
                    after={"locked_until": user.locked_until.isoformat()},
                )
        audit(session, name or "-", "login_failed", ip=ip, after={"locked": locked} if locked else None)
        return None
    user.failed_logins, user.locked_until, user.last_login_at = 0, None, now
    if security.needs_rehash(user.password_hash):
        user.password_hash = security.hash_password(password)
    repo.delete_expired_sessions(session, now)
    token = security.new_token()
    digest = security.token_hash(settings.review_session_secret.get_secret_value(), token)
    csrf = security.new_token()
    repo.add_session(
        session,
        ReviewSession(
            token_hash=digest,
            user_id=user.id,
            csrf_token=csrf,
            created_at=now,
            expires_at=now + timedelta(seconds=settings.review_session_ttl_s),
        ),
    )
    actor = Actor(user.id, user.username, user.role, csrf, digest, ip)
    audit(session, user.username, "login", role=user.role, ip=ip)
    return LoginResult(token, actor)


def actor_for(session: Session, settings: Settings, token: str | None, ip: str | None) -> Actor | None:
    if not token or len(token) > 128:
        return None
    digest = security.token_hash(settings.review_session_secret.get_secret_value(), token)
    row = repo.get_session(session, digest)
    if row is None or row.expires_at <= utcnow():
        return None
    user = repo.get_user_by_id(session, row.user_id)
    if user is None or not user.active:
        return None
    return Actor(user.id, user.username, user.role, row.csrf_token, digest, ip)


def logout(session: Session, actor: Actor) -> None:
    repo.delete_session(session, actor.token_hash)
    audit(session, actor.username, "logout", role=actor.role, ip=actor.ip)


# Audit


def mask_personal(value: Any) -> Any:
    """Audit rows never hold a whole NIK: every 16-digit run is masked, wherever it sits."""
    if isinstance(value, str):
        return _NIK_ANYWHERE.sub(lambda m: mask_nik(m.group(0)), value)
    if isinstance(value, Mapping):
        return {str(k): mask_personal(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [mask_personal(v) for v in value]
    return value


# review audit action → processing record (issue 9, Pasal 31): each clerk step on a case's personal data
_PROCESSING = {
    "view_case": "viewed",
    "view_image": "viewed",
    "reveal_nik": "revealed",
    "correct": "corrected",
    "approve": "reviewed",
    "reject": "reviewed",
    "request_resubmission": "reviewed",
    "undo": "reviewed",
}


def audit(
    session: Session,
    actor: str,
    action: str,
    *,
    role: str | None = None,
    verification_id: str | None = None,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    ip: str | None = None,
) -> None:
    """A review audit row (before/after encrypted at rest), and for a step on a case's personal data also the
    processing record every such step gets (`service.privacy`)."""
    repo.add_audit(
        session,
        ReviewAudit(
            at=utcnow(),
            actor=actor[:64],
            role=role,
            action=action,
            verification_id=verification_id,
            before=mask_personal(dict(before)) if before is not None else None,
            after=mask_personal(dict(after)) if after is not None else None,
            client_ip=(ip or None),
        ),
    )
    if verification_id and action in _PROCESSING:
        job = verifications.load_for_review(session, verification_id)
        if job is not None:
            privacy.record_job(
                session, job, _PROCESSING[action], actor_type="clerk", actor=actor, detail={"review_action": action}
            )


def audit_actor(
    session: Session,
    actor: Actor,
    action: str,
    verification_id: str | None = None,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
) -> None:
    audit(
        session,
        actor.username,
        action,
        role=actor.role,
        verification_id=verification_id,
        before=before,
        after=after,
        ip=actor.ip,
    )


def can_view_audit(session: Session, actor: Actor) -> bool:
    """Supervisors only. A refused attempt is itself recorded (the route answers 403 and commits)."""
    if actor.supervisor:
        return True
    audit_actor(session, actor, "forbidden", after={"page": "audit"})
    return False


class AuditPage(TypedDict):
    rows: Sequence[ReviewAudit]
    next_before: int | None
    filters: dict[str, str]  # actor, action, case: as typed in the filter form


def audit_page(
    session: Session,
    actor: Actor,
    *,
    who: str | None,
    action: str | None,
    verification_id: str | None,
    before_id: int | None,
    limit: int = 100,
) -> AuditPage:
    if not actor.supervisor:
        raise Forbidden("the audit trail is for supervisors", {"role": actor.role})
    rows = repo.list_audit(
        session,
        actor=who or None,
        action=action or None,
        verification_id=verification_id or None,
        before_id=before_id,
        limit=limit + 1,
    )
    audit_actor(
        session,
        actor,
        "view_audit",
        after={k: v for k, v in {"actor": who, "action": action, "case": verification_id}.items() if v},
    )
    return {
        "rows": rows[:limit],
        "next_before": rows[limit - 1].id if len(rows) > limit else None,
        "filters": {"actor": who or "", "action": action or "", "case": verification_id or ""},
    }


# The queue


def _reason_codes(result: VerificationResult) -> list[str]:
    return sorted({r.code for r in result.reasons if r.severity != "info" and r.code})


def _facets(result: VerificationResult) -> tuple[str, str | None, str]:
    code = regions.province_code(result.fields.value("nik"), result.fields.value("province"))
    return result.document.type[:16], code, "," + ",".join(_reason_codes(result)) + ","


def track(session: Session, job: VerificationJob) -> ReviewCase:
    doc_type, province, reasons = _facets(stored(job))
    case = ReviewCase(
        verification_id=job.id,
        created_at=job.created_at,
        document_type=doc_type,
        province_code=province,
        reason_codes=reasons,
        state=QUEUES.get(str(job.decision), "open"),
    )
    repo.add_case(session, case)
    return case


def sync_queue(session: Session, batch: int = 500) -> int:
    """Index needs_review, retake and rejected verifications the queue has not seen (the workers know nothing
    of the review UI)."""
    added = 0
    while True:
        jobs = repo.untracked_reviewable(session, batch)
        for job in jobs:
            track(session, job)
        added += len(jobs)
        if len(jobs) < batch:
            return added


def _queue_of(job: VerificationJob, case: ReviewCase) -> str:
    """The queue a case is listed in (needs_review for an objection and for a case no queue lists any more)."""
    if case.state == OBJECTION:
        return "needs_review"
    return str(job.decision) if job.decision in QUEUES else "needs_review"


def _decidable(case: ReviewCase, job: VerificationJob) -> bool:
    """A clerk may still decide: a needs_review case waiting, an automatic retake or rejection not yet
    overturned or confirmed, or any automatic decision a citizen objected to."""
    if case.state == OBJECTION:
        return True
    return job.decision in QUEUES and case.state == QUEUES[str(job.decision)]


def _overturning(case: ReviewCase) -> bool:
    """The decision was already sent to the caller (an automatic one): changing or confirming it needs a reason."""
    return case.state in ("automatic", OBJECTION)


@dataclass
class QueueFilters:
    document_type: str | None = None
    reason: str | None = None
    region: str | None = None
    decision: str | None = None  # which queue: needs_review (default), retake or rejected

    def validated(self) -> QueueFilters:
        doc = (self.document_type or "").strip().lower() or None
        if doc is not None and not re.fullmatch(r"[a-z_]{2,16}", doc):
            raise InvalidField("unknown document type", {"field": "document_type"})
        reason = (self.reason or "").strip().upper() or None
        if reason is not None and not _CODE.match(reason):
            raise InvalidField("unknown reason code", {"field": "reason"})
        region = (self.region or "").strip() or None
        if region is not None and region not in regions.PROVINCES:
            raise InvalidField("unknown province code", {"field": "region"})
        decision = (self.decision or "").strip().lower() or "needs_review"
        if decision not in QUEUES:
            raise InvalidField("unknown decision", {"field": "decision"})
        return QueueFilters(doc, reason, region, decision)

    def as_dict(self) -> dict[str, str]:
        queue = self.decision if self.decision != "needs_review" else None
        return {
            k: v
            for k, v in {
                "document_type": self.document_type,
                "reason": self.reason,
                "region": self.region,
                "decision": queue,
            }.items()
            if v
        }


class ReasonText(TypedDict):
    code: str
    text: str


class QueueRow(TypedDict):
    id: str
    created_at: datetime
    document_type: str
    decision: str | None
    name: str
    nik: str  # masked
    region: str | None
    province_code: str | None
    reasons: list[ReasonText]
    registry_status: str
    registry_score: float | None
    quick_approve: bool


@dataclass
class QueueView:
    rows: list[QueueRow]
    total: int
    matching: int
    counts: dict[str, dict[str, int]]
    filters: QueueFilters
    next_after: str | None = None
    queues: dict[str, int] = field(default_factory=dict)  # cases listed per decision (needs_review/retake/rejected)


def queue(
    session: Session, settings: Settings, actor: Actor, filters: QueueFilters, lang: str, after: str | None = None
) -> QueueView:
    filters = filters.validated()
    sync_queue(session)
    start: tuple[datetime, str] | None = None
    if after:
        anchor = repo.get_case(session, after) if is_id(after) else None
        if anchor is None:
            raise InvalidField("not a case of this queue", {"field": "after"})
        start = (anchor.created_at, anchor.verification_id)
    size = settings.review_queue_page_size
    decision = str(filters.decision)
    found = repo.open_cases(
        session,
        document_type=filters.document_type,
        province_code=filters.region,
        reason=filters.reason,
        limit=size + 1,
        after=start,
        decision=decision,
    )
    facets = repo.open_case_facets(session, decision)
    counts: dict[str, Counter[str]] = {"document_type": Counter(), "reason": Counter(), "region": Counter()}
    matching = 0
    for doc, province, reasons in facets:
        codes = [c for c in reasons.split(",") if c]
        counts["document_type"][doc] += 1
        counts["region"][province or ""] += 1
        for code in codes:
            counts["reason"][code] += 1
        if (
            (not filters.document_type or doc == filters.document_type)
            and (not filters.region or province == filters.region)
            and (not filters.reason or filters.reason in codes)
        ):
            matching += 1
    rows = [_queue_row(case, job, lang) for case, job in found[:size]]
    audit_actor(session, actor, "view_queue", after={"filters": filters.as_dict(), "shown": len(rows)})
    return QueueView(
        rows=rows,
        total=len(facets),
        matching=matching,
        counts={k: dict(sorted(v.items())) for k, v in counts.items()},
        filters=filters,
        next_after=found[size - 1][0].verification_id if len(found) > size else None,
        queues=repo.queue_sizes(session),
    )


def _value(result: VerificationResult, key: str) -> str | None:
    found = result.fields.get(key)
    return found.text() if found is not None else None


def _queue_row(case: ReviewCase, job: VerificationJob, lang: str) -> QueueRow:
    result = stored(job)
    nik = _value(result, "nik")
    registry = result.registry
    return {
        "id": job.id,
        "created_at": job.created_at,
        "document_type": case.document_type,
        "decision": job.decision,
        "name": _value(result, "name") or "—",
        "nik": mask_nik(nik) if nik else "—",
        "region": regions.province_name(case.province_code),
        "province_code": case.province_code,
        "reasons": [
            {"code": c, "text": i18n.reason_text({"code": c}, lang)} for c in case.reason_codes.split(",") if c
        ],
        "registry_status": registry.status,
        "registry_score": registry.score,
        # approving from the queue only where no reason is needed (not an automatic decision already sent)
        "quick_approve": case.state == "open" and job.decision == "needs_review",
    }


# A case


def _job_and_case(session: Session, verification_id: str) -> tuple[VerificationJob, ReviewCase]:
    job = verifications.load_for_review(session, verification_id)
    if job is None or job.status != "completed" or job.result is None:
        raise NotFound(f"no case {verification_id}", {"id": verification_id})
    case = repo.get_case(session, job.id)
    if case is None:
        if job.decision not in QUEUES:
            raise NotFound(f"verification {verification_id} is not waiting for review", {"id": verification_id})
        case = track(session, job)
    return job, case


def score_class(score: Any) -> str:
    """Colour band of a 0–100 registry score: what a clerk sees at a glance."""
    if not isinstance(score, (int, float)):
        return "none"
    return "good" if score >= 90 else "fair" if score >= 70 else "bad"


def card_image(storage: Storage, job: VerificationJob, page: int) -> tuple[bytes, str, bool] | None:
    """(bytes, media type, boxes apply) of a page: the flattened card the boxes refer to; for jobs read before
    cards were stored, the original upload when a browser can show it (boxes would not line up)."""
    key = storage.card_key(job.id, page)
    if storage.exists(key):
        return storage.load(key), "image/jpeg", True
    if page < len(job.files):
        media = {"jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp"}.get(str(job.files[page]["format"]))
        if media is not None:
            try:
                return storage.load(job.files[page]["key"]), media, False
            except FileNotFoundError:
                return None
    return None


def nik_revealed(session: Session, actor: Actor, verification_id: str) -> bool:
    """The NIK of this case was revealed by this clerk in this login session (the reveal is its own audit row):
    until then every page image is served with the NIKs blurred."""
    row = repo.get_session(session, actor.token_hash)
    return row is not None and repo.revealed_since(session, actor.username, verification_id, row.created_at)


def case_image(
    session: Session, settings: Settings, storage: Storage, actor: Actor, verification_id: str, page: int
) -> tuple[bytes, str]:
    """A page image of a case, for a clerk (issue 19): only of a case the case page would open (404 otherwise),
    with every NIK on it blurred until this clerk revealed the NIK, and each fetch an audit row and a
    processing record."""
    job, _case = _job_and_case(session, verification_id)
    found = card_image(storage, job, page) if 0 <= page < 100 else None
    if found is None:
        raise NotFound("no such image", {"id": verification_id, "page": page})
    data, media, boxes = found
    revealed = nik_revealed(session, actor, job.id)
    regions = redact.nik_regions(stored(job).to_json(), page, boxes_apply=boxes)
    if not revealed and not regions.empty:
        try:
            data, media = redact.blur(data, media, regions, jpeg_quality=settings.review_card_jpeg_quality)
        except (OSError, ValueError) as exc:  # an image that cannot be decoded is not shown at all
            log.warning("case %s: page %d could not be redacted: %s", job.id, page, type(exc).__name__)
            raise NotFound("no such image", {"id": verification_id, "page": page}) from exc
    audit_actor(
        session,
        actor,
        "view_image",
        job.id,
        after={"page": page, "nik": "shown" if revealed or regions.empty else "blurred"},
    )
    return data, media


def _image_size(data: bytes) -> tuple[int, int] | None:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as img:
            return int(img.width), int(img.height)
    except (UnidentifiedImageError, OSError, ValueError):
        return None


class FieldRow(TypedDict):
    key: str
    label: str
    value: str | None  # the NIK masked
    editable: bool
    confidence: float | None
    bbox: list[int] | None
    page: int
    registry: str | None
    score: float | None
    score_class: str
    corrected: bool
    low: bool  # confidence below DOCVERIFY_REVIEW_CONFIDENCE


class PageView(TypedDict):
    index: int
    available: bool
    boxes: bool  # the field boxes line up with the image (the flattened card)
    width: int
    height: int
    fields: list[FieldRow]
    blurred: bool


class ReasonView(TypedDict):
    code: str
    text: str
    detail: str | None
    field: str | None
    severity: str
    guidance: str | None


class CheckView(TypedDict):
    name: str
    label: str
    passed: bool
    score: float
    detail: str
    linked: list[str]  # a fraud signal's linked cases


class RegistryView(TypedDict):
    status: str
    source: str | None
    record_id: str | None
    score: float | None
    score_class: str
    candidates: list[Candidate]


class ObjectionView(TypedDict):
    at: datetime
    reason: str | None


class CaseView(TypedDict):
    """What the case page shows."""

    id: str
    job: VerificationJob
    case: ReviewCase
    open: bool
    case_label: str
    automatic: bool
    objection: ObjectionView | None
    document_type: str
    created_at: datetime
    fields: list[FieldRow]
    pages: list[PageView]
    nik_blurred: bool
    nik_row: bool
    reasons: list[ReasonView]
    checks: list[CheckView]
    claim: dict[str, str | int | float | bool | None]  # the claim's scalar values, the NIK masked
    comparison: list[ComparisonRow]
    registry: RegistryView
    review: Review | None
    decision: str | None
    suggestion: str | None
    region: str | None
    province_code: str | None
    history: Sequence[ReviewAudit]
    next_id: str | None
    prev_id: str | None
    notice: str | None
    queue: str


def case_view(
    session: Session,
    settings: Settings,
    storage: Storage,
    actor: Actor,
    verification_id: str,
    lang: str,
    *,
    audit_view: bool = True,
    notice: str | None = None,
) -> CaseView:
    job, case = _job_and_case(session, verification_id)
    result = stored(job)
    fields, registry = result.fields, result.registry
    doc_type = result.document.type
    form = review_form(doc_type)
    keys = [*form, *(k for k in fields.present() if k not in form)]
    rows: list[FieldRow] = []
    for key in keys:
        f = fields.get(key)
        value = f.text() if f is not None else None
        rf = registry.fields.get(key)
        is_nik = key == "nik"
        shown = None if value is None else (mask_nik(value) if is_nik else value)
        reg_value = rf.registry if rf is not None else None
        score = rf.score if rf is not None else None
        rows.append(
            {
                "key": key,
                "label": i18n.field_label(key, lang),
                "value": shown,
                "editable": not is_nik and (f is None or isinstance(f, TextField) or isinstance(f.value, str)),
                "confidence": f.confidence if f is not None else None,
                "bbox": f.bbox if f is not None else None,
                "page": f.page if f is not None else 0,
                "registry": (mask_nik(str(reg_value)) if is_nik and reg_value else reg_value),
                "score": score,
                "score_class": score_class(score),
                "corrected": bool(f is not None and f.corrected),
                "low": f is not None and f.confidence < settings.review_confidence,
            }
        )
    pages: list[PageView] = []
    revealed = nik_revealed(session, actor, job.id)
    as_json = result.to_json()
    for index in range(max(1, result.document.pages or 1)):
        found = card_image(storage, job, index)
        size = _image_size(found[0]) if found else None
        blurred = (
            found is not None
            and not revealed
            and not redact.nik_regions(as_json, index, boxes_apply=bool(found[2])).empty
        )
        pages.append(
            {
                "index": index,
                "available": found is not None,
                "boxes": bool(found and found[2]),
                "width": size[0] if size else 1000,
                "height": size[1] if size else 631,
                "fields": [r for r in rows if r["bbox"] and r["page"] == index],
                "blurred": blurred,
            }
        )
    reasons: list[ReasonView] = [
        {
            "code": r.code,
            "text": i18n.reason_text(r.model_dump(), lang),
            "detail": r.message,
            "field": r.field,
            "severity": r.severity or "review",
            "guidance": i18n.guidance(r.code, lang) if r.severity != "info" else None,
        }
        for r in result.reasons
    ]
    if case.state == OBJECTION:
        reasons.insert(
            0,
            {
                "code": OBJECTION_CODE,
                "text": i18n.reason_text({"code": OBJECTION_CODE}, lang),
                "detail": None,
                "field": None,
                "severity": "review",
                "guidance": i18n.guidance(OBJECTION_CODE, lang),
            },
        )
    checks: list[CheckView] = [
        {
            "name": c.name,
            "label": i18n.check_label(c.name, lang),
            "passed": c.passed,
            "score": c.score,
            "detail": c.detail,
            "linked": list(c.linked or []),
        }  # a fraud signal's linked cases
        for c in result.checks
    ]
    candidates = list(registry.candidates or [])
    claim: dict[str, str | int | float | bool | None] = {
        k: (mask_nik(str(v)) if k == "nik" and v else v)
        for k, v in (job.claim or {}).items()
        if not isinstance(v, (dict, list))
    }
    history = repo.list_audit(session, actor=None, action=None, verification_id=job.id, before_id=None, limit=20)
    decidable = _decidable(case, job)
    suggestion = suggested_decision(result, settings) if decidable else None
    if audit_view:
        audit_actor(session, actor, "view_case", job.id)
    return {
        "id": job.id,
        "job": job,
        "case": case,
        "open": decidable,
        "case_label": f"{_value(result, 'name') or '—'} · NIK {mask_nik(_value(result, 'nik') or '') or '—'}",
        "automatic": decidable and _overturning(case),  # sent to the caller: may be overturned, with a reason
        "objection": _objection(session, job.id) if case.state == OBJECTION else None,
        "document_type": doc_type,
        "created_at": job.created_at,
        "fields": rows,
        "pages": pages,
        "nik_blurred": any(p["blurred"] for p in pages),
        "nik_row": any(r["key"] == "nik" for r in rows),
        "reasons": reasons,
        "checks": checks,
        "claim": claim,
        "comparison": comparison(result, lang),
        "registry": {
            "status": registry.status,
            "source": registry.source,
            "record_id": registry.record_id,
            "score": registry.score,
            "score_class": score_class(registry.score),
            "candidates": candidates,
        },
        "review": result.review,
        "decision": job.decision,
        "suggestion": suggestion,
        "region": regions.province_name(case.province_code),
        "province_code": case.province_code,
        "history": history,
        "next_id": repo.neighbour_case(session, case, forward=True, decision=_queue_of(job, case)),
        "prev_id": repo.neighbour_case(session, case, forward=False, decision=_queue_of(job, case)),
        "notice": notice,
        "queue": _queue_of(job, case),
    }


_SIDES = ("claim", "document", "registry")


class Segment(TypedDict):
    text: str
    differs: bool


class SideCell(TypedDict):
    side: str  # claim, document or registry
    segments: list[Segment] | None


class ComparisonRow(TypedDict):
    key: str
    label: str
    cells: list[SideCell]
    odd: str | None
    score: float | None
    score_words: str | None


def char_diff(value: str, other: str | None) -> list[Segment]:
    """`value` in segments, each marked when it differs from `other` (a letter missing from `value` is an
    empty marked segment): the differing characters a clerk should look at."""
    if other is None or value == other:
        return [{"text": value, "differs": False}]
    out: list[Segment] = []
    for tag, i1, i2, _j1, _j2 in difflib.SequenceMatcher(None, value, other, autojunk=False).get_opcodes():
        if tag == "equal":
            out.append({"text": value[i1:i2], "differs": False})
        elif tag == "insert":
            out.append({"text": "", "differs": True})
        else:
            out.append({"text": value[i1:i2], "differs": True})
    return out


def comparison(result: VerificationResult, lang: str) -> list[ComparisonRow]:
    """Claim, card and registry side by side for each claimed field and each field the registry scores below
    100, the differing characters marked against the side that disagrees (the NIK is left to its own row)."""
    rows: list[ComparisonRow] = []
    claim_check = result.claim_check or {}
    reg_fields = result.registry.fields
    keys = [k for k in claim_check if k != "nik"]
    keys += [k for k, f in reg_fields.items() if k != "nik" and k not in keys and f.score < 100]
    for key in keys:
        checked = claim_check.get(key)
        reg = reg_fields.get(key)
        sides: dict[str, str | None] = {
            "claim": checked.claim if checked else None,
            "document": checked.document if checked else (reg.document if reg else None),
            "registry": checked.registry if checked else (reg.registry if reg else None),
        }
        present = [k for k in _SIDES if sides[k] is not None]
        odd = checked.disagrees if checked else ""
        if odd not in _SIDES:
            odd = "" if checked else "registry"
        cells: list[SideCell] = []
        for side in _SIDES:
            value = sides[side]
            if value is None:
                cells.append({"side": side, "segments": None})
                continue
            if odd and side != odd and sides.get(odd) is not None:
                against = sides[odd]
            else:  # the odd one out (or all differ): against the next side present
                others = [k for k in present if k != side]
                against = sides[others[0]] if others else None
            cells.append({"side": side, "segments": char_diff(value, against)})
        score = reg.score if reg is not None else None
        verdict = odd or (checked.disagrees if checked is not None and checked.disagrees else "")
        rows.append(
            {
                "key": key,
                "label": i18n.field_label(key, lang),
                "cells": cells,
                "odd": i18n.t(f"odd_{verdict}", lang) if verdict else None,
                "score": score,
                "score_words": i18n.score_words(score, lang) if score is not None else None,
            }
        )
    return rows


def suggested_decision(result: VerificationResult, settings: Settings) -> str | None:
    """What the automatic policy says of the case as it stands now (after corrections): a hint, not a decision."""
    return assessment.suggested_decision(result, settings)


def reveal_nik(session: Session, actor: Actor, verification_id: str) -> str | None:
    """The whole NIK, for this clerk, once; the reveal is an audit row (the NIK itself is not written there)."""
    job, _case = _job_and_case(session, verification_id)
    nik = _value(stored(job), "nik")
    audit_actor(session, actor, "reveal_nik", job.id, after={"field": "nik"})
    return nik


# Corrections

_FORMS: dict[str, tuple[re.Pattern[str], str]] = {
    "nik": (re.compile(r"^\d{16}$"), "16 digits"),
    "birth_date": (re.compile(r"^\d{4}-\d{2}-\d{2}$"), "an ISO date, YYYY-MM-DD"),
    "rt_rw": (re.compile(r"^\d{3}/\d{3}$"), "NNN/NNN"),
    "sex": (re.compile(r"^(LAKI-LAKI|PEREMPUAN)$"), "LAKI-LAKI or PEREMPUAN"),
    "blood_type": (re.compile(r"^(A|B|AB|O|-)$"), "A, B, AB, O or -"),
    "nationality": (re.compile(r"^(WNI|WNA)$"), "WNI or WNA"),
}


def normalise_value(key: str, raw: str) -> str:
    """As the contract prints values: upper case, single spaces; the form of fixed-form fields is checked."""
    value = " ".join(raw.upper().split())
    if len(value) > MAX_VALUE:
        raise InvalidField(f"{key} is longer than {MAX_VALUE} characters", {"field": key})
    form = _FORMS.get(key)
    if form is not None and value and not form[0].match(value):
        raise InvalidField(f"{key} must be {form[1]}", {"field": key})
    if key == "birth_date" and value:
        try:
            datetime.strptime(value, "%Y-%m-%d")
        except ValueError as exc:
            raise InvalidField("birth_date is not a real date", {"field": key}) from exc
    if key == "nik" and value and not is_nik_shaped(value):
        raise InvalidField("nik must be 16 digits", {"field": key})
    return value


def correct(
    session: Session, settings: Settings, actor: Actor, verification_id: str, submitted: Mapping[str, str]
) -> int:
    """Apply a clerk's field corrections, re-run the registry match (and the claim check) on the corrected
    values, and keep each corrected field as a labelled example. Returns how many fields changed."""
    job, case = _job_and_case(session, verification_id)
    if not _decidable(case, job):
        raise CaseAlreadyDecided("this case has already been decided", {"id": job.id})
    result = stored(job)
    fields = result.fields
    doc_type = result.document.type
    allowed = set(fields.present()) | set(review_form(doc_type))
    changes: dict[str, tuple[str | None, str]] = {}
    for key, raw in submitted.items():
        if key not in allowed:
            raise InvalidField(f"unknown field {key}", {"field": key})
        found = fields.get(key)
        if found is not None and not isinstance(found.value, str | None):
            continue  # a list or a flag (a KK's member table, the MRZ lines) is not corrected as text
        value = normalise_value(key, raw)
        old_text = found.text() if found is not None else None
        if value == (old_text or ""):
            continue
        changes[key] = (old_text, value)
    if not changes:
        return 0
    registry_before = result.registry
    for key, (_old, value) in changes.items():
        found = fields.get(key)
        read = (
            found.value
            if found is not None and not found.corrected
            else (found.read_value if found is not None else None)
        )  # what the pipeline read, kept beside the correction
        fields.set(
            key,
            TextField(
                value=value or None,
                confidence=found.confidence if found is not None else 0.0,
                bbox=found.bbox if found is not None else None,
                page=found.page if found is not None else 0,
                corrected=True,
                corrected_by=actor.username,
                read_value=read,
            ),
        )
    result = assessment.reassess(session, settings, job, result)
    registry_after = result.registry
    version = result.provenance.pipeline_version[:32] or None
    for key, (_old, value) in changes.items():
        f = result.fields.get(key)
        assert f is not None
        repo.add_correction(
            session,
            ReviewCorrection(
                verification_id=job.id,
                document_type=doc_type[:16],
                field=key,
                read_value=None if f.read_value is None else str(f.read_value),
                corrected_value=value or None,
                confidence=f.confidence,
                bbox=f.bbox,
                page=f.page,
                pipeline_version=version,
                registry_score_before=registry_before.score,
                registry_score_after=registry_after.score,
                reviewer=actor.username,
                created_at=utcnow(),
            ),
        )
    if not verifications.replace_result(session, job.id, result, expected=str(job.decision)):
        raise CaseAlreadyDecided("this case was decided meanwhile", {"id": job.id})
    _doc, province, reasons = _facets(result)  # a corrected NIK or province moves the case's region
    repo.set_facets(session, job.id, province_code=province, reason_codes=reasons)
    audit_actor(
        session,
        actor,
        "correct",
        job.id,
        before={
            "fields": {k: old for k, (old, _new) in changes.items()},
            "registry": {"status": registry_before.status, "score": registry_before.score},
        },
        after={
            "fields": {k: new for k, (_old, new) in changes.items()},
            "registry": {"status": registry_after.status, "score": registry_after.score},
        },
    )
    return len(changes)


# Decisions

OUTCOMES: dict[str, tuple[str, Decision, str]] = {
    "approve": ("approved", "verified", "CLERK_APPROVED"),
    "reject": ("rejected", "rejected", "CLERK_REJECTED"),
    "resubmit": ("resubmission_requested", "rejected", "RESUBMISSION_REQUESTED"),
}


def decide_case(
    session: Session, actor: Actor, verification_id: str, action: str, reason: str | None, *, undo_s: int = 0
) -> str | None:
    """Approve, reject (a reason is required) or ask for a new document, for a needs_review case or to overturn
    (or confirm) an automatic retake or rejection. The Verification becomes verified or rejected with the
    reviewer and the time, and an event for the caller is queued. Returns the next case of the same queue."""
    if action not in OUTCOMES:
        raise InvalidField("unknown action", {"field": "action"})
    note = " ".join((reason or "").split())
    if action == "reject" and len(note) < 3:
        raise InvalidField("a rejection needs a reason (at least 3 characters)", {"field": "reason"})
    if len(note) > MAX_REASON:
        raise InvalidField(f"the reason is longer than {MAX_REASON} characters", {"field": "reason"})
    job, case = _job_and_case(session, verification_id)
    if not _decidable(case, job):
        raise CaseAlreadyDecided("this case has already been decided", {"id": job.id})
    if _overturning(case) and len(note) < 3:
        raise InvalidField(
            "changing or confirming an automatic decision needs a reason (at least 3 characters)", {"field": "reason"}
        )
    before = str(job.decision)  # needs_review, or the automatic decision being overturned or confirmed
    queue_before = _queue_of(job, case)
    outcome, decision, code = OUTCOMES[action]
    now = utcnow()
    result = stored(job)
    corrections = [
        CorrectionOut.model_validate({"field": c.field, "from": c.read_value, "to": c.corrected_value})
        for c in repo.list_corrections(session, job.id)
    ]
    message = {
        "approve": f"approved by clerk {actor.username}",
        "reject": f"rejected by clerk {actor.username}",
        "resubmit": f"clerk {actor.username} asked for the document again",
    }[action]
    result.reasons = [
        *result.reasons,
        ResultReason(
            code=code,
            message=f"{message}: {note}" if note else message,
            severity="info" if action == "approve" else "reject",
        ),
    ]
    result.decision = decision
    result.review = Review(
        outcome=outcome,
        decision=decision,
        reviewer=actor.username,
        reviewed_at=now.isoformat(),
        reason=note or None,
        corrections=corrections,
    )
    next_id = repo.neighbour_case(session, case, forward=True, decision=queue_before) or repo.neighbour_case(
        session, case, forward=False, decision=queue_before
    )
    if not verifications.record_review(session, job, decision=decision, result=result, expected=before, delay_s=undo_s):
        raise CaseAlreadyDecided("this case was decided meanwhile", {"id": job.id})
    repo.close_case(session, job.id, state=outcome, reviewer=actor.username, at=now)
    audit_actor(
        session,
        actor,
        {"approve": "approve", "reject": "reject", "resubmit": "request_resubmission"}[action],
        job.id,
        before={"decision": before},
        after={
            "decision": decision,
            "outcome": outcome,
            "reason": note or None,
            "corrections": len(corrections),
            "state_before": case.state,
        },
    )
    log.info("case %s %s by %s", job.id, outcome, actor.username)
    return next_id


# Undo (issue 21): a clerk takes a decision back for a short time; its webhook waits that long

_DECISION_ACTIONS = ("approve", "reject", "request_resubmission")
_CLERK_CODES = {code for _o, _d, code in OUTCOMES.values()}


@dataclass(frozen=True)
class RecentDecision:
    """A decision this clerk made moments ago: what the confirmation names, and whether it can be undone."""

    verification_id: str
    name: str
    nik: str
    outcome: str
    seconds_left: int


def _last_decision(session: Session, verification_id: str) -> ReviewAudit | None:
    rows = repo.list_audit(session, actor=None, action=None, verification_id=verification_id, before_id=None, limit=20)
    return next((r for r in rows if r.action in _DECISION_ACTIONS), None)


def recent_decision(session: Session, settings: Settings, actor: Actor, verification_id: str) -> RecentDecision | None:
    """The decision this clerk made on this case, for the confirmation after it (None when it is not theirs or
    the case is open again)."""
    job = verifications.load_for_review(session, verification_id)
    case = repo.get_case(session, verification_id) if job is not None else None
    if job is None or case is None or case.reviewer != actor.username or case.reviewed_at is None:
        return None
    left = settings.review_undo_s - (utcnow() - case.reviewed_at).total_seconds()
    result = stored(job)
    nik = _value(result, "nik")
    return RecentDecision(
        job.id, _value(result, "name") or "—", mask_nik(nik) if nik else "—", case.state, max(0, int(left))
    )


def undo_decision(session: Session, settings: Settings, actor: Actor, verification_id: str) -> None:
    """Reopen a case this clerk decided less than `review_undo_s` ago: the verification gets its decision and
    result back, the unsent `verification.reviewed` event is withdrawn, and the undo is an audit row."""
    job, case = _job_and_case(session, verification_id)
    row = _last_decision(session, job.id)
    if (
        case.reviewer != actor.username
        or case.reviewed_at is None
        or row is None
        or row.actor != actor.username
        or (utcnow() - case.reviewed_at).total_seconds() > settings.review_undo_s
    ):
        raise UndoRefused("this decision can no longer be undone", {"id": job.id})
    before = str((row.before or {}).get("decision") or "needs_review")
    state = str((row.after or {}).get("state_before") or QUEUES.get(before, "open"))
    result = stored(job)
    if result.reasons and result.reasons[-1].code in _CLERK_CODES:
        result.reasons = result.reasons[:-1]
    result.review = None
    result.decision = as_decision(before)
    decided = str(job.decision)
    if not verifications.undo_review(session, job, decision=before, result=result, expected=decided):
        raise UndoRefused("the caller was already told of this decision; it can no longer be undone", {"id": job.id})
    repo.reopen_case(session, job.id, state)
    audit_actor(session, actor, "undo", job.id, before={"decision": decided}, after={"decision": before})
    log.info("case %s: decision undone by %s", job.id, actor.username)


class UndoRefused(ApiError):
    status = 409
    code = "UNDO_REFUSED"


# A citizen's objection (UU PDP Pasal 10(1): a right to object to decisions made solely by automated processing)

OBJECTABLE = ("verified", "retake", "rejected")
OBJECTION_CODE = "CITIZEN_OBJECTION"


class ObjectionRefused(ApiError):
    status = 409
    code = "OBJECTION_REFUSED"


@dataclass(frozen=True)
class Objection:
    verification_id: str
    decision: str
    state: str
    objected_at: datetime


def object_to_decision(session: Session, client_id: str, verification_id: str, reason: str) -> Objection:
    """The front office records a citizen's objection to an automatic decision: the case goes to the clerks'
    needs_review queue (tagged CITIZEN_OBJECTION), the objection is an audit row, and the decision stays as it
    is until a clerk confirms or changes it (with a reason; the caller gets `verification.reviewed`)."""
    note = " ".join(reason.split())
    if not 3 <= len(note) <= MAX_REASON:
        raise InvalidField(f"the reason has 3 to {MAX_REASON} characters", {"field": "reason"})
    job = verifications.load_for_review(session, verification_id)
    if job is None or job.client_id != client_id:
        raise NotFound(f"no verification {verification_id}", {"id": verification_id})
    if job.status != "completed" or job.result is None or job.purged_at is not None:
        raise ObjectionRefused(
            "only a completed verification whose data is still kept can be objected to",
            {"id": job.id, "status": job.status},
        )
    if job.decision not in OBJECTABLE:
        raise ObjectionRefused("this verification is already waiting for a clerk", {"decision": job.decision})
    case = repo.get_case(session, job.id) or track(session, job)
    if case.state == OBJECTION:
        raise ObjectionRefused("an objection to this decision is already waiting for a clerk", {"id": job.id})
    if case.state not in ("open", "automatic"):
        raise ObjectionRefused("a clerk has already decided this verification", {"id": job.id})
    codes = [c for c in case.reason_codes.split(",") if c and c != OBJECTION_CODE]
    repo.set_state(session, job.id, OBJECTION, "," + ",".join(sorted([*codes, OBJECTION_CODE])) + ",")
    now = utcnow()
    audit(
        session,
        f"client:{client_id}",
        "objection",
        verification_id=job.id,
        before={"decision": job.decision},
        after={"reason": note, "state": OBJECTION},
    )
    log.info("objection to the %s decision of %s recorded", job.decision, job.id)
    return Objection(job.id, str(job.decision), OBJECTION, now)


def _objection(session: Session, verification_id: str) -> ObjectionView | None:
    """The newest objection of a case: its reason and time, for the clerk."""
    rows = repo.list_audit(
        session, actor=None, action="objection", verification_id=verification_id, before_id=None, limit=1
    )
    return {"at": rows[0].at, "reason": (rows[0].after or {}).get("reason")} if rows else None


class CorrectionExample(TypedDict):
    """A field a clerk corrected, as `docverify clerk corrections` exports it."""

    verification_id: str
    document_type: str
    field: str
    read_value: str | None
    corrected_value: str | None
    confidence: float | None
    bbox: list[int] | None
    page: int | None
    pipeline_version: str | None
    registry_score_before: float | None
    registry_score_after: float | None
    reviewer: str
    created_at: str


def export_corrections(session: Session) -> list[CorrectionExample]:
    """The labelled examples clerks made, for `docverify clerk corrections` and later evaluation."""
    return [
        {
            "verification_id": c.verification_id,
            "document_type": c.document_type,
            "field": c.field,
            "read_value": c.read_value,
            "corrected_value": c.corrected_value,
            "confidence": c.confidence,
            "bbox": c.bbox,
            "page": c.page,
            "pipeline_version": c.pipeline_version,
            "registry_score_before": c.registry_score_before,
            "registry_score_after": c.registry_score_after,
            "reviewer": c.reviewer,
            "created_at": c.created_at.isoformat(),
        }
        for c in repo.list_corrections(session)
    ]
