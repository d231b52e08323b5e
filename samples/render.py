"""What is printed on a synthetic KTP-el, drawn: the first generator's one-template card (``render_card``),
the varied designs of ``samples.ktp_render`` for a person (``render_varied``), and the drawing helpers other
generators share (``typefaces`` for ``samples.ktp_render.Ink``, the holder's drawn portrait, a signature).

The portrait is a drawn silhouette (synthetic, no photo of anyone). ``render_card`` and ``render_varied`` look
``draw_portrait`` up in this module when they run, so a caller may substitute it for a block of renders
(``portrait_replaced``: the checks and the traffic sets do).
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

from samples.ktp_render import LABELS, Face, Ink, render_ktp
from samples.people import Person
from workers.pipeline.vocab import LIFETIME

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


def typefaces() -> list[Face]:
    """The first generator's faces: DejaVu Sans and DejaVu Sans Condensed when installed, and Pillow's built-in
    face (bold drawn with a stroke where there is no bold file)."""
    faces = []
    for name, reg, bold in (
        ("DejaVu Sans", "DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
        ("DejaVu Sans Condensed", "DejaVuSansCondensed.ttf", "DejaVuSansCondensed-Bold.ttf"),
    ):
        if (FONT_DIR / reg).exists():
            b = FONT_DIR / bold
            faces.append(Face(name, str(FONT_DIR / reg), str(b) if b.exists() else None))
    faces.append(Face("Pillow", None, None))
    return faces


# --------------------------------------------------------------------------------------------- card


def format_dmy(iso_or_date: str | date) -> str:
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
                y = (
                    y0
                    + amp * math.sin(2 * math.pi * x / lam + phase + k * (0.6 if fam else -0.4))
                    + amp * 0.4 * math.sin(2 * math.pi * x / (lam * 0.37) + k)
                )
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
        d.line(
            (
                cx + 0.3 * rad * math.cos(t),
                cy + 0.3 * rad * math.sin(t),
                cx + 0.85 * rad * math.cos(t),
                cy + 0.85 * rad * math.sin(t),
            ),
            fill=(*ink, a // 2),
            width=1,
        )
    img.alpha_composite(layer)
    return img


SKIN_TONES: tuple[tuple[int, int, int], ...] = ((224, 184, 150), (198, 150, 112), (170, 120, 88), (140, 98, 70))
# the holder's photo backdrop: the KTP-el's red (two shades) and blue, and grey
PHOTO_BACKDROPS: tuple[tuple[int, int, int], ...] = (
    (196, 38, 44),
    (205, 55, 52),
    (38, 88, 190),
    (168, 168, 172),
    (186, 186, 190),
)


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
    cols = np.nonzero(mask[int(rows.min()) : y1 + 1].any(axis=0))[0]
    fw, cx = float(cols.max() - cols.min()), float(cols.max() + cols.min()) / 2
    hh = fw / 2
    hy = y1 - hh * 0.95
    d = ImageDraw.Draw(img)
    ex, ey, er = fw * 0.21, hy - hh * 0.08, fw * 0.085
    for sx in (-1, 1):
        x = cx + sx * ex
        d.ellipse((x - er * 1.3, ey - er * 0.7, x + er * 1.3, ey + er * 0.7), fill=(235, 232, 228))
        d.ellipse((x - er * 0.6, ey - er * 0.6, x + er * 0.6, ey + er * 0.6), fill=(35, 28, 24))
        d.line(
            (x - er * 1.5, ey - er * 1.8, x + er * 1.5, ey - er * 2.0), fill=(30, 24, 20), width=max(3, int(er * 0.8))
        )
    d.polygon(
        [(cx, ey + er * 0.5), (cx - er * 0.7, hy + hh * 0.38), (cx + er * 0.7, hy + hh * 0.38)],
        fill=tuple(int(c * 0.65) for c in skin),
    )
    d.ellipse((cx - fw * 0.16, hy + hh * 0.55, cx + fw * 0.16, hy + hh * 0.68), fill=(150, 70, 70))
    return img


def draw_portrait(w: int, h: int, r: random.Random) -> Image.Image:
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


@contextmanager
def portrait_replaced(make: Callable[[Image.Image, random.Random], Image.Image]) -> Iterator[None]:
    """Within the block, the cards' portrait (``draw_portrait``, looked up here when a card is rendered) is
    `make(original portrait, rng)`; the original is still drawn first, so the card's random stream (and so its
    layout) is the one it would have had."""
    original = draw_portrait

    def patched(w: int, h: int, r: random.Random) -> Image.Image:
        return make(original(w, h, r), r)

    globals()["draw_portrait"] = patched
    try:
        yield
    finally:
        globals()["draw_portrait"] = original


def draw_signature(draw: ImageDraw.ImageDraw, box: tuple[float, float, float, float], r: random.Random) -> None:
    x0, y0, x1, y1 = box
    cy, amp = (y0 + y1) / 2, (y1 - y0) / 2
    f1, f2, p = r.uniform(2, 5), r.uniform(6, 11), r.uniform(0, 6.3)
    pts = []
    n = 60
    for i in range(n + 1):
        t = i / n
        x = x0 + (x1 - x0) * t + 0.06 * (x1 - x0) * math.sin(2 * math.pi * f2 * t)
        y = cy + amp * (
            0.6 * math.sin(2 * math.pi * f1 * t + p) * (1 - 0.5 * t) + 0.35 * math.sin(2 * math.pi * f2 * t)
        )
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
    pen = Ink(draw, r.choice(typefaces()), (dark, dark, dark + r.randint(0, 10)))

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
    img.paste(draw_portrait(pw, ph, r), (px0, py0))
    fs = round(r.uniform(0.9, 1.1) * 21 * s)  # row font size
    cxp = px0 + pw / 2 + jit(4)
    y = py0 + ph + fs * 1.3 + jit(3)
    place = person.issue_regency if r.random() < 0.5 else person.issue_place
    pen.text((cxp, y), place, pen.fit(place, round(fs * 0.9), pw * 1.3), anchor="ms")
    y += fs * 1.15
    pen.text((cxp, y), format_dmy(person.issue_date), round(fs * 0.9), anchor="ms")
    draw_signature(draw, (px0 + 0.12 * pw, y + 10 * s, px0 + 0.88 * pw, y + 55 * s), r)

    # label column
    lx = 24 * s + jit(6)
    nik_fs = round(r.uniform(0.9, 1.1) * 33 * s)
    rows_top = nik_y + nik_fs * r.uniform(0.95, 1.15)
    row_h = min(fs * r.uniform(1.45, 1.72), (h - 16 * s - rows_top) / 12)
    indent = r.uniform(12, 30) * s
    labels = LABELS  # the printed labels (the varied designs print the same)
    values = [
        f["name"],
        f"{f['birth_place']}, {format_dmy(f['birth_date'])}",
        f["sex"],
        f["address"],
        f["rt_rw"],
        f["village"],
        f["district"],
        f["religion"],
        f["marital_status"],
        f["occupation"],
        f["nationality"],
        f["valid_until"] if f["valid_until"] == LIFETIME else format_dmy(f["valid_until"]),
    ]
    label_w = max(pen.width(lbl, fs) for lbl in labels)
    colon_x = lx + max(label_w + indent * 0.4 + 12 * s, r.uniform(225, 255) * s)
    value_x = colon_x + r.uniform(10, 18) * s
    max_right = px0 - 10 * s
    style = r.choices(["aligned", "attached", "value"], weights=[0.6, 0.2, 0.2])[0]

    def row(
        y: float, label: str, value: str, size: int, x: float, bold: bool = False, right: float = max_right
    ) -> float:
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
            blood = f"Gol. Darah : {f['blood_type']}" if style != "attached" else f"Gol. Darah: {f['blood_type']}"
            pen.text((gx, y), blood, pen.fit(blood, fs, max_right - gx))
        else:
            row(y, label, value, fs, x)

    mask = Image.new("L", (w, h), 0)
    ImageDraw.Draw(mask).rounded_rectangle((0, 0, w - 1, h - 1), radius=round(r.uniform(0.035, 0.05) * w), fill=255)
    img.putalpha(mask)
    return img


def render_varied(person: Person, r: random.Random, g: np.random.Generator) -> Image.Image:
    """The card front in a design drawn from `r` (samples.ktp_render): fonts, label and colon positions,
    misprinted values, wrapped names and addresses, backgrounds and watermarks vary; RGBA like render_card."""
    return render_ktp(
        person.fields,
        (person.issue_regency if r.random() < 0.5 else person.issue_place, person.issue_date),
        r,
        g,
        portrait=draw_portrait,
        signature=draw_signature,
    )
