"""Kartu Keluarga fields from the flattened page: the header's label/value pairs and the two member tables.

The tables are found from their header rows' printed labels (`NIK`, `Nama Lengkap`, `Status Hubungan Dalam
Keluarga`, ...), never from positions of a particular print: the header labels give the columns' order and
rough centres, the page's vertical rulings (or, without rulings, the blank gutters in the column's ink) give
their edges, and the rows are the lines the NIK and `No` columns hold. A line the detector read across two
cells is re-read cell by cell from its crop. The column-number row some prints put under the labels
(`(1) (2) (3) …`) is no member. Each member's NIK is chosen among several readings (the page
read and re-reads of its crop) by how well it agrees with that row's birth date and sex, the family's region
and the NIK rules; validation then reports what still disagrees, it never rewrites a NIK to fit. A form
whose member tables are empty still gives its header (read above the table's header row), and no member.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import cv2
import numpy as np
from rapidfuzz import fuzz
from stdnum.exceptions import ValidationError
from stdnum.id import nik as stdnum_nik

from doctypes.kk import HEADER_FIELDS, MEMBER_FIELDS
from primitives.nik import is_nik_shaped, mask_nik
from primitives.regions import Region, card_province, card_regency, load_regions, place_name
from workers.pipeline.classify import hits, texts
from workers.pipeline.dates import parse_date
from workers.pipeline.digits import digits_only
from workers.pipeline.extract.ktp import KtpExtractor, clean_text, snap, snap_region
from workers.pipeline.extract.layout import Label, Value, match_label, same_row, squash, strip_colon, union
from workers.pipeline.extract.values import rt_rw
from workers.pipeline.nik_rules import nik_birth_sex
from workers.pipeline.ocr import OcrEngine
from workers.pipeline.reader import Context, Flatten, Options, PageClass, PageRead, Reader, Reading
from workers.pipeline.respace import respace
from workers.pipeline.types import BBox, Check, Field, Page, Reason, TextLine
from workers.pipeline.vocab import MARITAL_STATUSES, NATIONALITIES, OCCUPATIONS, RELIGIONS, SEXES
from workers.pipeline.vocab_kk import EDUCATIONS, HEAD, RELATIONSHIPS

DET_LIMIT = 2200  # detection on the whole page at its own size: the table's print is ~20 px high
# A landscape A4 KK is read down to this many dots per inch of the upload (its 2 mm table print is then
# ~8 px high); below it the digits blur into each other and the page is sent back, not guessed at.
MIN_DPI = 85.0
A4_LONG_INCHES = 297 / 25.4
_NUMBER_TOKEN = r"(?:[(\[{]\s*[0-9IlO]{1,2}\s*[)\]}]?|[0-9IlO]{1,2}\s*[)\]}])"
_COLUMN_NUMBERS = re.compile(rf"^\s*{_NUMBER_TOKEN}(?:\s*{_NUMBER_TOKEN})*\s*$")
_HEADER_LABEL_IN_VALUE = re.compile(
    r"\s(?:NAMA\s*KEPALA\s*KELUARGA|ALAMAT|RT\s*/\s*RW|DESA\s*/\s*KELURAHAN|KELURAHAN\s*/\s*DESA|DESA|KELURAHAN|"
    r"KECAMATAN|KABUPATEN\s*/\s*KOTA|KAB\s*/\s*KOTA|KODE\s*POS|PROVINSI)\s*[:;]",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Column:
    key: str
    labels: tuple[str, ...]


TABLE1 = (
    Column("no", ("NO",)),
    Column("name", ("NAMA LENGKAP",)),
    Column("nik", ("NIK",)),
    Column("sex", ("JENIS KELAMIN",)),
    Column("birth_place", ("TEMPAT LAHIR",)),
    Column("birth_date", ("TANGGAL LAHIR",)),
    Column("religion", ("AGAMA",)),
    Column("education", ("PENDIDIKAN",)),
    Column("occupation", ("JENIS PEKERJAAN", "PEKERJAAN")),
    Column("blood_type", ("GOLONGAN DARAH", "GOL DARAH")),
)
TABLE2 = (
    Column("no", ("NO",)),
    Column("marital_status", ("STATUS PERKAWINAN",)),
    Column("wedding_date", ("TANGGAL PERKAWINAN",)),
    Column("relationship", ("STATUS HUBUNGAN DALAM KELUARGA", "STATUS HUBUNGAN KELUARGA")),
    Column("nationality", ("KEWARGANEGARAAN",)),
    Column("passport", ("NO PASPOR", "NO PASPORT")),
    Column("kitap", ("NO KITAP", "NO KITAS KITAP", "NO KITAS/KITAP")),
    # under a spanning `Nama Orang Tua` heading, some prints label the two cells `Ayah` and `Ibu` alone
    Column("father_name", ("NAMA AYAH", "AYAH")),
    Column("mother_name", ("NAMA IBU", "IBU")),
)
HEADER_LABELS = [
    Label("head_name", ("NAMA KEPALA KELUARGA",)),
    Label("address", ("ALAMAT",)),
    Label("rt_rw", ("RT/RW",)),
    Label("village", ("DESA/KELURAHAN", "KELURAHAN/DESA", "DESA KELURAHAN")),
    Label("district", ("KECAMATAN",)),
    Label("regency", ("KABUPATEN/KOTA", "KAB/KOTA")),
    Label("postal_code", ("KODE POS",)),
    Label("province", ("PROVINSI",)),
]


# --------------------------------------------------------------------------------------------- tables


@dataclass
class Table:
    columns: dict[str, tuple[float, float]]  # key -> (left, right) in page pixels
    header_top: float
    header_bottom: float
    rows: list[float]  # row centres (y)
    pitch: float
    box: BBox


def _words(text: str) -> list[str]:
    return [w for w in (squash(x) for x in re.split(r"[\s/]+", text)) if w]


def _label_score(text: str, column: Column) -> float:
    """How well a header cell's text (the whole label, or a run of its words when the label is wrapped over
    two lines) names `column`, 0-100. A value that is only part of a word (`KAWIN` in `PERKAWINAN`) is not
    a piece of the label."""
    key = squash(text)
    if not key:
        return 0.0
    words = _words(text)
    best = 0.0
    for label in column.labels:
        target = squash(label)
        if len(target) <= 3 or len(key) <= 3:
            best = max(best, 100.0 if key == target else 0.0)
            continue
        best = max(best, fuzz.ratio(key, target))
        label_words = _words(label)
        n = len(words)
        if 0 < n < len(label_words):
            for i in range(len(label_words) - n + 1):
                if fuzz.ratio("".join(words), "".join(label_words[i : i + n])) >= 85 and len(key) >= 4:
                    best = max(best, 85.0)  # one line of a label wrapped over two
    return best


def _split_merged_labels(line: TextLine, columns: Sequence[Column]) -> list[TextLine]:
    """A detector box across several header cells (`No Status Perkawinan Tanggal Perkawinan`) cut into one
    box per label, each placed by its share of the characters."""
    words = line.text.split()
    if len(words) < 2:
        return [line]
    found: list[tuple[int, int]] = []  # word spans
    i = 0
    while i < len(words):
        best: tuple[float, int] | None = None
        for c in columns:
            for label in c.labels:
                k = len(label.split())
                if i + k > len(words):
                    continue
                score = _label_score(" ".join(words[i : i + k]), c)
                if score >= 85 and (best is None or score > best[0]):
                    best = (score, k)
        if best is None:
            i += 1
            continue
        found.append((i, i + best[1]))
        i += best[1]
    if len(found) < 2:
        return [line]
    total = len(line.text)
    starts = [len(" ".join(words[:a])) + (1 if a else 0) for a, _ in found]
    ends = [len(" ".join(words[:b])) for _, b in found]
    width = line.x1 - line.x0
    out = []
    for (a, b), cs, ce in zip(found, starts, ends, strict=True):
        x0 = line.x0 + round(width * cs / total)
        x1 = line.x0 + round(width * ce / total)
        out.append(TextLine(" ".join(words[a:b]), line.confidence, (x0, line.y0, x1, line.y1)))
    return out


def _header_clusters(band: list[TextLine]) -> list[list[TextLine]]:
    """Header lines grouped into cells by horizontal overlap; a line spanning cells (`Dokumen Imigrasi` over
    `No. Paspor` and `No. KITAP`) is a group heading and is left out."""
    clusters: list[list[TextLine]] = []
    for t in sorted(band, key=lambda t: t.x1 - t.x0):
        hits = [
            c
            for c in clusters
            if min(t.x1, max(o.x1 for o in c)) - max(t.x0, min(o.x0 for o in c))
            > 0.3 * min(t.x1 - t.x0, max(o.x1 for o in c) - min(o.x0 for o in c))
        ]
        if len(hits) == 1:
            hits[0].append(t)
        elif not hits:
            clusters.append([t])
    return [sorted(c, key=lambda t: t.y0) for c in clusters]


def find_table_header(
    lines: list[TextLine], columns: Sequence[Column], min_columns: int = 4, below: float = -1.0
) -> tuple[dict[str, TextLine | BBox], float, float] | None:
    """The table's header row: each column's header box, the band's top and bottom. The band is the
    stretch of the page, one to three label lines tall, where the most of the table's labels stand."""
    pieces = [p for t in lines if t.y0 > below for p in _split_merged_labels(t, columns)]
    scored = [(t, max(_label_score(t.text, c) for c in columns)) for t in pieces]
    labelish = sorted((t for t, s in scored if s >= 80), key=lambda t: t.cy)  # whole labels or wrapped pieces
    if not labelish:
        return None
    h = float(np.median([t.height for t in labelish]))
    best: tuple[int, float, float] | None = None
    for anchor in labelish:
        top, bottom = anchor.y0 - 0.5 * h, anchor.y0 + 3.2 * h
        found = {c.key for c in columns for t in labelish if top <= t.cy <= bottom and _label_score(t.text, c) >= 80}
        if best is None or len(found) > best[0]:
            best = (len(found), top, bottom)
    if best is None or best[0] < min_columns:
        return None
    _, top, bottom = best
    # only label text: the band may reach into the first data row, whose values must not join the labels
    band = [t for t in labelish if top <= t.cy <= bottom]
    cells: dict[str, TextLine | BBox] = {}
    scores: list[tuple[float, str, list[TextLine]]] = []
    for cluster in _header_clusters(band):
        text = " ".join(t.text for t in cluster)
        for c in columns:
            s = _label_score(text, c)
            if s >= 70:
                scores.append((s, c.key, cluster))
    used: set[int] = set()
    for _s, key, cluster in sorted(scores, key=lambda x: -x[0]):
        if key in cells or id(cluster) in used:
            continue
        box = union([t.bbox for t in cluster])
        assert box is not None
        cells[key] = box
        used.add(id(cluster))
    if len(cells) < min_columns:
        return None
    boxes = [b for b in cells.values() if isinstance(b, tuple)]
    return cells, float(min(b[1] for b in boxes)), float(max(b[3] for b in boxes))


def _ink(page: np.ndarray, box: tuple[int, int, int, int]) -> tuple[np.ndarray, np.ndarray]:
    """Text ink and vertical-ruling masks (0/1) of a page region."""
    x0, y0, x1, y1 = box
    gray = cv2.cvtColor(page[y0:y1, x0:x1], cv2.COLOR_BGR2GRAY) if page.ndim == 3 else page[y0:y1, x0:x1]
    ink = cv2.adaptiveThreshold(gray, 1, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 15)
    hgt, wid = ink.shape
    tall = cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(3, int(hgt * 0.6))))
    wide = cv2.getStructuringElement(cv2.MORPH_RECT, (max(3, min(wid // 8, 60)), 1))  # rulings, a bit tilted too
    vertical = np.asarray(cv2.morphologyEx(ink, cv2.MORPH_OPEN, tall), dtype=np.uint8)
    horizontal = np.asarray(cv2.morphologyEx(ink, cv2.MORPH_OPEN, wide), dtype=np.uint8)
    text = np.asarray(ink, dtype=np.uint8) * (1 - np.maximum(vertical, horizontal))
    return text, vertical


def column_edges(
    page: np.ndarray, centres: list[tuple[str, float, float, float]], y0: float, y1: float
) -> dict[str, tuple[float, float]]:
    """Each column's left and right edge: the vertical ruling between two header labels if there is one,
    else the widest blank gutter of the body's ink between them (a label is printed inside its cell, so the
    edge lies between one label's end and the next one's start). `centres`: (key, header x0, centre, x1)."""
    h, w = page.shape[:2]
    centres = sorted(centres, key=lambda c: c[2])
    left = max(0, int(min(c[1] for c in centres) - 0.03 * w))
    right = min(w, int(max(c[3] for c in centres) + 0.03 * w))
    top, bottom = max(0, int(y0)), min(h, int(y1))
    if bottom - top < 5 or right - left < 5:
        return {}
    text, vertical = _ink(page, (left, top, right, bottom))
    rulings = np.nonzero(vertical.sum(axis=0) > 0.5 * (bottom - top))[0] + left
    profile = np.convolve(text.sum(axis=0).astype(np.float64), np.ones(3) / 3, mode="same")
    ink_cols = np.nonzero(profile > 0.5)[0]
    # the table's left border: its ruling, else just left of the leftmost ink under the header
    before = rulings[rulings < centres[0][2]]
    if len(before):
        first_left = float(before.max())
    elif len(ink_cols):
        first_left = float(min(centres[0][1], left + ink_cols[0] - 4))
    else:
        first_left = float(centres[0][1])
    edges: list[float] = []
    previous = first_left
    for label_a, label_b in itertools.pairwise(centres):
        ca, cb = label_a[3], label_b[1]
        # a header label stands inside its cell: the edge lies between one label's end and the next's start
        if cb - ca < 4:
            ca, cb = (ca + cb) / 2 - 2, (ca + cb) / 2 + 2
        between = rulings[(rulings > ca - 3) & (rulings < cb + 3)]
        if len(between):
            mid = (ca + cb) / 2
            previous = float(between[np.argmin(np.abs(between - mid))])
            edges.append(previous)
            continue
        a, b = max(0, int(ca) - left), min(len(profile), int(cb) - left + 1)
        if b <= a:
            previous = (ca + cb) / 2
            edges.append(previous)
            continue
        # Blank stretches (or, where cells touch, the least-inked ones) are the candidates; a label is
        # centred in its cell, so the edge mirrors the previous one about the label: prefer the stretch
        # nearest that.
        seg = profile[a:b] <= float(profile[a:b].min()) + max(0.5, 0.02 * (bottom - top))
        runs: list[tuple[int, float]] = []
        run = 0
        for i, blank in enumerate(seg):
            run = run + 1 if blank else 0
            if run and (i + 1 == len(seg) or not seg[i + 1]):
                runs.append((run, left + a + i - (run - 1) / 2))
        predicted = 2 * label_a[2] - previous
        longest = max(r[0] for r in runs)
        good = [r for r in runs if r[0] >= max(3, 0.3 * longest)] or runs
        previous = float(min(good, key=lambda r: abs(r[1] - predicted))[1])
        edges.append(previous)
    after = rulings[rulings > centres[-1][2]]
    if len(after):
        last_right = float(after.min())
    elif len(ink_cols):
        last_right = float(max(centres[-1][3], left + ink_cols[-1] + 4))
    else:
        last_right = float(centres[-1][3])
    bounds = [first_left, *edges, last_right]
    return {c[0]: (bounds[i], bounds[i + 1]) for i, c in enumerate(centres)}


def _rows(
    lines: list[TextLine], columns: dict[str, tuple[float, float]], top: float, bottom: float, anchor_key: str
) -> tuple[list[float], float]:
    """Row centres: the lines standing in the anchor column (the NIK's, else the first text column) and in
    the `No` column, merged by height; a row must also hold text in at least two other columns."""
    body = [t for t in lines if top < t.cy < bottom]
    if not body:
        return [], 0.0
    h = float(np.median([t.height for t in body]))
    anchors: list[float] = []
    for key in (anchor_key, "no"):
        if key not in columns:
            continue
        a, b = columns[key]
        for t in body:
            cx = (t.x0 + t.x1) / 2
            if a <= cx <= b and len(squash(t.text)) >= 1:
                anchors.append(t.cy)
    rows: list[list[float]] = []
    for y in sorted(anchors):
        if rows and y - rows[-1][-1] < 0.6 * h:
            rows[-1].append(y)
        else:
            rows.append([y])
    centres = [float(np.mean(r)) for r in rows]
    pitch = float(np.median(np.diff(centres))) if len(centres) > 1 else 1.8 * h
    pitch = max(pitch, 1.2 * h)
    keep = []
    for y in centres:
        filled = {
            k
            for k, (a, b) in columns.items()
            if k not in ("no", anchor_key)
            for t in body
            if abs(t.cy - y) < 0.45 * pitch and t.x1 > a and t.x0 < b
        }
        if len(filled) >= 2:
            keep.append(y)
    return keep, pitch


def locate_table(
    page: np.ndarray,
    lines: list[TextLine],
    columns: Sequence[Column],
    anchor_key: str,
    header: tuple[dict[str, TextLine | BBox], float, float],
    end: float,
) -> Table | None:
    """The table under `header` down to `end` (the next table's header, or the page's foot)."""
    cells, header_top, header_bottom = header
    order = [c.key for c in columns]
    centres = []
    for key, box in cells.items():
        assert isinstance(box, tuple)
        centres.append((key, float(box[0]), (box[0] + box[2]) / 2, float(box[2])))
    # keep only labels in the printed left-to-right order (a stray match elsewhere breaks it)
    centres.sort(key=lambda c: c[2])
    ranks = [order.index(c[0]) for c in centres]
    centres = [c for i, c in enumerate(centres) if all(ranks[j] < ranks[i] for j in range(i))]
    rough = {c[0]: (c[1], c[3]) for c in centres}
    rows, pitch = _rows(lines, rough, header_bottom, end, anchor_key)
    if not rows:
        return None
    body_bottom = min(end, rows[-1] + 0.6 * pitch)
    edges = column_edges(page, centres, header_bottom + 2, body_bottom)
    if not edges:
        return None
    rows, pitch = _rows(lines, edges, header_bottom, body_bottom, anchor_key)
    if not rows:
        return None
    box = (
        int(min(a for a, _ in edges.values())),
        int(header_top),
        int(max(b for _, b in edges.values())),
        int(rows[-1] + 0.5 * pitch),
    )
    return Table(edges, header_top, header_bottom, rows, pitch, box)


def is_column_number(text: str) -> bool:
    """`(3)`, `(11) (12)`: the column-number row under a table's labels, never a member's value."""
    return _COLUMN_NUMBERS.match(text) is not None


def is_column_number_row(row: dict[str, Cell]) -> bool:
    """A table row that holds only small numbers, one per column (the column-number row read without its
    brackets, or with some of them): no name, no NIK."""
    texts = [c.text.strip() for c in row.values() if c.text.strip()]
    if len(texts) < 3:
        return False
    small = [t for t in texts if is_column_number(t) or re.fullmatch(r"[0-9]{1,2}", t)]
    name = row.get("name")
    return len(small) >= 0.7 * len(texts) and (name is None or not re.search(r"[A-Za-z]{2}", name.text))


def _is_issue_label(text: str) -> bool:
    """`Dikeluarkan Tanggal` (misread a little), and not `KEPALA KELUARGA`, which shares letters with it."""
    return fuzz.ratio(squash(text)[:11], "DIKELUARKAN") >= 80


def locate_tables(page: np.ndarray, lines: list[TextLine]) -> tuple[Table | None, Table | None]:
    """Both member tables: the first (NIK) table's header, the second's header below it, each table's
    body ending where the next begins or where the footer (`Dikeluarkan Tanggal`) starts."""
    h1 = find_table_header(lines, TABLE1)
    if h1 is None:
        return None, None
    h2 = find_table_header(lines, TABLE2, below=h1[2])
    footer = [t.y0 for t in lines if t.cy > h1[2] and _is_issue_label(t.text)]
    foot = min(footer, default=float(page.shape[0]))
    t1 = locate_table(page, lines, TABLE1, "nik", h1, h2[1] if h2 else foot)
    t2 = locate_table(page, lines, TABLE2, "relationship", h2, foot) if h2 else None
    return t1, t2


def _crop(page: np.ndarray, x0: float, y0: float, x1: float, y1: float, pad: float) -> np.ndarray:
    h, w = page.shape[:2]
    a, b = max(0, int(x0 - pad)), min(w, int(x1 + pad))
    c, d = max(0, int(y0 - pad)), min(h, int(y1 + pad))
    return page[c:d, a:b]


@dataclass
class Cell:
    text: str
    confidence: float
    bbox: BBox | None
    readings: list[str]  # alternative readings (crop re-reads) for repair by validation


def read_cells(
    page: np.ndarray, engine: OcrEngine, lines: list[TextLine], table: Table, reread: set[str]
) -> list[dict[str, Cell]]:
    """Each row's cells. A line inside one column is taken as read; a line across columns is re-read
    piece by piece from its crop; columns in `reread` are re-read from their crop once more."""
    out = []
    keys = list(table.columns)
    for y in table.rows:
        row_lines = [t for t in lines if abs(t.cy - y) < 0.45 * table.pitch and t.y0 > table.header_bottom - 2]
        cells: dict[str, list[tuple[float, str, float, BBox]]] = {k: [] for k in keys}
        for t in row_lines:
            spans = []
            for k in keys:
                a, b = table.columns[k]
                overlap = min(t.x1, b) - max(t.x0, a)
                if overlap > 0.25 * t.height:
                    spans.append((k, a, b, overlap))
            if not spans:
                continue
            if len(spans) == 1 or max(s[3] for s in spans) > 0.92 * (t.x1 - t.x0):
                k = max(spans, key=lambda s: s[3])[0]
                cells[k].append((t.x0, t.text, t.confidence, t.bbox))
                continue
            for k, a, b, _ in spans:  # one detector box across cells: read each piece on its own
                x0, x1 = max(t.x0, a + 2), min(t.x1, b - 2)
                text, conf = engine.recognise(_crop(page, x0, t.y0, x1, t.y1, 3))
                if text.strip():
                    cells[k].append((x0, text, conf, (int(x0), t.y0, int(x1), t.y1)))
        row: dict[str, Cell] = {}
        for k, parts in cells.items():
            if not parts:
                continue
            parts.sort()
            box = union([p[3] for p in parts])
            cell = Cell(" ".join(p[1] for p in parts), min(p[2] for p in parts), box, [])
            if k in reread and box is not None:
                for pad in (4, 8):
                    text, _ = engine.recognise(_crop(page, box[0], box[1], box[2], box[3], pad))
                    cell.readings.append(text)
            row[k] = cell
        out.append(row)
    return out


# --------------------------------------------------------------------------------------------- values


def _date_parts(iso: str | None) -> tuple[str, str, str] | None:
    if not iso or len(iso) != 10:
        return None
    return iso[8:10], iso[5:7], iso[2:4]


def nik_agreement(nik: str, birth_date: str | None, sex: str | None, region: str | None) -> int:
    """How many of the row's own facts a 16-digit reading agrees with (rules, birth date, sex, region)."""
    if not is_nik_shaped(nik):
        return -1
    score = 0
    if stdnum_nik.is_valid(nik):
        score += 2
    day, month, yy, nik_sex = nik_birth_sex(nik)
    if (parts := _date_parts(birth_date)) is not None and parts == (day, month, yy):
        score += 3
    if sex in SEXES and sex == nik_sex:
        score += 1
    if region and nik[:6] == region:
        score += 1
    return score


def choose_nik(cell: Cell, birth_date: str | None, sex: str | None, region: str | None) -> tuple[str, float]:
    """The reading of a member's NIK that best agrees with the row; the page read wins a tie."""
    readings = [digits_only(strip_colon(cell.text)), *(digits_only(r) for r in cell.readings)]
    best = max(readings, key=lambda r: nik_agreement(r, birth_date, sex, region))
    agree = nik_agreement(best, birth_date, sex, region)
    confidence = cell.confidence * (1.0 if agree >= 6 else 0.8 if agree >= 3 else 0.5)
    return best, confidence


class KkReader:
    """Reads one flattened KK page. Region names and vocabularies are loaded once."""

    def __init__(self) -> None:
        self.regions = load_regions()
        self._province_names = {card_province(p): p for p in self.regions.provinces()}
        self._places = sorted({place_name(r) for r in self.regions.by_code.values() if r.level == "regency"})

    def place(self, text: str) -> str:
        place = re.sub(r"[^A-Z .'\-]", " ", strip_colon(text.upper()))
        place = " ".join(place.split()).strip(" .,-")
        if len(place) >= 4:
            snapped = snap(place, self._places, min(90.0, 99.5 - 100 / len(place)))
            if snapped:
                return snapped[0]
        return place

    @staticmethod
    def enum(text: str, vocab: Sequence[str], cutoff: float) -> tuple[str, float]:
        snapped = snap(text, tuple(vocab), cutoff)
        return (snapped[0], snapped[1]) if snapped else (clean_text(text), 0.3)

    def member(
        self, t1: dict[str, Cell], t2: dict[str, Cell] | None, region: str | None
    ) -> tuple[dict[str, str], float]:
        """One member's contract dict from the row's cells in both tables, and its confidence."""
        t2 = t2 or {}
        m: dict[str, str] = {}
        confs: list[float] = []

        def text(cells: dict[str, Cell], key: str) -> str:
            c = cells.get(key)
            if c is None:
                return ""
            confs.append(c.confidence)
            return c.text

        m["name"] = KtpExtractor.normalise("name", text(t1, "name"))
        sex, _ = self.enum(text(t1, "sex"), SEXES, 60)
        m["birth_place"] = self.place(text(t1, "birth_place"))
        m["birth_date"] = parse_date(text(t1, "birth_date")) or ""
        m["religion"] = self.enum(text(t1, "religion"), RELIGIONS, 60)[0]
        m["education"] = self.enum(text(t1, "education"), EDUCATIONS, 60)[0]
        occ = text(t1, "occupation")
        snapped = snap(occ, OCCUPATIONS, 85)
        m["occupation"] = snapped[0] if snapped else clean_text(occ)
        m["marital_status"] = self.enum(text(t2, "marital_status"), MARITAL_STATUSES, 55)[0]
        m["relationship"] = self.enum(text(t2, "relationship"), RELATIONSHIPS, 60)[0]
        nat = text(t2, "nationality")
        nat_value, _ = self.enum(nat, NATIONALITIES, 50)
        if nat_value not in NATIONALITIES and squash(nat).startswith("W"):
            nat_value = "WNA" if squash(nat).endswith("A") else "WNI"
        m["nationality"] = nat_value
        m["father_name"] = KtpExtractor.normalise("name", text(t2, "father_name"))
        m["mother_name"] = KtpExtractor.normalise("name", text(t2, "mother_name"))
        nik = ""
        if (cell := t1.get("nik")) is not None:
            nik, c = choose_nik(cell, m["birth_date"] or None, sex if sex in SEXES else None, region)
            confs.append(c)
        if sex not in SEXES and is_nik_shaped(nik):  # unreadable sex: the NIK encodes it, at low confidence
            sex = nik_birth_sex(nik)[3]
            confs.append(0.5)
        m["sex"] = sex
        m["nik"] = nik
        return {k: m[k] for k in MEMBER_FIELDS}, (min(confs) if confs else 0.0)

    # -- header ---------------------------------------------------------------------------------------
    def header(self, lines: list[TextLine], table_top: float) -> dict[str, Field]:
        above = [t for t in lines if t.cy < table_top]
        out: dict[str, Field] = {}
        out.update(self._kk_number(above))
        hits: list[tuple[Label, TextLine, str]] = []
        for t in above:
            if t.text.lstrip()[:1] in (":", ";"):  # `: KABUPATEN KOTABARU` is a value, never a label
                continue
            found = match_label(t.text, HEADER_LABELS, 80)
            if found is not None:
                hits.append((found[0], t, found[1]))
        values: dict[str, Value] = {}
        for label, line, rest in hits:
            stop = min(
                (o.x0 for _, o, _ in hits if o is not line and o.x0 > line.x1 and same_row(o, line)),
                default=float("inf"),
            )
            rest = _cut_at_label(rest)
            parts = [rest] if rest else []
            boxes = [line.bbox] if rest else []
            confs = [line.confidence]
            edge = float(line.x1)
            for t in sorted(above, key=lambda t: t.x0):
                if t is line or not same_row(t, line) or t.x0 < line.x1 - 2 or t.x0 >= stop:
                    continue
                if any(t is o for _, o, _ in hits):
                    continue
                if parts and (
                    t.text.lstrip()[:1] in (":", ";")
                    or t.x0 - edge > 3.0 * line.height
                    or match_label(t.text, HEADER_LABELS, 70) is not None
                ):
                    break  # another field's value, a far column, or a label read too poorly to be a hit
                piece = _cut_at_label(" " + (strip_colon(t.text) if not parts else t.text)).strip()
                if piece:
                    parts.append(piece)
                    boxes.append(t.bbox)
                    confs.append(t.confidence)
                edge = max(edge, float(t.x1))
                if len(piece) < len(t.text.strip(" :;")):
                    break  # the next column's label began inside this box
            current = values.get(label.key)
            if current is None or not current.text:
                values[label.key] = Value(" ".join(p for p in parts if p).strip(), min(confs), union(boxes))
        self._no_label_text(values)
        if v := values.get("head_name"):
            out["head_name"] = Field(KtpExtractor.normalise("name", v.text), v.confidence, v.bbox)
        if v := values.get("address"):
            out["address"] = Field(KtpExtractor.normalise("address", v.text), v.confidence, v.bbox)
        if (v := values.get("rt_rw")) and v.text:
            out["rt_rw"] = rt_rw(v)
        self._regions(out, values)
        return {k: f for k, f in out.items() if f.value not in (None, "")}

    @staticmethod
    def _no_label_text(fields: dict[str, Value]) -> None:
        """A form left blank reads its labels only: a value that is itself a header label is no value."""
        for key, v in fields.items():
            label = match_label(v.text, HEADER_LABELS, 85) if v.text else None
            if label is not None and not strip_colon(label[1]):
                fields[key] = Value("", v.confidence, v.bbox)

    def _kk_number(self, lines: list[TextLine]) -> dict[str, Field]:
        """`No. 3204...` under the title: the first line above the tables holding (almost) 16 digits."""
        for t in sorted(lines, key=lambda t: t.cy):
            text = re.sub(r"^\s*N[O0o]\s*[.,:]?\s*", "", t.text)
            if sum(c.isdigit() for c in text) >= 12:
                digits = digits_only(text)
                return {"kk_number": Field(digits, t.confidence if len(digits) == 16 else t.confidence * 0.3, t.bbox)}
        return {}

    def _regions(self, out: dict[str, Field], values: dict[str, Value]) -> None:
        """Province, regency, district and village snapped to the Kemendagri names, each under its parent
        (the KK number's region code when the header's own reading does not name one)."""
        province: Region | None = None
        regency: Region | None = None
        number = str(out["kk_number"].value) if "kk_number" in out else ""
        if is_nik_shaped(number):
            prov_code, reg_code, _ = self.regions.codes_from_nik(number)
            province, regency = self.regions.get(prov_code), self.regions.get(reg_code)
        if v := values.get("province"):
            raw = clean_text(re.sub(r"^\s*PROVINSI\s*", "", v.text.upper()))
            snapped = snap(raw, list(self._province_names), 80)
            if snapped:
                out["province"] = Field(snapped[0], v.confidence * snapped[1], v.bbox)
                named = self._province_names[snapped[0]]
                if province is None or province.code != named.code:
                    province, regency = named, None
            elif raw:
                out["province"] = Field(raw, v.confidence * 0.5, v.bbox)
        if v := values.get("regency"):
            raw = clean_text(v.text)
            children = self.regions.children_of(province.code) if province else []
            snapped = snap(raw, [card_regency(r) for r in children], 80) if children else None
            if not snapped and children:  # `SUPIORI` for `KABUPATEN SUPIORI`: the prefix left out or lost
                bare = snap(raw, [place_name(r) for r in children], 85)
                if bare:
                    named = next(r for r in children if place_name(r) == bare[0])
                    snapped = (card_regency(named), bare[1] * 0.9)
            if (
                not snapped
                and children
                and (coded := self._regency_of_number(number)) is not None
                and len(squash(raw)) >= 4
                and squash(card_regency(coded)).endswith(squash(raw))
            ):
                # `ILIR` for `KABUPATEN OGAN ILIR`: the value's first words lost; the KK number's region
                # code names the regency, and what was read is its end
                snapped = (card_regency(coded), 0.6)
            coded = self._regency_of_number(number)
            if (
                snapped
                and coded is not None
                and snapped[0] != card_regency(coded)
                and children
                and not re.search(r"\b(?:KOTA|KAB)", raw)
                and place_name(next(r for r in children if card_regency(r) == snapped[0])) == place_name(coded)
            ):
                # `TANGERANG` (the kind not read) names a KOTA and a KABUPATEN: the KK number's code says which
                snapped = (card_regency(coded), snapped[1])
            if snapped:
                out["regency"] = Field(snapped[0], v.confidence * snapped[1], v.bbox)
                regency = next(r for r in children if card_regency(r) == snapped[0])
            elif raw:
                out["regency"] = Field(raw, v.confidence * 0.6, v.bbox)
        district = self._snap(out, "district", values.get("district"), regency)
        if district is None and is_nik_shaped(number):
            district = self.regions.get(self.regions.codes_from_nik(number)[2])
        self._snap(out, "village", values.get("village"), district)

    def _regency_of_number(self, number: str) -> Region | None:
        """The regency the KK number's region code names (None when the number is not NIK-shaped)."""
        return self.regions.get(self.regions.codes_from_nik(number)[1]) if is_nik_shaped(number) else None

    def _snap(self, out: dict[str, Field], key: str, v: Value | None, parent: Region | None) -> Region | None:
        return snap_region(self.regions, out, key, v, parent)

    @staticmethod
    def issue_date(lines: list[TextLine], below: float) -> dict[str, Field]:
        """`Dikeluarkan Tanggal : 05-08-2024` under the tables (the date possibly a line of its own)."""
        for t in lines:
            if t.cy < below:
                continue
            m = re.search(r"D[I1l]KELUARKAN\s*TANGGAL", t.text.upper())
            if m is None and not _is_issue_label(t.text):
                continue
            rest = t.text[m.end() :] if m else t.text
            iso = parse_date(rest)
            if iso is None:
                right = [o for o in lines if o is not t and same_row(o, t) and o.x0 >= t.x1 - 5]
                if right:
                    iso = parse_date(min(right, key=lambda o: o.x0).text)
            if iso:
                return {"issue_date": Field(iso, t.confidence, t.bbox)}
        return {}


_reader: KkReader | None = None


def _get_reader() -> KkReader:
    global _reader
    if _reader is None:
        _reader = KkReader()
    return _reader


def _cut_at_label(text: str) -> str:
    """A value up to the next header label read into the same box (`SOEKARI Desa/Kelurahan : JATIWANGI`)."""
    m = _HEADER_LABEL_IN_VALUE.search(text)
    return (text[: m.start()] if m else text).strip()


def sheet_dpi(image: np.ndarray) -> float:
    """The upload's dots per inch along the KK's long side: the sheet's own long side in the upload's
    pixels (the whole frame when no sheet is found, a scan or a web copy) over A4's 297 mm."""
    from workers.pipeline.page import A4_RATIO, sheet_long_side

    return sheet_long_side(image, A4_RATIO) / A4_LONG_INCHES


def resolution_check(image: np.ndarray, min_dpi: float = MIN_DPI) -> Check:
    """`resolution` for a KK page: failed, with a retake, when its print is too small to read."""
    dpi = sheet_dpi(image)
    passed = dpi >= min_dpi
    detail = f"the family card is about {dpi:.0f} dpi in the upload"
    if passed:
        return Check("resolution", True, min(1.0, dpi / (2 * min_dpi)), detail)
    return Check(
        "resolution",
        False,
        dpi / (2 * min_dpi),
        f"{detail}; too small to read its tables, retake it (a scan at {min_dpi:.0f} dpi or more, "
        "or a photo of the whole sheet)",
        action="retake",
        reason="RETAKE_LOW_RESOLUTION",
    )


def _pair_rows(t1: list[dict[str, Cell]], t2: list[dict[str, Cell]]) -> list[dict[str, Cell] | None]:
    """Second-table rows matched to first-table rows: by the printed `No` when both were read, else in order."""

    def number(row: dict[str, Cell]) -> int | None:
        c = row.get("no")
        d = digits_only(c.text) if c else ""
        return int(d) if d.isdigit() and 0 < int(d) <= 20 else None

    by_no = {n: r for r in t2 if (n := number(r)) is not None}
    out: list[dict[str, Cell] | None] = []
    for i, row in enumerate(t1):
        n = number(row)
        if n is not None and n in by_no and len(by_no) == len(t2):
            out.append(by_no[n])
        else:
            out.append(t2[i] if i < len(t2) else None)
    return out


def _glued(text: str) -> bool:
    """A word long enough to be two names read without their space."""
    return any(len(w) >= 8 for w in text.split())


def _respace_names(
    page: np.ndarray,
    engine: OcrEngine,
    header: dict[str, Field],
    cells1: list[dict[str, Cell]],
    cells2: list[dict[str, Cell]],
) -> None:
    """Word spaces the page read dropped in names and the address (`JANEMARDHIYAH`), put back from a second
    look at the value's box (`respace`); only where a word is suspiciously long, to keep the page fast."""
    for key in ("head_name", "address"):
        f = header.get(key)
        if f is not None and f.bbox is not None and _glued(str(f.value)):
            fixed = respace(engine, page, f.bbox, str(f.value))
            if fixed:
                f.value = KtpExtractor.normalise("name" if key == "head_name" else "address", fixed)
    for rows, keys in ((cells1, ("name",)), (cells2, ("father_name", "mother_name"))):
        for row in rows:
            for key in keys:
                c = row.get(key)
                if c is not None and c.bbox is not None and _glued(c.text):
                    fixed = respace(engine, page, c.bbox, c.text.upper())
                    if fixed:
                        c.text = fixed


def _fill_from_table_and_number(header: dict[str, Field], members: list[dict[str, str]], reader: KkReader) -> None:
    """Header values the page read missed, where the card states them twice: the head of family's name is
    the KEPALA KELUARGA row's name, and the regency is the one the KK number's region code names. Taken
    at half confidence, so that a clerk looks."""
    heads = [m for m in members if m.get("relationship") == HEAD and m.get("name")]
    if "head_name" not in header and len(heads) == 1:
        header["head_name"] = Field(heads[0]["name"], 0.5, None)
    number = str(header["kk_number"].value) if "kk_number" in header else ""
    if "regency" not in header and is_nik_shaped(number):
        regency = reader.regions.get(reader.regions.codes_from_nik(number)[1])
        if regency is not None:
            header["regency"] = Field(card_regency(regency), 0.5, None)


def extract_kk(
    pages: list[np.ndarray], engine: OcrEngine, first_index: int = 0
) -> tuple[dict[str, Field], list[Reason]]:
    """The contract's KK fields from flattened, upright KK pages, and the validation reasons."""
    reader = _get_reader()
    fields: dict[str, Field] = {}
    for index, page in enumerate(pages):
        if page is None or page.size == 0:
            continue
        lines = engine.read(page, det_limit=min(2400, max(DET_LIMIT, max(page.shape[:2]))))
        lines = [t for t in lines if not is_column_number(t.text)]
        t1, t2 = locate_tables(page, lines)
        if t1 is None:
            # a form whose header is filled in and whose member tables are empty: the header is read (no
            # member is made up; validation says the members are missing)
            if (h1 := find_table_header(lines, TABLE1)) is not None and (header := reader.header(lines, h1[1])):
                fields.update(header)
                fields.update(reader.issue_date(lines, h1[2]))
                for f in fields.values():
                    f.page = first_index + index
                break
            continue
        cells1 = [r for r in read_cells(page, engine, lines, t1, {"nik"}) if not is_column_number_row(r)]
        cells2 = [r for r in read_cells(page, engine, lines, t2, set()) if not is_column_number_row(r)] if t2 else []
        header = reader.header(lines, t1.header_top)
        region = (
            str(header["kk_number"].value)[:6]
            if "kk_number" in header and is_nik_shaped(str(header["kk_number"].value))
            else None
        )
        _respace_names(page, engine, header, cells1, cells2)
        members, confs = [], []
        for row1, row2 in zip(cells1, _pair_rows(cells1, cells2), strict=True):
            if "nik" not in row1 and "name" not in row1:
                continue
            member, conf = reader.member(row1, row2, region)
            members.append(member)
            confs.append(conf)
        _fill_from_table_and_number(header, members, reader)
        bottom = (t2 or t1).box[3]
        fields.update(header)
        fields.update(reader.issue_date(lines, bottom))
        box = union([t1.box] + ([t2.box] if t2 else []))
        fields["members"] = Field(members, min(confs) if confs else 0.0, box)
        for f in fields.values():
            f.page = first_index + index
        break
    reasons = validate_kk(fields)
    ordered = {k: fields[k] for k in (*HEADER_FIELDS, "members") if k in fields}
    return ordered, reasons


# --------------------------------------------------------------------------------------------- validation


def _valid_nik(nik: str) -> str | None:
    """None when the NIK passes its rules, else why not."""
    if not is_nik_shaped(nik):
        return f"must be 16 digits, read {len(nik)} characters"
    try:
        stdnum_nik.validate(nik)
    except ValidationError as exc:
        return str(exc)
    return None


def validate_kk(fields: dict[str, Field]) -> list[Reason]:
    """Reasons for what a clerk must look at: the KK number, each member's NIK against its row, the head."""
    reasons: list[Reason] = []
    number = fields.get("kk_number")
    if number is None:
        reasons.append(Reason("FIELD_MISSING", "kk_number could not be read", "kk_number"))
    elif (why := _valid_nik(str(number.value))) is not None:
        reasons.append(Reason("KK_NUMBER_INVALID", f"KK number {mask_nik(str(number.value))}: {why}", "kk_number"))
    members_field = fields.get("members")
    members: list[dict[str, str | None]] = list(members_field.value) if members_field else []
    if not members:
        reasons.append(Reason("KK_MEMBERS_MISSING", "the member table could not be read", "members"))
        return reasons
    for i, m in enumerate(members, start=1):
        nik = str(m.get("nik") or "")
        who = f"member {i}"
        if (why := _valid_nik(nik)) is not None:
            reasons.append(Reason("KK_MEMBER_NIK_INVALID", f"{who}: NIK {mask_nik(nik)} {why}", "members"))
            if not is_nik_shaped(nik):
                continue
        day, month, yy, nik_sex = nik_birth_sex(nik)
        birth = str(m.get("birth_date") or "")
        if (parts := _date_parts(birth)) is not None and parts != (day, month, yy):
            reasons.append(
                Reason(
                    "KK_MEMBER_NIK_DOB_MISMATCH",
                    f"{who}: birth date in NIK {mask_nik(nik)} is {day}-{month}-..{yy}, the table says {birth}",
                    "members",
                )
            )
        sex = m.get("sex")
        if sex in SEXES and sex != nik_sex:
            reasons.append(
                Reason(
                    "KK_MEMBER_NIK_SEX_MISMATCH",
                    f"{who}: NIK {mask_nik(nik)} encodes {nik_sex}, the table says {sex}",
                    "members",
                )
            )
    heads = [i for i, m in enumerate(members, start=1) if m.get("relationship") == HEAD]
    if len(heads) != 1:
        reasons.append(
            Reason(
                "KK_HEAD_COUNT",
                f"{len(heads)} members are {HEAD} (rows {heads or 'none'}); a family card has exactly one",
                "members",
            )
        )
    elif (
        (head_name := fields.get("head_name")) is not None
        and members[heads[0] - 1].get("name")
        and fuzz.ratio(str(head_name.value), str(members[heads[0] - 1]["name"])) < 90
    ):
        reasons.append(
            Reason(
                "KK_HEAD_NAME_MISMATCH",
                f"the header names {head_name.value}, the table's head of family is {members[heads[0] - 1]['name']}",
                "head_name",
            )
        )
    issue = fields.get("issue_date")
    if issue is not None:
        try:
            if date.fromisoformat(str(issue.value)) > date.today():
                reasons.append(
                    Reason("KK_ISSUE_DATE_FUTURE", f"issue date {issue.value} is in the future", "issue_date")
                )
        except ValueError:
            pass
    return reasons


# --------------------------------------------------------------------------------------------- the reader

_KK_TITLE = ("KARTUKELUARGA",)
# KK column headers a KTP-el never prints (its "Status Perkawinan" and "Kewarganegaraan" are left out)
_KK_CUES = (
    "KEPALAKELUARGA",
    "NAMALENGKAP",
    "STATUSHUBUNGAN",
    "JENISPEKERJAAN",
    "PENDIDIKAN",
    "HUBUNGANDALAM",
    "NAMAAYAH",
    "NAMAIBU",
    "DOKUMENIMIGRASI",
    "TANGGALPERKAWINAN",
    "GOLONGANDARAH",
    "DESAKELURAHAN",
    "KODEPOS",
    "NAMAORANGTUA",
)


def _kk_number_line(lines: list[TextLine]) -> bool:
    for t in lines:
        s = squash(t.text)
        if s.startswith("NO") and sum(c.isdigit() for c in s) >= 15:
            return True
    return False


class KkDocumentReader:
    """The Kartu Keluarga (doctypes.kk): an A4 sheet flattened as a page, whose tables its reader reads itself
    at its own detection size (extract_kk)."""

    name = "kk"
    flatten: Flatten = "sheet-unread"
    card = False
    precedence = 20

    def hint(self, lines: list[TextLine]) -> bool:
        found = texts(lines)
        return bool(hits(found, _KK_TITLE)) or len(hits(found, _KK_CUES)) >= 3

    def recognise(self, lines: list[TextLine]) -> PageClass | None:
        found = texts(lines)
        title, cues = hits(found, _KK_TITLE), hits(found, _KK_CUES)
        if (title and (cues or _kk_number_line(lines))) or len(cues) >= 5:
            return PageClass(
                "kk",
                round(min(1.0, 0.6 + 0.2 * bool(title) + 0.04 * len(cues)), 3),
                "Kartu Keluarga title and table headers",
            )
        return None

    def fallback(self, lines: list[TextLine]) -> PageClass | None:
        return None

    def cues(self, lines: list[TextLine]) -> list[str]:
        found = texts(lines)
        return sorted(hits(found, _KK_TITLE) | hits(found, _KK_CUES))

    def upright(self, lines: list[TextLine]) -> Reading | None:
        return None

    def page_checks(self, page: Page, checks: list[Check], options: Options) -> list[Check]:
        return []

    def read(self, pages: list[PageRead], ctx: Context) -> tuple[dict[str, Field], list[Reason]]:
        """The KK's fields from the pages fine enough to read; when none is, a failed `resolution` check (a
        retake) and no fields, rather than members guessed from a blur."""
        checks = [resolution_check(r.source) for r in pages]
        readable = [r for r, c in zip(pages, checks, strict=True) if c.passed]
        if not readable:
            ctx.result.checks.append(min(checks, key=lambda c: c.score))
            return {}, validate_kk({})
        return extract_kk([r.page.image for r in readable], ctx.engine, readable[0].page.index)


READER: Reader = KkDocumentReader()
