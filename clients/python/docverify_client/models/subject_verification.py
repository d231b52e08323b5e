from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.subject_verification_personal_data import (
    SubjectVerificationPersonalData,
    check_subject_verification_personal_data,
)

T = TypeVar("T", bound="SubjectVerification")


@_attrs_define
class SubjectVerification:
    """
    Attributes:
        id (str):
        client_id (str):
        status (str):
        decision (None | str):
        created_at (str):
        completed_at (None | str):
        personal_data (SubjectVerificationPersonalData): `purged`: only the minimal record is left.
        purged_at (None | str):
        legal_hold (bool):
    """

    id: str
    client_id: str
    status: str
    decision: None | str
    created_at: str
    completed_at: None | str
    personal_data: SubjectVerificationPersonalData
    purged_at: None | str
    legal_hold: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        client_id = self.client_id

        status = self.status

        decision: None | str
        decision = self.decision

        created_at = self.created_at

        completed_at: None | str
        completed_at = self.completed_at

        personal_data: str = self.personal_data

        purged_at: None | str
        purged_at = self.purged_at

        legal_hold = self.legal_hold

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "client_id": client_id,
                "status": status,
                "decision": decision,
                "created_at": created_at,
                "completed_at": completed_at,
                "personal_data": personal_data,
                "purged_at": purged_at,
                "legal_hold": legal_hold,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        client_id = d.pop("client_id")

        status = d.pop("status")

        def _parse_decision(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        decision = _parse_decision(d.pop("decision"))

        created_at = d.pop("created_at")

        def _parse_completed_at(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        completed_at = _parse_completed_at(d.pop("completed_at"))

        personal_data = check_subject_verification_personal_data(d.pop("personal_data"))

        def _parse_purged_at(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        purged_at = _parse_purged_at(d.pop("purged_at"))

        legal_hold = d.pop("legal_hold")

        subject_verification = cls(
            id=id,
            client_id=client_id,
            status=status,
            decision=decision,
            created_at=created_at,
            completed_at=completed_at,
            personal_data=personal_data,
            purged_at=purged_at,
            legal_hold=legal_hold,
        )

        subject_verification.additional_properties = d
        return subject_verification

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
