"""The decision policy: one place that turns a read, its checks and its registry match into
verified / needs_review / retake / rejected, with every reason spelled out.

- **verified**: a registry record found by NIK whose name, birth date and sex agree (scores over the
  thresholds in settings), every field read confidently, no validation problem, no check failed other than
  a capture check that did not hurt the reading (kept as an `info` note), and the applicant's claim (if any)
  agreeing.
- **rejected**: the NIK is on the registry but belongs to someone else, with the name or birth date far off
  and a second personal field (birth date, birth place, address) disagreeing too
  (`NIK_BELONGS_TO_OTHER_PERSON`), and the NIK and the name read surely enough that a misread cannot
  explain it. Nothing else rejects automatically.
- **retake**: a capture check asked for another photo (issue 5's `RETAKE_*`) AND the reading suffered: for a
  KTP a required field (settings.review_fields, and always nik, name, birth date) missing or read unsurely,
  or the NIK failing its rules; for a KK, SKTM or passport its key fields missing or its number failing its
  rules; or the document type not recognised. A blurred photo whose every field was read is not sent back:
  the failed check stays in `checks` and becomes an `info` note.
- **needs_review**: everything else, each reason named. Doubt goes to a clerk, never to a rejection; a fraud
  signal (issue 10) only ever sends a case to a clerk, whatever its action says.

A clerk sees, and can overturn, retake and rejected cases as well as needs_review ones (service.review).

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

# A KTP's fields a retake must protect beyond settings.review_fields: without them there is no identity.
KTP_ALWAYS_REQUIRED = ("nik", "name", "birth_date")
# The pipeline's NIK rule failures (workers.pipeline.validate; SKTM's subject NIK uses NIK_INVALID too):
# after a failed capture check, a NIK that breaks its rules is most likely misread.
NIK_RULE_CODES = ("NIK_INVALID", "NIK_REGION_UNKNOWN", "NIK_DOB_MISMATCH", "NIK_SEX_MISMATCH")
# Other document types: the fields without which the document says nothing, and the pipeline's reasons that
# say its numbers were misread (workers.pipeline.extract.kk / sktm / passport).
KEY_FIELDS = {"kk": ("kk_number", "members"), "sktm": ("subject_nik", "subject_name"),
              "passport": ("document_number", "surname", "birth_date")}
READ_FAILURE_CODES = {"kk": ("KK_NUMBER_INVALID", "KK_MEMBERS_MISSING", "KK_MEMBER_NIK_INVALID"),
                      "sktm": ("NIK_INVALID",), "passport": ("MRZ_NOT_FOUND", "MRZ_CHECK_DIGIT_FAILED")}


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
    retakes: list[dict[str, Any]] = []
    doc_type = (verification.get("document") or {}).get("type")
    status = registry.get("status")
    reg_fields: Mapping[str, Any] = registry.get("fields") or {}

    # capture checks: a retake request (judged below, once the impostor rule has had its say) or, for any other
    # failure, a clerk. Issue 10: a fraud signal only ever sends the case to a clerk, whatever its action says.
    retake = [c for c in verification.get("checks") or [] if not c.get("passed") and c.get("action") == "retake"
              and c.get("reason") not in FRAUD_SIGNALS]
    signalled = False
    for check in verification.get("checks") or []:
        if check.get("passed") or any(check is c for c in retake):
            continue
        said = f"check {check.get('name')} failed: {check.get('detail', '')}".strip()
        if check.get("name") in settings.info_checks and check.get("reason") not in FRAUD_SIGNALS:
            # a check that fails too often on untouched captures is said, not a reason for review
            notes.append(_reason(str(check.get("reason") or "CHECK_FAILED"), said, severity="info"))
        else:
            review.append(_reason(str(check.get("reason") or "CHECK_FAILED"), said))
            signalled = signalled or check.get("reason") in FRAUD_SIGNALS
            if check.get("linked"):  # issue 10: the verifications a fraud signal links to
                review[-1]["linked"] = list(check["linked"])

    # impostor: the NIK is registered to a different person. The name or the birth date must be far off, and
    # a second personal field must disagree too: one misread field alone never rejects a citizen.
    if status == "mismatch" and "NIK_INVALID" not in existing:
        name = reg_fields.get("name") or {}
        birth = reg_fields.get("birth_date") or {}
        name_far = name.get("score") is not None and float(name["score"]) <= settings.reject_max_name_score
        birth_far = ((birth.get("document") is not None and birth.get("registry") is not None
                      and _digits_apart(str(birth["document"]), str(birth["registry"])) > 1)
                     or birth.get("near") is False)  # issue 24: a remote's verdict, where no value is seen
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

    if retake:
        hurt = reading_hurt(verification, settings)
        lost = "; ".join(hurt)
        for check in retake:
            code = str(check.get("reason") or f"RETAKE_{str(check['name']).upper()}")
            detail = str(check.get("detail") or check["name"])
            if not hurt:  # said, kept in `checks`, but no reason to send the photo back or to a clerk
                notes.append(_reason(code, f"{detail}; every field needed was read regardless", severity="info"))
            elif signalled:  # a fraud signal too: a clerk sees both rather than the photo simply going back
                review.append(_reason(code, f"{detail}; {lost}"))
            else:
                retakes.append(_reason(code, f"{detail}; {lost}", severity="retake"))
        if retakes:
            return "retake", retakes + review

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
    elif status == "unavailable":  # issue 24: a remote registry did not answer; never a rejection, re-assess later
        review.append(_reason("REGISTRY_UNAVAILABLE", f"registry {registry.get('source')} did not answer "
                                                      f"({registry.get('error') or 'no answer'}); re-assess the "
                                                      "verification when it is back"))
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


def _missing(fields: Mapping[str, Any], key: str) -> bool:
    value = (fields.get(key) or {}).get("value")
    return value is None or value == "" or value == []


def reading_hurt(verification: Mapping[str, Any], settings: Settings) -> list[str]:
    """What a poor capture cost the reading, in words (empty: nothing needed was lost, no retake).

    KTP: a required field missing or read below `review_confidence` (unless the record found by NIK repeats it
    exactly), or a NIK rule failure among the pipeline's reasons. KK, SKTM, passport: a key field missing or a
    reason saying its numbers were misread. An unrecognised document: everything was lost. Other types: nothing
    is judged lost (a clerk reads them anyway)."""
    fields: Mapping[str, Any] = verification.get("fields") or {}
    registry: Mapping[str, Any] = verification.get("registry") or {}
    reg_fields: Mapping[str, Any] = registry.get("fields") or {}
    codes = [str(r.get("code")) for r in verification.get("reasons") or []]
    doc_type = (verification.get("document") or {}).get("type")
    hurt: list[str] = []
    if doc_type == "ktp":
        required = [*KTP_ALWAYS_REQUIRED, *(k for k in settings.review_fields if k not in KTP_ALWAYS_REQUIRED)]
        missing = [k for k in required if _missing(fields, k)]
        unsure = [f"{k} {_confidence(fields, k):.2f}" for k in required if k not in missing
                  and _confidence(fields, k) < settings.review_confidence
                  and not (fields.get(k) or {}).get("corrected")  # a clerk typed it from the image
                  and not (registry.get("status") == "match"  # confirmed by the record found by NIK
                           and float((reg_fields.get(k) or {}).get("score", 0)) == 100.0)]
        if missing:
            hurt.append(f"not read: {', '.join(missing)}")
        if unsure:
            hurt.append(f"read unsurely: {', '.join(unsure)}")
        hurt += [f"the NIK fails its rules ({code})" for code in dict.fromkeys(c for c in codes
                                                                            if c in NIK_RULE_CODES)]
    elif doc_type in KEY_FIELDS:
        if missing := [k for k in KEY_FIELDS[doc_type] if _missing(fields, k)]:
            hurt.append(f"not read: {', '.join(missing)}")
        hurt += [f"the {doc_type} reading fails its rules ({code})"
                 for code in dict.fromkeys(c for c in codes if c in READ_FAILURE_CODES[doc_type])]
    elif doc_type in (None, "unknown"):
        hurt.append("the document type could not be recognised")
    return hurt  # another known type (a SIM): no key fields defined yet, a clerk reads it
