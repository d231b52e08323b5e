"""Drawing helpers and capture simulation for full-page documents (KK, letters), written clean-room.

A page is drawn once at 300 dpi on its paper (plain or a tinted security paper with a guilloche and a synthetic
emblem watermark), then "captured": a flatbed scan (300 dpi, slight skew), a low-resolution scan (100-150 dpi),
a web-size copy (~64 dpi) or a phone photo (the sheet on a table, mild perspective, uneven light, JPEG 50-90).
"""

from __future__ import annotations

import argparse
import io
import math
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from samples.labelled import labelled_folder, write_truth

DPI = 300
MODES = ("scan", "lowres", "web", "photo")
Color = tuple[int, int, int]
INK_BLACK: Color = (22, 22, 26)
INK_BLUE: Color = (28, 40, 120)
INK_RED: Color = (150, 28, 30)

# family -> (regular, bold) font files; all shipped by Debian packages the Makefile's fonts target installs
FONT_FILES: dict[str, tuple[str, str]] = {
    "arimo": (
        "/usr/share/fonts/truetype/croscore/Arimo-Regular.ttf",
        "/usr/share/fonts/truetype/croscore/Arimo-Bold.ttf",
    ),
    "liberation-sans": (
        "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
        "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf",
    ),
    "liberation-serif": (
        "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
        "/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf",
    ),
    "freesans": (
        "/usr/share/fonts/truetype/freefont/FreeSans.ttf",
        "/usr/share/fonts/truetype/freefont/FreeSansBold.ttf",
    ),
    "freeserif": (
        "/usr/share/fonts/truetype/freefont/FreeSerif.ttf",
        "/usr/share/fonts/truetype/freefont/FreeSerifBold.ttf",
    ),
    "nimbus-sans": (
        "/usr/share/fonts/opentype/urw-base35/NimbusSans-Regular.otf",
        "/usr/share/fonts/opentype/urw-base35/NimbusSans-Bold.otf",
    ),
    "nimbus-roman": (
        "/usr/share/fonts/opentype/urw-base35/NimbusRoman-Regular.otf",
        "/usr/share/fonts/opentype/urw-base35/NimbusRoman-Bold.otf",
    ),
}
SANS = ["arimo", "liberation-sans", "freesans", "nimbus-sans"]
SERIF = ["liberation-serif", "freeserif", "nimbus-roman"]


@lru_cache(maxsize=256)
def font(family: str, size_px: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(FONT_FILES[family][int(bold)], max(6, size_px))


def mm(v: float) -> int:
    """Millimetres to pixels of the 300-dpi master page."""
    return round(v * DPI / 25.4)


def pt(v: float) -> int:
    """Points to pixels of the master page (type sizes as an office printer would print them)."""
    return round(v * DPI / 72)


@dataclass
class Canvas:
    image: Image.Image
    draw: ImageDraw.ImageDraw

    @classmethod
    def new(cls, paper: Image.Image) -> Canvas:
        img = paper.convert("RGB")
        return cls(img, ImageDraw.Draw(img))

    def text(
        self, xy: tuple[float, float], s: str, f: ImageFont.FreeTypeFont, fill: Color = INK_BLACK, anchor: str = "la"
    ) -> None:
        self.draw.text((int(xy[0]), int(xy[1])), s, font=f, fill=fill, anchor=anchor)

    def fit(
        self,
        xy: tuple[float, float],
        s: str,
        family: str,
        size: int,
        width: float,
        bold: bool = False,
        fill: Color = INK_BLACK,
        anchor: str = "la",
    ) -> None:
        """Text shrunk until it fits `width` (as a form printer squeezes a long name into its cell)."""
        while size > 8 and self.draw.textlength(s, font=font(family, size, bold)) > width:
            size -= 1
        self.text(xy, s, font(family, size, bold), fill, anchor)


def _grain(shape: tuple[int, int], rng: np.random.Generator, sigma: float) -> np.ndarray:
    """Gaussian noise, one value per pixel (float32: ten-megapixel pages in a fraction of a second)."""
    return rng.standard_normal(shape, dtype=np.float32) * sigma


def plain_paper(w: int, h: int, rng: np.random.Generator, tint: Color = (250, 250, 247)) -> Image.Image:
    base = np.empty((h, w, 3), np.float32)
    base[:] = tint
    base += _grain((h, w), rng, 1.2)[..., None]
    return Image.fromarray(np.clip(base, 0, 255).astype(np.uint8))


def security_paper(w: int, h: int, rng: np.random.Generator, tint: Color, line: Color) -> Image.Image:
    """Tinted paper with a faint guilloche: two families of fine wavy lines, and a rosette in the middle.

    Computed at half size and enlarged: the lines are a few pixels wide at 300 dpi anyway."""
    hw, hh = w // 2, h // 2
    y, x = np.mgrid[0:hh, 0:hw].astype(np.float32)
    f1, f2 = rng.uniform(0.16, 0.24), rng.uniform(0.006, 0.012)
    a1, a2 = rng.uniform(8, 16), rng.uniform(8, 16)
    p1 = np.cos(x * f1 + a1 * np.sin(y * f2))
    p2 = np.cos(y * f1 * 0.9 + a2 * np.sin(x * f2 * 1.1 + 1.3))
    cx, cy = hw / 2, hh / 2
    r = np.hypot(x - cx, y - cy)
    th = np.arctan2(y - cy, x - cx)
    p3 = np.cos(r * 0.12 + 5 * np.sin(16 * th)) * (r < min(hw, hh) * 0.3)
    lines = np.maximum.reduce(
        [np.clip((p1 - 0.94) / 0.06, 0, 1), np.clip((p2 - 0.94) / 0.06, 0, 1), np.clip((p3 - 0.8) / 0.2, 0, 1)]
    )
    lines = cv2.resize(lines * np.float32(rng.uniform(0.3, 0.5)), (w, h), interpolation=cv2.INTER_LINEAR)
    alpha = lines[..., None]
    img = np.array(tint, np.float32) * (1 - alpha) + np.array(line, np.float32) * alpha
    img += _grain((h, w), rng, 1.5)[..., None]
    return Image.fromarray(np.clip(img, 0, 255).astype(np.uint8))


def emblem(draw: ImageDraw.ImageDraw, cx: float, cy: float, r: float, color: Color, width: int = 3) -> None:
    """A made-up emblem (shield, star, spread wings): only the idea of a state crest, no real logo."""
    # wings: fans of feathers either side
    for side in (-1, 1):
        for k in range(7):
            ang = math.radians(200 - k * 14) if side < 0 else math.radians(-20 + k * 14)
            x1 = cx + side * r * 0.25
            x2 = x1 + math.cos(ang) * r * (0.95 - 0.05 * k)
            y2 = cy - r * 0.1 - abs(math.sin(ang)) * r * (0.8 - 0.06 * k)
            draw.line([(x1, cy - r * 0.05), (x2, y2)], fill=color, width=width)
    # shield
    sw, sh = r * 0.55, r * 0.7
    pts = [
        (cx - sw / 2, cy - sh * 0.35),
        (cx + sw / 2, cy - sh * 0.35),
        (cx + sw / 2, cy + sh * 0.1),
        (cx, cy + sh * 0.6),
        (cx - sw / 2, cy + sh * 0.1),
    ]
    draw.polygon(pts, outline=color, width=width)
    # a five-pointed star in the shield
    star = []
    for k in range(10):
        rad = r * (0.16 if k % 2 == 0 else 0.065)
        a = math.radians(-90 + 36 * k)
        star.append((cx + rad * math.cos(a), cy - sh * 0.05 + rad * math.sin(a)))
    draw.polygon(star, outline=color, width=max(1, width - 1))
    draw.ellipse((cx - r * 0.1, cy - r * 1.0, cx + r * 0.1, cy - r * 0.8), outline=color, width=width)  # head
    draw.line([(cx - r * 0.5, cy + r * 0.75), (cx + r * 0.5, cy + r * 0.75)], fill=color, width=width)  # ribbon


def qr_like(draw: ImageDraw.ImageDraw, x: int, y: int, size: int, rng: random.Random, color: Color = INK_BLACK) -> None:
    """A QR-shaped block pattern (three finder squares, random modules): decodes to nothing, looks the part."""
    n = 29
    cell = size / n
    grid = [[rng.random() < 0.5 for _ in range(n)] for _ in range(n)]
    for fx, fy in ((0, 0), (n - 7, 0), (0, n - 7)):
        for i in range(-1, 8):
            for j in range(-1, 8):
                if 0 <= fx + i < n and 0 <= fy + j < n:
                    ring = max(abs(i - 3), abs(j - 3))
                    grid[fy + j][fx + i] = ring in (0, 1, 3)
    draw.rectangle((x - cell * 2, y - cell * 2, x + size + cell * 2, y + size + cell * 2), fill=(255, 255, 255))
    for j in range(n):
        for i in range(n):
            if grid[j][i]:
                draw.rectangle((x + i * cell, y + j * cell, x + (i + 1) * cell - 1, y + (j + 1) * cell - 1), fill=color)


def signature(
    draw: ImageDraw.ImageDraw, box: tuple[float, float, float, float], rng: random.Random, color: Color = (30, 45, 140)
) -> None:
    """A scribble: a few joined loops and a flourish, in ballpoint blue."""
    x0, y0, x1, y1 = box
    pts = []
    n = rng.randrange(18, 34)
    for k in range(n):
        t = k / (n - 1)
        x = x0 + (x1 - x0) * (0.1 + 0.8 * t) + rng.uniform(-1, 1) * (x1 - x0) * 0.05
        y = (y0 + y1) / 2 + math.sin(t * rng.uniform(8, 16)) * (y1 - y0) * 0.35 + rng.uniform(-1, 1) * (y1 - y0) * 0.1
        pts.append((x, y))
    draw.line(pts, fill=color, width=max(2, int((y1 - y0) / 28)), joint="curve")
    draw.line(
        [(x0 + (x1 - x0) * 0.05, y1 - (y1 - y0) * 0.2), (x1, y0 + (y1 - y0) * 0.6)],
        fill=color,
        width=max(2, int((y1 - y0) / 30)),
    )


def stamp(
    img: Image.Image,
    center: tuple[float, float],
    radius: float,
    text: str,
    rng: random.Random,
    color: Color = (95, 60, 160),
) -> None:
    """A round rubber stamp (two rings, text around, emblem inside), multiplied onto the page like ink."""
    size = int(radius * 2 + 8)
    layer = Image.new("L", (size, size), 0)
    d = ImageDraw.Draw(layer)
    c = size / 2
    d.ellipse((4, 4, size - 4, size - 4), outline=255, width=max(3, int(radius / 30)))
    d.ellipse(
        (c - radius * 0.62, c - radius * 0.62, c + radius * 0.62, c + radius * 0.62),
        outline=255,
        width=max(2, int(radius / 45)),
    )
    f = font("liberation-sans", max(10, int(radius * 0.2)), True)
    chars = list(text)
    span = min(300.0, len(chars) * 13.0)
    for k, ch in enumerate(chars):
        ang = math.radians(-90 - span / 2 + span * (k + 0.5) / len(chars))
        glyph = Image.new("L", (int(radius * 0.35), int(radius * 0.35)), 0)
        ImageDraw.Draw(glyph).text((glyph.width / 2, glyph.height / 2), ch, font=f, fill=255, anchor="mm")
        glyph = glyph.rotate(-math.degrees(ang) - 90, resample=Image.Resampling.BILINEAR)
        gx = c + math.cos(ang) * radius * 0.8 - glyph.width / 2
        gy = c + math.sin(ang) * radius * 0.8 - glyph.height / 2
        layer.paste(255, (int(gx), int(gy)), glyph)
    emblem(d, c, c + radius * 0.05, radius * 0.45, 255, width=max(2, int(radius / 50)))  # type: ignore[arg-type]
    layer = layer.rotate(rng.uniform(-25, 25), resample=Image.Resampling.BILINEAR)
    strength = np.asarray(layer, np.float32) / 255 * rng.uniform(0.55, 0.8)
    # uneven inking: patches with less ink
    blotch = cv2.GaussianBlur(
        np.random.default_rng(rng.randrange(1 << 30)).random(strength.shape).astype(np.float32), (0, 0), radius * 0.08
    )
    strength *= np.clip(0.5 + (blotch - blotch.mean()) * 8, 0.25, 1.0)
    x, y = int(center[0] - size / 2), int(center[1] - size / 2)
    region = np.asarray(img.crop((x, y, x + size, y + size)), np.float32)
    ink = np.array(color, np.float32)
    a = strength[..., None]
    out = region * (1 - a) + np.minimum(region, ink) * a
    img.paste(Image.fromarray(np.clip(out, 0, 255).astype(np.uint8)), (x, y))


# --- capture ----------------------------------------------------------------------------------------------------


@dataclass
class Capture:
    data: bytes
    ext: str
    dpi: float
    size: tuple[int, int]


def _encode(img: Image.Image, fmt: str, quality: int, dpi: float) -> tuple[bytes, str]:
    buf = io.BytesIO()
    if fmt == "png":
        img.save(buf, "PNG", dpi=(dpi, dpi), optimize=False)
        return buf.getvalue(), "png"
    img.save(buf, "JPEG", quality=quality, dpi=(int(dpi), int(dpi)), subsampling=2 if quality < 85 else 0)
    return buf.getvalue(), "jpg"


def _skew(img: Image.Image, degrees: float, fill: Color) -> Image.Image:
    w, h = img.size
    m = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    out = cv2.warpAffine(
        np.asarray(img), m, (w, h), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_CONSTANT, borderValue=fill
    )
    return Image.fromarray(out)


def _scanner_margin(img: Image.Image, rng: random.Random) -> Image.Image:
    """A scanner bed a bit larger than the sheet, offset: the page sits in a light-grey frame."""
    w, h = img.size
    mx, my = int(w * rng.uniform(0.0, 0.03)), int(h * rng.uniform(0.0, 0.03))
    bed = Image.new(
        "RGB", (w + mx + int(w * rng.uniform(0, 0.02)), h + my + int(h * rng.uniform(0, 0.02))), (236, 236, 234)
    )
    bed.paste(img, (mx, my))
    return bed


def _noise(arr: np.ndarray, rng: np.random.Generator, sigma: float) -> np.ndarray:
    noisy = arr.astype(np.float32) + _grain(arr.shape[:2], rng, sigma)[..., None]
    return np.clip(noisy, 0, 255).astype(np.uint8)


def _table(w: int, h: int, rng: np.random.Generator, kind: str) -> np.ndarray:
    """A table top: wood grain, a plain laminate or a patterned cloth."""
    y, x = np.mgrid[0:h, 0:w].astype(np.float32)
    if kind == "wood":
        base = np.array(rng.choice([[150, 105, 65], [120, 80, 50], [175, 135, 90]]), np.float32)
        ang = rng.uniform(-0.3, 0.3)
        u = y * math.cos(ang) + x * math.sin(ang)
        grain = np.sin(u * rng.uniform(0.02, 0.05) + 3 * np.sin(x * 0.003 + rng.uniform(0, 6))) * 0.5 + 0.5
        shade = 0.8 + 0.25 * grain[..., None]
        img = base * shade
    elif kind == "cloth":
        base = np.array(rng.choice([[60, 80, 120], [120, 40, 45], [70, 110, 80]]), np.float32)
        check = ((np.floor(x / 60) + np.floor(y / 60)) % 2)[..., None]
        img = base * (0.85 + 0.2 * check)
    else:
        base = np.array(rng.choice([[200, 200, 195], [90, 90, 95], [225, 220, 210]]), np.float32)
        img = np.broadcast_to(base, (h, w, 3)).copy()
    img += _grain((h, w), rng, 4)[..., None]
    return np.clip(img, 0, 255).astype(np.uint8)


def capture(page: Image.Image, mode: str, rng: random.Random, page_mm: tuple[float, float]) -> Capture:
    """The page (a 300-dpi master) as the chosen capture mode makes it; deterministic for a given `rng` state."""
    nrng = np.random.default_rng(rng.randrange(1 << 31))
    w_mm = page_mm[0]
    if mode == "scan":
        img = _scanner_margin(page, rng)
        img = _skew(img, rng.uniform(-1.2, 1.2), (236, 236, 234))
        arr = cv2.GaussianBlur(np.asarray(img), (0, 0), rng.uniform(0.3, 0.7))
        img = Image.fromarray(_noise(arr, nrng, rng.uniform(1.0, 2.5)))
        data, ext = _encode(img, "jpg", rng.randrange(82, 95), DPI)
        return Capture(data, ext, DPI, img.size)
    if mode == "lowres":
        dpi = rng.choice([100, 110, 120, 133, 150])
        scale = dpi / DPI
        small = page.resize((int(page.width * scale), int(page.height * scale)), Image.Resampling.LANCZOS)
        img = _skew(_scanner_margin(small, rng), rng.uniform(-1.0, 1.0), (236, 236, 234))
        img = Image.fromarray(_noise(np.asarray(img), nrng, rng.uniform(0.8, 2.0)))
        data, ext = _encode(img, rng.choice(["jpg", "jpg", "png"]), rng.randrange(70, 92), dpi)
        return Capture(data, ext, dpi, img.size)
    if mode == "web":
        target_w = round(w_mm / 25.4 * rng.uniform(60, 66))
        if page.width > page.height and rng.random() < 0.5:
            target_w = 723
        scale = target_w / page.width
        img = page.resize((target_w, round(page.height * scale)), Image.Resampling.LANCZOS)
        data, ext = _encode(img, "jpg", rng.randrange(72, 90), target_w / w_mm * 25.4)
        return Capture(data, ext, target_w / w_mm * 25.4, img.size)
    if mode == "photo":
        return _photo(page, rng, nrng)
    raise ValueError(f"unknown capture mode {mode!r}")


def _photo(page: Image.Image, rng: random.Random, nrng: np.random.Generator) -> Capture:
    """The sheet lying on a table, photographed from above at a slight angle with a phone."""
    long_side = rng.choice([2400, 2800, 3200])
    landscape = page.width > page.height
    out_w, out_h = (long_side, long_side * 3 // 4) if landscape else (long_side * 3 // 4, long_side)
    fill = rng.uniform(0.78, 0.9)  # share of the frame the sheet spans
    scale = min(out_w * fill / page.width, out_h * fill / page.height)
    pw, ph = page.width * scale, page.height * scale
    src = page.resize((int(pw), int(ph)), Image.Resampling.LANCZOS)
    cx = out_w / 2 + rng.uniform(-0.04, 0.04) * out_w
    cy = out_h / 2 + rng.uniform(-0.04, 0.04) * out_h
    ang = math.radians(rng.uniform(-4, 4))
    corners = []
    for sx, sy in ((-1, -1), (1, -1), (1, 1), (-1, 1)):
        x, y = sx * pw / 2, sy * ph / 2
        xr, yr = x * math.cos(ang) - y * math.sin(ang), x * math.sin(ang) + y * math.cos(ang)
        corners.append([cx + xr, cy + yr])
    # perspective: the far edge a little narrower, each corner jittered
    squeeze = rng.uniform(0.0, 0.06)
    top = 0 if rng.random() < 0.5 else 1
    for k in (0, 1) if top == 0 else (2, 3):
        corners[k][0] += (cx - corners[k][0]) * squeeze
    for c in corners:
        c[0] += rng.uniform(-0.012, 0.012) * out_w
        c[1] += rng.uniform(-0.012, 0.012) * out_h
    src_pts = np.array([[0, 0], [src.width, 0], [src.width, src.height], [0, src.height]], np.float32)
    matrix = cv2.getPerspectiveTransform(src_pts, np.array(corners, np.float32))
    table = _table(out_w, out_h, nrng, rng.choice(["wood", "cloth", "plain"]))
    sheet = cv2.warpPerspective(np.asarray(src), matrix, (out_w, out_h), flags=cv2.INTER_LINEAR)
    mask = cv2.warpPerspective(np.full((src.height, src.width), 255, np.uint8), matrix, (out_w, out_h))
    # soft shadow of the sheet on the table
    shadow = cv2.GaussianBlur(np.roll(mask, (int(out_h * 0.006), int(out_w * 0.006)), (0, 1)), (0, 0), out_w * 0.006)
    base = table.astype(np.float32) * (1 - shadow[..., None].astype(np.float32) * np.float32(0.35 / 255))
    m = mask[..., None].astype(np.float32) / 255
    img = base * (1 - m) + sheet.astype(np.float32) * m
    # uneven light: a broad gradient and a warm or cool cast
    y, x = np.mgrid[0:out_h, 0:out_w].astype(np.float32)
    gx, gy = rng.uniform(-1, 1), rng.uniform(-1, 1)
    grad = 1 + rng.uniform(0.08, 0.22) * ((x / out_w - 0.5) * gx + (y / out_h - 0.5) * gy)
    vignette = 1 - rng.uniform(0.05, 0.15) * (((x / out_w - 0.5) ** 2 + (y / out_h - 0.5) ** 2) * 2)
    cast = np.array([rng.uniform(0.97, 1.03), 1.0, rng.uniform(0.93, 1.02)], np.float32)
    img = img * (grad * vignette)[..., None] * cast * rng.uniform(0.88, 1.0)
    img = cv2.GaussianBlur(img, (0, 0), rng.uniform(0.5, 1.1))
    img += nrng.standard_normal(img.shape, dtype=np.float32) * np.float32(rng.uniform(2, 5))
    out = Image.fromarray(np.clip(img, 0, 255).astype(np.uint8))
    data, ext = _encode(out, "jpg", rng.randrange(50, 91), 72)
    return Capture(data, ext, 72, out.size)


# ---- a labelled folder of pages, and its command line ------------------------------------------------------------
# One page of a set: (seed, index, mode, blank share) -> (image id, encoded image, extension, truth).
MakeSample = Callable[[int, int, str, float], tuple[str, bytes, str, dict[str, Any]]]


def write_pages(
    out_dir: Path, count: int, seed: int, modes: list[str], blank_share: float, make_sample: MakeSample
) -> list[str]:
    """`count` pages (the modes dealt round-robin) with their truth in a labelled folder: their ids."""
    out = labelled_folder(out_dir)
    ids = []
    for i in range(1, count + 1):
        mode = modes[(i - 1) % len(modes)]
        image_id, data, ext, t = make_sample(seed, i, mode, blank_share)
        (out / "images" / f"{image_id}.{ext}").write_bytes(data)
        write_truth(out, image_id, t)
        ids.append(image_id)
    return ids


def parse_modes(text: str) -> list[str]:
    modes = [m.strip() for m in text.split(",") if m.strip()]
    bad = [m for m in modes if m not in MODES]
    if bad or not modes:
        raise argparse.ArgumentTypeError(f"modes must be among {', '.join(MODES)}")
    return modes


def main_for(prog: str, doc: str | None, make_sample: MakeSample, noun: str, argv: list[str] | None) -> int:
    """The command line of a page renderer: OUT, --count, --seed, --modes, --blank-share."""
    p = argparse.ArgumentParser(prog=prog, description=doc.splitlines()[0] if doc else None)
    p.add_argument("out", type=Path)
    p.add_argument("--count", type=int, default=12)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--modes", type=parse_modes, default=list(MODES))
    p.add_argument("--blank-share", type=float, default=0.1)
    a = p.parse_args(argv)
    ids = write_pages(a.out, a.count, a.seed, a.modes, a.blank_share, make_sample)
    print(f"{len(ids)} {noun} in {a.out}", file=sys.stderr)
    return 0
