"""Dates as documents print them, to ISO: `31-08-1990` on cards (with misread separators and letters read for
digits: `parse_date`) and `3 November 2023` in letters (Indonesian or English month names, fuzzily, or a numeric
date: `parse_written_date`)."""

from __future__ import annotations

import re
from datetime import date

from rapidfuzz import fuzz, process

from workers.pipeline.digits import DIGIT_CONFUSIONS

MONTHS = {
    "JANUARI": 1,
    "FEBRUARI": 2,
    "MARET": 3,
    "APRIL": 4,
    "MEI": 5,
    "JUNI": 6,
    "JULI": 7,
    "AGUSTUS": 8,
    "SEPTEMBER": 9,
    "OKTOBER": 10,
    "NOVEMBER": 11,
    "DESEMBER": 12,
    "JANUARY": 1,
    "FEBRUARY": 2,
    "MARCH": 3,
    "MAY": 5,
    "JUNE": 6,
    "JULY": 7,
    "AUGUST": 8,
    "OCTOBER": 10,
    "DECEMBER": 12,
    "PEBRUARI": 2,
    "NOPEMBER": 11,
}
DMY = re.compile(r"(\d{1,2})\s*[-./]\s*(\d{1,2})\s*[-./]\s*(\d{4})")
_WRITTEN = re.compile(r"(\d{1,2})\s*([A-Za-z]{3,10})\s*(\d{4})")
_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})\s?([-/.])\s?(\d{1,2})\s?\2\s?((?:19|20)\d\d)(?!\d)")


def parse_date(text: str) -> str | None:
    """`31-08-1990` (also with misread separators or letter-for-digit confusions) → `1990-08-31`."""
    fixed = re.sub(r"[A-Z|!?]", lambda m: m.group(0).translate(DIGIT_CONFUSIONS), text.upper())
    m = DMY.search(fixed)
    if m is None:
        digits = re.sub(r"\D", "", fixed)
        if len(digits) != 8:
            return None
        day, month, year = digits[:2], digits[2:4], digits[4:]
    else:
        day, month, year = m.groups()
    if not 1900 <= int(year) <= 2100:  # digits run together from two lines (`7072`), not a date on a card
        return None
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def parse_written_date(text: str) -> str | None:
    """`3 November 2023` (OCR may glue it: `3November2023`) or `24-06-2024` (also with `/` or `.`) → ISO;
    month names matched fuzzily. The first date the text prints wins."""
    found: list[tuple[int, str]] = []
    for m in _WRITTEN.finditer(text):
        word = m.group(2).upper()
        month = MONTHS.get(word) or MONTHS.get(m.group(2).replace("l", "I").upper())  # `MEl`: I read as l
        if month is None:
            hit = process.extractOne(word, list(MONTHS), scorer=fuzz.ratio, score_cutoff=75)
            month = MONTHS[hit[0]] if hit else None
        if month is None:
            continue
        try:
            found.append((m.start(), date(int(m.group(3)), month, int(m.group(1))).isoformat()))
            break
        except ValueError:
            continue
    for m in _NUMERIC.finditer(text):
        try:
            found.append((m.start(), date(int(m.group(4)), int(m.group(3)), int(m.group(1))).isoformat()))
            break
        except ValueError:
            continue
    return min(found)[1] if found else None
