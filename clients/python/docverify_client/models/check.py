from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.check_action_type_0 import CheckActionType0, check_check_action_type_0
from ..types import UNSET, Unset

T = TypeVar("T", bound="Check")


@_attrs_define
class Check:
    """
    Attributes:
        name (str):
        passed (bool):
        score (float):
        detail (str | Unset):  Default: ''.
        action (CheckActionType0 | None | Unset): When failed: retake (ask for another capture) or review (a clerk
            looks).
        reason (None | str | Unset): When failed: the RETAKE_* or signal reason code.
        linked (list[str] | None | Unset): A fraud signal's linked verification ids.
    """

    name: str
    passed: bool
    score: float
    detail: str | Unset = ""
    action: CheckActionType0 | None | Unset = UNSET
    reason: None | str | Unset = UNSET
    linked: list[str] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        passed = self.passed

        score = self.score

        detail = self.detail

        action: None | str | Unset
        if isinstance(self.action, Unset):
            action = UNSET
        elif isinstance(self.action, str):
            action = self.action
        else:
            action = self.action

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        linked: list[str] | None | Unset
        if isinstance(self.linked, Unset):
            linked = UNSET
        elif isinstance(self.linked, list):
            linked = self.linked

        else:
            linked = self.linked

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "passed": passed,
                "score": score,
            }
        )
        if detail is not UNSET:
            field_dict["detail"] = detail
        if action is not UNSET:
            field_dict["action"] = action
        if reason is not UNSET:
            field_dict["reason"] = reason
        if linked is not UNSET:
            field_dict["linked"] = linked

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        passed = d.pop("passed")

        score = d.pop("score")

        detail = d.pop("detail", UNSET)

        def _parse_action(data: object) -> CheckActionType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                action_type_0 = check_check_action_type_0(data)

                return action_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CheckActionType0 | None | Unset, data)

        action = _parse_action(d.pop("action", UNSET))

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))

        def _parse_linked(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                linked_type_0 = cast(list[str], data)

                return linked_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        linked = _parse_linked(d.pop("linked", UNSET))

        check = cls(
            name=name,
            passed=passed,
            score=score,
            detail=detail,
            action=action,
            reason=reason,
            linked=linked,
        )

        check.additional_properties = d
        return check

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
