"""Which document a page is, from the labels and header words the OCR found."""

from __future__ import annotations

from workers.pipeline.extract.layout import find_labels, squash
from workers.pipeline.extract.ktp import LABELS as KTP_LABELS
from workers.pipeline.types import TextLine

KTP_TITLE_WORDS = ("PROVINSI", "NIK", "KEWARGANEGARAAN", "BERLAKUHINGGA")


def ktp_score(lines: list[TextLine]) -> float:
    """0–1: the share of KTP-el labels found, with a bonus for the header word PROVINSI."""
    labels = len(find_labels(lines, KTP_LABELS))
    header = any(squash(t.text).startswith("PROVINSI") for t in lines)
    return min(1.0, (labels + (2 if header else 0)) / (len(KTP_LABELS) * 0.75))


def classify(lines: list[TextLine]) -> tuple[str, float]:
    score = ktp_score(lines)
    if score >= 0.4:
        return "ktp", round(score, 3)
    return "unknown", round(1.0 - score, 3)
