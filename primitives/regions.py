"""Kemendagri region codes (province → regency → district → village), shipped in `data/wilayah.csv`.

Source: cahyadsn/wilayah, MIT licence (`data/LICENSE-cahyadsn-wilayah`). Codes are dotted
(`32.04.12`); a NIK's first six digits are the province, regency and district codes without dots.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).with_name("data") / "wilayah.csv"


@dataclass(frozen=True)
class Region:
    code: str
    level: str  # province | regency | district | village
    name: str  # as published, e.g. "Kabupaten Bandung"

    @property
    def upper(self) -> str:
        return " ".join(self.name.upper().split())


class Regions:
    def __init__(self, rows: list[Region]) -> None:
        self.by_code: dict[str, Region] = {}
        self.children: dict[str, list[Region]] = defaultdict(list)
        for r in rows:
            self.by_code[r.code] = r
            parent = r.code.rpartition(".")[0]
            if parent:
                self.children[parent].append(r)

    def get(self, code: str) -> Region | None:
        return self.by_code.get(code)

    def provinces(self) -> list[Region]:
        return [r for r in self.by_code.values() if r.level == "province"]

    def children_of(self, code: str) -> list[Region]:
        return self.children.get(code, [])

    def codes_from_nik(self, nik: str) -> tuple[str, str, str]:
        """Dotted province, regency and district codes encoded in a NIK's first six digits."""
        return nik[0:2], f"{nik[0:2]}.{nik[2:4]}", f"{nik[0:2]}.{nik[2:4]}.{nik[4:6]}"


@lru_cache(maxsize=1)
def load_regions(path: Path = DATA) -> Regions:
    with path.open(newline="", encoding="utf-8") as f:
        rows = [Region(r["code"].strip(), r["level"].strip(), " ".join(r["name"].split())) for r in csv.DictReader(f)]
    return Regions(rows)


def card_province(region: Region) -> str:
    """The province as a KTP header prints it, without the word PROVINSI."""
    name = region.upper
    if name == "DAERAH KHUSUS IBUKOTA JAKARTA":
        return "DKI JAKARTA"
    return name


def card_regency(region: Region) -> str:
    """The regency as a KTP header prints it: `KABUPATEN X`, `KOTA X`, and Jakarta's `JAKARTA SELATAN`."""
    name = region.upper
    for prefix in ("KOTA ADMINISTRASI ", "KABUPATEN ADMINISTRASI ", "KOTA ADM. ", "KAB. ADM. "):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def place_name(region: Region) -> str:
    """A regency as a place name (birth place, place of issue): without KABUPATEN / KOTA."""
    name = card_regency(region)
    for prefix in ("KABUPATEN ", "KOTA "):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name
