from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.review_decision_type_0 import (
    ReviewDecisionType0,
    check_review_decision_type_0,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.correction import Correction


T = TypeVar("T", bound="Review")


@_attrs_define
class Review:
    """
    Attributes:
        outcome (str): approved | rejected | resubmission_requested
        reviewer (str):
        reviewed_at (str):
        decision (None | ReviewDecisionType0 | Unset):
        reason (None | str | Unset):
        corrections (list[Correction] | None | Unset):
    """

    outcome: str
    reviewer: str
    reviewed_at: str
    decision: None | ReviewDecisionType0 | Unset = UNSET
    reason: None | str | Unset = UNSET
    corrections: list[Correction] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        outcome = self.outcome

        reviewer = self.reviewer

        reviewed_at = self.reviewed_at

        decision: None | str | Unset
        if isinstance(self.decision, Unset):
            decision = UNSET
        elif isinstance(self.decision, str):
            decision = self.decision
        else:
            decision = self.decision

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        corrections: list[dict[str, Any]] | None | Unset
        if isinstance(self.corrections, Unset):
            corrections = UNSET
        elif isinstance(self.corrections, list):
            corrections = []
            for corrections_type_0_item_data in self.corrections:
                corrections_type_0_item = corrections_type_0_item_data.to_dict()
                corrections.append(corrections_type_0_item)

        else:
            corrections = self.corrections

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "outcome": outcome,
                "reviewer": reviewer,
                "reviewed_at": reviewed_at,
            }
        )
        if decision is not UNSET:
            field_dict["decision"] = decision
        if reason is not UNSET:
            field_dict["reason"] = reason
        if corrections is not UNSET:
            field_dict["corrections"] = corrections

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.correction import Correction  # noqa: PLC0415

        d = dict(src_dict)
        outcome = d.pop("outcome")

        reviewer = d.pop("reviewer")

        reviewed_at = d.pop("reviewed_at")

        def _parse_decision(data: object) -> None | ReviewDecisionType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                decision_type_0 = check_review_decision_type_0(data)

                return decision_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ReviewDecisionType0 | Unset, data)

        decision = _parse_decision(d.pop("decision", UNSET))

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))

        def _parse_corrections(data: object) -> list[Correction] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                corrections_type_0 = []
                _corrections_type_0 = data
                for corrections_type_0_item_data in _corrections_type_0:
                    corrections_type_0_item = Correction.from_dict(
                        corrections_type_0_item_data
                    )

                    corrections_type_0.append(corrections_type_0_item)

                return corrections_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[Correction] | None | Unset, data)

        corrections = _parse_corrections(d.pop("corrections", UNSET))

        review = cls(
            outcome=outcome,
            reviewer=reviewer,
            reviewed_at=reviewed_at,
            decision=decision,
            reason=reason,
            corrections=corrections,
        )

        review.additional_properties = d
        return review

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
