from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.processing_record_out import ProcessingRecordOut
    from ..models.registry_record_copy import RegistryRecordCopy
    from ..models.registry_ref import RegistryRef
    from ..models.subject_verification import SubjectVerification
    from ..models.verification_export import VerificationExport


T = TypeVar("T", bound="SubjectExport")


@_attrs_define
class SubjectExport:
    """
    Attributes:
        nik_hash (str): The keyed hash (HMAC-SHA256) the records are stored under.
        verifications (list[SubjectVerification]):
        processing_records (list[ProcessingRecordOut]):
        registries (list[RegistryRef]): Registry records of the NIK (supervisors only).
        verification_objects (list[VerificationExport]): Each verification as stored (the Verification object plus the
            claim), decrypted.
        exported_at (str):
        registry_records (list[RegistryRecordCopy] | None | Unset): The registry records of the NIK, decrypted
            (supervisors only: `docverify privacy subject --export`).
    """

    nik_hash: str
    verifications: list[SubjectVerification]
    processing_records: list[ProcessingRecordOut]
    registries: list[RegistryRef]
    verification_objects: list[VerificationExport]
    exported_at: str
    registry_records: list[RegistryRecordCopy] | None | Unset = UNSET
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

        verification_objects = []
        for verification_objects_item_data in self.verification_objects:
            verification_objects_item = verification_objects_item_data.to_dict()
            verification_objects.append(verification_objects_item)

        exported_at = self.exported_at

        registry_records: list[dict[str, Any]] | None | Unset
        if isinstance(self.registry_records, Unset):
            registry_records = UNSET
        elif isinstance(self.registry_records, list):
            registry_records = []
            for registry_records_type_0_item_data in self.registry_records:
                registry_records_type_0_item = (
                    registry_records_type_0_item_data.to_dict()
                )
                registry_records.append(registry_records_type_0_item)

        else:
            registry_records = self.registry_records

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "nik_hash": nik_hash,
                "verifications": verifications,
                "processing_records": processing_records,
                "registries": registries,
                "verification_objects": verification_objects,
                "exported_at": exported_at,
            }
        )
        if registry_records is not UNSET:
            field_dict["registry_records"] = registry_records

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.processing_record_out import ProcessingRecordOut  # noqa: PLC0415
        from ..models.registry_record_copy import RegistryRecordCopy  # noqa: PLC0415
        from ..models.registry_ref import RegistryRef  # noqa: PLC0415
        from ..models.subject_verification import SubjectVerification  # noqa: PLC0415
        from ..models.verification_export import VerificationExport  # noqa: PLC0415

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

        verification_objects = []
        _verification_objects = d.pop("verification_objects")
        for verification_objects_item_data in _verification_objects:
            verification_objects_item = VerificationExport.from_dict(
                verification_objects_item_data
            )

            verification_objects.append(verification_objects_item)

        exported_at = d.pop("exported_at")

        def _parse_registry_records(
            data: object,
        ) -> list[RegistryRecordCopy] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                registry_records_type_0 = []
                _registry_records_type_0 = data
                for registry_records_type_0_item_data in _registry_records_type_0:
                    registry_records_type_0_item = RegistryRecordCopy.from_dict(
                        registry_records_type_0_item_data
                    )

                    registry_records_type_0.append(registry_records_type_0_item)

                return registry_records_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[RegistryRecordCopy] | None | Unset, data)

        registry_records = _parse_registry_records(d.pop("registry_records", UNSET))

        subject_export = cls(
            nik_hash=nik_hash,
            verifications=verifications,
            processing_records=processing_records,
            registries=registries,
            verification_objects=verification_objects,
            exported_at=exported_at,
            registry_records=registry_records,
        )

        subject_export.additional_properties = d
        return subject_export

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
