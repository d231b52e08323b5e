"""A labelled set for the capture-quality and authenticity checks (issue 5).

    python -m samples.checks OUT_DIR --per-class 100 --seed 5 [--workers 2]

writes

* ``OUT_DIR/images/<id>.<jpg|png>`` — ids like ``blur-0007-photo`` or ``clean-0042-scan``;
* ``OUT_DIR/labels.jsonl`` — one line per image: ``{"id", "check", "defect", "base", "detail"}``.

For each check in ``CHECKS`` there are ``per_class`` images with that defect (``"defect": true``), applied to
a fresh synthetic card (samples/render.py) captured as a flatbed scan or a phone photo (alternating, so half
each). There are also ``per_class`` clean captures (``"check": "clean"``, ``"defect": false``): scans and photos
with the generator's normal variation (lighting gradient, sensor noise, sometimes mild blur or a soft glare
away from the text, JPEG). The clean images are the negatives of every check.

Each defect is drawn with a severity from a range that reaches down to the boundary of what a clerk would
still accept, so that a check's ROC AUC measures something:

* ``blur`` — Gaussian (sigma 1.8–6 px per 1000 px of card) or motion blur (12–40 px per 1000 px);
* ``glare`` — a saturated specular highlight over the text rows (core clipped to white, 8–22 % of card width);
* ``exposure`` — too dark (gain 0.2–0.5, gamma 1.2–2.2, amplified noise) or washed out (gain 1.4–2.4, gamma
  0.55–0.95, plus an offset; clipped);
* ``resolution`` — the whole capture scaled so that the card is 180–330 px wide;
* ``crop`` — the frame cuts the card: 1–2 corners and 2–25 % of the card width outside;
* ``photocopy`` — a greyscale (or, a quarter of them, faded-colour) copy with raised contrast, toner speckle
  and grey paper margin, then scanned or photographed;
* ``screen`` — the card shown on a display (RGB sub-pixel stripes, dark bezel) and captured with a slightly
  rotated sampling grid, which aliases into moiré; slight blur;
* ``face`` — the portrait replaced by its plain background colour, blank paper, a sticker, or covered over the
  head;
* ``edited`` — the name or address re-typeset after the card was drawn, over a background patch, with another
  font size (±12–30 %), a baseline shift (2–7 px per 1000 px), a heavier stroke, or another typeface;
* ``specimen`` — a normal card whose NIK is the published specimen number 3171234567890123.

Output depends only on the seed (not
on ``--workers``).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import cv2
import numpy as np
from faker import Faker
from PIL import Image, ImageDraw, ImageFont
from tqdm import tqdm

import samples.render as render
from primitives.regions import load_regions
from samples.capture import add_noise, capture_photo, capture_scan
from samples.people import Person, PersonFactory
from samples.render import FONT_DIR, render_card

CHECKS: tuple[str, ...] = (
    "blur",
    "glare",
    "exposure",
    "resolution",
    "crop",
    "photocopy",
    "screen",
    "face",
    "edited",
    "specimen",
)
CLASSES: tuple[str, ...] = ("clean", *CHECKS)
BASES: tuple[str, ...] = ("scan", "photo")
SPECIMEN_NIK = "3171234567890123"

Captured = tuple[np.ndarray, np.ndarray]  # (RGB image, card corner quad: tl, tr, br, bl)


@dataclass
class Job:
    index: int  # position in the whole set (random streams)
    image_id: str
    check: str  # "clean" or a name from CHECKS
    base: str  # "scan" | "photo"
    person: Person
    seed: int


# --------------------------------------------------------------------------------------------- helpers


def _capture(card: Image.Image, base: str, r: random.Random, g: np.random.Generator) -> Captured:
    return capture_scan(card, r, g) if base == "scan" else capture_photo(card, r, g)


def _card_width(quad: np.ndarray) -> float:
    return float((np.linalg.norm(quad[1] - quad[0]) + np.linalg.norm(quad[2] - quad[3])) / 2)


def _card_point(quad: np.ndarray, u: float, v: float) -> np.ndarray:
    """Image position of the point at fraction (u across, v down) of the card."""
    top = quad[0] + (quad[1] - quad[0]) * u
    bot = quad[3] + (quad[2] - quad[3]) * u
    return np.asarray(top + (bot - top) * v, np.float32)


def specular(
    img: np.ndarray, centre: np.ndarray, rx: float, ry: float, angle: float, strength: float, core: float = 0.0
) -> np.ndarray:
    """An elliptical highlight blended towards warm white; with `core` > 0 the centre saturates (clipped) —
    the text under it is gone, not just faint."""
    h, w = img.shape[:2]
    cx, cy = float(centre[0]), float(centre[1])
    R = int(max(rx, ry) * 2.2) + 2
    x0, x1 = max(0, int(cx) - R), min(w, int(cx) + R)
    y0, y1 = max(0, int(cy) - R), min(h, int(cy) + R)
    if x1 <= x0 or y1 <= y0:
        return img
    yy, xx = np.mgrid[y0:y1, x0:x1].astype(np.float32)
    dx, dy = xx - cx, yy - cy
    a = (dx * math.cos(angle) + dy * math.sin(angle)) / rx
    b = (-dx * math.sin(angle) + dy * math.cos(angle)) / ry
    d2 = a * a + b * b
    m = np.exp(-1.4 * d2) * strength
    out = img.astype(np.float32)
    patch = out[y0:y1, x0:x1]
    white = np.array([255, 254, 250], np.float32)
    blended = patch + m[..., None] * (white - patch)
    if core > 0:  # blown-out sensor: a plateau above the clip level
        blended += (np.exp(-2.5 * d2) * core * 255)[..., None]
    out[y0:y1, x0:x1] = blended
    return np.clip(out, 0, 255).astype(np.uint8)


def _render_twin(
    person: Person, blank_field: str, r: random.Random, g: np.random.Generator
) -> tuple[Image.Image, Image.Image]:
    """(the card, the same card without `blank_field`'s value) — the same random stream for both, so the second
    shows the printed background under the value. `r` and `g` continue from the first rendering."""
    state, gstate = r.getstate(), g.bit_generator.state
    blank = Person({**person.fields, blank_field: ""}, person.issue_date, person.issue_place, person.issue_regency)
    card_b = render_card(blank, r, g)
    r.setstate(state)
    g.bit_generator.state = gstate
    card_a = render_card(person, r, g)
    return card_a, card_b


def _ttf(path: Path, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), max(6, size))


def _fit_size(path: Path, cap_height: float) -> int:
    """Font size whose capital height is `cap_height` px."""
    size = max(6, round(cap_height / 0.73))
    for _ in range(4):
        _, y0, _, y1 = _ttf(path, size).getbbox("HEBAT", anchor="ls")
        got = y1 - y0
        if got <= 0:
            break
        new = max(6, round(size * cap_height / got))
        if new == size:
            break
        size = new
    return size


# --------------------------------------------------------------------------------------------- defects


def _blur(img: np.ndarray, quad: np.ndarray, r: random.Random) -> tuple[np.ndarray, str]:
    scale = _card_width(quad) / 1000
    if r.random() < 0.6:
        sigma = r.uniform(1.8, 6.0) * scale
        return cv2.GaussianBlur(img, (0, 0), sigmaX=sigma), f"gaussian sigma {sigma:.1f} px"
    length = max(3, round(r.uniform(12, 40) * scale))
    angle = r.uniform(0, 180)
    line = np.zeros((length, length), np.float32)
    line[length // 2, :] = 1
    M = cv2.getRotationMatrix2D((length / 2 - 0.5, length / 2 - 0.5), angle, 1.0)
    k: np.ndarray = cv2.warpAffine(line, M, (length, length))
    k /= max(float(k.sum()), 1e-6)
    return cv2.filter2D(img, -1, k), f"motion {length} px at {angle:.0f} deg"


def _glare(img: np.ndarray, quad: np.ndarray, r: random.Random) -> tuple[np.ndarray, str]:
    cw = _card_width(quad)
    u, v = r.uniform(0.12, 0.6), r.uniform(0.3, 0.85)  # the label/value rows, left of the photo
    rx = r.uniform(0.08, 0.22) * cw
    ry = rx * r.uniform(0.4, 0.9)
    strength = r.uniform(0.8, 1.0)
    core = r.uniform(0.15, 0.6)
    out = specular(img, _card_point(quad, u, v), rx, ry, r.uniform(0, math.pi), strength, core)
    return out, f"saturated highlight at ({u:.2f}, {v:.2f}) of the card, {rx / cw * 100:.0f} % of its width"


def _exposure(img: np.ndarray, r: random.Random, g: np.random.Generator) -> tuple[np.ndarray, str]:
    x = img.astype(np.float32) / 255
    if r.random() < 0.5:
        gain, gamma = r.uniform(0.2, 0.5), r.uniform(1.2, 2.2)
        out = np.power(x, gamma) * gain * 255
        out_u8 = add_noise(np.clip(out, 0, 255).astype(np.uint8), r.uniform(2, 5), g, coarse=2)
        return out_u8, f"too dark: gain {gain:.2f}, gamma {gamma:.2f}"
    gain, gamma = r.uniform(1.4, 2.4), r.uniform(0.55, 0.95)
    offset = r.uniform(0.0, 0.2)
    out = (np.power(x, gamma) * gain + offset) * 255
    return np.clip(out, 0, 255).astype(np.uint8), f"washed out: gain {gain:.2f}, gamma {gamma:.2f}, offset {offset:.2f}"


def _resolution(img: np.ndarray, quad: np.ndarray, r: random.Random) -> tuple[np.ndarray, str]:
    target = r.uniform(180, 330)
    f = target / _card_width(quad)
    h, w = img.shape[:2]
    out = cv2.resize(img, (max(8, round(w * f)), max(8, round(h * f))), interpolation=cv2.INTER_AREA)
    return out, f"card about {target:.0f} px wide"


def _crop(img: np.ndarray, quad: np.ndarray, r: random.Random) -> tuple[np.ndarray, str]:
    """A frame that leaves 1-2 card corners (and a strip of the card) outside."""
    pad = 80  # a scan with no bed margin can have a corner off the image already: extend the bed first
    img = cv2.copyMakeBorder(img, pad, pad, pad, pad, cv2.BORDER_REPLICATE)
    quad = quad + pad
    h, w = img.shape[:2]
    cw = _card_width(quad)
    lo, hi = quad.min(axis=0), quad.max(axis=0)
    for _ in range(500):
        depth = r.uniform(0.02, 0.25) * cw
        x0, y0 = max(0.0, lo[0] - r.uniform(5, 60)), max(0.0, lo[1] - r.uniform(5, 60))
        x1, y1 = min(float(w), hi[0] + r.uniform(5, 60)), min(float(h), hi[1] + r.uniform(5, 60))
        how = r.choice(["left", "right", "top", "bottom", "corner", "corner"])
        left, top = r.random() < 0.5, r.random() < 0.5
        if how == "left" or (how == "corner" and left):
            x0 = lo[0] + depth
        if how == "right" or (how == "corner" and not left):
            x1 = hi[0] - depth
        if how == "top" or (how == "corner" and top):
            y0 = lo[1] + depth * 0.63
        if how == "bottom" or (how == "corner" and not top):
            y1 = hi[1] - depth * 0.63
        inside = (quad[:, 0] >= x0) & (quad[:, 0] <= x1) & (quad[:, 1] >= y0) & (quad[:, 1] <= y1)
        n_out = int((~inside).sum())
        if n_out in (1, 2) and x1 - x0 > 100 and y1 - y0 > 100:
            ix0, iy0, ix1, iy1 = int(x0), int(y0), math.ceil(x1), math.ceil(y1)
            return (
                np.ascontiguousarray(img[iy0:iy1, ix0:ix1]),
                f"{n_out} corner(s) outside, cut {depth / cw * 100:.0f} % of the card width ({how})",
            )
    raise RuntimeError("no crop found")


def _photocopy_card(card: Image.Image, r: random.Random, g: np.random.Generator) -> tuple[Image.Image, str]:
    """The card as a photocopier prints it on white paper: an RGBA sheet (rectangle) for a capture."""
    arr = np.asarray(card)
    rgb, alpha = arr[..., :3].astype(np.float32), arr[..., 3].astype(np.float32) / 255
    paper = r.uniform(238, 252)
    luma: np.ndarray = rgb @ np.array([0.299, 0.587, 0.114], np.float32)
    black, white = r.uniform(25, 80), r.uniform(185, 225)
    gray: np.ndarray = np.clip((luma - black) / (white - black), 0, 1) * (paper - 15) + 15
    colour = r.random() < 0.25  # a colour copier with washed-out colour: the hard case
    if colour:
        sat = r.uniform(0.1, 0.35)
        stretched = np.clip((rgb - black) / (white - black), 0, 1) * (paper - 15) + 15
        out = gray[..., None] + sat * (stretched - gray[..., None])
        detail = f"faded colour copy, saturation {sat:.2f}"
    else:
        out = np.repeat(gray[..., None], 3, axis=2)
        detail = "greyscale copy"
    h, w = gray.shape
    m = r.randint(12, 70)
    sheet = np.empty((h + 2 * m, w + 2 * m, 3), np.float32)
    sheet[:] = paper
    sheet[m : m + h, m : m + w] = out * alpha[..., None] + paper * (1 - alpha[..., None])
    # toner: dark speckle, a faint drum streak, slightly soft
    n_dots = int(sheet.shape[0] * sheet.shape[1] * r.uniform(2e-4, 1.2e-3))
    ys = g.integers(0, sheet.shape[0], n_dots)
    xs = g.integers(0, sheet.shape[1], n_dots)
    sheet[ys, xs] = g.uniform(20, 120, (n_dots, 1))
    if r.random() < 0.5:
        x = r.randrange(sheet.shape[1])
        sheet[:, x : x + r.randint(1, 3)] *= r.uniform(0.8, 0.95)
    sheet = cv2.GaussianBlur(sheet, (0, 0), sigmaX=r.uniform(0.5, 1.1))
    if r.random() < 0.4:  # a harder, threshold-like print
        k = r.uniform(1.3, 2.0)
        sheet = np.clip((sheet - 128) * k + 128 + (paper - 128) * (1 - 1 / k), 0, 255)
    sheet_u8 = np.clip(sheet, 0, 255).astype(np.uint8)
    rgba = np.dstack([sheet_u8, np.full(sheet_u8.shape[:2], 255, np.uint8)])
    return Image.fromarray(rgba, "RGBA"), f"{detail}, levels {black:.0f}-{white:.0f}"


def _screen_device(card: Image.Image, r: random.Random, g: np.random.Generator) -> tuple[Image.Image, str]:
    """The card shown on a phone or monitor: sub-pixel stripes, scanline gaps, dark bezel (an RGBA image)."""
    arr = np.asarray(card)
    rgb, alpha = arr[..., :3].astype(np.float32), arr[..., 3].astype(np.float32) / 255
    ch, cw = rgb.shape[:2]
    disp_w = r.randint(380, 720)  # display pixels across the whole screen
    fill = r.uniform(0.82, 0.97)  # card's share of the screen width
    card_w = round(disp_w * fill)
    card_h = round(card_w * ch / cw)
    disp_h = round(card_h / fill * r.uniform(1.0, 1.5))
    app_bg = r.choice([0.0, 0.0, 12.0, 245.0])
    disp = np.full((disp_h, disp_w, 3), app_bg, np.float32)
    small = cv2.resize(
        rgb * alpha[..., None] + app_bg * (1 - alpha[..., None]), (card_w, card_h), interpolation=cv2.INTER_AREA
    )
    oy, ox = (disp_h - card_h) // 2, (disp_w - card_w) // 2
    disp[oy : oy + card_h, ox : ox + card_w] = small
    # emissive look: a little brighter, cooler, more contrast
    disp = np.clip((disp - 128) * r.uniform(1.05, 1.25) + 128 + r.uniform(0, 15), 0, 255)
    disp *= np.array([r.uniform(0.9, 1.0), r.uniform(0.95, 1.0), 1.0], np.float32)
    # each display pixel: 3x3 sub-pixels, R|G|B columns, a darker gap row
    p = 3
    big = np.repeat(np.repeat(disp, p, axis=0), p, axis=1)
    cols = np.arange(big.shape[1]) % p
    mask = np.full((big.shape[1], 3), r.uniform(0.05, 0.25), np.float32)
    for c in range(3):
        mask[cols == c, c] = 1.0
    big *= mask[None, :, :]
    rows = np.arange(big.shape[0]) % p
    big[rows == p - 1] *= r.uniform(0.35, 0.7)
    big = np.clip(big * r.uniform(2.0, 2.6), 0, 255)
    bezel = r.randint(round(0.03 * big.shape[1]), round(0.09 * big.shape[1]))
    H, W = big.shape[0] + 2 * bezel, big.shape[1] + 2 * bezel
    dev = np.empty((H, W, 3), np.float32)
    dev[:] = r.uniform(8, 35)
    dev[bezel : bezel + big.shape[0], bezel : bezel + big.shape[1]] = big
    dev_u8 = dev.astype(np.uint8)
    mask_img = Image.new("L", (W, H), 0)
    ImageDraw.Draw(mask_img).rounded_rectangle((0, 0, W - 1, H - 1), radius=round(bezel * 1.5), fill=255)
    rgba = np.dstack([dev_u8, np.asarray(mask_img)])
    return Image.fromarray(rgba, "RGBA"), f"display {disp_w} px wide, card {fill * 100:.0f} % of it"


def _screen(card: Image.Image, base: str, r: random.Random, g: np.random.Generator) -> tuple[np.ndarray, str]:
    device, detail = _screen_device(card, r, g)
    if base == "photo":
        img, _ = capture_photo(device, r, g)
    else:  # a straight-on shot of the screen: resampled with a slightly rotated grid, then like a scan
        arr = np.asarray(device)
        h, w = arr.shape[:2]
        target = r.uniform(900, 1300)
        angle = r.choice([-1, 1]) * r.uniform(0.4, 3.0)
        f = target / w
        M: np.ndarray = cv2.getRotationMatrix2D((w / 2, h / 2), angle, f)
        M[:, 2] += np.array([target / 2 - w / 2, h * f / 2 - h / 2], np.float32)
        out_w, out_h = round(target), round(h * f)
        warped = cv2.warpAffine(arr, M, (out_w, out_h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT)
        img, _ = capture_scan(Image.fromarray(warped, "RGBA"), r, g)
        detail += f", grid rotated {angle:.1f} deg"
    sigma = r.uniform(0.3, 1.2)
    img = cv2.GaussianBlur(img, (0, 0), sigmaX=sigma)
    return img, f"{detail}, blur {sigma:.1f} px"


def _face_replacement(kind: str) -> Callable[[Image.Image, random.Random], Image.Image]:
    def make(portrait: Image.Image, r: random.Random) -> Image.Image:
        w, h = portrait.size
        bgc = portrait.getpixel((2, 2))
        if kind == "plain":  # the photo's backdrop colour only: a photo without a person
            return Image.new("RGB", (w, h), bgc)
        if kind == "blank":  # photo cut out: white or grey paper
            v = r.randint(215, 250)
            return Image.new("RGB", (w, h), (v, v, v - r.randint(0, 8)))
        img = portrait.copy()
        d = ImageDraw.Draw(img)
        colour = r.choice([(250, 210, 40), (240, 240, 240), (60, 160, 90), (230, 90, 140), (90, 140, 230)])
        if kind == "sticker":  # a round or square sticker over most of the photo
            s = r.uniform(0.75, 1.0) * w
            cx, cy = w / 2 + r.uniform(-0.08, 0.08) * w, h * r.uniform(0.4, 0.55)
            box = (cx - s / 2, cy - s / 2, cx + s / 2, cy + s / 2)
            if r.random() < 0.5:
                d.ellipse(box, fill=colour, outline=(40, 40, 40), width=2)
            else:
                d.rounded_rectangle(box, radius=s * 0.1, fill=colour)
            font = ImageFont.truetype(str(FONT_DIR / "DejaVuSans-Bold.ttf"), max(8, round(s * 0.18)))
            d.text((cx, cy), r.choice(["FOTO", "SAMPLE", "LUNAS", "OK"]), font=font, fill=(30, 30, 30), anchor="mm")
            return img
        # "covered": the head (upper 55-70 %) painted over; shoulders stay
        cut = r.uniform(0.55, 0.7) * h
        d.rectangle((0, 0, w, cut), fill=colour if r.random() < 0.5 else bgc)
        return img

    return make


def _edited_card(
    person: Person, factory_name: str, r: random.Random, g: np.random.Generator
) -> tuple[Image.Image, str]:
    """The card with one value (name or address) re-typeset after printing, over a background patch."""
    fld = "name" if r.random() < 0.6 else "address"
    card_a, card_b = _render_twin(person, fld, r, g)
    a = np.asarray(card_a).astype(np.int16)
    b = np.asarray(card_b)
    diff = np.abs(a[..., :3] - b[..., :3].astype(np.int16)).max(axis=2) > 40
    ys, xs = np.nonzero(diff)
    if len(xs) == 0:  # cannot happen: every value prints something
        return card_a, "unedited"
    x0, x1, y0, y1 = int(xs.min()), int(xs.max()) + 1, int(ys.min()), int(ys.max()) + 1
    s = card_a.size[0] / 1012
    cap = y1 - y0  # upper case, no descenders: ink height = capital height, bottom = baseline
    if fld == "address":  # digits, '.', '/' have about the capital height too; '-' and ',' do not go below
        cap = max(cap, 1)
    new_value = factory_name if fld == "name" else person.fields["address"]
    if fld == "address" and r.random() < 0.6:  # another house number
        parts = new_value.rsplit("NO. ", 1)
        new_value = f"{parts[0]}NO. {r.randint(1, 150)}" if len(parts) == 2 else new_value + f" NO. {r.randint(1, 99)}"

    faces = [FONT_DIR / n for n in ("DejaVuSans.ttf", "DejaVuSansCondensed.ttf")]
    path = r.choice([f for f in faces if f.exists()])
    kind = r.choice(["size", "size", "baseline", "stroke", "font", "size+baseline"])
    factor, shift, stroke = 1.0, 0.0, 0
    if "size" in kind:
        factor = 1 + r.choice([-1, 1]) * r.uniform(0.12, 0.30)
    if "baseline" in kind:
        shift = r.choice([-1, 1]) * r.uniform(2, 7) * s
    if kind == "stroke":
        if (FONT_DIR / "DejaVuSans-Bold.ttf").exists() and r.random() < 0.5:
            path = FONT_DIR / "DejaVuSans-Bold.ttf"
        else:
            stroke = 1
    if kind == "font":
        path = FONT_DIR / r.choice(["DejaVuSerif.ttf", "DejaVuSansMono.ttf", "DejaVuSerifCondensed.ttf"])
    size = max(6, round(_fit_size(path, cap) * factor))
    font = _ttf(path, size)

    # the patch: the printed background (a careful forger) or a flat / tinted one (a careless one)
    out = card_b.copy()
    pad = max(2, round(4 * s))
    bx0, by0 = max(0, x0 - pad), max(0, y0 - round(cap * 0.5) - pad)
    new_w = font.getlength(new_value) + 2 * stroke
    bx1 = min(out.size[0], max(x1, x0 + math.ceil(new_w)) + pad)
    by1 = min(out.size[1], y1 + pad + round(abs(shift)))
    patch_kind = r.choice(["printed", "flat", "tinted"])
    if patch_kind == "flat":
        region = np.asarray(out)[by0:by1, bx0:bx1, :3].reshape(-1, 3)
        colour = (*(int(c) for c in np.median(region, axis=0)), 255)
        ImageDraw.Draw(out).rectangle((bx0, by0, bx1, by1), fill=colour)
    elif patch_kind == "tinted":  # the printed background, re-printed a shade off
        arr = np.asarray(out).copy()
        tint = np.array([1 + r.choice([-1, 1]) * r.uniform(0.03, 0.08) for _ in range(3)], np.float32)
        arr[by0:by1, bx0:bx1, :3] = np.clip(arr[by0:by1, bx0:bx1, :3] * tint, 0, 255).astype(np.uint8)
        out = Image.fromarray(arr, "RGBA")
    inked = a[diff][:, :3]  # the value's pixels; the darkest quarter is the ink, the rest anti-aliasing
    luma = inked.sum(axis=1)
    ink = tuple(int(c) for c in np.median(inked[luma <= np.percentile(luma, 25)], axis=0))
    ink = tuple(max(0, min(255, c + r.randint(-12, 12))) for c in ink)
    ImageDraw.Draw(out).text(
        (x0, y1 + shift),
        new_value,
        font=font,
        fill=(*ink, 255),
        anchor="ls",
        stroke_width=stroke,
        stroke_fill=(*ink, 255),
    )
    out.putalpha(card_a.getchannel("A"))
    detail = (
        f"{fld} re-typeset ({kind}: size x{factor:.2f}, baseline {shift:+.1f} px, stroke {stroke}, "
        f"{path.stem}), {patch_kind} patch"
    )
    return out, detail


# --------------------------------------------------------------------------------------------- rendering


def clean_capture(card: Image.Image, base: str, r: random.Random, g: np.random.Generator) -> tuple[np.ndarray, str]:
    img, quad = _capture(card, base, r, g)
    notes = [base]
    if r.random() < 0.35:
        sigma = r.uniform(0.4, 1.0) * _card_width(quad) / 1000
        img = cv2.GaussianBlur(img, (0, 0), sigmaX=sigma)
        notes.append(f"mild blur {sigma:.1f} px")
    if r.random() < 0.25:  # soft glare on the photo or along the top edge, not over the text rows
        cw = _card_width(quad)
        u, v = (
            (r.uniform(0.78, 0.95), r.uniform(0.3, 0.75))
            if r.random() < 0.5
            else (r.uniform(0.2, 0.8), r.uniform(0.0, 0.1))
        )
        rx = r.uniform(0.06, 0.12) * cw
        img = specular(
            img, _card_point(quad, u, v), rx, rx * r.uniform(0.4, 0.8), r.uniform(0, math.pi), r.uniform(0.25, 0.45)
        )
        notes.append(f"soft glare at ({u:.2f}, {v:.2f})")
    return img, ", ".join(notes)


def render_job(job: Job, out_dir: Path, factory_name: str = "") -> dict[str, Any]:
    """Render and save one image; returns its label line."""
    r = random.Random(f"{job.seed}:checks:{job.index}")
    g = np.random.default_rng([job.seed, 5, job.index])
    base, check = job.base, job.check
    person = job.person
    detail = ""
    if check == "specimen":
        person = replace(person, fields={**person.fields, "nik": SPECIMEN_NIK})
    replacement: Callable[[Image.Image, random.Random], Image.Image] | None = None
    if check == "face":
        kind = r.choice(["plain", "blank", "sticker", "covered"])
        replacement = _face_replacement(kind)
        detail = f"portrait {kind}"

    with render.portrait_replaced(replacement) if replacement is not None else nullcontext():
        if check == "edited":
            card, detail = _edited_card(person, factory_name, r, g)
        else:
            card = render_card(person, r, g)

    if check == "clean":
        img, detail = clean_capture(card, base, r, g)
    elif check == "photocopy":
        sheet, detail = _photocopy_card(card, r, g)
        img, _ = _capture(sheet, base, r, g)
    elif check == "screen":
        img, detail = _screen(card, base, r, g)
    else:
        img, quad = _capture(card, base, r, g)
        if check == "blur":
            img, detail = _blur(img, quad, r)
        elif check == "glare":
            img, detail = _glare(img, quad, r)
        elif check == "exposure":
            img, detail = _exposure(img, r, g)
        elif check == "resolution":
            img, detail = _resolution(img, quad, r)
        elif check == "crop":
            img, detail = _crop(img, quad, r)
        elif check == "specimen":
            detail = f"NIK {SPECIMEN_NIK}"

    # the same format rule for every class, so that the file format says nothing about the label
    fmt = "png" if base == "scan" and r.random() < 0.3 else "jpg"
    path = out_dir / "images" / f"{job.image_id}.{fmt}"
    pil = Image.fromarray(img)
    if fmt == "jpg":
        pil.save(path, "JPEG", quality=r.randint(74, 92), optimize=True)
    else:
        pil.save(path, "PNG", compress_level=6)
    return {
        "id": job.image_id,
        "check": check,
        "defect": check != "clean",
        "base": base,
        "detail": detail,
        "file": path.name,
    }


def _render_star(args: tuple[Job, Path, str]) -> dict[str, Any]:
    return render_job(*args)


def make_jobs(per_class: int, seed: int) -> tuple[list[Job], list[str]]:
    """All jobs, in a fixed order; and the replacement names for `edited` (one per job)."""
    rng = random.Random(seed)
    fake = Faker("id_ID")
    fake.seed_instance(seed)
    factory = PersonFactory(rng, fake, load_regions())
    jobs: list[Job] = []
    names: list[str] = []
    for check in CLASSES:
        for i in range(per_class):
            person = factory.person()
            base = BASES[i % 2]
            jobs.append(Job(len(jobs), f"{check}-{i + 1:04d}-{base}", check, base, person, seed))
            if check == "edited":
                while True:
                    other = factory.name(person.male)
                    if other != person.fields["name"]:
                        break
                names.append(other)
            else:
                names.append("")
    return jobs, names


def generate_checks(
    out_dir: Path, per_class: int = 100, seed: int = 5, workers: int = 1, progress: bool = True
) -> list[dict[str, Any]]:
    """Render the labelled set into `out_dir`; returns the label lines."""
    out_dir = Path(out_dir)
    images = out_dir / "images"
    images.mkdir(parents=True, exist_ok=True)
    for p in images.glob("*.*"):
        if p.stem.split("-")[0] in CLASSES:
            p.unlink()
    jobs, names = make_jobs(per_class, seed)
    args = [(job, out_dir, name) for job, name in zip(jobs, names, strict=True)]
    bar: dict[str, Any] = dict(total=len(jobs), desc="checks", unit="img", disable=not progress)
    if workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            labels = list(tqdm(pool.map(_render_star, args, chunksize=4), **bar))
    else:
        labels = [_render_star(a) for a in tqdm(args, **bar)]
    with (out_dir / "labels.jsonl").open("w", encoding="utf-8") as fh:
        for line in labels:
            fh.write(json.dumps(line, ensure_ascii=False) + "\n")
    return labels


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m samples.checks", description=(__doc__ or "").split("\n")[0])
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--per-class", type=int, default=100, help="defect images per check, and clean images")
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument(
        "--workers",
        type=int,
        default=min(2, os.cpu_count() or 1),
        help="rendering processes (output does not depend on it)",
    )
    a = ap.parse_args(argv)
    labels = generate_checks(a.out_dir, a.per_class, a.seed, workers=a.workers)
    print(f"wrote {len(labels)} images to {a.out_dir}")


if __name__ == "__main__":
    main()
