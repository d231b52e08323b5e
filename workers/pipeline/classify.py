"""Which document a page is, and whether it was read the right way up, from the labels the OCR found.

The recogniser reads upside-down text surprisingly well (`Nama`, `NIK` come out right), so the number
of labels alone cannot tell a card from its 180° turn. The order of the labels can: on an upright KTP-el
NIK stands above Nama, Nama above Tempat/Tgl Lahir, and so on; upside down the order runs backwards.
"""

from __future__ import annotations

from dataclasses import dataclass

from workers.pipeline.extract.ktp import LABELS as KTP_LABELS
from workers.pipeline.extract.layout import find_labels, squash
from workers.pipeline.types import TextLine

_ORDER = {label.key: i for i, label in enumerate(KTP_LABELS)}
_SAME_ROW = {("sex", "blood_type")}


@dataclass(frozen=True)
class Reading:
    score: float  # 0–1, how much of a KTP-el was found
    order: float  # -1…1: +1 labels run top to bottom as printed, -1 they run bottom to top (upside down)


def ktp_reading(lines: list[TextLine]) -> Reading:
    hits = find_labels(lines, KTP_LABELS)
    header = any(squash(t.text).startswith("PROVINSI") for t in lines)
    score = min(1.0, (len(hits) + (2 if header else 0)) / (len(KTP_LABELS) * 0.75))
    keys = sorted(hits, key=_ORDER.__getitem__)
    agree = disagree = 0
    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            if (a, b) in _SAME_ROW:
                continue
            dy = hits[b].line.cy - hits[a].line.cy
            agree += dy > 0
            disagree += dy < 0
    pairs = agree + disagree
    return Reading(score, (agree - disagree) / pairs if pairs else 0.0)


def _has_nik_and_header(lines: list[TextLine]) -> bool:
    """A KTP-el blurred past its labels still shows its header and its sixteen-digit NIK."""
    header = any(squash(t.text).startswith("PROVINSI") for t in lines)
    nik = any(sum(c.isdigit() for c in t.text) >= 15 and len(squash(t.text)) <= 20 for t in lines)
    return header and nik


def classify(lines: list[TextLine]) -> tuple[str, float]:
    reading = ktp_reading(lines)
    if reading.score >= 0.4 and reading.order > 0:
        return "ktp", round(reading.score, 3)
    if reading.order >= 0 and _has_nik_and_header(lines):
        return "ktp", round(max(0.4, reading.score), 3)
    return "unknown", round(1.0 - reading.score, 3)
