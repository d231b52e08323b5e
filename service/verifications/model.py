"""The Verification object of the contract (shared/spec/contract.md), as one typed pydantic model.

It is built in one place (`build`), stored as its JSON (`VerificationResult.to_json`, read back with
`VerificationResult.load`), served as `Verification` (the stored result plus the job's dates), exported by
the privacy module from it, and read by the decision policy and the review UI through its attributes.

Only ever add to it: a result stored by older code must still load (tests/unit/test_verification_model.py
loads such shapes), and a key an older result did not carry is optional. Keys that older results left out
when they had no value (a reason's `field` and `severity`, a check's `action`, the registry's `candidates`…)
are left out again when None, so a stored result reads back byte for byte.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, JsonValue
from pydantic import Field as PydField

import doctypes
from doctypes.fields import (
    AnyField,
    FlagField,
    LinesField,
    MembersField,
    ReadField,
    TextField,
)
from doctypes.fields import optional as _optional
from doctypes.kk import KkFields
from doctypes.ktp import KtpFields
from doctypes.passport import PassportFields
from doctypes.sim import SimFields
from doctypes.sktm import SktmFields

# The applicant's claim as posted: any JSON object by contract (nik, name, birth_date, …)
ApplicantClaim = dict[str, JsonValue]
Status = Literal["queued", "processing", "completed", "failed"]
Decision = Literal["verified", "needs_review", "retake", "rejected"]
DocumentType = Literal["ktp", "kk", "passport", "sktm", "sim", "unknown"]
# info: said, not a reason for review; review: a clerk looks; retake: ask for another capture; reject: evidence
# against the document or the claim. A reason without a severity is the pipeline's own (a validation problem).
Severity = Literal["info", "review", "retake", "reject"]
# unavailable: a remote registry did not answer (a clerk decides, or a re-assessment once it is back)
RegistryStatus = Literal["match", "mismatch", "not_found", "not_checked", "unavailable"]


class _Model(BaseModel):  # the same configuration as doctypes.fields.Model (the field shapes')
    model_config = ConfigDict(extra="ignore", validate_by_name=True, validate_by_alias=True, serialize_by_alias=True)


class Reason(_Model):
    code: str
    message: str
    field: str | None = _optional("The field the reason is about.")
    severity: Severity | None = _optional(
        "info (said, no reason for review), review, retake or reject; absent on the pipeline's own validation reasons."
    )
    linked: list[str] | None = _optional("A fraud signal's linked verification ids.")


class DocumentPart(_Model):
    page: int
    type: DocumentType
    type_confidence: float
    found_by: str | None = _optional("How the page's card was found: outline, text, frame or page.")


class Document(_Model):
    type: DocumentType
    type_confidence: float | None = None
    pages: int
    parts: list[DocumentPart] | None = _optional("One entry per page: the type each page was read as.")


# The keys of each document type, in the order a reader (and the review form) lists them: the registry's.
FIELD_KEYS: dict[str, tuple[str, ...]] = {t.name: t.keys for t in doctypes.TYPES}


# Every registered type's field model is a base (tests/unit/test_doctypes.py checks it against the registry):
# the registration line of a new type's fields.
class Fields(SimFields, SktmFields, PassportFields, KkFields, KtpFields):
    """Every document type's fields (which keys a type has: FIELD_KEYS). A page of another type than the
    document's adds its fields with the type as a prefix (`kk.members`): those are the typed extra keys."""

    model_config = ConfigDict(extra="allow")
    __pydantic_extra__: dict[str, AnyField] = PydField(init=False)

    def get(self, key: str) -> ReadField | None:
        if key in type(self).model_fields:
            found: ReadField | None = getattr(self, key)
            return found
        return (self.__pydantic_extra__ or {}).get(key)

    def set(self, key: str, value: ReadField) -> None:
        if key in type(self).model_fields:
            setattr(self, key, _as(type(self).model_fields[key].annotation, value))
        else:
            if self.__pydantic_extra__ is None:
                self.__pydantic_extra__ = {}
            self.__pydantic_extra__[key] = AnyField.model_validate(value.model_dump())

    def items(self) -> Iterator[tuple[str, ReadField]]:
        for key in type(self).model_fields:
            found = getattr(self, key)
            if found is not None:
                yield key, found
        yield from (self.__pydantic_extra__ or {}).items()

    def present(self) -> list[str]:
        return [k for k, _ in self.items()]

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.get(key) is not None

    def __bool__(self) -> bool:
        return any(True for _ in self.items())

    def value(self, key: str) -> str | None:
        """A field's value as text (None when absent or empty)."""
        found = self.get(key)
        text = found.text() if found is not None else None
        return None if text is None or text.strip() == "" else text

    def texts(self) -> dict[str, str | None]:
        """Every field's value as text: what the registry match and the claim check compare."""
        return {k: f.text() for k, f in self.items()}


def _as(annotation: Any, value: ReadField) -> ReadField:
    """`value` as the field class a key declares (TextField for `nik`, MembersField for `members` …)."""
    for cls in (TextField, FlagField, LinesField, MembersField):
        if annotation is not None and cls in getattr(annotation, "__args__", ()):
            return cls.model_validate(value.model_dump())
    return value


class Check(_Model):
    name: str
    passed: bool
    score: float
    detail: str = ""
    action: Literal["retake", "review"] | None = _optional(
        "When failed: retake (ask for another capture) or review (a clerk looks)."
    )
    reason: str | None = _optional("When failed: the RETAKE_* or signal reason code.")
    linked: list[str] | None = _optional("A fraud signal's linked verification ids.")


class FieldScore(_Model):
    document: str | None
    registry: str | None = PydField(description="The record's value; null from a remote registry (verdicts only).")
    score: float
    verdict: Literal["match", "no_match"] | None = _optional("A remote registry's verdict on the field.")
    near: bool | None = _optional("A remote registry's dates that differ: true when in one character only.")


class Candidate(_Model):
    record_id: str | None
    nik: str = PydField(description="Masked.")
    score: float
    fields: dict[str, FieldScore] = {}


class Registry(_Model):
    status: RegistryStatus
    source: str | None = None
    record_id: str | None = None
    score: float | None = None
    fields: dict[str, FieldScore] = {}
    candidates: list[Candidate] | None = _optional(
        "Without a record found by NIK: the best records by name and birth date, for a clerk."
    )
    lookup_ms: float | None = _optional()
    remote: bool | None = _optional("True when a remote registry answered (verdicts, no record values).")
    error: str | None = _optional("Why a remote registry is unavailable.")
    attempts: int | None = _optional("How often an unavailable remote registry was asked.")

    @classmethod
    def not_checked(cls, source: str | None = None) -> Registry:
        """The block of a document no registry was checked for (the one definition of it)."""
        return cls(status="not_checked", source=source)


class ClaimField(_Model):
    claim: str | None
    document: str | None
    registry: str | None
    disagrees: str = PydField(description="none, claim, document, registry, all or unknown.")


Scalar = str | int | float


class FailedRule(_Model):
    field: str
    op: str
    value: Scalar | list[Scalar]
    description: str | None = _optional()
    actual: Scalar | None = None
    message: str


class Eligibility(_Model):
    program: str
    status: Literal["eligible", "not_eligible", "unknown"]
    failed_rules: list[FailedRule] = []
    message: str | None = _optional()


class Correction(_Model):
    field: str
    from_: str | None = PydField(alias="from")
    to: str | None


class Review(_Model):
    outcome: str = PydField(description="approved | rejected | resubmission_requested")
    decision: Decision | None = None
    reviewer: str
    reviewed_at: str
    reason: str | None = None
    corrections: list[Correction] | None = None


class Provenance(_Model):
    pipeline_version: str
    models: list[str] = []


class PersonalData(_Model):
    state: Literal["purged", "erased"]
    at: str


class VerificationResult(_Model):
    """The Verification as stored with its job (the served object adds the job's dates: `Verification`)."""

    id: str
    status: Status
    decision: Decision | None = None
    reasons: list[Reason] = []
    document: Document
    fields: Fields = PydField(default_factory=Fields)
    checks: list[Check] = []
    registry: Registry = PydField(default_factory=Registry.not_checked)
    claim_check: dict[str, ClaimField] | None = _optional(
        "With a claim: the applicant's claim × the document × the registry, per claimed field."
    )
    eligibility: Eligibility | None = _optional("With a program: its rules over the registry record.")
    review: Review | None = PydField(
        default=None,
        description="Present once a clerk decided the case (review UI): outcome (approved | "
        "rejected | resubmission_requested), reviewer, reviewed_at, reason, corrections.",
    )
    timings_ms: dict[str, int] = {}
    provenance: Provenance
    personal_data: PersonalData | None = PydField(
        default=None,
        description="Present once the personal data is gone: `state` purged (retention ended) or "
        "erased (data-subject request) and `at`. Only the minimal record is left: decision, reason codes, "
        "document type, dates.",
    )

    @classmethod
    def load(cls, data: Any) -> VerificationResult:
        return cls.model_validate(data)

    def to_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json", by_alias=True)

    def policy_reasons_removed(self) -> VerificationResult:
        """A copy with the pipeline's reasons only (those without a severity): what the policy decides on."""
        return self.model_copy(update={"reasons": [r for r in self.reasons if r.severity is None]}, deep=True)


class SubmittedBy(_Model):
    operator: str | None = PydField(default=None, description="The `operator` sent with the submission, if any.")
    channel: str | None = PydField(default=None, description="The `channel` sent with the submission, if any.")


class Verification(VerificationResult):
    """The contract's Verification object, as GET /v1/verifications/{id} serves it."""

    created_at: str
    completed_at: str | None = None
    attempts: int
    submitted_by: SubmittedBy | None = PydField(
        default=None,
        description="Who submitted it, as the caller said: the `operator` and `channel` form "
        "fields of the submission (null when not sent).",
    )


class VerificationExport(Verification):
    """A verification as a data subject's export carries it: the served object and the claim as posted."""

    claim: ApplicantClaim | None = None


def as_decision(text: str | None) -> Decision | None:
    """A decision column's text as the model's Decision (None for anything else)."""
    for known in get_args(Decision):
        if known == text:
            return known
    return None


def build(
    *,
    id: str,
    status: Status,
    document: Document,
    provenance: Provenance,
    decision: Decision | None = None,
    reasons: Sequence[Reason] = (),
    fields: Fields | None = None,
    checks: Sequence[Check] = (),
    registry: Registry | None = None,
    timings_ms: dict[str, int] | None = None,
    review: Review | None = None,
    personal_data: PersonalData | None = None,
) -> VerificationResult:
    """The one place a Verification is made: the worker's read, a queued job's placeholder, a failure and the
    minimal record that stays after a purge all come through here."""
    return VerificationResult(
        id=id,
        status=status,
        decision=decision,
        reasons=list(reasons),
        document=document,
        fields=fields if fields is not None else Fields(),
        checks=list(checks),
        registry=registry if registry is not None else Registry.not_checked(),
        timings_ms=dict(timings_ms or {}),
        provenance=provenance,
        review=review,
        personal_data=personal_data,
    )
