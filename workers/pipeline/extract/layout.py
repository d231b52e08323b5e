"""Reading label/value forms from OCR lines: find labels by fuzzy match, collect what stands to their right.

A label and its value may come as one OCR line (`Nama : BUDI`) or several (`Nama`, `:`, `BUDI`); labels get
misread (`KelDesa`, `Kecamatan;`) and colons get lost or doubled. Nothing here knows pixel positions of a
particular card design: rows are found from the lines' own geometry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from workers.pipeline.types import BBox, TextLine

_COLON = re.compile(r"^[\s:;.,=]*")
_KEY = re.compile(r"[^A-Z0-9]")


@dataclass(frozen=True)
class Label:
    key: str
    variants: tuple[str, ...]
    inline: bool = False  # may also appear in the middle of a line (e.g. "Gol. Darah" after the sex)


@dataclass
class LabelHit:
    label: Label
    line: TextLine
    rest: str  # the part of the line after the label
    score: float


@dataclass
class Value:
    text: str
    confidence: float
    bbox: BBox | None


def squash(text: str) -> str:
    """Upper case, letters and digits only: `Kel/Desa :` → `KELDESA`."""
    return _KEY.sub("", text.upper())


def strip_colon(text: str) -> str:
    return _COLON.sub("", text).strip()


def match_label(text: str, labels: list[Label], min_score: float = 80.0) -> tuple[Label, str, float] | None:
    """The label a line starts with, the rest of the line, and the match score (0–100)."""
    upper = text.upper()
    best: tuple[Label, str, float] | None = None
    # Candidate split points: at a colon if there is one early on, else after each word.
    splits: list[int] = []
    colon = re.search(r"[:;]", upper)
    if colon and colon.start() <= 26:
        splits.append(colon.start())
    splits.extend(m.end() for m in re.finditer(r"\S+", upper))
    for cut in splits:
        head = squash(upper[:cut])
        if not head or len(head) > 22:
            continue
        for label in labels:
            for variant in label.variants:
                target = squash(variant)
                if abs(len(head) - len(target)) > max(2, len(target) // 3):
                    continue
                score = fuzz.ratio(head, target)
                if len(target) <= 3 and head != target:
                    score = 0.0  # short labels (NIK, RT/RW) must be exact once squashed
                if score >= min_score and (best is None or score > best[2]):
                    best = (label, strip_colon(text[cut:]), score)
    return best


def same_row(a: TextLine | BBox, b: TextLine | BBox) -> bool:
    """Boxes overlap vertically by at least half the smaller height."""
    ab = a.bbox if isinstance(a, TextLine) else a
    bb = b.bbox if isinstance(b, TextLine) else b
    overlap = min(ab[3], bb[3]) - max(ab[1], bb[1])
    return overlap >= 0.5 * min(ab[3] - ab[1], bb[3] - bb[1])


def union(boxes: list[BBox]) -> BBox | None:
    if not boxes:
        return None
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def find_labels(lines: list[TextLine], labels: list[Label]) -> dict[str, LabelHit]:
    """The best line for each label; a line is used for one label only."""
    hits: dict[str, LabelHit] = {}
    for line in lines:
        found = match_label(line.text, labels)
        if found is None:
            continue
        label, rest, score = found
        current = hits.get(label.key)
        if current is None or score > current.score:
            hits[label.key] = LabelHit(label, line, rest, score)
    return hits


def row_value(hit: LabelHit, lines: list[TextLine], label_lines: set[int], max_gap: float = 3.0) -> Value:
    """The value of a label: the rest of its own line, then lines to its right on the same row.

    The first box to the right may be far away (short labels stand before an aligned colon column);
    after that, a gap wider than `max_gap` line heights ends the value, which keeps text from another
    column (the photo's caption, the place of issue) out.
    """
    line = hit.line
    parts = [hit.rest] if hit.rest else []
    confs = [line.confidence] if hit.rest else []
    boxes = [line.bbox] if hit.rest else []
    right = sorted(
        (other for other in lines
         if other is not line and id(other) not in label_lines and other.x0 >= line.x1 - 4 and same_row(other, line)),
        key=lambda t: t.x0,
    )
    edge = line.x1
    started = bool(hit.rest)
    for other in right:
        gap = other.x0 - edge
        if started and gap > max_gap * line.height:
            break
        text = strip_colon(other.text) if not started else other.text
        if text:
            parts.append(text)
            confs.append(other.confidence)
            boxes.append(other.bbox)
            started = True
        edge = other.x1
    text = " ".join(parts).strip()
    confidence = min(confs) if confs else 0.0
    return Value(text, confidence, union(boxes))
