from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.processing_record_out_detail import ProcessingRecordOutDetail


T = TypeVar("T", bound="ProcessingRecordOut")


@_attrs_define
class ProcessingRecordOut:
    """
    Attributes:
        id (int):
        at (str):
        actor_type (str): client, clerk, supervisor or system
        actor (str):
        action (str): received, ocr, matched, decided, viewed, revealed, corrected, reviewed, delivered, purged, erased,
            exported, listed, held, released
        verification_id (None | str):
        client_id (None | str):
        nik_hash (None | str):
        detail (ProcessingRecordOutDetail): Codes and counts, never personal values.
    """

    id: int
    at: str
    actor_type: str
    actor: str
    action: str
    verification_id: None | str
    client_id: None | str
    nik_hash: None | str
    detail: ProcessingRecordOutDetail
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        at = self.at

        actor_type = self.actor_type

        actor = self.actor

        action = self.action

        verification_id: None | str
        verification_id = self.verification_id

        client_id: None | str
        client_id = self.client_id

        nik_hash: None | str
        nik_hash = self.nik_hash

        detail = self.detail.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "at": at,
                "actor_type": actor_type,
                "actor": actor,
                "action": action,
                "verification_id": verification_id,
                "client_id": client_id,
                "nik_hash": nik_hash,
                "detail": detail,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.processing_record_out_detail import ProcessingRecordOutDetail  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        at = d.pop("at")

        actor_type = d.pop("actor_type")

        actor = d.pop("actor")

        action = d.pop("action")

        def _parse_verification_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        verification_id = _parse_verification_id(d.pop("verification_id"))

        def _parse_client_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        client_id = _parse_client_id(d.pop("client_id"))

        def _parse_nik_hash(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        nik_hash = _parse_nik_hash(d.pop("nik_hash"))

        detail = ProcessingRecordOutDetail.from_dict(d.pop("detail"))

        processing_record_out = cls(
            id=id,
            at=at,
            actor_type=actor_type,
            actor=actor,
            action=action,
            verification_id=verification_id,
            client_id=client_id,
            nik_hash=nik_hash,
            detail=detail,
        )

        processing_record_out.additional_properties = d
        return processing_record_out

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
