from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="KkMember")


@_attrs_define
class KkMember:
    """
    Attributes:
        nik (None | str | Unset):
        name (None | str | Unset):
        sex (None | str | Unset):
        birth_place (None | str | Unset):
        birth_date (None | str | Unset):
        religion (None | str | Unset):
        education (None | str | Unset):
        occupation (None | str | Unset):
        marital_status (None | str | Unset):
        relationship (None | str | Unset):
        nationality (None | str | Unset):
        father_name (None | str | Unset):
        mother_name (None | str | Unset):
    """

    nik: None | str | Unset = UNSET
    name: None | str | Unset = UNSET
    sex: None | str | Unset = UNSET
    birth_place: None | str | Unset = UNSET
    birth_date: None | str | Unset = UNSET
    religion: None | str | Unset = UNSET
    education: None | str | Unset = UNSET
    occupation: None | str | Unset = UNSET
    marital_status: None | str | Unset = UNSET
    relationship: None | str | Unset = UNSET
    nationality: None | str | Unset = UNSET
    father_name: None | str | Unset = UNSET
    mother_name: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        nik: None | str | Unset
        if isinstance(self.nik, Unset):
            nik = UNSET
        else:
            nik = self.nik

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        sex: None | str | Unset
        if isinstance(self.sex, Unset):
            sex = UNSET
        else:
            sex = self.sex

        birth_place: None | str | Unset
        if isinstance(self.birth_place, Unset):
            birth_place = UNSET
        else:
            birth_place = self.birth_place

        birth_date: None | str | Unset
        if isinstance(self.birth_date, Unset):
            birth_date = UNSET
        else:
            birth_date = self.birth_date

        religion: None | str | Unset
        if isinstance(self.religion, Unset):
            religion = UNSET
        else:
            religion = self.religion

        education: None | str | Unset
        if isinstance(self.education, Unset):
            education = UNSET
        else:
            education = self.education

        occupation: None | str | Unset
        if isinstance(self.occupation, Unset):
            occupation = UNSET
        else:
            occupation = self.occupation

        marital_status: None | str | Unset
        if isinstance(self.marital_status, Unset):
            marital_status = UNSET
        else:
            marital_status = self.marital_status

        relationship: None | str | Unset
        if isinstance(self.relationship, Unset):
            relationship = UNSET
        else:
            relationship = self.relationship

        nationality: None | str | Unset
        if isinstance(self.nationality, Unset):
            nationality = UNSET
        else:
            nationality = self.nationality

        father_name: None | str | Unset
        if isinstance(self.father_name, Unset):
            father_name = UNSET
        else:
            father_name = self.father_name

        mother_name: None | str | Unset
        if isinstance(self.mother_name, Unset):
            mother_name = UNSET
        else:
            mother_name = self.mother_name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if nik is not UNSET:
            field_dict["nik"] = nik
        if name is not UNSET:
            field_dict["name"] = name
        if sex is not UNSET:
            field_dict["sex"] = sex
        if birth_place is not UNSET:
            field_dict["birth_place"] = birth_place
        if birth_date is not UNSET:
            field_dict["birth_date"] = birth_date
        if religion is not UNSET:
            field_dict["religion"] = religion
        if education is not UNSET:
            field_dict["education"] = education
        if occupation is not UNSET:
            field_dict["occupation"] = occupation
        if marital_status is not UNSET:
            field_dict["marital_status"] = marital_status
        if relationship is not UNSET:
            field_dict["relationship"] = relationship
        if nationality is not UNSET:
            field_dict["nationality"] = nationality
        if father_name is not UNSET:
            field_dict["father_name"] = father_name
        if mother_name is not UNSET:
            field_dict["mother_name"] = mother_name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_nik(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        nik = _parse_nik(d.pop("nik", UNSET))

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_sex(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        sex = _parse_sex(d.pop("sex", UNSET))

        def _parse_birth_place(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        birth_place = _parse_birth_place(d.pop("birth_place", UNSET))

        def _parse_birth_date(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        birth_date = _parse_birth_date(d.pop("birth_date", UNSET))

        def _parse_religion(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        religion = _parse_religion(d.pop("religion", UNSET))

        def _parse_education(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        education = _parse_education(d.pop("education", UNSET))

        def _parse_occupation(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        occupation = _parse_occupation(d.pop("occupation", UNSET))

        def _parse_marital_status(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        marital_status = _parse_marital_status(d.pop("marital_status", UNSET))

        def _parse_relationship(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        relationship = _parse_relationship(d.pop("relationship", UNSET))

        def _parse_nationality(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        nationality = _parse_nationality(d.pop("nationality", UNSET))

        def _parse_father_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        father_name = _parse_father_name(d.pop("father_name", UNSET))

        def _parse_mother_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        mother_name = _parse_mother_name(d.pop("mother_name", UNSET))

        kk_member = cls(
            nik=nik,
            name=name,
            sex=sex,
            birth_place=birth_place,
            birth_date=birth_date,
            religion=religion,
            education=education,
            occupation=occupation,
            marital_status=marital_status,
            relationship=relationship,
            nationality=nationality,
            father_name=father_name,
            mother_name=mother_name,
        )

        kk_member.additional_properties = d
        return kk_member

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
