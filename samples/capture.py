"""How a synthetic card was captured, for every generator: the KTP-el's capture modes and the steps other
documents reuse.

The first generator's captures (``capture_scan``: a flatbed scan; ``capture_photo``: a phone photo on a table,
on ``table_background``; ``add_glare``, ``add_noise``, ``degrade`` for noisy cases, ``jpeg_roundtrip``) are what
the classic modes of ``samples.generate`` are made of. The modes added later for reader robustness:

* ``digital`` — the rendered card itself, cropped edge to edge, rounded corners transparent (PNG with alpha or
  WebP), 600–1150 px wide: what an app or a web form produces;
* ``small`` — an image 250–450 px wide (a thumbnail, a chat-app copy): the digital card or a tight scan, shrunk;
* ``low`` — a phone photo in a 1600×1200 frame where the card fills only 20–35 % of the width, on a plain or
  textured backdrop (teal, dark grey, wood, fabric, paper), perspective up to 15°;
* ``hard`` — the card filling 40–100 % of the frame width, perspective up to 35°, a glare hot spot, a cast
  shadow, soft focus, noise.

Every function takes the RGBA card and the caller's random streams and returns ``(image, quad)``: an RGB (or,
for edge-to-edge renders, RGBA) array and the card's corner quad (tl, tr, br, bl) in image pixels.
``output_format`` draws the file format and quality of each new mode. Nothing here knows about persons or
layouts.
"""

from __future__ import annotations

import io
import math
import random

import cv2
import numpy as np
from PIL import Image

NEW_MODES: tuple[str, ...] = ("digital", "small", "low", "hard")

Captured = tuple[np.ndarray, np.ndarray]
BACKDROPS: dict[str, tuple[int, int, int]] = {
    "teal": (28, 118, 122),
    "dark_grey": (52, 54, 58),
    "wood": (122, 82, 48),
    "fabric": (92, 40, 44),
    "paper": (222, 220, 212),
    "plain_white": (236, 236, 234),
    "black": (22, 22, 24),
    "blue": (40, 70, 130),
}


def _sensor_noise(img: np.ndarray, sigma: float, g: np.random.Generator) -> np.ndarray:
    """Spatially correlated noise (after demosaicing), on the RGB channels."""
    h, w = img.shape[:2]
    n = g.normal(0, sigma, (h // 2 + 1, w // 2 + 1)).astype(np.float32)
    n = cv2.resize(n, (w, h), interpolation=cv2.INTER_LINEAR)[..., None] * 1.3
    return np.clip(img.astype(np.float32) + n, 0, 255).astype(np.uint8)


def backdrop(w: int, h: int, r: random.Random, g: np.random.Generator, kind: str | None = None) -> np.ndarray:
    """A surface to lay the card on: a flat colour with a soft gradient, and grain for wood and fabric."""
    kind = kind or r.choice(list(BACKDROPS))
    base = np.array(BACKDROPS[kind], np.float32) * r.uniform(0.85, 1.12)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    arr = (
        base[None, None, :]
        * (1 + r.uniform(-0.12, 0.12) * (xx / w - 0.5) + r.uniform(-0.12, 0.12) * (yy / h - 0.5))[..., None]
    )
    low = cv2.resize(
        g.normal(0, 1, (h // 40 + 2, w // 40 + 2)).astype(np.float32), (w, h), interpolation=cv2.INTER_CUBIC
    )
    if kind == "wood":
        period = r.uniform(4, 10)
        grain = np.sin(yy / period + low * 0.9 + xx / r.uniform(300, 900)) + 0.5 * np.sin(yy / (period * 4.5))
        arr += (grain * r.uniform(6, 12))[..., None]
    elif kind == "fabric":
        weave = np.sin(xx * 1.4) * np.sin(yy * 1.4)
        arr += (weave * r.uniform(4, 8) + low * 4)[..., None]
    else:
        arr += (low * r.uniform(1, 4))[..., None]
    return np.clip(arr, 0, 255).astype(np.uint8)


def tilted_quad(cw: float, ch: float, tilt: float, roll: float, r: random.Random) -> np.ndarray:
    """The corners (tl, tr, br, bl) of a cw×ch card turned `tilt` degrees out of the image plane (about a random
    axis) and `roll` degrees in it, seen by a pinhole camera about one card width away; centred on 0."""
    az = r.uniform(0, 2 * math.pi)
    ax, ay = math.radians(tilt) * math.cos(az), math.radians(tilt) * math.sin(az)
    rx = np.array([[1, 0, 0], [0, math.cos(ax), -math.sin(ax)], [0, math.sin(ax), math.cos(ax)]])
    ry = np.array([[math.cos(ay), 0, math.sin(ay)], [0, 1, 0], [-math.sin(ay), 0, math.cos(ay)]])
    pts = np.array([[-cw / 2, -ch / 2, 0], [cw / 2, -ch / 2, 0], [cw / 2, ch / 2, 0], [-cw / 2, ch / 2, 0]])
    p = pts @ (rx @ ry).T
    dist = cw * r.uniform(1.1, 1.8)
    xy = p[:, :2] * dist / (dist + p[:, 2:3])
    t = math.radians(roll)
    rot = np.array([[math.cos(t), -math.sin(t)], [math.sin(t), math.cos(t)]])
    return (xy @ rot.T).astype(np.float32)


def place_card(
    card: Image.Image,
    bg: np.ndarray,
    width_frac: float,
    tilt: float,
    roll: float,
    r: random.Random,
    shadow: float = 0.4,
) -> Captured:
    """Warp the card onto `bg` so that its outline spans `width_frac` of the frame width, inside the frame."""
    H, W = bg.shape[:2]
    quad = tilted_quad(1.0, card.height / card.width, tilt, roll, r)
    span = quad.max(axis=0) - quad.min(axis=0)
    scale = min(width_frac * W / span[0], 0.98 * H / span[1])  # frame pixels per card width
    if scale * 1.2 < card.width:  # shrink first: a perspective warp alone aliases the small print
        new_w = round(scale * 1.2)
        card = card.resize((new_w, round(card.height * new_w / card.width)), Image.Resampling.LANCZOS)
    arr = np.asarray(card)
    rgb, alpha = arr[..., :3], arr[..., 3].astype(np.float32) / 255
    quad = (quad - quad.min(axis=0)) * scale
    span = quad.max(axis=0)
    room = np.array([W, H], np.float32) - span
    quad += np.array([room[0] * r.uniform(0.1, 0.9), room[1] * r.uniform(0.1, 0.9)], np.float32)
    quad = np.clip(quad, 0, [W - 1, H - 1]).astype(np.float32)
    src = np.array([[0, 0], [rgb.shape[1], 0], [rgb.shape[1], rgb.shape[0]], [0, rgb.shape[0]]], np.float32)
    M = cv2.getPerspectiveTransform(src, quad)
    warped = cv2.warpPerspective(rgb, M, (W, H), flags=cv2.INTER_LINEAR)
    walpha = cv2.warpPerspective(alpha, M, (W, H), flags=cv2.INTER_LINEAR)
    out = bg.astype(np.float32)
    if shadow > 0:  # a soft contact shadow under the card
        sh = cv2.GaussianBlur(walpha, (0, 0), sigmaX=max(2.0, scale / 120))
        sh = np.roll(sh, (r.randint(2, 10), r.randint(-6, 8)), axis=(0, 1))
        out *= (1 - shadow * sh)[..., None]
    out = warped.astype(np.float32) * walpha[..., None] + out * (1 - walpha[..., None])
    return np.clip(out, 0, 255).astype(np.uint8), quad


def lighting(img: np.ndarray, r: random.Random, strength: float = 0.16) -> np.ndarray:
    H, W = img.shape[:2]
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    light = 1 + r.uniform(-strength, strength) * (xx / W - 0.5) + r.uniform(-strength, strength) * (yy / H - 0.5)
    light *= r.uniform(0.86, 1.05)
    return np.clip(img.astype(np.float32) * light[..., None], 0, 255).astype(np.uint8)


def glare_hot_spot(img: np.ndarray, quad: np.ndarray, r: random.Random) -> np.ndarray:
    """A small blown-out specular spot with a halo: the text under its core is lost, around it faint."""
    u, v = r.uniform(0.1, 0.9), r.uniform(0.15, 0.85)
    top = quad[0] + (quad[1] - quad[0]) * u
    bot = quad[3] + (quad[2] - quad[3]) * u
    cx, cy = top + (bot - top) * v
    card_w = float(np.linalg.norm(quad[1] - quad[0]))
    rx = r.uniform(0.04, 0.11) * card_w
    ry = rx * r.uniform(0.4, 1.0)
    ang = r.uniform(0, math.pi)
    h, w = img.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    dx, dy = xx - cx, yy - cy
    a = (dx * math.cos(ang) + dy * math.sin(ang)) / rx
    b = (-dx * math.sin(ang) + dy * math.cos(ang)) / ry
    d2 = a * a + b * b
    halo = np.exp(-0.5 * d2) * r.uniform(0.35, 0.6)
    core = np.clip(1.6 - d2, 0, 1) * r.uniform(0.7, 1.0)
    m = np.maximum(halo, core)[..., None]
    out = img.astype(np.float32)
    out = out + m * (np.array([255, 254, 248], np.float32) - out)
    return np.clip(out, 0, 255).astype(np.uint8)


def cast_shadow(img: np.ndarray, r: random.Random) -> np.ndarray:
    """The phone's or the hand's shadow: a soft-edged half plane across part of the frame, slightly blue."""
    h, w = img.shape[:2]
    ang = r.uniform(0, 2 * math.pi)
    nx, ny = math.cos(ang), math.sin(ang)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    d = (xx - w / 2) * nx + (yy - h / 2) * ny - r.uniform(-0.35, 0.3) * math.hypot(w, h) / 2
    soft = r.uniform(0.02, 0.08) * w
    m = 1 / (1 + np.exp(-d / soft))
    dark = r.uniform(0.3, 0.55)
    tint = np.array([1.0, 1.0, 1.06], np.float32)
    out = img.astype(np.float32) * (1 - dark * m[..., None]) * (1 + (tint - 1) * m[..., None])
    return np.clip(out, 0, 255).astype(np.uint8)


def soft_focus(img: np.ndarray, card_px: float, r: random.Random) -> np.ndarray:
    """Out-of-focus blur scaled to the card's size in the image (σ 0.6–1.6 px per 1000 card px)."""
    sigma = r.uniform(0.6, 1.6) * card_px / 1000
    return cv2.GaussianBlur(img, (0, 0), sigmaX=max(0.3, sigma))


def _card_width(quad: np.ndarray) -> float:
    return float(np.linalg.norm(quad[1] - quad[0]) + np.linalg.norm(quad[2] - quad[3])) / 2


# --------------------------------------------------------------------------------------------- modes


def capture_digital(card: Image.Image, r: random.Random, g: np.random.Generator) -> Captured:
    """The render itself, edge to edge with transparent rounded corners, resized to 600–1150 px wide."""
    new_w = r.randint(600, 1150)
    new_h = round(card.height * new_w / card.width)
    arr = np.asarray(card.resize((new_w, new_h), Image.Resampling.LANCZOS))
    quad = np.array([[0, 0], [new_w, 0], [new_w, new_h], [0, new_h]], np.float32)
    return arr, quad


def capture_small(card: Image.Image, r: random.Random, g: np.random.Generator) -> Captured:
    """250–450 px wide: the edge-to-edge render (alpha kept) or a tight, slightly skewed scan, shrunk."""
    new_w = r.randint(250, 450)
    if r.random() < 0.5:
        new_h = round(card.height * new_w / card.width)
        arr = np.asarray(card.resize((new_w, new_h), Image.Resampling.LANCZOS))
        return arr, np.array([[0, 0], [new_w, 0], [new_w, new_h], [0, new_h]], np.float32)
    m = r.randint(0, 30)
    bg = backdrop(card.width + 2 * m, card.height + 2 * m, r, g, r.choice(["paper", "plain_white"]))
    img, quad = place_card(card, bg, card.width / bg.shape[1], r.uniform(0, 3), r.uniform(-2, 2), r, shadow=0.1)
    img = _sensor_noise(img, r.uniform(0.5, 2.0), g)
    k = new_w / img.shape[1]
    img = cv2.resize(img, (new_w, round(img.shape[0] * k)), interpolation=cv2.INTER_AREA)
    return img, quad * k


def capture_low(card: Image.Image, r: random.Random, g: np.random.Generator) -> Captured:
    """A 1600×1200 photo with the card small in the frame (20–35 % of its width) on a plain or textured surface."""
    bg = backdrop(1600, 1200, r, g)
    img, quad = place_card(
        card, bg, r.uniform(0.20, 0.35), r.uniform(0, 15), r.uniform(-12, 12), r, shadow=r.uniform(0.2, 0.5)
    )
    img = lighting(img, r)
    return _sensor_noise(img, r.uniform(1.5, 3.5), g), quad


def capture_hard(card: Image.Image, r: random.Random, g: np.random.Generator) -> Captured:
    """A careless phone photo: 40–100 % of the frame width, tilted up to 35°, a hot spot, a shadow, soft focus."""
    W, H = r.choice([(1600, 1200), (1200, 1600), (1280, 960), (1440, 1080)])
    bg = backdrop(W, H, r, g)
    img, quad = place_card(
        card, bg, r.uniform(0.4, 1.0), r.uniform(10, 35), r.uniform(-15, 15), r, shadow=r.uniform(0.2, 0.5)
    )
    img = lighting(img, r, 0.25)
    if r.random() < 0.6:
        img = cast_shadow(img, r)
    if r.random() < 0.7:
        img = glare_hot_spot(img, quad, r)
    img = soft_focus(img, _card_width(quad), r)
    return _sensor_noise(img, r.uniform(2.0, 5.0), g), quad


CAPTURES = {"digital": capture_digital, "small": capture_small, "low": capture_low, "hard": capture_hard}


def capture(mode: str, card: Image.Image, r: random.Random, g: np.random.Generator) -> Captured:
    """Capture `card` in one of NEW_MODES."""
    try:
        return CAPTURES[mode](card, r, g)
    except KeyError:
        raise ValueError(f"unknown capture mode {mode!r}") from None


def output_format(mode: str, has_alpha: bool, r: random.Random) -> tuple[str, int | None]:
    """(file extension, quality or None for lossless) of a NEW_MODES image."""
    if has_alpha:  # keep the transparent corners: PNG, lossless or lossy WebP
        x = r.random()
        return ("png", None) if x < 0.55 else ("webp", None) if x < 0.7 else ("webp", r.randint(70, 95))
    x = r.random()
    if mode == "small" and x < 0.2:
        return "png", None
    if x < 0.1:
        return "webp", r.randint(60, 90)
    lo = {"low": 50, "hard": 30, "small": 40}.get(mode, 30)
    return "jpg", r.randint(lo, 95)


# ----------------------------------------------------------------------- the classic modes' captures


def add_noise(img: np.ndarray, sigma: float, g: np.random.Generator, coarse: int = 1) -> np.ndarray:
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
    canvas[m : m + h, m : m + w] = _over(canvas[m : m + h, m : m + w], rgb, alpha)
    quad = np.array([[m, m], [m + w, m], [m + w, m + h], [m, m + h]], np.float32)
    angle = r.uniform(-1.5, 1.5)
    M = cv2.getRotationMatrix2D(((w + 2 * m) / 2, (h + 2 * m) / 2), angle, 1.0)
    canvas = cv2.warpAffine(
        canvas, M, (w + 2 * m, h + 2 * m), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=bed
    )
    quad = cv2.transform(quad[None], M)[0]
    return add_noise(canvas, r.uniform(1.0, 2.5), g, coarse=2), quad


def table_background(w: int, h: int, r: random.Random, g: np.random.Generator) -> np.ndarray:
    kind = r.choice(["wood", "wood", "grey", "green", "navy", "cloth", "beige"])
    base = {
        "wood": (118, 80, 48),
        "grey": (70, 70, 74),
        "green": (44, 76, 56),
        "navy": (36, 46, 78),
        "cloth": (96, 36, 40),
        "beige": (160, 138, 108),
    }[kind]
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
        grain = np.sin(across / period + low * 0.9 + along / r.uniform(400, 900)) + 0.6 * np.sin(
            across / (period * r.uniform(3.5, 6)) + low * 0.5
        )
        tex += grain * r.uniform(5, 10)
    arr = base_a[None, None, :] + tex[..., None]
    return np.clip(arr, 0, 255).astype(np.uint8)


def capture_photo(card: Image.Image, r: random.Random, g: np.random.Generator) -> Captured:
    """Phone photo on a table: random perspective, lighting gradient, noise."""
    arr = np.asarray(card)
    rgb, alpha = arr[..., :3], arr[..., 3].astype(np.float32) / 255
    ch0, cw0 = rgb.shape[:2]
    W, H = r.choice([(1600, 1200), (1200, 1600), (1280, 960)])
    bg = table_background(W, H, r, g).astype(np.float32)
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
    dst += np.array([[r.uniform(-jitter, jitter) * cw, r.uniform(-jitter, jitter) * ch] for _ in range(4)], np.float32)
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
    return add_noise(out, r.uniform(1.5, 3.0), g, coarse=2), dst


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


def degrade(img: np.ndarray, r: random.Random, g: np.random.Generator) -> tuple[np.ndarray, int]:
    """Extra capture noise for "noisy" cases: slight blur, strong noise; returns (image, JPEG quality)."""
    img = cv2.GaussianBlur(img, (0, 0), sigmaX=r.uniform(0.8, 1.2))
    return add_noise(img, r.uniform(8, 14), g), r.randint(35, 50)


def jpeg_roundtrip(img: np.ndarray, quality: int) -> np.ndarray:
    buf = io.BytesIO()
    Image.fromarray(img).save(buf, "JPEG", quality=quality)
    buf.seek(0)
    with Image.open(buf) as im:
        return np.asarray(im.convert("RGB"))
