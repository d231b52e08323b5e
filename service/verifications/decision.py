"""The decision policy: one place that turns a read, its checks and its registry match into
verified / needs_review / rejected, with every reason spelled out.

- **verified**: a registry record found by NIK whose name, birth date and sex agree (scores over the
  thresholds in settings), every field read confidently, no validation problem, every check passed, and
  the applicant's claim (if any) agreeing.
- **rejected**: the NIK is on the registry but belongs to someone else, with the name or birth date far off
  and a second personal field (birth date, birth place, address) disagreeing too
  (`NIK_BELONGS_TO_OTHER_PERSON`), and the NIK and the name read surely enough that a misread cannot
  explain it; or a capture check that asks the citizen to retake the photo (issue 5's `RETAKE_*`).
- **needs_review**: everything else, each reason named. Doubt goes to a clerk, never to a rejection.

Pure: it reads the Verification object being built (plain dicts) and the settings' thresholds.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from service.config import Settings

# Issue 10's fraud signals (service.fraud.tables.SIGNALS): never a rejection on their own.
FRAUD_SIGNALS = ("DOCUMENT_REUSED", "PHOTO_REUSED", "NIK_IN_OTHER_APPLICATION", "ADDRESS_CLUSTER",
                 "SUBMISSION_BURST")

# Fields whose disagreement with the registry blocks an automatic `verified` (others only lower the score).
IDENTITY_FIELDS = ("name", "birth_date", "sex")


def _reason(code: str, message: str, field: str | None = None, severity: str = "review") -> dict[str, Any]:
    out: dict[str, Any] = {"code": code, "message": message, "severity": severity}
    if field:
        out["field"] = field
    return out


def _digits_apart(a: str, b: str) -> int:
    """Differing characters of two ISO dates: a misread changes one digit, another person's date more."""
    if len(a) != len(b):
        return max(len(a), len(b))
    return sum(x != y for x, y in zip(a, b, strict=True))


def _confidence(fields: Mapping[str, Any], key: str) -> float:
    value = (fields.get(key) or {}).get("confidence")
    return float(value) if isinstance(value, (int, float)) else 0.0


def decide(verification: Mapping[str, Any], settings: Settings) -> tuple[str | None, list[dict[str, Any]]]:
    """(decision, the reasons to add). `verification["reasons"]` (the pipeline's) are read, not repeated."""
    if verification.get("status") != "completed":
        return None, []
    fields: Mapping[str, Any] = verification.get("fields") or {}
    registry: Mapping[str, Any] = verification.get("registry") or {}
    existing = [r.get("code") for r in verification.get("reasons") or []]
    review: list[dict[str, Any]] = []
    notes: list[dict[str, Any]] = []  # severity info: said, but not a reason for review
    doc_type = (verification.get("document") or {}).get("type")
    status = registry.get("status")
    reg_fields: Mapping[str, Any] = registry.get("fields") or {}

    # capture checks: a retake request rejects (the citizen can fix it), other failures go to a clerk.
    # Issue 10: a fraud signal (service.fraud) only ever sends the case to a clerk, whatever its action says.
    retake = [c for c in verification.get("checks") or [] if not c.get("passed") and c.get("action") == "retake"
              and c.get("reason") not in FRAUD_SIGNALS]
    if retake:
        return "rejected", [_reason(str(c.get("reason") or f"RETAKE_{str(c['name']).upper()}"),
                                    str(c.get("detail") or c["name"]), severity="reject") for c in retake]
    for check in verification.get("checks") or []:
        if not check.get("passed"):
            review.append(_reason(str(check.get("reason") or "CHECK_FAILED"),
                                  f"check {check.get('name')} failed: {check.get('detail', '')}".strip()))
            if check.get("linked"):  # issue 10: the verifications a fraud signal links to
                review[-1]["linked"] = list(check["linked"])


    # impostor: the NIK is registered to a different person. The name or the birth date must be far off, and
    # a second personal field must disagree too: one misread field alone never rejects a citizen.
    if status == "mismatch" and "NIK_INVALID" not in existing:
        name = reg_fields.get("name") or {}
        birth = reg_fields.get("birth_date") or {}
        name_far = name.get("score") is not None and float(name["score"]) <= settings.reject_max_name_score
        birth_far = (birth.get("document") is not None and birth.get("registry") is not None
                     and _digits_apart(str(birth["document"]), str(birth["registry"])) > 1)
        others_far = [k for k in settings.reject_corroborating_fields
                      if (fs := reg_fields.get(k)) is not None and float(fs.get("score", 100)) < 60.0]
        evidence = int(name_far) + int(birth_far) + len(others_far)
        sure = (_confidence(fields, "nik") >= settings.reject_min_confidence
                and _confidence(fields, "name") >= settings.reject_min_confidence
                and (not birth_far or _confidence(fields, "birth_date") >= settings.reject_min_confidence))
        if (name_far or birth_far) and evidence >= 2 and sure:
            far = []
            if name_far:
                far.append(f"name scores {float(name['score']):.0f}/100")
            if birth_far:
                far.append("the birth date differs")
            far += [f"{k} differs" for k in others_far]
            return "rejected", [_reason(
                "NIK_BELONGS_TO_OTHER_PERSON",
                f"the NIK is registered in {registry.get('source')} to a different person: {', '.join(far)}",
                "nik", severity="reject")]

    if doc_type not in ("ktp",):
        review.append(_reason("DOCUMENT_TYPE_NOT_MATCHED", f"no automatic decision for document type {doc_type}"))
    for key, value in fields.items():
        conf = value.get("confidence") if isinstance(value, Mapping) else None
        if isinstance(conf, (int, float)) and conf < settings.review_confidence:
            # an unsure read that the record found by NIK repeats exactly is confirmed by it
            confirmed = status == "match" and float((reg_fields.get(key) or {}).get("score", 0)) == 100.0
            if confirmed:
                continue
            if key in settings.review_fields:
                review.append(_reason("LOW_CONFIDENCE", f"{key} was read with confidence {conf:.2f}", key))
            else:  # shown to whoever reads the result, but a blood type alone does not stop a verification
                notes.append(_reason("LOW_CONFIDENCE", f"{key} was read with confidence {conf:.2f}", key, "info"))

    if status == "not_checked":
        review.append(_reason("REGISTRY_NOT_CHECKED", "no registry was available to check the document against"))
    elif status == "not_found":
        found = registry.get("candidates") or []
        extra = f"; {len(found)} candidate(s) by name and birth date for a clerk" if found else ""
        review.append(_reason("REGISTRY_NOT_FOUND",
                              f"the NIK is not in registry {registry.get('source')}{extra}", "nik"))
    elif status in ("match", "mismatch"):
        score = float(registry.get("score") or 0.0)
        for key in IDENTITY_FIELDS:
            fs = reg_fields.get(key)
            if fs is None:
                continue
            limit = settings.verify_min_name_score if key == "name" else 100.0
            if float(fs.get("score", 0)) < limit:
                review.append(_reason("REGISTRY_FIELD_MISMATCH",
                                      f"{key} differs from the registry (score {float(fs.get('score', 0)):.0f})",
                                      key))
        if score < settings.verify_min_score:
            review.append(_reason("REGISTRY_SCORE_LOW", f"registry score {score:.1f} is below "
                                                        f"{settings.verify_min_score:.0f}"))
    # the claim: what the applicant typed must agree with the document and the registry. Where the claim
    # agrees with one of them and the other differs, the registry comparison above already judges it.
    for key, cf in (verification.get("claim_check") or {}).items():
        side = cf.get("disagrees")
        if side == "claim":
            others = "the document and the registry" if cf.get("registry") is not None else "the document"
            review.append(_reason("CLAIM_MISMATCH", f"{key}: the applicant's claim differs from {others}", key))
        elif side == "all":
            review.append(_reason("CLAIM_MISMATCH", f"{key}: claim, document and registry all differ", key))

    if review or existing:  # the pipeline's own reasons already explain themselves
        return "needs_review", review + notes
    return "verified", [_reason("REGISTRY_MATCH",
                                f"matches {registry.get('source')} record {registry.get('record_id')} with score "
                                f"{float(registry.get('score') or 0):.1f}", severity="info"), *notes]
