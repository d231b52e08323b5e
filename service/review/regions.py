"""Province of a case for the queue's region filter: the NIK's first two digits (Kemendagri codes), else the
printed province. The 38 province codes and names, as in the pipeline's region list
(workers/pipeline/data/wilayah.csv), which `service/` does not import."""

from __future__ import annotations

from docverify.nik import is_nik_shaped

PROVINCES: dict[str, str] = {
    "11": "ACEH", "12": "SUMATERA UTARA", "13": "SUMATERA BARAT", "14": "RIAU", "15": "JAMBI",
    "16": "SUMATERA SELATAN", "17": "BENGKULU", "18": "LAMPUNG", "19": "KEPULAUAN BANGKA BELITUNG",
    "21": "KEPULAUAN RIAU", "31": "DKI JAKARTA", "32": "JAWA BARAT", "33": "JAWA TENGAH",
    "34": "DI YOGYAKARTA", "35": "JAWA TIMUR", "36": "BANTEN", "51": "BALI", "52": "NUSA TENGGARA BARAT",
    "53": "NUSA TENGGARA TIMUR", "61": "KALIMANTAN BARAT", "62": "KALIMANTAN TENGAH",
    "63": "KALIMANTAN SELATAN", "64": "KALIMANTAN TIMUR", "65": "KALIMANTAN UTARA", "71": "SULAWESI UTARA",
    "72": "SULAWESI TENGAH", "73": "SULAWESI SELATAN", "74": "SULAWESI TENGGARA", "75": "GORONTALO",
    "76": "SULAWESI BARAT", "81": "MALUKU", "82": "MALUKU UTARA", "91": "PAPUA", "92": "PAPUA BARAT",
    "93": "PAPUA SELATAN", "94": "PAPUA TENGAH", "95": "PAPUA PEGUNUNGAN", "96": "PAPUA BARAT DAYA",
}
# names as printed on cards' headers that differ from the short ones above
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

