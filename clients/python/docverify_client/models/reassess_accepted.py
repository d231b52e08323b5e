from __future__ import annotations

from collections.abc import Mapping
from typing import (
    Any,
    Literal,
    TypeVar,
    cast,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ReassessAccepted")


@_attrs_define
class ReassessAccepted:
    """A re-assessment was queued for a worker.

    Attributes:
        id (str): The verification's id.
        reassessment (Literal['queued'] | Unset):  Default: 'queued'.
    """

    id: str
    reassessment: Literal["queued"] | Unset = "queued"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        reassessment = self.reassessment

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
            }
        )
        if reassessment is not UNSET:
            field_dict["reassessment"] = reassessment

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        reassessment = cast(Literal["queued"] | Unset, d.pop("reassessment", UNSET))
        if reassessment != "queued" and not isinstance(reassessment, Unset):
            raise ValueError(
                f"reassessment must match const 'queued', got '{reassessment}'"
            )

        reassess_accepted = cls(
            id=id,
            reassessment=reassessment,
        )

        reassess_accepted.additional_properties = d
        return reassess_accepted

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
