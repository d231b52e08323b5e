"""Capture-quality checks: can the citizen's upload be read, or should they take the picture again?

Every check returns a `Check(name, passed, score 0–1, detail)`; a failed capture check carries
`action="retake"` and a `RETAKE_*` reason when the full set runs (`Options.checks == "all"`). The "basic" set
(resolution and blur, without action or reason) is what the pipeline recorded before issue 5, unchanged.

Thresholds live in `CheckThresholds`, filled from the settings by the caller; the defaults were chosen on the
labelled set of `python -m samples.checks` (false rejects on clean captures at most 2 %, see the README's
table). The card-level checks work on the flattened
card (1000×631) or a half-size copy of it, so all of them together stay within a few tens of milliseconds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import cv2
import numpy as np

from workers.pipeline.types import Check

MIN_CARD_WIDTH = 400  # source pixels across the card; below this the print is a few pixels high
BLUR_VARIANCE_OK = 60.0
SPECIMEN_NIKS: tuple[str, ...] = ("3171234567890123",)  # the NIK printed on published KTP-el specimens

_SMALL_WIDTH = 500  # the half-size copy most card checks use
# Layout of a KTP-el front, as shares of the upright card: the header (province, regency) across the top,
# the text rows on the left, the holder's photo on the right below the header.
TEXT_AREA = (0.02, 0.18, 0.70, 0.97)  # x0, y0, x1, y1
PHOTO_SEARCH = (0.68, 0.15, 0.99, 0.80)  # the photo lies inside this on every layout
PHOTO_CENTRE = (0.72, 0.20, 0.97, 0.65)  # the centre of the holder's face lies inside this
VALUE_COLUMN = 0.20  # values start right of this share of the card width (after the labels and colons)


@dataclass(frozen=True)
class CheckThresholds:
    """Pass/fail limits of every check (settings `DOCVERIFY_CHECK_*`)."""

    min_card_width: float = MIN_CARD_WIDTH  # px across the card in the upload
    min_blur_variance: float = BLUR_VARIANCE_OK  # variance of the Laplacian on the flattened card
    max_glare_share: float = 0.02  # share of the text area that is blown-out highlight
    min_brightness: float = 70.0  # median grey level of the card (0–255)
    max_brightness: float = 245.0
    max_clipped_share: float = 0.25  # share of the card at full white: overexposed
    min_edge_margin: float = 0.004  # card corners at least this share of the frame's long side from its edge
    max_edge_asymmetry: float = 0.25  # card colour along one frame edge beyond the opposite edge (edge_asymmetry)
    min_background_blue: float = 2.0  # median −b* (Lab) of the card background: below, not the blue print
    min_colourfulness: float = 14.0  # colourfulness of the card (authenticity.colourfulness): below, no colour
    max_screen_grid: float = 1.45  # fine periodic peaks in the card's spectrum (authenticity.screen_grid)
    min_face_windows: int = 4  # Haar face windows around the photo's centre, two views (authenticity.face_windows)
    max_text_deviation: float = 5.0  # most inconsistent value line by size (authenticity.text_deviations)
    max_glyph_deviation: float = 7.0  # value line whose characters lack twins (authenticity.glyph_deviation)
    specimen_niks: tuple[str, ...] = field(default=SPECIMEN_NIKS)


DEFAULT_THRESHOLDS = CheckThresholds()


def _retake(check: Check, reason: str) -> Check:
    if not check.passed:
        check.action, check.reason = "retake", reason
    return check


def small_card(card: np.ndarray) -> np.ndarray:
    h, w = card.shape[:2]
    if w <= _SMALL_WIDTH:
        return card
    return cv2.resize(card, (_SMALL_WIDTH, max(1, round(h * _SMALL_WIDTH / w))), interpolation=cv2.INTER_AREA)


def crop_share(image: np.ndarray, box: tuple[float, float, float, float]) -> np.ndarray:
    h, w = image.shape[:2]
    x0, y0, x1, y1 = box
    return image[round(y0 * h) : round(y1 * h), round(x0 * w) : round(x1 * w)]


# ------------------------------------------------------------------------------------------------ checks


def resolution_check(source_width: float, limits: CheckThresholds | None = None, full: bool = False) -> Check:
    limit = (limits or DEFAULT_THRESHOLDS).min_card_width
    score = min(1.0, source_width / 1000)
    check = Check(
        "resolution", source_width >= limit, score, f"card is about {int(source_width)} px wide in the upload"
    )
    if full and not check.passed:
        check.detail += f"; retake closer, the card should be at least {int(limit)} px wide"
    return _retake(check, "RETAKE_LOW_RESOLUTION") if full else check


def blur_check(card: np.ndarray, limits: CheckThresholds | None = None, full: bool = False) -> Check:
    limit = (limits or DEFAULT_THRESHOLDS).min_blur_variance
    gray = cv2.cvtColor(card, cv2.COLOR_BGR2GRAY)
    variance = float(cv2.Laplacian(gray, cv2.CV_64F).var())
    check = Check("blur", variance >= limit, min(1.0, variance / (4 * limit)), f"Laplacian variance {variance:.0f}")
    if full and not check.passed:
        check.detail = f"the picture is blurry, retake it in focus (Laplacian variance {variance:.0f})"
    return _retake(check, "RETAKE_BLURRY") if full else check


def glare_check(card: np.ndarray, limits: CheckThresholds = DEFAULT_THRESHOLDS) -> Check:
    """Blown-out highlight over the text: near-white, colourless pixels in the text area of the upright card.

    Score: 1 − share / (2 × limit), share = the text area's fraction whose smallest colour channel is ≥ 240
    after a small blur (the light-blue card background stays well below that in its red channel)."""
    area = crop_share(small_card(card), TEXT_AREA)
    low = cv2.GaussianBlur(area.min(axis=2), (5, 5), 0)
    share = float(np.mean(low >= 240))
    passed = share <= limits.max_glare_share
    detail = (
        f"{share:.1%} of the text area is washed out by light"
        if passed
        else f"retake without glare over the text ({share:.0%} of the text area is washed out by light)"
    )
    return _retake(Check("glare", passed, max(0.0, 1 - share / (2 * limits.max_glare_share)), detail), "RETAKE_GLARE")


def exposure_check(card: np.ndarray, limits: CheckThresholds = DEFAULT_THRESHOLDS) -> Check:
    """Too dark or too bright. Score: 1 at mid-range, falling to 0.5 at a limit (median grey level of the card,
    or the share of the card at full white for an overexposed picture)."""
    gray = cv2.cvtColor(small_card(card), cv2.COLOR_BGR2GRAY)
    median = float(np.median(gray))
    clipped = float(np.mean(gray >= 250))
    if median < limits.min_brightness:
        return Check(
            "exposure",
            False,
            0.5 * median / limits.min_brightness,
            f"the picture is too dark (brightness {median:.0f} of 255); retake in better light",
            action="retake",
            reason="RETAKE_TOO_DARK",
        )
    if median > limits.max_brightness or clipped > limits.max_clipped_share:
        over = max(
            (median - limits.max_brightness) / max(1.0, 255 - limits.max_brightness),
            (clipped - limits.max_clipped_share) / max(1e-6, 1 - limits.max_clipped_share),
        )
        return Check(
            "exposure",
            False,
            max(0.0, 0.5 - 0.5 * over),
            f"the picture is too bright ({clipped:.0%} pure white, brightness {median:.0f} of 255); "
            "retake with less light",
            action="retake",
            reason="RETAKE_TOO_BRIGHT",
        )
    dark_room = (median - limits.min_brightness) / max(1.0, limits.max_brightness - limits.min_brightness)
    score = 0.5 + 0.5 * min(1.0, 4 * min(dark_room, 1 - dark_room), 1 - clipped / max(1e-6, limits.max_clipped_share))
    return Check("exposure", True, max(0.5, score), f"brightness {median:.0f} of 255, {clipped:.1%} pure white")


_BORDER_SIDE = 400  # the frame is compared with its card on a copy this size (long side)
_BORDER_STRIP = 0.015  # width of each frame edge's strip, as a share of the frame's short side
_CARD_COLOUR_DISTANCE = 12.0  # Lab distance within which a pixel counts as the card's background colour
SIDES = ("left", "top", "right", "bottom")


def edge_card_shares(frame: np.ndarray, corners: np.ndarray | None = None) -> tuple[float, float, float, float]:
    """For each edge of the frame (left, top, right, bottom): the share of a thin strip along it that has the
    colour of the card's unprinted background.

    The card's colour is the median of the light pixels inside the card's outline when it was found, else in
    the middle of the frame (a capture is aimed at the card, so its middle is card; a small card off centre
    is not, which is why the outline comes first); the light pixels are its background, not print or the
    photo. Pixels are compared after a small median filter (scan noise, the guilloche's fine lines) by Lab
    distance."""
    h, w = frame.shape[:2]
    s = min(1.0, _BORDER_SIDE / max(h, w))
    small = (
        frame
        if s >= 1.0
        else cv2.resize(frame, (max(1, round(w * s)), max(1, round(h * s))), interpolation=cv2.INTER_AREA)
    )
    lab = cv2.cvtColor(cv2.medianBlur(small, 3), cv2.COLOR_BGR2LAB).astype(np.float32)
    hh, ww = lab.shape[:2]
    if corners is not None:
        quad = np.asarray(corners, np.float32).reshape(4, 2) * s
        centre = quad.mean(axis=0)
        inside = np.zeros((hh, ww), np.uint8)
        cv2.fillConvexPoly(inside, (centre + 0.8 * (quad - centre)).astype(np.int32), (255,))
        middle = lab[inside > 0]
    else:
        middle = lab[round(0.3 * hh) : round(0.7 * hh), round(0.3 * ww) : round(0.7 * ww)].reshape(-1, 3)
    if len(middle) == 0:
        return (0.0, 0.0, 0.0, 0.0)
    card = np.median(middle[middle[:, 0] >= np.percentile(middle[:, 0], 40)], axis=0)
    near = np.linalg.norm(lab - card, axis=2) < _CARD_COLOUR_DISTANCE
    k = max(2, round(_BORDER_STRIP * min(hh, ww)))
    return (
        float(near[:, :k].mean()),
        float(near[:k, :].mean()),
        float(near[:, ww - k :].mean()),
        float(near[hh - k :, :].mean()),
    )


def edge_asymmetry(shares: Sequence[float]) -> tuple[float, str]:
    """How much more of one frame edge than of the opposite edge is card (0–1), and that edge's name.

    A card framed whole shows background along all four edges; a tight scan or crop shows card along all
    four: both are symmetric. A card cut off runs into one or two edges while the opposite ones show the
    background beyond its outline."""
    best, side = 0.0, SIDES[0]
    for i in range(4):
        diff = shares[i] - shares[(i + 2) % 4]
        if diff > best:
            best, side = diff, SIDES[i]
    return best, side


# A frame whose long/short side ratio is within this of ID-1's is the card itself (renders measured: ±0.002;
# the generator's cut-off cards: nearest 0.03 away).
EXACT_CARD_SHAPE = 0.01


def crop_check(
    frame_shape: tuple[int, ...],
    corners: np.ndarray | None,
    limits: CheckThresholds = DEFAULT_THRESHOLDS,
    frame: np.ndarray | None = None,
) -> Check:
    """The whole card is in the picture: the card's corners lie inside the frame, off its edges, and the card
    does not run into one edge of the frame while the opposite edge shows the background (see edge_asymmetry;
    needs `frame`, the source image). The second test catches the cut-off cards whose outline was not found
    or was taken from a shape inside the card (the photo's frame).

    Score: the lower of the nearest corner's distance to the frame edge over twice its limit, and
    1 − asymmetry / (2 × its limit), capped to 0–1. A card that fills a card-shaped frame (a scan or tight
    crop, no outline found) scores 1 on corners: it cannot be told from a card with a bit cut off by corners,
    only by the edges."""
    h, w = frame_shape[:2]
    long_side = float(max(h, w))
    shape_gap = abs(long_side / max(1, min(h, w)) - 85.60 / 53.98)  # the frame's aspect against ID-1's
    card_shaped = shape_gap < 0.25
    asym, side = edge_asymmetry(edge_card_shares(frame, corners)) if frame is not None else (0.0, SIDES[0])
    asym_limit = limits.max_edge_asymmetry
    edge_score = float(np.clip(1 - asym / (2 * asym_limit), 0.0, 1.0))
    cut_at_edge = asym > asym_limit
    edge_detail = (
        f"the card runs into the {side} edge of the picture; retake with all four corners of the card in the picture"
    )
    if corners is None:
        if not card_shaped:
            return Check(
                "crop",
                False,
                0.0,
                "the card's outline was not found; retake with the whole card visible on a plain background",
                action="retake",
                reason="RETAKE_CARD_CUT_OFF",
            )
        if shape_gap < EXACT_CARD_SHAPE:
            # the picture has the card's own proportions to the pixel: a digital render or a crop to the
            # card's edge, not a photo cut short (a cut-off card would have to lose the same share both ways);
            # the edge test would read a card printed in a colour gradient as cut off
            return Check("crop", True, 1.0, "the picture is the card itself, edge to edge")
        detail = edge_detail if cut_at_edge else "the card fills the picture"
        return _retake(Check("crop", not cut_at_edge, edge_score, detail), "RETAKE_CARD_CUT_OFF")
    c = np.asarray(corners, dtype=np.float32).reshape(4, 2)
    margins = np.minimum.reduce([c[:, 0], c[:, 1], (w - 1) - c[:, 0], (h - 1) - c[:, 1]])
    nearest = float(margins.min()) / long_side
    limit = limits.min_edge_margin
    corner_ok = nearest >= limit
    corner_score = min(1.0, nearest / (2 * limit))
    # A card nearly filling a card-shaped frame is a tight scan, not a cut-off card.
    area = float(cv2.contourArea(c.reshape(-1, 1, 2)))
    if not corner_ok and area >= 0.85 * h * w and shape_gap < 0.15:
        corner_ok, corner_score = True, 1.0
    passed = corner_ok and not cut_at_edge
    detail = (
        "all four corners of the card are in the picture"
        if passed
        else "part of the card is cut off; retake with all four corners of the card in the picture"
        if not corner_ok
        else edge_detail
    )
    return _retake(Check("crop", passed, max(0.0, min(corner_score, edge_score)), detail), "RETAKE_CARD_CUT_OFF")


def capture_checks(
    card: np.ndarray,
    frame_shape: tuple[int, ...],
    corners: np.ndarray | None,
    limits: CheckThresholds = DEFAULT_THRESHOLDS,
    frame: np.ndarray | None = None,
) -> list[Check]:
    """The capture checks beyond resolution and blur that do not need the card upright. `frame` is the source
    image (the crop check compares its edges)."""
    return [exposure_check(card, limits), crop_check(frame_shape, corners, limits, frame)]
