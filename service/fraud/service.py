"""Fraud signals across submissions: one call per completed verification, after the pipeline and before the
decision. It stores the verification's fingerprints and facts (non-personal: perceptual hashes, keyed
hashes, region code) and returns the signals as checks, each failed with action "review" and its reason, and
the linked verification ids under `linked`. A signal sends the case to a clerk, never rejects it
(service.verifications.decision).

What counts as another application (so that a retry is no fraud): a submission of the same applicant NIK
by the same client for the same program is a retry (a better photo, a corrected claim); another client,
another program, or another NIK (read from the card or claimed) is another application.

- DOCUMENT_REUSED: an earlier submission shows the same card (its picture within the perceptual radii, or
  the same card content read, NIK + name + birth date, with a similar picture) in another application;
- PHOTO_REUSED: the photo area of a card with another NIK;
- NIK_IN_OTHER_APPLICATION: the NIK (read or claimed) in another application within the window that was
  not rejected;
- ADDRESS_CLUSTER: more distinct applicant NIKs than the threshold at one address, or in one RT/RW of a
  village, within the window;
- SUBMISSION_BURST: more submissions than the threshold by one client within the burst minutes.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import numpy as np
from sqlalchemy.orm import Session

from docverify.nik import is_nik_shaped
from service.config import Settings
from service.crypto import keyed_hash, nik_hash
from service.db import utcnow
from service.fraud import repository as repo
from service.fraud.index import index_for
from service.fraud.tables import FraudSignal, FraudSubmission

log = logging.getLogger(__name__)


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


def _norm(text: str | None) -> str:
    return " ".join(re.sub(r"[^0-9A-Z ]+", " ", (text or "").upper()).split())


def _value(verification: Mapping[str, Any], key: str) -> str | None:
    value = ((verification.get("fields") or {}).get(key) or {}).get("value")
    return None if value is None or str(value).strip() == "" else str(value)


def _digits(value: str | None) -> str | None:
    if not value:
        return None
    digits = "".join(c for c in value if c.isdigit())
    return digits if is_nik_shaped(digits) else None


def _check(code: str, score: float, detail: str, linked: list[str]) -> dict[str, Any]:
    return {"name": code.lower(), "passed": False, "score": round(float(score), 3), "detail": detail,
            "action": "review", "reason": code, "linked": linked}


def _other_application(ctx: Context, mine: set[str], row: FraudSubmission) -> bool:
    """Not a retry: another client, another program, or another applicant NIK."""
    theirs = {h for h in (row.claim_nik_hash or row.nik_hash,) if h}
    ours = {h for h in mine if h}
    return (row.client_id != ctx.client_id or (row.program or "") != (ctx.program or "")
            or bool(ours and theirs and not ours & theirs))


def screen(session: Session, settings: Settings, ctx: Context, verification: Mapping[str, Any],
           hashes: Hashes | None, reasons: list[str] | None = None) -> list[dict[str, Any]]:
    """Store this verification's fingerprints and facts; return the fraud signals as failed checks."""
    key = settings.nik_hash_key.get_secret_value()
    nik = _digits(_value(verification, "nik"))
    claim = _digits(ctx.claim_nik)
    read_hash = nik_hash(nik, key) if nik else None
    claim_hash = nik_hash(claim, key) if claim else None
    applicant = claim_hash or read_hash
    name, birth = _norm(_value(verification, "name")), _value(verification, "birth_date")
    content = keyed_hash(f"card:{nik}|{name}|{birth}", key) if nik and name and birth else None
    village, rt_rw, address = (_norm(_value(verification, k)) for k in ("village", "rt_rw", "address"))
    address_key = keyed_hash(f"addr:{address}|{rt_rw}|{village}", key) if address and village else None
    rt_rw_key = keyed_hash(f"rtrw:{rt_rw}|{village}", key) if rt_rw and village else None
    now = ctx.submitted_at
    limit = settings.fraud_max_linked
    checks: list[dict[str, Any]] = []

    # reused document and photo: the perceptual hashes against every stored one
    index = index_for(str(session.get_bind().url))
    if hashes is not None:
        index.sync(session)
        ids, d_card, d_photo, d_text = index.distances(hashes.card, hashes.photo, hashes.text)
        near_card = (d_card <= settings.fraud_card_radius) & (d_text <= settings.fraud_text_radius)
        loose = d_card <= settings.fraud_content_card_radius
        near_photo = d_photo <= settings.fraud_photo_radius
        hits = np.nonzero(near_card | loose | near_photo)[0]
        found = {r.id: r for r in repo.submissions_by_ids(session, [int(ids[i]) for i in hits])}
        reused: list[tuple[int, str]] = []
        photo: list[tuple[int, str]] = []
        for i in hits:
            row = found.get(int(ids[i]))
            if row is None or row.verification_id == ctx.verification_id or row.submitted_at > now:
                continue
            same_card = bool(near_card[i]) or (bool(loose[i]) and content is not None
                                              and row.content_hash == content)
            if same_card and _other_application(ctx, {applicant or ""}, row):
                reused.append((int(d_card[i]), row.verification_id))
            elif (not same_card and bool(near_photo[i]) and read_hash and row.nik_hash
                  and row.nik_hash != read_hash):
                photo.append((int(d_photo[i]), row.verification_id))
        if reused:
            reused.sort()
            linked = [v for _, v in reused[:limit]]
            checks.append(_check("DOCUMENT_REUSED", 1 - reused[0][0] / 64,
                                 f"the same card was submitted in {len(reused)} other application(s) (another "
                                 f"NIK, client or program); closest card hash distance {reused[0][0]}/64", linked))
        if photo:
            photo.sort()
            linked = [v for _, v in photo[:limit]]
            checks.append(_check("PHOTO_REUSED", 1 - photo[0][0] / 64,
                                 f"the photo appears on {len(photo)} card(s) with another NIK; closest photo hash "
                                 f"distance {photo[0][0]}/64", linked))

    # the NIK in other applications
    keys = {h for h in (read_hash, claim_hash) if h}
    window = now - timedelta(days=settings.fraud_nik_window_days)
    others = [row for row, decision in repo.same_nik(session, keys, window, ctx.verification_id, 200)
              if decision != "rejected" and row.submitted_at <= now
              and _other_application(ctx, {applicant or ""}, row)]
    if others:
        programs = sorted({r.program or "-" for r in others})
        checks.append(_check("NIK_IN_OTHER_APPLICATION", 1.0,
                             f"the NIK is in {len(others)} other application(s) within "
                             f"{settings.fraud_nik_window_days} days (programs: {', '.join(programs)})",
                             [r.verification_id for r in others[:limit]]))

    # clusters: applicants at one address / RT-RW, submissions of one client
    since = now - timedelta(days=settings.fraud_cluster_window_days)
    for column, value, threshold, what in (("address_key", address_key, settings.fraud_address_threshold,
                                            "one address"),
                                           ("rt_rw_key", rt_rw_key, settings.fraud_rt_rw_threshold,
                                            "one RT/RW of the village")):
        if value is None:
            continue
        applicants, linked = repo.cluster(session, column, value, since, now, limit + 1)
        count = len(applicants | ({applicant} if applicant else set()))
        if count > threshold:
            checks.append(_check("ADDRESS_CLUSTER", min(1.0, count / (2 * threshold)),
                                 f"{count} applicants at {what} within {settings.fraud_cluster_window_days} days "
                                 f"(more than {threshold})",
                                 [v for v in linked if v != ctx.verification_id][:limit]))
            break
    count, linked = repo.client_burst(session, ctx.client_id, now - timedelta(minutes=settings.fraud_burst_minutes),
                                      now, limit + 1)
    if count + 1 > settings.fraud_burst_count:
        checks.append(_check("SUBMISSION_BURST", min(1.0, (count + 1) / (2 * settings.fraud_burst_count)),
                             f"client {ctx.client_id} submitted {count + 1} documents within "
                             f"{settings.fraud_burst_minutes} minutes (more than {settings.fraud_burst_count})",
                             [v for v in linked if v != ctx.verification_id][:limit]))

    region = nik[:4] if nik else None
    row = FraudSubmission(
        verification_id=ctx.verification_id, client_id=ctx.client_id, program=ctx.program, submitted_at=now,
        document_type=str((verification.get("document") or {}).get("type") or "unknown")[:16], region_code=region,
        nik_hash=read_hash, claim_nik_hash=claim_hash, content_hash=content, address_key=address_key,
        rt_rw_key=rt_rw_key, card_hash=hashes.card if hashes else None, photo_hash=hashes.photo if hashes else None,
        text_hash=hashes.text if hashes else None, reason_codes=",")
    all_reasons = set(reasons or []) | {c["reason"] for c in checks}
    row.reason_codes = "," + ",".join(sorted(all_reasons)) + ","
    repo.add_submission(session, row, all_reasons)
    if hashes is not None:
        index.add(row.id, hashes.card, hashes.photo, hashes.text)
    repo.add_signals(session, [FraudSignal(verification_id=ctx.verification_id, code=c["reason"], linked=c["linked"],
                                           detail=c["detail"][:500], score=c["score"], created_at=utcnow())
                               for c in checks])
    return checks


def record_reasons(session: Session, verification_id: str, codes: list[str]) -> None:
    """The verification's final automatic reason codes (after the decision), for the dashboard's counts."""
    row = repo.get_submission(session, verification_id)
    if row is not None:
        repo.add_reasons(session, row, codes)


def signals_of(session: Session, verification_id: str) -> list[FraudSignal]:
    return repo.signals_for(session, verification_id)
