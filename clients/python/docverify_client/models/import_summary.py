from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ImportSummary")


@_attrs_define
class ImportSummary:
    """
    Attributes:
        id (str):
        status (str):
        rows (int):
        inserted (int):
        updated (int):
        skipped (int):
        started_at (str):
    """

    id: str
    status: str
    rows: int
    inserted: int
    updated: int
    skipped: int
    started_at: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        status = self.status

        rows = self.rows

        inserted = self.inserted

        updated = self.updated

        skipped = self.skipped

        started_at = self.started_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "status": status,
                "rows": rows,
                "inserted": inserted,
                "updated": updated,
                "skipped": skipped,
                "started_at": started_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        status = d.pop("status")

        rows = d.pop("rows")

        inserted = d.pop("inserted")

        updated = d.pop("updated")

        skipped = d.pop("skipped")

        started_at = d.pop("started_at")

        import_summary = cls(
            id=id,
            status=status,
            rows=rows,
            inserted=inserted,
            updated=updated,
            skipped=skipped,
            started_at=started_at,
        )

        import_summary.additional_properties = d
        return import_summary

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
