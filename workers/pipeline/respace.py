"""Restore word spaces the recogniser dropped (`PUTUHANIFARIDA` for `PUTU HANI FARIDA`).

PP-OCR's recogniser loses narrow spaces, most often in tightly set fonts or blurred captures. The page
still shows them: columns without ink that are clearly wider than the gaps between letters. When the
page shows more words than the text has, we cut the value's box at those columns, read each piece on
its own, and accept the result only if it spells exactly the same characters: this can add spaces,
never change a letter.
"""

from __future__ import annotations

import itertools
import re
import statistics

import cv2
import numpy as np

from workers.pipeline.ocr import OcrEngine
from workers.pipeline.types import BBox

_ALNUM = re.compile(r"[^A-Z0-9]")


def letters(text: str) -> str:
    return _ALNUM.sub("", text.upper())


def _crop(page: np.ndarray, bbox: BBox) -> np.ndarray:
    x0, y0, x1, y1 = bbox
    pad = max(2, (y1 - y0) // 6)
    return page[max(0, y0 - pad): y1 + pad, max(0, x0 - pad): x1 + pad]


def _ink_columns(crop: np.ndarray) -> np.ndarray:
    gray = cv2.cvtColor(crop, cv2.COLOR_BGR2GRAY) if crop.ndim == 3 else crop
    _, mask = cv2.threshold(gray, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    return np.asarray(mask.sum(axis=0) >= max(1, mask.shape[0] // 20))


def _gaps(ink: np.ndarray) -> list[tuple[int, int]]:
    """(start, end) of blank column runs strictly between inked columns."""
    cols = np.flatnonzero(ink)
    return [(int(a) + 1, int(b)) for a, b in itertools.pairwise(cols) if b - a > 1]


def word_segments(crop: np.ndarray) -> list[tuple[int, int]]:
    """(x0, x1) of ink runs separated by gaps wide enough to be word spaces; colons and dots dropped."""
    ink = _ink_columns(crop)
    cols = np.flatnonzero(ink)
    if cols.size == 0:
        return []
    gaps = _gaps(ink)
    height = crop.shape[0]
    if gaps:
        typical = statistics.median(b - a for a, b in gaps)
        min_space = max(2.0 * typical, 0.16 * height, 3)
        cuts = [(a, b) for a, b in gaps if b - a >= min_space]
    else:
        cuts = []
    edges = [int(cols[0]), *[x for cut in cuts for x in cut], int(cols[-1]) + 1]
    runs = list(zip(edges[0::2], edges[1::2], strict=True))
    return [(a, b) for a, b in runs if b - a >= 0.3 * height]


def missing_spaces(page: np.ndarray, bbox: BBox, text: str) -> bool:
    """Cheap test, no OCR: does the page show more words than the text has?"""
    crop = _crop(page, bbox)
    return crop.size > 0 and len(word_segments(crop)) > len(text.split())


def respace(engine: OcrEngine, page: np.ndarray, bbox: BBox, text: str) -> str | None:
    """`text` with its lost spaces put back, or None when the page does not show them clearly."""
    crop = _crop(page, bbox)
    if crop.size == 0:
        return None
    pieces: list[str] = []
    for a, b in word_segments(crop):
        a, b = max(0, a - 2), min(crop.shape[1], b + 2)
        image = cv2.copyMakeBorder(crop[:, a:b], 8, 8, 12, 12, cv2.BORDER_REPLICATE)
        read = " ".join(t.text for t in engine.read(image)).strip(" :;")
        if letters(read):
            pieces.append(read)
    target = letters(text)
    if len(pieces) < 2 or letters("".join(pieces)) != target:
        return None
    # Keep the original characters (punctuation included); only put spaces where the pieces end.
    compact = text.replace(" ", "")
    words: list[str] = []
    i = 0
    for piece in pieces:
        need, start = len(letters(piece)), i
        while need and i < len(compact):
            need -= compact[i].isalnum()
            i += 1
        while i < len(compact) and not compact[i].isalnum():  # trailing dots stay with their word
            i += 1
        word = compact[start:i]
        if words and words[-1][-1:].isdigit() and word[:1].isdigit():
            words[-1] += word  # numbers are never split: NO. 114, not NO. 1 1 4
        else:
            words.append(word)
    words[-1] += compact[i:]
    return " ".join(w for w in words if w)
