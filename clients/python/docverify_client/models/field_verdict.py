from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="FieldVerdict")


@_attrs_define
class FieldVerdict:
    """
    Attributes:
        match (bool): The field agrees with the registry's record.
        score (float | None | Unset): Similarity 0–100 where the owner scores fields; null otherwise.
        near (bool | None | Unset): Dates that differ only: true when they differ in one character (a likely misread).
            Null otherwise.
    """

    match: bool
    score: float | None | Unset = UNSET
    near: bool | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        match = self.match

        score: float | None | Unset
        if isinstance(self.score, Unset):
            score = UNSET
        else:
            score = self.score

        near: bool | None | Unset
        if isinstance(self.near, Unset):
            near = UNSET
        else:
            near = self.near

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "match": match,
            }
        )
        if score is not UNSET:
            field_dict["score"] = score
        if near is not UNSET:
            field_dict["near"] = near

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        match = d.pop("match")

        def _parse_score(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        score = _parse_score(d.pop("score", UNSET))

        def _parse_near(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        near = _parse_near(d.pop("near", UNSET))

        field_verdict = cls(
            match=match,
            score=score,
            near=near,
        )

        field_verdict.additional_properties = d
        return field_verdict

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
