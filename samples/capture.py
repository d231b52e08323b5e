"""How a synthetic card was captured: the capture modes added to ``samples.generate`` for reader robustness.

* ``digital`` — the rendered card itself, cropped edge to edge, rounded corners transparent (PNG with alpha or
  WebP), 600–1150 px wide: what an app or a web form produces;
* ``small`` — an image 250–450 px wide (a thumbnail, a chat-app copy): the digital card or a tight scan, shrunk;
* ``low`` — a phone photo in a 1600×1200 frame where the card fills only 20–35 % of the width, on a plain or
  textured backdrop (teal, dark grey, wood, fabric, paper), perspective up to 15°;
* ``hard`` — the card filling 40–100 % of the frame width, perspective up to 35°, a glare hot spot, a cast
  shadow, soft focus, noise.

Every function takes the RGBA card and the caller's random streams and returns ``(image, quad)``: an RGB (or,
for edge-to-edge renders, RGBA) array and the card's corner quad (tl, tr, br, bl) in image pixels.
``output_format`` draws the file format and quality of each mode. Nothing here knows about persons or layouts.
"""

from __future__ import annotations

import math
import random

import cv2
import numpy as np
from PIL import Image

NEW_MODES: tuple[str, ...] = ("digital", "small", "low", "hard")

Captured = tuple[np.ndarray, np.ndarray]
BACKDROPS: dict[str, tuple[int, int, int]] = {
    "teal": (28, 118, 122), "dark_grey": (52, 54, 58), "wood": (122, 82, 48), "fabric": (92, 40, 44),
    "paper": (222, 220, 212), "plain_white": (236, 236, 234), "black": (22, 22, 24), "blue": (40, 70, 130),
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
    arr = base[None, None, :] * (1 + r.uniform(-0.12, 0.12) * (xx / w - 0.5)
                                 + r.uniform(-0.12, 0.12) * (yy / h - 0.5))[..., None]
    low = cv2.resize(g.normal(0, 1, (h // 40 + 2, w // 40 + 2)).astype(np.float32), (w, h),
                     interpolation=cv2.INTER_CUBIC)
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


def place_card(card: Image.Image, bg: np.ndarray, width_frac: float, tilt: float, roll: float,
               r: random.Random, shadow: float = 0.4) -> Captured:
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
    img, quad = place_card(card, bg, r.uniform(0.20, 0.35), r.uniform(0, 15), r.uniform(-12, 12), r,
                           shadow=r.uniform(0.2, 0.5))
    img = lighting(img, r)
    return _sensor_noise(img, r.uniform(1.5, 3.5), g), quad


def capture_hard(card: Image.Image, r: random.Random, g: np.random.Generator) -> Captured:
    """A careless phone photo: 40–100 % of the frame width, tilted up to 35°, a hot spot, a shadow, soft focus."""
    W, H = r.choice([(1600, 1200), (1200, 1600), (1280, 960), (1440, 1080)])
    bg = backdrop(W, H, r, g)
    img, quad = place_card(card, bg, r.uniform(0.4, 1.0), r.uniform(10, 35), r.uniform(-15, 15), r,
                           shadow=r.uniform(0.2, 0.5))
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
