from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.document_type import DocumentType, check_document_type
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.document_part import DocumentPart


T = TypeVar("T", bound="Document")


@_attrs_define
class Document:
    """
    Attributes:
        type_ (DocumentType):
        pages (int):
        type_confidence (float | None | Unset):
        parts (list[DocumentPart] | None | Unset): One entry per page: the type each page was read as.
    """

    type_: DocumentType
    pages: int
    type_confidence: float | None | Unset = UNSET
    parts: list[DocumentPart] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_: str = self.type_

        pages = self.pages

        type_confidence: float | None | Unset
        if isinstance(self.type_confidence, Unset):
            type_confidence = UNSET
        else:
            type_confidence = self.type_confidence

        parts: list[dict[str, Any]] | None | Unset
        if isinstance(self.parts, Unset):
            parts = UNSET
        elif isinstance(self.parts, list):
            parts = []
            for parts_type_0_item_data in self.parts:
                parts_type_0_item = parts_type_0_item_data.to_dict()
                parts.append(parts_type_0_item)

        else:
            parts = self.parts

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "pages": pages,
            }
        )
        if type_confidence is not UNSET:
            field_dict["type_confidence"] = type_confidence
        if parts is not UNSET:
            field_dict["parts"] = parts

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.document_part import DocumentPart  # noqa: PLC0415

        d = dict(src_dict)
        type_ = check_document_type(d.pop("type"))

        pages = d.pop("pages")

        def _parse_type_confidence(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        type_confidence = _parse_type_confidence(d.pop("type_confidence", UNSET))

        def _parse_parts(data: object) -> list[DocumentPart] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                parts_type_0 = []
                _parts_type_0 = data
                for parts_type_0_item_data in _parts_type_0:
                    parts_type_0_item = DocumentPart.from_dict(parts_type_0_item_data)

                    parts_type_0.append(parts_type_0_item)

                return parts_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[DocumentPart] | None | Unset, data)

        parts = _parse_parts(d.pop("parts", UNSET))

        document = cls(
            type_=type_,
            pages=pages,
            type_confidence=type_confidence,
            parts=parts,
        )

        document.additional_properties = d
        return document

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
