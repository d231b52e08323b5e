from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.reason_severity_type_0 import (
    ReasonSeverityType0,
    check_reason_severity_type_0,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="Reason")


@_attrs_define
class Reason:
    """
    Attributes:
        code (str):
        message (str):
        field (None | str | Unset): The field the reason is about.
        severity (None | ReasonSeverityType0 | Unset): info (said, no reason for review), review, retake or reject;
            absent on the pipeline's own validation reasons.
        linked (list[str] | None | Unset): A fraud signal's linked verification ids.
    """

    code: str
    message: str
    field: None | str | Unset = UNSET
    severity: None | ReasonSeverityType0 | Unset = UNSET
    linked: list[str] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        message = self.message

        field: None | str | Unset
        if isinstance(self.field, Unset):
            field = UNSET
        else:
            field = self.field

        severity: None | str | Unset
        if isinstance(self.severity, Unset):
            severity = UNSET
        elif isinstance(self.severity, str):
            severity = self.severity
        else:
            severity = self.severity

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
                "code": code,
                "message": message,
            }
        )
        if field is not UNSET:
            field_dict["field"] = field
        if severity is not UNSET:
            field_dict["severity"] = severity
        if linked is not UNSET:
            field_dict["linked"] = linked

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = d.pop("code")

        message = d.pop("message")

        def _parse_field(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        field = _parse_field(d.pop("field", UNSET))

        def _parse_severity(data: object) -> None | ReasonSeverityType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                severity_type_0 = check_reason_severity_type_0(data)

                return severity_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ReasonSeverityType0 | Unset, data)

        severity = _parse_severity(d.pop("severity", UNSET))

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

        reason = cls(
            code=code,
            message=message,
            field=field,
            severity=severity,
            linked=linked,
        )

        reason.additional_properties = d
        return reason

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
