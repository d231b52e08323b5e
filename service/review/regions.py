"""Province of a case for the queue's region filter: the NIK's first two digits (Kemendagri codes), else the
printed province. Codes and names come from the region table the pipeline reads (primitives/data/wilayah.csv),
names as a KTP header prints them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from primitives.nik import is_nik_shaped
from primitives.regions import card_province, load_regions

PROVINCES: dict[str, str] = {r.code: card_province(r) for r in load_regions().provinces()}
# names as printed on cards' headers that differ from the table's
_ALIASES = {
    "DAERAH KHUSUS IBUKOTA JAKARTA": "31",
    "DKI JAKARTA": "31",
    "DAERAH ISTIMEWA YOGYAKARTA": "34",
    "DI YOGYAKARTA": "34",
    "YOGYAKARTA": "34",
}
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


# Time zones (issue 21): clerks work in WIB, WITA and WIT. Indonesia keeps no daylight saving, so fixed offsets.
ZONES: dict[str, timezone] = {
    "WIB": timezone(timedelta(hours=7)),
    "WITA": timezone(timedelta(hours=8)),
    "WIT": timezone(timedelta(hours=9)),
}
# provinces east of WIB by their Kemendagri code: Bali, Nusa Tenggara, South/East/North Kalimantan, Sulawesi
_WITA = {"51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76"}
_WIT = {"81", "82", "91", "92", "93", "94", "95", "96", "97"}  # Maluku, North Maluku, the Papua provinces


def zone_of(province: str | None, office: str | None = None) -> str:
    """The zone a time is shown in: the office's when set, else the province's (from the NIK), else WIB."""
    if office in ZONES:
        return str(office)
    if province in _WITA:
        return "WITA"
    if province in _WIT:
        return "WIT"
    return "WIB"


def local_time(
    at: datetime | str | None, province: str | None = None, office: str | None = None, seconds: bool = False
) -> str:
    """A stored UTC time as the clerk reads it: local to the zone, labelled ("2026-12-07 10:33 WIB")."""
    if at is None or at == "":
        return "—"
    if isinstance(at, str):
        try:
            moment = datetime.fromisoformat(at)
        except ValueError:
            return at
    else:
        moment = at
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    zone = zone_of(province, office)
    return f"{moment.astimezone(ZONES[zone]).strftime('%Y-%m-%d %H:%M:%S' if seconds else '%Y-%m-%d %H:%M')} {zone}"
