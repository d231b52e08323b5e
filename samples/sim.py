"""Synthetic SIM cards (Surat Izin Mengemudi, the driving licence), from the written description of the card
(the project's notes on the SIM: the fields, their value forms and how versions differ).

    python -m samples.sim OUT_DIR --count N --seed S [--modes scan,photo,...]

writes ``OUT_DIR/images/sim-NNNN-<mode>.<ext>``, ``OUT_DIR/truth/<id>.json`` (``document_type: "sim"``,
``capture_mode``, ``variant`` = the label style, and the fields as a perfect reader returns them:
``sim_number`` digits only, ``sim_class``, ``name``, ``birth_place``, ``birth_date`` ISO, ``sex``
LAKI-LAKI/PEREMPUAN, ``blood_type``, ``address`` (every printed line joined with one space), ``occupation``,
``issuer``, ``valid_until`` ISO), and ``registry.csv`` (the holders, the contract's registry columns) with
``cases.jsonl`` (half the cases claim the holder's NIK and expect a match; the others claim nothing and find
no record: a SIM prints no NIK).

People come from samples.people's PersonFactory, captures from samples.capture (scan, photo, glare,
blur_noise, lowres, rotated) and samples.capture (digital, small, low, hard). What varies: the background
colour (pale yellow, pink, blue, green) and its guilloche, the heading lines, the class's size and place, the
number's grouping (dashes or spaces, 12 or 14 digits), the labels (none: ``1. BUDI``; short labels in mixed
case or capitals, with or without a colon, with or without English under them), the photo left or right,
typefaces, sizes and spacing, wrapped names, addresses (two or three lines) and occupations, the expiry line's
wording, the issue place and date, a thumbprint and a QR code.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import cv2
import numpy as np
from faker import Faker
from PIL import Image, ImageDraw

from primitives.regions import load_regions
from samples.capture import NEW_MODES, add_glare, capture_photo, capture_scan, jpeg_roundtrip, output_format
from samples.capture import capture as capture_new
from samples.ktp_render import Face, Ink, available_faces
from samples.labelled import labelled_folder, write_truth
from samples.people import REF_DATE, REGISTRY_FIELDS, Person, PersonFactory
from samples.render import draw_face

MODES = ("scan", "photo", "glare", "blur_noise", "lowres", "rotated", *NEW_MODES)
CLASSES = {
    "A": 30,
    "C": 30,
    "B1": 6,
    "B2": 3,
    "C1": 3,
    "C2": 2,
    "D": 1,
    "D1": 1,
    "A UMUM": 4,
    "B1 UMUM": 3,
    "B2 UMUM": 2,
}
BACKGROUNDS = {
    "yellow": (250, 241, 200),
    "cream": (247, 238, 214),
    "pink": (250, 226, 230),
    "blue": (222, 236, 250),
    "green": (226, 244, 226),
}
HEADINGS = (("KEPOLISIAN NEGARA REPUBLIK INDONESIA",), ("POLISI REPUBLIK INDONESIA",), ("INDONESIA",), ())
LABELS = ("Nama", "Tempat & Tgl. Lahir", "Gol. Darah - Jenis Kelamin", "Alamat", "Pekerjaan", "Diterbitkan Oleh")
ENGLISH = ("Name", "Place & Date of Birth", "Blood Type - Sex", "Address", "Occupation", "Issued by")
EXPIRY = ("Berlaku s/d", "BERLAKU S/D", "Berlaku sampai", "Berlaku s/d :")
PRINTED_SEX = {"LAKI-LAKI": "PRIA", "PEREMPUAN": "WANITA"}


@dataclass
class Holder:
    """A SIM holder: the person of the KTP family and what the SIM adds."""

    person: Person
    fields: dict[str, str]  # the truth (SIM-FIELDS names and forms)
    printed_number: str
    address_lines: list[str]
    issue: date
    issue_place: str


def _issuer(person: Person, r: random.Random) -> str:
    f = person.fields
    regency = f["regency"]
    x = r.random()
    if x < 0.2:
        return "POLDA METRO JAYA" if f["province"] == "DKI JAKARTA" else f"POLDA {f['province']}"
    if regency.startswith("KOTA "):
        return f"{r.choice(('POLRESTA', 'POLRESTABES', 'POLRES'))} {regency[5:]}"
    if regency.startswith("KABUPATEN "):
        return f"POLRES {regency[10:]}"
    return f"POLRES {regency}"  # JAKARTA SELATAN …


def _address_lines(person: Person, r: random.Random) -> list[str]:
    f = person.fields
    rt, rw = f["rt_rw"].split("/")
    rt_rw = r.choice((f"RT {rt} RW {rw}", f"RT {rt}/RW {rw}", f"RT.{rt}/RW.{rw}", f"RT. {rt} RW. {rw}"))
    regency = f["regency"].replace("KABUPATEN ", "KAB. ", 1) if r.random() < 0.7 else f["regency"]
    kel = r.choice(("KEL.", "DESA", "KEL")) + " " + f["village"]
    kec = r.choice(("KEC.", "KEC")) + " " + f["district"]
    if r.random() < 0.5:
        return [f"{f['address']} {rt_rw}", f"{kel} {kec}", regency]
    return [f"{f['address']} {rt_rw} {kel}", f"{kec} {regency}"]


def _valid_until(birth: date, issue: date) -> date:
    """Five years after issue, on the holder's birthday (29 February: the 28th)."""
    year = issue.year + 5
    try:
        return date(year, birth.month, birth.day)
    except ValueError:
        return date(year, birth.month, 28)


def make_holder(factory: PersonFactory, r: random.Random) -> Holder:
    person = factory.person()
    f = person.fields
    birth = date.fromisoformat(f["birth_date"])
    area = f"{r.randint(1, 99):02d}{r.randint(1, 99):02d}"
    serial = f"{r.randint(0, 10**6 - 1):06d}" if r.random() < 0.5 else f"{r.randint(0, 9999):04d}"
    digits = f"{birth:%m%y}{area}{serial}"
    sep = r.choice(("-", "-", " ", " - "))
    printed = sep.join((digits[:4], digits[4:8], digits[8:]))
    issue = REF_DATE - timedelta(days=r.randint(0, 5 * 365 - 10))
    sim_class = r.choices(list(CLASSES), weights=list(CLASSES.values()))[0]
    lines = _address_lines(person, r)
    fields = {
        "sim_number": digits,
        "sim_class": sim_class,
        "name": f["name"],
        "birth_place": f["birth_place"],
        "birth_date": f["birth_date"],
        "sex": f["sex"],
        "blood_type": f["blood_type"],
        "address": " ".join(" ".join(lines).split()),
        "occupation": f["occupation"],
        "issuer": _issuer(person, r),
        "valid_until": _valid_until(birth, issue).isoformat(),
    }
    return Holder(person, fields, printed, lines, issue, person.issue_place)


# --------------------------------------------------------------------------------------------- drawing


def _background(w: int, h: int, r: random.Random) -> Image.Image:
    base = np.array(BACKGROUNDS[r.choice(list(BACKGROUNDS))], np.float32) * r.uniform(0.97, 1.0)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    shade = 1 + r.uniform(-0.04, 0.04) * (xx / w - 0.5) + r.uniform(-0.05, 0.03) * (yy / h - 0.5)
    img = Image.fromarray(np.clip(base[None, None, :] * shade[..., None], 0, 255).astype(np.uint8)).convert("RGBA")
    layer = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    ink = tuple(int(c * r.uniform(0.55, 0.75)) for c in base)
    for fam in range(2):  # guilloche
        n, amp, lam, phase = r.randint(10, 20), r.uniform(5, 16), r.uniform(110, 300), r.uniform(0, 6.3)
        alpha = r.randint(18, 40)
        for k in range(n + 2):
            y0 = (k - 1) * h / n
            pts = [
                (x, y0 + amp * math.sin(2 * math.pi * x / lam + phase + k * (0.5 if fam else -0.35)))
                for x in range(0, w + 8, 8)
            ]
            d.line(pts, fill=(*ink, alpha), width=1)
    cx, cy, rad = w * r.uniform(0.45, 0.6), h * r.uniform(0.45, 0.6), h * r.uniform(0.22, 0.3)
    for k in range(r.randint(2, 4)):  # a faint emblem
        rr = rad * (1 - 0.15 * k)
        d.ellipse((cx - rr, cy - rr, cx + rr, cy + rr), outline=(*ink, r.randint(16, 30)), width=2)
    if r.random() < 0.4:  # a faint map of islands
        for _ in range(r.randint(5, 9)):
            ix, iy = w * r.uniform(0.25, 0.85), h * r.uniform(0.35, 0.75)
            d.ellipse(
                (ix, iy, ix + w * r.uniform(0.03, 0.1), iy + h * r.uniform(0.02, 0.05)), fill=(*ink, r.randint(10, 20))
            )
    img.alpha_composite(layer)
    return img


def _emblem(d: ImageDraw.ImageDraw, cx: float, cy: float, rad: float, color: tuple[int, int, int]) -> None:
    d.ellipse((cx - rad, cy - rad, cx + rad, cy + rad), outline=color, width=max(2, round(rad / 10)))
    d.polygon(
        [
            (cx, cy - rad * 0.7),
            (cx + rad * 0.55, cy - rad * 0.1),
            (cx, cy + rad * 0.7),
            (cx - rad * 0.55, cy - rad * 0.1),
        ],
        outline=color,
        width=max(1, round(rad / 14)),
    )
    for k in range(8):
        t = 2 * math.pi * k / 8
        d.line(
            (
                cx + 0.2 * rad * math.cos(t),
                cy + 0.2 * rad * math.sin(t),
                cx + 0.45 * rad * math.cos(t),
                cy + 0.45 * rad * math.sin(t),
            ),
            fill=color,
            width=1,
        )


def _portrait(w: int, h: int, r: random.Random) -> Image.Image:
    """A drawn head and shoulders on a plain backdrop, with the face samples.render draws."""
    img = Image.new("RGB", (w, h), r.choice([(38, 88, 190), (196, 38, 44), (186, 186, 190), (60, 120, 200)]))
    d = ImageDraw.Draw(img)
    skin = r.choice([(224, 184, 150), (198, 150, 112), (170, 120, 88), (140, 98, 70)])
    cx = w / 2 + r.uniform(-0.04, 0.04) * w
    d.ellipse(
        (cx - 0.62 * w, 0.7 * h, cx + 0.62 * w, 1.45 * h), fill=r.choice([(30, 30, 34), (240, 240, 240), (40, 52, 90)])
    )
    d.rectangle((cx - 0.1 * w, 0.5 * h, cx + 0.1 * w, 0.78 * h), fill=skin)
    hw, hh, hy = w * r.uniform(0.21, 0.25), h * r.uniform(0.2, 0.23), h * r.uniform(0.36, 0.42)
    d.ellipse((cx - hw * 1.08, hy - hh * 1.18, cx + hw * 1.08, hy + hh * 0.4), fill=(25, 20, 20))
    d.ellipse((cx - hw, hy - hh, cx + hw, hy + hh), fill=skin)
    d.chord((cx - hw * 1.04, hy - hh * 1.15, cx + hw * 1.04, hy + hh * 0.2), 180, 360, fill=(25, 20, 20))
    return draw_face(img)


def _signature(d: ImageDraw.ImageDraw, box: tuple[float, float, float, float], r: random.Random) -> None:
    x0, y0, x1, y1 = box
    f1, f2, p = r.uniform(2, 5), r.uniform(6, 11), r.uniform(0, 6.3)
    pts = [
        (
            x0 + (x1 - x0) * t,
            (y0 + y1) / 2
            + (y1 - y0) / 2 * (0.6 * math.sin(2 * math.pi * f1 * t + p) + 0.35 * math.sin(2 * math.pi * f2 * t)),
        )
        for t in (i / 50 for i in range(51))
    ]
    d.line(pts, fill=r.choice([(20, 20, 30), (25, 35, 110)]), width=2, joint="curve")


def _qr(d: ImageDraw.ImageDraw, x: float, y: float, size: float, r: random.Random) -> None:
    n = 21
    cell = size / n
    for i in range(n):
        for j in range(n):
            corner = (i < 7 and j < 7) or (i < 7 and j >= n - 7) or (i >= n - 7 and j < 7)
            on = (i in (0, 6) or j in (0, 6) or (2 <= i <= 4 and 2 <= j <= 4)) if corner else r.random() < 0.5
            if corner and i >= n - 7:
                on = i in (n - 7, n - 1) or j in (0, 6) or (n - 5 <= i <= n - 3 and 2 <= j <= 4)
            if corner and j >= n - 7:
                on = i in (0, 6) or j in (n - 7, n - 1) or (2 <= i <= 4 and n - 5 <= j <= n - 3)
            if on:
                d.rectangle((x + j * cell, y + i * cell, x + (j + 1) * cell, y + (i + 1) * cell), fill=(15, 15, 15))


def _wrap(ink: Ink, text: str, size: int, max_w: float, max_lines: int, bold: bool = False) -> tuple[list[str], int]:
    """`text` broken between words onto at most `max_lines` lines of `max_w` (the font shrinks if it must)."""
    words = text.split()
    while True:
        lines = [words[0]]
        for word in words[1:]:
            cand = f"{lines[-1]} {word}"
            if len(lines) == max_lines or ink.width(cand, size, bold) <= max_w:
                lines[-1] = cand
            else:
                lines.append(word)
        if size <= 10 or all(ink.width(line, size, bold) <= max_w for line in lines):
            return lines, size
        size -= 1


def _face(r: random.Random) -> Face:
    faces = available_faces()
    return r.choices([f for f, _ in faces], weights=[wt for _, wt in faces])[0]


def render_sim(holder: Holder, r: random.Random) -> tuple[Image.Image, str]:
    """The card front (RGBA, alpha = the rounded outline) and its label style."""
    f = holder.fields
    w = r.randint(960, 1100)
    h = round(w / 1.586)
    s = w / 1012
    img = _background(w, h, r)
    d = ImageDraw.Draw(img)
    dark = r.randint(0, 35)
    ink = Ink(d, _face(r), (dark, dark, dark + r.randint(0, 12)))
    accent = r.choice([(20, 40, 120), (120, 20, 30), (20, 20, 20), (30, 70, 40)])
    head = Ink(d, ink.face, accent)
    style = r.choice(("bare", "label", "label_colon", "label_caps", "label_english"))
    margin = r.uniform(22, 36) * s

    # heading: emblem at the left, title lines, the class large at the top right
    rad = r.uniform(34, 44) * s
    _emblem(d, margin + rad, margin + rad * 0.9, rad, accent)
    tx0 = margin + 2 * rad + r.uniform(12, 24) * s
    class_size = round(r.uniform(52, 70) * s)
    class_w = (
        head.width(f["sim_class"], class_size, True)
        if " " not in f["sim_class"]
        else head.width(f["sim_class"].split()[0], class_size, True)
    )
    tx1 = w - margin - class_w - r.uniform(18, 30) * s
    y = margin + r.uniform(4, 10) * s
    for line in r.choice(HEADINGS):
        size = head.fit(line, round(r.uniform(17, 21) * s), tx1 - tx0)
        head.text((tx0, y + size), line, size)
        y += size * 1.35
    title = "SURAT IZIN MENGEMUDI"
    tsize = head.fit(title, round(r.uniform(30, 38) * s), tx1 - tx0, bold=True)
    head.text((tx0, y + tsize), title, tsize, bold=True)
    y += tsize * 1.45
    cx_right = w - margin
    if " " in f["sim_class"]:  # `B1 UMUM`: UMUM under the class letters
        main, umum = f["sim_class"].split()
        head.text((cx_right, margin + class_size), main, class_size, bold=True, anchor="rs")
        head.text((cx_right, margin + class_size * 1.45), umum, round(class_size * 0.38), bold=True, anchor="rs")
    else:
        head.text((cx_right, margin + class_size), f["sim_class"], class_size, bold=True, anchor="rs")

    # the number, large
    nsize = round(r.uniform(34, 44) * s)
    y = max(y, margin + class_size * (1.6 if " " in f["sim_class"] else 1.2)) + r.uniform(4, 14) * s
    nx = margin + r.uniform(0, 12) * s if r.random() < 0.6 else tx0
    ink.text(
        (nx, y + nsize), holder.printed_number, ink.fit(holder.printed_number, nsize, w - nx - margin, True), bold=True
    )
    y += nsize * 1.35 + r.uniform(6, 14) * s

    # the photo, left or right
    pw = round(r.uniform(0.19, 0.22) * w)
    ph = round(pw * 4 / 3)
    photo_left = r.random() < 0.5
    px0 = round(margin) if photo_left else round(w - margin - pw)
    py0 = round(min(y + r.uniform(0, 10) * s, h - ph - margin - 40 * s))
    img.paste(_portrait(pw, ph, r), (px0, py0))
    col_x0 = px0 + pw + r.uniform(20, 36) * s if photo_left else margin + r.uniform(0, 8) * s
    col_x1 = w - margin - r.uniform(0, 10) * s if photo_left else px0 - r.uniform(18, 30) * s

    # the numbered entries
    fs = round(r.uniform(21, 25) * s)
    pitch = fs * r.uniform(1.28, 1.4)
    labels = list(LABELS) if style != "label_caps" else [lab.upper() for lab in LABELS]
    num_w = ink.width("6. ", fs)
    if style == "bare":
        value_x = col_x0 + num_w
    else:
        lsize = round(fs * r.uniform(0.78, 0.92))
        label_w = max(ink.width(lab, lsize) for lab in labels)
        value_x = col_x0 + num_w + label_w + r.uniform(10, 20) * s
        if col_x1 - value_x < 0.33 * w:  # a narrow column: short labels only fit in smaller type
            lsize = round(lsize * 0.85)
            label_w = max(ink.width(lab, lsize) for lab in labels)
            value_x = col_x0 + num_w + label_w + r.uniform(8, 14) * s
    colon = style in ("label_colon", "label_english") or (style == "label_caps" and r.random() < 0.5)
    sex_printed = PRINTED_SEX[f["sex"]]
    values = [
        f["name"],
        f"{f['birth_place']}, {date.fromisoformat(f['birth_date']):%d-%m-%Y}",
        f"{f['blood_type']} - {sex_printed}",
        " ".join(holder.address_lines),
        f["occupation"],
        f["issuer"],
    ]
    max_lines = (2, 1, 1, 3, 2, 1)
    available = col_x1 - value_x - (ink.width(": ", fs) if colon else 0)
    y += r.uniform(0, 8) * s
    for i, (value, label) in enumerate(zip(values, labels, strict=True)):
        if i == 3:  # the address keeps its printed line breaks where they fit
            lines = []
            for part in holder.address_lines:
                lines.extend(_wrap(ink, part, fs, available, 2)[0])
            vs = min(_wrap(ink, part, fs, available, 2)[1] for part in holder.address_lines)
            if len(lines) > 3:
                lines, vs = _wrap(ink, value, fs, available, 3)
        else:
            lines, vs = _wrap(ink, value, fs, available, max_lines[i])
        base = y + fs
        ink.text((col_x0, base), f"{i + 1}.", fs)
        if style != "bare":
            ink.text((col_x0 + num_w, base), label, lsize)
            if style == "label_english":
                ink.text((col_x0 + num_w, base + lsize * 0.95), ENGLISH[i], round(lsize * 0.62))
        vx = value_x
        if colon:
            ink.text((vx, base), ":", fs)
            vx += ink.width(": ", fs)
        for k, line in enumerate(lines):
            ink.text((vx, base + k * pitch), line, vs)
        y += pitch * max(len(lines), 1.4 if style == "label_english" else 1) + r.uniform(0, 3) * s

    # validity, issue place and date, signature, thumbprint or QR
    y += r.uniform(2, 10) * s
    expiry = f"{r.choice(EXPIRY)} {date.fromisoformat(f['valid_until']):%d-%m-%Y}"
    esize = round(fs * r.uniform(0.9, 1.05))
    if y + esize > h - margin * 0.5:
        y = h - margin * 0.5 - esize
    ink.text((col_x0, y + esize), expiry, ink.fit(expiry, esize, col_x1 - col_x0), bold=r.random() < 0.5)
    bottom_x = px0
    under = py0 + ph + r.uniform(8, 14) * s
    if under + fs < h - margin * 0.3:
        place = f"{holder.issue_place}, {holder.issue:%d-%m-%Y}"
        ink.text((bottom_x + pw / 2, under + fs * 0.8), place, ink.fit(place, round(fs * 0.7), pw * 1.2), anchor="ms")
    sx = (col_x1 - 0.3 * w) if photo_left else (col_x0 + 0.4 * w)
    if sx > col_x0 and y + esize + 60 * s < h:
        _signature(d, (sx, y + esize + 8 * s, sx + 0.2 * w, min(h - 8 * s, y + esize + 60 * s)), r)
    if len(f["sim_number"]) == 14 and r.random() < 0.7:
        qs = 0.12 * w
        qx = w - margin - qs if photo_left else margin
        if photo_left or py0 + ph + qs < h:
            _qr(d, qx, h - margin * 0.6 - qs, qs, r)
    mask = Image.new("L", (w, h), 0)
    ImageDraw.Draw(mask).rounded_rectangle((0, 0, w - 1, h - 1), radius=round(r.uniform(0.035, 0.05) * w), fill=255)
    img.putalpha(mask)
    return img, style


# --------------------------------------------------------------------------------------------- capture


_CV_ROTATE = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}


def capture(card: Image.Image, mode: str, r: random.Random, g: np.random.Generator) -> tuple[np.ndarray, int]:
    """The captured image (RGB, or RGBA for edge-to-edge renders) and the rotation applied (rotated mode)."""
    if mode in NEW_MODES:
        return capture_new(mode, card, r, g)[0], 0
    if mode == "scan":
        return capture_scan(card, r, g)[0], 0
    if mode == "photo":
        return capture_photo(card, r, g)[0], 0
    img, quad = (capture_photo if r.random() < 0.5 else capture_scan)(card, r, g)
    if mode == "glare":
        return add_glare(img, quad, r), 0
    if mode == "blur_noise":
        img = cv2.GaussianBlur(img, (0, 0), sigmaX=r.uniform(0.8, 1.4))
        noise = g.normal(0, r.uniform(4, 9), (*img.shape[:2], 1)).astype(np.float32)
        return np.clip(img.astype(np.float32) + noise, 0, 255).astype(np.uint8), 0
    if mode == "lowres":
        new_w = r.randint(480, 600)
        return cv2.resize(img, (new_w, round(img.shape[0] * new_w / img.shape[1])), interpolation=cv2.INTER_AREA), 0
    if mode == "rotated":
        degrees = r.choice((90, 180, 270))
        return cv2.rotate(img, _CV_ROTATE[degrees]), degrees
    raise ValueError(f"unknown capture mode {mode!r}")


def save(img: np.ndarray, out_dir: Path, image_id: str, mode: str, r: random.Random) -> None:
    has_alpha = img.shape[2] == 4
    if mode in NEW_MODES:
        fmt, quality = output_format(mode, has_alpha, r)
    else:
        fmt, quality = ("png", None) if mode == "scan" and r.random() < 0.4 else ("jpg", r.randint(78, 92))
        if mode == "blur_noise":
            img, quality = jpeg_roundtrip(img, r.randint(60, 80)), r.randint(70, 85)
    pil = Image.fromarray(img)
    path = out_dir / "images" / f"{image_id}.{fmt}"
    if fmt == "jpg":
        pil.convert("RGB").save(path, "JPEG", quality=quality or 90, optimize=True)
    elif fmt == "webp":
        pil.save(path, "WEBP", lossless=quality is None, quality=quality or 90, method=4)
    else:
        pil.save(path, "PNG", compress_level=6)


def generate(out_dir: Path, count: int, seed: int, modes: list[str] | None = None, registry: bool = True) -> list[str]:
    """`count` SIM images cycling through `modes`, with truth, and (with `registry`) registry.csv and cases.jsonl:
    a folder of other types (samples.mixed) keeps its own."""
    modes = modes or ["scan", "photo"]
    out_dir = labelled_folder(out_dir)
    rng = random.Random(f"sim:{seed}")
    fake = Faker("id_ID")
    fake.seed_instance(seed)
    factory = PersonFactory(rng, fake, load_regions(), real_vocabulary=True)
    ids: list[str] = []
    rows: list[dict[str, str]] = []
    cases: list[dict[str, Any]] = []
    for i in range(1, count + 1):
        mode = modes[(i - 1) % len(modes)]
        r = random.Random(f"sim:{seed}:{i}")
        g = np.random.default_rng([seed, i, 17])
        holder = make_holder(factory, r)
        card, style = render_sim(holder, r)
        img, rotation = capture(card, mode, r, g)
        image_id = f"sim-{i:04d}-{mode}"
        save(img, out_dir, image_id, mode, r)
        truth: dict[str, Any] = {"document_type": "sim", "capture_mode": mode, "variant": style, **holder.fields}
        if rotation:
            truth["rotation"] = rotation
        write_truth(out_dir, image_id, truth)
        rows.append(holder.person.registry_record())
        case: dict[str, Any] = {"id": image_id}
        if i % 2:
            case.update(expected="match", claim={"nik": holder.person.fields["nik"]})
        else:
            case["expected"] = "not_found"
        cases.append(case)
        ids.append(image_id)
    if not registry:
        return ids
    with (out_dir / "registry.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(REGISTRY_FIELDS))
        writer.writeheader()
        writer.writerows(rows)
    (out_dir / "cases.jsonl").write_text("".join(json.dumps(c) + "\n" for c in cases), encoding="utf-8")
    return ids


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m samples.sim", description=__doc__.split("\n")[0])
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--count", type=int, default=20)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--modes", default="scan,photo", help=f"comma-separated, of: {', '.join(MODES)}")
    a = ap.parse_args(argv)
    modes = [m.strip() for m in a.modes.split(",") if m.strip()]
    if unknown := [m for m in modes if m not in MODES]:
        ap.error(f"unknown mode(s): {', '.join(unknown)}")
    ids = generate(a.out_dir, a.count, a.seed, modes)
    print(f"wrote {len(ids)} SIM images to {a.out_dir}")


if __name__ == "__main__":
    main()
