from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.any_field import AnyField
    from ..models.flag_field import FlagField
    from ..models.lines_field import LinesField
    from ..models.members_field import MembersField
    from ..models.text_field import TextField


T = TypeVar("T", bound="Fields")


@_attrs_define
class Fields:
    """Every document type's fields (which keys a type has: FIELD_KEYS). A page of another type than the
    document's adds its fields with the type as a prefix (`kk.members`): those are the typed extra keys.

        Attributes:
            nik (None | TextField | Unset):
            name (None | TextField | Unset):
            birth_place (None | TextField | Unset):
            birth_date (None | TextField | Unset):
            sex (None | TextField | Unset):
            blood_type (None | TextField | Unset):
            address (None | TextField | Unset):
            rt_rw (None | TextField | Unset):
            village (None | TextField | Unset):
            district (None | TextField | Unset):
            religion (None | TextField | Unset):
            marital_status (None | TextField | Unset):
            occupation (None | TextField | Unset):
            nationality (None | TextField | Unset):
            valid_until (None | TextField | Unset):
            province (None | TextField | Unset):
            regency (None | TextField | Unset):
            kk_number (None | TextField | Unset):
            head_name (None | TextField | Unset):
            issue_date (None | TextField | Unset):
            members (MembersField | None | Unset):
            document_number (None | TextField | Unset):
            surname (None | TextField | Unset):
            given_names (None | TextField | Unset):
            expiry_date (None | TextField | Unset):
            issuing_country (None | TextField | Unset):
            personal_number (None | TextField | Unset):
            mrz_lines (LinesField | None | Unset):
            mrz_valid (FlagField | None | Unset): True when every check digit of the MRZ holds.
            mrz_format (None | TextField | Unset):
            document_code (None | TextField | Unset):
            letter_number (None | TextField | Unset):
            issuer (None | TextField | Unset):
            subject_name (None | TextField | Unset):
            subject_nik (None | TextField | Unset):
            subject_address (None | TextField | Unset):
            purpose (None | TextField | Unset):
            sim_number (None | TextField | Unset): 12 or 14 digits, without dashes or spaces (MMYY, area, serial).
            sim_class (None | TextField | Unset): A, B1, B2, C, C1, C2, D, D1, A UMUM, B1 UMUM or B2 UMUM.
    """

    nik: None | TextField | Unset = UNSET
    name: None | TextField | Unset = UNSET
    birth_place: None | TextField | Unset = UNSET
    birth_date: None | TextField | Unset = UNSET
    sex: None | TextField | Unset = UNSET
    blood_type: None | TextField | Unset = UNSET
    address: None | TextField | Unset = UNSET
    rt_rw: None | TextField | Unset = UNSET
    village: None | TextField | Unset = UNSET
    district: None | TextField | Unset = UNSET
    religion: None | TextField | Unset = UNSET
    marital_status: None | TextField | Unset = UNSET
    occupation: None | TextField | Unset = UNSET
    nationality: None | TextField | Unset = UNSET
    valid_until: None | TextField | Unset = UNSET
    province: None | TextField | Unset = UNSET
    regency: None | TextField | Unset = UNSET
    kk_number: None | TextField | Unset = UNSET
    head_name: None | TextField | Unset = UNSET
    issue_date: None | TextField | Unset = UNSET
    members: MembersField | None | Unset = UNSET
    document_number: None | TextField | Unset = UNSET
    surname: None | TextField | Unset = UNSET
    given_names: None | TextField | Unset = UNSET
    expiry_date: None | TextField | Unset = UNSET
    issuing_country: None | TextField | Unset = UNSET
    personal_number: None | TextField | Unset = UNSET
    mrz_lines: LinesField | None | Unset = UNSET
    mrz_valid: FlagField | None | Unset = UNSET
    mrz_format: None | TextField | Unset = UNSET
    document_code: None | TextField | Unset = UNSET
    letter_number: None | TextField | Unset = UNSET
    issuer: None | TextField | Unset = UNSET
    subject_name: None | TextField | Unset = UNSET
    subject_nik: None | TextField | Unset = UNSET
    subject_address: None | TextField | Unset = UNSET
    purpose: None | TextField | Unset = UNSET
    sim_number: None | TextField | Unset = UNSET
    sim_class: None | TextField | Unset = UNSET
    additional_properties: dict[str, AnyField] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.flag_field import FlagField  # noqa: PLC0415
        from ..models.lines_field import LinesField  # noqa: PLC0415
        from ..models.members_field import MembersField  # noqa: PLC0415
        from ..models.text_field import TextField  # noqa: PLC0415

        nik: dict[str, Any] | None | Unset
        if isinstance(self.nik, Unset):
            nik = UNSET
        elif isinstance(self.nik, TextField):
            nik = self.nik.to_dict()
        else:
            nik = self.nik

        name: dict[str, Any] | None | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        elif isinstance(self.name, TextField):
            name = self.name.to_dict()
        else:
            name = self.name

        birth_place: dict[str, Any] | None | Unset
        if isinstance(self.birth_place, Unset):
            birth_place = UNSET
        elif isinstance(self.birth_place, TextField):
            birth_place = self.birth_place.to_dict()
        else:
            birth_place = self.birth_place

        birth_date: dict[str, Any] | None | Unset
        if isinstance(self.birth_date, Unset):
            birth_date = UNSET
        elif isinstance(self.birth_date, TextField):
            birth_date = self.birth_date.to_dict()
        else:
            birth_date = self.birth_date

        sex: dict[str, Any] | None | Unset
        if isinstance(self.sex, Unset):
            sex = UNSET
        elif isinstance(self.sex, TextField):
            sex = self.sex.to_dict()
        else:
            sex = self.sex

        blood_type: dict[str, Any] | None | Unset
        if isinstance(self.blood_type, Unset):
            blood_type = UNSET
        elif isinstance(self.blood_type, TextField):
            blood_type = self.blood_type.to_dict()
        else:
            blood_type = self.blood_type

        address: dict[str, Any] | None | Unset
        if isinstance(self.address, Unset):
            address = UNSET
        elif isinstance(self.address, TextField):
            address = self.address.to_dict()
        else:
            address = self.address

        rt_rw: dict[str, Any] | None | Unset
        if isinstance(self.rt_rw, Unset):
            rt_rw = UNSET
        elif isinstance(self.rt_rw, TextField):
            rt_rw = self.rt_rw.to_dict()
        else:
            rt_rw = self.rt_rw

        village: dict[str, Any] | None | Unset
        if isinstance(self.village, Unset):
            village = UNSET
        elif isinstance(self.village, TextField):
            village = self.village.to_dict()
        else:
            village = self.village

        district: dict[str, Any] | None | Unset
        if isinstance(self.district, Unset):
            district = UNSET
        elif isinstance(self.district, TextField):
            district = self.district.to_dict()
        else:
            district = self.district

        religion: dict[str, Any] | None | Unset
        if isinstance(self.religion, Unset):
            religion = UNSET
        elif isinstance(self.religion, TextField):
            religion = self.religion.to_dict()
        else:
            religion = self.religion

        marital_status: dict[str, Any] | None | Unset
        if isinstance(self.marital_status, Unset):
            marital_status = UNSET
        elif isinstance(self.marital_status, TextField):
            marital_status = self.marital_status.to_dict()
        else:
            marital_status = self.marital_status

        occupation: dict[str, Any] | None | Unset
        if isinstance(self.occupation, Unset):
            occupation = UNSET
        elif isinstance(self.occupation, TextField):
            occupation = self.occupation.to_dict()
        else:
            occupation = self.occupation

        nationality: dict[str, Any] | None | Unset
        if isinstance(self.nationality, Unset):
            nationality = UNSET
        elif isinstance(self.nationality, TextField):
            nationality = self.nationality.to_dict()
        else:
            nationality = self.nationality

        valid_until: dict[str, Any] | None | Unset
        if isinstance(self.valid_until, Unset):
            valid_until = UNSET
        elif isinstance(self.valid_until, TextField):
            valid_until = self.valid_until.to_dict()
        else:
            valid_until = self.valid_until

        province: dict[str, Any] | None | Unset
        if isinstance(self.province, Unset):
            province = UNSET
        elif isinstance(self.province, TextField):
            province = self.province.to_dict()
        else:
            province = self.province

        regency: dict[str, Any] | None | Unset
        if isinstance(self.regency, Unset):
            regency = UNSET
        elif isinstance(self.regency, TextField):
            regency = self.regency.to_dict()
        else:
            regency = self.regency

        kk_number: dict[str, Any] | None | Unset
        if isinstance(self.kk_number, Unset):
            kk_number = UNSET
        elif isinstance(self.kk_number, TextField):
            kk_number = self.kk_number.to_dict()
        else:
            kk_number = self.kk_number

        head_name: dict[str, Any] | None | Unset
        if isinstance(self.head_name, Unset):
            head_name = UNSET
        elif isinstance(self.head_name, TextField):
            head_name = self.head_name.to_dict()
        else:
            head_name = self.head_name

        issue_date: dict[str, Any] | None | Unset
        if isinstance(self.issue_date, Unset):
            issue_date = UNSET
        elif isinstance(self.issue_date, TextField):
            issue_date = self.issue_date.to_dict()
        else:
            issue_date = self.issue_date

        members: dict[str, Any] | None | Unset
        if isinstance(self.members, Unset):
            members = UNSET
        elif isinstance(self.members, MembersField):
            members = self.members.to_dict()
        else:
            members = self.members

        document_number: dict[str, Any] | None | Unset
        if isinstance(self.document_number, Unset):
            document_number = UNSET
        elif isinstance(self.document_number, TextField):
            document_number = self.document_number.to_dict()
        else:
            document_number = self.document_number

        surname: dict[str, Any] | None | Unset
        if isinstance(self.surname, Unset):
            surname = UNSET
        elif isinstance(self.surname, TextField):
            surname = self.surname.to_dict()
        else:
            surname = self.surname

        given_names: dict[str, Any] | None | Unset
        if isinstance(self.given_names, Unset):
            given_names = UNSET
        elif isinstance(self.given_names, TextField):
            given_names = self.given_names.to_dict()
        else:
            given_names = self.given_names

        expiry_date: dict[str, Any] | None | Unset
        if isinstance(self.expiry_date, Unset):
            expiry_date = UNSET
        elif isinstance(self.expiry_date, TextField):
            expiry_date = self.expiry_date.to_dict()
        else:
            expiry_date = self.expiry_date

        issuing_country: dict[str, Any] | None | Unset
        if isinstance(self.issuing_country, Unset):
            issuing_country = UNSET
        elif isinstance(self.issuing_country, TextField):
            issuing_country = self.issuing_country.to_dict()
        else:
            issuing_country = self.issuing_country

        personal_number: dict[str, Any] | None | Unset
        if isinstance(self.personal_number, Unset):
            personal_number = UNSET
        elif isinstance(self.personal_number, TextField):
            personal_number = self.personal_number.to_dict()
        else:
            personal_number = self.personal_number

        mrz_lines: dict[str, Any] | None | Unset
        if isinstance(self.mrz_lines, Unset):
            mrz_lines = UNSET
        elif isinstance(self.mrz_lines, LinesField):
            mrz_lines = self.mrz_lines.to_dict()
        else:
            mrz_lines = self.mrz_lines

        mrz_valid: dict[str, Any] | None | Unset
        if isinstance(self.mrz_valid, Unset):
            mrz_valid = UNSET
        elif isinstance(self.mrz_valid, FlagField):
            mrz_valid = self.mrz_valid.to_dict()
        else:
            mrz_valid = self.mrz_valid

        mrz_format: dict[str, Any] | None | Unset
        if isinstance(self.mrz_format, Unset):
            mrz_format = UNSET
        elif isinstance(self.mrz_format, TextField):
            mrz_format = self.mrz_format.to_dict()
        else:
            mrz_format = self.mrz_format

        document_code: dict[str, Any] | None | Unset
        if isinstance(self.document_code, Unset):
            document_code = UNSET
        elif isinstance(self.document_code, TextField):
            document_code = self.document_code.to_dict()
        else:
            document_code = self.document_code

        letter_number: dict[str, Any] | None | Unset
        if isinstance(self.letter_number, Unset):
            letter_number = UNSET
        elif isinstance(self.letter_number, TextField):
            letter_number = self.letter_number.to_dict()
        else:
            letter_number = self.letter_number

        issuer: dict[str, Any] | None | Unset
        if isinstance(self.issuer, Unset):
            issuer = UNSET
        elif isinstance(self.issuer, TextField):
            issuer = self.issuer.to_dict()
        else:
            issuer = self.issuer

        subject_name: dict[str, Any] | None | Unset
        if isinstance(self.subject_name, Unset):
            subject_name = UNSET
        elif isinstance(self.subject_name, TextField):
            subject_name = self.subject_name.to_dict()
        else:
            subject_name = self.subject_name

        subject_nik: dict[str, Any] | None | Unset
        if isinstance(self.subject_nik, Unset):
            subject_nik = UNSET
        elif isinstance(self.subject_nik, TextField):
            subject_nik = self.subject_nik.to_dict()
        else:
            subject_nik = self.subject_nik

        subject_address: dict[str, Any] | None | Unset
        if isinstance(self.subject_address, Unset):
            subject_address = UNSET
        elif isinstance(self.subject_address, TextField):
            subject_address = self.subject_address.to_dict()
        else:
            subject_address = self.subject_address

        purpose: dict[str, Any] | None | Unset
        if isinstance(self.purpose, Unset):
            purpose = UNSET
        elif isinstance(self.purpose, TextField):
            purpose = self.purpose.to_dict()
        else:
            purpose = self.purpose

        sim_number: dict[str, Any] | None | Unset
        if isinstance(self.sim_number, Unset):
            sim_number = UNSET
        elif isinstance(self.sim_number, TextField):
            sim_number = self.sim_number.to_dict()
        else:
            sim_number = self.sim_number

        sim_class: dict[str, Any] | None | Unset
        if isinstance(self.sim_class, Unset):
            sim_class = UNSET
        elif isinstance(self.sim_class, TextField):
            sim_class = self.sim_class.to_dict()
        else:
            sim_class = self.sim_class

        field_dict: dict[str, Any] = {}
        for prop_name, prop in self.additional_properties.items():
            field_dict[prop_name] = prop.to_dict()

        field_dict.update({})
        if nik is not UNSET:
            field_dict["nik"] = nik
        if name is not UNSET:
            field_dict["name"] = name
        if birth_place is not UNSET:
            field_dict["birth_place"] = birth_place
        if birth_date is not UNSET:
            field_dict["birth_date"] = birth_date
        if sex is not UNSET:
            field_dict["sex"] = sex
        if blood_type is not UNSET:
            field_dict["blood_type"] = blood_type
        if address is not UNSET:
            field_dict["address"] = address
        if rt_rw is not UNSET:
            field_dict["rt_rw"] = rt_rw
        if village is not UNSET:
            field_dict["village"] = village
        if district is not UNSET:
            field_dict["district"] = district
        if religion is not UNSET:
            field_dict["religion"] = religion
        if marital_status is not UNSET:
            field_dict["marital_status"] = marital_status
        if occupation is not UNSET:
            field_dict["occupation"] = occupation
        if nationality is not UNSET:
            field_dict["nationality"] = nationality
        if valid_until is not UNSET:
            field_dict["valid_until"] = valid_until
        if province is not UNSET:
            field_dict["province"] = province
        if regency is not UNSET:
            field_dict["regency"] = regency
        if kk_number is not UNSET:
            field_dict["kk_number"] = kk_number
        if head_name is not UNSET:
            field_dict["head_name"] = head_name
        if issue_date is not UNSET:
            field_dict["issue_date"] = issue_date
        if members is not UNSET:
            field_dict["members"] = members
        if document_number is not UNSET:
            field_dict["document_number"] = document_number
        if surname is not UNSET:
            field_dict["surname"] = surname
        if given_names is not UNSET:
            field_dict["given_names"] = given_names
        if expiry_date is not UNSET:
            field_dict["expiry_date"] = expiry_date
        if issuing_country is not UNSET:
            field_dict["issuing_country"] = issuing_country
        if personal_number is not UNSET:
            field_dict["personal_number"] = personal_number
        if mrz_lines is not UNSET:
            field_dict["mrz_lines"] = mrz_lines
        if mrz_valid is not UNSET:
            field_dict["mrz_valid"] = mrz_valid
        if mrz_format is not UNSET:
            field_dict["mrz_format"] = mrz_format
        if document_code is not UNSET:
            field_dict["document_code"] = document_code
        if letter_number is not UNSET:
            field_dict["letter_number"] = letter_number
        if issuer is not UNSET:
            field_dict["issuer"] = issuer
        if subject_name is not UNSET:
            field_dict["subject_name"] = subject_name
        if subject_nik is not UNSET:
            field_dict["subject_nik"] = subject_nik
        if subject_address is not UNSET:
            field_dict["subject_address"] = subject_address
        if purpose is not UNSET:
            field_dict["purpose"] = purpose
        if sim_number is not UNSET:
            field_dict["sim_number"] = sim_number
        if sim_class is not UNSET:
            field_dict["sim_class"] = sim_class

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.any_field import AnyField  # noqa: PLC0415
        from ..models.flag_field import FlagField  # noqa: PLC0415
        from ..models.lines_field import LinesField  # noqa: PLC0415
        from ..models.members_field import MembersField  # noqa: PLC0415
        from ..models.text_field import TextField  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_nik(data: object) -> None | TextField | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                nik_type_0 = TextField.from_dict(data)

                return nik_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TextField | Unset, data)

        nik = _parse_nik(d.pop("nik", UNSET))

        def _parse_name(data: object) -> None | TextField | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                name_type_0 = TextField.from_dict(data)

                return name_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TextField | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_birth_place(data: object) -> None | TextField | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                birth_place_type_0 = TextField.from_dict(data)

                return birth_place_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TextField | Unset, data)

        birth_place = _parse_birth_place(d.pop("birth_place", UNSET))

        def _parse_birth_date(data: object) -> None | TextField | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                birth_date_type_0 = TextField.from_dict(data)

                return birth_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TextField | Unset, data)

        birth_date = _parse_birth_date(d.pop("birth_date", UNSET))

        def _parse_sex(data: object) -> None | TextField | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                sex_type_0 = TextField.from_dict(data)

                return sex_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TextField | Unset, data)

        sex = _parse_sex(d.pop("sex", UNSET))

        def _parse_blood_type(data: object) -> None | TextField | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                blood_type_type_0 = TextField.from_dict(data)

                return blood_type_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TextField | Unset, data)

        blood_type = _parse_blood_type(d.pop("blood_type", UNSET))

        def _parse_address(data: object) -> None | TextField | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                address_type_0 = TextField.from_dict(data)

                return address_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TextField | Unset, data)

        address = _parse_address(d.pop("address", UNSET))

        def _parse_rt_rw(data: object) -> None | TextField | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                rt_rw_type_0 = TextField.from_dict(data)

                return rt_rw_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TextField | Unset, data)

        rt_rw = _parse_rt_rw(d.pop("rt_rw", UNSET))

        def _parse_village(data: object) -> None | TextField | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                village_type_0 = TextField.from_dict(data)

                return village_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TextField | Unset, data)

        village = _parse_village(d.pop("village", UNSET))

        def _parse_district(data: object) -> None | TextField | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                district_type_0 = TextField.from_dict(data)

                return district_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TextField | Unset, data)

        district = _parse_district(d.pop("district", UNSET))

        def _parse_religion(data: object) -> None | TextField | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                religion_type_0 = TextField.from_dict(data)

                return religion_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TextField | Unset, data)

        religion = _parse_religion(d.pop("religion", UNSET))

        def _parse_marital_status(data: object) -> None | TextField | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                marital_status_type_0 = TextField.from_dict(data)

                return marital_status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TextField | Unset, data)

        marital_status = _parse_marital_status(d.pop("marital_status", UNSET))

        def _parse_occupation(data: object) -> None | TextField | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                occupation_type_0 = TextField.from_dict(data)

                return occupation_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TextField | Unset, data)

        occupation = _parse_occupation(d.pop("occupation", UNSET))

        def _parse_nationality(data: object) -> None | TextField | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                nationality_type_0 = TextField.from_dict(data)

                return nationality_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TextField | Unset, data)

        nationality = _parse_nationality(d.pop("nationality", UNSET))

        def _parse_valid_until(data: object) -> None | TextField | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                valid_until_type_0 = TextField.from_dict(data)

                return valid_until_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TextField | Unset, data)

        valid_until = _parse_valid_until(d.pop("valid_until", UNSET))

        def _parse_province(data: object) -> None | TextField | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                province_type_0 = TextField.from_dict(data)

                return province_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TextField | Unset, data)

        province = _parse_province(d.pop("province", UNSET))

        def _parse_regency(data: object) -> None | TextField | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                regency_type_0 = TextField.from_dict(data)

                return regency_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TextField | Unset, data)

        regency = _parse_regency(d.pop("regency", UNSET))

        def _parse_kk_number(data: object) -> None | TextField | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                kk_number_type_0 = TextField.from_dict(data)

                return kk_number_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TextField | Unset, data)

        kk_number = _parse_kk_number(d.pop("kk_number", UNSET))

        def _parse_head_name(data: object) -> None | TextField | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                head_name_type_0 = TextField.from_dict(data)

                return head_name_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TextField | Unset, data)

        head_name = _parse_head_name(d.pop("head_name", UNSET))

        def _parse_issue_date(data: object) -> None | TextField | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                issue_date_type_0 = TextField.from_dict(data)

                return issue_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TextField | Unset, data)

        issue_date = _parse_issue_date(d.pop("issue_date", UNSET))

        def _parse_members(data: object) -> MembersField | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                members_type_0 = MembersField.from_dict(data)

                return members_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(MembersField | None | Unset, data)

        members = _parse_members(d.pop("members", UNSET))

        def _parse_document_number(data: object) -> None | TextField | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                document_number_type_0 = TextField.from_dict(data)

                return document_number_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TextField | Unset, data)

        document_number = _parse_document_number(d.pop("document_number", UNSET))

        def _parse_surname(data: object) -> None | TextField | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                surname_type_0 = TextField.from_dict(data)

                return surname_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TextField | Unset, data)

        surname = _parse_surname(d.pop("surname", UNSET))

        def _parse_given_names(data: object) -> None | TextField | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                given_names_type_0 = TextField.from_dict(data)

                return given_names_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TextField | Unset, data)

        given_names = _parse_given_names(d.pop("given_names", UNSET))

        def _parse_expiry_date(data: object) -> None | TextField | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                expiry_date_type_0 = TextField.from_dict(data)

                return expiry_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TextField | Unset, data)

        expiry_date = _parse_expiry_date(d.pop("expiry_date", UNSET))

        def _parse_issuing_country(data: object) -> None | TextField | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                issuing_country_type_0 = TextField.from_dict(data)

                return issuing_country_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TextField | Unset, data)

        issuing_country = _parse_issuing_country(d.pop("issuing_country", UNSET))

        def _parse_personal_number(data: object) -> None | TextField | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                personal_number_type_0 = TextField.from_dict(data)

                return personal_number_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TextField | Unset, data)

        personal_number = _parse_personal_number(d.pop("personal_number", UNSET))

        def _parse_mrz_lines(data: object) -> LinesField | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                mrz_lines_type_0 = LinesField.from_dict(data)

                return mrz_lines_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(LinesField | None | Unset, data)

        mrz_lines = _parse_mrz_lines(d.pop("mrz_lines", UNSET))

        def _parse_mrz_valid(data: object) -> FlagField | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                mrz_valid_type_0 = FlagField.from_dict(data)

                return mrz_valid_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(FlagField | None | Unset, data)

        mrz_valid = _parse_mrz_valid(d.pop("mrz_valid", UNSET))

        def _parse_mrz_format(data: object) -> None | TextField | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                mrz_format_type_0 = TextField.from_dict(data)

                return mrz_format_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TextField | Unset, data)

        mrz_format = _parse_mrz_format(d.pop("mrz_format", UNSET))

        def _parse_document_code(data: object) -> None | TextField | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                document_code_type_0 = TextField.from_dict(data)

                return document_code_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TextField | Unset, data)

        document_code = _parse_document_code(d.pop("document_code", UNSET))

        def _parse_letter_number(data: object) -> None | TextField | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                letter_number_type_0 = TextField.from_dict(data)

                return letter_number_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TextField | Unset, data)

        letter_number = _parse_letter_number(d.pop("letter_number", UNSET))

        def _parse_issuer(data: object) -> None | TextField | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                issuer_type_0 = TextField.from_dict(data)

                return issuer_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TextField | Unset, data)

        issuer = _parse_issuer(d.pop("issuer", UNSET))

        def _parse_subject_name(data: object) -> None | TextField | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                subject_name_type_0 = TextField.from_dict(data)

                return subject_name_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TextField | Unset, data)

        subject_name = _parse_subject_name(d.pop("subject_name", UNSET))

        def _parse_subject_nik(data: object) -> None | TextField | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                subject_nik_type_0 = TextField.from_dict(data)

                return subject_nik_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TextField | Unset, data)

        subject_nik = _parse_subject_nik(d.pop("subject_nik", UNSET))

        def _parse_subject_address(data: object) -> None | TextField | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                subject_address_type_0 = TextField.from_dict(data)

                return subject_address_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TextField | Unset, data)

        subject_address = _parse_subject_address(d.pop("subject_address", UNSET))

        def _parse_purpose(data: object) -> None | TextField | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                purpose_type_0 = TextField.from_dict(data)

                return purpose_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TextField | Unset, data)

        purpose = _parse_purpose(d.pop("purpose", UNSET))

        def _parse_sim_number(data: object) -> None | TextField | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                sim_number_type_0 = TextField.from_dict(data)

                return sim_number_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TextField | Unset, data)

        sim_number = _parse_sim_number(d.pop("sim_number", UNSET))

        def _parse_sim_class(data: object) -> None | TextField | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                sim_class_type_0 = TextField.from_dict(data)

                return sim_class_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TextField | Unset, data)

        sim_class = _parse_sim_class(d.pop("sim_class", UNSET))

        fields = cls(
            nik=nik,
            name=name,
            birth_place=birth_place,
            birth_date=birth_date,
            sex=sex,
            blood_type=blood_type,
            address=address,
            rt_rw=rt_rw,
            village=village,
            district=district,
            religion=religion,
            marital_status=marital_status,
            occupation=occupation,
            nationality=nationality,
            valid_until=valid_until,
            province=province,
            regency=regency,
            kk_number=kk_number,
            head_name=head_name,
            issue_date=issue_date,
            members=members,
            document_number=document_number,
            surname=surname,
            given_names=given_names,
            expiry_date=expiry_date,
            issuing_country=issuing_country,
            personal_number=personal_number,
            mrz_lines=mrz_lines,
            mrz_valid=mrz_valid,
            mrz_format=mrz_format,
            document_code=document_code,
            letter_number=letter_number,
            issuer=issuer,
            subject_name=subject_name,
            subject_nik=subject_nik,
            subject_address=subject_address,
            purpose=purpose,
            sim_number=sim_number,
            sim_class=sim_class,
        )

        additional_properties = {}
        for prop_name, prop_dict in d.items():
            additional_property = AnyField.from_dict(prop_dict)

            additional_properties[prop_name] = additional_property

        fields.additional_properties = additional_properties
        return fields

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> AnyField:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: AnyField) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
