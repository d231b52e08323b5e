"""A second look at free-text fields: put back word spaces the page read dropped.

PP-OCR's batched page read loses narrow spaces (`PUTUHANIFARIDA` for `PUTU HANI FARIDA`), most often in
tightly set fonts and blurred captures. Recognising the value's own box once more, with a margin and at
its own width, keeps them. The second reading is accepted only when it spells exactly the same letters
and digits as the first: this step can move spaces, never change a character.
"""

from __future__ import annotations

import re

import numpy as np

from workers.pipeline.extract.layout import strip_colon
from workers.pipeline.ocr import OcrEngine
from workers.pipeline.types import BBox

_ALNUM = re.compile(r"[^A-Z0-9]")


def letters(text: str) -> str:
    return _ALNUM.sub("", text.upper())


def value_crop(page: np.ndarray, bbox: BBox) -> np.ndarray:
    x0, y0, x1, y1 = bbox
    pad = max(2, (y1 - y0) // 6)
    return page[max(0, y0 - pad): y1 + pad, max(0, x0 - pad): x1 + pad]


def respace(engine: OcrEngine, page: np.ndarray, bbox: BBox, text: str) -> str | None:
    """`text` spaced as a second recognition of its box reads it, or None if that reading differs."""
    crop = value_crop(page, bbox)
    if crop.size == 0 or not letters(text):
        return None
    again, _ = engine.recognise(crop)
    again = strip_colon(again.upper())
    if letters(again) != letters(text) or again.split() == text.split():
        return None
    return again
