from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.field_score_verdict_type_0 import (
    FieldScoreVerdictType0,
    check_field_score_verdict_type_0,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="FieldScore")


@_attrs_define
class FieldScore:
    """
    Attributes:
        document (None | str):
        registry (None | str): The record's value; null from a remote registry (verdicts only).
        score (float):
        verdict (FieldScoreVerdictType0 | None | Unset): A remote registry's verdict on the field.
        near (bool | None | Unset): A remote registry's dates that differ: true when in one character only.
    """

    document: None | str
    registry: None | str
    score: float
    verdict: FieldScoreVerdictType0 | None | Unset = UNSET
    near: bool | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        document: None | str
        document = self.document

        registry: None | str
        registry = self.registry

        score = self.score

        verdict: None | str | Unset
        if isinstance(self.verdict, Unset):
            verdict = UNSET
        elif isinstance(self.verdict, str):
            verdict = self.verdict
        else:
            verdict = self.verdict

        near: bool | None | Unset
        if isinstance(self.near, Unset):
            near = UNSET
        else:
            near = self.near

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "document": document,
                "registry": registry,
                "score": score,
            }
        )
        if verdict is not UNSET:
            field_dict["verdict"] = verdict
        if near is not UNSET:
            field_dict["near"] = near

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_document(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        document = _parse_document(d.pop("document"))

        def _parse_registry(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        registry = _parse_registry(d.pop("registry"))

        score = d.pop("score")

        def _parse_verdict(data: object) -> FieldScoreVerdictType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                verdict_type_0 = check_field_score_verdict_type_0(data)

                return verdict_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(FieldScoreVerdictType0 | None | Unset, data)

        verdict = _parse_verdict(d.pop("verdict", UNSET))

        def _parse_near(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        near = _parse_near(d.pop("near", UNSET))

        field_score = cls(
            document=document,
            registry=registry,
            score=score,
            verdict=verdict,
            near=near,
        )

        field_score.additional_properties = d
        return field_score

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
