from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.kk_member import KkMember


T = TypeVar("T", bound="AnyField")


@_attrs_define
class AnyField:
    """A field of a page of another type than the document's (its key prefixed `kk.`, `sktm.` …).

    Attributes:
        value (bool | list[KkMember] | list[str] | None | str):
        confidence (float):
        bbox (list[int] | None | Unset):
        page (int | Unset):  Default: 0.
        corrected (bool | None | Unset): True once a clerk corrected the value.
        corrected_by (None | str | Unset): The clerk who corrected it.
        read_value (bool | list[KkMember] | list[str] | None | str | Unset): What the pipeline read, kept beside a
            clerk's correction.
    """

    value: bool | list[KkMember] | list[str] | None | str
    confidence: float
    bbox: list[int] | None | Unset = UNSET
    page: int | Unset = 0
    corrected: bool | None | Unset = UNSET
    corrected_by: None | str | Unset = UNSET
    read_value: bool | list[KkMember] | list[str] | None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        value: bool | list[dict[str, Any]] | list[str] | None | str
        if isinstance(self.value, list):
            value = []
            for value_type_2_item_data in self.value:
                value_type_2_item = value_type_2_item_data.to_dict()
                value.append(value_type_2_item)

        elif isinstance(self.value, list):
            value = self.value

        else:
            value = self.value

        confidence = self.confidence

        bbox: list[int] | None | Unset
        if isinstance(self.bbox, Unset):
            bbox = UNSET
        elif isinstance(self.bbox, list):
            bbox = self.bbox

        else:
            bbox = self.bbox

        page = self.page

        corrected: bool | None | Unset
        if isinstance(self.corrected, Unset):
            corrected = UNSET
        else:
            corrected = self.corrected

        corrected_by: None | str | Unset
        if isinstance(self.corrected_by, Unset):
            corrected_by = UNSET
        else:
            corrected_by = self.corrected_by

        read_value: bool | list[dict[str, Any]] | list[str] | None | str | Unset
        if isinstance(self.read_value, Unset):
            read_value = UNSET
        elif isinstance(self.read_value, list):
            read_value = []
            for read_value_type_2_item_data in self.read_value:
                read_value_type_2_item = read_value_type_2_item_data.to_dict()
                read_value.append(read_value_type_2_item)

        elif isinstance(self.read_value, list):
            read_value = self.read_value

        else:
            read_value = self.read_value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "value": value,
                "confidence": confidence,
            }
        )
        if bbox is not UNSET:
            field_dict["bbox"] = bbox
        if page is not UNSET:
            field_dict["page"] = page
        if corrected is not UNSET:
            field_dict["corrected"] = corrected
        if corrected_by is not UNSET:
            field_dict["corrected_by"] = corrected_by
        if read_value is not UNSET:
            field_dict["read_value"] = read_value

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.kk_member import KkMember  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_value(
            data: object,
        ) -> bool | list[KkMember] | list[str] | None | str:
            if data is None:
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                value_type_2 = []
                _value_type_2 = data
                for value_type_2_item_data in _value_type_2:
                    value_type_2_item = KkMember.from_dict(value_type_2_item_data)

                    value_type_2.append(value_type_2_item)

                return value_type_2
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, list):
                    raise TypeError()
                value_type_3 = cast(list[str], data)

                return value_type_3
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(bool | list[KkMember] | list[str] | None | str, data)

        value = _parse_value(d.pop("value"))

        confidence = d.pop("confidence")

        def _parse_bbox(data: object) -> list[int] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                bbox_type_0 = cast(list[int], data)

                return bbox_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[int] | None | Unset, data)

        bbox = _parse_bbox(d.pop("bbox", UNSET))

        page = d.pop("page", UNSET)

        def _parse_corrected(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        corrected = _parse_corrected(d.pop("corrected", UNSET))

        def _parse_corrected_by(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        corrected_by = _parse_corrected_by(d.pop("corrected_by", UNSET))

        def _parse_read_value(
            data: object,
        ) -> bool | list[KkMember] | list[str] | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                read_value_type_2 = []
                _read_value_type_2 = data
                for read_value_type_2_item_data in _read_value_type_2:
                    read_value_type_2_item = KkMember.from_dict(
                        read_value_type_2_item_data
                    )

                    read_value_type_2.append(read_value_type_2_item)

                return read_value_type_2
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, list):
                    raise TypeError()
                read_value_type_3 = cast(list[str], data)

                return read_value_type_3
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(bool | list[KkMember] | list[str] | None | str | Unset, data)

        read_value = _parse_read_value(d.pop("read_value", UNSET))

        any_field = cls(
            value=value,
            confidence=confidence,
            bbox=bbox,
            page=page,
            corrected=corrected,
            corrected_by=corrected_by,
            read_value=read_value,
        )

        any_field.additional_properties = d
        return any_field

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
