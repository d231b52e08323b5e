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

Pure: it reads the typed Verification (service.verifications.model) and the settings' thresholds.
"""

from __future__ import annotations

import doctypes
from service.config import Settings
from service.fraud.tables import SIGNALS as FRAUD_SIGNALS  # never a rejection on their own
from service.verifications.model import Check, Decision, Fields, Reason, Registry, Severity, VerificationResult

# Fields whose disagreement with the registry blocks an automatic `verified` (others only lower the score).
IDENTITY_FIELDS = ("name", "birth_date", "sex")

# A KTP's fields a retake must protect beyond settings.review_fields: without them there is no identity.
KTP_ALWAYS_REQUIRED = ("nik", "name", "birth_date")
# The pipeline's NIK rule failures (workers.pipeline.validate; SKTM's subject NIK uses NIK_INVALID too):
# after a failed capture check, a NIK that breaks its rules is most likely misread.
NIK_RULE_CODES = ("NIK_INVALID", "NIK_REGION_UNKNOWN", "NIK_DOB_MISMATCH", "NIK_SEX_MISMATCH")
# Other document types: the fields without which the document says nothing, and the pipeline's reasons that
# say its numbers were misread (each type's declaration in the registry, doctypes).
KEY_FIELDS = {t.name: t.key_fields for t in doctypes.TYPES if t.key_fields}
READ_FAILURE_CODES = {t.name: t.read_failure_codes for t in doctypes.TYPES if t.key_fields}


def _reason(
    code: str, message: str, field: str | None = None, severity: Severity = "review", linked: list[str] | None = None
) -> Reason:
    return Reason(code=code, message=message, field=field or None, severity=severity, linked=linked)


def _digits_apart(a: str, b: str) -> int:
    """Differing characters of two ISO dates: a misread changes one digit, another person's date more."""
    if len(a) != len(b):
        return max(len(a), len(b))
    return sum(x != y for x, y in zip(a, b, strict=True))


def _confidence(fields: Fields, key: str) -> float:
    found = fields.get(key)
    return float(found.confidence) if found is not None else 0.0


def _field_score(registry: Registry, key: str, default: float = 0.0) -> float:
    found = registry.fields.get(key)
    return float(found.score) if found is not None else default


def _confirmed(registry: Registry, key: str) -> bool:
    """An unsure read that the record found by NIK repeats exactly is confirmed by it."""
    return registry.status == "match" and _field_score(registry, key) == 100.0


def _is_signal(check: Check) -> bool:
    return check.reason in FRAUD_SIGNALS


def decide(verification: VerificationResult, settings: Settings) -> tuple[Decision | None, list[Reason]]:
    """(decision, the reasons to add). `verification.reasons` (the pipeline's) are read, not repeated."""
    if verification.status != "completed":
        return None, []
    fields, registry = verification.fields, verification.registry
    existing = [r.code for r in verification.reasons]
    review: list[Reason] = []
    notes: list[Reason] = []  # severity info: said, but not a reason for review
    retakes: list[Reason] = []
    doc_type = verification.document.type
    status = registry.status

    # capture checks: a retake request (judged below, once the impostor rule has had its say) or, for any other
    # failure, a clerk. A fraud signal only ever sends the case to a clerk, whatever its action says.
    retake = [c for c in verification.checks if not c.passed and c.action == "retake" and not _is_signal(c)]
    signalled = False
    for check in verification.checks:
        if check.passed or any(check is c for c in retake):
            continue
        said = f"check {check.name} failed: {check.detail}".strip()
        code = check.reason or "CHECK_FAILED"
        if check.name in settings.info_checks and not _is_signal(check):
            # a check that fails too often on untouched captures is said, not a reason for review
            notes.append(_reason(code, said, severity="info"))
        else:  # a fraud signal names the verifications it links to
            review.append(_reason(code, said, linked=list(check.linked) if check.linked else None))
            signalled = signalled or _is_signal(check)

    # impostor: the NIK is registered to a different person. The name or the birth date must be far off, and
    # a second personal field must disagree too: one misread field alone never rejects a citizen.
    if status == "mismatch" and "NIK_INVALID" not in existing:
        name = registry.fields.get("name")
        birth = registry.fields.get("birth_date")
        name_far = name is not None and float(name.score) <= settings.reject_max_name_score
        birth_far = birth is not None and (
            (
                birth.document is not None
                and birth.registry is not None
                and _digits_apart(birth.document, birth.registry) > 1
            )
            or birth.near is False
        )  # a remote's verdict, where no value is seen
        others_far = [
            k
            for k in settings.reject_corroborating_fields
            if k in registry.fields and _field_score(registry, k, 100.0) < 60.0
        ]
        evidence = int(name_far) + int(birth_far) + len(others_far)
        sure = (
            _confidence(fields, "nik") >= settings.reject_min_confidence
            and _confidence(fields, "name") >= settings.reject_min_confidence
            and (not birth_far or _confidence(fields, "birth_date") >= settings.reject_min_confidence)
        )
        if (name_far or birth_far) and evidence >= 2 and sure:
            far = []
            if name_far and name is not None:
                far.append(f"name scores {float(name.score):.0f}/100")
            if birth_far:
                far.append("the birth date differs")
            far += [f"{k} differs" for k in others_far]
            return "rejected", [
                _reason(
                    "NIK_BELONGS_TO_OTHER_PERSON",
                    f"the NIK is registered in {registry.source} to a different person: {', '.join(far)}",
                    "nik",
                    severity="reject",
                )
            ]

    if retake:
        hurt = reading_hurt(verification, settings)
        lost = "; ".join(hurt)
        for check in retake:
            code = check.reason or f"RETAKE_{check.name.upper()}"
            detail = check.detail or check.name
            if not hurt:  # said, kept in `checks`, but no reason to send the photo back or to a clerk
                notes.append(_reason(code, f"{detail}; every field needed was read regardless", severity="info"))
            elif signalled:  # a fraud signal too: a clerk sees both rather than the photo simply going back
                review.append(_reason(code, f"{detail}; {lost}"))
            else:
                retakes.append(_reason(code, f"{detail}; {lost}", severity="retake"))
        if retakes:
            return "retake", retakes + review

    if not ((spec := doctypes.get(doc_type)) is not None and spec.automatic):
        review.append(_reason("DOCUMENT_TYPE_NOT_MATCHED", f"no automatic decision for document type {doc_type}"))
    for key, read in fields.items():
        conf = read.confidence
        if conf < settings.review_confidence:
            if _confirmed(registry, key):
                continue
            if key in settings.review_fields:
                review.append(_reason("LOW_CONFIDENCE", f"{key} was read with confidence {conf:.2f}", key))
            else:  # shown to whoever reads the result, but a blood type alone does not stop a verification
                notes.append(_reason("LOW_CONFIDENCE", f"{key} was read with confidence {conf:.2f}", key, "info"))

    if status == "not_checked":
        review.append(_reason("REGISTRY_NOT_CHECKED", "no registry was available to check the document against"))
    elif status == "unavailable":  # issue 24: a remote registry did not answer; never a rejection, re-assess later
        review.append(
            _reason(
                "REGISTRY_UNAVAILABLE",
                f"registry {registry.source} did not answer "
                f"({registry.error or 'no answer'}); re-assess the "
                "verification when it is back",
            )
        )
    elif status == "not_found":
        found = registry.candidates or []
        extra = f"; {len(found)} candidate(s) by name and birth date for a clerk" if found else ""
        spec = doctypes.get(doc_type)
        if spec is not None and spec.registry.claimed_nik and "nik" not in (verification.claim_check or {}):
            # a document that prints no NIK (a SIM), sent without a claimed one: nothing to look a record up by
            review.append(
                _reason(
                    "REGISTRY_NOT_FOUND",
                    f"the document prints no NIK and none was claimed: no "
                    f"record looked up in registry {registry.source}{extra}",
                )
            )
        else:
            review.append(_reason("REGISTRY_NOT_FOUND", f"the NIK is not in registry {registry.source}{extra}", "nik"))
    elif status in ("match", "mismatch"):
        score = float(registry.score or 0.0)
        for key in IDENTITY_FIELDS:
            if key not in registry.fields:
                continue
            limit = settings.verify_min_name_score if key == "name" else 100.0
            if _field_score(registry, key) < limit:
                review.append(
                    _reason(
                        "REGISTRY_FIELD_MISMATCH",
                        f"{key} differs from the registry (score {_field_score(registry, key):.0f})",
                        key,
                    )
                )
        if score < settings.verify_min_score:
            review.append(
                _reason("REGISTRY_SCORE_LOW", f"registry score {score:.1f} is below {settings.verify_min_score:.0f}")
            )
    # the claim: what the applicant typed must agree with the document and the registry. Where the claim
    # agrees with one of them and the other differs, the registry comparison above already judges it.
    for key, cf in (verification.claim_check or {}).items():
        if cf.disagrees == "claim":
            others = "the document and the registry" if cf.registry is not None else "the document"
            review.append(_reason("CLAIM_MISMATCH", f"{key}: the applicant's claim differs from {others}", key))
        elif cf.disagrees == "all":
            review.append(_reason("CLAIM_MISMATCH", f"{key}: claim, document and registry all differ", key))

    if review or existing:  # the pipeline's own reasons already explain themselves
        return "needs_review", review + notes
    return "verified", [
        _reason(
            "REGISTRY_MATCH",
            f"matches {registry.source} record {registry.record_id} with score {float(registry.score or 0):.1f}",
            severity="info",
        ),
        *notes,
    ]


def _missing(fields: Fields, key: str) -> bool:
    found = fields.get(key)
    value = found.value if found is not None else None
    return value is None or value == "" or value == []


def reading_hurt(verification: VerificationResult, settings: Settings) -> list[str]:
    """What a poor capture cost the reading, in words (empty: nothing needed was lost, no retake).

    KTP: a required field missing or read below `review_confidence` (unless the record found by NIK repeats it
    exactly), or a NIK rule failure among the pipeline's reasons. KK, SKTM, passport: a key field missing or a
    reason saying its numbers were misread. An unrecognised document: everything was lost. Other types: nothing
    is judged lost (a clerk reads them anyway)."""
    fields, registry = verification.fields, verification.registry
    codes = [r.code for r in verification.reasons]
    doc_type = verification.document.type
    hurt: list[str] = []
    if doc_type == "ktp":
        required = [*KTP_ALWAYS_REQUIRED, *(k for k in settings.review_fields if k not in KTP_ALWAYS_REQUIRED)]
        missing = [k for k in required if _missing(fields, k)]
        unsure = [
            f"{k} {_confidence(fields, k):.2f}"
            for k in required
            if k not in missing
            and _confidence(fields, k) < settings.review_confidence
            and not _corrected(fields, k)  # a clerk typed it from the image
            and not _confirmed(registry, k)
        ]
        if missing:
            hurt.append(f"not read: {', '.join(missing)}")
        if unsure:
            hurt.append(f"read unsurely: {', '.join(unsure)}")
        hurt += [f"the NIK fails its rules ({code})" for code in dict.fromkeys(c for c in codes if c in NIK_RULE_CODES)]
    elif doc_type in KEY_FIELDS:
        if missing := [k for k in KEY_FIELDS[doc_type] if _missing(fields, k)]:
            hurt.append(f"not read: {', '.join(missing)}")
        hurt += [
            f"the {doc_type} reading fails its rules ({code})"
            for code in dict.fromkeys(c for c in codes if c in READ_FAILURE_CODES[doc_type])
        ]
    elif doc_type == "unknown":
        hurt.append("the document type could not be recognised")
    return hurt  # another known type (a SIM): no key fields defined yet, a clerk reads it


def _corrected(fields: Fields, key: str) -> bool:
    found = fields.get(key)
    return bool(found is not None and found.corrected)
