"""Clean-room KTP-el renderer: draws an ID-1 card from a description of the real card, writes a labelled folder.

    .venv/bin/python -m samples.cleanroom.ktp OUT --count N --seed S [--modes scan,photo,rot,hard,low,digital,small]

Independent of samples/generate.py on purpose: the reader was tuned on that generator's cards, and a measure on
cards drawn by other hands (other fonts, pitches, column positions, backgrounds, capture maths) shows how much
of its accuracy carries over.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from samples.cleanroom import fonts
from samples.cleanroom.capture import MODES, capture
from samples.cleanroom.people import (
    REGISTRY_COLUMNS,
    Person,
    Wilayah,
    impostor_card,
    load_wilayah,
    make_person,
    registry_row,
)
from samples.labelled import labelled_folder, write_truth

CARD_W_MM, CARD_H_MM, CORNER_MM = 85.60, 53.98, 3.2
INK = (24, 24, 28)

Font = ImageFont.FreeTypeFont


def _date(d: Any) -> str:
    return f"{d.day:02d}-{d.month:02d}-{d.year:04d}"


def _iso_to_card(iso: str) -> str:
    y, m, d = iso.split("-")
    return f"{d}-{m}-{y}"


# ---- background ------------------------------------------------------------------------------------------------
def _smooth_noise(nrng: np.random.Generator, w: int, h: int, cells: int) -> np.ndarray:
    """Value noise: a coarse random grid blown up with cubic interpolation (map-like blobs)."""
    gw, gh = cells, max(2, round(cells * h / w))
    grid = nrng.normal(0, 1, (gh, gw)).astype(np.float32)
    return cv2.resize(grid, (w, h), interpolation=cv2.INTER_CUBIC)


def _background(w: int, h: int, s: float, rng: random.Random, nrng: np.random.Generator) -> Image.Image:
    """Pale blue to light cyan, a faint map-like blotch field and fine guilloche waves."""
    c1 = np.array([rng.uniform(196, 222), rng.uniform(222, 240), rng.uniform(238, 252)], np.float32)
    c2 = np.array([rng.uniform(192, 215), rng.uniform(232, 248), rng.uniform(234, 250)], np.float32)
    ang = rng.uniform(0, math.pi)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    t = (xx * math.cos(ang) + yy * math.sin(ang)) / (w * abs(math.cos(ang)) + h * abs(math.sin(ang)))
    t = (t - t.min()) / max(1e-6, float(t.max() - t.min()))
    img = c1[None, None, :] * (1 - t[..., None]) + c2[None, None, :] * t[..., None]
    # map-like blotches: islands of a slightly greener / warmer tint with faint coastlines
    field = _smooth_noise(nrng, w, h, rng.randint(5, 9)) + 0.5 * _smooth_noise(nrng, w, h, rng.randint(14, 24))
    land = cv2.GaussianBlur((field > rng.uniform(0.2, 0.7)).astype(np.float32), (0, 0), 1.2)
    tint = np.array([rng.uniform(-14, 4), rng.uniform(-4, 6), rng.uniform(-18, -4)], np.float32)
    img += land[..., None] * tint[None, None, :] * rng.uniform(0.6, 1.2)
    coast = np.abs(cv2.Laplacian(land, cv2.CV_32F))
    img -= np.clip(coast * rng.uniform(20, 45), 0, 25)[..., None] * np.array([1.0, 0.7, 0.4], np.float32)
    base = Image.fromarray(np.clip(img, 0, 255).astype(np.uint8), "RGB")
    # guilloche drawn at twice the size and shrunk, for smooth thin lines
    k = 2
    layer = Image.new("RGBA", (w * k, h * k), (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    line_rgb = (int(c1[0] - rng.uniform(40, 80)), int(c1[1] - rng.uniform(20, 50)), int(c1[2] - rng.uniform(5, 30)))
    n_lines = rng.randint(24, 60)
    lam1, lam2 = rng.uniform(8, 22) * s * k, rng.uniform(2.5, 7) * s * k
    a1, a2 = rng.uniform(1.0, 4.0) * s * k, rng.uniform(0.3, 1.2) * s * k
    step = max(2, int(s * k * 0.4))
    xs = np.arange(-step, w * k + step, step, dtype=np.float32)
    alpha = rng.randint(60, 120)
    for j in range(n_lines):
        y0 = (j + 0.5) * h * k / n_lines
        phase = j * rng.uniform(0.15, 0.5)
        ys = y0 + a1 * np.sin(2 * np.pi * xs / lam1 + phase) + a2 * np.sin(2 * np.pi * xs / lam2 - 1.7 * phase)
        draw.line(list(zip(xs.tolist(), ys.tolist(), strict=True)), fill=(*line_rgb, alpha), width=k)
    for _ in range(rng.randint(1, 3)):  # rosettes: epitrochoids, the classic security-print ornament
        cx, cy = rng.uniform(0.1, 0.7) * w * k, rng.uniform(0.2, 0.9) * h * k
        big, small, d = rng.uniform(6, 14) * s * k, rng.uniform(1.0, 3.0) * s * k, rng.uniform(1.0, 3.5) * s * k
        th = np.linspace(0, 2 * np.pi * rng.randint(3, 7), 2400, dtype=np.float32)
        px = cx + (big + small) * np.cos(th) - d * np.cos((big + small) / small * th)
        py = cy + (big + small) * np.sin(th) - d * np.sin((big + small) / small * th)
        draw.line(list(zip(px.tolist(), py.tolist(), strict=True)), fill=(*line_rgb, alpha // 2 + 10), width=k)
    layer = layer.resize((w, h), Image.Resampling.LANCZOS)
    base = base.convert("RGBA")
    base.alpha_composite(layer)
    return base


def _repeated_text(card: Image.Image, s: float, rng: random.Random, family: str) -> None:
    """Faint small REPUBLIK INDONESIA rows, as on the security print."""
    h = card.height
    layer = Image.new("RGBA", card.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    font = fonts.sans(family, rng.uniform(1.2, 1.7) * s, bold=rng.random() < 0.5)
    colour = (60, 110, 150, rng.randint(16, 34))
    pitch = rng.uniform(2.6, 4.0) * s
    text = "  ".join(["REPUBLIK INDONESIA"] * 8)
    y, row = rng.uniform(0, pitch), 0
    while y < h:
        draw.text((-(row % 2) * rng.uniform(5, 15) * s, y), text, font=font, fill=colour)
        y += pitch
        row += 1
    card.alpha_composite(layer)


def _specimen(card: Image.Image, s: float, rng: random.Random, family: str) -> None:
    """A big diagonal SPESIMEN across the card, as on specimen-style pictures."""
    w, h = card.size
    font = fonts.sans(family, rng.uniform(11, 15) * s, bold=True)
    colour = rng.choice(((200, 40, 40), (90, 90, 90), (40, 60, 160)))
    txt = Image.new("RGBA", (int(w * 1.2), int(h * 0.6)), (0, 0, 0, 0))
    ImageDraw.Draw(txt).text(
        (txt.width / 2, txt.height / 2), "SPESIMEN", font=font, anchor="mm", fill=(*colour, rng.randint(55, 95))
    )
    txt = txt.rotate(rng.uniform(18, 32), expand=True, resample=Image.Resampling.BICUBIC)
    card.alpha_composite(txt, (int((w - txt.width) / 2), int((h - txt.height) / 2)))


def _stamp(card: Image.Image, s: float, rng: random.Random, family: str) -> None:
    """A bank clerk's VERIFIKASI rubber stamp over part of the card: boxed, tilted, unevenly inked."""
    colour = rng.choice(((200, 30, 40), (30, 50, 170)))
    font = fonts.sans(family, rng.uniform(3.2, 4.5) * s, bold=True)
    tw = int(font.getlength("VERIFIKASI")) + int(3 * s)
    th = int(font.size * 1.7 + 4.5 * s)
    st = Image.new("RGBA", (tw, th), (0, 0, 0, 0))
    d = ImageDraw.Draw(st)
    d.rounded_rectangle((1, 1, tw - 2, th - 2), radius=int(1.2 * s), outline=(*colour, 255), width=max(2, int(0.4 * s)))
    d.text((tw / 2, th * 0.42), "VERIFIKASI", font=font, anchor="mm", fill=(*colour, 255))
    small = fonts.sans(family, rng.uniform(1.4, 1.8) * s)
    d.text(
        (tw / 2, th * 0.8),
        f"{rng.randint(1, 28):02d}-{rng.randint(1, 12):02d}-20{rng.randint(18, 26)}",
        font=small,
        anchor="mm",
        fill=(*colour, 255),
    )
    arr = np.array(st)
    ink = np.random.default_rng(rng.getrandbits(32)).uniform(0.45, 1.0, arr.shape[:2])
    arr[..., 3] = (arr[..., 3] * ink * rng.uniform(0.55, 0.8)).astype(np.uint8)
    st = Image.fromarray(arr, "RGBA").rotate(rng.uniform(-25, 25), expand=True, resample=Image.Resampling.BICUBIC)
    w, h = card.size
    x = int(rng.uniform(0.25, 0.75) * w - st.width / 2)
    y = int(rng.uniform(0.45, 0.85) * h - st.height / 2)
    card.alpha_composite(st, (max(0, min(w - st.width, x)), max(0, min(h - st.height, y))))


# ---- portrait and signature ------------------------------------------------------------------------------------
SKIN = ((241, 205, 170), (224, 180, 140), (198, 150, 108), (170, 120, 80), (128, 86, 56), (96, 64, 44))


def _portrait(pw: int, ph: int, rng: random.Random, female: bool) -> Image.Image:
    """A drawn head-and-shoulders figure on the red or blue pas-foto backdrop: shapes only, never a real face."""
    k = 3
    w, h = pw * k, ph * k
    bg = (
        (rng.randint(185, 215), rng.randint(20, 50), rng.randint(25, 55))
        if rng.random() < 0.5
        else (rng.randint(20, 50), rng.randint(70, 115), rng.randint(160, 215))
    )
    img = Image.new("RGB", (w, h), bg)
    d = ImageDraw.Draw(img)
    skin = rng.choice(SKIN)
    cx = w / 2 + rng.uniform(-0.04, 0.04) * w
    cloth = rng.choice(((25, 25, 30), (30, 40, 70), (235, 235, 235), (90, 30, 30), (40, 70, 50)))
    d.ellipse((cx - 0.62 * w, 0.74 * h, cx + 0.62 * w, 1.45 * h), fill=cloth)  # shoulders
    if cloth != (235, 235, 235) and rng.random() < 0.6:  # a white collar in the opening of a jacket
        d.polygon([(cx - 0.14 * w, 0.76 * h), (cx + 0.14 * w, 0.76 * h), (cx, 0.93 * h)], fill=(240, 240, 240))
    hw, hh = rng.uniform(0.19, 0.23) * w, rng.uniform(0.25, 0.29) * w
    hy = rng.uniform(0.38, 0.44) * h
    hijab = female and rng.random() < 0.5
    if hijab:
        veil = rng.choice(((30, 30, 35), (220, 220, 225), (120, 40, 60), (40, 60, 110), (190, 160, 120)))
        d.ellipse((cx - hw * 1.35, hy - hh * 1.3, cx + hw * 1.35, hy + hh * 1.25), fill=veil)
        d.polygon(
            [(cx - hw * 1.35, hy), (cx + hw * 1.35, hy), (cx + 0.5 * w, 0.95 * h), (cx - 0.5 * w, 0.95 * h)], fill=veil
        )
    else:
        d.rectangle((cx - 0.09 * w, hy + 0.6 * hh, cx + 0.09 * w, 0.8 * h), fill=skin)  # neck
    d.ellipse((cx - hw, hy - hh, cx + hw, hy + hh), fill=skin)
    if not hijab:
        hair = rng.choice(((20, 18, 16), (40, 30, 22), (70, 60, 55), (150, 150, 150)))
        d.chord((cx - hw * 1.08, hy - hh * 1.12, cx + hw * 1.08, hy + hh * 0.5), 180, 360, fill=hair)
        if female and rng.random() < 0.6:  # long hair at the sides
            d.rectangle((cx - hw * 1.1, hy - hh * 0.2, cx - hw * 0.85, hy + hh * 1.3), fill=hair)
            d.rectangle((cx + hw * 0.85, hy - hh * 0.2, cx + hw * 1.1, hy + hh * 1.3), fill=hair)
    dark = tuple(max(0, c - 120) for c in skin)
    socket = tuple(int(c * 0.78) for c in skin)
    ey = hy - 0.05 * hh
    lw = max(2, int(0.09 * hw))
    for sx in (-1, 1):  # shaded sockets, eyes, brows: the dark band a face has at eye height
        ex = cx + sx * 0.42 * hw
        d.ellipse((ex - 0.26 * hw, ey - 0.16 * hh, ex + 0.26 * hw, ey + 0.12 * hh), fill=socket)
        d.ellipse((ex - 0.15 * hw, ey - 0.06 * hh, ex + 0.15 * hw, ey + 0.06 * hh), fill=(215, 210, 205))
        d.ellipse((ex - 0.08 * hw, ey - 0.06 * hh, ex + 0.08 * hw, ey + 0.06 * hh), fill=(30, 22, 18))
        d.line((ex - 0.26 * hw, ey - 0.2 * hh, ex + 0.22 * hw, ey - 0.24 * hh), fill=dark, width=lw)
    d.line((cx, ey + 0.05 * hh, cx - 0.07 * hw, ey + 0.4 * hh), fill=socket, width=lw)  # nose
    for sx in (-1, 1):
        d.ellipse(
            (cx + sx * 0.1 * hw - 0.05 * hw, ey + 0.4 * hh, cx + sx * 0.1 * hw + 0.05 * hw, ey + 0.46 * hh), fill=dark
        )
    d.chord((cx - 0.28 * hw, ey + 0.52 * hh, cx + 0.28 * hw, ey + 0.7 * hh), 0, 180, fill=(120, 55, 55))
    img = img.resize((pw, ph), Image.Resampling.LANCZOS).filter(ImageFilter.GaussianBlur(0.5))
    return img


def _signature(draw: ImageDraw.ImageDraw, box: tuple[float, float, float, float], rng: random.Random) -> None:
    """A scribble: a smooth curve through points that move right while swinging up and down."""
    x0, y0, x1, y1 = box
    n = rng.randint(5, 9)
    pts = [(x0 + (x1 - x0) * (i + rng.uniform(-0.3, 0.3)) / (n - 1), rng.uniform(y0, y1)) for i in range(n)]
    curve: list[tuple[float, float]] = []
    for i in range(len(pts) - 1):  # Catmull-Rom through the points
        p0, p1, p2, p3 = pts[max(0, i - 1)], pts[i], pts[i + 1], pts[min(len(pts) - 1, i + 2)]
        for t in np.linspace(0, 1, 16):
            t2, t3 = t * t, t * t * t
            curve.append(
                tuple(
                    0.5
                    * (
                        (2 * p1[j])
                        + (-p0[j] + p2[j]) * t
                        + (2 * p0[j] - 5 * p1[j] + 4 * p2[j] - p3[j]) * t2
                        + (-p0[j] + 3 * p1[j] - 3 * p2[j] + p3[j]) * t3
                    )
                    for j in range(2)
                )
            )
    ink = rng.choice(((20, 20, 30), (20, 30, 110)))
    width = max(2, round((y1 - y0) / 14))
    draw.line(curve, fill=ink, width=width, joint="curve")
    if rng.random() < 0.6:
        draw.line(
            [(x0 + (x1 - x0) * 0.1, y1 - (y1 - y0) * 0.1), (x1, y1 - (y1 - y0) * rng.uniform(0.1, 0.4))],
            fill=ink,
            width=width,
        )


# ---- text layout -----------------------------------------------------------------------------------------------
@dataclass
class Style:
    """Everything that varies between card printers and templates."""

    width: int
    family: str
    value_family: str
    label_mm: float
    value_scale: float
    value_bold: bool
    header_mm: float
    nik_mm: float
    nik_ocr_a: bool
    label_x_mm: float
    aligned_colons: bool
    colon_gap_mm: float
    value_gap_mm: float
    indent_mm: float
    pitch_mm: float
    misprint: float  # values shifted by this share of a row (0 = none)
    ink: tuple[int, int, int]


def random_style(rng: random.Random) -> Style:
    families = fonts.available_families()
    family = rng.choice(families)
    return Style(
        width=rng.randint(1000, 1400),
        family=family,
        value_family=family if rng.random() < 0.8 else rng.choice(families),
        label_mm=rng.uniform(1.85, 2.3),
        value_scale=rng.uniform(1.0, 1.12),
        value_bold=rng.random() < 0.35,
        header_mm=rng.uniform(2.3, 2.9),
        nik_mm=rng.uniform(3.2, 4.0),
        nik_ocr_a=fonts.has_ocr_a() and rng.random() < 0.8,
        label_x_mm=rng.uniform(2.5, 5.0),
        aligned_colons=rng.random() < 0.6,
        colon_gap_mm=rng.uniform(0.6, 2.5),
        value_gap_mm=rng.uniform(0.8, 1.8),
        indent_mm=rng.choice((0.0, rng.uniform(1.2, 3.5))),
        pitch_mm=rng.uniform(2.45, 2.95),
        misprint=(rng.choice((-1, 1)) * rng.uniform(0.35, 0.55)) if rng.random() < 0.1 else 0.0,
        ink=(grey := rng.randint(10, 45), grey, grey),
    )


def _wrap(text: str, font: Font, width: float) -> list[str]:
    """Greedy word wrap, as the card printer breaks a long value under the value column."""
    lines: list[str] = []
    for word in text.split():
        if lines and font.getlength(lines[-1] + " " + word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _fit(draw: ImageDraw.ImageDraw, text: str, family: str, size: float, max_w: float, bold: bool = True) -> Font:
    font = fonts.sans(family, size, bold=bold)
    while font.getlength(text) > max_w and size > 8:
        size *= 0.95
        font = fonts.sans(family, size, bold=bold)
    return font


def render_card(person: Person, rng: random.Random, style: Style | None = None) -> Image.Image:
    """The card face, edge to edge, RGBA with transparent rounded corners."""
    st = style or random_style(rng)
    nrng = np.random.default_rng(rng.getrandbits(64))
    w = st.width
    s = w / CARD_W_MM
    h = round(CARD_H_MM * s)
    card = _background(w, h, s, rng, nrng)
    if rng.random() < 0.4:
        _repeated_text(card, s, rng, st.family)
    draw = ImageDraw.Draw(card)
    ink = st.ink

    # header: PROVINSI X / regency, centred, bold
    y1 = rng.uniform(3.7, 4.5) * s
    y2 = y1 + rng.uniform(3.0, 3.6) * s
    cx = w / 2 + rng.uniform(-1.0, 1.0) * s
    for text, y in ((f"PROVINSI {person.province}", y1), (person.regency, y2)):
        font = _fit(draw, text, st.family, st.header_mm * s, w - 8 * s)
        draw.text((cx, y), text, font=font, fill=ink, anchor="ms")

    # the photo column decides where values must stop
    pw = rng.uniform(18.0, 20.0) * s
    px = w - rng.uniform(3.0, 5.0) * s - pw
    y_nik = y2 + rng.uniform(4.4, 5.4) * s
    py = y_nik + rng.uniform(-1.5, 1.2) * s
    ph = min(pw * rng.uniform(1.28, 1.38), h - py - 13.5 * s)
    value_right = px - rng.uniform(0.8, 2.0) * s

    label_font = fonts.sans(st.family, st.label_mm * s)
    lx = st.label_x_mm * s
    rows: list[tuple[str, str, bool]] = [
        ("Nama", person.name, False),
        ("Tempat/Tgl Lahir", f"{person.birth_place}, {_date(person.birth_date)}", False),
        ("Jenis Kelamin", person.sex, False),
        ("Alamat", person.address, False),
        ("RT/RW", person.rt_rw, True),
        ("Kel/Desa", person.village, True),
        ("Kecamatan", person.district, True),
        ("Agama", person.religion, False),
        ("Status Perkawinan", person.marital_status, False),
        ("Pekerjaan", person.occupation, False),
        ("Kewarganegaraan", person.nationality, False),
        (
            "Berlaku Hingga",
            person.valid_until if person.valid_until == "SEUMUR HIDUP" else _iso_to_card(person.valid_until),
            False,
        ),
    ]
    indent = st.indent_mm * s
    label_end = max(lx + (indent if sub else 0) + label_font.getlength(lab) for lab, _, sub in rows)
    colon_w = label_font.getlength(":")
    if st.aligned_colons:
        colon_x = label_end + st.colon_gap_mm * s
        vx = colon_x + colon_w + st.value_gap_mm * s
    else:
        colon_x = -1.0  # right after each label
        vx = label_end + colon_w + st.value_gap_mm * s + 0.5 * st.colon_gap_mm * s

    # NIK row: a bold NIK label and the number in OCR-A (or a bold sans) after a colon
    nik_label = fonts.sans(st.family, st.nik_mm * s * rng.uniform(0.85, 1.0), bold=True)
    draw.text((lx, y_nik), "NIK", font=nik_label, fill=ink, anchor="ls")
    ncol = colon_x if st.aligned_colons else lx + nik_label.getlength("NIK") + 0.6 * s
    draw.text((ncol, y_nik), ":", font=nik_label, fill=ink, anchor="ls")
    nik_x = max(vx, ncol + nik_label.getlength(": ")) + rng.uniform(-0.3, 0.8) * s
    size = st.nik_mm * s * rng.uniform(1.0, 1.15)
    while True:
        nik_font = fonts.ocr_a(size) if st.nik_ocr_a else fonts.sans(st.value_family, size, bold=True)
        if nik_x + nik_font.getlength(person.nik) <= px - 0.6 * s or size < 10:
            break
        size *= 0.96
    draw.text((nik_x, y_nik), person.nik, font=nik_font, fill=ink, anchor="ls")

    # field rows: wrap values under the value column, squeeze the pitch so everything fits above the edge
    top = y_nik + rng.uniform(3.3, 4.3) * s
    bottom = h - rng.uniform(2.2, 3.4) * s
    vsize = st.label_mm * st.value_scale * s
    pitch = st.pitch_mm * s
    for _ in range(4):
        value_font = fonts.sans(st.value_family, vsize, bold=st.value_bold)
        wrapped = [_wrap(v, value_font, value_right - vx) for _, v, _ in rows]
        n_lines = sum(len(x) for x in wrapped)
        pitch = min(st.pitch_mm * s, (bottom - top) / max(1, n_lines - 1))
        if vsize <= pitch * 0.88:
            break
        vsize = pitch * 0.86
        label_font = fonts.sans(st.family, min(st.label_mm * s, pitch * 0.86))
    shift = st.misprint * pitch
    y = top
    for (label, _, sub), lines in zip(rows, wrapped, strict=True):
        x_label = lx + (indent if sub else 0)
        draw.text((x_label, y), label, font=label_font, fill=ink, anchor="ls")
        cxx = colon_x if st.aligned_colons else x_label + label_font.getlength(label) + 0.35 * s
        draw.text((cxx, y), ":", font=label_font, fill=ink, anchor="ls")
        for i, line in enumerate(lines):
            draw.text((vx, y + shift + i * pitch), line, font=value_font, fill=ink, anchor="ls")
        if label == "Jenis Kelamin":  # Gol. Darah shares the row, further right
            gx = max(vx + value_font.getlength("PEREMPUAN") + rng.uniform(2.0, 5.0) * s, 40 * s)
            gx = min(gx, value_right - label_font.getlength("Gol. Darah : ") - value_font.getlength("AB"))
            draw.text((gx, y), "Gol. Darah", font=label_font, fill=ink, anchor="ls")
            gc = gx + label_font.getlength("Gol. Darah") + rng.uniform(0.4, 1.2) * s
            draw.text((gc, y), ":", font=label_font, fill=ink, anchor="ls")
            draw.text(
                (gc + colon_w + rng.uniform(0.6, 1.4) * s, y + shift),
                person.blood_type,
                font=value_font,
                fill=ink,
                anchor="ls",
            )
        y += pitch * len(lines)

    # photo, place and date of issue, signature
    photo = _portrait(round(pw), round(ph), rng, person.sex == "PEREMPUAN")
    card.paste(photo, (round(px), round(py)))
    pcx = px + pw / 2
    small = rng.uniform(1.6, 2.0) * s
    iy = py + ph + rng.uniform(2.3, 3.0) * s
    draw.text(
        (pcx, iy),
        person.issue_place,
        font=_fit(draw, person.issue_place, st.family, small, pw + 5 * s, bold=False),
        fill=ink,
        anchor="ms",
    )
    draw.text(
        (pcx, iy + small * 1.25), _date(person.issue_date), font=fonts.sans(st.family, small), fill=ink, anchor="ms"
    )
    sig_top = iy + small * 1.25 + 0.8 * s
    _signature(draw, (px + 0.1 * pw, sig_top, px + 0.9 * pw, min(h - 1.5 * s, sig_top + 6 * s)), rng)

    if rng.random() < 0.12:
        _specimen(card, s, rng, st.family)
    if rng.random() < 0.1:
        _stamp(card, s, rng, st.family)
    # rounded ID-1 corners, anti-aliased by drawing the mask at 4x
    mask = Image.new("L", (w * 4, h * 4), 0)
    ImageDraw.Draw(mask).rounded_rectangle((0, 0, w * 4 - 1, h * 4 - 1), radius=CORNER_MM * s * 4, fill=255)
    card.putalpha(mask.resize((w, h), Image.Resampling.LANCZOS))
    return card


def truth_for(person: Person, mode: str, rotation: int = 0) -> dict[str, Any]:
    truth: dict[str, Any] = {"document_type": "ktp", "capture_mode": mode, **person.truth()}
    if rotation:
        truth["rotation"] = rotation
    return truth


# ---- the labelled folder with its registry and cases ----------------------------------------------------------
KINDS = {
    "genuine": ("match", "verified"),
    "impostor": ("mismatch", "rejected"),
    "unregistered": ("not_found", "needs_review"),
}


def plan_kinds(count: int, rng: random.Random) -> list[str]:
    """About 70 % genuine, 15 % impostors, 15 % unregistered, shuffled."""
    n_imp = round(count * 0.15)
    n_unreg = round(count * 0.15)
    kinds = ["impostor"] * n_imp + ["unregistered"] * n_unreg + ["genuine"] * (count - n_imp - n_unreg)
    rng.shuffle(kinds)
    return kinds


def card_holder(
    kind: str, holder: Person, rng: random.Random, w: Wilayah, registry: list[dict[str, str]]
) -> tuple[Person, list[str]]:
    """Who the card of a case of this kind shows, and the registry's variants of its row. The holder's row goes
    to `registry` (an impostor's victim, as registered: the card shows another person's name and home); an
    unregistered holder has none."""
    variants: list[str] = []
    if kind == "genuine":
        row, variants = registry_row(holder, rng)
        registry.append(row)
        return holder, variants
    if kind == "impostor":
        registry.append(registry_row(holder, rng, variant_rate=0.0)[0])
        other = make_person(rng, w, female=holder.sex == "PEREMPUAN", taken=set())
        return impostor_card(holder, other), variants
    return holder, variants


def write_registry_and_cases(
    out: Path,
    registry: list[dict[str, str]],
    cases: list[dict[str, Any]],
    master: random.Random,
    w: Wilayah,
    taken: set[str],
) -> None:
    """registry.csv, with a few registered people who never show a card (so a lookup is not a walk over the
    cards alone), shuffled; and cases.jsonl."""
    for _ in range(max(1, len(cases) // 10)):
        registry.append(registry_row(make_person(master, w, taken=taken), master, variant_rate=0.0)[0])
    master.shuffle(registry)
    with (out / "registry.csv").open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(REGISTRY_COLUMNS))
        writer.writeheader()
        writer.writerows(registry)
    (out / "cases.jsonl").write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in cases), encoding="utf-8")


def write_set(out: Path, count: int, seed: int, modes: list[str]) -> list[dict[str, Any]]:
    """Cards, truth, registry.csv and cases.jsonl; everything follows from the seed."""
    out = labelled_folder(out)
    w: Wilayah = load_wilayah()
    master = random.Random(f"cleanroom-ktp:{seed}")
    kinds = plan_kinds(count, master)
    taken: set[str] = set()
    registry: list[dict[str, str]] = []
    cases: list[dict[str, Any]] = []
    for i in range(count):
        mode = modes[i % len(modes)]
        image_id = f"cr-{i + 1:04d}-{mode}"
        rng = random.Random(f"cleanroom-ktp:{seed}:{i}")
        kind = kinds[i]
        holder = make_person(rng, w, taken=taken)
        on_card, variants = card_holder(kind, holder, rng, w, registry)
        card = render_card(on_card, rng)
        data, ext, rotation = capture(card, mode, rng)
        (out / "images" / f"{image_id}.{ext}").write_bytes(data)
        write_truth(out, image_id, truth_for(on_card, mode, rotation))
        expected, decision = KINDS[kind]
        case: dict[str, Any] = {"id": image_id, "expected": expected, "kind": kind, "expected_decision": decision}
        if kind == "genuine":
            case["registry_variants"] = variants
        cases.append(case)
    write_registry_and_cases(out, registry, cases, master, w, taken)
    return cases


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Clean-room KTP-el cards as a labelled folder.")
    ap.add_argument("out", type=Path)
    ap.add_argument("--count", type=int, default=35)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--modes", default=",".join(MODES), help=f"comma-separated, round-robin; of {','.join(MODES)}")
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
