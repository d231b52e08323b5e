"""Reading label/value forms from OCR lines: find labels by fuzzy match, collect what stands to their right.

A label and its value may come as one OCR line (`Nama : BUDI`) or several (`Nama`, `:`, `BUDI`); labels get
misread (`KelDesa`, `Kecamatan;`) and colons get lost or doubled. Nothing here knows pixel positions of a
particular card design: rows are found from the lines' own geometry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

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


def text_rows(lines: list[TextLine]) -> list[list[TextLine]]:
    """Lines grouped into rows (vertical overlap), top to bottom, each row left to right."""
    rows: list[list[TextLine]] = []
    for t in sorted(lines, key=lambda t: t.cy):
        for row in rows:
            if any(same_row(t, other) for other in row):
                row.append(t)
                break
        else:
            rows.append([t])
    return [sorted(row, key=lambda t: t.x0) for row in rows]


def union(boxes: list[BBox]) -> BBox | None:
    if not boxes:
        return None
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def find_labels(lines: list[TextLine], labels: list[Label], min_score: float = 80.0) -> dict[str, LabelHit]:
    """The best line for each label; a line is used for one label only."""
    hits: dict[str, LabelHit] = {}
    for line in lines:
        found = match_label(line.text, labels, min_score)
        if found is None:
            continue
        label, rest, score = found
        current = hits.get(label.key)
        if current is None or score > current.score:
            hits[label.key] = LabelHit(label, line, rest, score)
    return hits


def recover_labels(
    hits: dict[str, LabelHit], lines: list[TextLine], labels: list[Label], min_score: float = 55.0
) -> None:
    """Find labels the first pass missed (`Jeres Kelamen`, `KoV/Desa`) from the form's own order.

    Labels are printed in a known order down a left column. A missing label is looked for only among
    lines that start in that column, between the labels found above and below it, where a weak match
    is enough. The column is measured on this page from the labels found, not assumed.
    """
    strong = [h for h in hits.values() if not h.label.inline]
    if len(strong) < 3:
        return
    used = {id(h.line) for h in hits.values()}
    column_left = min(h.line.x0 for h in strong)
    heights = sorted(h.line.height for h in strong)
    h_med = heights[len(heights) // 2]
    column_right = column_left + 4 * h_med
    order = [lab for lab in labels if not lab.inline]
    # First every weak match, then, for labels still missing, a line alone in its slot of the column.
    for positional in (False, True):
        for i, label in enumerate(order):
            if label.key in hits:
                continue
            above = next((hits[o.key].line for o in reversed(order[:i]) if o.key in hits), None)
            below = next((hits[o.key].line for o in order[i + 1 :] if o.key in hits), None)
            top = above.cy + 0.5 * h_med if above else -1e9
            bottom = below.cy - 0.5 * h_med if below else top + 2.5 * h_med
            candidates = [
                t
                for t in lines
                if id(t) not in used and column_left - h_med <= t.x0 <= column_right and top < t.cy < bottom
            ]
            best: tuple[float, TextLine, str] | None = None
            for t in candidates:
                found = match_label(t.text, [label], min_score)
                if found and (best is None or found[2] > best[0]):
                    best = (found[2], t, found[1])
            if best is None and positional and len(candidates) == 1:
                # Unreadable (`虹来W` for RT/RW) but alone in its slot of the column: position says what it is.
                best = (0.0, candidates[0], "")
            if best:
                hits[label.key] = LabelHit(label, best[1], best[2], best[0])
                used.add(id(best[1]))


def _value_column(hits: dict[str, LabelHit], lines: list[TextLine]) -> tuple[list[TextLine], list[TextLine], float]:
    """Label lines (top to bottom), the lines standing right of the label column, and the label height."""
    label_ids = {id(h.line) for h in hits.values()}
    label_lines = sorted((h.line for h in hits.values() if not h.label.inline), key=lambda t: t.cy)
    if not label_lines:
        return [], [], 0.0
    h_med = sorted(t.height for t in label_lines)[len(label_lines) // 2]
    right_of = sorted(t.x1 for t in label_lines)[len(label_lines) // 2] - h_med
    values = [t for t in lines if id(t) not in label_ids and t.x0 >= right_of]
    return label_lines, values, float(h_med)


def _nik_offset(hits: dict[str, LabelHit], values: list[TextLine], h_med: float) -> float | None:
    """Where the NIK's sixteen digits stand against their label, when they were read apart from it."""
    nik = hits.get("nik")
    if nik is None or nik.rest:
        return None
    digits = [v for v in values if sum(c.isdigit() for c in v.text) >= 12 and abs(v.cy - nik.line.cy) < 1.5 * h_med]
    return min((v.cy - nik.line.cy for v in digits), key=abs) if digits else None


def value_offset(hits: dict[str, LabelHit], lines: list[TextLine]) -> float:
    """How far values sit below (+) or above (-) their labels on this page.

    Printers, renderers and imperfect flattening shift the value column against the label column, at
    times by half a row, where a value is as near the label above as the one below. The order settles it:
    labels and value rows both run down the page one to one, so each candidate shift is scored by the best
    in-order pairing of label rows with value rows (a label may lack its value, a value may wrap onto a
    row of its own, each at a price); the cheapest shift wins (the smallest, on a tie). A shift that
    leaves the first label without a value and the last value without a label loses to the one that pairs
    them all.
    """
    label_lines, values, h_med = _value_column(hits, lines)
    if len(label_lines) < 3 or not values:
        return 0.0
    labels = [t.cy for t in label_lines]
    gaps = sorted(b - a for a, b in pairwise(labels))
    pitch = gaps[len(gaps) // 2]
    nik_dy = _nik_offset(hits, values, h_med) or 0.0
    # value rows within half a row of the label column's ends: not the header above nor a signature below
    top, bottom = labels[0] + min(0.0, nik_dy) - 0.55 * pitch, labels[-1] + max(0.0, nik_dy) + 0.55 * pitch
    rows = [y for row in text_rows(values) if top <= (y := sum(t.cy for t in row) / len(row)) <= bottom]
    if not rows:
        return 0.0
    reach = 0.75 * max(pitch, h_med)
    candidates = {0.0} | {float(round(v - lab)) for lab in labels for v in rows if abs(v - lab) <= reach}
    tol = 0.5 * max(pitch, h_med)  # a value drifting a third of a row off its label still pairs
    best, best_cost = 0.0, float("inf")
    for dy in sorted(candidates, key=abs):
        cost = _pairing_cost(labels, rows, dy, tol)
        if cost < best_cost - 1e-6:
            best, best_cost = dy, cost
    return best


def _pairing_cost(labels: list[float], rows: list[float], dy: float, tol: float) -> float:
    """The cheapest in-order pairing of labels (their y) with value rows (their y) shifted by `dy`: a pair
    costs its squared misfit in tolerances (pairs beyond one tolerance are not allowed), an unpaired label or
    row costs 1."""
    n, m = len(labels), len(rows)
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    cost[0] = [float(j) for j in range(m + 1)]
    for i in range(1, n + 1):
        cost[i][0] = float(i)
        for j in range(1, m + 1):
            misfit = abs(rows[j - 1] - dy - labels[i - 1]) / tol
            pair = cost[i - 1][j - 1] + misfit * misfit if misfit <= 1 else inf
            cost[i][j] = min(pair, cost[i - 1][j] + 1, cost[i][j - 1] + 1)
    return cost[n][m]


def row_offsets(hits: dict[str, LabelHit], lines: list[TextLine]) -> dict[str, float]:
    """The value offset of each label row, followed from the top down so that a drift (a card flattened
    a little unevenly, rows spaced a little differently in the two columns) is tracked, not averaged.

    The walk starts where the NIK's digits stand (when read apart from their label: on a card read turned
    in the frame, values may stand more than a row off), else at the page's shift (value_offset); where the
    tracked offset finds no value on a row but the page's shift does, the walk takes the page's shift (a
    NIK printed level with its label above values printed half a row off theirs)."""
    label_lines, values, h_med = _value_column(hits, lines)
    page = value_offset(hits, lines)
    nik = _nik_offset(hits, values, h_med)
    dy = page if nik is None else nik
    by_line: dict[int, float] = {}
    missed = 0
    for i, label in enumerate(label_lines):
        pitch = (
            (label_lines[i + 1].cy - label.cy)
            if i + 1 < len(label_lines)
            else (label.cy - label_lines[i - 1].cy if i else 2 * h_med)
        )
        window = 0.3 * max(pitch, h_med)
        if values:
            # the page's shift is tried once a row above found nothing at the tracked one; of the two, the one
            # a value stands nearer to wins (a wrapped line half a row off can be within reach of the other)
            fits = []
            for start in (dy, page) if missed >= 1 else (dy,):
                expected = label.cy + start
                nearest = min(values, key=lambda v: abs(v.cy - expected))
                if abs(nearest.cy - expected) < window:
                    fits.append((abs(nearest.cy - expected), start, nearest.cy))
            if fits:
                _, start, found = min(fits)
                dy, missed = 0.5 * start + 0.5 * (found - label.cy), 0
            else:
                missed += 1
        by_line[id(label)] = dy
    return {key: by_line.get(id(h.line), page) for key, h in hits.items()}


def assign_values(hits: dict[str, LabelHit], lines: list[TextLine], max_gap: float = 3.0) -> dict[str, Value]:
    """Each remaining line goes to one label: the nearest row (after the row's label/value offset), then
    the nearest label to its left on that row. Values then read left to right; after the first box, a gap
    wider than `max_gap` line heights ends the value (another column: the photo caption, the issue date).
    """
    label_lines = {id(h.line): key for key, h in hits.items()}
    offsets = row_offsets(hits, lines)
    owned: dict[str, list[TextLine]] = {key: [] for key in hits}
    heights = sorted(h.line.height for h in hits.values())
    tallest = 2.5 * heights[len(heights) // 2] if heights else float("inf")
    for t in lines:
        if id(t) in label_lines or t.height > tallest:  # a box many lines tall is a picture, not a value
            continue
        left = [(key, h) for key, h in hits.items() if h.line.x1 <= t.x0 + t.height]
        if not left:
            continue

        def distance(kh: tuple[str, LabelHit], t: TextLine = t) -> float:
            return abs(kh[1].line.cy + offsets[kh[0]] - t.cy)

        nearest = min(left, key=distance)
        dy_best = distance(nearest)
        if dy_best > 0.75 * max(t.height, min(h.line.height for _, h in left)):
            continue
        # labels on the nearest label's own row (`Jenis Kelamin` and `Gol. Darah`), not the row below it
        # that a value printed half a row low is almost as near
        row = [
            kh
            for kh in left
            if distance(kh) <= dy_best + 0.4 * t.height
            and abs(kh[1].line.cy - nearest[1].line.cy) < 0.5 * nearest[1].line.height
        ]
        key, _ = max(row, key=lambda kh: kh[1].line.x1)
        owned[key].append(t)
    # Where values start on this page: a first box far right of that is another column's text (the
    # photo caption), not a value, and the label's value is empty.
    starts = sorted(min(o.x0 for o in owned[k]) for k, h in hits.items() if owned[k] and not h.label.inline)
    column = starts[len(starts) // 2] if starts else None
    values: dict[str, Value] = {}
    for key, hit in hits.items():
        line = hit.line
        parts = [hit.rest] if hit.rest else []
        confs = [line.confidence] if hit.rest else []
        boxes = [line.bbox] if hit.rest else []
        edge, started = line.x1, bool(hit.rest)
        for other in sorted(owned[key], key=lambda t: t.x0):
            if started and other.x0 - edge > max_gap * line.height:
                break
            if not started and column is not None and not hit.label.inline and other.x0 > column + 4 * line.height:
                break
            if not started and hit.label.inline and other.x0 - edge > max_gap * line.height:
                break  # `Gol. Darah :` with its dash unread: what stands far right (the photo) is not it
            text = other.text if started else strip_colon(other.text)
            if text:
                parts.append(text)
                confs.append(other.confidence)
                boxes.append(other.bbox)
                started = True
            edge = max(edge, other.x1)
        values[key] = Value(" ".join(parts).strip(), min(confs) if confs else 0.0, union(boxes))
    return values
