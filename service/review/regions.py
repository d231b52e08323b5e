"""Province of a case for the queue's region filter: the NIK's first two digits (Kemendagri codes), else the
printed province. Codes and names come from the region table the pipeline reads (docverify/data/wilayah.csv),
names as a KTP header prints them."""

from __future__ import annotations

from docverify.nik import is_nik_shaped
from docverify.regions import card_province, load_regions

PROVINCES: dict[str, str] = {r.code: card_province(r) for r in load_regions().provinces()}
# names as printed on cards' headers that differ from the table's
_ALIASES = {"DAERAH KHUSUS IBUKOTA JAKARTA": "31", "DKI JAKARTA": "31", "DAERAH ISTIMEWA YOGYAKARTA": "34",
            "DI YOGYAKARTA": "34", "YOGYAKARTA": "34"}
_BY_NAME = {**{name: code for code, name in PROVINCES.items()}, **_ALIASES}


def province_code(nik: str | None, printed: str | None) -> str | None:
    """Two-digit province code from the NIK when it names a known province, else from the printed name."""
    if nik is not None and is_nik_shaped(nik) and nik[:2] in PROVINCES:
        return nik[:2]
    if printed:
        return _BY_NAME.get(" ".join(printed.upper().replace("PROVINSI", "").split()))
    return None


def province_name(code: str | None) -> str:
    return PROVINCES.get(code or "", "—")

