"""Who is on a synthetic card: persons, names, regions, NIKs and dates, and the registry's clerical variants.

Everything is synthetic: names and streets come from Faker ``id_ID``, places from the Kemendagri region codes
shipped with the pipeline (``primitives/data/wilayah.csv``); NIKs are built from those codes and the birth date
and pass ``stdnum.id.nik``. Shared by every generator that needs a holder (KTP-el, KK, SKTM, passport, SIM, the
checks, reuse and traffic sets); nothing here draws or captures.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from faker import Faker
from stdnum.id import nik as stdnum_nik

from doctypes import REGISTRY_FIELDS
from doctypes.ktp import KTP
from primitives.regions import (
    Region,
    Regions,
    card_province,
    card_regency,
    place_name,
)
from workers.pipeline.vocab import (
    BLOOD_TYPES,
    LIFETIME,
    MARITAL_STATUSES,
    OCCUPATIONS,
    RELIGIONS,
    SEXES,
)

# The 17 fields printed on a KTP-el, in truth-file order (its field model's), and the contract's registry columns.
CARD_FIELDS: tuple[str, ...] = KTP.keys

# "Today" for ages and issue dates; fixed so that the output does not depend on the clock.
REF_DATE = date(2025, 6, 30)
KTP_EL_START = date(2011, 7, 1)  # first KTP-el issued
LIFETIME_FROM = date(2016, 1, 1)  # cards valid for life since UU 24/2013 took effect


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


_TITLE = re.compile(r"^(DR|DRS|DRA|DRG|IR|H|HJ|PROF|R|RA|RM|DT|T|TGK|TB|KH|S|M|A|SUTAN|CUT|PUTI|RADEN|TENGKU)$")

NAME_PREFIXES_MALE = ("MUHAMMAD", "MUHAMMAD", "MOHAMMAD", "MOCHAMAD", "AHMAD", "ABDUL", "NUR")
NAME_PREFIXES_FEMALE = ("SITI", "SITI", "NUR", "DEWI", "SRI", "NI", "PUTU")

# Spelling variants a registry clerk could have typed for the same person (regex, replacement; one match is
# replaced): only equivalences that occur in real records, never another name.
_MUHAMMAD = ("MUHAMMAD", "MUHAMAD", "MOHAMMAD", "MOHAMAD", "MOCHAMAD", "MOCHAMMAD")
SPELLING_VARIANTS: tuple[tuple[str, str], ...] = (
    *((rf"\b{a}\b", b) for a in _MUHAMMAD for b in _MUHAMMAD if a != b),
    *((rf"^{a}\b", abbr) for a in _MUHAMMAD for abbr in ("MOCH.", "M.")),  # abbreviated first token
    (r"\bSITI\b", "SITTI"),
    (r"\bSITTI\b", "SITI"),
    (r"\bAHMAD\b", "ACHMAD"),
    (r"\bACHMAD\b", "AHMAD"),
    (r"\bABDUL\b", "ABDOEL"),
    (r"\bABDOEL\b", "ABDUL"),
    (r"\bNUR\b", "NOOR"),
    (r"\bNOOR\b", "NUR"),
    # the pre-1972 spelling and back
    (r"OE", "U"),
    (r"(?<![AEIOU])U", "OE"),
    (r"DJ", "J"),
    (r"(?<!D)J", "DJ"),
    (r"TJ", "C"),
    (r"C(?=[AEIOU])", "TJ"),
    (r"SJ", "SY"),
    (r"SY", "SJ"),
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
    (r"\bJL\. ?", "JALAN "),
    (r"\bJALAN\b", "JL."),
    (r"\bGG\. ?", "GANG "),
    (r"\bGANG\b", "GG."),
    (r"\bNO\. ?", "NOMOR "),
    (r"\bNOMOR\b", "NO."),
    (r"\bPERUM\b", "PERUMAHAN"),
    (r"\bPERUMAHAN\b", "PERUM"),
    (r"\bKP\. ?", "KAMPUNG "),
    (r"\bKAMPUNG\b", "KP."),
    (r"\bDUSUN\b", "DSN."),
    (r"\bDSN\. ?", "DUSUN "),
    (r"\bNO\. (?=\d)", "NO."),
)

# Clerical differences of a genuine holder's registry row, in the order they are applied.
REGISTRY_VARIANTS: tuple[str, ...] = ("name_spelling", "title", "address_abbrev", "rt_rw_format", "case_spacing")


def _first_change(value: str, rules: Sequence[tuple[str, str]], rng: random.Random) -> str | None:
    """Apply one randomly chosen rule, at one randomly chosen match, that changes `value`; None if none does."""
    options = []
    for pat, sub in rules:
        for m in re.finditer(pat, value):
            new = value[: m.start()] + m.expand(sub) + value[m.end() :]
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
    """ "003/007" as "3/7", "03/07", "RT 003 RW 007" or "RT.03/RW.07"."""
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
        return value[:i] + "  " + value[i + 1 :]
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
            row["name"] = titled_name(row["name"], male, age_on(date.fromisoformat(row["birth_date"])), rng)
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
            new = value[:i] + rng.choice([d for d in "0123456789" if d != value[i]]) + value[i + 1 :]
        elif key == "birth_date":
            d = date.fromisoformat(value)
            op = rng.choice(("day", "swap", "year"))
            if op == "swap" and d.day <= 12:
                new = d.replace(month=d.day, day=d.month).isoformat()
            elif op == "year":
                new = years_after(d, rng.choice((-10, -1, 1, 10))).isoformat()
            else:
                new = (d + timedelta(days=rng.choice((-2, -1, 1, 2, 10)))).isoformat()
        else:
            i = rng.randrange(len(value) - 1)
            op = rng.choice(("swap", "drop", "double", "replace"))
            if op == "swap":
                new = value[:i] + value[i + 1] + value[i] + value[i + 2 :]
            elif op == "drop":
                new = value[:i] + value[i + 1 :]
            elif op == "double":
                new = value[:i] + value[i] + value[i:]
            else:
                new = value[:i] + rng.choice("AEIOUNRS") + value[i + 1 :]
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


def years_after(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def random_date(rng: random.Random, lo: date, hi: date) -> date:
    return date.fromordinal(rng.randint(lo.toordinal(), hi.toordinal()))


def _weighted(rng: random.Random, table: dict[str, float]) -> str:
    return rng.choices(list(table), weights=list(table.values()))[0]


def age_on(birth: date, on: date = REF_DATE) -> int:
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
    "PERANGKAT DESA",
    "KEPALA DESA",
    "TUKANG JAHIT",
    "TUKANG LAS/PANDAI BESI",
    "TUKANG CUKUR",
    "MEKANIK",
    "USTADZ/MUBALIGH",
    "PENDETA",
    "IMAM MASJID",
    "WARTAWAN",
    "APOTEKER",
    "PELAUT",
    "SENIMAN",
    "JURU MASAK",
    "KARYAWAN BUMD",
    "BURUH NELAYAN/PERIKANAN",
    "PENATA RAMBUT",
    "ANGGOTA DPRD KABUPATEN/KOTA",
)
# second words a one-word spelling never swallows (MALUKUTENGGARA, KEPULAUANSERIBU are not printed)
_COMPASS = {
    "UTARA",
    "SELATAN",
    "TIMUR",
    "BARAT",
    "TENGAH",
    "TENGGARA",
    "DAYA",
    "LAUT",
    "BESAR",
    "BARU",
    "JAYA",
    "RAYA",
    "KEPULAUAN",
    "KEP",
    "KOTA",
}
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
                new = [*words[:i], self.rng.choice(other), *words[i + 1 :]]
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
            table = {
                "ISLAM": 0.86,
                "KRISTEN": 0.065,
                "KATOLIK": 0.03,
                "HINDU": 0.015,
                "BUDHA": 0.02,
                "KONGHUCU": 0.006,
                RELIGIONS[-1]: 0.004,
            }
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
        common = {
            "WIRASWASTA": 6,
            "KARYAWAN SWASTA": 6,
            "PETANI/PEKEBUN": 4,
            "BURUH HARIAN LEPAS": 3,
            "PEDAGANG": 2,
            "MENGURUS RUMAH TANGGA": 0.3 if male else 2,
        }
        table = {o: common.get(o, 0.6) for o in OCCUPATIONS if o not in ("PELAJAR/MAHASISWA", "PENSIUNAN")}
        return _weighted(rng, table)

    def person(self, male: bool | None = None, birth: date | None = None) -> Person:
        """A new person; `male` and `birth` fix the sex and the birth date (the rng draws the same either way)."""
        rng = self.rng
        prov, reg, dist, vil = self.pick_region()
        coin = rng.random() < 0.5
        male = coin if male is None else male
        drawn = random_date(rng, years_after(REF_DATE, -81) + timedelta(days=1), years_after(REF_DATE, -17))
        birth = drawn if birth is None else birth
        age = age_on(birth)
        day = birth.day + (0 if male else 40)
        prefix = dist.code.replace(".", "") + f"{day:02d}{birth:%m%y}"
        while True:
            nik = prefix + f"{rng.randint(1, 9999):04d}"
            if nik not in self.niks and stdnum_nik.is_valid(nik):
                break
        self.niks.add(nik)

        earliest = max(KTP_EL_START, years_after(birth, 17))
        if earliest < LIFETIME_FROM - timedelta(days=30) and rng.random() < 0.17:
            issue = random_date(rng, earliest, LIFETIME_FROM - timedelta(days=1))
            valid_until = years_after(issue, 5).isoformat()
        else:
            issue = random_date(rng, max(earliest, KTP_EL_START), REF_DATE)
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
                not forge_birth_date or impostor.fields["birth_date"] != victim.fields["birth_date"]
            ):
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
