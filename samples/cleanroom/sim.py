"""Clean-room SIM renderer (Indonesian driving licence): draws an ID-1 card from the written description of the
real card (/work/helpers/SIM-FIELDS.md) and writes a labelled folder for `docverify eval`.

    .venv/bin/python -m samples.cleanroom.sim OUT --count N --seed S [--modes scan,photo,rot,hard,low,digital]

Written without reading the project's other SIM renderer or its reader, so that a measure on these cards shows
how much of the reader's accuracy comes from the card and how much from one renderer's habits.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import random
import zlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from samples.cleanroom import fonts
from samples.cleanroom.capture import MODES, capture
from samples.cleanroom.ktp import KINDS, card_holder, plan_kinds, write_registry_and_cases
from samples.cleanroom.pages import emblem, qr_like, signature
from samples.cleanroom.people import (
    Person,
    Wilayah,
    bare_place,
    in_year,
    load_wilayah,
    make_person,
)

CARD_W_MM, CARD_H_MM, CORNER_MM = 85.60, 53.98, 3.2
DEFAULT_MODES = ("scan", "photo", "rot", "hard", "low", "digital")

Font = ImageFont.FreeTypeFont
RGB = tuple[int, int, int]

# ---- what is printed ---------------------------------------------------------------------------------------------
CLASSES = ("A", "B1", "B2", "C", "C1", "C2", "D", "D1", "A UMUM", "B1 UMUM", "B2 UMUM")
CLASS_WEIGHTS = (30, 8, 5, 34, 4, 3, 2, 1, 5, 4, 4)
MIN_AGE = {
    "A": 17,
    "B1": 20,
    "B2": 21,
    "C": 17,
    "C1": 17,
    "C2": 17,
    "D": 17,
    "D1": 17,
    "A UMUM": 20,
    "B1 UMUM": 22,
    "B2 UMUM": 23,
}
# big cities whose police command is a POLRESTABES
POLRESTABES = {"BANDUNG", "SURABAYA", "SEMARANG", "MEDAN", "MAKASSAR", "PALEMBANG"}
LABELS = ("Nama", "Tempat & Tgl. Lahir", "Gol. Darah - Jenis Kelamin", "Alamat", "Pekerjaan", "Diterbitkan Oleh")
ENGLISH = ("Name", "Place & Date of Birth", "Blood Type - Sex", "Address", "Occupation", "Issued by")
VALIDITY = ("Berlaku s/d", "BERLAKU S/D", "Berlaku sampai")
# long occupations, given to a fifth of working-age holders so that wrapped occupations are common enough
LONG_OCCUPATIONS = (
    "PEGAWAI NEGERI SIPIL (PNS)",
    "TENTARA NASIONAL INDONESIA (TNI)",
    "KEPOLISIAN RI (POLRI)",
    "KARYAWAN BADAN USAHA MILIK NEGARA",
    "BURUH HARIAN LEPAS",
    "KARYAWAN SWASTA",
)
HEADERS = ("INDONESIA", "POLISI REPUBLIK INDONESIA", "KEPOLISIAN NEGARA REPUBLIK INDONESIA")

# pale card colours (light, lighter) and the class each one is most often printed for (made up, not official)
PALETTES: dict[str, tuple[RGB, RGB]] = {
    "cream": ((250, 240, 200), (253, 249, 228)),
    "pink": ((247, 220, 228), (252, 236, 240)),
    "blue": ((212, 230, 249), (234, 243, 252)),
    "green": ((218, 240, 214), (236, 248, 232)),
}
CLASS_PALETTE = {
    "A": "pink",
    "B1": "blue",
    "B2": "green",
    "C": "cream",
    "C1": "cream",
    "C2": "cream",
    "D": "green",
    "D1": "green",
    "A UMUM": "pink",
    "B1 UMUM": "blue",
    "B2 UMUM": "green",
}
BANDS: dict[str, RGB] = {"cream": (150, 95, 30), "pink": (160, 45, 70), "blue": (30, 70, 140), "green": (35, 105, 65)}

# faces: the families fonts.py finds, plus narrow faces the system has (a long address squeezed into a card)
_ITALIC = {
    "arimo": "/usr/share/fonts/truetype/croscore/Arimo-Italic.ttf",
    "liberation": "/usr/share/fonts/truetype/liberation2/LiberationSans-Italic.ttf",
    "freesans": "/usr/share/fonts/truetype/freefont/FreeSansOblique.ttf",
    "nimbus": "/usr/share/fonts/opentype/urw-base35/NimbusSans-Italic.otf",
}
_NARROW = {
    "dejavu-condensed": (
        "/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed-Bold.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed-Oblique.ttf",
    ),
    "nimbus-narrow": (
        "/usr/share/fonts/opentype/urw-base35/NimbusSansNarrow-Regular.otf",
        "/usr/share/fonts/opentype/urw-base35/NimbusSansNarrow-Bold.otf",
        "/usr/share/fonts/opentype/urw-base35/NimbusSansNarrow-Oblique.otf",
    ),
}


def _faces() -> dict[str, tuple[str, str, str]]:
    """Family -> (regular, bold, italic) files that exist; italic falls back to regular."""
    out: dict[str, tuple[str, str, str]] = {}
    for fam in fonts.available_families():
        reg, bold = (str(p) for p in fonts.SANS[fam])
        ital = _ITALIC.get(fam, reg)
        out[fam] = (reg, bold, ital if Path(ital).exists() else reg)
    for fam, files in _NARROW.items():
        if all(Path(f).exists() for f in files):
            out[fam] = files
    return out


FACES = _faces()


@lru_cache(maxsize=1024)
def _load(path: str, size: int) -> Font:
    return ImageFont.truetype(path, size)


def face(family: str, size: float, bold: bool = False, italic: bool = False) -> Font:
    """Whole-pixel sizes keep the cache small over many cards."""
    files = FACES[family]
    return _load(files[2] if italic else files[int(bold)], max(6, round(size)))


def _dmy(d: dt.date) -> str:
    return f"{d.day:02d}-{d.month:02d}-{d.year:04d}"


# ---- the licence and its holder ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Sim:
    """What one card prints: the holder (as on the card), the licence data and the address as printed lines."""

    holder: Person
    number: str  # digits only, 12 or 14
    sim_class: str
    address_lines: tuple[str, ...]  # logical lines; the printer may wrap each further
    issuer: str
    issue_place: str
    issue_date: dt.date
    valid_until: dt.date

    def truth(self) -> dict[str, str]:
        """The description's output fields, exactly as printed (address lines joined with single spaces)."""
        p = self.holder
        return {
            "sim_number": self.number,
            "sim_class": self.sim_class,
            "name": p.name,
            "birth_place": p.birth_place,
            "birth_date": p.birth_date.isoformat(),
            "sex": p.sex,
            "blood_type": p.blood_type,
            "address": " ".join(" ".join(self.address_lines).split()),
            "occupation": p.occupation,
            "issuer": self.issuer,
            "valid_until": self.valid_until.isoformat(),
        }


def _issuer(p: Person, rng: random.Random) -> tuple[str, str]:
    """The police office that issued the card and the town it prints as the issue place."""
    regency = p.regency
    if p.codes.get("province") == "31":  # Jakarta: the regional command, or the city's own resort
        if rng.random() < 0.6:
            return "POLDA METRO JAYA", "JAKARTA"
        town = regency if regency.startswith("JAKARTA") else "JAKARTA"
        return f"POLRES METRO {town}", "JAKARTA"
    town = bare_place(regency)
    if rng.random() < 0.08:
        return f"POLDA {p.province}", town
    if regency.startswith("KOTA "):
        if town in POLRESTABES:
            return f"POLRESTABES {town}", town
        return (f"POLRESTA {town}" if rng.random() < 0.7 else f"POLRES {town}"), town
    return f"POLRES {town}", town


def _address_lines(p: Person, rng: random.Random) -> tuple[str, ...]:
    """Street with RT/RW, village, district and regency, grouped two or three to a printed line."""
    rt, rw = p.rt_rw.split("/")
    rtrw = rng.choice(
        (f"RT {rt} RW {rw}", f"RT.{rt}/RW.{rw}", f"RT {rt}/{rw}", f"RT. {rt[1:]} RW. {rw[1:]}", f"RT {rt} / RW {rw}")
    )
    kelurahan = p.codes.get("village", "0.0.0.1").rpartition(".")[2].startswith("1")
    village = (rng.choice(("KEL. ", "KEL ")) if kelurahan else rng.choice(("DESA ", "DS. "))) + p.village
    district = rng.choice(("KEC. ", "KEC ")) + p.district
    regency = p.regency.replace("KABUPATEN ", "KAB. ") if rng.random() < 0.75 else p.regency
    pattern = rng.random()
    if pattern < 0.5:
        return (f"{p.address} {rtrw}", f"{village} {district}", regency)
    if pattern < 0.75:
        return (f"{p.address} {rtrw} {village}", f"{district} {regency}")
    return (p.address, f"{rtrw} {village} {district}", regency)


def make_sim(p: Person, rng: random.Random, new_format: bool) -> Sim:
    """A licence for the holder: class allowed at their age, number from birth month/year and area code."""
    issue_lo = dt.date(2022, 1, 10)
    issue = issue_lo + dt.timedelta(days=rng.randint(0, (dt.date(2026, 11, 30) - issue_lo).days))
    age = (issue - p.birth_date).days // 365
    allowed = [(c, wt) for c, wt in zip(CLASSES, CLASS_WEIGHTS, strict=True) if MIN_AGE[c] <= age]
    if not allowed:  # turned 17 only just before the window: issue later
        issue = in_year(p.birth_date, p.birth_date.year + 17) + dt.timedelta(days=rng.randint(1, 60))
        allowed = [("C", 1), ("A", 1)]
    sim_class = rng.choices([c for c, _ in allowed], weights=[wt for _, wt in allowed])[0]
    issuer, place = _issuer(p, rng)
    area = 1000 + zlib.crc32(issuer.encode()) % 9000
    serial = rng.randint(1, 999999) if new_format else rng.randint(1, 9999)
    mmyy = f"{p.birth_date.month:02d}{p.birth_date.year % 100:02d}"
    number = f"{mmyy}{area:04d}{serial:06d}" if new_format else f"{mmyy}{area:04d}{serial:04d}"
    return Sim(
        holder=p,
        number=number,
        sim_class=sim_class,
        address_lines=_address_lines(p, rng),
        issuer=issuer,
        issue_place=place,
        issue_date=issue,
        valid_until=in_year(p.birth_date, issue.year + 5),
    )


# ---- style -------------------------------------------------------------------------------------------------------
@dataclass
class Style:
    """Everything that differs between card versions and printers."""

    width: int
    palette: str
    band: bool
    header: str  # "" for none
    header_beside: bool
    title_centered: bool
    label_family: str
    value_family: str
    value_bold: bool
    labelled: bool  # "1. Nama : X" or "1. X"
    label_upper: bool
    english: bool
    colon: bool
    aligned: bool  # one value column after the widest label, or each value right after its label
    number_ocr: bool
    number_sep: str
    number_in_column: bool  # the number beside the photo, or across the card above it
    photo_left: bool
    qr: bool
    thumb: bool
    validity_under_photo: bool
    validity_label: str
    issue_printed: bool
    class_boxed: bool
    class_two_lines: bool
    value_mm: float
    value_gap_mm: float
    label_ratio: float
    pitch_ratio: float
    misprint: float  # all values this share of a row off their baseline (0 = none)
    jitter: float  # each value up to this share of a row off, independently
    ink: RGB
    label_ink: RGB


def random_style(rng: random.Random, sim: Sim, new_format: bool) -> Style:
    families = sorted(FACES)
    label_family = rng.choice(families)
    palette = CLASS_PALETTE[sim.sim_class] if rng.random() < 0.55 else rng.choice(sorted(PALETTES))
    grey = rng.randint(8, 40)
    ink = (grey, grey, grey + rng.randint(0, 12))
    label_ink = ink if rng.random() < 0.7 else rng.choice(((30, 45, 110), (110, 30, 35), (60, 60, 60)))
    labelled = rng.random() < 0.55
    return Style(
        width=rng.randint(1000, 1400),
        palette=palette,
        band=rng.random() < 0.35,
        header=rng.choice(("", *HEADERS)) if rng.random() < 0.85 else "",
        header_beside=rng.random() < 0.3,
        title_centered=rng.random() < 0.4,
        label_family=label_family,
        value_family=label_family if rng.random() < 0.75 else rng.choice(families),
        value_bold=rng.random() < 0.35,
        labelled=labelled,
        label_upper=rng.random() < 0.35,
        english=labelled and rng.random() < 0.35,
        colon=rng.random() < 0.6,
        aligned=rng.random() < 0.55,
        number_ocr=fonts.has_ocr_a() and rng.random() < 0.3,
        number_sep=rng.choices(("-", " ", " - "), weights=(6, 3, 1))[0],
        number_in_column=rng.random() < 0.5,
        photo_left=rng.random() < 0.6,
        qr=new_format and rng.random() < 0.6,
        thumb=rng.random() < 0.3,
        validity_under_photo=rng.random() < 0.4,
        validity_label=rng.choice(VALIDITY),
        issue_printed=rng.random() < 0.7,
        class_boxed=rng.random() < 0.3,
        class_two_lines=" " in sim.sim_class and rng.random() < 0.3,
        value_mm=rng.uniform(2.3, 3.0),
        value_gap_mm=rng.uniform(1.2, 3.0),
        label_ratio=rng.uniform(0.78, 0.95),
        pitch_ratio=rng.uniform(1.2, 1.4),
        misprint=(rng.choice((-1, 1)) * rng.uniform(0.15, 0.35)) if rng.random() < 0.12 else 0.0,
        jitter=rng.uniform(0.06, 0.14) if rng.random() < 0.25 else 0.0,
        ink=ink,
        label_ink=label_ink,
    )


# ---- background ----------------------------------------------------------------------------------------------------
def _noise(nrng: np.random.Generator, w: int, h: int, cells: int) -> np.ndarray:
    grid = nrng.normal(0, 1, (max(2, round(cells * h / w)), cells)).astype(np.float32)
    return cv2.resize(grid, (w, h), interpolation=cv2.INTER_CUBIC)


def _islands(w: int, h: int, s: float, rng: random.Random, nrng: np.random.Generator) -> np.ndarray:
    """A faint archipelago strung along a band, west to east: the idea of a map of Indonesia (made up)."""
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    field = np.zeros((h, w), np.float32)
    y_mid = rng.uniform(0.45, 0.65) * h
    for _ in range(rng.randint(6, 10)):
        cx, cy = rng.uniform(0.05, 0.95) * w, y_mid + rng.uniform(-0.15, 0.15) * h
        rx, ry = rng.uniform(4, 14) * s, rng.uniform(1.5, 5) * s
        ang = rng.uniform(-0.6, 0.6)
        u = (xx - cx) * math.cos(ang) + (yy - cy) * math.sin(ang)
        v = -(xx - cx) * math.sin(ang) + (yy - cy) * math.cos(ang)
        field = np.maximum(field, 1 - (u / rx) ** 2 - (v / ry) ** 2)
    field += 0.35 * _noise(nrng, w, h, 18)
    return cv2.GaussianBlur((field > 0.2).astype(np.float32), (0, 0), 1.0)


def _background(w: int, h: int, s: float, st: Style, rng: random.Random, nrng: np.random.Generator) -> Image.Image:
    """Pale card colour with a gradient and mottle, then fine security lines drawn at 2x and shrunk."""
    dark, light = (
        np.array(c, np.float32) + np.array([rng.uniform(-6, 6) for _ in range(3)], np.float32)
        for c in PALETTES[st.palette]
    )
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    ang = rng.uniform(0, 2 * math.pi)
    t = (xx - w / 2) * math.cos(ang) + (yy - h / 2) * math.sin(ang)
    t = (t - t.min()) / max(1e-6, float(t.max() - t.min()))
    img = dark[None, None, :] * t[..., None] + light[None, None, :] * (1 - t[..., None])
    img += (_noise(nrng, w, h, rng.randint(4, 8)) * rng.uniform(2, 5))[..., None]
    r0, g0, b0 = (int(max(0, c - rng.uniform(45, 90))) for c in dark.tolist())
    line: RGB = (r0, g0, b0)
    if rng.random() < 0.45:  # the faint map
        land = _islands(w, h, s, rng, nrng)
        img -= land[..., None] * np.array([rng.uniform(8, 18)] * 3, np.float32) * rng.uniform(0.6, 1.0)
        coast = np.clip(np.abs(cv2.Laplacian(land, cv2.CV_32F)) * 30, 0, 18)
        img -= coast[..., None]
    base = Image.fromarray(np.clip(img, 0, 255).astype(np.uint8), "RGB").convert("RGBA")

    k = 2
    layer = Image.new("RGBA", (w * k, h * k), (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    alpha = rng.randint(45, 95)
    patterns = rng.sample(("waves", "rings", "rosette", "diagonal", "mesh"), rng.randint(1, 3))
    if "waves" in patterns:
        n = rng.randint(18, 45)
        xs = np.linspace(-10, w * k + 10, 500, dtype=np.float32)
        lam, amp = rng.uniform(10, 25) * s * k, rng.uniform(1.0, 3.5) * s * k
        for j in range(n):
            y0 = (j + 0.5) * h * k / n
            ys = y0 + amp * np.sin(2 * np.pi * xs / lam + j * 0.35) + 0.3 * amp * np.sin(2 * np.pi * xs / lam * 3.1)
            d.line(list(zip(xs.tolist(), ys.tolist(), strict=True)), fill=(*line, alpha), width=k)
    if "rings" in patterns:  # wobbly concentric rings round one point
        cx, cy = rng.uniform(0.2, 0.8) * w * k, rng.uniform(0.3, 0.8) * h * k
        lobes, wob = rng.randint(8, 24), rng.uniform(0.3, 1.0) * s * k
        th = np.linspace(0, 2 * np.pi, 720, dtype=np.float32)
        for r in np.arange(2 * s * k, 40 * s * k, rng.uniform(1.0, 1.8) * s * k).tolist():
            rr = r + wob * np.sin(lobes * th + r / (3 * s * k))
            d.line(
                list(zip((cx + rr * np.cos(th)).tolist(), (cy + rr * np.sin(th)).tolist(), strict=True)),
                fill=(*line, alpha // 2 + 10),
                width=k,
            )
    if "rosette" in patterns:
        for _ in range(rng.randint(1, 2)):
            cx, cy = rng.uniform(0.15, 0.85) * w * k, rng.uniform(0.25, 0.85) * h * k
            big, small, dd = rng.uniform(7, 15) * s * k, rng.uniform(1.0, 3.0) * s * k, rng.uniform(1.5, 4) * s * k
            th = np.linspace(0, 2 * np.pi * rng.randint(3, 7), 2400, dtype=np.float32)
            px = cx + (big + small) * np.cos(th) - dd * np.cos((big + small) / small * th)
            py = cy + (big + small) * np.sin(th) - dd * np.sin((big + small) / small * th)
            d.line(list(zip(px.tolist(), py.tolist(), strict=True)), fill=(*line, alpha), width=k)
    if "diagonal" in patterns:
        step = rng.uniform(0.8, 1.6) * s * k
        slope = rng.choice((-1, 1))
        for xd in np.arange(-h * k, (w + h) * k, step).tolist():
            d.line([(xd, 0.0), (xd + slope * h * k * 0.7, float(h * k))], fill=(*line, alpha // 3), width=1)
    if "mesh" in patterns:  # two crossing families of gentle sine lines
        for sign in (-1, 1):
            n_mesh = rng.randint(10, 20)
            for j in range(n_mesh):
                x0 = -0.8 * h * k + j * (w + 1.6 * h) * k / n_mesh
                ys = np.linspace(0, h * k, 120, dtype=np.float32)
                xs2 = x0 + sign * ys * 0.8 + 2.5 * s * k * np.sin(ys / (4 * s * k) + j)
                d.line(list(zip(xs2.tolist(), ys.tolist(), strict=True)), fill=(*line, alpha // 2), width=k)
    base.alpha_composite(layer.reduce(k).crop((0, 0, w, h)))  # a box filter: cheap and smooth enough

    if rng.random() < 0.7:  # a faint emblem watermark
        wm = Image.new("RGBA", (w, h), (0, 0, 0, 0))
        emblem(
            ImageDraw.Draw(wm),
            rng.uniform(0.4, 0.7) * w,
            rng.uniform(0.5, 0.7) * h,
            rng.uniform(11, 17) * s,
            line,
            width=max(2, round(0.4 * s)),
        )
        arr = np.array(wm)
        arr[..., 3] = (arr[..., 3] * rng.uniform(0.12, 0.25)).astype(np.uint8)
        base.alpha_composite(Image.fromarray(arr, "RGBA"))
    if rng.random() < 0.3:  # microtext rows
        micro = Image.new("RGBA", (w, h), (0, 0, 0, 0))
        md = ImageDraw.Draw(micro)
        mf = face(st.label_family, rng.uniform(0.9, 1.3) * s)
        word = rng.choice(("POLRI", "KORLANTAS POLRI", "SIM"))
        text = "  ".join([word] * 60)
        y = rng.uniform(0, 3) * s
        while y < h:
            md.text((-rng.uniform(0, 8) * s, y), text, font=mf, fill=(*line, rng.randint(14, 28)))
            y += rng.uniform(2.8, 4.0) * s
        base.alpha_composite(micro)
    return base


# ---- drawn parts ---------------------------------------------------------------------------------------------------
SKIN: tuple[RGB, ...] = ((236, 200, 164), (220, 176, 136), (196, 148, 104), (164, 116, 78), (124, 84, 58), (92, 62, 44))


def _portrait(pw: int, ph: int, rng: random.Random, female: bool, older: bool) -> Image.Image:
    """A drawn figure on a pas-foto backdrop: simple shapes, never a real face."""
    k = 2
    w, h = pw * k, ph * k
    top = rng.choice(((70, 120, 215), (205, 50, 50), (150, 175, 205), (55, 95, 180)))
    grad = np.linspace(1.12, 0.9, h, dtype=np.float32)[:, None, None]
    bg = np.clip(np.array(top, np.float32)[None, None, :] * grad * np.ones((1, w, 1), np.float32), 0, 255)
    img = Image.fromarray(bg.astype(np.uint8), "RGB")
    d = ImageDraw.Draw(img)
    skin = rng.choice(SKIN)
    cx = w * rng.uniform(0.46, 0.54)
    hw, hh = w * rng.uniform(0.2, 0.24), h * rng.uniform(0.2, 0.23)
    hy = h * rng.uniform(0.36, 0.42)
    shirt = rng.choice(((30, 30, 35), (240, 240, 240), (40, 50, 90), (100, 30, 30), (70, 70, 75)))
    d.polygon(
        [(cx - 0.55 * w, h), (cx - 0.4 * w, hy + 1.55 * hh), (cx + 0.4 * w, hy + 1.55 * hh), (cx + 0.55 * w, h)],
        fill=shirt,
    )
    d.pieslice((cx - 0.42 * w, hy + 1.2 * hh, cx + 0.42 * w, hy + 2.2 * hh), 180, 360, fill=shirt)
    hijab = female and rng.random() < 0.45
    hair = rng.choice(((18, 16, 14), (38, 28, 22), (60, 50, 44), *(((140, 140, 140), (170, 168, 165)) * older)))
    if hijab:
        veil = rng.choice(((25, 25, 30), (230, 230, 232), (110, 40, 60), (40, 70, 120), (180, 150, 110)))
        d.ellipse((cx - 1.4 * hw, hy - 1.3 * hh, cx + 1.4 * hw, hy + 1.45 * hh), fill=veil)
        d.polygon(
            [
                (cx - 1.4 * hw, hy + 0.2 * hh),
                (cx + 1.4 * hw, hy + 0.2 * hh),
                (cx + 0.45 * w, h * 0.98),
                (cx - 0.45 * w, h * 0.98),
            ],
            fill=veil,
        )
    else:
        if female and rng.random() < 0.7:
            d.rounded_rectangle(
                (cx - 1.25 * hw, hy - 1.1 * hh, cx + 1.25 * hw, hy + 1.6 * hh), radius=hw * 0.6, fill=hair
            )
        d.rectangle((cx - 0.42 * hw, hy + 0.6 * hh, cx + 0.42 * hw, hy + 1.5 * hh), fill=skin)
        for sx in (-1, 1):  # ears
            d.ellipse((cx + sx * hw - 0.16 * hw, hy - 0.15 * hh, cx + sx * hw + 0.16 * hw, hy + 0.3 * hh), fill=skin)
    if not hijab:  # hair round the top of the head, seen at the sides
        d.ellipse((cx - 1.08 * hw, hy - 1.16 * hh, cx + 1.08 * hw, hy + 0.25 * hh), fill=hair)
    d.ellipse((cx - hw, hy - hh, cx + hw, hy + hh), fill=skin)
    if not hijab:  # the crown and a fringe swept to one side
        d.chord((cx - 1.02 * hw, hy - 1.12 * hh, cx + 1.02 * hw, hy + 0.02 * hh), 180, 360, fill=hair)
        side = rng.choice((-1, 1))
        d.polygon(
            [
                (cx - side * 0.98 * hw, hy - 0.55 * hh),
                (cx + side * 0.98 * hw, hy - 0.55 * hh),
                (cx + side * 0.9 * hw, hy - 0.3 * hh),
                (cx + side * 0.3 * hw, hy - 0.5 * hh),
            ],
            fill=hair,
        )
    feature = tuple(max(0, c - 110) for c in skin)
    ey = hy - 0.08 * hh
    for sx in (-1, 1):
        ex = cx + sx * 0.4 * hw
        d.ellipse((ex - 0.13 * hw, ey - 0.07 * hh, ex + 0.13 * hw, ey + 0.07 * hh), fill=(235, 232, 228))
        d.ellipse((ex - 0.07 * hw, ey - 0.07 * hh, ex + 0.07 * hw, ey + 0.07 * hh), fill=(25, 20, 18))
        d.line((ex - 0.2 * hw, ey - 0.22 * hh, ex + 0.2 * hw, ey - 0.25 * hh), fill=feature, width=max(2, k * 2))
    d.line((cx, ey + 0.1 * hh, cx + 0.05 * hw, ey + 0.4 * hh), fill=tuple(int(c * 0.8) for c in skin), width=k * 2)
    d.arc((cx - 0.25 * hw, ey + 0.35 * hh, cx + 0.25 * hw, ey + 0.65 * hh), 20, 160, fill=(130, 60, 60), width=k * 2)
    return img.resize((pw, ph), Image.Resampling.LANCZOS).filter(ImageFilter.GaussianBlur(0.6))


def _thumbprint(card: Image.Image, box: tuple[float, float, float, float], rng: random.Random) -> None:
    """Ridges as wobbly concentric ellipses, in a greyish ink pressed unevenly."""
    x0, y0, x1, y1 = box
    w, h = int(x1 - x0), int(y1 - y0)
    layer = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    cx, cy = w * rng.uniform(0.4, 0.6), h * rng.uniform(0.4, 0.6)
    th = np.linspace(0, 2 * np.pi, 240, dtype=np.float32)
    colour = rng.choice(((40, 40, 60), (60, 45, 90), (30, 30, 30)))
    step = max(2.0, w / 26)
    for i, r in enumerate(np.arange(step, w * 0.8, step)):
        rr = r * (1 + 0.06 * np.sin(3 * th + i * 0.5))
        pts = list(zip((cx + rr * np.cos(th)).tolist(), (cy + 1.3 * rr * np.sin(th)).tolist(), strict=True))
        d.line(pts, fill=(*colour, 255), width=max(1, round(step / 2.5)))
    mask = Image.new("L", (w, h), 0)
    ImageDraw.Draw(mask).ellipse((0, 0, w - 1, h - 1), fill=255)
    arr = np.array(layer)
    press = np.random.default_rng(rng.getrandbits(32)).uniform(0.35, 0.9, (h, w))
    arr[..., 3] = (arr[..., 3] * press * (np.array(mask) / 255.0)).astype(np.uint8)
    card.alpha_composite(Image.fromarray(arr, "RGBA"), (int(x0), int(y0)))


# ---- text ----------------------------------------------------------------------------------------------------------
@dataclass
class Line:
    x: float
    y: float  # baseline
    text: str
    font: Font
    fill: RGB
    value: bool = False


def _wrap(words: list[str], font: Font, width_at: Callable[[int], float], first: int = 0) -> list[str]:
    """Greedy word wrap where the n-th line (counted from `first`) may have its own width: a QR or a thumbprint
    takes the end of the lower lines."""
    lines: list[str] = []
    for word in words:
        if lines and font.getlength(lines[-1] + " " + word) <= width_at(first + len(lines) - 1):
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def _entry_lines(
    sim: Sim,
    st: Style,
    s: float,
    scale: float,
    x_left: float,
    x_right: float,
    top: float,
    obstacle: tuple[float, float, float] | None,
    rng: random.Random,
) -> tuple[list[Line], float, int]:
    """Lay the six numbered entries out at one type scale: the lines, the last baseline, the address's lines."""
    p = sim.holder
    vsize = st.value_mm * s * scale
    vfont = face(st.value_family, vsize, bold=st.value_bold)
    lfont = face(st.label_family, vsize * st.label_ratio)
    efont = face(st.label_family, vsize * 0.62, italic=True)
    pitch = vsize * st.pitch_ratio
    values: list[list[str]] = [
        [p.name],
        [f"{p.birth_place}, {_dmy(p.birth_date)}"],
        [f"{p.blood_type} - {'PRIA' if p.sex == 'LAKI-LAKI' else 'WANITA'}"],
        list(sim.address_lines),
        [p.occupation],
        [sim.issuer],
    ]
    labels = [lab.upper() if st.label_upper else lab for lab in LABELS]
    colon = " :" if st.colon else ""
    number_w = lfont.getlength("6.") + 0.9 * s * scale
    gap = st.value_gap_mm * s * scale
    aligned = st.aligned
    if st.labelled:
        widest = max(lfont.getlength(lab + colon) for lab in labels)
        aligned_x = x_left + number_w + widest + gap
        aligned = aligned and x_right - aligned_x > 0.58 * (x_right - x_left)  # else each value after its label
    else:
        aligned_x = x_left + number_w

    def width_at(y0: float, vx: float) -> Callable[[int], float]:
        def at(i: int) -> float:
            y = y0 + i * pitch
            right = x_right
            if obstacle is not None and y > obstacle[1] - 0.1 * pitch:
                right = obstacle[0] - 1.0 * s
            return right - vx

        return at

    out: list[Line] = []
    y = top
    address_lines = 0
    for n, (label, english, groups) in enumerate(zip(labels, ENGLISH, values, strict=True), start=1):
        out.append(Line(x_left, y, f"{n}.", lfont, st.label_ink))
        if st.labelled:
            out.append(Line(x_left + number_w, y, label + colon, lfont, st.label_ink))
            vx = aligned_x if aligned else x_left + number_w + lfont.getlength(label + colon) + gap
            if st.english:
                out.append(Line(x_left + number_w, y + 0.62 * pitch, english, efont, st.label_ink))
        else:
            vx = aligned_x
        lines: list[str] = []
        at = width_at(y, vx)
        for group in groups:  # each logical address line starts a printed line; long ones wrap
            lines += _wrap(group.split(), vfont, at, first=len(lines))
        for i, text in enumerate(lines):
            dy = st.misprint * pitch + (rng.uniform(-st.jitter, st.jitter) * pitch if st.jitter else 0.0)
            out.append(Line(vx, y + i * pitch + dy, text, vfont, st.ink, value=True))
        if n == 4:
            address_lines = len(lines)
        rows = max(len(lines), 1.45 if st.english else 1.0)
        y += rows * pitch
    return out, y - pitch, address_lines


def _fits(lines: list[Line], x_right: float, obstacle: tuple[float, float, float] | None, s: float) -> bool:
    for ln in lines:
        right = x_right
        if obstacle is not None and ln.y > obstacle[1]:
            right = obstacle[0] - 0.5 * s
        if ln.x + ln.font.getlength(ln.text) > right + 1:
            return False
    return True


def _fit_font(family: str, size: float, text: str, max_w: float, bold: bool = True) -> Font:
    font = face(family, size, bold=bold)
    while font.getlength(text) > max_w and size > 8:
        size *= 0.95
        font = face(family, size, bold=bold)
    return font


# ---- the card ------------------------------------------------------------------------------------------------------
def render_card(sim: Sim, rng: random.Random, st: Style) -> Image.Image:
    """The card face, edge to edge, RGBA with transparent rounded corners."""
    nrng = np.random.default_rng(rng.getrandbits(64))
    w = st.width
    s = w / CARD_W_MM
    h = round(CARD_H_MM * s)
    card = _background(w, h, s, st, rng, nrng)
    draw = ImageDraw.Draw(card)
    mx = rng.uniform(2.8, 4.2) * s
    title_ink: RGB = st.ink if rng.random() < 0.6 else rng.choice(((25, 40, 110), (120, 25, 30)))

    # top band: header line, title, emblem left, class right
    y_header = rng.uniform(3.3, 4.1) * s
    beside = st.header == "INDONESIA" and st.header_beside
    y_title = y_header + rng.uniform(3.3, 4.0) * s if (st.header and not beside) else rng.uniform(5.0, 6.2) * s
    class_size = rng.uniform(5.5, 8.0) * s
    band_bottom = y_title + rng.uniform(1.6, 2.4) * s
    if st.class_two_lines:  # the band also holds the second line of the class
        band_bottom = max(
            band_bottom, max(y_title + 0.6 * s, class_size * 0.78 + 1.8 * s) + class_size * 0.45 + 1.0 * s
        )
    if st.band:
        draw.rectangle((0, 0, w, band_bottom), fill=BANDS[st.palette])
        title_ink = (255, 255, 255)
    er = rng.uniform(3.6, 4.6) * s
    ecx, ecy = mx + er, max(er + 0.8 * s, (y_title + 1.5 * s) / 2)
    if rng.random() < 0.5:
        disc = (250, 250, 245) if not st.band else (240, 200, 80)
        draw.ellipse((ecx - er, ecy - er, ecx + er, ecy + er), fill=disc)
    emblem(
        draw,
        ecx,
        ecy + 0.1 * er,
        er * 0.85,
        (120, 90, 20) if not st.band else (40, 30, 10),
        width=max(2, round(0.35 * s)),
    )

    class_right = w - mx
    if st.class_two_lines:
        main, sub = sim.sim_class.split(" ", 1)
        cfont = face(st.label_family, class_size, bold=True)
        sfont = face(st.label_family, class_size * 0.36, bold=True)
        cbase = max(y_title + 0.6 * s, class_size * 0.78 + 1.8 * s)
        class_left = class_right - max(cfont.getlength(main), sfont.getlength(sub))
        class_parts = [(main, cfont, cbase), (sub, sfont, cbase + class_size * 0.45)]
    else:
        cfont = _fit_font(st.label_family, class_size, sim.sim_class, 24 * s)
        cbase = max(y_title + 0.6 * s, cfont.size * 0.78 + 1.8 * s)
        class_left = class_right - cfont.getlength(sim.sim_class)
        class_parts = [(sim.sim_class, cfont, cbase)]
    class_ink: RGB = title_ink if rng.random() < 0.6 else ((170, 25, 30) if not st.band else (255, 230, 120))
    cx_mid = (class_left + class_right) / 2
    if st.class_boxed:
        top_box = cbase - cfont.size * 0.85 - 0.8 * s
        bottom_box = class_parts[-1][2] + 0.9 * s
        draw.rounded_rectangle(
            (class_left - 1.2 * s, top_box, class_right + 1.0 * s, bottom_box),
            radius=1.0 * s,
            outline=class_ink,
            width=max(2, round(0.3 * s)),
        )
    for text, font, base in class_parts:
        draw.text((cx_mid, base), text, font=font, fill=class_ink, anchor="ms")

    tx0 = ecx + er + rng.uniform(1.5, 3.0) * s
    tx1 = class_left - rng.uniform(2.0, 3.5) * s
    title = "SURAT IZIN MENGEMUDI"
    tfont = _fit_font(
        st.label_family, rng.uniform(2.9, 3.8) * s, title + (" " + st.header if beside else ""), tx1 - tx0
    )
    if st.title_centered:
        draw.text(
            ((tx0 + tx1) / 2, y_title),
            title + (" " + st.header if beside else ""),
            font=tfont,
            fill=title_ink,
            anchor="ms",
        )
    else:
        draw.text((tx0, y_title), title + (" " + st.header if beside else ""), font=tfont, fill=title_ink, anchor="ls")
    if st.header and not beside:
        hfont = _fit_font(st.label_family, rng.uniform(1.6, 2.1) * s, st.header, tx1 - tx0, bold=rng.random() < 0.6)
        if st.title_centered:
            draw.text(((tx0 + tx1) / 2, y_header), st.header, font=hfont, fill=title_ink, anchor="ms")
        else:
            draw.text((tx0, y_header), st.header, font=hfont, fill=title_ink, anchor="ls")
    header_bottom = max(y_title + 1.6 * s, ecy + er, class_parts[-1][2] + 0.6 * s)
    if st.band:
        header_bottom = max(header_bottom, band_bottom + 0.5 * s)

    # photo column and text column
    pw = rng.uniform(17.0, 20.5) * s
    col_gap = rng.uniform(2.0, 3.5) * s
    px = mx if st.photo_left else w - mx - pw
    text_left = px + pw + col_gap if st.photo_left else mx + rng.uniform(0, 1.0) * s
    text_right = w - mx if st.photo_left else px - col_gap
    nsize = rng.uniform(3.4, 4.4) * s
    y_number = header_bottom + nsize * 0.8 + rng.uniform(1.0, 2.0) * s
    groups = (sim.number[:4], sim.number[4:8], sim.number[8:])
    number_text = st.number_sep.join(groups)
    number_x = text_left if st.number_in_column else mx + rng.uniform(0, 1.5) * s
    nmax = text_right - number_x if st.number_in_column else (w - 2 * mx)
    nfont = fonts.ocr_a(nsize) if st.number_ocr else face(st.value_family, nsize, bold=True)
    while nfont.getlength(number_text) > nmax and nsize > 10:
        nsize *= 0.95
        nfont = fonts.ocr_a(nsize) if st.number_ocr else face(st.value_family, nsize, bold=True)
    draw.text((number_x, y_number), number_text, font=nfont, fill=st.ink, anchor="ls")
    py = (y_number - nsize * 0.8) if st.number_in_column else y_number + rng.uniform(1.4, 2.2) * s

    # footer: validity (under the photo or the last text line) and the issue place and date
    fsize = rng.uniform(1.7, 2.1) * s
    ffont = face(st.label_family, fsize)
    fvfont = face(st.value_family, fsize * 1.05, bold=st.value_bold)
    validity_value = _dmy(sim.valid_until)
    colon = " : " if rng.random() < 0.6 else " "
    bottom = h - rng.uniform(2.4, 3.4) * s
    footer: list[tuple[str, str]] = []
    if not st.validity_under_photo:
        footer.append((st.validity_label + colon, validity_value))
    issue_text = f"{sim.issue_place}, {_dmy(sim.issue_date)}"
    if st.issue_printed:
        footer.insert(0, ("", issue_text))
    footer_pitch = fsize * 1.35
    entries_bottom = bottom - footer_pitch * len(footer) - (0.6 * s if footer else 0)

    # QR or thumbprint at the bottom right of the text column
    obstacle: tuple[float, float, float] | None = None
    if st.qr:
        qs = rng.uniform(9.0, 11.5) * s
        qx, qy = text_right - qs, h - rng.uniform(3.0, 4.0) * s - qs
        obstacle = (qx - 0.8 * s, qy - 0.8 * s, qs)
    elif st.thumb:
        tw, th = rng.uniform(7.0, 8.5) * s, rng.uniform(9.0, 10.5) * s
        tx, ty = text_right - tw, h - rng.uniform(2.8, 3.6) * s - th
        obstacle = (tx - 0.4 * s, ty, tw)

    top = y_number + rng.uniform(3.6, 4.6) * s if not st.number_in_column else y_number + rng.uniform(3.6, 4.4) * s
    scale = 1.0
    lines: list[Line] = []
    while True:  # shrink until it fits; the address on three lines if a little shrinking does it, else four
        lines, last, n_address = _entry_lines(sim, st, s, scale, text_left, text_right, top, obstacle, rng)
        fits = last <= entries_bottom and _fits(lines, text_right, obstacle, s)
        if (fits and n_address <= (3 if scale > 0.8 else 4)) or scale < 0.5:
            break
        scale *= 0.96
    for ln in lines:
        draw.text((ln.x, ln.y), ln.text, font=ln.font, fill=ln.fill, anchor="ls")
    fy = max(last + footer_pitch * 1.15, bottom - footer_pitch * (len(footer) - 1))
    for label, value in footer:
        x = text_left
        if label:
            draw.text((x, fy), label, font=ffont, fill=st.label_ink, anchor="ls")
            x += ffont.getlength(label)
        draw.text((x, fy), value, font=fvfont if label else ffont, fill=st.ink, anchor="ls")
        fy += footer_pitch

    # photo, signature, validity under the photo
    below = (5.5 if not st.validity_under_photo else 10.0) * s
    ph = min(pw * rng.uniform(1.25, 1.36), h - py - below)
    older = (sim.issue_date - sim.holder.birth_date).days > 50 * 365  # grey hair only from fifty
    photo = _portrait(round(pw), round(ph), rng, _female(sim), older)
    card.paste(photo, (round(px), round(py)))
    sig_top = py + ph + 0.6 * s
    sig_h = min(5.0 * s, (h - 1.6 * s if not st.validity_under_photo else h - 6.8 * s) - sig_top)
    signature(
        draw,
        (px + 0.1 * pw, sig_top, px + 0.9 * pw, sig_top + sig_h),
        rng,
        color=rng.choice(((20, 20, 30), (25, 35, 120))),
    )
    if st.validity_under_photo:
        vy = h - rng.uniform(4.6, 5.2) * s
        vlabel = face(st.label_family, fsize * 0.95)
        draw.text((px + pw / 2, vy), st.validity_label, font=vlabel, fill=st.label_ink, anchor="ms")
        draw.text((px + pw / 2, vy + fsize * 1.3), validity_value, font=fvfont, fill=st.ink, anchor="ms")
    if st.qr and obstacle is not None:
        qs = obstacle[2]
        qr_like(draw, round(obstacle[0] + 0.8 * s), round(obstacle[1] + 0.8 * s), round(qs), rng)
    elif st.thumb and obstacle is not None:
        _thumbprint(
            card,
            (obstacle[0] + 0.4 * s, obstacle[1], obstacle[0] + 0.4 * s + obstacle[2], obstacle[1] + obstacle[2] * 1.3),
            rng,
        )

    mask = Image.new("L", (w * 4, h * 4), 0)
    ImageDraw.Draw(mask).rounded_rectangle((0, 0, w * 4 - 1, h * 4 - 1), radius=CORNER_MM * s * 4, fill=255)
    card.putalpha(mask.reduce(4))
    return card


def _female(sim: Sim) -> bool:
    return sim.holder.sex == "PEREMPUAN"


def truth_for(sim: Sim, mode: str, rotation: int = 0) -> dict[str, Any]:
    truth: dict[str, Any] = {"document_type": "sim", "capture_mode": mode, **sim.truth()}
    if rotation:
        truth["rotation"] = rotation
    return truth


# ---- the labelled folder (its kinds of cases are the clean-room KTP set's) -------------------------------------------
def _prepare(out: Path) -> Path:
    """images/ and truth/, with this renderer's earlier files removed so a smaller set leaves no strays."""
    for sub in ("images", "truth"):
        (out / sub).mkdir(parents=True, exist_ok=True)
        for old in (out / sub).glob("crsim-*"):
            old.unlink()
    return out


def write_set(out: Path, count: int, seed: int, modes: list[str]) -> list[dict[str, Any]]:
    """Cards, truth, registry.csv and cases.jsonl; everything follows from (seed, count, modes)."""
    out = _prepare(out)
    wil: Wilayah = load_wilayah()
    master = random.Random(f"cleanroom-sim:{seed}")
    kinds = plan_kinds(count, master)
    taken: set[str] = set()
    registry: list[dict[str, str]] = []
    cases: list[dict[str, Any]] = []
    for i in range(count):
        mode = modes[i % len(modes)]
        image_id = f"crsim-{i + 1:04d}-{mode}"
        rng = random.Random(f"cleanroom-sim:{seed}:{i}")
        kind = kinds[i]
        holder = make_person(rng, wil, taken=taken)
        if 22 <= (dt.date(2026, 12, 7) - holder.birth_date).days // 365 <= 57 and rng.random() < 0.2:
            holder = replace(holder, occupation=rng.choice(LONG_OCCUPATIONS))  # registry and card alike
        on_card, variants = card_holder(kind, holder, rng, wil, registry)
        new_format = rng.random() < 0.55
        sim = make_sim(on_card, rng, new_format)
        style = random_style(rng, sim, new_format)
        card = render_card(sim, rng, style)
        data, ext, rotation = capture(card, mode, rng)
        (out / "images" / f"{image_id}.{ext}").write_bytes(data)
        (out / "truth" / f"{image_id}.json").write_text(
            json.dumps(truth_for(sim, mode, rotation), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        expected, decision = KINDS[kind]
        case: dict[str, Any] = {
            "id": image_id,
            "expected": expected,
            "kind": kind,
            "expected_decision": decision,
            "claim": {"nik": holder.nik},
        }
        if kind == "genuine":
            case["registry_variants"] = variants
        cases.append(case)
    write_registry_and_cases(out, registry, cases, master, wil, taken)
    return cases


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Clean-room SIM (driving licence) cards as a labelled folder.")
    ap.add_argument("out", type=Path)
    ap.add_argument("--count", type=int, default=30)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument(
        "--modes", default=",".join(DEFAULT_MODES), help=f"comma-separated, dealt round-robin; of {','.join(MODES)}"
    )
    args = ap.parse_args(argv)
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    unknown = [m for m in modes if m not in MODES]
    if unknown or not modes:
        ap.error(f"unknown modes {unknown}; choose from {','.join(MODES)}")
    cases = write_set(args.out, args.count, args.seed, modes)
    print(f"wrote {len(cases)} cards to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
