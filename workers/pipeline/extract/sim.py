"""The SIM (Surat Izin Mengemudi, the driving licence) and its reader (doctypes.sim).

Anchored on what every SIM prints, never on positions: the title `SURAT IZIN MENGEMUDI`; the class, large, in
the top band (`A` … `B2 UMUM`); the number's twelve or fourteen digits (`MMYY-PPPP-NNNN[NN]`, grouped by dashes
or spaces, read in one box or several on its row); and the numbered entries `1.` … `6.` down one column,
with or without a short label after the number (`1. Nama :`, `3. GOL. DARAH - JENIS KELAMIN`, English under
the label or not). An entry's value is what follows its number and label on its row, and the lines below it
that start where its value starts, up to the next entry: a name, an address or an occupation wraps. Then
`Berlaku s/d …` (or `BERLAKU S/D`, `Berlaku sampai`) with the expiry date.

The card checks itself: the number's MMYY is the holder's birth month and year, and the validity ends on the
holder's birthday. A birth date whose month the number and the expiry date both contradict is a misread
(repaired, at a lower confidence), and so is an expiry whose day or month alone differs from the birthday;
what cannot be settled becomes a reason for a clerk (`SIM_NUMBER_DOB_MISMATCH`, `SIM_VALIDITY_NOT_BIRTHDAY`).
The card prints PRIA / WANITA; the fields carry the registry's LAKI-LAKI / PEREMPUAN.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from itertools import pairwise

import cv2
import numpy as np
from rapidfuzz import fuzz

from primitives.regions import card_province, card_regency, load_regions, place_name
from workers.pipeline import quality
from workers.pipeline.classify import hits, texts
from workers.pipeline.dates import parse_date
from workers.pipeline.digits import DIGIT_CONFUSIONS
from workers.pipeline.extract.ktp import KtpExtractor, clean_text, snap
from workers.pipeline.extract.layout import Label, match_label, same_row, squash, strip_colon, text_rows, union
from workers.pipeline.ocr import OcrEngine
from workers.pipeline.reader import Context, Flatten, Options, PageClass, PageRead, Reader, Reading
from workers.pipeline.respace import respace
from workers.pipeline.types import BBox, Check, Field, Page, Reason, TextLine
from workers.pipeline.vocab import ALL_OCCUPATIONS, BLOOD_TYPES

CLASSES = ("A", "B1", "B2", "C", "C1", "C2", "D", "D1", "A UMUM", "B1 UMUM", "B2 UMUM")
SEX_WORDS = {"PRIA": "LAKI-LAKI", "WANITA": "PEREMPUAN", "LAKI-LAKI": "LAKI-LAKI", "PEREMPUAN": "PEREMPUAN"}
OFFICES = ("POLDA", "POLRES", "POLRESTA", "POLRESTABES", "POLRESTRO", "POLWILTABES")
# the labels some versions print after an entry's number, in Indonesian (and English under them)
ENTRY_LABELS = {
    1: ("NAMA", "NAME"),
    2: (
        "TEMPAT & TGL. LAHIR",
        "TEMPAT & TGL LAHIR",
        "TEMPAT/TGL. LAHIR",
        "TEMPAT TANGGAL LAHIR",
        "PLACE & DATE OF BIRTH",
    ),
    3: ("GOL. DARAH - JENIS KELAMIN", "GOL DARAH JENIS KELAMIN", "GOLONGAN DARAH - JENIS KELAMIN", "BLOOD TYPE - SEX"),
    4: ("ALAMAT", "ADDRESS"),
    5: ("PEKERJAAN", "OCCUPATION"),
    6: ("DITERBITKAN OLEH", "ISSUED BY"),
}
ENGLISH = ("NAME", "PLACEDATEOFBIRTH", "PLACEANDDATEOFBIRTH", "BLOODTYPESEX", "ADDRESS", "OCCUPATION", "ISSUEDBY")
_TITLE = ("IZINMENGEMUDI", "SURATIZINMENGE", "MENGEMUDI")
_CUES = ("SURATIZIN", "MENGEMUDI", "BERLAKUSD", "DITERBITKANOLEH", "GOLDARAH", "POLRES", "POLDA", "KEPOLISIAN")
_MARKER = re.compile(r"^\s*([1-6])(?:\s*[.,:;]\s*|\s+(?=[A-Za-z(]))(.*)$")
_MARKER_MISREAD = re.compile(r"^\s*([IlL|!])\s*[.,]\s+(.*)$")  # `l. BUDI`: a 1 read as a letter
_MARKER_BARE = re.compile(r"^\s*([1-6])()\s*$")  # the number alone, its dot lost in the print's blur
_EXPIRY = re.compile(
    r"B\s*E\s*R\s*L\s*A\s*K\s*U\W*(?:S\s*/?\s*D|SAMPAI(?:\s*DENGAN)?|HINGGA)?\s*[:;.]?\s*(.*)$", re.IGNORECASE
)
_DATE_TAIL = re.compile(r"[\dOQDILJSZBG|]{1,2}\s*[-./]\s*[\dOQDILJSZBG|]{1,2}\s*[-./]\s*[\dOQDILJSZBG|]{4}\s*$")
_CAPTION = re.compile(r"^[A-Z .'\-]{3,}[,.]\s*\d{1,2}\s*[-./]\s*\d{1,2}\s*[-./]\s*\d{4}\s*$", re.IGNORECASE)
_BARE_DATE = re.compile(r"^\s*\d{1,2}\s*[-./]\s*\d{1,2}\s*[-./]\s*\d{4}\s*$")
_NUMBER_CHARS = re.compile(r"^[\dOQDILJSZBG|\s\-–.]+$")
_SPACES = re.compile(r"\s+")
# the words that continue an address on its next line: RT/RW, the village, district, regency or city
_ADDRESS_TAIL = re.compile(r"\b(RT|RW|DESA|DS|KEL|KELURAHAN|KEC|KECAMATAN|KAB|KABUPATEN|KOTA)\b", re.IGNORECASE)
REQUIRED = ("sim_number", "name", "birth_date", "sex")
MAX_LINES = {1: 2, 2: 2, 3: 1, 4: 4, 5: 2, 6: 2}  # the printed lines an entry's value takes at most


@dataclass
class Entry:
    number: int
    marker: TextLine
    parts: list[tuple[str, BBox, float]]  # the value's pieces as read: text, box, confidence

    @property
    def value(self) -> str:
        return _SPACES.sub(" ", " ".join(p[0] for p in self.parts)).strip()

    @property
    def confidence(self) -> float:
        return min((p[2] for p in self.parts), default=0.0)

    @property
    def boxes(self) -> list[BBox]:
        return [p[1] for p in self.parts]


# --------------------------------------------------------------------------------------------- layout


def _marker(t: TextLine) -> tuple[int, str] | None:
    """The entry number a line starts with, and the rest of the line."""
    m = _MARKER.match(t.text) or _MARKER_MISREAD.match(t.text) or _MARKER_BARE.match(t.text)
    if m is None:
        return None
    n = int(m.group(1)) if m.group(1).isdigit() else 1
    return n, m.group(2)


def _strip_label(n: int, text: str) -> str | None:
    """The value after an entry's printed label (`Nama : BUDI` → `BUDI`); None when the text does not start
    with the entry's label."""
    found = match_label(text, [Label(str(n), ENTRY_LABELS[n])], min_score=78)
    return None if found is None else strip_colon(found[1])


def _is_english(text: str) -> bool:
    return squash(text) in ENGLISH or any(fuzz.ratio(squash(text), e) >= 85 for e in ENGLISH)


def markers(lines: list[TextLine]) -> dict[int, TextLine]:
    """Each entry number's line: the candidates for a number nearest the column most numbers start in, kept
    only in top-to-bottom order."""
    found: dict[int, list[TextLine]] = {}
    for t in lines:
        if (m := _marker(t)) is not None and t.x1 - t.x0 > 0:
            found.setdefault(m[0], []).append(t)
    if not found:
        return {}
    xs = sorted(t.x0 for ts in found.values() for t in ts)
    column = xs[len(xs) // 2]
    chosen = {n: min(ts, key=lambda t: abs(t.x0 - column)) for n, ts in found.items()}
    heights = sorted(t.height for t in chosen.values())
    h = heights[len(heights) // 2]
    chosen = {n: t for n, t in chosen.items() if abs(t.x0 - column) <= 2.5 * h}
    # out of order (a value starting `1. …` elsewhere): keep the numbers that run down the page
    keep: dict[int, TextLine] = {}
    for n, t in sorted(chosen.items()):
        if all(t.cy > o.cy for o in keep.values()):
            keep[n] = t
    return keep


def _value_column(marks: dict[int, TextLine], lines: list[TextLine]) -> float | None:
    """Where values start on a labelled card: the median left edge of the first box right of a number's line on
    its row, when most rows have one (a card without labels reads each entry as one line). A number's line
    that holds its label and its value (`5. Pekerjaan BELUM/TIDAK BEKERJA`) says nothing of it: what stands
    right of it is no value (the signature, the expiry)."""
    starts = []
    for n, t in marks.items():
        if _strip_label(n, (_marker(t) or (n, ""))[1]):
            continue
        right = [
            o
            for o in lines
            if o is not t and same_row(o, t) and o.x0 >= t.x1 - 0.5 * t.height and o.x0 - t.x1 < 20 * t.height
        ]
        if right:
            starts.append(min(o.x0 for o in right))
    if len(starts) < max(2, len(marks) // 2):
        return None
    starts.sort()
    return float(starts[len(starts) // 2])


def _marker_value(n: int, mark: TextLine, column: float | None) -> str:
    """What the number's own line holds of the value: the text after its label; on a labelled card with the
    values in their own column, a line ending before that column holds the label only, and a label too misread
    to be recognised is cut where the column starts (its share of the line's width)."""
    rest = (_marker(mark) or (n, ""))[1]
    stripped = _strip_label(n, rest)
    if stripped is not None:
        return stripped
    if column is None:
        return strip_colon(rest)
    if mark.x1 < column + 0.5 * mark.height:
        return ""
    text = mark.text
    cut = round(len(text) * (column - mark.x0) / max(1, mark.x1 - mark.x0))
    return strip_colon(text[max(0, cut) :])


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def entries(lines: list[TextLine]) -> dict[int, Entry]:
    """Each numbered entry's value, by the layout every version shares:

    1. its first row: the rest of its number's line after its label, and the boxes standing right of it on its
       row, each box going to the number whose row it is nearest (after the page's shift of the value column
       against the numbers: a flattened photo drifts); on a labelled card a box ending before the value column
       is a label's remains;
    2. the lines below, starting where its value does, up to the next entry (at most as many lines as the entry
       prints: an address three, a name, birth line, occupation or issuer two, the blood type and sex one);
    3. rows of the value column nobody took, between two entries whose numbers were lost between them (glare
       over the labels): the missing entries' rows, in order (the issuer the last)."""
    marks = markers(lines)
    if not marks:
        return {}
    column = _value_column(marks, lines)
    h = _median([float(t.height) for t in marks.values()])
    left = min(t.x0 for t in marks.values())
    used = {id(t) for t in marks.values()}
    ordered = sorted(marks.items(), key=lambda kv: kv[1].cy)
    # the expiry line ends the entries' block where it stands under them; one printed in another column (under
    # the photo, beside the signature) may stand level with the issuer's second line
    reach = max(t.x1 for t in marks.values()) + 2 * h
    expiry_y = min(
        (t.cy for t in lines if _expiry_label(t.text) and t.cy > ordered[0][1].cy and left - h < t.x1 and t.x0 < reach),
        default=float("inf"),
    )
    candidates = [
        o
        for o in lines
        if id(o) not in used
        and o.x0 > left + 0.5 * h
        and o.cy < expiry_y - 0.4 * h
        and _EXPIRY.search(o.text) is None
        and _marker(o) is None
    ]
    # the value column's shift against the numbers: the median offset of each number's nearest box on its row
    shifts = []
    for _, mark in ordered:
        near = [o.cy - mark.cy for o in candidates if o.x0 >= mark.x1 - h and abs(o.cy - mark.cy) < 0.8 * h]
        if near:
            shifts.append(min(near, key=abs))
    # a shift only when most numbers have a box beside them: one number beside a signature or a stamp is no
    # value column (a card whose labels and values are one line each has none)
    dy = _median(shifts) if len(shifts) >= max(2, (len(ordered) + 1) // 2) else 0.0
    first: dict[int, list[TextLine]] = {n: [] for n in marks}
    for o in candidates:
        n, mark = min(ordered, key=lambda kv: abs(o.cy - kv[1].cy - dy))
        # right of the number's line; a label's box may reach a little over the value's (`Lahir :` over `SEMA…`)
        if abs(o.cy - mark.cy - dy) > 0.55 * max(h, o.height) or o.x0 < mark.x1 - h:
            continue
        if column is not None and o.x1 < column - 0.5 * h and _label_remains(n, o, candidates, column - 0.5 * h):
            used.add(id(o))  # a label's remains in the label column (`Oleh`, `eh`)
            continue
        if _is_english(o.text):
            used.add(id(o))
            continue
        if n != 2 and _CAPTION.search(o.text):
            continue  # the issue place and date under the photo, level with an entry
        first[n].append(o)
    out: dict[int, Entry] = {}
    for n, mark in ordered:
        rest = _marker_value(n, mark, column)
        parts: list[tuple[str, BBox, float]] = [(rest, mark.bbox, mark.confidence)] if rest else []
        row = sorted(first[n], key=lambda o: o.x0)
        if row:  # the boxes on one line: those on the row of the one nearest the number's row
            best = min(row, key=lambda o: abs(o.cy - mark.cy - dy))
            row = [o for o in row if same_row(o, best)]
        edge = mark.x1
        for o in row:
            if o.x0 - edge > (2.5 if parts else 20) * h:
                break  # another column: the photo's caption, a stamp
            if parts and o.height > 1.6 * max(p[1][3] - p[1][1] for p in parts):
                break  # far taller than the value's text beside it: the signature, a stamp
            label_cut = None if parts else _strip_label(n, o.text)
            text = o.text if parts else (label_cut if label_cut is not None else strip_colon(o.text))
            if text:
                parts.append((text, o.bbox, o.confidence))
            used.add(id(o))
            edge = max(edge, o.x1)
        out[n] = Entry(n, mark, parts)
    value_xs = [float(b[0]) for e in out.values() for b in e.boxes if b != e.marker.bbox]
    if not value_xs:  # every value is the rest of its number's line: where those rests start
        value_xs = [lo + 3.0 * e.marker.height for e in out.values() if (lo := _rest_start(e)) is not None]
    value_x = _median(value_xs) if value_xs else (column or left + 1.5 * h)
    for i, (n, mark) in enumerate(ordered):
        entry = out[n]
        # wrapped lines start under the value: where values start on the card, or where this one starts
        start = _value_start(entry)
        next_y = ordered[i + 1][1].cy + dy if i + 1 < len(ordered) else expiry_y
        next_n = ordered[i + 1][0] if i + 1 < len(ordered) else 7
        lost_after = sum(1 for k in range(n + 1, next_n) if k not in marks)
        bottom = max((b[3] for b in entry.boxes), default=mark.y1)
        for _ in range(MAX_LINES[n] - 1):  # wrapped lines: in the value column, below the last, above the next entry
            column_rows = text_rows(
                [
                    o
                    for o in candidates
                    if id(o) not in used
                    and o.cy > bottom - 0.4 * h
                    and o.cy < next_y - 0.5 * h
                    and (-2.0 * h <= o.x0 - value_x <= 6.0 * h or (start is not None and start[0] <= o.x0 <= start[1]))
                    and not _is_english(o.text)
                    # only the birth line wraps onto a date, or onto the end of its place and the date
                    # (`BARAT, 11-11-1967`, shaped like the issue caption)
                    and (n == 2 or not (_CAPTION.search(o.text) or _BARE_DATE.match(o.text)))
                ]
            )
            if len(column_rows) <= lost_after:
                break  # the rows left belong to entries whose numbers were lost (an issuer after an occupation)
            # a row's boxes on one printed line: a box under another one (a word of its own line, read level
            # with a tall box above it) waits for the next row
            nxt = [o for o in column_rows[0] if not any(_above(p, o) for p in column_rows[0])]
            if min(o.y0 for o in nxt) - bottom > 1.5 * h:
                break  # far below: another block (a signature, the card's foot), not a wrapped line
            for o in nxt:
                entry.parts.append((o.text, o.bbox, o.confidence))
                used.add(id(o))
            bottom = max(b[3] for b in entry.boxes)
    _fill_lost_entries(out, marks, candidates, used, value_x, h)
    return out


def _drop_label_tail(entry: Entry) -> None:
    """A value's first box reaching back over its number's line repeats that line's last letters (`1. NAMA`
    beside `A JANSEN …`): a first word of at most three letters that ends the line is dropped."""
    if not entry.parts:
        return
    text, box, conf = entry.parts[0]
    mark = entry.marker
    if box == mark.bbox or box[0] >= mark.x1 - 0.3 * mark.height:
        return
    head, _, rest = text.partition(" ")
    word = squash(head)
    if rest and 0 < len(word) <= 3 and squash(mark.text).endswith(word):
        entry.parts[0] = (rest, box, conf)


def _label_remains(n: int, box: TextLine, boxes: list[TextLine], column: float) -> bool:
    """Whether a box ending before the value column is what is left of entry n's label: a piece of the label's
    words (`Oleh`, `eh`), or any box with a value beside it on its row. A short value printed close to its label
    (`Nama DUDI` on a card whose other values start further right) has nothing beside it and is no label."""
    text = squash(box.text)
    if text and any(
        text in squash(label) or fuzz.partial_ratio(text, squash(label)) >= 85 for label in ENTRY_LABELS[n]
    ):
        return True
    return any(o is not box and o.x0 >= column and same_row(o, box) for o in boxes)


def _above(a: TextLine, b: TextLine) -> bool:
    """a stands above b in the same column (they share most of the narrower one's width)."""
    return a.cy < b.cy and min(a.x1, b.x1) - max(a.x0, b.x0) > 0.5 * min(a.x1 - a.x0, b.x1 - b.x0)


def _rest_start(entry: Entry) -> float | None:
    """The left bound of where an entry's wrapped lines may start, when its value is the rest of its number's
    line (None otherwise)."""
    if not entry.parts or entry.parts[0][1] != entry.marker.bbox:
        return None
    start = _value_start(entry)
    return None if start is None else start[0]


def _value_start(entry: Entry) -> tuple[float, float] | None:
    """Where an entry's wrapped lines may start on the page (left and right bounds), by where its value starts:
    its first box's left edge, or, when the value is the rest of its number's line (`6. Diterbitkan Oleh POLRES
    PARIGI`), that rest's share of the line's width. Wrapped lines start under the value: beside a long label
    (`Tempat & Tgl. Lahir`) further right than beside a short one (`Nama`), wherever other values start."""
    if not entry.parts:
        return None
    text, box, _ = entry.parts[0]
    h = entry.marker.height
    if box != entry.marker.bbox:
        return box[0] - 2.0 * h, box[0] + 6.0 * h
    line = entry.marker.text
    at = line.rfind(text)
    if at < 0 or not line:
        return None
    # a share of characters, not of ink: a label printed smaller than its value ends left of its share
    x = box[0] + (box[2] - box[0]) * at / len(line)
    return x - 3.0 * h, x + 6.0 * h


def _lost_spans(lost: list[int], rows: list[list[TextLine]]) -> list[tuple[int, int]]:
    """The rows each lost entry takes, in order: one each; the address also the rows after its first that read
    as an address's continuation (RT/RW, a village, district or regency) while every entry after it keeps a row;
    the last entry what is left (an issuer after an occupation)."""
    spans: list[tuple[int, int]] = []
    at = 0
    for i, n in enumerate(lost):
        if i == len(lost) - 1:
            spans.append((at, len(rows)))
            break
        end = at + 1
        after = len(lost) - i - 1
        while (
            n == 4
            and end < len(rows) - after
            and end - at < MAX_LINES[4]
            and _ADDRESS_TAIL.search(" ".join(t.text for t in rows[end]))
            and not _an_occupation(" ".join(t.text for t in rows[end]))  # `PERANGKAT DESA`
        ):
            end += 1
        spans.append((at, end))
        at = end
    return spans


def _an_occupation(text: str) -> bool:
    return any(fuzz.ratio(squash(text), squash(o)) >= 90 for o in ALL_OCCUPATIONS)


def _fill_lost_entries(
    out: dict[int, Entry],
    marks: dict[int, TextLine],
    candidates: list[TextLine],
    used: set[int],
    value_x: float,
    h: float,
) -> None:
    """Value rows nobody took, between the entries around numbers that were not read: the lost entries'
    values, one row each in order, the last lost entry taking what is left (an issuer after an occupation)."""
    ys = sorted((n, t.cy) for n, t in marks.items())
    steps = [(b[1] - a[1]) / (b[0] - a[0]) for a, b in pairwise(ys)]
    pitch = _median(steps) if steps else 1.5 * h  # the distance from one entry to the next
    rows = text_rows(
        [
            o
            for o in candidates
            if id(o) not in used
            and -2.0 * h <= o.x0 - value_x <= 6.0 * h
            and not _is_english(o.text)
            and not _CAPTION.search(o.text)
        ]
    )
    if not rows:
        return
    for number_after in range(1, 7):
        if number_after in marks:
            continue
        before = [n for n in marks if n < number_after]
        after = [n for n in marks if n > number_after]
        # no entry above: the rows within a few entries' pitch above the first one found (not the title's)
        first_found = min(after, default=None)
        top = max(
            (max(b[3] for b in out[n].boxes) if out[n].boxes else out[n].marker.y1 for n in before),
            default=-1.0 if first_found is None else marks[first_found].cy - (first_found - number_after + 0.6) * pitch,
        )
        bottom = min((out[n].marker.y0 for n in after), default=float("inf"))
        lost = [k for k in range(max(before, default=0) + 1, min(after, default=7)) if k not in marks]
        between = [r for r in rows if top - 0.3 * h < sum(t.cy for t in r) / len(r) < bottom + 0.3 * h]
        if not between or not lost:
            continue
        start, end = _lost_spans(lost, between)[lost.index(number_after)]
        take = between[start:end]
        if not take:
            continue
        parts = [(t.text, t.bbox, t.confidence * 0.8) for r in take for t in r]
        marker = take[0][0]
        out[number_after] = Entry(number_after, marker, parts)
        used.update(id(t) for r in take for t in r)


def _title(lines: list[TextLine]) -> TextLine | None:
    return next((t for t in lines if any(w in squash(t.text) for w in _TITLE)), None)


def number_candidates(lines: list[TextLine]) -> list[tuple[str, float, BBox]]:
    """Rows that read as a SIM number (12 or 14 digits, in one box or several): (digits, confidence, box)."""
    out: list[tuple[str, float, BBox]] = []
    numeric = [t for t in lines if _NUMBER_CHARS.match(t.text.upper()) and sum(c.isdigit() for c in t.text) >= 3]
    seen: set[int] = set()
    for t in sorted(numeric, key=lambda t: t.x0):
        if id(t) in seen:
            continue
        row = [o for o in numeric if same_row(o, t) and id(o) not in seen]
        row.sort(key=lambda o: o.x0)
        seen.update(id(o) for o in row)
        digits = _row_digits(row)
        if len(digits) in (12, 14):
            box = union([o.bbox for o in row])
            assert box is not None
            out.append((digits, min(o.confidence for o in row), box))
    return out


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text.upper().translate(DIGIT_CONFUSIONS))


def _row_digits(row: list[TextLine]) -> str:
    """The digits of a row's boxes, left to right; where two boxes overlap and the digit at the end of one is the
    one the next starts with (`9724-4` `410296`), it was read twice when that makes the count a SIM number's."""
    parts = [_digits(o.text) for o in row]
    digits = "".join(parts)
    if len(digits) in (12, 14):
        return digits
    for i in range(len(row) - 1):
        a, b = parts[i], parts[i + 1]
        if row[i].x1 > row[i + 1].x0 and a and b and a[-1] == b[0]:
            fixed = "".join([*parts[: i + 1], b[1:], *parts[i + 2 :]])
            if len(fixed) in (12, 14):
                return fixed
    return digits


def sim_reading(lines: list[TextLine]) -> Reading:
    """How much of a SIM a reading found (title, number, entries, expiry) and whether it runs the printed way
    down: the entries' numbers in order, the title above them."""
    marks = markers(lines)
    title = _title(lines)
    number = number_candidates(lines)
    expiry = any(_EXPIRY.search(t.text) for t in lines)
    score = min(1.0, (len(marks) + 2 * bool(title) + bool(number) + bool(expiry)) / 8)
    ys = [marks[n].cy for n in sorted(marks)]
    agree = sum(b > a for i, a in enumerate(ys) for b in ys[i + 1 :])
    disagree = sum(b < a for i, a in enumerate(ys) for b in ys[i + 1 :])
    if title is not None and ys:
        agree += 2 * (title.cy < min(ys))
        disagree += 2 * (title.cy > max(ys))
    pairs = agree + disagree
    return Reading(score, (agree - disagree) / pairs if pairs else 0.0)


# --------------------------------------------------------------------------------------------- values


@lru_cache(maxsize=1)
def _places() -> tuple[list[str], list[str]]:
    regions = load_regions()
    regencies = sorted({place_name(r) for r in regions.by_code.values() if r.level == "regency"})
    provinces = sorted({card_province(p) for p in regions.provinces()})
    return regencies, provinces


def _birth(e: Entry) -> dict[str, Field]:
    text = strip_colon(e.value.upper())
    out: dict[str, Field] = {}
    fixed = re.sub(r"(?<=[\d\s,.-])[OQDILJSZBG|](?=[\d\s.-])", lambda m: m.group(0).translate(DIGIT_CONFUSIONS), text)
    m = _DATE_TAIL.search(fixed)
    box = union(e.boxes)
    if m is not None and (iso := parse_date(fixed[m.start() :])):
        out["birth_date"] = Field(iso, e.confidence, box)
    place_part = fixed[: m.start()] if m else text.split(",")[0]
    place = _SPACES.sub(" ", re.sub(r"[^A-Z .'\-]", " ", place_part)).strip(" .,-")
    if len(place) >= 4:
        # most birth places are regency names: a one-letter misread is repaired (as on the KTP-el)
        snapped = snap(place, _places()[0], min(90.0, 99.5 - 100 / len(place)))
        if snapped and squash(snapped[0]) != squash(place):
            place = snapped[0]
    if place:
        out["birth_place"] = Field(place, e.confidence, box)
    return out


def _blood_sex(e: Entry) -> dict[str, Field]:
    """`O - PRIA`, `- - WANITA`, `AB-PRIA`: the blood type before the sex word."""
    text = strip_colon(e.value.upper())
    box = union(e.boxes)
    out: dict[str, Field] = {}
    words = re.findall(r"[A-Z]{3,}", text)
    sex_word = None
    for word in reversed(words):
        best = max(SEX_WORDS, key=lambda s: fuzz.ratio(word, s.replace("-", "")))
        if fuzz.ratio(word, best.replace("-", "")) >= 70:
            sex_word = (word, best)
            break
    if sex_word is not None:
        score = fuzz.ratio(sex_word[0], sex_word[1].replace("-", "")) / 100
        out["sex"] = Field(SEX_WORDS[sex_word[1]], e.confidence * score, box)
        head = text[: text.rfind(sex_word[0])]
    else:
        head = text
    # `<blood> - <SEX>`: the separator before the sex word, then the blood type's last token
    head = head.replace("–", "-").rstrip(" :;")
    if head.endswith("-"):
        head = head[:-1].rstrip()
    m = re.search(r"(AB|A8|A|B|8|O|0|-)$", head.replace(" ", ""))
    if m is None:
        out["blood_type"] = Field("-", e.confidence * 0.4, box)
    else:
        blood = m.group(1).replace("8", "B").replace("0", "O")
        sure = 1.0 if blood in BLOOD_TYPES and m.group(1) == blood else 0.7
        out["blood_type"] = Field(blood if blood in BLOOD_TYPES else "-", e.confidence * sure, box)
    assert all(f.value in BLOOD_TYPES for k, f in out.items() if k == "blood_type")
    return out


@lru_cache(maxsize=1)
def _regency_names() -> dict[str, str]:
    """Regency names as printed at an address's end (`KAB. BANDUNG`, `KOTA BANDUNG`, `JAKARTA TIMUR`), by their
    letters only."""
    regions = load_regions()
    names: dict[str, str] = {}
    for r in regions.by_code.values():
        if r.level == "regency":
            for name in (card_regency(r), place_name(r)):
                names.setdefault(squash(name), name)
    return names


@lru_cache(maxsize=1)
def _area_names() -> tuple[dict[str, str], frozenset[str]]:
    """Village and district names (Kemendagri, upper case) by their letters only (the spelling with the most
    words), and every spelling as listed."""
    names: dict[str, str] = {}
    spellings: set[str] = set()
    for r in load_regions().by_code.values():
        if r.level in ("village", "district"):
            key = squash(r.upper)
            spellings.add(r.upper)
            if len(r.upper.split()) > len(names.get(key, "").split()):
                names[key] = r.upper
    return names, frozenset(spellings)


_AREA_WORDS = ("KELURAHAN", "KECAMATAN", "DESA", "KEL.", "KEC.", "KEL", "KEC", "DS.")


def _area_named_jl(text: str) -> str:
    """The KTP-el's rule splits a JL or GG glued to a street's name; a village or district whose official name
    starts with those letters (`DESA JLAMPRANG`) is put back together."""
    names, _ = _area_names()

    def join(m: re.Match[str]) -> str:
        glued = m.group(2) + m.group(3)
        return f"{m.group(1)} {glued}" if glued in names else m.group(0)

    area = "|".join(re.escape(w) for w in _AREA_WORDS)
    return re.sub(rf"(?<![A-Z])({area}) (JL|GG) ([A-Z]+)\b", join, text)


def _area_spacing(words: list[str]) -> list[str]:
    """After a KEL./DESA/KEC. word, the village or district name with its official spaces when only spaces were
    lost (`KURNIAAGUNG`), and a name glued to its word split off (`DESAARGOREJO`, `KECTILAMUTA`); only names the
    Kemendagri list has, so a word that merely begins like one (`KELAPA`) stays."""
    names, spellings = _area_names()
    out: list[str] = []
    i = 0
    while i < len(words):
        word = words[i]
        glued = next(
            (
                w
                for w in _AREA_WORDS
                if word.startswith(w) and len(word) > len(w) + 2 and word not in ("KELURAHAN", "KECAMATAN")
            ),
            None,
        )
        if glued is not None:
            rest = word[len(glued) :]
            if any(squash(" ".join([rest, *words[i + 1 : i + k]])) in names for k in range(1, 5)):
                out.append(glued)
                words = [*words[:i], rest, *words[i + 1 :]]
                word = rest
            else:
                out.append(word)
                i += 1
                continue
        elif word in _AREA_WORDS:
            out.append(word)
            i += 1
            continue
        if out and out[-1] in _AREA_WORDS:
            for k in range(min(4, len(words) - i), 0, -1):
                if " ".join(words[i : i + k]) in spellings:  # a name as listed (`KAYULOE BARAT`) stays as read
                    out.extend(words[i : i + k])
                    i += k
                    break
                found = names.get(squash(" ".join(words[i : i + k])))
                if (
                    found is not None and found.replace(" ", "") == "".join(words[i : i + k]) and len(found.split()) > k
                ):  # spaces lost, never a spelling's spaces taken away
                    out.extend(found.split())
                    i += k
                    break
            else:
                out.append(word)
                i += 1
            continue
        out.append(word)
        i += 1
    return out


_RT_RW = re.compile(r"\bRT(\.?)(\s?)(\d{2,3})(\s?/\s?|\s)RW(\.?)(\s?)(\d{2,3})\b")


def _rt_rw_alike(text: str) -> str:
    """RT and RW printed alike: a dot or space lost after one is the other's (`RT.009 RW. 009` → `RT. 009`,
    `RT.10 RW. 03` → `RT. 10`), and a slash between them spaced on one side only lost its other space
    (`RT 012/ RW 008` → `RT 012 / RW 008`)."""

    def fix(m: re.Match[str]) -> str:
        rt_dot, rt_space, rw_dot, rw_space = m.group(1), m.group(2), m.group(5), m.group(6)
        dot, space = (rt_dot or rw_dot), (rt_space or rw_space)
        separator = m.group(4)
        if "/" in separator and separator != "/":
            separator = " / "
        return f"RT{dot}{space}{m.group(3)}{separator}RW{dot}{space}{m.group(7)}"

    return _RT_RW.sub(fix, text)


def normalise_address(text: str) -> str:
    """As the KTP-el's address (dots and spaces of JL./GG./NO.), and the SIM's own: a dotted KAB./KEC./KEL.
    glued to a word gets its space, a comma read for its dot after them is a dot, RT and RW are printed alike,
    village and district names get their official spacing back when only spaces were lost, and so does the
    regency that ends the address (`JAKARTATIMUR`)."""
    text = KtpExtractor.normalise("address", text)
    text = _area_named_jl(text)
    text = re.sub(r"\b(KAB|KEC|KEL|DSN|DS|KP|DESA|KOTA)\s*,(?=\s*[A-Z])", r"\1.", text)
    text = re.sub(r"(?<=[A-Z]{3})(KAB\.|KEC\.|KEL\.)", r" \1", text)
    text = re.sub(r"\b(KAB|KEC|KEL|DSN|KP)\.(?=[A-Z])", r"\1. ", text)
    text = re.sub(r"(?<=\d)(?=(?:RT|RW)\b)", " ", text)  # a house number glued to the RT (`NO 1RT 019`)
    text = re.sub(r"\b([IVX]{1,4})(RT|RW)\b", r"\1 \2", text)  # and a roman numeral (`DUSUN JENGGALA IIIRT. 02`)
    # the space read one letter late: `NO 13R T.12` is `NO 13 RT.12`
    text = re.sub(r"(?<=\d)R\s+([TW])(?=[\s.:]*\d)", r" R\1", text)
    text = _rt_rw_alike(text)
    words = _area_spacing(text.split())
    names = _regency_names()
    for k in range(min(4, len(words)), 0, -1):
        tail = " ".join(words[-k:])
        found = names.get(squash(tail))
        if found is not None and found != tail and found.replace(" ", "") == tail.replace(" ", ""):
            words = [*words[:-k], found]
            break
    return " ".join(words)


def _occupation(e: Entry) -> Field:
    """Snapped to the Dukcapil list to mend letters; a bracketed abbreviation the list lacks is kept."""
    text = clean_text(e.value)
    box = union(e.boxes)
    m = re.search(r"\s*\(([^()]*)\)?\s*$", text)
    head, tail = (text[: m.start()], f" ({m.group(1).strip()})") if m and m.start() > 0 else (text, "")
    snapped = snap(head, ALL_OCCUPATIONS, 85)
    if snapped is None or len(squash(snapped[0])) < len(squash(head)) - 2:
        return Field(text, e.confidence * 0.8, box)
    return Field(snapped[0] + tail, e.confidence * snapped[1], box)


def _issuer(e: Entry) -> Field:
    """`POLRESTABES BANDUNG`: the office word snapped to the police's, the place to a regency or province."""
    text = clean_text(e.value)
    box = union(e.boxes)
    words = text.split()
    if not words:
        return Field(text, 0.0, box)
    for office_word in sorted(OFFICES, key=len, reverse=True):  # `POLDAPAPUA`: the space lost
        if words[0].startswith(office_word):
            if len(words[0]) > len(office_word) + 2:
                words = [office_word, words[0][len(office_word) :], *words[1:]]
            break
    starts = [i for i, w in enumerate(words) if snap(w, OFFICES, 80)]
    if starts and starts[0] > 0:  # a label's remains before the office (`OLEH POLRES …`)
        words = words[starts[0] :]
    office = snap(words[0], OFFICES, 75)
    place = " ".join(words[1:])
    conf = e.confidence * (office[1] if office else 0.6)
    if place and squash(place) != "METROJAYA":
        regencies, provinces = _places()
        snapped = snap(place, [*regencies, *provinces], 88)
        if snapped:  # the official name, its spaces too (`KEPULAUANARU`)
            place = snapped[0]
    return Field(" ".join(x for x in ((office[0] if office else words[0]), place) if x), conf, box)


_LETTER = str.maketrans({"8": "B", "0": "D", "4": "A", "6": "C"})
_DIGIT = str.maketrans({"I": "1", "L": "1", "|": "1", "T": "1", "Z": "2"})


def class_of(text: str) -> str | None:
    """A class as printed (`B1`, `BI UMUM`, `C`), or None."""
    key = squash(text.replace("|", "I"))
    umum = key.endswith("UMUM")
    head = key[:-4] if umum else key
    if not head or len(head) > 2:
        return None
    cand = head[0].translate(_LETTER) + head[1:].translate(_DIGIT) + (" UMUM" if umum else "")
    return cand if cand in CLASSES else None


def _after_title(text: str) -> str:
    """A line's text after the title when both were read as one line (`SURAT IZIN MENGEMUDI B1 UMUM`)."""
    m = re.search(r"MENGEMUDI(?:\s+INDONESIA)?\s+(\S.*)$", text.upper())
    return m.group(1) if m else text


def _class(lines: list[TextLine], below: float) -> Field | None:
    """The class printed large in the top band (above the first entry); `UMUM` may stand beside or under it."""
    found = [(cls, t) for t in lines if t.cy < below and (cls := class_of(_after_title(t.text))) is not None]
    if not found:
        return None
    value, line = max(found, key=lambda f: f[1].height)
    if not value.endswith("UMUM"):
        near = [
            t
            for t in lines
            if squash(t.text) == "UMUM"
            and abs(t.cx - line.cx) < 3 * line.height
            and -0.5 * line.height < t.cy - line.cy < 1.5 * line.height
        ]
        if near and f"{value} UMUM" in CLASSES:
            value += " UMUM"
    return Field(value, line.confidence, line.bbox)


def _class_second_look(
    engine: OcrEngine, image: np.ndarray, lines: list[TextLine], title: TextLine | None, number: BBox | None
) -> Field | None:
    """The class not detected (a single large letter the detector may pass over): the band right of the title,
    above the number, recognised as one line; above its `UMUM` when that was read alone."""
    if title is None:
        return None
    w = image.shape[1]
    x0 = max(title.x1 + round(0.25 * title.height), round(0.6 * w))
    y1 = number[1] if number is not None and number[1] > title.y1 else title.y1 + 2 * title.height
    umum = next((t for t in lines if squash(t.text) == "UMUM" and t.x0 >= x0 - t.height and t.cy < y1), None)
    if umum is not None:
        x0, y1 = max(x0, umum.x1 - 5 * umum.height), umum.y0 + 2
    if x0 >= w - 8 or y1 <= 8:
        return None
    # the band from the image's top, and from about the title's height: a card photographed whole (not
    # flattened) has background above it; the surest class-shaped reading
    read = []
    for y0 in sorted({0, *(max(0, min(title.y0 - round(k * title.height), y1 - title.height)) for k in (1.0, 0.3))}):
        band = image[y0:y1, x0:w]
        # a class printed in a frame: the frame read with the letter is a CJK glyph (`囚` for a boxed A)
        for crop in (band, *([inside] if (inside := inside_frame(band)) is not None else [])):
            text, confidence = engine.recognise(crop)
            if (found := class_of(text)) is not None and confidence >= 0.5:
                read.append((confidence, found, y0))
                break
    if not read:
        return None
    confidence, cls, y0 = max(read)
    if umum is not None and not cls.endswith("UMUM") and f"{cls} UMUM" in CLASSES:
        cls += " UMUM"
    return Field(cls, confidence * 0.9, (x0, y0, w, y1))


def inside_frame(crop: np.ndarray) -> np.ndarray | None:
    """What a rectangular frame or badge printed in `crop` holds (a class letter in a box), or None: the
    largest four-cornered shape at least a third of the crop's height, clear of its edges, cut inside its
    border."""
    gray = cv2.cvtColor(crop, cv2.COLOR_BGR2GRAY) if crop.ndim == 3 else crop
    if gray.size == 0:
        return None
    _, ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    contours, _ = cv2.findContours(ink, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    best: tuple[int, int, int, int] | None = None
    for contour in contours:
        x, y, w, h = cv2.boundingRect(contour)
        if h < gray.shape[0] / 3 or not 0.5 <= w / h <= 3.0 or (best is not None and w * h <= best[2] * best[3]):
            continue
        corners = cv2.approxPolyDP(contour, 0.04 * cv2.arcLength(contour, True), True)
        inside = x > 0 and y > 0 and x + w < gray.shape[1] and y + h < gray.shape[0]
        if len(corners) == 4 and cv2.contourArea(contour) > 0.8 * w * h and inside:
            best = (x, y, w, h)
    if best is None:
        return None
    x, y, w, h = best
    inset = max(2, round(0.12 * min(w, h)))
    return crop[y + inset : y + h - inset, x + inset : x + w - inset]


def _respace(entry: Entry, engine: OcrEngine, image: np.ndarray, column: float | None) -> None:
    """A second look at each line of a free-text value (lost word spaces: `HANAANDRIANI`), as the KTP-el's."""
    parts: list[tuple[str, BBox, float]] = []
    for text, box, conf in entry.parts:
        if box == entry.marker.bbox:
            fixed = respace(engine, image, box, entry.marker.text.upper())
            if fixed:
                again = _marker_value(entry.number, TextLine(fixed, conf, box), column)
                if squash(again) == squash(text):  # spaces only: never a word lost with a label cut elsewhere
                    text = again
        elif (fixed := respace(engine, image, box, text.upper())) is not None:
            text = fixed
        parts.append((text, box, conf))
    entry.parts = parts


def _expiry_label(text: str) -> bool:
    """`Berlaku s/d`, also misread (`Bertaku s/d`, `Bordaku`) or cut (`mpai 19-10-2029`)."""
    if _EXPIRY.search(text):
        return True
    text = strip_colon(text)
    if _CAPTION.search(text):  # `BERAU, 06-03-1957`: a place and a date, no expiry
        return False
    return (
        fuzz.ratio(squash(text)[:7], "BERLAKU") >= 75
        or re.search(r"S\s*/\s*D\b|SAMPAI|MPAI\b", text.upper()) is not None
    )


def _expiry(lines: list[TextLine], below: float) -> Field | None:
    """The date after `Berlaku s/d` (on its line or the next box of its row); else a date printed below the
    entries that is no caption (`PLACE, date` under the photo), less surely."""
    for t in sorted(lines, key=lambda t: -t.cy):
        if not _expiry_label(t.text):
            continue
        m = _EXPIRY.search(t.text)
        rest = m.group(1) if m is not None else t.text
        if not parse_date(rest):
            right = sorted(  # not a `PLACE, date` caption printed beside it: that is the issue date
                (
                    o
                    for o in lines
                    if o is not t and same_row(o, t) and o.x0 >= t.x1 - t.height and not _CAPTION.search(o.text)
                ),
                key=lambda o: o.x0,
            )
            rest = " ".join([rest, *(o.text for o in right[:2])])
        if (iso := parse_date(rest)) is not None:
            return Field(iso, t.confidence, t.bbox)
        under = [  # the date printed under its label (`Berlaku s/d` above `21-07-2029`)
            o
            for o in lines
            if o.cy > t.cy + 0.4 * t.height  # below it (a tilted card's boxes may overlap a little)
            and o.y0 - t.y1 + 0.3 * t.height < 1.5 * t.height
            and min(o.x1, t.x1) - max(o.x0, t.x0) > 0.5 * min(o.x1 - o.x0, t.x1 - t.x0)
            and _BARE_DATE.match(o.text.upper().translate(DIGIT_CONFUSIONS))
        ]
        if under and (iso := parse_date((date_line := min(under, key=lambda o: o.y0)).text)) is not None:
            return Field(iso, min(t.confidence, date_line.confidence), union([t.bbox, date_line.bbox]))
    for t in sorted(lines, key=lambda t: t.cy):
        if (
            t.cy > below
            and not _CAPTION.search(t.text)
            and _DATE_TAIL.search(t.text.upper())
            and (iso := parse_date(t.text)) is not None
        ):
            return Field(iso, t.confidence * 0.7, t.bbox)
    return None


def _iso(d: str | None) -> date | None:
    try:
        return date.fromisoformat(d) if d else None
    except ValueError:
        return None


def cross_check(fields: dict[str, Field]) -> list[Reason]:
    """The number's MMYY against the birth date, the expiry against the birthday: misreads the card's own
    redundancy settles are repaired (at a lower confidence); the rest are reasons."""
    reasons: list[Reason] = []
    number = fields.get("sim_number")
    birth = _iso(str(fields["birth_date"].value)) if "birth_date" in fields else None
    valid = _iso(str(fields["valid_until"].value)) if "valid_until" in fields else None
    if number is not None and birth is not None:
        mm, yy = str(number.value)[:2], str(number.value)[2:4]
        if mm != f"{birth.month:02d}" and valid is not None and f"{valid.month:02d}" == mm and valid.day == birth.day:
            # the number and the expiry agree on the month: the birth date's month was misread
            try:
                birth = birth.replace(month=int(mm))
                fields["birth_date"].value = birth.isoformat()
                fields["birth_date"].confidence *= 0.7
            except ValueError:
                pass
        elif mm != f"{birth.month:02d}" and valid is not None and valid.month == birth.month:
            # the birth date and the expiry agree: the number's month was misread
            number.value = f"{birth.month:02d}{str(number.value)[2:]}"
            number.confidence *= 0.7
        if (str(number.value)[:2], yy) != (f"{birth.month:02d}", f"{birth.year % 100:02d}"):
            reasons.append(
                Reason(
                    "SIM_NUMBER_DOB_MISMATCH",
                    f"the SIM number's MMYY is {mm}{yy}, the birth date printed is {birth.isoformat()}",
                    "sim_number",
                )
            )
    if valid is not None and birth is not None and (valid.month, valid.day) != (birth.month, birth.day):
        differs = (valid.month != birth.month) + (valid.day != birth.day)
        number_month = str(number.value)[:2] if number is not None else None
        if differs == 1 and number_month == f"{birth.month:02d}":
            # one of day and month misread, the birthday confirmed by the number: the validity's date mended
            try:
                fields["valid_until"].value = valid.replace(month=birth.month, day=birth.day).isoformat()
                fields["valid_until"].confidence *= 0.7
            except ValueError:
                pass
        else:
            reasons.append(
                Reason(
                    "SIM_VALIDITY_NOT_BIRTHDAY",
                    f"valid until {valid.isoformat()}, not the holder's birthday ({birth.month:02d}-{birth.day:02d})",
                    "valid_until",
                )
            )
    return reasons


def validate_sim(fields: dict[str, Field], today: date | None = None) -> list[Reason]:
    reasons = [
        Reason("FIELD_MISSING", f"{key.replace('_', ' ')} could not be read", key)
        for key in REQUIRED
        if key not in fields
    ]
    if (number := fields.get("sim_number")) is not None and len(str(number.value)) not in (12, 14):
        reasons.append(Reason("SIM_NUMBER_INVALID", "a SIM number has 12 or 14 digits", "sim_number"))
    if (cls := fields.get("sim_class")) is not None and cls.value not in CLASSES:
        reasons.append(Reason("SIM_CLASS_UNKNOWN", f"no SIM class {cls.value}", "sim_class"))
    reasons += cross_check(fields)
    valid = fields.get("valid_until")
    if valid is not None and str(valid.value) < (today or date.today()).isoformat():
        reasons.append(Reason("DOCUMENT_EXPIRED", f"the SIM was valid until {valid.value}", "valid_until"))
    return reasons


FIELD_ORDER = (
    "sim_number",
    "sim_class",
    "name",
    "birth_place",
    "birth_date",
    "sex",
    "blood_type",
    "address",
    "occupation",
    "issuer",
    "valid_until",
)


def extract_sim(
    lines: list[TextLine], page: int = 0, image: np.ndarray | None = None, engine: OcrEngine | None = None
) -> dict[str, Field]:
    """The contract's SIM fields from one upright card's OCR lines (unvalidated); with the card's image and the
    engine, second looks at the free-text values' spaces and at a class the detector passed over."""
    found = entries(lines)
    if image is not None and engine is not None:
        column = _value_column(markers(lines), lines)
        for n in (1, 4):
            if n in found:
                _respace(found[n], engine, image, column)
    for entry in found.values():  # after the second looks, which read the label's letter again with the value
        _drop_label_tail(entry)
    fields: dict[str, Field] = {}
    first = min((e.marker.y0 for e in found.values()), default=float("inf"))
    numbers = [c for c in number_candidates(lines) if c[2][3] <= first + 2] or number_candidates(lines)
    if numbers:
        digits, conf, box = max(numbers, key=lambda c: (c[1], -c[2][1]))
        fields["sim_number"] = Field(digits, conf, box)
    title = _title(lines)
    top = first if first != float("inf") else (numbers[0][2][3] if numbers else (title.y1 if title else 0))
    if (cls := _class(lines, top)) is not None or (
        image is not None
        and engine is not None
        and (
            cls := _class_second_look(
                engine, image, lines, title, fields["sim_number"].bbox if "sim_number" in fields else None
            )
        )
        is not None
    ):
        fields["sim_class"] = cls
    if (e := found.get(1)) is not None and e.value:
        fields["name"] = Field(KtpExtractor.normalise("name", e.value), e.confidence, union(e.boxes))
    if (e := found.get(2)) is not None:
        fields.update(_birth(e))
    if (e := found.get(3)) is not None:
        fields.update(_blood_sex(e))
    if (e := found.get(4)) is not None and e.value:
        fields["address"] = Field(normalise_address(e.value), e.confidence, union(e.boxes))
    if (e := found.get(5)) is not None and e.value:
        fields["occupation"] = _occupation(e)
    if (e := found.get(6)) is not None and e.value:
        fields["issuer"] = _issuer(e)
    last = max((e.marker.cy for e in found.values()), default=float("inf"))
    if (valid := _expiry(lines, last)) is not None:
        fields["valid_until"] = valid
    for f in fields.values():
        f.page = page
    return {k: fields[k] for k in FIELD_ORDER if k in fields and fields[k].value not in (None, "")}


# --------------------------------------------------------------------------------------------- the reader


# Detection's longest side for a second reading of a card where a field is missing: at the first reading's
# 640 px a line whose value is set a little above its label (a misprint), or printed over the card's
# pattern, is sometimes not detected at all.
SECOND_DETECTION = 960


def read_sim(page: Page, engine: OcrEngine | None) -> dict[str, Field]:
    """The fields of one page; where one of the eleven is missing, the card read again at a larger detection
    size, that reading kept only where it gives more fields."""
    fields = extract_sim(page.lines, page.index, page.image, engine)
    if page.image is None or engine is None or len(fields) == len(FIELD_ORDER):
        return fields
    again = extract_sim(engine.read(page.image, det_limit=SECOND_DETECTION), page.index, page.image, engine)
    return again if len(again) > len(fields) else fields


class SimReader:
    """The SIM (doctypes.sim): an ID-1 card on the card path, turned upright by its entries' order."""

    name = "sim"
    flatten: Flatten = "card"
    card = True
    precedence = 40  # before the KTP-el: a labelled SIM prints KTP-like labels (Nama, Alamat, Pekerjaan)

    def hint(self, lines: list[TextLine]) -> bool:
        return bool(hits(texts(lines), _TITLE))

    def recognise(self, lines: list[TextLine]) -> PageClass | None:
        title = hits(texts(lines), _TITLE)
        reading = sim_reading(lines)
        if title and reading.order >= 0:
            return PageClass("sim", round(max(0.6, reading.score), 3), '"Surat Izin Mengemudi" title')
        if len(markers(lines)) >= 4 and number_candidates(lines) and reading.order > 0.5:
            return PageClass("sim", round(0.8 * reading.score, 3), "a SIM number and numbered entries 1-6")
        return None

    def fallback(self, lines: list[TextLine]) -> PageClass | None:
        return None

    def cues(self, lines: list[TextLine]) -> list[str]:
        return sorted(hits(texts(lines), _CUES))

    def upright(self, lines: list[TextLine]) -> Reading:
        return sim_reading(lines)

    def page_checks(self, page: Page, checks: list[Check], options: Options) -> list[Check]:
        """The ID-1 capture checks and glare; the authenticity checks are the KTP-el's (its layout)."""
        out = list(checks)
        if options.checks == "all":
            out.append(quality.glare_check(page.image, options.check_limits))
        return out

    def read(self, pages: list[PageRead], ctx: Context) -> tuple[dict[str, Field], list[Reason]]:
        fields: dict[str, Field] = {}
        for read in pages:
            for key, value in read_sim(read.page, ctx.engine).items():
                if key not in fields or value.confidence > fields[key].confidence:
                    fields[key] = value
        return fields, validate_sim(fields)


READER: Reader = SimReader()
