"""How a card reaches the service: scanned, photographed, turned, badly lit, small in the frame, or sent as a file.

Own image maths (numpy / OpenCV / Pillow): a pinhole projection of the tilted card, alpha compositing on a
backdrop, light gradients, glare, shadow, focus blur, sensor noise and the encoders' own losses.
"""

from __future__ import annotations

import io
import math
import random

import cv2
import numpy as np
from PIL import Image

MODES = ("scan", "photo", "rot", "hard", "low", "digital", "small")

Array = np.ndarray


# ---- backdrops -----------------------------------------------------------------------------------------------
def _noise(nrng: np.random.Generator, w: int, h: int, cells: int) -> Array:
    grid = nrng.normal(0, 1, (max(2, round(cells * h / w)), cells)).astype(np.float32)
    return cv2.resize(grid, (w, h), interpolation=cv2.INTER_CUBIC)


def backdrop(kind: str, w: int, h: int, rng: random.Random, nrng: np.random.Generator) -> Array:
    """RGB float32 surfaces: a scanner bed, wood, cloth, a plain or textured table."""
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    if kind == "bed":
        v = rng.choice((rng.uniform(238, 255), rng.uniform(205, 235)))
        img = np.full((h, w, 3), v, np.float32) + nrng.normal(0, 1.0, (h, w, 1)).astype(np.float32)
        return img
    if kind == "wood":
        base = np.array([rng.uniform(110, 190), rng.uniform(70, 130), rng.uniform(35, 80)], np.float32)
        warp = _noise(nrng, w, h, 6) * rng.uniform(20, 60)
        period = rng.uniform(12, 40)
        ang = rng.uniform(-0.3, 0.3)
        grain = np.sin(2 * np.pi * (yy * math.cos(ang) + xx * math.sin(ang) + warp) / period)
        fine = _noise(nrng, w, h, 300) * 0.3
        shade = 1 + 0.12 * grain + 0.05 * fine
        return base[None, None, :] * shade[..., None]
    if kind == "cloth":
        base = np.array([rng.uniform(30, 220) for _ in range(3)], np.float32)
        p = rng.uniform(3, 7)
        weave = 0.06 * np.sin(2 * np.pi * xx / p) * np.sin(2 * np.pi * yy / p)
        folds = 0.12 * _noise(nrng, w, h, 4)
        return base[None, None, :] * (1 + weave + folds)[..., None]
    if kind == "teal":
        base = np.array([rng.uniform(0, 40), rng.uniform(110, 150), rng.uniform(110, 150)], np.float32)
    elif kind == "darkgrey":
        base = np.full(3, rng.uniform(40, 80), np.float32)
    else:  # plain table of any colour
        base = np.array([rng.uniform(40, 230) for _ in range(3)], np.float32)
    img = np.ones((h, w, 3), np.float32) * base
    if rng.random() < 0.5:  # a textured surface
        img *= (1 + 0.08 * _noise(nrng, w, h, 40) + 0.04 * _noise(nrng, w, h, 200))[..., None]
    return img


# ---- geometry --------------------------------------------------------------------------------------------------
def card_quad(cw: float, ch: float, yaw: float, pitch: float, roll: float, focal: float = 1.6) -> Array:
    """Corners of a cw x ch card turned by yaw / pitch / roll (degrees) seen through a pinhole camera.

    The focal length is in card widths: 1.6 is a phone held about a card-width-and-a-half away.
    """
    y, p, r = (math.radians(a) for a in (yaw, pitch, roll))
    rx = np.array([[1, 0, 0], [0, math.cos(p), -math.sin(p)], [0, math.sin(p), math.cos(p)]])
    ry = np.array([[math.cos(y), 0, math.sin(y)], [0, 1, 0], [-math.sin(y), 0, math.cos(y)]])
    rz = np.array([[math.cos(r), -math.sin(r), 0], [math.sin(r), math.cos(r), 0], [0, 0, 1]])
    corners = np.array([[-cw / 2, -ch / 2, 0], [cw / 2, -ch / 2, 0], [cw / 2, ch / 2, 0], [-cw / 2, ch / 2, 0]])
    pts = corners @ (rz @ ry @ rx).T
    f = focal * cw
    z = pts[:, 2] + f
    return np.stack([f * pts[:, 0] / z, f * pts[:, 1] / z], axis=1).astype(np.float32)


def fit_quad(quad: Array, width: float, cx: float, cy: float) -> Array:
    """Scale the projected card so its bounding box is `width` wide, centred on (cx, cy)."""
    lo, hi = quad.min(axis=0), quad.max(axis=0)
    k = width / float(hi[0] - lo[0])
    return ((quad - (lo + hi) / 2) * k + np.array([cx, cy], np.float32)).astype(np.float32)


def composite(frame: Array, card: Image.Image, quad: Array, shadow: float = 0.0) -> Array:
    """Warp the RGBA card onto its quad in the frame; a soft drop shadow under it when asked."""
    h, w = frame.shape[:2]
    target_w = float(quad[:, 0].max() - quad[:, 0].min())
    src_card = card
    if target_w < 0.7 * card.width:  # shrink first: a warp alone would alias the fine print
        scale = min(1.0, 1.4 * target_w / card.width)
        src_card = card.resize(
            (max(8, round(card.width * scale)), max(8, round(card.height * scale))), Image.Resampling.LANCZOS
        )
    arr = np.asarray(src_card.convert("RGBA"), np.float32)
    ch, cw = arr.shape[:2]
    src = np.array([[0, 0], [cw, 0], [cw, ch], [0, ch]], np.float32)
    m = cv2.getPerspectiveTransform(src, quad.astype(np.float32))
    # premultiplied alpha, so the transparent corners leave no dark fringe
    alpha = arr[..., 3:] / 255.0
    pre = np.concatenate([arr[..., :3] * alpha, alpha], axis=2)
    warped = cv2.warpPerspective(pre, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT)
    a = warped[..., 3:4]
    if shadow > 0:
        sh = cv2.GaussianBlur(a[..., 0], (0, 0), max(1.0, 0.012 * w))
        off = max(1, round(0.006 * w))
        sh = np.roll(np.roll(sh, off, axis=0), off, axis=1)
        frame = frame * (1 - shadow * sh[..., None])
    return frame * (1 - a) + warped[..., :3]


# ---- light and sensor ------------------------------------------------------------------------------------------
def light_gradient(frame: Array, rng: random.Random, strength: float) -> Array:
    h, w = frame.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    ang = rng.uniform(0, 2 * math.pi)
    lin = ((xx - w / 2) * math.cos(ang) + (yy - h / 2) * math.sin(ang)) / math.hypot(w, h)
    r = np.hypot(xx - w * rng.uniform(0.3, 0.7), yy - h * rng.uniform(0.3, 0.7)) / math.hypot(w, h)
    gain = 1 + strength * lin * 2 - strength * 0.6 * r * r
    cast = np.array([rng.uniform(0.94, 1.06), 1.0, rng.uniform(0.92, 1.06)], np.float32)
    return frame * gain[..., None] * cast[None, None, :]


def glare(frame: Array, rng: random.Random, quad: Array) -> Array:
    """A bright hot spot (the lamp or flash on the laminate), centred somewhere on the card."""
    h, w = frame.shape[:2]
    a, b = rng.random(), rng.random()
    top = quad[0] * (1 - a) + quad[1] * a
    bot = quad[3] * (1 - a) + quad[2] * a
    cx, cy = top * (1 - b) + bot * b
    span = float(quad[:, 0].max() - quad[:, 0].min())
    sx, sy = span * rng.uniform(0.06, 0.16), span * rng.uniform(0.04, 0.1)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    ang = rng.uniform(0, math.pi)
    u = (xx - cx) * math.cos(ang) + (yy - cy) * math.sin(ang)
    v = -(xx - cx) * math.sin(ang) + (yy - cy) * math.cos(ang)
    spot = np.exp(-(u * u / (2 * sx * sx) + v * v / (2 * sy * sy)))
    spot = np.clip(spot * rng.uniform(1.0, 1.6), 0, 1)[..., None]
    return frame + (262 - frame) * spot * rng.uniform(0.75, 1.0)


def cast_shadow(frame: Array, rng: random.Random) -> Array:
    """A hand's or phone's shadow: a soft-edged dark region over one side of the frame."""
    h, w = frame.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    ang = rng.uniform(0, 2 * math.pi)
    d = (xx - w / 2) * math.cos(ang) + (yy - h / 2) * math.sin(ang) - rng.uniform(0.0, 0.3) * w
    soft = 1 / (1 + np.exp(-d / (rng.uniform(0.02, 0.07) * w)))
    return frame * (1 - rng.uniform(0.3, 0.55) * soft[..., None])


def sensor(frame: Array, nrng: np.random.Generator, sigma: float) -> Array:
    """Luma plus a little chroma noise, as a phone sensor makes in modest light."""
    h, w = frame.shape[:2]
    return frame + nrng.normal(0, sigma, (h, w, 1)) + nrng.normal(0, sigma * 0.4, (h, w, 3))


def to_uint8(frame: Array) -> Array:
    return np.clip(frame + 0.5, 0, 255).astype(np.uint8)


def encode(rgb: Array, ext: str, quality: int = 90) -> bytes:
    bgr = cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR)
    if ext == "jpg":
        ok, buf = cv2.imencode(".jpg", bgr, [cv2.IMWRITE_JPEG_QUALITY, int(quality)])
    else:
        ok, buf = cv2.imencode(".png", bgr)
    if not ok:
        raise RuntimeError(f"could not encode {ext}")
    return buf.tobytes()


# ---- the modes -------------------------------------------------------------------------------------------------
def _scan(card: Image.Image, rng: random.Random, nrng: np.random.Generator) -> Array:
    """Flat on a white or grey scanner bed, a small margin, at most 2 degrees askew."""
    cw, ch = card.size
    scale = rng.uniform(0.8, 1.0)
    margin = rng.uniform(0.02, 0.07) * cw * scale
    fw, fh = round(cw * scale + 2 * margin), round(ch * scale + 2 * margin)
    frame = backdrop("bed", fw, fh, rng, nrng)
    quad = fit_quad(
        card_quad(cw, ch, 0, 0, rng.uniform(-2, 2), focal=1000),
        cw * scale,
        fw / 2 + rng.uniform(-0.4, 0.4) * margin,
        fh / 2 + rng.uniform(-0.4, 0.4) * margin,
    )
    frame = composite(frame, card, quad, shadow=rng.uniform(0.0, 0.12))
    frame = cv2.GaussianBlur(frame, (0, 0), rng.uniform(0.3, 0.7))
    return sensor(frame, nrng, rng.uniform(0.5, 2.0))


def _photo(
    card: Image.Image,
    rng: random.Random,
    nrng: np.random.Generator,
    *,
    share: tuple[float, float],
    tilt: float,
    roll: float,
    frame_size: tuple[int, int] | None = None,
    surfaces: tuple[str, ...] = ("wood", "cloth", "plain"),
) -> tuple[Array, Array]:
    """A phone photo of the card on a surface: tilted, unevenly lit, with some noise and softness."""
    fw, fh = frame_size or rng.choice(((1600, 1200), (1280, 960), (1440, 1080), (1920, 1080), (1200, 1600)))
    frame = backdrop(rng.choice(surfaces), fw, fh, rng, nrng)
    cw, ch = card.size
    quad0 = card_quad(cw, ch, rng.uniform(-tilt, tilt), rng.uniform(-tilt, tilt), rng.uniform(-roll, roll))
    width = rng.uniform(*share) * fw
    lo, hi = quad0.min(axis=0), quad0.max(axis=0)
    qh = width * float(hi[1] - lo[1]) / float(hi[0] - lo[0])
    if qh > 0.92 * fh:  # keep the whole card in the frame
        width *= 0.92 * fh / qh
        qh = 0.92 * fh
    cx = fw / 2 + rng.uniform(-1, 1) * max(0.0, (fw - width) / 2 - 0.03 * fw)
    cy = fh / 2 + rng.uniform(-1, 1) * max(0.0, (fh - qh) / 2 - 0.03 * fh)
    quad = fit_quad(quad0, width, cx, cy)
    frame = composite(frame, card, quad, shadow=rng.uniform(0.15, 0.4))
    frame = light_gradient(frame, rng, rng.uniform(0.05, 0.25))
    return frame, quad


def capture(card: Image.Image, mode: str, rng: random.Random) -> tuple[bytes, str, int]:
    """The encoded file, its extension, and the quarter turns (degrees clockwise) a `rot` capture made."""
    nrng = np.random.default_rng(rng.getrandbits(64))
    if mode == "digital":
        out = (
            card
            if rng.random() < 0.7
            else card.resize(
                (round(card.width * (k := rng.uniform(0.75, 1.0))), round(card.height * k)), Image.Resampling.LANCZOS
            )
        )
        buf = io.BytesIO()
        if rng.random() < 0.35:
            if rng.random() < 0.5:
                out.save(buf, "WEBP", lossless=True)
            else:
                out.save(buf, "WEBP", quality=rng.randint(70, 95))
            return buf.getvalue(), "webp", 0
        out.save(buf, "PNG")
        return buf.getvalue(), "png", 0
    if mode == "scan":
        img = to_uint8(_scan(card, rng, nrng))
        return (
            (encode(img, "png"), "png", 0)
            if rng.random() < 0.5
            else (encode(img, "jpg", rng.randint(80, 95)), "jpg", 0)
        )
    if mode == "photo":
        frame, _ = _photo(card, rng, nrng, share=(0.55, 0.85), tilt=10, roll=5)
        frame = cv2.GaussianBlur(frame, (0, 0), rng.uniform(0.3, 1.0))
        return encode(to_uint8(sensor(frame, nrng, rng.uniform(1.5, 4.5))), "jpg", rng.randint(55, 92)), "jpg", 0
    if mode == "rot":
        turn = rng.choice((0, 90, 180, 270))
        roll = 20.0 if (turn == 0 or rng.random() < 0.5) else 3.0
        frame, _ = _photo(card, rng, nrng, share=(0.45, 0.75), tilt=8, roll=roll)
        frame = cv2.GaussianBlur(frame, (0, 0), rng.uniform(0.3, 0.9))
        img = to_uint8(sensor(frame, nrng, rng.uniform(1.5, 4.0)))
        img = np.ascontiguousarray(np.rot90(img, -turn // 90))  # negative k: clockwise
        return encode(img, "jpg", rng.randint(55, 90)), "jpg", turn
    if mode == "hard":
        strong = rng.uniform(20, 35)
        cw, ch = card.size
        yaw, pitch = (strong, rng.uniform(-10, 10)) if rng.random() < 0.5 else (rng.uniform(-10, 10), strong)
        yaw *= rng.choice((-1, 1))
        pitch *= rng.choice((-1, 1))
        fw, fh = rng.choice(((1600, 1200), (1440, 1080), (1920, 1080)))
        frame = backdrop(rng.choice(("wood", "cloth", "plain")), fw, fh, rng, nrng)
        quad0 = card_quad(cw, ch, yaw, pitch, rng.uniform(-8, 8), focal=rng.uniform(1.1, 1.8))
        width = rng.uniform(0.5, 0.75) * fw
        lo, hi = quad0.min(axis=0), quad0.max(axis=0)
        width = min(width, 0.86 * fh * float(hi[0] - lo[0]) / float(hi[1] - lo[1]))
        qh = width * float(hi[1] - lo[1]) / float(hi[0] - lo[0])
        room_x, room_y = max(0.0, (0.94 * fw - width) / 2), max(0.0, (0.94 * fh - qh) / 2)  # whole card in frame
        quad = fit_quad(quad0, width, fw / 2 + rng.uniform(-1, 1) * room_x, fh / 2 + rng.uniform(-1, 1) * room_y)
        frame = composite(frame, card, quad, shadow=rng.uniform(0.2, 0.5))
        frame = light_gradient(frame, rng, rng.uniform(0.1, 0.3))
        frame = cast_shadow(frame, rng)
        frame = glare(frame, rng, quad)
        frame = cv2.GaussianBlur(frame, (0, 0), rng.uniform(1.0, 2.2))
        return encode(to_uint8(sensor(frame, nrng, rng.uniform(2.5, 6.0))), "jpg", rng.randint(35, 80)), "jpg", 0
    if mode == "low":
        frame, _ = _photo(
            card,
            rng,
            nrng,
            share=(0.20, 0.35),
            tilt=8,
            roll=6,
            frame_size=(1600, 1200),
            surfaces=("teal", "darkgrey", "plain", "cloth"),
        )
        frame = cv2.GaussianBlur(frame, (0, 0), rng.uniform(0.3, 0.8))
        return encode(to_uint8(sensor(frame, nrng, rng.uniform(1.5, 4.0))), "jpg", rng.randint(50, 90)), "jpg", 0
    if mode == "small":
        if rng.random() < 0.3:
            frame = _scan(card, rng, nrng)
        else:
            frame, _ = _photo(card, rng, nrng, share=(0.6, 0.9), tilt=6, roll=4)
        h, w = frame.shape[:2]
        tw = rng.randint(250, 450)
        img = cv2.resize(to_uint8(frame), (tw, max(1, round(h * tw / w))), interpolation=cv2.INTER_AREA)
        return (
            (encode(img, "png"), "png", 0)
            if rng.random() < 0.15
            else (encode(img, "jpg", rng.randint(30, 85)), "jpg", 0)
        )
    raise ValueError(f"unknown capture mode {mode!r}; one of {', '.join(MODES)}")
