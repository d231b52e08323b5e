from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.verdict_answer_fields import VerdictAnswerFields


T = TypeVar("T", bound="VerdictAnswer")


@_attrs_define
class VerdictAnswer:
    """What the owner answers: per-field verdicts, never a value, never the NIK.

    Attributes:
        registry (str): The registry that answered.
        found (bool): Whether the NIK is in the registry. false: no field verdicts follow.
        score (float | None | Unset): Weighted overall score of the compared fields (0–100), when scored.
        fields (VerdictAnswerFields | Unset): Verdicts of the fields present both in the request and in the record.
        reference (None | str | Unset): The owner's id of this answer (its processing record), for audits on both sides.
        checked_at (None | str | Unset): When the owner answered (ISO 8601, UTC).
    """

    registry: str
    found: bool
    score: float | None | Unset = UNSET
    fields: VerdictAnswerFields | Unset = UNSET
    reference: None | str | Unset = UNSET
    checked_at: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        registry = self.registry

        found = self.found

        score: float | None | Unset
        if isinstance(self.score, Unset):
            score = UNSET
        else:
            score = self.score

        fields: dict[str, Any] | Unset = UNSET
        if not isinstance(self.fields, Unset):
            fields = self.fields.to_dict()

        reference: None | str | Unset
        if isinstance(self.reference, Unset):
            reference = UNSET
        else:
            reference = self.reference

        checked_at: None | str | Unset
        if isinstance(self.checked_at, Unset):
            checked_at = UNSET
        else:
            checked_at = self.checked_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "registry": registry,
                "found": found,
            }
        )
        if score is not UNSET:
            field_dict["score"] = score
        if fields is not UNSET:
            field_dict["fields"] = fields
        if reference is not UNSET:
            field_dict["reference"] = reference
        if checked_at is not UNSET:
            field_dict["checked_at"] = checked_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.verdict_answer_fields import VerdictAnswerFields  # noqa: PLC0415

        d = dict(src_dict)
        registry = d.pop("registry")

        found = d.pop("found")

        def _parse_score(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        score = _parse_score(d.pop("score", UNSET))

        _fields = d.pop("fields", UNSET)
        fields: VerdictAnswerFields | Unset
        if isinstance(_fields, Unset):
            fields = UNSET
        else:
            fields = VerdictAnswerFields.from_dict(_fields)

        def _parse_reference(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reference = _parse_reference(d.pop("reference", UNSET))

        def _parse_checked_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        checked_at = _parse_checked_at(d.pop("checked_at", UNSET))

        verdict_answer = cls(
            registry=registry,
            found=found,
            score=score,
            fields=fields,
            reference=reference,
            checked_at=checked_at,
        )

        verdict_answer.additional_properties = d
        return verdict_answer

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
