"""Synthetic KTP-el (Indonesian electronic identity card) generator.

    python -m samples.generate OUT_DIR --count N --seed S [--modes scan,photo,...] [--workers W]
                               [--registry-extra N] [--classic]

Three independent parts: who (PersonFactory, here), what is printed (render_card, the first generator's
template; render_varied, a design per card from samples.ktp_render) and how it was captured (the six
classic modes here; digital, small, low and hard from samples.capture). ``--classic`` is the first generator
byte for byte (the committed samples/ktp: ``--count 24 --seed 1 --classic``); by default the designs and the
holders' vocabulary vary and all ten modes are used.

writes

* ``OUT_DIR/images/<id>.<jpg|png|webp>`` — ids like ``ktp-0001-scan``; capture modes are assigned
  round-robin, so every mode gets ``count / len(modes)`` images;
* ``OUT_DIR/truth/<id>.json`` — flat ground truth, i.e. what is printed on the card: ``document_type``,
  ``capture_mode``, the 17 card fields and, for ``rotated`` images, ``rotation`` (degrees *clockwise* by
  which the stored pixels are turned from upright) and possibly ``exif_orientation`` (the EXIF Orientation
  tag; a viewer that applies it, e.g. ``PIL.ImageOps.exif_transpose``, shows the card upright); for
  ``noisy`` cases also ``"ocr_noise": true``;
* ``OUT_DIR/registry.csv`` — a population registry (the contract's 16 columns plus ``desil``, a DTKS
  welfare decile 1–10);
* ``OUT_DIR/cases.jsonl`` — one line per image: ``{"id", "expected": "match" | "mismatch" | "not_found",
  "kind", "expected_decision": "verified" | "rejected" | "needs_review"}``, plus ``registry_variants``,
  ``near_duplicate_nik``, ``claim`` and ``claim_disagrees`` where they apply.

Case kinds (fractions of ``count``, rounded; shuffled):

* ``genuine`` (the rest, ~70 %): the holder's registry row carries 0–3 clerical differences
  (``registry_variants``: ``name_spelling``, ``title``, ``address_abbrev``, ``rt_rw_format``,
  ``case_spacing``; ~35 % untouched) → ``match`` / ``verified``;
* ``impostor`` (12 %): a forged card — the NIK of a registered victim (whose exact row is in the registry)
  with another person's name, birth place, address and RT/RW; every other impostor also has their own
  birth date, so the date encoded in the NIK disagrees → ``mismatch`` / ``rejected``;
* ``unregistered`` (12 %): the holder is not in the registry → ``not_found`` / ``needs_review``;
* ``noisy`` (6 %): a genuine holder (registry row exact or with one difference) whose image gets extra
  blur, strong noise and JPEG quality 35–50 after its capture mode → ``match`` / ``verified``.

The registry also holds 5 decoys, a near-duplicate for ~5 % of the genuine holders (another person with
the same birth date and sex and a similar name: ``near_duplicate_nik``) and ``--registry-extra`` persons
that have no image. ~30 % of the cases carry a ``claim`` (what the applicant typed: ``nik``, ``name``,
``birth_date``, taken from the card); in ~20 % of those one field has a typo, named by ``claim_disagrees``.

Everything is synthetic: names and streets come from Faker ``id_ID``, places from the Kemendagri region
codes shipped with the pipeline, the photo is a drawn silhouette. Output depends only on the seed (not on
``--workers``); images, truth and cases do not depend on ``--registry-extra`` either.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import os
import random
import re
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

import cv2
import numpy as np
from faker import Faker
from PIL import Image, ImageDraw, ImageFont
from stdnum.id import nik as stdnum_nik
from tqdm import tqdm

from primitives.regions import (
    Region,
    Regions,
    card_province,
    card_regency,
    load_regions,
    place_name,
)
from samples.capture import NEW_MODES, output_format
from samples.capture import capture as capture_new
from samples.ktp_render import render_ktp
from workers.pipeline.vocab import (
    BLOOD_TYPES,
    LIFETIME,
    MARITAL_STATUSES,
    OCCUPATIONS,
    RELIGIONS,
    SEXES,
)

# The first six modes, and the whole generator's output with `classic=True`, are what the committed samples/ktp
# was made with; the later ones come from samples.capture.
CLASSIC_MODES: tuple[str, ...] = ("scan", "photo", "glare", "blur_noise", "lowres", "rotated")
MODES: tuple[str, ...] = CLASSIC_MODES + NEW_MODES

# The 17 fields printed on a KTP-el, in truth-file order.
CARD_FIELDS: tuple[str, ...] = (
    "nik", "name", "birth_place", "birth_date", "sex", "blood_type", "address", "rt_rw", "village",
    "district", "religion", "marital_status", "occupation", "nationality", "valid_until", "province",
    "regency",
)
REGISTRY_FIELDS: tuple[str, ...] = (
    "nik", "name", "birth_place", "birth_date", "sex", "blood_type", "address", "rt_rw", "village",
    "district", "regency", "province", "religion", "marital_status", "occupation", "nationality",
)

# "Today" for ages and issue dates; fixed so that the output does not depend on the clock.
REF_DATE = date(2025, 6, 30)
KTP_EL_START = date(2011, 7, 1)  # first KTP-el issued
LIFETIME_FROM = date(2016, 1, 1)  # cards valid for life since UU 24/2013 took effect
N_DECOYS = 5
REGISTRY_EXTRA_COLUMNS: tuple[str, ...] = ("desil",)  # DTKS welfare decile 1-10; kept as an attribute

# Case kinds: fraction of `count` (rounded); the rest are "genuine".
KIND_FRACTIONS: dict[str, float] = {"impostor": 0.12, "unregistered": 0.12, "noisy": 0.06}
KINDS: tuple[str, ...] = ("genuine", "impostor", "unregistered", "noisy")
EXPECTED = {"genuine": "match", "impostor": "mismatch", "unregistered": "not_found", "noisy": "match"}
EXPECTED_DECISION = {"genuine": "verified", "impostor": "rejected", "unregistered": "needs_review",
                     "noisy": "verified"}
# How many clerical differences a genuine (noisy) holder's registry row gets: value -> weight.
GENUINE_VARIANT_COUNTS = {0: 0.35, 1: 0.35, 2: 0.2, 3: 0.1}
NOISY_VARIANT_COUNTS = {0: 0.5, 1: 0.5}
NEAR_DUPLICATE_FRACTION = 0.05  # of the genuine holders
CLAIM_FRACTION = 0.3  # of all cases
CLAIM_DISAGREE_FRACTION = 0.2  # of the claims
CLAIM_FIELDS: tuple[str, ...] = ("nik", "name", "birth_date")

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


# --------------------------------------------------------------------------------------------- persons


@dataclass
class Person:
    fields: dict[str, str]  # the 17 card fields
    issue_date: date
    issue_place: str  # place_name() of the regency
    issue_regency: str  # card_regency() of the regency

    @property
    def male(self) -> bool:
        return self.fields["sex"] == SEXES[0]

    def registry_record(self) -> dict[str, str]:
        return {k: self.fields[k] for k in REGISTRY_FIELDS}


_TITLE = re.compile(
    r"^(DR|DRS|DRA|DRG|IR|H|HJ|PROF|R|RA|RM|DT|T|TGK|TB|KH|S|M|A|SUTAN|CUT|PUTI|RADEN|TENGKU)$"
)

NAME_PREFIXES_MALE = ("MUHAMMAD", "MUHAMMAD", "MOHAMMAD", "MOCHAMAD", "AHMAD", "ABDUL", "NUR")
NAME_PREFIXES_FEMALE = ("SITI", "SITI", "NUR", "DEWI", "SRI", "NI", "PUTU")

# Spelling variants a registry clerk could have typed for the same person (regex, replacement; one match is
# replaced): only equivalences that occur in real records, never another name.
_MUHAMMAD = ("MUHAMMAD", "MUHAMAD", "MOHAMMAD", "MOHAMAD", "MOCHAMAD", "MOCHAMMAD")
SPELLING_VARIANTS: tuple[tuple[str, str], ...] = (
    *((rf"\b{a}\b", b) for a in _MUHAMMAD for b in _MUHAMMAD if a != b),
    *((rf"^{a}\b", abbr) for a in _MUHAMMAD for abbr in ("MOCH.", "M.")),  # abbreviated first token
    (r"\bSITI\b", "SITTI"), (r"\bSITTI\b", "SITI"),
    (r"\bAHMAD\b", "ACHMAD"), (r"\bACHMAD\b", "AHMAD"),
    (r"\bABDUL\b", "ABDOEL"), (r"\bABDOEL\b", "ABDUL"),
    (r"\bNUR\b", "NOOR"), (r"\bNOOR\b", "NUR"),
    # the pre-1972 spelling and back
    (r"OE", "U"), (r"(?<![AEIOU])U", "OE"),
    (r"DJ", "J"), (r"(?<!D)J", "DJ"),
    (r"TJ", "C"), (r"C(?=[AEIOU])", "TJ"),
    (r"SJ", "SY"), (r"SY", "SJ"),
    # a doubled consonant dropped or added
    (r"([BCDFGHJKLMNPRSTVWZ])\1", r"\1"),
    (r"([AEIOU])([BDGKLMNPRST])(?=[AEIOU])", r"\1\2\2"),
)

# Titles a registry may carry in front of or behind the name.
PREFIX_TITLES_MALE = ("H.", "DRS.", "IR.", "DR.")
PREFIX_TITLES_FEMALE = ("HJ.", "DRA.", "IR.", "DR.")
DEGREE_SUFFIXES = (", S.PD", ", S.E.", ", S.H.", ", A.MD", ", S.KOM", ", M.PD")

# Address abbreviations expanded or contracted (regex, replacement).
ADDRESS_VARIANTS: tuple[tuple[str, str], ...] = (
    (r"\bJL\. ?", "JALAN "), (r"\bJALAN\b", "JL."),
    (r"\bGG\. ?", "GANG "), (r"\bGANG\b", "GG."),
    (r"\bNO\. ?", "NOMOR "), (r"\bNOMOR\b", "NO."),
    (r"\bPERUM\b", "PERUMAHAN"), (r"\bPERUMAHAN\b", "PERUM"),
    (r"\bKP\. ?", "KAMPUNG "), (r"\bKAMPUNG\b", "KP."),
    (r"\bDUSUN\b", "DSN."), (r"\bDSN\. ?", "DUSUN "),
    (r"\bNO\. (?=\d)", "NO."),
)

# Clerical differences of a genuine holder's registry row, in the order they are applied.
REGISTRY_VARIANTS: tuple[str, ...] = ("name_spelling", "title", "address_abbrev", "rt_rw_format", "case_spacing")


def _first_change(value: str, rules: Sequence[tuple[str, str]], rng: random.Random) -> str | None:
    """Apply one randomly chosen rule, at one randomly chosen match, that changes `value`; None if none does."""
    options = []
    for pat, sub in rules:
        for m in re.finditer(pat, value):
            new = value[:m.start()] + m.expand(sub) + value[m.end():]
            if new != value:
                options.append(new)
    return rng.choice(options) if options else None


def spelling_variant(name: str, rng: random.Random) -> str | None:
    """The same person's name as another clerk spells it (MUHAMMAD -> M., SITI -> SITTI, OE -> U ...)."""
    return _first_change(name, SPELLING_VARIANTS, rng)


def titled_name(name: str, male: bool, age: int, rng: random.Random) -> str:
    """The name with a hajj, academic or professional title, in front or after a comma."""
    if age < 22:
        return f"{'H.' if male else 'HJ.'} {name}"
    if rng.random() < 0.5:
        return f"{rng.choice(PREFIX_TITLES_MALE if male else PREFIX_TITLES_FEMALE)} {name}"
    return name + rng.choice(DEGREE_SUFFIXES)


def address_variant(address: str, rng: random.Random) -> str | None:
    """One or two abbreviations written out or shortened ("JL." <-> "JALAN", "NO. 12" -> "NO.12")."""
    new = _first_change(address, ADDRESS_VARIANTS, rng)
    if new is not None and rng.random() < 0.4:
        new = _first_change(new, ADDRESS_VARIANTS, rng) or new
    return new


def rt_rw_variant(rt_rw: str, rng: random.Random) -> str:
    """"003/007" as "3/7", "03/07", "RT 003 RW 007" or "RT.03/RW.07"."""
    rt, rw = (int(x) for x in rt_rw.split("/"))
    forms = [f"{rt}/{rw}", f"{rt:02d}/{rw:02d}", f"RT {rt:03d} RW {rw:03d}", f"RT.{rt:02d}/RW.{rw:02d}"]
    return rng.choice([f for f in forms if f != rt_rw])


def case_spacing_variant(value: str, rng: random.Random) -> str:
    """Title or lower case, a doubled space, or a comma before the house number."""
    ops = ["title", "lower"]
    if " " in value:
        ops.append("space")
    if re.search(r" (NO\.|NOMOR|BLOK)\b", value):
        ops.append("comma")
    op = rng.choice(ops)
    if op == "title":
        return value.title()
    if op == "lower":
        return value.lower()
    if op == "space":
        spaces = [i for i, c in enumerate(value) if c == " "]
        i = rng.choice(spaces)
        return value[:i] + "  " + value[i + 1:]
    return re.sub(r" (NO\.|NOMOR|BLOK)\b", r", \1", value, count=1)


def registry_variant(fields: dict[str, str], n: int, rng: random.Random) -> tuple[dict[str, str], list[str]]:
    """The holder's registry row with `n` randomly chosen clerical differences; returns (row, applied kinds)."""
    row = {k: fields[k] for k in REGISTRY_FIELDS}
    chosen = set(rng.sample(REGISTRY_VARIANTS, n))
    applied = []
    for kind in REGISTRY_VARIANTS:  # a fixed order: case and spacing last, so the patterns still match
        if kind not in chosen:
            continue
        if kind == "name_spelling":
            new = spelling_variant(row["name"], rng)
            if new is None:
                continue
            row["name"] = new
        elif kind == "title":
            male = row["sex"] == SEXES[0]
            row["name"] = titled_name(row["name"], male, _age(date.fromisoformat(row["birth_date"])), rng)
        elif kind == "address_abbrev":
            new = address_variant(row["address"], rng)
            if new is None:
                continue
            row["address"] = new
        elif kind == "rt_rw_format":
            row["rt_rw"] = rt_rw_variant(row["rt_rw"], rng)
        else:
            key = rng.choice(("name", "address"))
            row[key] = case_spacing_variant(row[key], rng)
        applied.append(kind)
    return row, applied


def claim_typo(key: str, value: str, rng: random.Random) -> str:
    """`value` as an applicant might mistype it into a form: a different, plausible value."""
    while True:
        if key == "nik":
            i = rng.randrange(len(value))
            new = value[:i] + rng.choice([d for d in "0123456789" if d != value[i]]) + value[i + 1:]
        elif key == "birth_date":
            d = date.fromisoformat(value)
            op = rng.choice(("day", "swap", "year"))
            if op == "swap" and d.day <= 12:
                new = d.replace(month=d.day, day=d.month).isoformat()
            elif op == "year":
                new = _years_after(d, rng.choice((-10, -1, 1, 10))).isoformat()
            else:
                new = (d + timedelta(days=rng.choice((-2, -1, 1, 2, 10)))).isoformat()
        else:
            i = rng.randrange(len(value) - 1)
            op = rng.choice(("swap", "drop", "double", "replace"))
            if op == "swap":
                new = value[:i] + value[i + 1] + value[i] + value[i + 2:]
            elif op == "drop":
                new = value[:i] + value[i + 1:]
            elif op == "double":
                new = value[:i] + value[i] + value[i:]
            else:
                new = value[:i] + rng.choice("AEIOUNRS") + value[i + 1:]
            new = " ".join(new.split())
        if new != value and new:
            return new


def clean_name(raw: str) -> str:
    """Upper case, letters and single spaces only; academic/noble titles and degree suffixes dropped."""
    name = raw.split(",")[0].upper()
    words = []
    for tok in name.split():
        if "." in tok or _TITLE.match(re.sub(r"[^A-Z]", "", tok)):
            continue
        tok = re.sub(r"[^A-Z]", "", tok)
        if tok:
            words.append(tok)
    return " ".join(words)


def _years_after(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def _rand_date(rng: random.Random, lo: date, hi: date) -> date:
    return date.fromordinal(rng.randint(lo.toordinal(), hi.toordinal()))


def _weighted(rng: random.Random, table: dict[str, float]) -> str:
    return rng.choices(list(table), weights=list(table.values()))[0]


def _age(birth: date, on: date = REF_DATE) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


# Real-card vocabulary (`PersonFactory(..., real_vocabulary=True)`): what Dukcapil prints besides the reader's
# short forms. Occupations printed with their abbreviation, and occupations of the official list outside
# workers.pipeline.vocab.OCCUPATIONS.
PRINTED_OCCUPATIONS: dict[str, str] = {
    "PEGAWAI NEGERI SIPIL": "PEGAWAI NEGERI SIPIL (PNS)",
    "TENTARA NASIONAL INDONESIA": "TENTARA NASIONAL INDONESIA (TNI)",
    "KEPOLISIAN RI": "KEPOLISIAN RI (POLRI)",
}
MORE_OCCUPATIONS: tuple[str, ...] = (
    "PERANGKAT DESA", "KEPALA DESA", "TUKANG JAHIT", "TUKANG LAS/PANDAI BESI", "TUKANG CUKUR", "MEKANIK",
    "USTADZ/MUBALIGH", "PENDETA", "IMAM MASJID", "WARTAWAN", "APOTEKER", "PELAUT", "SENIMAN", "JURU MASAK",
    "KARYAWAN BUMD", "BURUH NELAYAN/PERIKANAN", "PENATA RAMBUT", "ANGGOTA DPRD KABUPATEN/KOTA",
)
# second words a one-word spelling never swallows (MALUKUTENGGARA, KEPULAUANSERIBU are not printed)
_COMPASS = {"UTARA", "SELATAN", "TIMUR", "BARAT", "TENGAH", "TENGGARA", "DAYA", "LAUT", "BESAR", "BARU", "JAYA",
            "RAYA", "KEPULAUAN", "KEP", "KOTA"}
_LOCALITIES: tuple[str, ...] = ("DUSUN", "DSN.", "LINGK.", "KP.", "GG.")


class PersonFactory:
    """Draws card holders. All randomness comes from `rng` and `fake` (seeded by the caller).

    `real_vocabulary` adds what real cards print and the first generator never did: `PEGAWAI NEGERI SIPIL (PNS)`
    and rarer occupations, addresses without dots (`JL MERDEKA NO 100`) or with a hamlet appended (long enough
    to wrap), birth places written as one word (`PADANGPANJANG`) or a village, four-word names. Without it the
    draws are exactly the first generator's."""

    def __init__(self, rng: random.Random, fake: Faker, regions: Regions, real_vocabulary: bool = False) -> None:
        self.rng = rng
        self.real_vocabulary = real_vocabulary
        self.fake = fake
        self.regions = regions
        self.provinces = sorted(regions.provinces(), key=lambda r: r.code)
        self.niks: set[str] = set()

    # -- places
    def pick_region(self) -> tuple[Region, Region, Region, Region]:
        rng, R = self.rng, self.regions
        while True:
            prov = rng.choice(self.provinces)
            regencies = R.children_of(prov.code)
            if not regencies:
                continue
            reg = rng.choice(regencies)
            districts = [d for d in R.children_of(reg.code) if R.children_of(d.code)]
            if not districts:
                continue
            dist = rng.choice(districts)
            # stdnum only knows the regency codes of its own data; skip the few it does not know yet.
            if not stdnum_nik.is_valid(dist.code.replace(".", "") + "0101900001"):
                continue
            return prov, reg, dist, rng.choice(R.children_of(dist.code))

    def birth_place(self, prov: Region, reg: Region) -> str:
        r = self.rng.random()
        if r < 0.55:
            return place_name(reg)
        if r < 0.8:
            return place_name(self.rng.choice(self.regions.children_of(prov.code)))
        other = self.rng.choice(self.provinces)
        return place_name(self.rng.choice(self.regions.children_of(other.code)))

    # -- names
    def name(self, male: bool) -> str:
        """A name that survives title-stripping: an empty name is no name a card would carry."""
        while True:
            name = self._raw_name(male)
            if len(name.replace(" ", "")) >= 3:
                return name

    def _raw_name(self, male: bool) -> str:
        rng, f = self.rng, self.fake
        first = f.first_name_male() if male else f.first_name_female()
        last = f.last_name_male() if male else f.last_name_female()
        r = rng.random()
        if r < 0.12:
            words = [first]
        elif r < 0.62:
            words = [first, last]
        elif r < 0.82:
            words = [first, f.first_name_male() if male else f.first_name_female(), last]
        else:
            prefix = rng.choice(NAME_PREFIXES_MALE if male else NAME_PREFIXES_FEMALE)
            words = [prefix, first, last] if rng.random() < 0.7 else [prefix, first]
        words = clean_name(" ".join(words)).split()
        while len(" ".join(words)) > 28 and len(words) > 1:
            del words[-2 if len(words) > 2 else -1]
        return " ".join(words)[:28].strip()

    def similar_name(self, name: str, male: bool) -> str:
        """Somebody else's name that shares all but one word with `name` (a near-duplicate for blocking)."""
        words = name.split()
        while True:
            other = self.name(male).split()
            if len(words) == 1:
                new = [words[0], other[-1]]
            else:
                i = self.rng.randrange(1, len(words))  # keep the first word: same given name or prefix
                new = [*words[:i], self.rng.choice(other), *words[i + 1:]]
            cand = " ".join(new)
            if len(cand) <= max(30, len(name)) and set(new) != set(words):
                return cand

    # -- other fields
    def address(self) -> str:
        rng, f = self.rng, self.fake
        for _ in range(30):
            street = f.street_name().upper()
            street = re.sub(r"^JALAN\s+", "JL. ", street)
            street = re.sub(r"^GANG\s+", "GG. ", street)
            street = re.sub(r"^(JL|GG)\.\s*", r"\1. ", street)
            r = rng.random()
            if r < 0.2:  # hamlet, kampung or housing estate: a plain place-like name, no hero's title
                plain = [x for x in f.provider("faker.providers.address").streets if "." not in x]
                kind = "DUSUN" if r < 0.08 else "KP." if r < 0.15 else "PERUM"
                street = f"{kind} {rng.choice(plain).upper()}"
            number = str(rng.randint(1, 150))
            if rng.random() < 0.12:
                number += rng.choice("ABCD")
            if street.startswith("PERUM") or rng.random() < 0.12:
                block = rng.choice("ABCDEFGHJK") + (str(rng.randint(1, 9)) if rng.random() < 0.4 else "")
                addr = f"{street} BLOK {block} NO. {number}"
            elif street.startswith("DUSUN") and rng.random() < 0.5:
                addr = street
            else:
                addr = f"{street} NO. {number}"
            addr = " ".join(re.sub(r"[^A-Z0-9./\- ]", "", addr).split())
            if len(addr) <= 30:
                return addr
        return f"JL. MERDEKA NO. {rng.randint(1, 99)}"

    def religion(self, prov_code: str) -> str:
        if prov_code == "51":  # Bali
            table = {"HINDU": 0.85, "ISLAM": 0.1, "KRISTEN": 0.03, "KATOLIK": 0.02}
        elif prov_code == "53":  # NTT
            table = {"KATOLIK": 0.52, "KRISTEN": 0.36, "ISLAM": 0.11, "HINDU": 0.01}
        elif prov_code == "71" or prov_code >= "91":  # Sulawesi Utara, Papua
            table = {"KRISTEN": 0.6, "KATOLIK": 0.14, "ISLAM": 0.25, "HINDU": 0.01}
        else:
            table = {"ISLAM": 0.86, "KRISTEN": 0.065, "KATOLIK": 0.03, "HINDU": 0.015, "BUDHA": 0.02,
                     "KONGHUCU": 0.006, RELIGIONS[-1]: 0.004}
        return _weighted(self.rng, table)

    def marital_status(self, age: int) -> str:
        if age < 20:
            table = {"BELUM KAWIN": 0.9, "KAWIN": 0.1}
        elif age < 30:
            table = {"BELUM KAWIN": 0.5, "KAWIN": 0.45, "CERAI HIDUP": 0.05}
        elif age < 60:
            table = {"BELUM KAWIN": 0.1, "KAWIN": 0.78, "CERAI HIDUP": 0.07, "CERAI MATI": 0.05}
        else:
            table = {"BELUM KAWIN": 0.03, "KAWIN": 0.68, "CERAI HIDUP": 0.06, "CERAI MATI": 0.23}
        assert set(table) <= set(MARITAL_STATUSES)
        return _weighted(self.rng, table)

    def occupation(self, age: int, male: bool) -> str:
        rng = self.rng
        if age < 23 and rng.random() < 0.75:
            return rng.choice(["PELAJAR/MAHASISWA"] * 3 + ["BELUM/TIDAK BEKERJA"])
        if age >= 58 and rng.random() < 0.35:
            return "PENSIUNAN"
        if not male and rng.random() < 0.3:
            return "MENGURUS RUMAH TANGGA"
        common = {"WIRASWASTA": 6, "KARYAWAN SWASTA": 6, "PETANI/PEKEBUN": 4, "BURUH HARIAN LEPAS": 3,
                  "PEDAGANG": 2, "MENGURUS RUMAH TANGGA": 0.3 if male else 2}
        table = {o: common.get(o, 0.6) for o in OCCUPATIONS if o not in ("PELAJAR/MAHASISWA", "PENSIUNAN")}
        return _weighted(rng, table)

    def person(self, male: bool | None = None, birth: date | None = None) -> Person:
        """A new person; `male` and `birth` fix the sex and the birth date (the rng draws the same either way)."""
        rng = self.rng
        prov, reg, dist, vil = self.pick_region()
        coin = rng.random() < 0.5
        male = coin if male is None else male
        drawn = _rand_date(rng, _years_after(REF_DATE, -81) + timedelta(days=1), _years_after(REF_DATE, -17))
        birth = drawn if birth is None else birth
        age = _age(birth)
        day = birth.day + (0 if male else 40)
        prefix = dist.code.replace(".", "") + f"{day:02d}{birth:%m%y}"
        while True:
            nik = prefix + f"{rng.randint(1, 9999):04d}"
            if nik not in self.niks and stdnum_nik.is_valid(nik):
                break
        self.niks.add(nik)

        earliest = max(KTP_EL_START, _years_after(birth, 17))
        if earliest < LIFETIME_FROM - timedelta(days=30) and rng.random() < 0.17:
            issue = _rand_date(rng, earliest, LIFETIME_FROM - timedelta(days=1))
            valid_until = _years_after(issue, 5).isoformat()
        else:
            issue = _rand_date(rng, max(earliest, KTP_EL_START), REF_DATE)
            valid_until = LIFETIME
        blood = _weighted(rng, {"-": 0.4, "O": 0.2, "A": 0.15, "B": 0.17, "AB": 0.08})
        assert blood in BLOOD_TYPES
        fields = {
            "nik": nik,
            "name": self.name(male),
            "birth_place": self.birth_place(prov, reg),
            "birth_date": birth.isoformat(),
            "sex": SEXES[0] if male else SEXES[1],
            "blood_type": blood,
            "address": self.address(),
            "rt_rw": f"{rng.randint(1, 25):03d}/{rng.randint(1, 15):03d}",
            "village": vil.upper,
            "district": dist.upper,
            "religion": self.religion(prov.code),
            "marital_status": self.marital_status(age),
            "occupation": self.occupation(age, male),
            "nationality": "WNI",
            "valid_until": valid_until,
            "province": card_province(prov),
            "regency": card_regency(reg),
        }
        if self.real_vocabulary:
            self._real_card(fields, male, dist, vil)
        return Person(fields, issue, place_name(reg), card_regency(reg))

    def _real_card(self, fields: dict[str, str], male: bool, district: Region, village: Region) -> None:
        """Rewrite some fields the way real cards print them (see the class docstring)."""
        rng = self.rng
        occupation = fields["occupation"]
        if occupation in PRINTED_OCCUPATIONS and rng.random() < 0.7:
            fields["occupation"] = PRINTED_OCCUPATIONS[occupation]
        elif occupation not in ("PELAJAR/MAHASISWA", "PENSIUNAN", "BELUM/TIDAK BEKERJA") and rng.random() < 0.12:
            fields["occupation"] = rng.choice(("PEGAWAI NEGERI SIPIL (PNS)", *MORE_OCCUPATIONS))
        x = rng.random()
        words = fields["birth_place"].split()
        if x < 0.3 and len(words) == 2 and not _COMPASS & set(words):
            fields["birth_place"] = "".join(words)
        elif x > 0.9:
            fields["birth_place"] = village.upper
        address = fields["address"]
        if rng.random() < 0.25:
            hamlet = rng.choice(self.regions.children_of(district.code)).upper  # named like a nearby village
            longer = f"{address} {rng.choice(_LOCALITIES)} {hamlet}"
            longer = " ".join(re.sub(r"[^A-Z0-9./\- ]", "", longer).split())
            if len(longer) <= 52:
                address = longer
        if rng.random() < 0.4:
            address = " ".join(address.replace(".", " ").split())
        fields["address"] = address
        if rng.random() < 0.12:
            words = f"{fields['name']} {self.name(male)}".split()
            while len(words) > 4 or len(" ".join(words)) > 42:
                del words[-2]
            if len(words) >= 3 and len(set(words)) == len(words):
                fields["name"] = " ".join(words)

    def impostor_card(self, victim: Person, forge_birth_date: bool) -> Person:
        """A forged card: the victim's NIK (and region, sex, ...) with another person's name, birth place,
        address and RT/RW, and with `forge_birth_date` also that person's birth date."""
        while True:
            impostor = self.person(male=victim.male)
            if impostor.fields["name"] != victim.fields["name"] and (
                    not forge_birth_date or impostor.fields["birth_date"] != victim.fields["birth_date"]):
                break
        keys = ["name", "birth_place", "address", "rt_rw"] + (["birth_date"] if forge_birth_date else [])
        fields = dict(victim.fields)
        fields.update({k: impostor.fields[k] for k in keys})
        return Person(fields, victim.issue_date, victim.issue_place, victim.issue_regency)

    def near_duplicate(self, holder: Person) -> Person:
        """Another person with the holder's birth date and sex and a similar name (a different NIK)."""
        twin = self.person(male=holder.male, birth=date.fromisoformat(holder.fields["birth_date"]))
        twin.fields["name"] = self.similar_name(holder.fields["name"], holder.male)
        return twin


# --------------------------------------------------------------------------------------------- fonts


@dataclass(frozen=True)
class Typeface:
    regular: str | None  # path, or None for Pillow's built-in font
    bold: str | None
    fake_bold: bool = False  # no bold file: draw with a stroke


def typefaces() -> list[Typeface]:
    faces = []
    for reg, bold in (("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
                      ("DejaVuSansCondensed.ttf", "DejaVuSansCondensed-Bold.ttf")):
        if (FONT_DIR / reg).exists():
            b = FONT_DIR / bold
            faces.append(Typeface(str(FONT_DIR / reg), str(b) if b.exists() else None, not b.exists()))
    faces.append(Typeface(None, None, True))
    return faces


@lru_cache(maxsize=512)
def _font(path: str | None, size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    size = max(6, size)
    if path is None:
        return ImageFont.load_default(size=size)
    return ImageFont.truetype(path, size)


class Pen:
    """Draws text in one typeface on one card."""

    def __init__(self, draw: ImageDraw.ImageDraw, face: Typeface, color: tuple[int, int, int]) -> None:
        self.draw, self.face, self.color = draw, face, color

    def font(self, size: int, bold: bool = False) -> Any:
        return _font(self.face.bold if bold and self.face.bold else self.face.regular, size)

    def width(self, text: str, size: int, bold: bool = False) -> float:
        return float(self.draw.textlength(text, font=self.font(size, bold)))

    def fit(self, text: str, size: int, max_w: float, bold: bool = False) -> int:
        while size > 8 and self.width(text, size, bold) > max_w:
            size -= 1
        return size

    def text(self, xy: tuple[float, float], text: str, size: int, bold: bool = False,
             anchor: str = "ls") -> None:
        stroke = 1 if bold and self.face.fake_bold else 0
        self.draw.text(xy, text, font=self.font(size, bold), fill=self.color, anchor=anchor,
                       stroke_width=stroke, stroke_fill=self.color)


# --------------------------------------------------------------------------------------------- card


def _dmy(iso_or_date: str | date) -> str:
    d = date.fromisoformat(iso_or_date) if isinstance(iso_or_date, str) else iso_or_date
    return f"{d:%d-%m-%Y}"


def _background(w: int, h: int, r: random.Random, g: np.random.Generator) -> Image.Image:
    base = np.array([r.uniform(180, 212), r.uniform(212, 234), r.uniform(236, 252)], np.float32)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    xx /= w
    yy /= h
    shade = 1 + r.uniform(-0.06, 0.06) * (xx - 0.5) + r.uniform(-0.07, 0.05) * (yy - 0.5)
    arr = base[None, None, :] * shade[..., None]
    # a faint pink/green tinge towards the bottom, like the printed security background
    tint = np.array([r.uniform(-8, 12), r.uniform(-4, 8), r.uniform(-14, -2)], np.float32)
    arr += (yy[..., None] ** 2) * tint
    img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8)).convert("RGBA")

    layer = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    ink = (int(base[0] * 0.55), int(base[1] * 0.7), int(base[2] * 0.85))
    # guilloche: two families of thin wavy lines
    for fam in range(2):
        n = r.randint(12, 22)
        amp = r.uniform(6, 18)
        lam = r.uniform(120, 320)
        phase = r.uniform(0, 2 * math.pi)
        alpha = r.randint(22, 45)
        for k in range(n + 2):
            y0 = (k - 1) * h / n
            pts = []
            for x in range(0, w + 8, 8):
                y = y0 + amp * math.sin(2 * math.pi * x / lam + phase + k * (0.6 if fam else -0.4)) \
                    + amp * 0.4 * math.sin(2 * math.pi * x / (lam * 0.37) + k)
                pts.append((x, y))
            d.line(pts, fill=(*ink, alpha), width=1)
    # emblem-like circles with rays
    cx, cy = w * r.uniform(0.38, 0.55), h * r.uniform(0.5, 0.62)
    rad = h * r.uniform(0.22, 0.3)
    a = r.randint(18, 32)
    for k in range(r.randint(3, 6)):
        rr = rad * (1 - 0.14 * k)
        d.ellipse((cx - rr, cy - rr, cx + rr, cy + rr), outline=(*ink, a), width=2)
    for k in range(24):
        t = 2 * math.pi * k / 24
        d.line((cx + 0.3 * rad * math.cos(t), cy + 0.3 * rad * math.sin(t),
                cx + 0.85 * rad * math.cos(t), cy + 0.85 * rad * math.sin(t)), fill=(*ink, a // 2), width=1)
    img.alpha_composite(layer)
    return img


SKIN_TONES: tuple[tuple[int, int, int], ...] = ((224, 184, 150), (198, 150, 112), (170, 120, 88), (140, 98, 70))
# the holder's photo backdrop: the KTP-el's red (two shades) and blue, and grey
PHOTO_BACKDROPS: tuple[tuple[int, int, int], ...] = ((196, 38, 44), (205, 55, 52), (38, 88, 190), (168, 168, 172),
                                                     (186, 186, 190))


def draw_face(portrait: Image.Image) -> Image.Image:
    """Eyes, brows, a nose and a mouth on the skin-coloured head (found by colour), with no randomness of its
    own (the card's random stream stays as it was): a face detector needs them, on the checks' clean cards too."""
    img = portrait.copy()
    w, _ = img.size
    a = np.asarray(img).astype(np.int32)
    masks = [np.abs(a - np.array(s)).sum(axis=2) < 6 for s in SKIN_TONES]
    k = int(np.argmax([m.sum() for m in masks]))
    mask, skin = masks[k], SKIN_TONES[k]
    rows = np.nonzero(mask.sum(axis=1) > 0.3 * w)[0]  # the head is wider than the neck
    if len(rows) == 0:
        return img
    y1 = int(rows.max())
    cols = np.nonzero(mask[int(rows.min()):y1 + 1].any(axis=0))[0]
    fw, cx = float(cols.max() - cols.min()), float(cols.max() + cols.min()) / 2
    hh = fw / 2
    hy = y1 - hh * 0.95
    d = ImageDraw.Draw(img)
    ex, ey, er = fw * 0.21, hy - hh * 0.08, fw * 0.085
    for sx in (-1, 1):
        x = cx + sx * ex
        d.ellipse((x - er * 1.3, ey - er * 0.7, x + er * 1.3, ey + er * 0.7), fill=(235, 232, 228))
        d.ellipse((x - er * 0.6, ey - er * 0.6, x + er * 0.6, ey + er * 0.6), fill=(35, 28, 24))
        d.line((x - er * 1.5, ey - er * 1.8, x + er * 1.5, ey - er * 2.0), fill=(30, 24, 20),
               width=max(3, int(er * 0.8)))
    d.polygon([(cx, ey + er * 0.5), (cx - er * 0.7, hy + hh * 0.38), (cx + er * 0.7, hy + hh * 0.38)],
              fill=tuple(int(c * 0.65) for c in skin))
    d.ellipse((cx - fw * 0.16, hy + hh * 0.55, cx + fw * 0.16, hy + hh * 0.68), fill=(150, 70, 70))
    return img


def _portrait(w: int, h: int, r: random.Random) -> Image.Image:
    """A drawn head-and-shoulders portrait with a simple face: synthetic placeholder for the holder's photo."""
    bgc = r.choice(PHOTO_BACKDROPS)
    img = Image.new("RGB", (w, h), bgc)
    d = ImageDraw.Draw(img)
    skin = r.choice(SKIN_TONES)
    cloth = r.choice([(30, 30, 34), (245, 245, 245), (40, 52, 90), (80, 40, 40), (60, 70, 60)])
    hair = r.choice([(20, 18, 18), (38, 30, 26), (240, 240, 240), (30, 40, 80)])  # last two: hijab-ish
    cx = w / 2 + r.uniform(-0.04, 0.04) * w
    d.ellipse((cx - 0.62 * w, 0.7 * h, cx + 0.62 * w, 1.45 * h), fill=cloth)  # shoulders
    d.rectangle((cx - 0.1 * w, 0.5 * h, cx + 0.1 * w, 0.78 * h), fill=skin)  # neck
    hw, hh = w * r.uniform(0.21, 0.25), h * r.uniform(0.2, 0.23)
    hy = h * r.uniform(0.36, 0.42)
    covered = r.random() < 0.3
    if covered:
        d.ellipse((cx - hw * 1.35, hy - hh * 1.3, cx + hw * 1.35, hy + hh * 1.6), fill=hair)
    else:
        d.ellipse((cx - hw * 1.08, hy - hh * 1.18, cx + hw * 1.08, hy + hh * 0.4), fill=hair)
    d.ellipse((cx - hw, hy - hh, cx + hw, hy + hh), fill=skin)
    if not covered:
        d.chord((cx - hw * 1.04, hy - hh * 1.15, cx + hw * 1.04, hy + hh * 0.2), 180, 360, fill=hair)
    return draw_face(img)


def _signature(draw: ImageDraw.ImageDraw, box: tuple[float, float, float, float], r: random.Random) -> None:
    x0, y0, x1, y1 = box
    cy, amp = (y0 + y1) / 2, (y1 - y0) / 2
    f1, f2, p = r.uniform(2, 5), r.uniform(6, 11), r.uniform(0, 6.3)
    pts = []
    n = 60
    for i in range(n + 1):
        t = i / n
        x = x0 + (x1 - x0) * t + 0.06 * (x1 - x0) * math.sin(2 * math.pi * f2 * t)
        y = cy + amp * (0.6 * math.sin(2 * math.pi * f1 * t + p) * (1 - 0.5 * t)
                        + 0.35 * math.sin(2 * math.pi * f2 * t))
        pts.append((x, y))
    ink = r.choice([(20, 20, 30), (25, 35, 110)])
    draw.line(pts, fill=ink, width=2, joint="curve")


def render_card(person: Person, r: random.Random, g: np.random.Generator) -> Image.Image:
    """The card front as an RGBA image (alpha = rounded card outline)."""
    f = person.fields
    w = r.randint(950, 1100)
    h = round(w / 1.586)
    s = w / 1012
    img = _background(w, h, r, g)
    draw = ImageDraw.Draw(img)
    dark = r.randint(0, 35)
    pen = Pen(draw, r.choice(typefaces()), (dark, dark, dark + r.randint(0, 10)))

    def jit(px: float) -> float:
        return r.uniform(-px, px) * s

    # header
    hs = round(r.uniform(0.9, 1.1) * 29 * s)
    hy = 14 * s + hs + jit(4)
    hx = w / 2 + jit(8)
    for line in (f"PROVINSI {f['province']}", f["regency"]):
        size = pen.fit(line, hs, w * 0.9, bold=True)
        pen.text((hx, hy), line, size, bold=True, anchor="ms")
        hy += hs * r.uniform(1.18, 1.32)

    # photo box and what is under it
    pw = round(r.uniform(0.2, 0.225) * w)
    ph = round(pw * 4 / 3)
    px0 = round(w - pw - r.uniform(28, 46) * s)
    nik_y = hy + r.uniform(14, 24) * s  # baseline of the NIK row
    py0 = round(nik_y - r.uniform(0, 18) * s)
    img.paste(_portrait(pw, ph, r), (px0, py0))
    fs = round(r.uniform(0.9, 1.1) * 21 * s)  # row font size
    cxp = px0 + pw / 2 + jit(4)
    y = py0 + ph + fs * 1.3 + jit(3)
    place = person.issue_regency if r.random() < 0.5 else person.issue_place
    pen.text((cxp, y), place, pen.fit(place, round(fs * 0.9), pw * 1.3), anchor="ms")
    y += fs * 1.15
    pen.text((cxp, y), _dmy(person.issue_date), round(fs * 0.9), anchor="ms")
    _signature(draw, (px0 + 0.12 * pw, y + 10 * s, px0 + 0.88 * pw, y + 55 * s), r)

    # label column
    lx = 24 * s + jit(6)
    nik_fs = round(r.uniform(0.9, 1.1) * 33 * s)
    rows_top = nik_y + nik_fs * r.uniform(0.95, 1.15)
    row_h = min(fs * r.uniform(1.45, 1.72), (h - 16 * s - rows_top) / 12)
    indent = r.uniform(12, 30) * s
    labels = ["Nama", "Tempat/Tgl Lahir", "Jenis Kelamin", "Alamat", "RT/RW", "Kel/Desa", "Kecamatan",
              "Agama", "Status Perkawinan", "Pekerjaan", "Kewarganegaraan", "Berlaku Hingga"]
    values = [f["name"], f"{f['birth_place']}, {_dmy(f['birth_date'])}", f["sex"], f["address"],
              f["rt_rw"], f["village"], f["district"], f["religion"], f["marital_status"],
              f["occupation"], f["nationality"],
              f["valid_until"] if f["valid_until"] == LIFETIME else _dmy(f["valid_until"])]
    label_w = max(pen.width(lbl, fs) for lbl in labels)
    colon_x = lx + max(label_w + indent * 0.4 + 12 * s, r.uniform(225, 255) * s)
    value_x = colon_x + r.uniform(10, 18) * s
    max_right = px0 - 10 * s
    style = r.choices(["aligned", "attached", "value"], weights=[0.6, 0.2, 0.2])[0]

    def row(y: float, label: str, value: str, size: int, x: float, bold: bool = False,
            right: float = max_right) -> float:
        """Draw one label/value row; returns the x where the value ends."""
        if style == "attached":
            pen.text((x, y), label + ":", size, bold)
            vx = value_x
        elif style == "value":
            pen.text((x, y), label, size, bold)
            value, vx = ": " + value, colon_x
        else:
            pen.text((x, y), label, size, bold)
            pen.text((colon_x, y), ":", size, bold)
            vx = value_x
        vs = pen.fit(value, size, right - vx, bold)
        pen.text((vx, y), value, vs, bold)
        return vx + pen.width(value, vs, bold)

    row(nik_y, "NIK", f["nik"], nik_fs, lx + jit(2), bold=True)
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = rows_top + i * row_h + jit(1.5)
        x = lx + (indent if label in ("RT/RW", "Kel/Desa", "Kecamatan") else 0) + jit(1.5)
        if label == "Jenis Kelamin":
            gx = value_x + max(pen.width("PEREMPUAN", fs) + 30 * s, r.uniform(230, 270) * s)
            row(y, label, value, fs, x, right=gx - 10 * s)
            blood = f"Gol. Darah : {f['blood_type']}" if style != "attached" else \
                f"Gol. Darah: {f['blood_type']}"
            pen.text((gx, y), blood, pen.fit(blood, fs, max_right - gx))
        else:
            row(y, label, value, fs, x)

    mask = Image.new("L", (w, h), 0)
    ImageDraw.Draw(mask).rounded_rectangle((0, 0, w - 1, h - 1), radius=round(r.uniform(0.035, 0.05) * w),
                                          fill=255)
    img.putalpha(mask)
    return img


# --------------------------------------------------------------------------------------------- capture


Captured = tuple[np.ndarray, np.ndarray]  # (RGB image, card corner quad in image pixels)


def _noise(img: np.ndarray, sigma: float, g: np.random.Generator, coarse: int = 1) -> np.ndarray:
    h, w = img.shape[:2]
    if coarse > 1:  # sensor noise after demosaicing is spatially correlated; also compresses better
        n: np.ndarray = g.normal(0, sigma, (h // coarse + 1, w // coarse + 1, 1)).astype(np.float32)
        n = cv2.resize(n, (w, h), interpolation=cv2.INTER_LINEAR)[..., None]
        n = n * 1.3
    else:
        n = g.normal(0, sigma, (h, w, 1)).astype(np.float32)
    return np.clip(img.astype(np.float32) + n, 0, 255).astype(np.uint8)


def _over(bg: np.ndarray, fg: np.ndarray, alpha: np.ndarray) -> np.ndarray:
    a = alpha.astype(np.float32)[..., None]
    return (fg.astype(np.float32) * a + bg.astype(np.float32) * (1 - a)).astype(np.uint8)


def capture_scan(card: Image.Image, r: random.Random, g: np.random.Generator) -> Captured:
    """Flatbed scan: light bed margin, tiny skew, mild noise. Returns (RGB image, card corner quad)."""
    arr = np.asarray(card)
    rgb, alpha = arr[..., :3], arr[..., 3].astype(np.float32) / 255
    h, w = rgb.shape[:2]
    m = r.randint(0, 40)
    v = r.randint(226, 252)
    bed = (v, v, min(255, v + r.randint(0, 3)))
    canvas = np.empty((h + 2 * m, w + 2 * m, 3), np.uint8)
    canvas[:] = bed
    canvas[m:m + h, m:m + w] = _over(canvas[m:m + h, m:m + w], rgb, alpha)
    quad = np.array([[m, m], [m + w, m], [m + w, m + h], [m, m + h]], np.float32)
    angle = r.uniform(-1.5, 1.5)
    M = cv2.getRotationMatrix2D(((w + 2 * m) / 2, (h + 2 * m) / 2), angle, 1.0)
    canvas = cv2.warpAffine(canvas, M, (w + 2 * m, h + 2 * m), flags=cv2.INTER_LINEAR,
                            borderMode=cv2.BORDER_CONSTANT, borderValue=bed)
    quad = cv2.transform(quad[None], M)[0]
    return _noise(canvas, r.uniform(1.0, 2.5), g, coarse=2), quad


def _table(w: int, h: int, r: random.Random, g: np.random.Generator) -> np.ndarray:
    kind = r.choice(["wood", "wood", "grey", "green", "navy", "cloth", "beige"])
    base = {"wood": (118, 80, 48), "grey": (70, 70, 74), "green": (44, 76, 56), "navy": (36, 46, 78),
            "cloth": (96, 36, 40), "beige": (160, 138, 108)}[kind]
    base_a = np.array(base, np.float32) * r.uniform(0.8, 1.15)
    low: np.ndarray = g.normal(0, 1, (h // 48 + 2, w // 48 + 2)).astype(np.float32)
    low = cv2.resize(low, (w, h), interpolation=cv2.INTER_CUBIC)
    mid: np.ndarray = g.normal(0, 1, (h // 6 + 2, w // 6 + 2)).astype(np.float32)
    mid = cv2.resize(mid, (w, h), interpolation=cv2.INTER_LINEAR)
    tex = low * r.uniform(4, 8) + mid * r.uniform(2, 4)
    if kind == "wood":
        yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
        along, across = (xx, yy) if r.random() < 0.5 else (yy, xx)
        period = r.uniform(4, 9)
        grain = np.sin(across / period + low * 0.9 + along / r.uniform(400, 900)) \
            + 0.6 * np.sin(across / (period * r.uniform(3.5, 6)) + low * 0.5)
        tex += grain * r.uniform(5, 10)
    arr = base_a[None, None, :] + tex[..., None]
    return np.clip(arr, 0, 255).astype(np.uint8)


def capture_photo(card: Image.Image, r: random.Random, g: np.random.Generator) -> Captured:
    """Phone photo on a table: random perspective, lighting gradient, noise."""
    arr = np.asarray(card)
    rgb, alpha = arr[..., :3], arr[..., 3].astype(np.float32) / 255
    ch0, cw0 = rgb.shape[:2]
    W, H = r.choice([(1600, 1200), (1200, 1600), (1280, 960)])
    bg = _table(W, H, r, g).astype(np.float32)
    cw = (r.uniform(0.62, 0.75) if H > W else r.uniform(0.48, 0.75)) * W
    ch = cw * ch0 / cw0
    jitter = 0.08
    margin_x, margin_y = cw * (0.5 + jitter) + 10, ch * (0.5 + jitter) + 10
    # people roughly centre the card: stay within 70 % of the possible offset
    cx = W / 2 + r.uniform(-0.7, 0.7) * max(0.0, W / 2 - margin_x)
    cy = H / 2 + r.uniform(-0.7, 0.7) * max(0.0, H / 2 - margin_y)
    rect = np.array([[-cw / 2, -ch / 2], [cw / 2, -ch / 2], [cw / 2, ch / 2], [-cw / 2, ch / 2]], np.float32)
    t = math.radians(r.uniform(-6, 6))
    rot = np.array([[math.cos(t), -math.sin(t)], [math.sin(t), math.cos(t)]], np.float32)
    dst = rect @ rot.T + np.array([cx, cy], np.float32)
    dst += np.array([[r.uniform(-jitter, jitter) * cw, r.uniform(-jitter, jitter) * ch] for _ in range(4)],
                    np.float32)
    src = np.array([[0, 0], [cw0, 0], [cw0, ch0], [0, ch0]], np.float32)
    M = cv2.getPerspectiveTransform(src, dst)
    warped = cv2.warpPerspective(rgb, M, (W, H), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT)
    walpha = cv2.warpPerspective(alpha, M, (W, H), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT)
    # soft contact shadow
    shadow = cv2.GaussianBlur(walpha, (0, 0), sigmaX=r.uniform(6, 14))
    shadow = np.roll(shadow, (r.randint(2, 12), r.randint(-6, 10)), axis=(0, 1))
    bg *= (1 - 0.45 * shadow)[..., None]
    out = warped.astype(np.float32) * walpha[..., None] + bg * (1 - walpha[..., None])
    # lighting gradient
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    light = 1 + r.uniform(-0.16, 0.16) * (xx / W - 0.5) + r.uniform(-0.16, 0.16) * (yy / H - 0.5)
    light *= r.uniform(0.88, 1.04)
    out = np.clip(out * light[..., None], 0, 255).astype(np.uint8)
    return _noise(out, r.uniform(1.5, 3.0), g, coarse=2), dst


def add_glare(img: np.ndarray, quad: np.ndarray, r: random.Random) -> np.ndarray:
    """One soft elliptical specular highlight on the card; text below it stays faintly legible."""
    u, v = r.uniform(0.15, 0.85), r.uniform(0.2, 0.8)
    top = quad[0] + (quad[1] - quad[0]) * u
    bot = quad[3] + (quad[2] - quad[3]) * u
    cx, cy = top + (bot - top) * v
    card_w = float(np.linalg.norm(quad[1] - quad[0]))
    rx = r.uniform(0.10, 0.25) * card_w
    ry = rx * r.uniform(0.45, 1.0)
    ang = r.uniform(0, math.pi)
    h, w = img.shape[:2]
    R = int(rx * 1.8) + 2
    x0, x1 = max(0, int(cx) - R), min(w, int(cx) + R)
    y0, y1 = max(0, int(cy) - R), min(h, int(cy) + R)
    yy, xx = np.mgrid[y0:y1, x0:x1].astype(np.float32)
    dx, dy = xx - cx, yy - cy
    a = (dx * math.cos(ang) + dy * math.sin(ang)) / rx
    b = (-dx * math.sin(ang) + dy * math.cos(ang)) / ry
    d2 = a * a + b * b
    m = np.exp(-1.6 * d2) * r.uniform(0.4, 0.6)
    out = img.astype(np.float32)
    patch = out[y0:y1, x0:x1]
    white = np.array([255, 253, 246], np.float32)
    out[y0:y1, x0:x1] = patch + m[..., None] * (white - patch)
    return np.clip(out, 0, 255).astype(np.uint8)


# EXIF Orientation that makes a viewer show upright an image whose pixels were turned clockwise by k°.
EXIF_FOR_ROTATION = {90: 8, 180: 3, 270: 6}
_CV_ROTATE = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}


@dataclass
class Job:
    index: int
    image_id: str
    mode: str
    person: Person
    seed: int
    mode_index: int  # position among the images of the same mode
    noisy: bool = False  # extra capture noise after the mode's rendering (case kind "noisy")
    classic: bool = True  # the first generator's card template (render_card); else a varied design (render_varied)


def degrade(img: np.ndarray, r: random.Random, g: np.random.Generator) -> tuple[np.ndarray, int]:
    """Extra capture noise for "noisy" cases: slight blur, strong noise; returns (image, JPEG quality)."""
    img = cv2.GaussianBlur(img, (0, 0), sigmaX=r.uniform(0.8, 1.2))
    return _noise(img, r.uniform(8, 14), g), r.randint(35, 50)


def jpeg_roundtrip(img: np.ndarray, quality: int) -> np.ndarray:
    buf = io.BytesIO()
    Image.fromarray(img).save(buf, "JPEG", quality=quality)
    buf.seek(0)
    with Image.open(buf) as im:
        return np.asarray(im.convert("RGB"))


def _rotation(mode_index: int) -> tuple[int, int | None]:
    """(degrees clockwise, EXIF Orientation or None) of the `mode_index`-th rotated image."""
    rotation = (90, 180, 270)[mode_index % 3]
    # a third of them carry an EXIF Orientation, cycling through the angles
    return rotation, EXIF_FOR_ROTATION[rotation] if mode_index % 3 == (mode_index // 3) % 3 else None


def truth_record(job: Job) -> dict[str, Any]:
    """What a perfect reader returns for the job's image (no rendering needed)."""
    truth: dict[str, Any] = {"document_type": "ktp", "capture_mode": job.mode}
    truth.update({k: job.person.fields[k] for k in CARD_FIELDS})
    if job.mode == "rotated":
        truth["rotation"], exif_tag = _rotation(job.mode_index)
        if exif_tag is not None:
            truth["exif_orientation"] = exif_tag
    if job.noisy:
        truth["ocr_noise"] = True
    return truth


def render_varied(person: Person, r: random.Random, g: np.random.Generator) -> Image.Image:
    """The card front in a design drawn from `r` (samples.ktp_render): fonts, label and colon positions,
    misprinted values, wrapped names and addresses, backgrounds and watermarks vary; RGBA like render_card."""
    return render_ktp(person.fields, (person.issue_regency if r.random() < 0.5 else person.issue_place,
                                      person.issue_date), r, g, portrait=_portrait, signature=_signature)


def _save_new_mode(img: np.ndarray, job: Job, out_dir: Path, r: random.Random,
                   noisy_quality: int | None) -> None:
    """Save a samples.capture image (RGB or RGBA) in the format samples.capture.output_format draws."""
    fmt, quality = output_format(job.mode, img.shape[2] == 4, r)
    if noisy_quality is not None:  # the noisy case's JPEG artefacts, kept whatever the container
        rgb = jpeg_roundtrip(np.ascontiguousarray(img[..., :3]), noisy_quality)
        img = np.dstack([rgb, img[..., 3]]) if img.shape[2] == 4 else rgb
        if fmt == "jpg":
            quality = noisy_quality
    pil = Image.fromarray(img)
    path = out_dir / "images" / f"{job.image_id}.{fmt}"
    if fmt == "jpg":
        pil.save(path, "JPEG", quality=quality, optimize=True)
    elif fmt == "webp":
        pil.save(path, "WEBP", lossless=quality is None, quality=quality or 90, method=4)
    else:
        pil.save(path, "PNG", compress_level=6)


def render_job(job: Job, out_dir: Path) -> dict[str, Any]:
    """Render and save one image; returns its truth record."""
    r = random.Random(f"{job.seed}:{job.index}")
    g = np.random.default_rng([job.seed, job.index])
    card = render_card(job.person, r, g) if job.classic else render_varied(job.person, r, g)
    truth = truth_record(job)
    exif: Image.Exif | None = None
    mode = job.mode
    if mode in NEW_MODES:
        img, _ = capture_new(mode, card, r, g)
        noisy_q: int | None = None
        if job.noisy:
            nr, ng = random.Random(f"{job.seed}:{job.index}:noisy"), np.random.default_rng([job.seed, job.index, 1])
            rgb, noisy_q = degrade(np.ascontiguousarray(img[..., :3]), nr, ng)
            img = np.dstack([rgb, img[..., 3]]) if img.shape[2] == 4 else rgb
        _save_new_mode(img, job, out_dir, r, noisy_q)
        return truth
    if mode == "scan":
        img, _ = capture_scan(card, r, g)
    elif mode == "photo":
        img, _ = capture_photo(card, r, g)
    elif mode == "glare":
        img, quad = (capture_photo if r.random() < 0.5 else capture_scan)(card, r, g)
        img = add_glare(img, quad, r)
    elif mode == "blur_noise":
        img, _ = (capture_photo if r.random() < 0.5 else capture_scan)(card, r, g)
        img = cv2.GaussianBlur(img, (0, 0), sigmaX=r.uniform(0.8, 1.6))
        img = _noise(img, r.uniform(4, 10), g)
    elif mode == "lowres":
        img, _ = capture_scan(card, r, g)
        new_w = r.randint(420, 560)
        img = cv2.resize(img, (new_w, round(img.shape[0] * new_w / img.shape[1])),
                         interpolation=cv2.INTER_AREA)
    elif mode == "rotated":
        img, _ = (capture_photo if r.random() < 0.5 else capture_scan)(card, r, g)
        rotation, exif_tag = _rotation(job.mode_index)
        img = cv2.rotate(img, _CV_ROTATE[rotation])
        if exif_tag is not None:
            exif = Image.Exif()
            exif[0x0112] = exif_tag
    else:
        raise ValueError(f"unknown capture mode {mode!r}")

    noisy_quality: int | None = None
    if job.noisy:  # its own random streams: the image is the genuine one plus this step
        img, noisy_quality = degrade(img, random.Random(f"{job.seed}:{job.index}:noisy"),
                                     np.random.default_rng([job.seed, job.index, 1]))

    if exif is not None:
        fmt = "jpg"
    elif job.index % 10 == 7:
        fmt = "webp"
    elif (mode == "scan" and r.random() < 0.5) or (mode == "lowres" and r.random() < 0.25):
        fmt = "png"
    else:
        fmt = "jpg"
    if noisy_quality is not None and fmt != "jpg":
        img = jpeg_roundtrip(img, noisy_quality)
    pil = Image.fromarray(img)
    path = out_dir / "images" / f"{job.image_id}.{fmt}"
    if fmt == "jpg":
        q = {"blur_noise": r.randint(70, 85), "lowres": r.randint(78, 90)}.get(mode, r.randint(80, 90))
        q = noisy_quality or q
        extra = {"exif": exif} if exif is not None else {}
        pil.save(path, "JPEG", quality=q, optimize=True, **extra)
    elif fmt == "webp":
        pil.save(path, "WEBP", quality=r.randint(78, 88), method=4)
    else:
        pil.save(path, "PNG", compress_level=6)
    return truth


def _render_star(args: tuple[Job, Path]) -> dict[str, Any]:
    return render_job(*args)


# --------------------------------------------------------------------------------------------- main


def _clean(out_dir: Path) -> None:
    for sub, pattern in (("images", "ktp-*.*"), ("truth", "ktp-*.json")):
        for p in (out_dir / sub).glob(pattern):
            p.unlink()


def assign_kinds(count: int, rng: random.Random) -> list[str]:
    """The case kind of each of `count` card holders: KIND_FRACTIONS rounded, the rest genuine, shuffled."""
    kinds = [kind for kind, frac in KIND_FRACTIONS.items() for _ in range(round(count * frac))]
    kinds += ["genuine"] * (count - len(kinds))
    rng.shuffle(kinds)
    return kinds


def _registry_row(fields: dict[str, str], rng: random.Random) -> dict[str, str]:
    row = {k: fields[k] for k in REGISTRY_FIELDS}
    row["desil"] = str(rng.randint(1, 10))
    return row


def generate(out_dir: Path, count: int, seed: int, modes: list[str] | None = None,
             workers: int = 1, progress: bool = True, registry_extra: int = 0, images: bool = True,
             classic: bool = False) -> list[str]:
    """Generate `count` synthetic KTP-el images with truth, registry and cases; returns the image ids.

    `registry_extra` more persons go into the registry only (no image); they do not change anything else.
    With `images=False` nothing is rendered: truth, registry and cases only (the same as with images).
    `classic=True` is the first generator, byte for byte (one card template, no real-card vocabulary; modes
    default to CLASSIC_MODES): the committed samples/ktp is `count=24, seed=1, classic=True`. Otherwise the
    card designs and the vocabulary vary and the modes default to all of MODES.
    """
    modes = list(modes or (CLASSIC_MODES if classic else MODES))
    unknown = set(modes) - set(MODES)
    if unknown:
        raise ValueError(f"unknown capture modes: {sorted(unknown)}")
    out_dir = Path(out_dir)
    (out_dir / "images").mkdir(parents=True, exist_ok=True)
    (out_dir / "truth").mkdir(parents=True, exist_ok=True)
    _clean(out_dir)

    rng = random.Random(seed)
    fake = Faker("id_ID")
    fake.seed_instance(seed)
    regions = load_regions()
    factory = PersonFactory(rng, fake, regions, real_vocabulary=not classic)
    persons = [factory.person() for _ in range(count)]
    decoys = [factory.person() for _ in range(N_DECOYS)]
    kinds = assign_kinds(count, rng)

    per_mode: dict[str, int] = {}
    ids = []
    mode_index = []
    for i in range(count):
        mode = modes[i % len(modes)]
        mode_index.append(per_mode.get(mode, 0))
        per_mode[mode] = mode_index[-1] + 1
        ids.append(f"ktp-{i + 1:04d}-{mode}")

    # the card each holder shows, their registry row and their case line
    rows: list[dict[str, str]] = []
    cards: list[Person] = []
    cases: list[dict[str, Any]] = []
    n_impostors = 0
    for image_id, person, kind in zip(ids, persons, kinds, strict=True):
        case: dict[str, Any] = {"id": image_id, "expected": EXPECTED[kind], "kind": kind,
                                "expected_decision": EXPECTED_DECISION[kind]}
        card = person
        if kind in ("genuine", "noisy"):
            table = GENUINE_VARIANT_COUNTS if kind == "genuine" else NOISY_VARIANT_COUNTS
            n = rng.choices(list(table), weights=list(table.values()))[0]
            fields, applied = registry_variant(person.fields, n, rng)
            rows.append(_registry_row(fields, rng))
            case["registry_variants"] = applied
        elif kind == "impostor":
            rows.append(_registry_row(person.fields, rng))  # the victim, exactly
            card = factory.impostor_card(person, forge_birth_date=n_impostors % 2 == 0)
            n_impostors += 1
        cards.append(card)
        cases.append(case)

    genuine = [i for i, kind in enumerate(kinds) if kind == "genuine"]
    for i in sorted(rng.sample(genuine, round(len(genuine) * NEAR_DUPLICATE_FRACTION))):
        twin = factory.near_duplicate(persons[i])
        rows.append(_registry_row(twin.fields, rng))
        cases[i]["near_duplicate_nik"] = twin.fields["nik"]
    rows += [_registry_row(d.fields, rng) for d in decoys]

    # what the applicant typed into the front-office form, for some cases; a typo in a fifth of them
    with_claim = sorted(rng.sample(range(count), round(count * CLAIM_FRACTION)))
    disagree = set(rng.sample(with_claim, round(len(with_claim) * CLAIM_DISAGREE_FRACTION)))
    for i in with_claim:
        claim = {k: cards[i].fields[k] for k in CLAIM_FIELDS}
        if i in disagree:
            key = rng.choice(CLAIM_FIELDS)
            claim[key] = claim_typo(key, claim[key], rng)
            cases[i]["claim"] = claim
            cases[i]["claim_disagrees"] = key
            if cases[i]["expected_decision"] == "verified":  # the applicant's word disagrees: a clerk looks
                cases[i]["expected_decision"] = "needs_review"
        else:
            cases[i]["claim"] = claim

    if registry_extra > 0:  # own random streams, so that nothing else depends on how many
        xrng = random.Random(f"{seed}:registry-extra")
        xfake = Faker("id_ID")
        xfake.seed_instance(f"{seed}:registry-extra")
        extra = PersonFactory(xrng, xfake, regions, real_vocabulary=not classic)
        extra.niks = factory.niks  # NIKs stay unique across both
        rows += [_registry_row(extra.person().fields, xrng) for _ in range(registry_extra)]
    rng.shuffle(rows)

    jobs = [Job(i, ids[i], modes[i % len(modes)], cards[i], seed, mode_index[i], noisy=kinds[i] == "noisy",
                classic=classic) for i in range(count)]
    args = [(job, out_dir) for job in jobs]
    bar = dict(total=len(jobs), desc="KTP-el", unit="img", disable=not progress)
    truths: Iterable[dict[str, Any]]
    if not images:
        truths = [truth_record(job) for job in jobs]
    elif workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            truths = list(tqdm(pool.map(_render_star, args, chunksize=2), **bar))
    else:
        truths = [_render_star(a) for a in tqdm(args, **bar)]

    for job, truth in zip(jobs, truths, strict=True):
        (out_dir / "truth" / f"{job.image_id}.json").write_text(
            json.dumps(truth, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    header = REGISTRY_FIELDS + REGISTRY_EXTRA_COLUMNS
    with (out_dir / "registry.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        writer.writerows([row[k] for k in header] for row in rows)
    with (out_dir / "cases.jsonl").open("w", encoding="utf-8") as fh:
        for case in cases:
            fh.write(json.dumps(case, ensure_ascii=False) + "\n")
    return ids


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m samples.generate", description=__doc__.split("\n")[0])
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--count", type=int, default=24)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--modes", default=None,
                    help=f"comma-separated subset of {','.join(MODES)} (default: all; with --classic the first six)")
    ap.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1),
                    help="rendering processes (output does not depend on it)")
    ap.add_argument("--registry-extra", type=int, default=0, metavar="N",
                    help="N more persons in registry.csv only, without an image (cheap: nothing is rendered)")
    ap.add_argument("--classic", action="store_true",
                    help="the first generator exactly: one card template, no real-card vocabulary (samples/ktp: "
                         "--count 24 --seed 1 --classic)")
    a = ap.parse_args(argv)
    modes = [m.strip() for m in a.modes.split(",") if m.strip()] if a.modes else None
    ids = generate(a.out_dir, a.count, a.seed, modes, workers=a.workers, registry_extra=a.registry_extra,
                   classic=a.classic)
    print(f"wrote {len(ids)} images to {a.out_dir}")


if __name__ == "__main__":
    main()
