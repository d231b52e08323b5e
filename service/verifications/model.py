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

Status = Literal["queued", "processing", "completed", "failed"]
Decision = Literal["verified", "needs_review", "retake", "rejected"]
DocumentType = Literal["ktp", "kk", "passport", "sktm", "sim", "unknown"]
# info: said, not a reason for review; review: a clerk looks; retake: ask for another capture; reject: evidence
# against the document or the claim. A reason without a severity is the pipeline's own (a validation problem).
Severity = Literal["info", "review", "retake", "reject"]
# unavailable: a remote registry did not answer (a clerk decides, or a re-assessment once it is back)
RegistryStatus = Literal["match", "mismatch", "not_found", "not_checked", "unavailable"]


def _none(value: object) -> bool:
    return value is None


def _optional(description: str = "") -> Any:
    """A key left out of the JSON when None (as the code before this model wrote it)."""
    return PydField(default=None, exclude_if=_none, description=description or None)


class _Model(BaseModel):
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


# Fields: value, confidence (0–1), bbox (page pixels after orientation correction), page; a clerk's correction
# adds corrected, corrected_by and read_value (what the pipeline read).


class KkMember(_Model):
    nik: str | None = None
    name: str | None = None
    sex: str | None = None
    birth_place: str | None = None
    birth_date: str | None = None
    religion: str | None = None
    education: str | None = None
    occupation: str | None = None
    marital_status: str | None = None
    relationship: str | None = None
    nationality: str | None = None
    father_name: str | None = None
    mother_name: str | None = None


FieldValue = str | bool | list[KkMember] | list[str] | None


class _ReadField(_Model):
    value: FieldValue
    confidence: float
    bbox: list[int] | None = None
    page: int = 0
    corrected: bool | None = _optional("True once a clerk corrected the value.")
    corrected_by: str | None = _optional("The clerk who corrected it.")
    read_value: FieldValue = _optional("What the pipeline read, kept beside a clerk's correction.")

    def text(self) -> str | None:
        """The value as text (a list as the Python text of its plain values, as before this model)."""
        if self.value is None:
            return None
        if isinstance(self.value, list):
            return str(self.model_dump(include={"value"})["value"])
        return str(self.value)


class TextField(_ReadField):
    value: str | None


class FlagField(_ReadField):
    value: bool | None


class LinesField(_ReadField):
    value: list[str] | None


class MembersField(_ReadField):
    value: list[KkMember] | None


class AnyField(_ReadField):
    """A field of a page of another type than the document's (its key prefixed `kk.`, `sktm.` …)."""


ReadField = TextField | FlagField | LinesField | MembersField | AnyField


class KtpFields(_Model):
    nik: TextField | None = _optional()
    name: TextField | None = _optional()
    birth_place: TextField | None = _optional()
    birth_date: TextField | None = _optional()
    sex: TextField | None = _optional()
    blood_type: TextField | None = _optional()
    address: TextField | None = _optional()
    rt_rw: TextField | None = _optional()
    village: TextField | None = _optional()
    district: TextField | None = _optional()
    religion: TextField | None = _optional()
    marital_status: TextField | None = _optional()
    occupation: TextField | None = _optional()
    nationality: TextField | None = _optional()
    valid_until: TextField | None = _optional()
    province: TextField | None = _optional()
    regency: TextField | None = _optional()


class KkFields(_Model):
    kk_number: TextField | None = _optional()
    head_name: TextField | None = _optional()
    address: TextField | None = _optional()
    rt_rw: TextField | None = _optional()
    village: TextField | None = _optional()
    district: TextField | None = _optional()
    regency: TextField | None = _optional()
    province: TextField | None = _optional()
    issue_date: TextField | None = _optional()
    members: MembersField | None = _optional()


class PassportFields(_Model):
    document_number: TextField | None = _optional()
    surname: TextField | None = _optional()
    given_names: TextField | None = _optional()
    nationality: TextField | None = _optional()
    birth_date: TextField | None = _optional()
    sex: TextField | None = _optional()
    expiry_date: TextField | None = _optional()
    issuing_country: TextField | None = _optional()
    personal_number: TextField | None = _optional()
    mrz_lines: LinesField | None = _optional()
    mrz_valid: FlagField | None = _optional("True when every check digit of the MRZ holds.")
    mrz_format: TextField | None = _optional()
    document_code: TextField | None = _optional()


class SktmFields(_Model):
    letter_number: TextField | None = _optional()
    issuer: TextField | None = _optional()
    issue_date: TextField | None = _optional()
    subject_name: TextField | None = _optional()
    subject_nik: TextField | None = _optional()
    subject_address: TextField | None = _optional()
    purpose: TextField | None = _optional()
    valid_until: TextField | None = _optional()


# The keys of each document type, in the order a reader (and the review form) lists them.
FIELD_KEYS: dict[str, tuple[str, ...]] = {
    "ktp": tuple(KtpFields.model_fields),
    "kk": tuple(KkFields.model_fields),
    "passport": tuple(PassportFields.model_fields),
    "sktm": tuple(SktmFields.model_fields),
}


class Fields(SktmFields, PassportFields, KkFields, KtpFields):
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

    claim: dict[str, JsonValue] | None = None


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
