from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.row_error import RowError


T = TypeVar("T", bound="ImportResult")


@_attrs_define
class ImportResult:
    """
    Attributes:
        id (str):
        registry (str):
        status (str):
        rows (int): Data rows in the file.
        inserted (int):
        updated (int): Records replaced by NIK.
        skipped (int): Invalid rows skipped (only with skip_invalid).
        duplicates (int): Rows whose NIK appeared again later in the file (the later row wins).
        records (int): Records in the registry after the import.
        seconds (float):
        errors (list[RowError]): Invalid rows by line and column (never their values).
    """

    id: str
    registry: str
    status: str
    rows: int
    inserted: int
    updated: int
    skipped: int
    duplicates: int
    records: int
    seconds: float
    errors: list[RowError]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        registry = self.registry

        status = self.status

        rows = self.rows

        inserted = self.inserted

        updated = self.updated

        skipped = self.skipped

        duplicates = self.duplicates

        records = self.records

        seconds = self.seconds

        errors = []
        for errors_item_data in self.errors:
            errors_item = errors_item_data.to_dict()
            errors.append(errors_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "registry": registry,
                "status": status,
                "rows": rows,
                "inserted": inserted,
                "updated": updated,
                "skipped": skipped,
                "duplicates": duplicates,
                "records": records,
                "seconds": seconds,
                "errors": errors,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.row_error import RowError  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        registry = d.pop("registry")

        status = d.pop("status")

        rows = d.pop("rows")

        inserted = d.pop("inserted")

        updated = d.pop("updated")

        skipped = d.pop("skipped")

        duplicates = d.pop("duplicates")

        records = d.pop("records")

        seconds = d.pop("seconds")

        errors = []
        _errors = d.pop("errors")
        for errors_item_data in _errors:
            errors_item = RowError.from_dict(errors_item_data)

            errors.append(errors_item)

        import_result = cls(
            id=id,
            registry=registry,
            status=status,
            rows=rows,
            inserted=inserted,
            updated=updated,
            skipped=skipped,
            duplicates=duplicates,
            records=records,
            seconds=seconds,
            errors=errors,
        )

        import_result.additional_properties = d
        return import_result

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
