from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="RegistrySummary")


@_attrs_define
class RegistrySummary:
    """
    Attributes:
        name (str):
        records (int):
        imported_at (None | str): When the last import finished (ISO 8601), null before any.
    """

    name: str
    records: int
    imported_at: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        records = self.records

        imported_at: None | str
        imported_at = self.imported_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "records": records,
                "imported_at": imported_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        records = d.pop("records")

        def _parse_imported_at(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        imported_at = _parse_imported_at(d.pop("imported_at"))

        registry_summary = cls(
            name=name,
            records=records,
            imported_at=imported_at,
        )

        registry_summary.additional_properties = d
        return registry_summary

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
