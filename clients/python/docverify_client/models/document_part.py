from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.document_part_type import DocumentPartType, check_document_part_type
from ..types import UNSET, Unset

T = TypeVar("T", bound="DocumentPart")


@_attrs_define
class DocumentPart:
    """
    Attributes:
        page (int):
        type_ (DocumentPartType):
        type_confidence (float):
        found_by (None | str | Unset): How the page's card was found: outline, text, frame or page.
    """

    page: int
    type_: DocumentPartType
    type_confidence: float
    found_by: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        page = self.page

        type_: str = self.type_

        type_confidence = self.type_confidence

        found_by: None | str | Unset
        if isinstance(self.found_by, Unset):
            found_by = UNSET
        else:
            found_by = self.found_by

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "page": page,
                "type": type_,
                "type_confidence": type_confidence,
            }
        )
        if found_by is not UNSET:
            field_dict["found_by"] = found_by

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        page = d.pop("page")

        type_ = check_document_part_type(d.pop("type"))

        type_confidence = d.pop("type_confidence")

        def _parse_found_by(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        found_by = _parse_found_by(d.pop("found_by", UNSET))

        document_part = cls(
            page=page,
            type_=type_,
            type_confidence=type_confidence,
            found_by=found_by,
        )

        document_part.additional_properties = d
        return document_part

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
