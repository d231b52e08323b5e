from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ClaimField")


@_attrs_define
class ClaimField:
    """
    Attributes:
        claim (None | str):
        document (None | str):
        registry (None | str):
        disagrees (str): none, claim, document, registry, all or unknown.
    """

    claim: None | str
    document: None | str
    registry: None | str
    disagrees: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        claim: None | str
        claim = self.claim

        document: None | str
        document = self.document

        registry: None | str
        registry = self.registry

        disagrees = self.disagrees

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "claim": claim,
                "document": document,
                "registry": registry,
                "disagrees": disagrees,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_claim(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        claim = _parse_claim(d.pop("claim"))

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

        disagrees = d.pop("disagrees")

        claim_field = cls(
            claim=claim,
            document=document,
            registry=registry,
            disagrees=disagrees,
        )

        claim_field.additional_properties = d
        return claim_field

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
