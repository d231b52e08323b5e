"""Fraud signals across submissions: one call per completed verification, after the pipeline and before the
decision. It stores the verification's fingerprints and facts (non-personal: perceptual hashes, keyed
hashes, region code) and returns the signals as checks, each failed with action "review" and its reason, and
the linked verification ids under `linked`. A signal sends the case to a clerk, never rejects it
(service.verifications.decision).

What counts as another application (so that a retry is no fraud): a submission of the same applicant NIK
by the same client for the same program is a retry (a better photo, a corrected claim); another client,
another program, or another NIK (read from the card or claimed) is another application.

- DOCUMENT_REUSED: an earlier submission shows the same card in another application: the same picture (all
  three perceptual hashes within the same-picture radius), a near copy (card and value-column hashes within
  their radii) whose read text agrees (the RT/RW and village, or the NIK), or the same NIK read from the card
  with a similar picture. Two near hashes alone are no evidence: about 1 in 60,000 pairs of different
  holders' captured cards lie that close (README, "A day of genuine traffic");
- PHOTO_REUSED: the photo area of a card with another NIK;
- NIK_IN_OTHER_APPLICATION: the NIK (read or claimed) in another application within the window that was
  not rejected nor sent back for a retake (the citizen submits again: that application is superseded);
- ADDRESS_CLUSTER: more distinct applicant NIKs than the threshold at one address, or in one RT/RW of a
  village, within the window;
- SUBMISSION_BURST: within the burst minutes, more submissions than its threshold for one applicant NIK
  (someone trying again and again), or by one operator of one client (when the caller names its operators).
  Never per client alone: a client is a whole front office, and a busy morning of genuine applicants
  (hundreds an hour) must send no one to a clerk (README, "Fraud signals": a day of traffic).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal, TypedDict

import numpy as np
from sqlalchemy.orm import Session

from primitives.nik import is_nik_shaped
from service.config import Settings
from service.crypto import keyed_hash, nik_hash
from service.db import utcnow
from service.fraud import repository as repo
from service.fraud.index import index_for
from service.fraud.tables import FraudSignal, FraudSubmission
from service.verifications.tables import VerificationJob

log = logging.getLogger(__name__)
MAX_CANDIDATES = 200


@dataclass(frozen=True)
class Context:
    """Who submitted what, when: the verification job's facts the signals compare."""

    verification_id: str
    client_id: str
    program: str | None
    claim_nik: str | None
    submitted_at: datetime


@dataclass(frozen=True)
class Hashes:
    """The perceptual hashes of the first page's flattened card (workers.pipeline.fingerprint)."""

    card: int
    photo: int
    text: int


def _database_key(session: Session) -> str:
    """Which database the session talks to: the process keeps one hash index per database."""
    bind = session.get_bind()
    return str(bind.engine.url)


def hamming(a: int, b: int) -> int:
    """Differing bits of two 64-bit hashes (signed as stored)."""
    return ((a ^ b) & ((1 << 64) - 1)).bit_count()


def address_text(text: str | None) -> str:
    """An address part as the fraud keys compare it: upper case letters, digits and single spaces."""
    return " ".join(re.sub(r"[^0-9A-Z ]+", " ", (text or "").upper()).split())


def _value(verification: Mapping[str, Any], key: str) -> str | None:
    value = ((verification.get("fields") or {}).get(key) or {}).get("value")
    return None if value is None or str(value).strip() == "" else str(value)


def _digits(value: str | None) -> str | None:
    if not value:
        return None
    digits = "".join(c for c in value if c.isdigit())
    return digits if is_nik_shaped(digits) else None


class SignalCheck(TypedDict):
    """A fraud signal as a failed check of the Verification (its `Check` with `action` review and `linked`)."""

    name: str
    passed: bool
    score: float
    detail: str
    action: Literal["review"]
    reason: str
    linked: list[str]


def _check(code: str, score: float, detail: str, linked: list[str]) -> SignalCheck:
    return {
        "name": code.lower(),
        "passed": False,
        "score": round(float(score), 3),
        "detail": detail,
        "action": "review",
        "reason": code,
        "linked": linked,
    }


def _other_application(ctx: Context, mine: set[str], row: FraudSubmission) -> bool:
    """Not a retry: another client, another program, or another applicant NIK."""
    theirs = {h for h in (row.claim_nik_hash or row.nik_hash,) if h}
    ours = {h for h in mine if h}
    return (
        row.client_id != ctx.client_id
        or (row.program or "") != (ctx.program or "")
        or bool(ours and theirs and not ours & theirs)
    )


def reuse_signals(
    session: Session,
    settings: Settings,
    ctx: Context,
    hashes: Hashes,
    content: str | None,
    read_hash: str | None,
    applicant: str | None,
    rt_rw_key: str | None = None,
) -> list[SignalCheck]:
    """DOCUMENT_REUSED and PHOTO_REUSED: the perceptual hashes against every stored one (in-process index),
    and the submissions that read the same card content (an indexed column), compared by their card hash.
    A near copy that is not the same picture counts only when the read text agrees (`rt_rw_key`, the RT/RW
    and village read, or the NIK read): the text read is independent of how alike two cards' pictures are."""
    checks: list[SignalCheck] = []
    now, limit = ctx.submitted_at, settings.fraud_max_linked
    index = index_for(_database_key(session))
    index.sync(session)
    ids, d_card, d_photo, d_text = index.distances(hashes.card, hashes.photo, hashes.text)
    same = settings.fraud_same_picture_radius
    same_picture = (d_card <= same) & (d_text <= same) & (d_photo <= same)
    near_card = same_picture | ((d_card <= settings.fraud_card_radius) & (d_text <= settings.fraud_text_radius))
    near_photo = d_photo <= settings.fraud_photo_radius
    hits = np.nonzero(near_card | near_photo)[0]
    if len(hits) > MAX_CANDIDATES:  # the closest ones are enough to link; the rest would only cost queries
        hits = hits[np.argsort(np.minimum(d_card[hits], d_photo[hits]), kind="stable")[:MAX_CANDIDATES]]
    rows = {r.id: r for r in repo.submissions_by_ids(session, [int(ids[i]) for i in hits])}
    same_content = repo.same_content(session, content, 200) if content else []
    reused: dict[str, int] = {}
    photo: dict[str, int] = {}
    for i in hits:
        row = rows.get(int(ids[i]))
        if row is None or row.verification_id == ctx.verification_id or row.submitted_at > now:
            continue
        text_agrees = bool((rt_rw_key and row.rt_rw_key == rt_rw_key) or (read_hash and row.nik_hash == read_hash))
        if near_card[i] and (same_picture[i] or text_agrees):
            if _other_application(ctx, {applicant or ""}, row):
                reused[row.verification_id] = int(d_card[i])
        elif near_photo[i] and read_hash and row.nik_hash and row.nik_hash != read_hash:
            photo[row.verification_id] = int(d_photo[i])
    for row in same_content:
        if (
            row.verification_id == ctx.verification_id
            or row.submitted_at > now
            or row.card_hash is None
            or row.verification_id in reused
        ):
            continue
        distance = hamming(hashes.card, row.card_hash)
        if distance <= settings.fraud_content_card_radius and _other_application(ctx, {applicant or ""}, row):
            reused[row.verification_id] = distance
    for code, found, what in (("DOCUMENT_REUSED", reused, "card"), ("PHOTO_REUSED", photo, "photo")):
        if not found:
            continue
        ranked = sorted(found.items(), key=lambda kv: (kv[1], kv[0]))
        detail = (
            f"the same card was submitted in {len(found)} other application(s) (another NIK, client or program)"
            if code == "DOCUMENT_REUSED"
            else f"the photo appears on {len(found)} card(s) with another NIK"
        )
        checks.append(
            _check(
                code,
                1 - ranked[0][1] / 64,
                f"{detail}; closest {what} hash distance {ranked[0][1]}/64",
                [v for v, _ in ranked[:limit]],
            )
        )
    return checks


def burst_signal(
    session: Session, settings: Settings, ctx: Context, applicant: str | None, operator_key: str | None
) -> SignalCheck | None:
    """SUBMISSION_BURST, one check whichever key (or both) went over: this submission counts in the window."""
    now, limit = ctx.submitted_at, settings.fraud_max_linked
    since = now - timedelta(minutes=settings.fraud_burst_minutes)
    found: list[tuple[float, str, list[str]]] = []
    for value, threshold, count_of, what in (
        (applicant, settings.fraud_burst_nik_count, repo.applicant_burst, "for this applicant's NIK"),
        (
            operator_key,
            settings.fraud_burst_operator_count,
            repo.operator_burst,
            f"by this operator of client {ctx.client_id}",
        ),
    ):
        if value is None:
            continue
        count, linked = count_of(session, value, since, now, ctx.verification_id, limit)
        if count + 1 > threshold:
            found.append(
                (
                    min(1.0, (count + 1) / (2 * threshold)),
                    f"{count + 1} submissions {what} within {settings.fraud_burst_minutes} minutes "
                    f"(more than {threshold})",
                    linked,
                )
            )
    if not found:
        return None
    linked = list(dict.fromkeys(v for _, _, ids in found for v in ids))[:limit]
    return _check("SUBMISSION_BURST", max(score for score, _, _ in found), "; ".join(d for _, d, _ in found), linked)


def screen(
    session: Session,
    settings: Settings,
    ctx: Context,
    verification: Mapping[str, Any],
    hashes: Hashes | None,
    reasons: list[str] | None = None,
) -> list[SignalCheck]:
    """Store this verification's fingerprints and facts; return the fraud signals as failed checks.
    Screening a verification again (a redelivered job) replaces what its first screening stored. The operator
    (SUBMISSION_BURST) is read from the verification's row, which must exist (the stored facts refer to it)."""
    if repo.get_submission(session, ctx.verification_id) is not None:
        repo.delete_for_verification(session, ctx.verification_id)
    key = settings.nik_hash_key.get_secret_value()
    nik = _digits(_value(verification, "nik"))
    claim = _digits(ctx.claim_nik)
    read_hash = nik_hash(nik, key) if nik else None
    claim_hash = nik_hash(claim, key) if claim else None
    applicant = claim_hash or read_hash
    # The card's content is its NIK: no two people share one, and validation repairs it where the name or the
    # birth date of a re-photographed copy reads differently (seed 22: 5 of 6 missed copies).
    content = keyed_hash(f"card:{nik}", key) if is_nik_shaped(nik) else None
    village, rt_rw, address = (address_text(_value(verification, k)) for k in ("village", "rt_rw", "address"))
    address_key = keyed_hash(f"addr:{address}|{rt_rw}|{village}", key) if address and village else None
    rt_rw_key = keyed_hash(f"rtrw:{rt_rw}|{village}", key) if rt_rw and village else None
    now = ctx.submitted_at
    limit = settings.fraud_max_linked
    checks: list[SignalCheck] = []

    if hashes is not None:
        checks += reuse_signals(session, settings, ctx, hashes, content, read_hash, applicant, rt_rw_key)

    # the NIK in other applications
    keys = {h for h in (read_hash, claim_hash) if h}
    window = now - timedelta(days=settings.fraud_nik_window_days)
    others = [
        row
        for row, decision in repo.same_nik(session, keys, window, ctx.verification_id, 200)
        if decision not in ("rejected", "retake")
        and row.submitted_at <= now
        and _other_application(ctx, {applicant or ""}, row)
    ]
    if others:
        programs = sorted({r.program or "-" for r in others})
        checks.append(
            _check(
                "NIK_IN_OTHER_APPLICATION",
                1.0,
                f"the NIK is in {len(others)} other application(s) within "
                f"{settings.fraud_nik_window_days} days (programs: {', '.join(programs)})",
                [r.verification_id for r in others[:limit]],
            )
        )

    # clusters: applicants at one address / RT-RW, submissions of one client
    since = now - timedelta(days=settings.fraud_cluster_window_days)
    for column, value, threshold, what in (
        ("address_key", address_key, settings.fraud_address_threshold, "one address"),
        ("rt_rw_key", rt_rw_key, settings.fraud_rt_rw_threshold, "one RT/RW of the village"),
    ):
        if value is None:
            continue
        applicants, linked = repo.cluster(session, column, value, since, now, limit + 1)
        count = len(applicants | ({applicant} if applicant else set()))
        if count > threshold:
            checks.append(
                _check(
                    "ADDRESS_CLUSTER",
                    min(1.0, count / (2 * threshold)),
                    f"{count} applicants at {what} within {settings.fraud_cluster_window_days} days "
                    f"(more than {threshold})",
                    [v for v in linked if v != ctx.verification_id][:limit],
                )
            )
            break
    job = session.get(VerificationJob, ctx.verification_id)
    operator = job.operator if job is not None else None
    operator_key = keyed_hash(f"operator:{ctx.client_id}|{operator}", key) if operator else None
    burst = burst_signal(session, settings, ctx, applicant, operator_key)
    if burst is not None:
        checks.append(burst)

    region = nik[:4] if nik else None
    row = FraudSubmission(
        verification_id=ctx.verification_id,
        client_id=ctx.client_id,
        program=ctx.program,
        submitted_at=now,
        document_type=str((verification.get("document") or {}).get("type") or "unknown")[:16],
        region_code=region,
        nik_hash=read_hash,
        claim_nik_hash=claim_hash,
        content_hash=content,
        address_key=address_key,
        rt_rw_key=rt_rw_key,
        operator_key=operator_key,
        card_hash=hashes.card if hashes else None,
        photo_hash=hashes.photo if hashes else None,
        text_hash=hashes.text if hashes else None,
        reason_codes=",",
    )
    all_reasons = set(reasons or []) | {c["reason"] for c in checks}
    row.reason_codes = "," + ",".join(sorted(all_reasons)) + ","
    repo.add_submission(session, row, all_reasons)
    if hashes is not None:
        index_for(_database_key(session)).add(row.id, hashes.card, hashes.photo, hashes.text)
    repo.add_signals(
        session,
        [
            FraudSignal(
                verification_id=ctx.verification_id,
                code=c["reason"],
                linked=c["linked"],
                detail=c["detail"][:500],
                score=c["score"],
                created_at=utcnow(),
            )
            for c in checks
        ],
    )
    return checks


def record_reasons(session: Session, verification_id: str, codes: list[str]) -> None:
    """The verification's final automatic reason codes (after the decision), for the dashboard's counts."""
    row = repo.get_submission(session, verification_id)
    if row is not None:
        repo.add_reasons(session, row, codes)


def signals_of(session: Session, verification_id: str) -> list[FraudSignal]:
    return repo.signals_for(session, verification_id)
