from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.eligibility_status import EligibilityStatus, check_eligibility_status
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.failed_rule import FailedRule


T = TypeVar("T", bound="Eligibility")


@_attrs_define
class Eligibility:
    """
    Attributes:
        program (str):
        status (EligibilityStatus):
        failed_rules (list[FailedRule] | Unset):
        message (None | str | Unset):
    """

    program: str
    status: EligibilityStatus
    failed_rules: list[FailedRule] | Unset = UNSET
    message: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        program = self.program

        status: str = self.status

        failed_rules: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.failed_rules, Unset):
            failed_rules = []
            for failed_rules_item_data in self.failed_rules:
                failed_rules_item = failed_rules_item_data.to_dict()
                failed_rules.append(failed_rules_item)

        message: None | str | Unset
        if isinstance(self.message, Unset):
            message = UNSET
        else:
            message = self.message

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "program": program,
                "status": status,
            }
        )
        if failed_rules is not UNSET:
            field_dict["failed_rules"] = failed_rules
        if message is not UNSET:
            field_dict["message"] = message

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.failed_rule import FailedRule  # noqa: PLC0415

        d = dict(src_dict)
        program = d.pop("program")

        status = check_eligibility_status(d.pop("status"))

        _failed_rules = d.pop("failed_rules", UNSET)
        failed_rules: list[FailedRule] | Unset = UNSET
        if _failed_rules is not UNSET:
            failed_rules = []
            for failed_rules_item_data in _failed_rules:
                failed_rules_item = FailedRule.from_dict(failed_rules_item_data)

                failed_rules.append(failed_rules_item)

        def _parse_message(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        message = _parse_message(d.pop("message", UNSET))

        eligibility = cls(
            program=program,
            status=status,
            failed_rules=failed_rules,
            message=message,
        )

        eligibility.additional_properties = d
        return eligibility

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
