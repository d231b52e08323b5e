from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.verdict_request_fields import VerdictRequestFields


T = TypeVar("T", bound="VerdictRequest")


@_attrs_define
class VerdictRequest:
    """What the asker sends: the NIK and the fields it read (any subset of the registry's columns).

    Attributes:
        nik (str): The 16-digit NIK to look up (never echoed back).
        fields (VerdictRequestFields | Unset): The document's fields by the contract's registry column names (name,
            birth_date, birth_place, sex, address, rt_rw, village, district, regency, province, religion, marital_status,
            occupation, blood_type, nationality); values as read, at most 200 characters.
    """

    nik: str
    fields: VerdictRequestFields | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        nik = self.nik

        fields: dict[str, Any] | Unset = UNSET
        if not isinstance(self.fields, Unset):
            fields = self.fields.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "nik": nik,
            }
        )
        if fields is not UNSET:
            field_dict["fields"] = fields

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.verdict_request_fields import VerdictRequestFields  # noqa: PLC0415

        d = dict(src_dict)
        nik = d.pop("nik")

        _fields = d.pop("fields", UNSET)
        fields: VerdictRequestFields | Unset
        if isinstance(_fields, Unset):
            fields = UNSET
        else:
            fields = VerdictRequestFields.from_dict(_fields)

        verdict_request = cls(
            nik=nik,
            fields=fields,
        )

        return verdict_request
