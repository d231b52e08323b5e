"""Authenticity checks: signs that the upload is not a picture of a genuine card. A failed check sends the
document to a clerk (`action="review"`); none of them proves a forgery.

All but the specimen-number check look at the upright flattened card (1000×631); the specimen check looks at
the NIK as read. Thresholds come from `quality.CheckThresholds`.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache

import cv2
import numpy as np

from workers.pipeline.quality import (
    DEFAULT_THRESHOLDS,
    PHOTO_CORE,
    PHOTO_SEARCH,
    TEXT_AREA,
    CheckThresholds,
    crop_share,
    small_card,
)
from workers.pipeline.types import BBox, Check

_FFT_SIDE = 256  # the spectrum is taken over a square of the card this size, at half resolution


def _review(check: Check, reason: str) -> Check:
    if not check.passed:
        check.action, check.reason = "review", reason
    return check


def _background_mask(lab: np.ndarray) -> np.ndarray:
    """Card background: light pixels (no print) – text and dark lines are left out."""
    light = lab[..., 0]
    return light >= np.percentile(light, 40)


def background_blue(card: np.ndarray) -> float:
    """How blue the card background is: the median of −b* (Lab, 0 = grey) over the unprinted pixels of the
    text area. Only blue counts: a grey copy photographed under warm light turns yellow (b* > 0), not blue."""
    area = crop_share(small_card(card), TEXT_AREA)
    lab = cv2.cvtColor(area, cv2.COLOR_BGR2LAB).astype(np.float32)
    mask = _background_mask(lab)
    return float(np.median(128 - lab[..., 2][mask]))


def photocopy_check(card: np.ndarray, limits: CheckThresholds = DEFAULT_THRESHOLDS) -> Check:
    """A KTP-el has a light blue printed background; a black-and-white copy has none.

    Score: the background's blueness (see background_blue) over twice the limit, clipped to 0–1."""
    blue = background_blue(card)
    passed = blue >= limits.min_background_blue
    detail = (f"the card background is light blue (blueness {blue:.0f})" if passed else
              f"the card background is not blue (blueness {blue:.0f}): it may be a black-and-white photocopy")
    return _review(Check("photocopy", passed, min(1.0, max(0.0, blue / (2 * limits.min_background_blue))), detail),
                   "PHOTOCOPY_SUSPECTED")


def screen_peak(card: np.ndarray) -> float:
    """Strongest narrow peak in the high-frequency band of the card's spectrum, over the band's median.

    A screen's pixel grid (or the moiré it makes with the camera's sensor) is a strictly periodic pattern:
    a few sharp peaks far above the rest. Print, text and noise spread their energy."""
    gray = cv2.cvtColor(card, cv2.COLOR_BGR2GRAY).astype(np.float32)
    h, w = gray.shape
    side = min(2 * _FFT_SIDE, h, w)
    y0, x0 = (h - side) // 2, (w - side) // 2
    patch = gray[y0:y0 + side, x0:x0 + side]
    patch = patch - cv2.GaussianBlur(patch, (0, 0), 3)  # keep the fine structure only
    window = np.outer(np.hanning(side), np.hanning(side)).astype(np.float32)
    spectrum = np.abs(np.fft.fftshift(np.fft.fft2(patch * window)))
    yy, xx = np.mgrid[0:side, 0:side]
    radius = np.hypot(yy - side / 2, xx - side / 2) / side  # cycles per pixel
    band = (radius >= 0.08) & (radius <= 0.5)
    values = spectrum[band]
    typical = float(np.median(values)) + 1e-6
    # a peak must stand out from its own neighbourhood too (a broad hump of text strokes is not a grid)
    local = cv2.blur(spectrum, (9, 9))
    peakiness = spectrum / (local + typical)
    top = float(np.max(np.where(band, spectrum, 0))) / typical
    return float(min(top, float(np.max(np.where(band, peakiness, 0))) * 10))


def screen_check(card: np.ndarray, limits: CheckThresholds = DEFAULT_THRESHOLDS) -> Check:
    """A photo of a screen: pixel-grid or moiré peaks in the spectrum. Score: 1 − peak / (2 × limit)."""
    peak = screen_peak(card)
    passed = peak <= limits.max_screen_peak
    detail = (f"no screen pattern (spectrum peak {peak:.1f})" if passed else
              f"a regular pixel pattern shows (spectrum peak {peak:.1f}): it may be a photo of a screen")
    return _review(Check("screen", passed, max(0.0, 1 - peak / (2 * limits.max_screen_peak)), detail),
                   "SCREEN_RECAPTURE_SUSPECTED")


def photo_fill(card: np.ndarray) -> float:
    """Share of the photo area that differs clearly from the card's own background colour."""
    small = small_card(card)
    lab = cv2.cvtColor(small, cv2.COLOR_BGR2LAB).astype(np.float32)
    text = crop_share(lab, TEXT_AREA)
    bg = np.median(text[_background_mask(text)], axis=0)
    core = crop_share(lab, PHOTO_CORE)
    distance = np.linalg.norm(core - bg, axis=2)
    # a blank or print-only area keeps the background colour; the guilloche lines differ from it a little
    return float(np.mean(distance > 18))


@lru_cache(maxsize=1)
def _face_cascade() -> cv2.CascadeClassifier | None:
    path = os.path.join(cv2.data.haarcascades, "haarcascade_frontalface_default.xml")  # type: ignore[attr-defined]
    cascade = cv2.CascadeClassifier(path)
    return None if cascade.empty() else cascade


def haar_faces(card: np.ndarray) -> int:
    """Faces OpenCV's bundled Haar cascade finds in the photo search area (diagnostic; the synthetic
    portraits are silhouettes without features, so it finds none there)."""
    cascade = _face_cascade()
    if cascade is None:
        return 0
    gray = cv2.cvtColor(crop_share(card, PHOTO_SEARCH), cv2.COLOR_BGR2GRAY)
    faces = cascade.detectMultiScale(gray, scaleFactor=1.1, minNeighbors=4, minSize=(40, 40))
    return len(faces)


def face_photo_check(card: np.ndarray, limits: CheckThresholds = DEFAULT_THRESHOLDS) -> Check:
    """The holder's photo is there: the photo area (right of the text, below the header) is not blank card.

    Score: share of the photo area's core that differs from the card background, over the limit (capped)."""
    fill = photo_fill(card)
    passed = fill >= limits.min_photo_fill
    detail = (f"the photo area holds a picture ({fill:.0%} filled)" if passed else
              f"the holder's photo is missing or blank ({fill:.0%} of the photo area filled)")
    return _review(Check("face_photo", passed, min(1.0, fill / limits.min_photo_fill) if passed else
                         fill / max(1e-6, limits.min_photo_fill) * 0.5, detail), "FACE_PHOTO_MISSING")


def text_boxes(card: np.ndarray) -> list[BBox]:
    """Cheap text-line boxes (dark print joined along the line) for when no OCR lines are at hand."""
    gray = cv2.cvtColor(card, cv2.COLOR_BGR2GRAY)
    dark = cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 25)
    joined = cv2.morphologyEx(dark, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (25, 3)))
    n, _, stats, _ = cv2.connectedComponentsWithStats(joined)
    ch, cw = gray.shape
    ax0, ay0, ax1, ay1 = TEXT_AREA
    boxes: list[BBox] = []
    for x, y, w, h, area in stats[1:n]:
        inside = x >= ax0 * cw and x + w <= ax1 * cw and y >= ay0 * ch and y + h <= ay1 * ch
        if inside and 12 <= h <= 60 and w >= 2 * h and area >= 0.2 * w * h:
            boxes.append((int(x), int(y), int(x + w), int(y + h)))
    return boxes


def line_noise(card: np.ndarray, boxes: Sequence[BBox]) -> list[float]:
    """Per text line: the noise level of its unprinted pixels (median absolute fine residual).

    Text re-rendered and pasted in has no camera noise, no JPEG history and no blur of its own: its level
    stands apart from the lines printed with the card."""
    gray = cv2.cvtColor(card, cv2.COLOR_BGR2GRAY).astype(np.float32)
    residual = np.abs(gray - cv2.medianBlur(gray, 3))
    h, w = gray.shape
    levels = []
    for x0, y0, x1, y1 in boxes:
        x0, y0, x1, y1 = max(0, x0), max(0, y0), min(w, x1), min(h, y1)
        if x1 - x0 < 20 or y1 - y0 < 8:
            continue
        box = gray[y0:y1, x0:x1]
        light = box >= np.percentile(box, 50)  # paper between the strokes
        light = cv2.erode(light.astype(np.uint8), np.ones((5, 5), np.uint8)).astype(bool)
        if light.sum() < 50:
            continue
        levels.append(float(np.mean(residual[y0:y1, x0:x1][light])) + 0.1)
    return levels


def text_edit_check(card: np.ndarray, boxes: Sequence[BBox] | None = None,
                    limits: CheckThresholds = DEFAULT_THRESHOLDS) -> Check:
    """Edited text: a text line whose noise level is far from the card's other lines.

    Score: 1 − (worst ratio − 1) / (2 × (limit − 1)), the worst ratio taken either way (too clean or too noisy)
    against the median line. `boxes` are the OCR text lines of the upright card (page pixels)."""
    h, w = card.shape[:2]
    ax0, ay0, ax1, ay1 = TEXT_AREA
    rows = [b for b in boxes or []
            if ax0 * w <= (b[0] + b[2]) / 2 <= ax1 * w and ay0 * h <= (b[1] + b[3]) / 2 <= ay1 * h]
    levels = line_noise(card, rows if len(rows) >= 4 else text_boxes(card))
    if len(levels) < 4:
        return Check("text_edit", True, 0.5, "too few text lines to compare")
    median = float(np.median(levels))
    worst = max(max(median / v, v / median) for v in levels)
    limit = limits.max_text_noise_ratio
    passed = worst <= limit
    detail = (f"the text lines look printed alike (largest difference ×{worst:.1f})" if passed else
              f"one text line differs from the others (noise ×{worst:.1f}): the text may have been edited")
    score = max(0.0, 1 - (worst - 1) / (2 * (limit - 1)))
    return _review(Check("text_edit", passed, score, detail), "TEXT_EDIT_SUSPECTED")


def specimen_check(nik: str | None, limits: CheckThresholds = DEFAULT_THRESHOLDS) -> Check | None:
    """The NIK read is one printed on published specimen cards. None when no NIK was read."""
    if not nik:
        return None
    if nik in limits.specimen_niks:
        return Check("specimen_nik", False, 0.0, f"NIK {nik} is a known specimen number, not a real person's",
                     action="review", reason="SPECIMEN_NIK")
    return Check("specimen_nik", True, 1.0, "the NIK is not a known specimen number")


def card_checks(card: np.ndarray, boxes: Sequence[BBox] | None = None,
                limits: CheckThresholds = DEFAULT_THRESHOLDS) -> list[Check]:
    """The authenticity checks over the upright card."""
    return [photocopy_check(card, limits), screen_check(card, limits), face_photo_check(card, limits),
            text_edit_check(card, boxes, limits)]
