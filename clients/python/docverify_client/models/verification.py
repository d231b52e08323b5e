from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.verification_decision_type_0 import (
    VerificationDecisionType0,
    check_verification_decision_type_0,
)
from ..models.verification_status import VerificationStatus, check_verification_status
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.check import Check
    from ..models.document import Document
    from ..models.eligibility import Eligibility
    from ..models.fields import Fields
    from ..models.personal_data import PersonalData
    from ..models.provenance import Provenance
    from ..models.reason import Reason
    from ..models.registry import Registry
    from ..models.review import Review
    from ..models.submitted_by import SubmittedBy
    from ..models.verification_claim_check_type_0 import VerificationClaimCheckType0
    from ..models.verification_timings_ms import VerificationTimingsMs


T = TypeVar("T", bound="Verification")


@_attrs_define
class Verification:
    """The contract's Verification object, as GET /v1/verifications/{id} serves it.

    Attributes:
        id (str):
        status (VerificationStatus):
        document (Document):
        provenance (Provenance):
        created_at (str):
        attempts (int):
        decision (None | Unset | VerificationDecisionType0):
        reasons (list[Reason] | Unset):
        fields (Fields | Unset): Every document type's fields (which keys a type has: FIELD_KEYS). A page of another
            type than the
            document's adds its fields with the type as a prefix (`kk.members`): those are the typed extra keys.
        checks (list[Check] | Unset):
        registry (Registry | Unset):
        claim_check (None | Unset | VerificationClaimCheckType0): With a claim: the applicant's claim × the document ×
            the registry, per claimed field.
        eligibility (Eligibility | None | Unset): With a program: its rules over the registry record.
        review (None | Review | Unset): Present once a clerk decided the case (review UI): outcome (approved | rejected
            | resubmission_requested), reviewer, reviewed_at, reason, corrections.
        timings_ms (VerificationTimingsMs | Unset):
        personal_data (None | PersonalData | Unset): Present once the personal data is gone: `state` purged (retention
            ended) or erased (data-subject request) and `at`. Only the minimal record is left: decision, reason codes,
            document type, dates.
        completed_at (None | str | Unset):
        submitted_by (None | SubmittedBy | Unset): Who submitted it, as the caller said: the `operator` and `channel`
            form fields of the submission (null when not sent).
    """

    id: str
    status: VerificationStatus
    document: Document
    provenance: Provenance
    created_at: str
    attempts: int
    decision: None | Unset | VerificationDecisionType0 = UNSET
    reasons: list[Reason] | Unset = UNSET
    fields: Fields | Unset = UNSET
    checks: list[Check] | Unset = UNSET
    registry: Registry | Unset = UNSET
    claim_check: None | Unset | VerificationClaimCheckType0 = UNSET
    eligibility: Eligibility | None | Unset = UNSET
    review: None | Review | Unset = UNSET
    timings_ms: VerificationTimingsMs | Unset = UNSET
    personal_data: None | PersonalData | Unset = UNSET
    completed_at: None | str | Unset = UNSET
    submitted_by: None | SubmittedBy | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.eligibility import Eligibility  # noqa: PLC0415
        from ..models.personal_data import PersonalData  # noqa: PLC0415
        from ..models.review import Review  # noqa: PLC0415
        from ..models.submitted_by import SubmittedBy  # noqa: PLC0415
        from ..models.verification_claim_check_type_0 import VerificationClaimCheckType0  # noqa: PLC0415

        id = self.id

        status: str = self.status

        document = self.document.to_dict()

        provenance = self.provenance.to_dict()

        created_at = self.created_at

        attempts = self.attempts

        decision: None | str | Unset
        if isinstance(self.decision, Unset):
            decision = UNSET
        elif isinstance(self.decision, str):
            decision = self.decision
        else:
            decision = self.decision

        reasons: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.reasons, Unset):
            reasons = []
            for reasons_item_data in self.reasons:
                reasons_item = reasons_item_data.to_dict()
                reasons.append(reasons_item)

        fields: dict[str, Any] | Unset = UNSET
        if not isinstance(self.fields, Unset):
            fields = self.fields.to_dict()

        checks: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.checks, Unset):
            checks = []
            for checks_item_data in self.checks:
                checks_item = checks_item_data.to_dict()
                checks.append(checks_item)

        registry: dict[str, Any] | Unset = UNSET
        if not isinstance(self.registry, Unset):
            registry = self.registry.to_dict()

        claim_check: dict[str, Any] | None | Unset
        if isinstance(self.claim_check, Unset):
            claim_check = UNSET
        elif isinstance(self.claim_check, VerificationClaimCheckType0):
            claim_check = self.claim_check.to_dict()
        else:
            claim_check = self.claim_check

        eligibility: dict[str, Any] | None | Unset
        if isinstance(self.eligibility, Unset):
            eligibility = UNSET
        elif isinstance(self.eligibility, Eligibility):
            eligibility = self.eligibility.to_dict()
        else:
            eligibility = self.eligibility

        review: dict[str, Any] | None | Unset
        if isinstance(self.review, Unset):
            review = UNSET
        elif isinstance(self.review, Review):
            review = self.review.to_dict()
        else:
            review = self.review

        timings_ms: dict[str, Any] | Unset = UNSET
        if not isinstance(self.timings_ms, Unset):
            timings_ms = self.timings_ms.to_dict()

        personal_data: dict[str, Any] | None | Unset
        if isinstance(self.personal_data, Unset):
            personal_data = UNSET
        elif isinstance(self.personal_data, PersonalData):
            personal_data = self.personal_data.to_dict()
        else:
            personal_data = self.personal_data

        completed_at: None | str | Unset
        if isinstance(self.completed_at, Unset):
            completed_at = UNSET
        else:
            completed_at = self.completed_at

        submitted_by: dict[str, Any] | None | Unset
        if isinstance(self.submitted_by, Unset):
            submitted_by = UNSET
        elif isinstance(self.submitted_by, SubmittedBy):
            submitted_by = self.submitted_by.to_dict()
        else:
            submitted_by = self.submitted_by

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "status": status,
                "document": document,
                "provenance": provenance,
                "created_at": created_at,
                "attempts": attempts,
            }
        )
        if decision is not UNSET:
            field_dict["decision"] = decision
        if reasons is not UNSET:
            field_dict["reasons"] = reasons
        if fields is not UNSET:
            field_dict["fields"] = fields
        if checks is not UNSET:
            field_dict["checks"] = checks
        if registry is not UNSET:
            field_dict["registry"] = registry
        if claim_check is not UNSET:
            field_dict["claim_check"] = claim_check
        if eligibility is not UNSET:
            field_dict["eligibility"] = eligibility
        if review is not UNSET:
            field_dict["review"] = review
        if timings_ms is not UNSET:
            field_dict["timings_ms"] = timings_ms
        if personal_data is not UNSET:
            field_dict["personal_data"] = personal_data
        if completed_at is not UNSET:
            field_dict["completed_at"] = completed_at
        if submitted_by is not UNSET:
            field_dict["submitted_by"] = submitted_by

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.check import Check  # noqa: PLC0415
        from ..models.document import Document  # noqa: PLC0415
        from ..models.eligibility import Eligibility  # noqa: PLC0415
        from ..models.fields import Fields  # noqa: PLC0415
        from ..models.personal_data import PersonalData  # noqa: PLC0415
        from ..models.provenance import Provenance  # noqa: PLC0415
        from ..models.reason import Reason  # noqa: PLC0415
        from ..models.registry import Registry  # noqa: PLC0415
        from ..models.review import Review  # noqa: PLC0415
        from ..models.submitted_by import SubmittedBy  # noqa: PLC0415
        from ..models.verification_claim_check_type_0 import VerificationClaimCheckType0  # noqa: PLC0415
        from ..models.verification_timings_ms import VerificationTimingsMs  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        status = check_verification_status(d.pop("status"))

        document = Document.from_dict(d.pop("document"))

        provenance = Provenance.from_dict(d.pop("provenance"))

        created_at = d.pop("created_at")

        attempts = d.pop("attempts")

        def _parse_decision(data: object) -> None | Unset | VerificationDecisionType0:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                decision_type_0 = check_verification_decision_type_0(data)

                return decision_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | VerificationDecisionType0, data)

        decision = _parse_decision(d.pop("decision", UNSET))

        _reasons = d.pop("reasons", UNSET)
        reasons: list[Reason] | Unset = UNSET
        if _reasons is not UNSET:
            reasons = []
            for reasons_item_data in _reasons:
                reasons_item = Reason.from_dict(reasons_item_data)

                reasons.append(reasons_item)

        _fields = d.pop("fields", UNSET)
        fields: Fields | Unset
        if isinstance(_fields, Unset):
            fields = UNSET
        else:
            fields = Fields.from_dict(_fields)

        _checks = d.pop("checks", UNSET)
        checks: list[Check] | Unset = UNSET
        if _checks is not UNSET:
            checks = []
            for checks_item_data in _checks:
                checks_item = Check.from_dict(checks_item_data)

                checks.append(checks_item)

        _registry = d.pop("registry", UNSET)
        registry: Registry | Unset
        if isinstance(_registry, Unset):
            registry = UNSET
        else:
            registry = Registry.from_dict(_registry)

        def _parse_claim_check(
            data: object,
        ) -> None | Unset | VerificationClaimCheckType0:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                claim_check_type_0 = VerificationClaimCheckType0.from_dict(data)

                return claim_check_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | VerificationClaimCheckType0, data)

        claim_check = _parse_claim_check(d.pop("claim_check", UNSET))

        def _parse_eligibility(data: object) -> Eligibility | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                eligibility_type_0 = Eligibility.from_dict(data)

                return eligibility_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Eligibility | None | Unset, data)

        eligibility = _parse_eligibility(d.pop("eligibility", UNSET))

        def _parse_review(data: object) -> None | Review | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                review_type_0 = Review.from_dict(data)

                return review_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Review | Unset, data)

        review = _parse_review(d.pop("review", UNSET))

        _timings_ms = d.pop("timings_ms", UNSET)
        timings_ms: VerificationTimingsMs | Unset
        if isinstance(_timings_ms, Unset):
            timings_ms = UNSET
        else:
            timings_ms = VerificationTimingsMs.from_dict(_timings_ms)

        def _parse_personal_data(data: object) -> None | PersonalData | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                personal_data_type_0 = PersonalData.from_dict(data)

                return personal_data_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PersonalData | Unset, data)

        personal_data = _parse_personal_data(d.pop("personal_data", UNSET))

        def _parse_completed_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        completed_at = _parse_completed_at(d.pop("completed_at", UNSET))

        def _parse_submitted_by(data: object) -> None | SubmittedBy | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                submitted_by_type_0 = SubmittedBy.from_dict(data)

                return submitted_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SubmittedBy | Unset, data)

        submitted_by = _parse_submitted_by(d.pop("submitted_by", UNSET))

        verification = cls(
            id=id,
            status=status,
            document=document,
            provenance=provenance,
            created_at=created_at,
            attempts=attempts,
            decision=decision,
            reasons=reasons,
            fields=fields,
            checks=checks,
            registry=registry,
            claim_check=claim_check,
            eligibility=eligibility,
            review=review,
            timings_ms=timings_ms,
            personal_data=personal_data,
            completed_at=completed_at,
            submitted_by=submitted_by,
        )

        verification.additional_properties = d
        return verification

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
