"""Synthetic Kartu Keluarga (family card) generator: a landscape A4 page with its header, both member tables
and the signature block, photographed with a phone or scanned.

    python -m samples.kk OUT_DIR --count N --seed S --mode photo|scan|lowres|web [--diverse]

writes the contract's labelled folder: ``OUT_DIR/images/kk-0001-photo.jpg`` and ``OUT_DIR/truth/<id>.json``
(``document_type: "kk"``, ``capture_mode``, the header fields and ``members``, a list of dicts with the
contract's member keys, in table order).

Families are coherent: one KEPALA KELUARGA, a spouse when the head is married, children younger than their
parents, sometimes a parent-in-law or another relative; 1-8 members. Every member's NIK is valid for their
birth date and sex and carries the family's district code; the KK number carries it too. Persons, names,
regions, typefaces, the pen and the capture noise come from `samples.people`, `samples.render` and
`samples.capture` (imported, not copied).
Layout varies per page: typeface, font size, line spacing, column widths, table rulings, row count.

`--diverse` adds what printed KKs in the field show and the plain pages do not: the column-number row
(`(1) (2) (3) …`) under each table's header, values (or only the NIKs) in coloured ink, the newer layout
signed electronically with a QR code, header columns set close together, and blank or half-filled forms
(their truth: empty values, no members). Modes `lowres` (a scan at 100-150 dpi) and `web` (a web-size copy
at 55-70 dpi, too small to read: the reader should ask for a retake) are the low-resolution uploads.
"""

from __future__ import annotations

import argparse
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import cv2
import numpy as np
from faker import Faker
from PIL import Image, ImageDraw
from stdnum.id import nik as stdnum_nik

from doctypes.kk import HEADER_FIELDS, MEMBER_FIELDS
from primitives.regions import Region, card_province, card_regency, load_regions, place_name
from samples.capture import add_noise, capture_scan, table_background
from samples.ktp_render import Ink
from samples.labelled import labelled_folder, write_truth
from samples.people import REF_DATE, PersonFactory, age_on, random_date, years_after
from samples.render import draw_signature, format_dmy, typefaces
from workers.pipeline.vocab import MARITAL_STATUSES, SEXES
from workers.pipeline.vocab_kk import EDUCATIONS, HEAD

MODES: tuple[str, ...] = ("photo", "scan", "lowres", "web")
DPI = {"scan": (200, 300), "lowres": (100, 150), "web": (55, 70)}  # dots per inch of each scan-like mode
INKS = ((25, 45, 160), (160, 30, 35), (20, 100, 55), (70, 40, 130))  # blue, red, green, violet ballpoint/print
MAX_ROWS = 10  # a printed KK has ten numbered rows per table


# --------------------------------------------------------------------------------------------- families


@dataclass
class Family:
    header: dict[str, str]
    members: list[dict[str, str]]
    postal_code: str
    head_regency_place: str  # the regency as the signature block names the issuing office
    wedding: str  # the head's wedding date as the second table prints it, or "-"
    official: str  # the head of the civil registry office who signs


@dataclass
class Style:
    """What `--diverse` varies on a page; the default is the plain page the generator always drew."""

    column_numbers: str | None = None  # None | "restart" ((1) in each table) | "continue" ((11) in the second)
    value_ink: tuple[int, int, int] | None = None  # colour of the printed values
    nik_only: bool = False  # only the NIK column in that colour
    qr: bool = False  # the newer layout: electronic signature, QR code, issue date in the signature block
    close_header: bool = False  # the header's right column starts right after the left one's values
    fill: str = "full"  # full | half | blank

    @classmethod
    def draw(cls, r: random.Random) -> Style:
        ink = r.choice(INKS) if r.random() < 0.4 else None
        return cls(
            column_numbers=r.choice([None, "restart", "restart", "continue"]),
            value_ink=ink,
            nik_only=ink is not None and r.random() < 0.4,
            qr=r.random() < 0.5,
            close_header=r.random() < 0.4,
            fill=r.choices(["full", "half", "blank"], weights=[0.8, 0.1, 0.1])[0],
        )


def blank_out(family: Family, style: Style, r: random.Random) -> None:
    """A blank form prints no value; a half-filled one leaves some header values empty (their truth: "")."""
    if style.fill == "blank":
        family.header = {k: "" for k in family.header}
        family.members = []
        family.postal_code = ""
    elif style.fill == "half":
        for key in r.sample(["address", "rt_rw", "village", "district", "issue_date"], r.randint(2, 4)):
            family.header[key] = ""


class FamilyFactory:
    """Draws coherent families on top of `PersonFactory` (names, places, occupations, religions)."""

    def __init__(self, rng: random.Random, fake: Faker) -> None:
        self.rng = rng
        self.persons = PersonFactory(rng, fake, load_regions())
        self.regions = self.persons.regions

    def _nik(self, district_code: str, birth: date, male: bool) -> str:
        prefix = district_code.replace(".", "") + f"{birth.day + (0 if male else 40):02d}{birth:%m%y}"
        while True:
            nik = prefix + f"{self.rng.randint(1, 9999):04d}"
            if nik not in self.persons.niks and stdnum_nik.is_valid(nik):
                self.persons.niks.add(nik)
                return nik

    def _education(self, age: int) -> str:
        rng = self.rng
        if age < 6:
            return EDUCATIONS[0]
        if age < 12:
            return EDUCATIONS[1]
        if age < 15:
            return rng.choice(EDUCATIONS[1:3])
        if age < 18:
            return rng.choice(EDUCATIONS[2:4])
        weights = [0.03, 0.04, 0.18, 0.2, 0.33, 0.03, 0.05, 0.11, 0.025, 0.005]
        return rng.choices(EDUCATIONS, weights=weights)[0]

    def _occupation(self, age: int, male: bool) -> str:
        if age < 5:
            return "BELUM/TIDAK BEKERJA"
        if age < 18:
            return "PELAJAR/MAHASISWA"
        return self.persons.occupation(age, male)

    def _birth_place(self, prov: Region, reg: Region) -> str:
        return self.persons.birth_place(prov, reg)

    def family(self) -> Family:
        rng, P = self.rng, self.persons
        prov, reg, dist, vil = P.pick_region()
        head_male = rng.random() < 0.82
        head_birth = random_date(rng, years_after(REF_DATE, -75), years_after(REF_DATE, -22))
        head_age = age_on(head_birth)
        religion = P.religion(prov.code)
        married = head_male and rng.random() < 0.85
        head_marital = (
            "KAWIN"
            if married
            else rng.choice(["BELUM KAWIN", "CERAI HIDUP", "CERAI MATI"])
            if head_male
            else rng.choice(["CERAI HIDUP", "CERAI MATI", "CERAI MATI"])
        )
        if head_age > 35 and head_marital == "BELUM KAWIN":
            head_marital = "CERAI MATI"
        wedding = years_after(head_birth, rng.randint(20, 32)) if head_marital != "BELUM KAWIN" else None
        if wedding is not None and wedding > REF_DATE:
            wedding = REF_DATE - timedelta(days=rng.randint(30, 900))

        members: list[dict[str, str]] = []

        def add(
            male: bool, birth: date, relationship: str, marital: str, father: str, mother: str, name: str | None = None
        ) -> dict[str, str]:
            age = age_on(birth)
            m = {
                "nik": self._nik(dist.code, birth, male),
                "name": name or P.name(male),
                "sex": SEXES[0] if male else SEXES[1],
                "birth_place": self._birth_place(prov, reg),
                "birth_date": birth.isoformat(),
                "religion": religion,
                "education": self._education(age),
                "occupation": self._occupation(age, male),
                "marital_status": marital,
                "relationship": relationship,
                "nationality": "WNI",
                "father_name": father,
                "mother_name": mother,
            }
            assert marital in MARITAL_STATUSES
            members.append(m)
            return m

        head = add(head_male, head_birth, HEAD, head_marital, P.name(True), P.name(False))
        father, mother = (head["name"], "") if head_male else ("", head["name"])
        if married:
            spouse_birth = random_date(
                rng, years_after(head_birth, -3), min(years_after(head_birth, 12), years_after(REF_DATE, -19))
            )
            spouse = add(
                not head_male, spouse_birth, "ISTRI" if head_male else "SUAMI", "KAWIN", P.name(True), P.name(False)
            )
            mother = spouse["name"]
        if not father:
            father = P.name(True)
        if not mother:
            mother = P.name(False)
        n_children = rng.choices(range(7), weights=[0.12, 0.2, 0.28, 0.2, 0.1, 0.06, 0.04])[0]
        first = wedding or years_after(head_birth, 22)
        born = max(first + timedelta(days=300), years_after(head_birth, 18))
        for _ in range(n_children):
            if born > REF_DATE - timedelta(days=30) or len(members) >= 8:
                break
            birth = random_date(rng, born, min(born + timedelta(days=365 * 4), REF_DATE - timedelta(days=30)))
            age = age_on(birth)
            marital = "BELUM KAWIN" if age < 22 or rng.random() < 0.6 else "KAWIN"
            add(rng.random() < 0.5, birth, "ANAK", marital, father, mother)
            born = birth + timedelta(days=rng.randint(400, 1500))
        if len(members) < 8 and head_age < 60 and rng.random() < 0.15:  # a widowed parent lives with them
            birth = random_date(rng, years_after(head_birth, -35), years_after(head_birth, -19))
            parent_male = rng.random() < 0.3
            add(
                parent_male,
                birth,
                "ORANG TUA" if rng.random() < 0.6 else "MERTUA",
                "CERAI MATI",
                P.name(True),
                P.name(False),
            )
        if len(members) < 8 and rng.random() < 0.08:
            birth = random_date(rng, years_after(REF_DATE, -40), years_after(REF_DATE, -8))
            add(
                rng.random() < 0.5,
                birth,
                rng.choice(["FAMILI LAIN", "CUCU", "LAINNYA"]),
                "BELUM KAWIN",
                P.name(True),
                P.name(False),
            )
        members = members[:8]
        for m in members:  # a child's occupation must fit its education, a toddler has no school
            if age_on(date.fromisoformat(m["birth_date"])) < 5:
                m["education"] = EDUCATIONS[0]

        youngest = max(date.fromisoformat(m["birth_date"]) for m in members)
        issue = random_date(rng, max(date(2012, 1, 1), youngest), REF_DATE)
        since = min(issue, max(date(2000, 1, 1), wedding or date(2000, 1, 1)))  # first registered
        registered = random_date(rng, since, issue) if rng.random() < 0.6 else issue
        kk_number = self._nik(dist.code, registered, True)[:12] + f"{rng.randint(1, 9999):04d}"
        while not stdnum_nik.is_valid(kk_number):
            kk_number = kk_number[:12] + f"{rng.randint(1, 9999):04d}"
        header = {
            "kk_number": kk_number,
            "head_name": head["name"],
            "address": P.address(),
            "rt_rw": f"{rng.randint(1, 25):03d}/{rng.randint(1, 15):03d}",
            "village": vil.upper,
            "district": dist.upper,
            "regency": card_regency(reg),
            "province": card_province(prov),
            "issue_date": issue.isoformat(),
        }
        wed = format_dmy(wedding) if wedding is not None and head_marital == "KAWIN" and rng.random() < 0.7 else "-"
        return Family(header, members, f"{rng.randint(10000, 99999)}", place_name(reg), wed, P.name(True))


# --------------------------------------------------------------------------------------------- rendering

T1_COLUMNS = (
    ("No", 0.35),
    ("Nama Lengkap", 2.3),
    ("NIK", 1.95),
    ("Jenis Kelamin", 1.15),
    ("Tempat Lahir", 1.45),
    ("Tanggal Lahir", 1.15),
    ("Agama", 1.0),
    ("Pendidikan", 2.1),
    ("Jenis Pekerjaan", 2.0),
    ("Golongan Darah", 0.85),
)
T2_COLUMNS = (
    ("No", 0.35),
    ("Status Perkawinan", 1.2),
    ("Tanggal Perkawinan", 1.15),
    ("Status Hubungan Dalam Keluarga", 1.55),
    ("Kewarganegaraan", 1.2),
    ("No. Paspor", 1.0),
    ("No. KITAP", 1.0),
    ("Nama Ayah", 2.3),
    ("Nama Ibu", 2.3),
)


def _t1_row(i: int, m: dict[str, str], blood: str) -> list[str]:
    return [
        str(i),
        m["name"],
        m["nik"],
        m["sex"],
        m["birth_place"],
        format_dmy(m["birth_date"]),
        m["religion"],
        m["education"],
        m["occupation"],
        blood,
    ]


def _t2_row(i: int, m: dict[str, str], wedding: str) -> list[str]:
    return [
        str(i),
        m["marital_status"],
        wedding,
        m["relationship"],
        m["nationality"],
        "-",
        "-",
        m["father_name"],
        m["mother_name"],
    ]


class PageRenderer:
    def __init__(self, family: Family, r: random.Random, style: Style | None = None) -> None:
        self.f, self.r = family, r
        self.style = style or Style()
        self.W = r.randint(2400, 2800)
        self.H = round(self.W / (297 / 210))
        self.s = self.W / 2600
        shade = r.randint(236, 252)
        self.img = Image.new("RGB", (self.W, self.H), (shade, shade, min(255, shade + r.randint(-4, 3))))
        self.draw = ImageDraw.Draw(self.img)
        ink = r.randint(0, 40)
        self.pen = Ink(self.draw, r.choice(typefaces()), (ink, ink, ink + r.randint(0, 12)))
        self.fs = round(r.uniform(21, 27) * self.s)  # body font size
        self.ruling = r.choice(["grid", "grid", "grid", "rows", "frame"])
        self.line_w = r.choice([1, 2, 2, 3])
        ink_colour = self.style.value_ink or self.pen.color
        self.vpen = Ink(self.draw, self.pen.face, ink_colour)  # the printed values (maybe coloured)

    def _value_pen(self, column: str) -> Ink:
        if self.style.value_ink is not None and (not self.style.nik_only or column == "NIK"):
            return self.vpen
        return self.pen

    def _background(self) -> None:
        """A faint security tint and the garuda-ish watermark circles some KK prints carry."""
        if self.r.random() < 0.5:
            return
        layer = Image.new("RGBA", (self.W, self.H), (0, 0, 0, 0))
        d = ImageDraw.Draw(layer)
        cx, cy, rad = self.W / 2, self.H * 0.55, self.H * self.r.uniform(0.25, 0.35)
        col = (self.r.randint(150, 200), self.r.randint(170, 210), self.r.randint(150, 200), self.r.randint(25, 45))
        for k in range(4):
            rr = rad * (1 - 0.15 * k)
            d.ellipse((cx - rr, cy - rr, cx + rr, cy + rr), outline=col, width=3)
        base = self.img.convert("RGBA")
        base.alpha_composite(layer)
        self.img = base.convert("RGB")
        self.draw = ImageDraw.Draw(self.img)
        self.pen.draw = self.draw
        self.vpen.draw = self.draw

    def render(self) -> Image.Image:
        r, s, pen, fs, h = self.r, self.s, self.pen, self.fs, self.f.header
        self._background()
        margin = r.uniform(50, 90) * s
        # title and number
        ts = round(r.uniform(40, 52) * s)
        y = margin + ts
        pen.text((self.W / 2 + r.uniform(-10, 10) * s, y), "KARTU KELUARGA", ts, bold=True, anchor="ms")
        y += ts * r.uniform(0.9, 1.2)
        ns = round(ts * r.uniform(0.6, 0.75))
        pen.text((self.W / 2, y), f"No. {h['kk_number']}" if h["kk_number"] else "No.", ns, bold=True, anchor="ms")
        # header block: two columns of label : value
        y += fs * r.uniform(2.0, 2.6)
        line_h = fs * r.uniform(1.35, 1.7)
        left = [
            ("Nama Kepala Keluarga", h["head_name"]),
            ("Alamat", h["address"]),
            ("RT/RW", h["rt_rw"]),
            ("Desa/Kelurahan", h["village"]),
        ]
        right = [
            ("Kecamatan", h["district"]),
            ("Kabupaten/Kota", h["regency"]),
            ("Kode Pos", self.f.postal_code),
            ("Provinsi", h["province"]),
        ]
        lx = margin + r.uniform(0, 30) * s
        rx = self.W * r.uniform(0.55, 0.62)
        if self.style.close_header:  # the right column right after the longest left value
            lw = max(pen.width(lbl, fs) for lbl, _ in left)
            longest = max(pen.width(v, fs) for _, v in left)
            rx = min(self.W * 0.62, lx + lw + 60 * s + longest + r.uniform(25, 60) * s)
        for col_x, rows, limit in ((lx, left, rx - 20 * s), (rx, right, self.W - margin)):
            lw = max(pen.width(lbl, fs) for lbl, _ in rows)
            colon = col_x + lw + r.uniform(14, 40) * s
            for i, (lbl, val) in enumerate(rows):
                yy = y + i * line_h
                pen.text((col_x, yy), lbl, fs)
                pen.text((colon, yy), ":", fs)
                vx = colon + r.uniform(14, 22) * s
                if val:
                    self._value_pen("").text((vx, yy), val, pen.fit(val, fs, limit - vx))
        y += 4 * line_h + fs * r.uniform(0.4, 1.0)

        n = len(self.f.members)
        n_rows = r.choice([n, MAX_ROWS, MAX_ROWS, max(n, r.randint(n, MAX_ROWS))]) if n else MAX_ROWS
        footer_h = fs * 7.5
        available = self.H - margin - footer_h - y
        row_h = min(fs * r.uniform(1.5, 2.1), available / (2 * n_rows + 2 * 2.6 + 1.2))
        x0, x1 = margin, self.W - margin
        blood = r.choice(["-", "TIDAK TAHU"]) if r.random() < 0.8 else None
        t1 = [_t1_row(i + 1, m, blood or r.choice(["A", "B", "O", "AB"])) for i, m in enumerate(self.f.members)]
        y = self._table(T1_COLUMNS, t1, n_rows, x0, x1, y, row_h, 1)
        y += row_h * r.uniform(0.7, 1.3)
        t2 = []
        for i, m in enumerate(self.f.members):
            wed = self.f.wedding if m["relationship"] in (HEAD, "ISTRI", "SUAMI") else "-"
            t2.append(_t2_row(i + 1, m, wed))
        y = self._table(
            T2_COLUMNS,
            t2,
            n_rows,
            x0,
            x1,
            y,
            row_h,
            len(T1_COLUMNS) + 1 if self.style.column_numbers == "continue" else 1,
        )
        if self.style.qr:
            self._footer_qr(y + row_h * 0.8)
        else:
            self._footer(y + row_h * 0.8)
        return self.img

    def _widths(self, columns: Sequence[tuple[str, float]], x0: float, x1: float) -> list[float]:
        weights = [w * self.r.uniform(0.88, 1.12) for _, w in columns]
        total = sum(weights)
        xs = [x0]
        for w in weights:
            xs.append(xs[-1] + (x1 - x0) * w / total)
        return xs

    def _hline(self, x0: float, x1: float, y: float, width: int | None = None) -> None:
        self.draw.line((x0, y, x1, y), fill=self.pen.color, width=width or self.line_w)

    def _vline(self, x: float, y0: float, y1: float) -> None:
        self.draw.line((x, y0, x, y1), fill=self.pen.color, width=self.line_w)

    def _table(
        self,
        columns: Sequence[tuple[str, float]],
        rows: list[list[str]],
        n_rows: int,
        x0: float,
        x1: float,
        y: float,
        row_h: float,
        first_number: int = 1,
    ) -> float:
        r, pen, fs = self.r, self.pen, self.fs
        xs = self._widths(columns, x0, x1)
        hs = round(fs * r.uniform(0.85, 1.0))  # header font
        head_h = row_h * 2.2
        bold_head = r.random() < 0.6
        top = y
        for c, (label, _) in enumerate(columns):
            cw = xs[c + 1] - xs[c] - 8 * self.s
            lines = self._wrap(label, hs, cw, bold_head)
            size = min(pen.fit(ln, hs, cw, bold_head) for ln in lines)
            cx = (xs[c] + xs[c + 1]) / 2
            ly = top + head_h / 2 - (len(lines) - 1) * size * 0.6 + size * 0.35
            for ln in lines:
                pen.text((cx, ly), ln, size, bold=bold_head, anchor="ms")
                ly += size * 1.2
        body_top = top + head_h
        self._hline(x0, x1, top, self.line_w + 1)
        if self.style.column_numbers:  # `(1) (2) (3) …` in a thin row of its own under the labels
            num_h = row_h * 0.8
            ns = round(fs * r.uniform(0.7, 0.85))
            for c in range(len(columns)):
                label = f"({first_number + c})"
                pen.text(((xs[c] + xs[c + 1]) / 2, body_top + num_h / 2 + ns * 0.36), label, ns, anchor="ms")
            self._hline(x0, x1, body_top, self.line_w)
            body_top += num_h
        self._hline(x0, x1, body_top, self.line_w + 1)
        bottom = body_top + n_rows * row_h
        align_centre = {0, 2, 3, 5, 6} if len(columns) == 10 else {0, 1, 2, 4, 5, 6}
        for i in range(n_rows):
            ry = body_top + i * row_h
            baseline = ry + row_h / 2 + fs * 0.36
            if i < len(rows):
                for c, val in enumerate(rows[i]):
                    cw = xs[c + 1] - xs[c] - 10 * self.s
                    size = pen.fit(val, fs, cw)
                    vpen = self._value_pen(columns[c][0]) if c else pen
                    if c in align_centre:
                        vpen.text(((xs[c] + xs[c + 1]) / 2, baseline), val, size, anchor="ms")
                    else:
                        vpen.text((xs[c] + 6 * self.s, baseline), val, size)
            if self.ruling in ("grid", "rows") and i > 0:
                self._hline(x0, x1, ry)
        self._hline(x0, x1, bottom, self.line_w + 1)
        if self.ruling == "grid":
            for x in xs:
                self._vline(x, top, bottom)
        else:
            self._vline(x0, top, bottom)
            self._vline(x1, top, bottom)
        return bottom

    def _wrap(self, label: str, size: int, width: float, bold: bool) -> list[str]:
        if self.pen.width(label, size, bold) <= width or " " not in label:
            return [label]
        words = label.split()
        best = [label]
        best_w = math.inf
        for k in range(1, len(words)):
            a, b = " ".join(words[:k]), " ".join(words[k:])
            w = max(self.pen.width(a, size, bold), self.pen.width(b, size, bold))
            if w < best_w:
                best, best_w = [a, b], w
        return best

    def _footer(self, y: float) -> None:
        r, pen, fs, s = self.r, self.pen, self.fs, self.s
        h = self.f.header
        x = self.W * 0.06 + r.uniform(-10, 30) * s
        issued = format_dmy(h["issue_date"]) if h["issue_date"] else ""
        pen.text((x, y + fs), f"Dikeluarkan Tanggal : {issued}", fs)
        lx = self.W * r.uniform(0.08, 0.2)
        rx = self.W * r.uniform(0.72, 0.8)
        yy = y + fs * 2.6
        pen.text((lx, yy), "KEPALA KELUARGA", fs, anchor="ms")
        office = f"KEPALA DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL {self.f.head_regency_place}"
        pen.text((rx, yy), office, pen.fit(office, round(fs * 0.85), self.W * 0.4), anchor="ms")
        draw_signature(self.draw, (lx - 90 * s, yy + 12 * s, lx + 90 * s, yy + fs * 3.2), r)
        draw_signature(self.draw, (rx - 90 * s, yy + 12 * s, rx + 90 * s, yy + fs * 3.2), r)
        if h["head_name"]:
            pen.text((lx, yy + fs * 4.3), h["head_name"], fs, anchor="ms")
        pen.text((rx, yy + fs * 4.3), self.f.official, fs, anchor="ms")
        nip = "".join(str(r.randint(0, 9)) for _ in range(18))
        pen.text((rx, yy + fs * 5.4), f"NIP. {nip}", round(fs * 0.85), anchor="ms")

    def _footer_qr(self, y: float) -> None:
        """The newer KK: the issue date in the office's block, a QR code for the electronic signature, and
        the BSrE note at the foot."""
        r, pen, fs, s = self.r, self.pen, self.fs, self.s
        h = self.f.header
        lx = self.W * r.uniform(0.1, 0.2)
        rx = self.W * r.uniform(0.7, 0.78)
        yy = y + fs * 1.2
        issued = format_dmy(h["issue_date"]) if h["issue_date"] else ""
        pen.text((rx, yy), f"Dikeluarkan Tanggal : {issued}", fs, anchor="ms")
        yy += fs * 1.3
        pen.text((lx, yy), "KEPALA KELUARGA", fs, anchor="ms")
        office = f"KEPALA DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL {self.f.head_regency_place}"
        pen.text((rx, yy), office, pen.fit(office, round(fs * 0.85), self.W * 0.4), anchor="ms")
        side = round(fs * 3.4)
        code = cv2.QRCodeEncoder.create().encode(f"KK {h['kk_number']} {r.randint(10**9, 10**10)}")
        qr = cv2.resize(np.asarray(code, np.uint8), (side, side), interpolation=cv2.INTER_NEAREST)
        qr_img = Image.fromarray(np.where(qr[..., None] > 0, 255, 0).astype(np.uint8).repeat(3, axis=2))
        self.img.paste(qr_img, (round(rx - side / 2), round(yy + fs * 0.4)))
        draw_signature(self.draw, (lx - 90 * s, yy + 12 * s, lx + 90 * s, yy + fs * 3.2), r)
        if h["head_name"]:
            pen.text((lx, yy + fs * 4.3), h["head_name"], fs, anchor="ms")
        pen.text((rx, yy + side + fs * 1.4), self.f.official, fs, anchor="ms")
        note = (
            "Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat elektronik yang "
            "diterbitkan oleh Balai Sertifikasi Elektronik (BSrE), BSSN"
        )
        pen.text((self.W * 0.05, yy + side + fs * 2.6), note, pen.fit(note, round(fs * 0.7), self.W * 0.6))


# --------------------------------------------------------------------------------------------- capture


def capture_page_photo(page: np.ndarray, r: random.Random, g: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """A phone photo of the whole sheet on a table: perspective, a lighting gradient and a soft shadow,
    slight defocus, sensor noise. RGB in; (RGB photo, the sheet's corners in it: TL, TR, BR, BL) out."""
    ph, pw = page.shape[:2]
    W, H = r.choice([(4000, 3000), (3264, 2448), (4032, 3024)])
    bg = table_background(W, H, r, g).astype(np.float32)
    cover = r.uniform(0.78, 0.93)
    cw = cover * W
    ch = cw * ph / pw
    if ch > 0.95 * H:
        ch = 0.95 * H * r.uniform(0.9, 1.0)
        cw = ch * pw / ph
    jitter = 0.035
    mx, my = max(0.0, W / 2 - cw * (0.5 + jitter) - 8), max(0.0, H / 2 - ch * (0.5 + jitter) - 8)
    cx, cy = W / 2 + r.uniform(-0.8, 0.8) * mx, H / 2 + r.uniform(-0.8, 0.8) * my
    rect = np.array([[-cw / 2, -ch / 2], [cw / 2, -ch / 2], [cw / 2, ch / 2], [-cw / 2, ch / 2]], np.float32)
    t = math.radians(r.uniform(-4, 4))
    rot = np.array([[math.cos(t), -math.sin(t)], [math.sin(t), math.cos(t)]], np.float32)
    dst = rect @ rot.T + np.array([cx, cy], np.float32)
    dst += np.array([[r.uniform(-jitter, jitter) * cw, r.uniform(-jitter, jitter) * ch] for _ in range(4)], np.float32)
    src = np.array([[0, 0], [pw, 0], [pw, ph], [0, ph]], np.float32)
    M = cv2.getPerspectiveTransform(src, dst)
    warped = cv2.warpPerspective(page, M, (W, H), flags=cv2.INTER_AREA if cw < pw else cv2.INTER_LINEAR)
    alpha = cv2.warpPerspective(np.ones((ph, pw), np.float32), M, (W, H), flags=cv2.INTER_LINEAR)
    shadow = cv2.GaussianBlur(alpha, (0, 0), sigmaX=r.uniform(8, 20))
    shadow = np.roll(shadow, (r.randint(4, 20), r.randint(-10, 16)), axis=(0, 1))
    bg *= (1 - 0.4 * shadow)[..., None]
    out = warped.astype(np.float32) * alpha[..., None] + bg * (1 - alpha[..., None])
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    light = 1 + r.uniform(-0.18, 0.18) * (xx / W - 0.5) + r.uniform(-0.18, 0.18) * (yy / H - 0.5)
    light *= r.uniform(0.85, 1.03)
    if r.random() < 0.5:  # the phone's or the hand's soft shadow across part of the sheet
        a, b = r.uniform(-1, 1), r.uniform(0.2, 0.8)
        edge = (yy / H - b) - a * (xx / W - 0.5)
        light *= 1 - r.uniform(0.12, 0.25) * (1 / (1 + np.exp(-edge * r.uniform(15, 40))))
    out = np.clip(out * light[..., None], 0, 255).astype(np.uint8)
    out = cv2.GaussianBlur(out, (0, 0), sigmaX=r.uniform(0.5, 1.1))
    return add_noise(out, r.uniform(2.0, 4.0), g, coarse=2), dst


def capture_page_scan(
    page: np.ndarray, r: random.Random, g: np.random.Generator, dpi: tuple[float, float] = DPI["scan"]
) -> np.ndarray:
    """A flatbed scan at `dpi` (200-300 by default): `samples.capture.capture_scan` (bed margin, tiny skew,
    noise)."""
    dpi_w = round(297 / 25.4 * r.uniform(*dpi))
    scale = dpi_w / page.shape[1]
    if abs(scale - 1) > 0.02:
        page = cv2.resize(
            page, (dpi_w, round(page.shape[0] * scale)), interpolation=cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC
        )
    rgba = np.dstack([page, np.full(page.shape[:2], 255, np.uint8)])
    img, _ = capture_scan(Image.fromarray(rgba, "RGBA"), r, g)
    return img


# --------------------------------------------------------------------------------------------- main


def truth_record(family: Family, mode: str) -> dict[str, Any]:
    truth: dict[str, Any] = {"document_type": "kk", "capture_mode": mode}
    truth.update({k: family.header[k] for k in HEADER_FIELDS})
    truth["members"] = [{k: m[k] for k in MEMBER_FIELDS} for m in family.members]
    return truth


def render_family(
    family: Family, mode: str, r: random.Random, g: np.random.Generator, style: Style | None = None
) -> np.ndarray:
    """The captured image (RGB) of `family`'s KK."""
    page = np.asarray(PageRenderer(family, r, style).render())
    if mode == "photo":
        return capture_page_photo(page, r, g)[0]
    if mode in DPI:
        return capture_page_scan(page, r, g, DPI[mode])
    raise ValueError(f"unknown capture mode {mode!r}")


def generate(out_dir: Path, count: int, seed: int, mode: str = "photo", diverse: bool = False) -> list[str]:
    """`count` KK images with truth in `out_dir` (the contract's labelled folder); returns the ids.
    `diverse`: each page also draws a `Style` (from its own random stream, so the families stay those of
    the plain set)."""
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}")
    if count < 1:
        raise ValueError("count must be at least 1")
    out_dir = labelled_folder(out_dir)
    rng = random.Random(seed)
    fake = Faker("id_ID")
    fake.seed_instance(seed)
    factory = FamilyFactory(rng, fake)
    ids = []
    for i in range(count):
        family = factory.family()
        image_id = f"kk-{i + 1:04d}-{mode}"
        r = random.Random(f"{seed}:{i}")
        g = np.random.default_rng([seed, i])
        style = None
        if diverse:
            rs = random.Random(f"{seed}:{i}:style")
            style = Style.draw(rs)
            blank_out(family, style, rs)
        img = render_family(family, mode, r, g, style)
        Image.fromarray(img).save(
            out_dir / "images" / f"{image_id}.jpg",
            "JPEG",
            quality=r.randint(78, 90) if mode == "photo" else r.randint(85, 93),
        )
        write_truth(out_dir, image_id, truth_record(family, mode), indent=2)
        ids.append(image_id)
    return ids


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m samples.kk", description=__doc__.split("\n")[0])
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--count", type=int, default=4)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--mode", choices=MODES, default="photo")
    ap.add_argument(
        "--diverse",
        action="store_true",
        help="column-number rows, coloured ink, the QR layout, blank and half-filled forms",
    )
    a = ap.parse_args(argv)
    ids = generate(a.out_dir, a.count, a.seed, a.mode, a.diverse)
    print(f"wrote {len(ids)} images to {a.out_dir}")


if __name__ == "__main__":
    main()
