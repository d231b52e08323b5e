from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ObjectionOut")


@_attrs_define
class ObjectionOut:
    """
    Attributes:
        verification_id (str):
        decision (str): The automatic decision objected to; it stands until a clerk decides
        state (str): `objection`: waiting in the clerks' queue
        objected_at (datetime.datetime):
    """

    verification_id: str
    decision: str
    state: str
    objected_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        verification_id = self.verification_id

        decision = self.decision

        state = self.state

        objected_at = self.objected_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "verification_id": verification_id,
                "decision": decision,
                "state": state,
                "objected_at": objected_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        verification_id = d.pop("verification_id")

        decision = d.pop("decision")

        state = d.pop("state")

        objected_at = datetime.datetime.fromisoformat(d.pop("objected_at"))

        objection_out = cls(
            verification_id=verification_id,
            decision=decision,
            state=state,
            objected_at=objected_at,
        )

        objection_out.additional_properties = d
        return objection_out

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
