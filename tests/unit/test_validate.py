from __future__ import annotations

from workers.pipeline.types import Field
from workers.pipeline.validate import mask_nik, validate_ktp


def fields(**values: str) -> dict[str, Field]:
    base = {
        "nik": "3204124108900002",
        "name": "SITI AMINAH",
        "birth_date": "1990-08-01",
        "sex": "PEREMPUAN",
        "province": "JAWA BARAT",
        "regency": "KABUPATEN BANDUNG",
    }
    base.update(values)
    return {k: Field(v, 0.99) for k, v in base.items()}


def codes(reasons: list) -> list[str]:
    return sorted(r.code for r in reasons)


def test_consistent_card_has_no_reasons() -> None:
    assert validate_ktp(fields()) == []


def test_nik_birth_date_and_sex_must_agree_with_the_card() -> None:
    got = validate_ktp(fields(birth_date="1990-01-08", sex="LAKI-LAKI"))
    assert codes(got) == ["NIK_DOB_MISMATCH", "NIK_SEX_MISMATCH"]
    assert "1990-01-08" in got[0].message


def test_nik_region_code_must_exist() -> None:
    # 32.04.99 is no district of Kabupaten Bandung
    assert "NIK_REGION_UNKNOWN" in codes(validate_ktp(fields(nik="3204994108900002")))


def test_nik_rules_from_stdnum() -> None:
    assert codes(validate_ktp(fields(nik="32041241089"))) == ["NIK_INVALID"]
    assert "NIK_INVALID" in codes(validate_ktp(fields(nik="3204124113900002", birth_date="1990-13-01")))


def test_header_must_match_nik_region() -> None:
    got = codes(validate_ktp(fields(province="JAWA TENGAH", regency="KOTA SEMARANG")))
    assert got == ["PROVINCE_MISMATCH", "REGENCY_MISMATCH"]


def test_missing_required_fields_are_reported() -> None:
    f = fields()
    del f["name"], f["sex"]
    assert codes(validate_ktp(f)) == ["FIELD_MISSING", "FIELD_MISSING"]


def test_mask_nik_keeps_last_four() -> None:
    assert mask_nik("3204124108900002") == "************0002"
