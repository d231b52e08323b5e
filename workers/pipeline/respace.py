"""Restore word spaces the recogniser dropped (`PUTUHANIFARIDA` for `PUTU HANI FARIDA`).

PP-OCR's recogniser loses narrow spaces, most often in tightly set fonts. The page still shows them:
columns without ink that are wider than the gaps between letters. We cut the value's box at those
columns, read each piece on its own, and accept the result only if it spells exactly the same letters:
this can add spaces, never change a character.
"""

from __future__ import annotations

import itertools
import re
import statistics

import cv2
import numpy as np

from workers.pipeline.ocr import OcrEngine
from workers.pipeline.types import BBox

LONG_WORD = 11  # letters; longer runs in a name or address are suspected merges
_LETTERS = re.compile(r"[^A-Z0-9]")


def letters(text: str) -> str:
    return _LETTERS.sub("", text.upper())


def needs_respacing(text: str) -> bool:
    return any(len(letters(word)) >= LONG_WORD for word in text.split())


def _gaps(ink: np.ndarray) -> list[tuple[int, int]]:
    """(start, end) of blank column runs strictly between inked columns."""
    cols = np.flatnonzero(ink)
    if cols.size == 0:
        return []
    gaps = []
    for a, b in itertools.pairwise(cols):
        if b - a > 1:
            gaps.append((int(a) + 1, int(b)))
    return gaps


def word_cuts(crop: np.ndarray) -> list[int]:
    """x positions (crop pixels) of gaps wide enough to be spaces between words."""
    gray = cv2.cvtColor(crop, cv2.COLOR_BGR2GRAY) if crop.ndim == 3 else crop
    _, mask = cv2.threshold(gray, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    ink = mask.sum(axis=0) >= max(1, mask.shape[0] // 20)
    gaps = _gaps(ink)
    if len(gaps) < 2:
        return []
    widths = [b - a for a, b in gaps]
    typical = statistics.median(widths)
    min_space = max(0.12 * crop.shape[0], 2.0 * typical, 3)
    return [(a + b) // 2 for a, b in gaps if b - a >= min_space]


def respace(engine: OcrEngine, page: np.ndarray, bbox: BBox, text: str) -> str | None:
    """`text` with its lost spaces put back, or None when the page does not show them clearly."""
    x0, y0, x1, y1 = bbox
    pad = max(2, (y1 - y0) // 6)
    crop = page[max(0, y0 - pad): y1 + pad, max(0, x0 - pad): x1 + pad]
    if crop.size == 0:
        return None
    cuts = word_cuts(crop)
    if not cuts:
        return None
    bounds = [0, *cuts, crop.shape[1]]
    pieces: list[str] = []
    for a, b in itertools.pairwise(bounds):
        image = cv2.copyMakeBorder(crop[:, a:b], 8, 8, 12, 12, cv2.BORDER_REPLICATE)
        read = " ".join(t.text for t in engine.read(image)).strip(" :;")
        if read:
            pieces.append(read)
    joined = " ".join(pieces)
    target = letters(text)
    if not target or letters(joined) != target:
        return None
    # Keep the original characters (punctuation included); only put spaces where the pieces end.
    compact = text.replace(" ", "")
    out: list[str] = []
    i = 0
    for piece in pieces:
        need, start = len(letters(piece)), i
        while need and i < len(compact):
            need -= compact[i].isalnum()
            i += 1
        while i < len(compact) and not compact[i].isalnum():  # trailing dots stay with their word
            i += 1
        out.append(compact[start:i])
    out[-1] += compact[i:]
    return " ".join(p for p in out if p)
