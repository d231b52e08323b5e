from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.import_summary import ImportSummary


T = TypeVar("T", bound="RegistryDetail")


@_attrs_define
class RegistryDetail:
    """
    Attributes:
        name (str):
        records (int):
        created_at (str):
        imported_at (None | str):
        imports (list[ImportSummary]): The recent imports, newest first.
    """

    name: str
    records: int
    created_at: str
    imported_at: None | str
    imports: list[ImportSummary]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        records = self.records

        created_at = self.created_at

        imported_at: None | str
        imported_at = self.imported_at

        imports = []
        for imports_item_data in self.imports:
            imports_item = imports_item_data.to_dict()
            imports.append(imports_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "records": records,
                "created_at": created_at,
                "imported_at": imported_at,
                "imports": imports,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.import_summary import ImportSummary  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        records = d.pop("records")

        created_at = d.pop("created_at")

        def _parse_imported_at(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        imported_at = _parse_imported_at(d.pop("imported_at"))

        imports = []
        _imports = d.pop("imports")
        for imports_item_data in _imports:
            imports_item = ImportSummary.from_dict(imports_item_data)

            imports.append(imports_item)

        registry_detail = cls(
            name=name,
            records=records,
            created_at=created_at,
            imported_at=imported_at,
            imports=imports,
        )

        registry_detail.additional_properties = d
        return registry_detail

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
