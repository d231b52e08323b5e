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
    from ..models.document import Document
    from ..models.reason import Reason
    from ..models.submitted_by import SubmittedBy
    from ..models.verification_checks_item import VerificationChecksItem
    from ..models.verification_fields import VerificationFields
    from ..models.verification_personal_data_type_0 import VerificationPersonalDataType0
    from ..models.verification_provenance import VerificationProvenance
    from ..models.verification_registry import VerificationRegistry
    from ..models.verification_review_type_0 import VerificationReviewType0
    from ..models.verification_timings_ms import VerificationTimingsMs


T = TypeVar("T", bound="Verification")


@_attrs_define
class Verification:
    """
    Attributes:
        id (str):
        status (VerificationStatus):
        reasons (list[Reason]):
        document (Document):
        fields (VerificationFields):
        checks (list[VerificationChecksItem]):
        registry (VerificationRegistry):
        timings_ms (VerificationTimingsMs):
        provenance (VerificationProvenance):
        created_at (str):
        attempts (int):
        decision (None | Unset | VerificationDecisionType0):
        completed_at (None | str | Unset):
        review (None | Unset | VerificationReviewType0): Present once a clerk decided the case (review UI): outcome
            (approved | rejected | resubmission_requested), reviewer, reviewed_at, reason, corrections.
        submitted_by (None | SubmittedBy | Unset): Who submitted it, as the caller said: the `operator` and `channel`
            form fields of the submission (null when not sent).
        personal_data (None | Unset | VerificationPersonalDataType0): Present once the personal data is gone: `state`
            purged (retention ended) or erased (data-subject request) and `at`. Only the minimal record is left: decision,
            reason codes, document type, dates.
    """

    id: str
    status: VerificationStatus
    reasons: list[Reason]
    document: Document
    fields: VerificationFields
    checks: list[VerificationChecksItem]
    registry: VerificationRegistry
    timings_ms: VerificationTimingsMs
    provenance: VerificationProvenance
    created_at: str
    attempts: int
    decision: None | Unset | VerificationDecisionType0 = UNSET
    completed_at: None | str | Unset = UNSET
    review: None | Unset | VerificationReviewType0 = UNSET
    submitted_by: None | SubmittedBy | Unset = UNSET
    personal_data: None | Unset | VerificationPersonalDataType0 = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.submitted_by import SubmittedBy  # noqa: PLC0415
        from ..models.verification_personal_data_type_0 import (
            VerificationPersonalDataType0,  # noqa: PLC0415
        )
        from ..models.verification_review_type_0 import VerificationReviewType0  # noqa: PLC0415

        id = self.id

        status: str = self.status

        reasons = []
        for reasons_item_data in self.reasons:
            reasons_item = reasons_item_data.to_dict()
            reasons.append(reasons_item)

        document = self.document.to_dict()

        fields = self.fields.to_dict()

        checks = []
        for checks_item_data in self.checks:
            checks_item = checks_item_data.to_dict()
            checks.append(checks_item)

        registry = self.registry.to_dict()

        timings_ms = self.timings_ms.to_dict()

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

        completed_at: None | str | Unset
        if isinstance(self.completed_at, Unset):
            completed_at = UNSET
        else:
            completed_at = self.completed_at

        review: dict[str, Any] | None | Unset
        if isinstance(self.review, Unset):
            review = UNSET
        elif isinstance(self.review, VerificationReviewType0):
            review = self.review.to_dict()
        else:
            review = self.review

        submitted_by: dict[str, Any] | None | Unset
        if isinstance(self.submitted_by, Unset):
            submitted_by = UNSET
        elif isinstance(self.submitted_by, SubmittedBy):
            submitted_by = self.submitted_by.to_dict()
        else:
            submitted_by = self.submitted_by

        personal_data: dict[str, Any] | None | Unset
        if isinstance(self.personal_data, Unset):
            personal_data = UNSET
        elif isinstance(self.personal_data, VerificationPersonalDataType0):
            personal_data = self.personal_data.to_dict()
        else:
            personal_data = self.personal_data

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "status": status,
                "reasons": reasons,
                "document": document,
                "fields": fields,
                "checks": checks,
                "registry": registry,
                "timings_ms": timings_ms,
                "provenance": provenance,
                "created_at": created_at,
                "attempts": attempts,
            }
        )
        if decision is not UNSET:
            field_dict["decision"] = decision
        if completed_at is not UNSET:
            field_dict["completed_at"] = completed_at
        if review is not UNSET:
            field_dict["review"] = review
        if submitted_by is not UNSET:
            field_dict["submitted_by"] = submitted_by
        if personal_data is not UNSET:
            field_dict["personal_data"] = personal_data

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.document import Document  # noqa: PLC0415
        from ..models.reason import Reason  # noqa: PLC0415
        from ..models.submitted_by import SubmittedBy  # noqa: PLC0415
        from ..models.verification_checks_item import VerificationChecksItem  # noqa: PLC0415
        from ..models.verification_fields import VerificationFields  # noqa: PLC0415
        from ..models.verification_personal_data_type_0 import (
            VerificationPersonalDataType0,  # noqa: PLC0415
        )
        from ..models.verification_provenance import VerificationProvenance  # noqa: PLC0415
        from ..models.verification_registry import VerificationRegistry  # noqa: PLC0415
        from ..models.verification_review_type_0 import VerificationReviewType0  # noqa: PLC0415
        from ..models.verification_timings_ms import VerificationTimingsMs  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        status = check_verification_status(d.pop("status"))

        reasons = []
        _reasons = d.pop("reasons")
        for reasons_item_data in _reasons:
            reasons_item = Reason.from_dict(reasons_item_data)

            reasons.append(reasons_item)

        document = Document.from_dict(d.pop("document"))

        fields = VerificationFields.from_dict(d.pop("fields"))

        checks = []
        _checks = d.pop("checks")
        for checks_item_data in _checks:
            checks_item = VerificationChecksItem.from_dict(checks_item_data)

            checks.append(checks_item)

        registry = VerificationRegistry.from_dict(d.pop("registry"))

        timings_ms = VerificationTimingsMs.from_dict(d.pop("timings_ms"))

        provenance = VerificationProvenance.from_dict(d.pop("provenance"))

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

        def _parse_completed_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        completed_at = _parse_completed_at(d.pop("completed_at", UNSET))

        def _parse_review(data: object) -> None | Unset | VerificationReviewType0:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                review_type_0 = VerificationReviewType0.from_dict(data)

                return review_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | VerificationReviewType0, data)

        review = _parse_review(d.pop("review", UNSET))

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

        def _parse_personal_data(
            data: object,
        ) -> None | Unset | VerificationPersonalDataType0:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                personal_data_type_0 = VerificationPersonalDataType0.from_dict(data)

                return personal_data_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | VerificationPersonalDataType0, data)

        personal_data = _parse_personal_data(d.pop("personal_data", UNSET))

        verification = cls(
            id=id,
            status=status,
            reasons=reasons,
            document=document,
            fields=fields,
            checks=checks,
            registry=registry,
            timings_ms=timings_ms,
            provenance=provenance,
            created_at=created_at,
            attempts=attempts,
            decision=decision,
            completed_at=completed_at,
            review=review,
            submitted_by=submitted_by,
            personal_data=personal_data,
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
