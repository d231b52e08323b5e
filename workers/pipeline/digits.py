"""The letters a recogniser reads for digits, in one table for every field that can only hold digits (a NIK, a
KK or SIM number, a date, an RT/RW). The MRZ keeps its own (workers.pipeline.mrz): OCR-B's alphabet and check
digits decide there."""

from __future__ import annotations

import re

DIGIT_CONFUSIONS = str.maketrans(
    {
        "O": "0",
        "Q": "0",
        "D": "0",
        "U": "0",
        "I": "1",
        "L": "1",
        "|": "1",
        "!": "1",
        "J": "1",
        "T": "7",
        "Z": "2",
        "S": "5",
        "B": "8",
        "G": "6",
        "A": "4",
        "?": "7",
    }
)


def digits_only(text: str) -> str:
    """The digits of `text` after undoing the confusions (`32O4 l23` → `320412 3` → `3204123`)."""
    return re.sub(r"\D", "", text.upper().translate(DIGIT_CONFUSIONS))
