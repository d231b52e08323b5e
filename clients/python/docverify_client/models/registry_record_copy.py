from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.registry_record_copy_record import RegistryRecordCopyRecord


T = TypeVar("T", bound="RegistryRecordCopy")


@_attrs_define
class RegistryRecordCopy:
    """
    Attributes:
        registry (str):
        record_id (str):
        record (RegistryRecordCopyRecord): The record's fields and attributes.
    """

    registry: str
    record_id: str
    record: RegistryRecordCopyRecord
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        registry = self.registry

        record_id = self.record_id

        record = self.record.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "registry": registry,
                "record_id": record_id,
                "record": record,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.registry_record_copy_record import RegistryRecordCopyRecord  # noqa: PLC0415

        d = dict(src_dict)
        registry = d.pop("registry")

        record_id = d.pop("record_id")

        record = RegistryRecordCopyRecord.from_dict(d.pop("record"))

        registry_record_copy = cls(
            registry=registry,
            record_id=record_id,
            record=record,
        )

        registry_record_copy.additional_properties = d
        return registry_record_copy

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
