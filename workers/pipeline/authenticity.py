"""Authenticity checks: signs that the upload is not a picture of a genuine card. A failed check sends the
document to a clerk (`action="review"`); none of them proves a forgery.

All but the specimen-number check look at the upright flattened card (1000×631); the specimen check looks at
the NIK as read. Thresholds come from `quality.CheckThresholds`.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import cv2
import numpy as np

from workers.pipeline.quality import (
    DEFAULT_THRESHOLDS,
    PHOTO_CENTRE,
    PHOTO_SEARCH,
    TEXT_AREA,
    VALUE_COLUMN,
    CheckThresholds,
    crop_share,
    small_card,
)
from workers.pipeline.types import BBox, Check, TextLine


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


def colourfulness(card: np.ndarray) -> float:
    """How much the card's colours vary (0 for grey; a colour card with its portrait ~20–60): the spread of
    the opponent channels R−G and (R+G)/2−B, after Hasler and Süsstrunk without their mean term. A colour
    cast of the light moves the means, so it is left out: a grey copy under warm light stays low (~11 under
    a cast of R ×1.08, B ×0.85), a colour card stays high."""
    img = small_card(card).astype(np.float32)
    b, g, r = img[..., 0], img[..., 1], img[..., 2]
    return float(np.hypot((r - g).std(), (0.5 * (r + g) - b).std()))


def photocopy_check(card: np.ndarray, limits: CheckThresholds = DEFAULT_THRESHOLDS) -> Check:
    """A KTP-el has a light blue printed background and a colour portrait; a black-and-white copy has neither.

    Both must be missing: the background alone turns yellow under warm light or a phone's white balance (a
    quarter of the clean-room renderer's untouched photos), while the card's colourfulness (the portrait's
    backdrop and skin, the blue print) survives a cast. Score: half the larger of blueness and colourfulness,
    each over its limit, clipped to 0–1 (below 0.5 exactly when the check fails)."""
    blue = background_blue(card)
    colour = colourfulness(card)
    passed = blue >= limits.min_background_blue or colour >= limits.min_colourfulness
    score = 0.5 * max(blue / limits.min_background_blue, colour / limits.min_colourfulness)
    if blue >= limits.min_background_blue:
        detail = f"the card background is light blue (blueness {blue:.0f})"
    elif passed:
        detail = (
            f"the card is in colour (colourfulness {colour:.0f}), its background not blue (blueness "
            f"{blue:.0f}): a colour cast of the light"
        )
    else:
        detail = (
            f"the card background is not blue (blueness {blue:.0f}) and the card has almost no colour "
            f"(colourfulness {colour:.0f}): it may be a black-and-white photocopy"
        )
    return _review(Check("photocopy", passed, min(1.0, max(0.0, score)), detail), "PHOTOCOPY_SUSPECTED")


_GRID_TILE = 128  # the spectrum is taken per tile of the card this size
_tile_r = np.hypot(*np.mgrid[0:_GRID_TILE, 0:_GRID_TILE].astype(np.float32) - _GRID_TILE / 2) / _GRID_TILE
_GRID_BAND = (_tile_r >= 0.15) & (_tile_r <= 0.5)  # cycles per pixel: finer than print and text strokes
_GRID_WINDOW = np.outer(np.hanning(_GRID_TILE), np.hanning(_GRID_TILE)).astype(np.float32)


def screen_grid(card: np.ndarray) -> float:
    """How strongly a fine periodic pattern stands out of the card's spectrum: per tile of the card, the mean of
    the four strongest high-frequency peaks of the log spectrum above its own local median; the median over the
    tiles (every other tile, checkerboard).

    A screen's pixel grid, or the moiré it makes with the camera's sensor, is a strictly periodic pattern over
    the whole card: sharp peaks in every tile. Print, text, guilloche and sensor noise spread their energy, and
    a single periodic detail (a barcode, a border) stands out in a few tiles only, which the median ignores."""
    gray = cv2.cvtColor(card, cv2.COLOR_BGR2GRAY).astype(np.float32)
    h, w = gray.shape
    t = _GRID_TILE
    peaks = []
    for iy, y in enumerate(range(0, h - t + 1, t)):
        for ix, x in enumerate(range(0, w - t + 1, t)):
            if (ix + iy) % 2:
                continue
            tile = gray[y : y + t, x : x + t]
            spectrum = np.log(np.abs(np.fft.fftshift(np.fft.fft2((tile - tile.mean()) * _GRID_WINDOW))) + 1e-3)
            above = (spectrum - cv2.medianBlur(spectrum.astype(np.float32), 5))[_GRID_BAND]
            peaks.append(float(np.mean(np.partition(above, -4)[-4:])))  # a grid gives symmetric pairs
    return float(np.median(peaks)) if peaks else 0.0


def screen_check(
    card: np.ndarray, limits: CheckThresholds = DEFAULT_THRESHOLDS, capture_faults: Sequence[str] = ()
) -> Check:
    """A photo of a screen: pixel-grid or moiré peaks all over the card's spectrum (see screen_grid).

    Not measured on a card too small in the upload (`resolution` among `capture_faults`): enlarged to the
    flattened size, its JPEG blocks and resampling grid are periodic too (peaks up to 1.55 on untouched small
    clean-room cards, against ~1.3 at full size); that capture is sent for a retake anyway.

    Score: 1 at the level of plain print (1.0), 0.5 at the limit, falling to 0."""
    if "resolution" in capture_faults:
        return Check("screen", True, 0.5, "not compared: the card is too small in the upload (resolution check)")
    grid = screen_grid(card)
    limit = limits.max_screen_grid
    passed = grid <= limit
    detail = (
        f"no screen pattern (grid peak {grid:.2f})"
        if passed
        else f"a regular pixel pattern shows all over the card (grid peak {grid:.2f}): it may be a photo of a screen"
    )
    score = float(np.clip(1 - 0.5 * (grid - 1.0) / max(1e-6, limit - 1.0), 0.0, 1.0))
    return _review(Check("screen", passed, score, detail), "SCREEN_RECAPTURE_SUSPECTED")


@lru_cache(maxsize=1)
def _face_cascades() -> tuple[cv2.CascadeClassifier, ...]:
    names = ("haarcascade_frontalface_alt2.xml", "haarcascade_frontalface_default.xml")
    cascades = [cv2.CascadeClassifier(os.path.join(cv2.data.haarcascades, n)) for n in names]  # type: ignore[attr-defined]
    return tuple(c for c in cascades if not c.empty())


_FACE_SCALE = 0.8  # the photo area is searched at this scale: a fifth of the time, the same separation


def face_windows(card: np.ndarray) -> int:
    """How many windows OpenCV's bundled Haar cascades (frontal face: alt2 and default) accept around the
    photo's centre, in two grey views of the photo: its luminance and its green channel.

    Every window is counted (no grouping): a face is accepted at many neighbouring positions and scales, by
    both cascades, while a blank, covered or stickered photo area gives none or a stray one. Faces are sought
    5–25 % of the card width in size, centred where the holder's photo is on a KTP-el (right of the text rows,
    below the header). The green channel is there for darker skin on the red backdrop: in luminance the two
    come out about the same grey and the cascades lose the face's outline; in green the red backdrop is dark
    and the face stands out (a blue backdrop is the other way round, and luminance separates it)."""
    h, w = card.shape[:2]
    ox, oy = round(PHOTO_SEARCH[0] * w), round(PHOTO_SEARCH[1] * h)
    area = cv2.resize(
        crop_share(card, PHOTO_SEARCH), None, fx=_FACE_SCALE, fy=_FACE_SCALE, interpolation=cv2.INTER_AREA
    )
    size = (round(0.05 * w * _FACE_SCALE),) * 2, (round(0.25 * w * _FACE_SCALE),) * 2
    cx0, cy0, cx1, cy1 = PHOTO_CENTRE
    count = 0
    for gray in (cv2.cvtColor(area, cv2.COLOR_BGR2GRAY), np.ascontiguousarray(area[..., 1])):
        for cascade in _face_cascades():
            found = cascade.detectMultiScale(gray, scaleFactor=1.08, minNeighbors=0, minSize=size[0], maxSize=size[1])
            for fx, fy, fw, fh in np.asarray(found).reshape(-1, 4):
                cx = (ox + (fx + fw / 2) / _FACE_SCALE) / w
                cy = (oy + (fy + fh / 2) / _FACE_SCALE) / h
                count += int(cx0 <= cx <= cx1 and cy0 <= cy <= cy1)
    return count


def face_photo_check(card: np.ndarray, limits: CheckThresholds = DEFAULT_THRESHOLDS) -> Check:
    """The holder's face is in the photo area (see face_windows).

    Score: 0.5 at the limit, rising to 1 at 4 × the limit."""
    windows = face_windows(card)
    limit = limits.min_face_windows
    passed = windows >= limit
    detail = (
        f"a face is in the photo area ({windows} detections)"
        if passed
        else f"no face found in the photo area ({windows} detections): the holder's photo may be missing, "
        "covered or replaced"
    )
    limit = max(1, limit)
    score = 0.5 * windows / limit if not passed else 0.5 + 0.5 * min(1.0, (windows - limit) / (3 * limit))
    return _review(Check("face_photo", passed, score, detail), "FACE_PHOTO_MISSING")


_GLYPH_H, _GLYPH_W = 16, 12  # each character's ink, resampled to this grid (about the print's own size)


@dataclass
class _Row:
    x: float  # centre of the value's box, page pixels
    y: float
    cap: float  # height of the text band (capital height for the upper-case values)
    stroke: float  # mean stroke width
    baseline_offset: float | None  # the value's baseline below its label's, page pixels
    chars: int  # letters and digits read in the value
    wordy: bool = False  # mostly letters (not a date or number): its glyphs have twins in the other lines
    glyphs: np.ndarray = field(default_factory=lambda: np.zeros((0, _GLYPH_H * _GLYPH_W), np.float32))
    aspects: np.ndarray = field(default_factory=lambda: np.zeros(0, np.float32))  # log(width / height) each


def _ink_runs(columns: np.ndarray) -> list[tuple[int, int]]:
    """[start, end) of the runs of True in a 1-D mask."""
    edges = np.flatnonzero(np.diff(np.concatenate(([0], columns.astype(np.int8), [0]))))
    return list(zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True))


def _line_glyphs(gray: np.ndarray, box: BBox, band: tuple[float, float, float]) -> tuple[np.ndarray, np.ndarray]:
    """The characters of a value line as printed: (N × 16·12 ink images, N log aspect ratios).

    A character is a run of ink columns within the line's capital band (no text needed, so no alignment to
    the OCR's reading can go wrong); each is cut to its own ink box (a slightly tilted line keeps its shapes)
    and resampled. Punctuation and marks (ink less than 0.6 of the capital height) are left out, and so are
    touching letters taller than the line (a neighbouring row's print)."""
    x0, _, x1, _ = box
    top, bottom, _ = band
    cap = bottom - top
    empty = np.zeros((0, _GLYPH_H * _GLYPH_W), np.float32), np.zeros(0, np.float32)
    if cap < 5:
        return empty
    rt = max(0, int(np.floor(top - 0.3 * cap)))
    rb = min(gray.shape[0], int(np.ceil(bottom + 0.3 * cap)) + 1)
    roi = gray[rt:rb, max(0, x0 - 3) : min(gray.shape[1], x1 + 3)].astype(np.float32)
    if roi.shape[0] < 6 or roi.shape[1] < 6:
        return empty
    paper = float(np.percentile(roi, 90))
    ink = np.clip((paper - roi) / max(20.0, paper - float(np.percentile(roi, 3))), 0, 1)
    core = ink[round(top - rt) : round(bottom - rt) + 1]
    images, aspects = [], []
    for s, e in _ink_runs(np.asarray((core > 0.5).any(axis=0))):
        rows = np.flatnonzero((ink[:, s:e] > 0.5).any(axis=1))
        if len(rows) == 0:
            continue
        height = rows[-1] - rows[0] + 1
        if not 0.6 * cap <= height <= 1.5 * cap:
            continue
        glyph = ink[rows[0] : rows[-1] + 1, s:e]
        images.append(cv2.resize(glyph, (_GLYPH_W, _GLYPH_H), interpolation=cv2.INTER_AREA).ravel())
        aspects.append(np.log((e - s) / height))
    if not images:
        return empty
    return np.asarray(images, np.float32), np.asarray(aspects, np.float32)


_GLYPH_ASPECT_WEIGHT = 2.0  # glyph distance: mean ink difference + this × |log aspect ratio difference|
_GLYPH_QUANTILE = 25  # a line's glyph distance: this percentile of its characters' nearest-twin distances
_GLYPH_SPREAD_FLOOR = 0.02  # the other lines' spread counts as at least this (mean ink difference units)
_PAIR_BLOCK = 32  # characters compared with all others at a time


def glyph_deviation(rows: Sequence[_Row]) -> float | None:
    """How much less the characters of one value line look like any character printed in the other value
    lines than those lines' characters do, in units of the others' robust spread.

    Every character of a genuine line has twins on the same card: the same letter, printed in the same
    typeface at the same size, in another value line (names, places, address, religion and job share most of
    the alphabet). A line re-typeset in another face (serif feet, a monospaced face's widths, other letter
    shapes), even at the right height and weight, has few: its characters' nearest neighbours among the other
    lines' characters stay far. The comparison is within the card only, with no model of any typeface. A
    line's distance is a low percentile of its characters' nearest-twin distances (most characters of a
    forged line are far, a few of a genuine line may be). Only lines of 5 characters or more, mostly letters,
    are scored: a date or number line has twins only in the other dates. None with fewer than 4 scored lines."""
    owner = np.concatenate([np.full(len(r.glyphs), i) for i, r in enumerate(rows)]) if rows else np.zeros(0)
    if len(owner) == 0:
        return None
    images = np.concatenate([r.glyphs for r in rows])
    aspects = np.concatenate([r.aspects for r in rows])
    # every character against every other once (a card has 100-200): a few milliseconds, in blocks of rows so
    # that the differences in flight stay a few MB (not N × N × 192 at once)
    pair = _GLYPH_ASPECT_WEIGHT * np.abs(aspects[:, None] - aspects[None])
    for start in range(0, len(images), _PAIR_BLOCK):
        block = images[start : start + _PAIR_BLOCK]
        pair[start : start + len(block)] += np.abs(block[:, None, :] - images[None]).mean(axis=2)
    dists: list[float | None] = []
    for i, row in enumerate(rows):
        mine, theirs = owner == i, owner != i
        if len(row.glyphs) < 3 or not theirs.any():
            dists.append(None)
            continue
        dists.append(float(np.percentile(pair[np.ix_(mine, theirs)].min(axis=1), _GLYPH_QUANTILE)))
    scored = [i for i, r in enumerate(rows) if dists[i] is not None and len(r.glyphs) >= 5 and r.wordy]
    if len(scored) < 4:
        return None
    worst = 0.0
    for i in scored:
        rest = np.array([v for j, v in enumerate(dists) if j != i and v is not None])
        mid = float(np.median(rest))
        spread = max(1.4826 * float(np.median(np.abs(rest - mid))), _GLYPH_SPREAD_FLOOR)
        worst = max(worst, (float(dists[i] or 0.0) - mid) / spread)
    return worst


def _level(ink: np.ndarray, lo: int, hi: int) -> np.ndarray:
    """The line's ink sheared level about its middle column. A line left slightly tilted by the flattening
    (a card photographed at an angle) otherwise looks taller than it is, and its bottom lower, the more the
    longer it is: the slope is fitted to the ink of the box's own rows (not the neighbours' in the margin)."""
    if hi - lo < 3:
        return ink
    ys, xs = np.nonzero(ink[lo:hi] > 0.5)
    if len(xs) < 20 or int(xs.max() - xs.min()) < 3 * (hi - lo):
        return ink
    slope = float(np.polyfit(xs.astype(np.float64), ys.astype(np.float64), 1)[0])
    if abs(slope) < 0.003:
        return ink
    cx = 0.5 * (ink.shape[1] - 1)
    shear = np.array([[1.0, 0.0, 0.0], [slope, 1.0, -slope * cx]], np.float32)
    return np.asarray(
        cv2.warpAffine(
            ink,
            shear,
            (ink.shape[1], ink.shape[0]),
            flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
            borderMode=cv2.BORDER_CONSTANT,
            borderValue=(0.0,),
        )
    )


def _text_band(gray: np.ndarray, box: BBox) -> tuple[float, float, float] | None:
    """(top, bottom, stroke width) of the text in `box`, with sub-pixel edges from the ink's row profile:
    the rows where the ink density is at least 35 % of the line's peak, around the densest row."""
    x0, y0, x1, y1 = box
    pad = max(3, (y1 - y0) // 3)
    top0 = max(0, y0 - pad)
    roi = gray[top0 : min(gray.shape[0], y1 + pad), max(0, x0 + 2) : max(x0 + 3, x1 - 2)].astype(np.float32)
    if roi.shape[0] < 6 or roi.shape[1] < 10:
        return None
    paper = float(np.percentile(roi, 90))
    ink = np.clip((paper - roi) / max(20.0, paper - float(np.percentile(roi, 3))), 0, 1)
    lo, hi = y0 - top0, min(ink.shape[0], y1 - top0)
    ink = _level(ink, lo, hi)
    # faint ink does not count: a stamp or pattern across the line's top or bottom (a fifth of the print's
    # darkness, over half the line's width) otherwise lifts those rows above the threshold
    profile = np.where(ink > 0.3, ink, 0.0).mean(axis=1)
    peak = float(np.percentile(profile, 95))
    if peak <= 0.05:
        return None
    thr = 0.35 * peak
    if hi <= lo:
        return None
    a = b = lo + int(np.argmax(profile[lo:hi]))
    while a > 0 and profile[a - 1] >= thr:
        a -= 1
    while b < len(profile) - 1 and profile[b + 1] >= thr:
        b += 1
    top = a - (profile[a] - thr) / max(1e-6, profile[a] - profile[a - 1]) if a > 0 else float(a)
    bottom = b + (profile[b] - thr) / max(1e-6, profile[b] - profile[b + 1]) if b < len(profile) - 1 else float(b)
    # stroke width: ink area over ink perimeter (the gradient's magnitude, so a bar, a stem and a diagonal count
    # alike; both sides of every stroke), on the soft ink so blur does not bias it; over the line's own rows
    # (and two rows either side, where the faint edges of its strokes lie) only, so that a neighbouring line's
    # print (the NIK's heavy digits) stays out
    own = np.pad(ink[max(0, a - 2) : b + 3], 1)
    stroke = 2.0 * float(own.sum()) / max(1.0, float(np.hypot(*np.gradient(own)).sum()))
    return top0 + float(top), top0 + float(bottom), stroke


def _cap_height(gray: np.ndarray, box: BBox, whole: float) -> float:
    """The text height of a line, as the median over pieces about 5 line-heights long: a line left slightly
    tilted by the flattening looks taller when measured whole."""
    x0, y0, x1, y1 = box
    pieces = max(1, round((x1 - x0) / (5 * max(1, y1 - y0))))
    if pieces == 1:
        return whole
    heights = []
    for i in range(pieces):
        band = _text_band(gray, (round(x0 + (x1 - x0) * i / pieces), y0, round(x0 + (x1 - x0) * (i + 1) / pieces), y1))
        if band is not None:
            heights.append(band[1] - band[0])
    return float(np.median(heights)) if heights else whole


def _worst_deviation(rows: Sequence[_Row], values: Sequence[float], w: int, h: int, floor: float) -> float:
    """Largest leave-one-out residual, in units of the others' robust spread (at least `floor`), of `values`
    against a plane over the card (a + b·x + c·y): a perspective left by the flattening changes text size and
    baselines smoothly across the card, an edited line changes them alone."""
    v = np.asarray(values, np.float64)
    design = np.array([[1.0, r.x / w, r.y / h] for r in rows])
    worst = 0.0
    for i in range(len(v)):
        keep = np.arange(len(v)) != i
        coef, *_ = np.linalg.lstsq(design[keep], v[keep], rcond=None)
        spread = max(1.4826 * float(np.median(np.abs(v[keep] - design[keep] @ coef))), floor)
        worst = max(worst, abs(float(v[i] - design[i] @ coef)) / spread)
    return worst


def _value_rows(card: np.ndarray, lines: Sequence[TextLine]) -> list[_Row]:
    """The value lines of the text rows (left edge right of the label column) that have a label beside them,
    each measured, with its label's baseline. The NIK (its own, larger type) and the blood-type cell are left
    out."""
    h, w = card.shape[:2]
    # the values are printed in black: a pixel is ink by its brightest channel, so that a coloured stamp, seal
    # or background pattern over a line (dark in plain grey) does not make it look taller or bolder
    gray = np.ascontiguousarray(card.max(axis=2))
    _, ay0, ax1, ay1 = TEXT_AREA
    values: list[TextLine] = []
    labels: list[TextLine] = []
    clipped: set[int] = set()
    right = round(ax1 * w)
    for line in lines:
        x0, y0, x1, y1 = line.bbox
        # A value starts in the text rows; one that runs on past them (a long or enlarged value) is measured
        # up to their right edge. Lines starting further right belong to the photo column.
        if not (ay0 * h < (y0 + y1) / 2 < ay1 * h and (x1 <= right + 20 or x0 < right - 0.1 * w)):
            continue
        text = line.text.replace(":", "").strip()
        if x0 >= VALUE_COLUMN * w:
            if len(text) >= 3 and "Darah" not in line.text and not (text.isdigit() and len(text) >= 14):
                if x1 > right + 20:
                    clipped.add(len(values))
                values.append(TextLine(line.text, line.confidence, (x0, y0, min(x1, right), y1)))
        else:
            labels.append(line)

    def centre(line: TextLine) -> float:
        return (line.bbox[1] + line.bbox[3]) / 2

    # A card left slightly turned by the flattening puts each label a little above or below its value: take
    # that shift from all rows (median of each value's nearest label) and pair each value with the label
    # nearest to where its own should be, within a third of a line.
    nearest = [min((centre(lb) - centre(v) for lb in labels), key=abs) for v in values] if labels else []
    shift = float(np.median(nearest)) if nearest else 0.0
    # the values start at one column after the colons; text starting well right of it (the issue date under
    # the photo, a stamp's text, the blood-type cell) is not a value
    column = float(np.median([v.bbox[0] for v in values])) if values else 0.0
    line_height = float(np.median([v.bbox[3] - v.bbox[1] for v in values])) if values else 0.0
    rows = []
    for k, line in enumerate(values):
        if line.bbox[0] > column + 1.5 * line_height:
            continue
        band = _text_band(gray, line.bbox)
        if band is None:
            continue
        top, bottom, stroke = band
        cy = centre(line)
        height = line.bbox[3] - line.bbox[1]
        label = min(labels, key=lambda lb: abs(centre(lb) - cy - shift), default=None)
        if label is None or abs(centre(label) - cy - shift) > height / 3:
            # no label beside it: a watermark, a stamp's text, the issue caption or a wrapped second line, none
            # of which is printed like the values
            continue
        label_band = _text_band(gray, label.bbox)
        chars = sum(ch.isalnum() for ch in line.text)
        # a value cut at the photo column has its glyphs cut too: it is compared by size and stroke only
        glyphs, aspects = _line_glyphs(gray, line.bbox, band) if k not in clipped else (None, None)
        row = _Row(
            (line.bbox[0] + line.bbox[2]) / 2,
            cy,
            _cap_height(gray, line.bbox, bottom - top),
            stroke,
            None if label_band is None else bottom - label_band[1],
            chars,
            sum(ch.isalpha() for ch in line.text) >= 0.6 * max(1, chars),
        )
        if glyphs is not None and aspects is not None:
            row.glyphs, row.aspects = glyphs, aspects
        rows.append(row)
    return rows


def _size_deviation(rows: Sequence[_Row], w: int, h: int) -> float | None:
    """The most inconsistent value line by text height, stroke width or baseline (against its label's),
    measured against the other lines (see _worst_deviation).

    None with fewer than 5 value lines, or when two or more of them differ from the median height by more than
    any edit a clerk would miss (a factor of 1.8): then the lines were not found as printed rows (merged by
    the OCR, or a card read badly) and comparing them says nothing. One such line is what an edit looks like,
    and is measured. Stroke widths are compared over values of 5 characters or more only: a short value has
    too few strokes to measure."""
    if len(rows) < 5:
        return None
    caps = np.array([r.cap for r in rows])
    mid = float(np.median(caps))
    if int(((caps > 1.8 * mid) | (caps < mid / 1.8)).sum()) > 1:
        return None
    worst = _worst_deviation(rows, [float(np.log(max(r.cap, 1.0))) for r in rows], w, h, 0.03)
    long_rows = [r for r in rows if r.chars >= 5]
    if len(long_rows) >= 5:
        worst = max(
            worst, _worst_deviation(long_rows, [float(np.log(max(r.stroke, 0.3))) for r in long_rows], w, h, 0.05)
        )
    with_label = [r for r in rows if r.baseline_offset is not None]
    if len(with_label) >= 5:
        worst = max(
            worst,
            _worst_deviation(with_label, [float(r.baseline_offset or 0.0) for r in with_label], w, h, 0.6 * w / 1000),
        )
    return worst


def text_deviations(card: np.ndarray, lines: Sequence[TextLine]) -> tuple[float | None, float | None]:
    """(size deviation, glyph deviation) of the most inconsistent value line: by type height, stroke and
    baseline (see _size_deviation), and by the shapes of its characters (see glyph_deviation). Either is None
    when there are too few lines to compare."""
    h, w = card.shape[:2]
    rows = _value_rows(card, lines)
    return _size_deviation(rows, w, h), glyph_deviation(rows)


# capture faults that change how text looks across the card: with one of them, an uneven line is the capture's
TEXT_MASKING_FAULTS: tuple[str, ...] = ("resolution", "blur", "glare")


def text_edit_check(
    card: np.ndarray,
    lines: Sequence[TextLine] | None = None,
    limits: CheckThresholds = DEFAULT_THRESHOLDS,
    capture_faults: Sequence[str] = (),
) -> Check:
    """Edited text: one value line whose type height, stroke or baseline is out of line with the others, or
    whose characters have no twins among the other lines' characters (another typeface).

    `lines` are the OCR lines of the upright card. Each deviation is taken over its own limit and the larger
    decides, so that neither test hides what the other catches. Score: 1 − that ratio / 2, clipped.

    Not measured when the capture itself failed a check that changes how text looks (`capture_faults` among
    TEXT_MASKING_FAULTS): a glare spot, blur or a card a few hundred pixels wide makes lines differ in height
    and stroke on untouched cards (a third of the clean-room renderer's hard and small captures), and that
    capture is already sent back for a retake."""
    masking = [f for f in capture_faults if f in TEXT_MASKING_FAULTS]
    if masking:
        return Check("text_edit", True, 0.5, f"not compared: the capture failed the {', '.join(masking)} check")
    size, glyph = text_deviations(card, lines or [])
    if size is None and glyph is None:
        return Check("text_edit", True, 0.5, "too few text lines to compare")
    size_ratio = 0.0 if size is None else size / limits.max_text_deviation
    glyph_ratio = 0.0 if glyph is None else glyph / limits.max_glyph_deviation
    ratio = max(size_ratio, glyph_ratio)
    measured = (
        f"size deviation {'n/a' if size is None else f'{size:.1f}'}, "
        f"glyph deviation {'n/a' if glyph is None else f'{glyph:.1f}'}"
    )
    if ratio <= 1:
        detail = f"the text lines are printed alike ({measured})"
    elif glyph_ratio > size_ratio:
        detail = (
            f"one text line's characters do not match the same characters in the other lines ({measured}): "
            "it may have been re-typeset in another typeface"
        )
    else:
        detail = (
            f"one text line's size, stroke or baseline differs from the others ({measured}): "
            "the text may have been edited"
        )
    return _review(Check("text_edit", ratio <= 1, max(0.0, 1 - ratio / 2), detail), "TEXT_EDIT_SUSPECTED")


def specimen_check(nik: str | None, limits: CheckThresholds = DEFAULT_THRESHOLDS) -> Check | None:
    """The NIK read is one printed on published specimen cards. None when no NIK was read."""
    if not nik:
        return None
    if nik in limits.specimen_niks:
        return Check(
            "specimen_nik",
            False,
            0.0,
            f"NIK {nik} is a known specimen number, not a real person's",
            action="review",
            reason="SPECIMEN_NIK",
        )
    return Check("specimen_nik", True, 1.0, "the NIK is not a known specimen number")


def card_checks(
    card: np.ndarray,
    lines: Sequence[TextLine] | None = None,
    limits: CheckThresholds = DEFAULT_THRESHOLDS,
    capture: Sequence[Check] = (),
) -> list[Check]:
    """The authenticity checks over the upright card and its OCR lines; `capture` are the capture checks
    of the same page (see text_edit_check)."""
    faults = [c.name for c in capture if not c.passed]
    return [
        photocopy_check(card, limits),
        screen_check(card, limits, faults),
        face_photo_check(card, limits),
        text_edit_check(card, lines, limits, faults),
    ]
