from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.processing_record_out import ProcessingRecordOut
    from ..models.registry_ref import RegistryRef
    from ..models.subject_verification import SubjectVerification


T = TypeVar("T", bound="SubjectListing")


@_attrs_define
class SubjectListing:
    """
    Attributes:
        nik_hash (str): The keyed hash (HMAC-SHA256) the records are stored under.
        verifications (list[SubjectVerification]):
        processing_records (list[ProcessingRecordOut]):
        registries (list[RegistryRef]): Registry records of the NIK (supervisors only).
    """

    nik_hash: str
    verifications: list[SubjectVerification]
    processing_records: list[ProcessingRecordOut]
    registries: list[RegistryRef]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        nik_hash = self.nik_hash

        verifications = []
        for verifications_item_data in self.verifications:
            verifications_item = verifications_item_data.to_dict()
            verifications.append(verifications_item)

        processing_records = []
        for processing_records_item_data in self.processing_records:
            processing_records_item = processing_records_item_data.to_dict()
            processing_records.append(processing_records_item)

        registries = []
        for registries_item_data in self.registries:
            registries_item = registries_item_data.to_dict()
            registries.append(registries_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "nik_hash": nik_hash,
                "verifications": verifications,
                "processing_records": processing_records,
                "registries": registries,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.processing_record_out import ProcessingRecordOut  # noqa: PLC0415
        from ..models.registry_ref import RegistryRef  # noqa: PLC0415
        from ..models.subject_verification import SubjectVerification  # noqa: PLC0415

        d = dict(src_dict)
        nik_hash = d.pop("nik_hash")

        verifications = []
        _verifications = d.pop("verifications")
        for verifications_item_data in _verifications:
            verifications_item = SubjectVerification.from_dict(verifications_item_data)

            verifications.append(verifications_item)

        processing_records = []
        _processing_records = d.pop("processing_records")
        for processing_records_item_data in _processing_records:
            processing_records_item = ProcessingRecordOut.from_dict(
                processing_records_item_data
            )

            processing_records.append(processing_records_item)

        registries = []
        _registries = d.pop("registries")
        for registries_item_data in _registries:
            registries_item = RegistryRef.from_dict(registries_item_data)

            registries.append(registries_item)

        subject_listing = cls(
            nik_hash=nik_hash,
            verifications=verifications,
            processing_records=processing_records,
            registries=registries,
        )

        subject_listing.additional_properties = d
        return subject_listing

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
