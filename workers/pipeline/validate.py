"""Validation of KTP-el fields: the NIK's own rules, its region codes, and its agreement with the card.

Each problem becomes a Reason with a stable code. Validation reports, it does not rewrite: a NIK that
disagrees with the printed birth date may be a misread or a forged card, and a clerk decides which.
"""

from __future__ import annotations

from stdnum.exceptions import ValidationError
from stdnum.id import nik as stdnum_nik

from primitives.nik import is_nik_shaped, mask_nik
from primitives.regions import card_province, card_regency, load_regions
from workers.pipeline.nik_rules import nik_birth_sex
from workers.pipeline.types import Field, Reason

REQUIRED_KTP = ("nik", "name", "birth_date", "sex")


def validate_ktp(fields: dict[str, Field]) -> list[Reason]:
    reasons: list[Reason] = []
    for key in REQUIRED_KTP:
        if key not in fields:
            reasons.append(Reason("FIELD_MISSING", f"{key} could not be read", key))
    nik_field = fields.get("nik")
    if nik_field is None:
        return reasons
    nik = str(nik_field.value)
    if not is_nik_shaped(nik):
        reasons.append(Reason("NIK_INVALID", f"NIK must be 16 digits, read {len(nik)} characters", "nik"))
        return reasons
    try:
        stdnum_nik.validate(nik)
    except ValidationError as exc:
        reasons.append(Reason("NIK_INVALID", f"NIK {mask_nik(nik)} fails the NIK rules: {exc}", "nik"))

    regions = load_regions()
    prov_code, reg_code, dist_code = regions.codes_from_nik(nik)
    province, regency, district = regions.get(prov_code), regions.get(reg_code), regions.get(dist_code)
    if district is None:
        reasons.append(Reason("NIK_REGION_UNKNOWN", f"NIK region code {dist_code} is not a Kemendagri district", "nik"))

    day, month, yy, nik_sex = nik_birth_sex(nik)
    if (birth := fields.get("birth_date")) is not None:
        printed = str(birth.value)
        y, m, d = printed[:4], printed[5:7], printed[8:10]
        if (d, m, y[2:]) != (day, month, yy):
            reasons.append(
                Reason(
                    "NIK_DOB_MISMATCH", f"birth date in NIK is {day}-{month}-..{yy}, card says {printed}", "birth_date"
                )
            )
    if (sex := fields.get("sex")) is not None and sex.value != nik_sex:
        reasons.append(Reason("NIK_SEX_MISMATCH", f"NIK encodes {nik_sex}, card says {sex.value}", "sex"))
    if (
        province
        and (printed_prov := fields.get("province")) is not None
        and printed_prov.value != card_province(province)
    ):
        reasons.append(
            Reason(
                "PROVINCE_MISMATCH",
                f"NIK province is {card_province(province)}, header says {printed_prov.value}",
                "province",
            )
        )
    if regency and (printed_reg := fields.get("regency")) is not None and printed_reg.value != card_regency(regency):
        reasons.append(
            Reason(
                "REGENCY_MISMATCH",
                f"NIK regency is {card_regency(regency)}, header says {printed_reg.value}",
                "regency",
            )
        )
    return reasons
