"""A second look at free-text fields: put back word spaces the page read dropped.

PP-OCR's batched page read loses narrow spaces (`PUTUHANIFARIDA` for `PUTU HANI FARIDA`), most often in
tightly set fonts and blurred captures. Recognising the value's own box once more, with a margin and at
its own width, keeps them. Only the word breaks of the second reading are taken, aligned onto the first
reading's characters, and only when the two readings are the same text: this step moves spaces, it
never changes a character. The one addition, `restore_dots`, puts back an address abbreviation's dot that
blur thinned below the recogniser's blank, where every look still sees it.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

import numpy as np
from rapidfuzz.distance import Levenshtein

from workers.pipeline.extract.ktp import DOTTED_ABBREVIATIONS, space_after_dots
from workers.pipeline.extract.layout import strip_colon
from workers.pipeline.ocr import OcrEngine
from workers.pipeline.types import BBox

_ALNUM = re.compile(r"[^A-Z0-9]")


def letters(text: str) -> str:
    return _ALNUM.sub("", text.upper())


def value_crop(page: np.ndarray, bbox: BBox, margin: float = 1 / 6) -> np.ndarray:
    x0, y0, x1, y1 = bbox
    pad = max(2, round((y1 - y0) * margin))
    return page[max(0, y0 - pad) : y1 + pad, max(0, x0 - pad) : x1 + pad]


def transfer_spaces(first: str, second: str) -> str | None:
    """`first`'s characters with `second`'s word breaks, aligned character by character; None when the two
    readings differ in more than one character in ten (then they are not the same text)."""
    a, b = first.replace(" ", ""), second.replace(" ", "")
    if not a or Levenshtein.distance(a, b) > max(1, len(a) // 10):
        return None
    breaks_b: set[int] = set()
    pos = 0
    for word in second.split()[:-1]:
        pos += len(word)
        breaks_b.add(pos)  # a break before b[pos]
    breaks_a: set[int] = set()
    for op in Levenshtein.opcodes(a, b):
        for k in range(op.dest_start, op.dest_end):  # a break before b[k] goes before a's counterpart
            if k in breaks_b:
                offset = min(k - op.dest_start, op.src_end - op.src_start) if op.tag != "insert" else 0
                breaks_a.add(op.src_start + offset)
    out = "".join((" " if i in breaks_a and i else "") + ch for i, ch in enumerate(a))
    return out


def respace(engine: OcrEngine, page: np.ndarray, bbox: BBox, text: str, agree_only: bool = False) -> str | None:
    """A second look at a value's box: a better reading of `text`, or None when there is nothing to change.

    The box is recognised twice more, with a narrow and a wide margin. When those two readings agree
    with each other and differ from the page read by at most one character in ten, they win outright
    (two independent looks against one). Otherwise only their word breaks are taken, unless `agree_only`.
    """
    if not letters(text):
        return None

    def look(margin: float) -> str | None:
        crop = value_crop(page, bbox, margin)
        return " ".join(strip_colon(engine.recognise(crop)[0].upper()).split()) if crop.size else None

    first = look(1 / 6)
    if first is None or first == text:
        return None  # the common case: one extra recognition, nothing to change
    if look(1 / 3) == first and transfer_spaces(text, first) is not None:
        return first
    if agree_only:  # a long line of prose: one look that differs from the page read is no evidence
        return None
    spaced = transfer_spaces(text, first)
    if spaced is None or spaced.split() == text.split():
        return None
    return spaced


_UNDOTTED = re.compile(r"\b(?:" + "|".join(DOTTED_ABBREVIATIONS) + r")\b(?!\.)")
# The share of a frame a '.' must hold to count as a printed dot that blur thinned below the CTC blank, in every
# look that reads the abbreviation. Clean-room development set cr-dev-9902 (60 scan, digital, low and small
# cards): where the card prints no dot after JL/GG/NO/KP the smaller of the two looks' shares never passed 0.003
# (28 abbreviations); where it prints one that the page read lost, 0.006-0.19 (10). The generator's set
# gen-dev-9903 showed why one look is not enough: a glare-washed `JL KENDALSARI` held 0.025 in one look, 0.001
# in the other.
FAINT_DOT = 0.01


def restore_dots(engine: OcrEngine, page: np.ndarray, bbox: BBox, text: str) -> str:
    """`text` with the dots after its abbreviations that the page read lost and the pixels still show.

    Punctuation is never guessed from habit (cards mix `JL.` with `NO`): the value's box is recognised with
    faint dots kept (two margins, as respace looks), and a dot is added only after an abbreviation that every
    look reading that word sees dotted. Nothing else of the second reading is taken."""
    if not _UNDOTTED.search(text):
        return text
    words = text.split()
    plain = [w.rstrip(".") for w in words]
    votes: dict[int, list[bool]] = {}
    for margin in (1 / 6, 1 / 3):
        crop = value_crop(page, bbox, margin)
        if not crop.size:
            continue
        other = space_after_dots(engine.recognise(crop, faint_dot=FAINT_DOT)[0].upper()).split()
        blocks = SequenceMatcher(a=plain, b=[w.rstrip(".") for w in other], autojunk=False).get_matching_blocks()
        for block in blocks:
            for k in range(block.size):
                i, j = block.a + k, block.b + k
                if plain[i] in DOTTED_ABBREVIATIONS and not words[i].endswith("."):
                    votes.setdefault(i, []).append(other[j].endswith("."))
    dotted = {i for i, seen_dot in votes.items() if all(seen_dot)}
    return " ".join(w + "." if i in dotted else w for i, w in enumerate(words))
