"""What is printed on a synthetic KTP-el, in many designs: the varied card renderer of ``samples.render``.

The first generator drew every card from one template (DejaVu faces, one label column, colons in one of three
styles), and a reader developed on it lost a fifth of its fields on another renderer's cards. This module draws
a *design* per card — typeface (Arimo / Liberation Sans, FreeSans, Nimbus Sans, DejaVu; an OCR-A face for the
NIK), label column and colon positions, the values' offset from their labels (half a line on a misprinted card),
wrapping of long names and addresses onto a second line, guilloche or map backgrounds, a watermark or a bank's
verification stamp — and renders the card with it. Missing fonts are skipped; with none at all Pillow's built-in
face is used. It knows nothing of persons beyond their printed fields: the portrait and the signature are drawn
by callables the caller passes (``samples.render`` passes its own).
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

LIFETIME = "SEUMUR HIDUP"

# Debian's font packages (fonts-croscore, fonts-liberation2 / fonts-liberation, fonts-freefont-ttf,
# fonts-urw-base35, fonts-dejavu-core, fonts-ocr-a): family -> (regular candidates, bold candidates, weight).
_TT = "/usr/share/fonts/truetype"
_URW = "/usr/share/fonts/opentype/urw-base35"
FONT_FAMILIES: dict[str, tuple[tuple[str, ...], tuple[str, ...], float]] = {
    "Arimo": ((f"{_TT}/croscore/Arimo-Regular.ttf",), (f"{_TT}/croscore/Arimo-Bold.ttf",), 3.0),
    "Liberation Sans": (
        (f"{_TT}/liberation2/LiberationSans-Regular.ttf", f"{_TT}/liberation/LiberationSans-Regular.ttf"),
        (f"{_TT}/liberation2/LiberationSans-Bold.ttf", f"{_TT}/liberation/LiberationSans-Bold.ttf"),
        3.0,
    ),
    "FreeSans": ((f"{_TT}/freefont/FreeSans.ttf",), (f"{_TT}/freefont/FreeSansBold.ttf",), 2.0),
    "Nimbus Sans": ((f"{_URW}/NimbusSans-Regular.otf",), (f"{_URW}/NimbusSans-Bold.otf",), 2.0),
    "Nimbus Sans Narrow": ((f"{_URW}/NimbusSansNarrow-Regular.otf",), (f"{_URW}/NimbusSansNarrow-Bold.otf",), 0.7),
    "DejaVu Sans": ((f"{_TT}/dejavu/DejaVuSans.ttf",), (f"{_TT}/dejavu/DejaVuSans-Bold.ttf",), 1.0),
    "DejaVu Sans Condensed": (
        (f"{_TT}/dejavu/DejaVuSansCondensed.ttf",),
        (f"{_TT}/dejavu/DejaVuSansCondensed-Bold.ttf",),
        1.0,
    ),
}
# The NIK on a KTP-el is set in an OCR-A-like face.
OCR_A_FONTS: tuple[str, ...] = (f"{_TT}/ocr-a/OCRA.ttf", f"{_TT}/ocr-a/OCRABold.ttf")

LABELS: tuple[str, ...] = (
    "Nama",
    "Tempat/Tgl Lahir",
    "Jenis Kelamin",
    "Alamat",
    "RT/RW",
    "Kel/Desa",
    "Kecamatan",
    "Agama",
    "Status Perkawinan",
    "Pekerjaan",
    "Kewarganegaraan",
    "Berlaku Hingga",
)
INDENTED: frozenset[str] = frozenset({"RT/RW", "Kel/Desa", "Kecamatan"})
WRAPPABLE: frozenset[str] = frozenset({"Nama", "Alamat"})  # values a card wraps onto a second line
STAMPS: tuple[str, ...] = ("VERIFIKASI", "UNTUK VERIFIKASI", "VERIFIKASI BANK", "TELAH DIVERIFIKASI")


@dataclass(frozen=True)
class Face:
    """One typeface: file paths, or None for Pillow's built-in face (bold then drawn with a stroke)."""

    name: str
    regular: str | None
    bold: str | None


def _first(paths: Sequence[str]) -> str | None:
    return next((p for p in paths if Path(p).is_file()), None)


@lru_cache(maxsize=1)
def available_faces() -> tuple[tuple[Face, float], ...]:
    """The installed families with their weights; Pillow's built-in face when none is installed."""
    faces = []
    for name, (regular, bold, weight) in FONT_FAMILIES.items():
        reg = _first(regular)
        if reg is not None:
            faces.append((Face(name, reg, _first(bold)), weight))
    return tuple(faces) or ((Face("Pillow", None, None), 1.0),)


@lru_cache(maxsize=1)
def ocr_a_face() -> Face | None:
    path = _first(OCR_A_FONTS)
    return None if path is None else Face("OCR-A", path, _first(OCR_A_FONTS[1:]))


@lru_cache(maxsize=1024)
def load_font(path: str | None, size: int) -> Any:
    """The font of that file at that size (Pillow's built-in face for None), cached: every generator draws with it."""
    size = max(6, size)
    if path is None:
        return ImageFont.load_default(size=size)
    return ImageFont.truetype(path, size)


class Ink:
    """Draws text in one face and colour; bold without a bold file is drawn with a stroke. Every generator's pen
    (samples.render.typefaces gives the plain DejaVu faces of the first generator)."""

    def __init__(self, draw: ImageDraw.ImageDraw, face: Face, color: tuple[int, ...]) -> None:
        self.draw, self.face, self.color = draw, face, color

    def font(self, size: int, bold: bool = False) -> Any:
        return load_font(self.face.bold if bold and self.face.bold else self.face.regular, size)

    def width(self, text: str, size: int, bold: bool = False) -> float:
        return float(self.draw.textlength(text, font=self.font(size, bold)))

    def fit(self, text: str, size: int, max_w: float, bold: bool = False) -> int:
        while size > 8 and self.width(text, size, bold) > max_w:
            size -= 1
        return size

    def text(self, xy: tuple[float, float], text: str, size: int, bold: bool = False, anchor: str = "ls") -> None:
        stroke = 1 if bold and not self.face.bold else 0
        self.draw.text(
            xy,
            text,
            font=self.font(size, bold),
            fill=self.color,
            anchor=anchor,
            stroke_width=stroke,
            stroke_fill=self.color,
        )


def wrap(ink: Ink, text: str, size: int, max_w: float, bold: bool = False) -> tuple[list[str], int]:
    """`text` on at most two lines of at most `max_w`, broken between words (the font shrinks if it must);
    joined with one space the lines give `text` back."""
    words = text.split()
    while True:
        lines = [words[0]]
        for word in words[1:]:
            cand = f"{lines[-1]} {word}"
            if len(lines) == 2 or ink.width(cand, size, bold) <= max_w:
                lines[-1] = cand
            else:
                lines.append(word)
        if size <= 8 or all(ink.width(line, size, bold) <= max_w for line in lines):
            return lines, size
        size -= 1


# --------------------------------------------------------------------------------------------- design


@dataclass(frozen=True)
class CardDesign:
    """Everything about a card's look that is not its holder's data; drawn once per card."""

    width: int
    face: Face
    nik_face: Face
    ink: tuple[int, int, int]
    header_scale: float
    row_scale: float
    nik_scale: float
    label_x: float  # label column, in card units (1012 wide)
    colon_gap: float  # colon this far right of the widest label (units); or at colon_at when larger
    colon_at: float
    value_gap: float
    colon_style: str  # "aligned" | "attached" (Nama:) | "value" (": VALUE")
    value_dx: float  # the value layer's misregistration, in row heights / units
    value_dy: float
    value_limit: float  # fraction of the free width a value may use before it wraps (or shrinks)
    row_spacing: float
    background: str  # "guilloche" | "map" | "plain"
    base: tuple[float, float, float]
    pattern_alpha: int
    watermark: str | None  # "SPESIMEN" | a stamp text | None
    corner: float  # corner radius / width
    values_bold: bool


def draw_design(r: random.Random) -> CardDesign:
    """A random card design. The number of draws does not depend on anything but `r`."""
    faces = available_faces()
    face = r.choices([f for f, _ in faces], weights=[w for _, w in faces])[0]
    ocr = ocr_a_face()
    use_ocr = r.random() < 0.65
    nik_face = ocr if (use_ocr and ocr is not None) else face
    dark = r.randint(0, 40)
    misprint = r.random() < 0.22
    dy = r.choice((-1, 1)) * r.uniform(0.3, 0.55) if misprint else r.uniform(-0.06, 0.06)
    dx = r.uniform(-25, 25) if misprint else r.uniform(-4, 4)
    narrow = r.random() < 0.4
    wm = r.random()
    watermark = "SPESIMEN" if wm < 0.08 else r.choice(STAMPS) if wm < 0.18 else None
    background = r.choices(["guilloche", "map", "plain"], weights=[0.5, 0.35, 0.15])[0]
    base = (r.uniform(172, 226), r.uniform(204, 238), r.uniform(224, 252))
    if r.random() < 0.15:  # greener or greyer print runs
        base = (r.uniform(196, 226), r.uniform(220, 240), r.uniform(206, 232))
    return CardDesign(
        width=r.randint(900, 1150),
        face=face,
        nik_face=nik_face,
        ink=(dark, dark, dark + r.randint(0, 12)),
        header_scale=r.uniform(0.85, 1.15),
        row_scale=r.uniform(0.88, 1.2),
        nik_scale=r.uniform(0.85, 1.15),
        label_x=r.uniform(14, 70),
        colon_gap=r.uniform(4, 60),
        colon_at=r.uniform(180, 300),
        value_gap=r.uniform(6, 26),
        colon_style=r.choices(["aligned", "attached", "value"], [0.6, 0.2, 0.2])[0],
        value_dx=dx,
        value_dy=dy,
        value_limit=r.uniform(0.62, 0.9) if narrow else 1.0,
        row_spacing=r.uniform(1.35, 1.75),
        background=background,
        base=base,
        pattern_alpha=r.randint(18, 48),
        watermark=watermark,
        corner=r.uniform(0.03, 0.055),
        values_bold=r.random() < 0.15,
    )


# --------------------------------------------------------------------------------------------- background


def _guilloche(d: ImageDraw.ImageDraw, w: int, h: int, ink: tuple[int, int, int], alpha: int, r: random.Random) -> None:
    for fam in range(r.randint(1, 3)):
        n, amp, lam = r.randint(10, 26), r.uniform(5, 20), r.uniform(90, 340)
        phase, step = r.uniform(0, 2 * math.pi), r.uniform(-0.7, 0.7)
        for k in range(n + 2):
            y0 = (k - 1) * h / n
            wave = [
                (
                    float(x),
                    y0
                    + amp * math.sin(2 * math.pi * x / lam + phase + k * step)
                    + amp * 0.4 * math.sin(2 * math.pi * x / (lam * 0.37) + k + fam),
                )
                for x in range(0, w + 8, 8)
            ]
            d.line(wave, fill=(*ink, alpha), width=1)
    # a rosette (hypotrochoid) behind the middle of the card
    cx, cy, rad = w * r.uniform(0.3, 0.6), h * r.uniform(0.45, 0.65), h * r.uniform(0.2, 0.34)
    big, small, off = rad, rad * r.uniform(0.18, 0.4), rad * r.uniform(0.3, 0.8)
    pts = []
    for i in range(2400):
        t = 2 * math.pi * 12 * i / 2400
        pts.append(
            (
                cx + (big - small) * math.cos(t) + off * math.cos((big - small) / small * t) * 0.6,
                cy + (big - small) * math.sin(t) - off * math.sin((big - small) / small * t) * 0.6,
            )
        )
    d.line(pts, fill=(*ink, alpha), width=1)


def _map(
    w: int, h: int, ink: tuple[int, int, int], alpha: int, r: random.Random, g: np.random.Generator
) -> Image.Image:
    """Island outlines with contour rings, like the archipelago map printed behind the data."""
    low = g.normal(0, 1, (h // 40 + 3, w // 40 + 3)).astype(np.float32)
    field = cv2.resize(low, (w, h), interpolation=cv2.INTER_CUBIC)
    field = cv2.GaussianBlur(field, (0, 0), 6)
    layer = np.zeros((h, w, 4), np.uint8)
    level0 = r.uniform(0.2, 0.6)
    for k, level in enumerate((level0, level0 + 0.25, level0 + 0.5)):
        mask = (field > level).astype(np.uint8)
        contours, _ = cv2.findContours(mask, cv2.RETR_LIST, cv2.CHAIN_APPROX_NONE)
        cv2.drawContours(layer, contours, -1, (*ink, max(8, alpha - 8 * k)), 1 + (k == 0), cv2.LINE_AA)
        if k == 0:
            fill = np.zeros_like(layer)
            fill[mask > 0] = (*ink, alpha // 3)
            layer = np.maximum(layer, fill)
    return Image.fromarray(layer, "RGBA")


def render_background(design: CardDesign, w: int, h: int, r: random.Random, g: np.random.Generator) -> Image.Image:
    base = np.array(design.base, np.float32)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    shade = 1 + r.uniform(-0.06, 0.06) * (xx / w - 0.5) + r.uniform(-0.07, 0.05) * (yy / h - 0.5)
    arr = base[None, None, :] * shade[..., None]
    tint = np.array([r.uniform(-8, 14), r.uniform(-4, 8), r.uniform(-16, -2)], np.float32)
    arr += ((yy / h)[..., None] ** 2) * tint
    img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8)).convert("RGBA")
    ink = (int(base[0] * 0.55), int(base[1] * 0.68), int(base[2] * 0.85))
    if design.background == "map":
        img.alpha_composite(_map(w, h, ink, design.pattern_alpha, r, g))
    layer = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    if design.background != "plain":
        _guilloche(
            d, w, h, ink, design.pattern_alpha if design.background == "guilloche" else design.pattern_alpha // 2, r
        )
    # the emblem's rings
    cx, cy, rad = w * r.uniform(0.38, 0.55), h * r.uniform(0.5, 0.62), h * r.uniform(0.2, 0.3)
    for k in range(r.randint(2, 5)):
        rr = rad * (1 - 0.14 * k)
        d.ellipse((cx - rr, cy - rr, cx + rr, cy + rr), outline=(*ink, design.pattern_alpha), width=2)
    img.alpha_composite(layer)
    return img


def _watermark(img: Image.Image, text: str, r: random.Random) -> None:
    """SPESIMEN diagonally across the card, or a rubber stamp box (a bank's copy), over the printed data."""
    w, h = img.size
    faces = available_faces()
    path = faces[0][0].bold or faces[0][0].regular
    if text == "SPESIMEN":
        size = round(h * r.uniform(0.16, 0.24))
        color = r.choice([(200, 40, 40), (120, 120, 120), (40, 40, 160)])
        alpha = r.randint(50, 95)
        tile = Image.new("RGBA", (w * 2, h * 2), (0, 0, 0, 0))
        td = ImageDraw.Draw(tile)
        td.text((w, h), text, font=load_font(path, size), fill=(*color, alpha), anchor="mm")
        tile = tile.rotate(r.uniform(15, 35) * r.choice((-1, 1)), resample=Image.Resampling.BICUBIC)
        img.alpha_composite(tile.crop((w // 2, h // 2, w // 2 + w, h // 2 + h)))
        return
    size = round(h * r.uniform(0.07, 0.1))
    font = load_font(path, size)
    probe = ImageDraw.Draw(img)
    tw = probe.textlength(text, font=font)
    pad = size * 0.5
    bw, bh = int(tw + 2 * pad), int(size * 1.9)
    color = r.choice([(190, 30, 40), (30, 50, 170), (120, 30, 140)])
    alpha = r.randint(110, 170)
    stamp = Image.new("RGBA", (bw + 8, bh + 8), (0, 0, 0, 0))
    sd = ImageDraw.Draw(stamp)
    sd.rounded_rectangle((4, 4, bw + 3, bh + 3), radius=size // 3, outline=(*color, alpha), width=max(3, size // 9))
    sd.text(((bw + 8) / 2, (bh + 8) / 2), text, font=font, fill=(*color, alpha), anchor="mm")
    stamp = stamp.rotate(r.uniform(-25, 25), expand=True, resample=Image.Resampling.BICUBIC)
    x = int(r.uniform(0.15, 0.75) * w - stamp.width / 2)
    y = int(r.uniform(0.3, 0.8) * h - stamp.height / 2)
    img.alpha_composite(stamp, (max(0, min(w - stamp.width, x)), max(0, min(h - stamp.height, y))))


# --------------------------------------------------------------------------------------------- card


def _dmy(iso: str | date) -> str:
    d = date.fromisoformat(iso) if isinstance(iso, str) else iso
    return f"{d:%d-%m-%Y}"


def printed_values(fields: Mapping[str, str]) -> list[str]:
    """The twelve values under the NIK, in LABELS order, as the card prints them."""
    f = fields
    return [
        f["name"],
        f"{f['birth_place']}, {_dmy(f['birth_date'])}",
        f["sex"],
        f["address"],
        f["rt_rw"],
        f["village"],
        f["district"],
        f["religion"],
        f["marital_status"],
        f["occupation"],
        f["nationality"],
        f["valid_until"] if f["valid_until"] == LIFETIME else _dmy(f["valid_until"]),
    ]


Portrait = Callable[[int, int, random.Random], Image.Image]
Signature = Callable[[ImageDraw.ImageDraw, tuple[float, float, float, float], random.Random], None]


def render_ktp(
    fields: Mapping[str, str],
    issued: tuple[str, date],
    r: random.Random,
    g: np.random.Generator,
    portrait: Portrait,
    signature: Signature,
    design: CardDesign | None = None,
) -> Image.Image:
    """The card front as an RGBA image (alpha = the rounded card outline) in `design` (drawn from `r` if None).

    `fields` are the 17 printed fields, `issued` the place and date printed under the photo."""
    design = design or draw_design(r)
    f = fields
    w = design.width
    h = round(w / 1.586)
    s = w / 1012
    img = render_background(design, w, h, r, g)
    draw = ImageDraw.Draw(img)
    ink = Ink(draw, design.face, design.ink)
    nik_ink = Ink(draw, design.nik_face, design.ink)

    def jit(px: float) -> float:
        return r.uniform(-px, px) * s

    # header, centred over the card or over the data column
    hs = round(design.header_scale * 28 * s)
    hy = (12 + r.uniform(0, 8)) * s + hs
    hx = w / 2 + jit(10)
    for line in (f"PROVINSI {f['province']}", f["regency"]):
        size = ink.fit(line, hs, w * 0.9, bold=True)
        ink.text((hx, hy), line, size, bold=True, anchor="ms")
        hy += hs * r.uniform(1.15, 1.32)

    # photo, issue place and date, signature
    pw = round(r.uniform(0.19, 0.23) * w)
    ph = round(pw * 4 / 3)
    px0 = round(w - pw - r.uniform(24, 50) * s)
    nik_y = hy + r.uniform(12, 26) * s
    py0 = round(nik_y - r.uniform(0, 18) * s)
    img.paste(portrait(pw, ph, r), (px0, py0))
    fs = round(design.row_scale * 20 * s)
    cxp = px0 + pw / 2 + jit(4)
    y = min(py0 + ph + fs * 1.3 + jit(3), h - 70 * s)
    place, when = issued
    ink.text((cxp, y), place, ink.fit(place, round(fs * 0.9), pw * 1.3), anchor="ms")
    y += fs * 1.15
    ink.text((cxp, y), _dmy(when), round(fs * 0.9), anchor="ms")
    signature(draw, (px0 + 0.12 * pw, y + 8 * s, px0 + 0.88 * pw, min(h - 8 * s, y + 50 * s)), r)

    # rows
    lx = design.label_x * s
    nik_fs = round(design.nik_scale * 32 * s)
    rows_top = nik_y + nik_fs * r.uniform(0.95, 1.15)
    indent = r.uniform(0, 30) * s
    label_w = max(ink.width(lbl, fs) for lbl in LABELS) + indent
    colon_x = lx + max(label_w + design.colon_gap * s, design.colon_at * s)
    value_x = colon_x + design.value_gap * s
    max_right = px0 - 10 * s
    free = max_right - value_x
    limit = free * design.value_limit
    values = printed_values(f)
    vb = design.values_bold

    # which values wrap: decided before drawing, so that the row height fits every line on the card
    layout: list[tuple[str, list[str], int]] = []
    for label, value in zip(LABELS, values, strict=True):
        prefix = ": " if design.colon_style == "value" else ""
        avail = (limit if label in WRAPPABLE else free) - ink.width(prefix, fs, vb)
        if label == "Jenis Kelamin":
            avail = ink.width("PEREMPUAN", fs, vb) + 30 * s
        if ink.width(value, fs, vb) <= avail:
            layout.append((label, [value], fs))
        elif label in WRAPPABLE and " " in value:
            lines, size = wrap(ink, value, fs, avail, vb)
            layout.append((label, lines, size))
        else:
            layout.append((label, [value], ink.fit(value, fs, avail, vb)))
    n_lines = sum(len(lines) for _, lines, _ in layout)
    row_h = min(fs * design.row_spacing, (h - 14 * s - rows_top) / n_lines)
    # misregistered values may slide right, or left up to half the gap (no further: over the colons)
    dx, dy = max(design.value_dx, -0.5 * design.value_gap) * s, design.value_dy * row_h

    def label_text(x: float, y: float, label: str, size: int, bold: bool = False) -> None:
        if design.colon_style == "attached":
            ink.text((x, y), label + ":", size, bold)
        else:
            ink.text((x, y), label, size, bold)
            if design.colon_style == "aligned":
                ink.text((colon_x, y), ":", size, bold)

    def value_text(y: float, value: str, size: int, pen: Ink, bold: bool, first: bool = True) -> None:
        prefix = ": " if design.colon_style == "value" and first else "  " if design.colon_style == "value" else ""
        vx = colon_x if design.colon_style == "value" else value_x
        pen.text((vx + dx, y + dy), prefix + value, size, bold)

    # NIK
    label_text(lx + jit(2), nik_y, "NIK", nik_fs, bold=True)
    nik_size = nik_ink.fit(f["nik"], nik_fs, max_right - value_x, bold=True)
    value_text(nik_y, f["nik"], nik_size, nik_ink, bold=nik_ink.face is ink.face)

    y = rows_top
    for label, lines, size in layout:
        x = lx + (indent if label in INDENTED else 0) + jit(1.5)
        yy = y + jit(1.5)
        label_text(x, yy, label, fs)
        for k, line in enumerate(lines):
            value_text(yy + k * row_h, line, size, ink, vb, first=k == 0)
        if label == "Jenis Kelamin":
            gx = value_x + ink.width("PEREMPUAN", fs, vb) + r.uniform(30, 70) * s
            label = "Gol. Darah:" if design.colon_style == "attached" else "Gol. Darah :"
            bsize = ink.fit(label + " AB", fs, max(40.0, max_right - gx))
            ink.text((gx, yy), label, bsize)  # the template; the blood type is printed with the values
            ink.text((gx + ink.width(label + "  ", bsize) + dx, yy + dy), f["blood_type"], bsize, vb)
        y += row_h * len(lines)

    if design.watermark is not None:
        _watermark(img, design.watermark, r)
    mask = Image.new("L", (w, h), 0)
    ImageDraw.Draw(mask).rounded_rectangle((0, 0, w - 1, h - 1), radius=round(design.corner * w), fill=255)
    img.putalpha(mask)
    return img
