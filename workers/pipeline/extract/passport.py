"""Passports and other MRZ documents: the fields come from the machine-readable zone.

The zone is found in the page's OCR lines (rows of MRZ characters, boxes on one row joined), read and
repaired by workers.pipeline.mrz. When a check digit fails, each zone line is read a second time from
its own crop with the line recogniser (no detection: the whole row at its own width), and the reading
that passes more check digits wins. Every contract field is in the MRZ; names, which no check digit
protects, are cross-checked with the visual zone's name (extract.passport_viz): a sure visual-zone reading
that differs at one or two letters where the two align gives those letters, any other disagreement keeps the
MRZ's name and adds `MRZ_NAME_MISMATCH` for a clerk (a review reason, never a rejection).
"""

from __future__ import annotations

import re
from datetime import date

import numpy as np

from workers.pipeline import mrz
from workers.pipeline.classify import hits, texts
from workers.pipeline.extract import passport_viz
from workers.pipeline.ocr import OcrEngine
from workers.pipeline.reader import Context, Flatten, Options, PageClass, PageRead, Reader, Reading
from workers.pipeline.types import BBox, Check, Field, Page, Reason, TextLine

FIELDS = (
    "document_number",
    "surname",
    "given_names",
    "nationality",
    "birth_date",
    "sex",
    "expiry_date",
    "issuing_country",
    "personal_number",
)
_MRZ_CHARS = re.compile(r"^[A-Z0-9<]+$")


def _mrz_like(text: str) -> bool:
    t = mrz.clean_line(text)
    return (
        len(t) >= 8
        and bool(_MRZ_CHARS.match(t))
        and ("<" in t or sum(c.isdigit() for c in t) >= 8)
        and " " not in text.strip()
    )


def mrz_rows(lines: list[TextLine]) -> list[tuple[str, BBox, float]]:
    """Rows of MRZ-like boxes, top to bottom: (joined text, union box, mean confidence)."""
    cands = sorted((t for t in lines if _mrz_like(t.text)), key=lambda t: t.cy)
    rows: list[list[TextLine]] = []
    for t in cands:
        if rows and abs(rows[-1][-1].cy - t.cy) < 0.6 * max(t.height, rows[-1][-1].height):
            rows[-1].append(t)
        else:
            rows.append([t])
    out = []
    for row in rows:
        row.sort(key=lambda t: t.x0)
        text = "".join(mrz.clean_line(t.text) for t in row)
        box = (min(t.x0 for t in row), min(t.y0 for t in row), max(t.x1 for t in row), max(t.y1 for t in row))
        out.append((text, box, sum(t.confidence for t in row) / len(row)))
    return out


def _zone(rows: list[tuple[str, BBox, float]]) -> list[tuple[str, BBox, float]]:
    """The last 2 or 3 consecutive rows that have an MRZ's shape (the zone sits at the bottom)."""
    for n in (3, 2):
        for start in range(len(rows) - n, -1, -1):
            group = _filled(rows[start : start + n])
            if mrz.detect_format([g[0] for g in group]) is not None:
                return group
    return []


def _filled(group: list[tuple[str, BBox, float]]) -> list[tuple[str, BBox, float]]:
    """Rows ending in fillers brought to the length of the zone's full rows: the detector splits a long run of
    `<` into boxes of its own and the recogniser drops some of them (`RACHEL<<<<<<<` + `<<<<<`, 32 of 36
    characters). Only fillers are added; the check digits still decide what the zone says."""
    lengths = {len(g[0]) for g in group}
    for full in (44, 36, 30):
        if full in lengths and all(len(t) == full or (len(t) < full and t.endswith("<")) for t, _, _ in group):
            return [(t + "<" * (full - len(t)), box, conf) for t, box, conf in group]
    return group


def _crop(image: np.ndarray, box: BBox) -> np.ndarray:
    h, w = image.shape[:2]
    x0, y0, x1, y1 = box
    mh = max(2, (y1 - y0) // 4)
    mw = max(4, (y1 - y0) // 2)
    return image[max(0, y0 - mh) : min(h, y1 + mh), max(0, x0 - mw) : min(w, x1 + mw)]


def _score(m: mrz.Mrz | None) -> int:
    return -1 if m is None else sum(m.checks.values())


def read_mrz(
    lines: list[TextLine], image: np.ndarray | None, engine: OcrEngine | None
) -> tuple[mrz.Mrz | None, list[tuple[str, BBox, float]]]:
    zone = _zone(mrz_rows(lines))
    if not zone:
        return None, []
    best = mrz.parse([z[0] for z in zone])
    if (best is None or not best.valid) and image is not None and engine is not None:
        second = [engine.recognise(_crop(image, z[1]))[0] for z in zone]
        candidates = [second]
        # mix: each row from whichever read, for zones where only one row went wrong
        for i in range(len(zone)):
            candidates.append([second[j] if j == i else zone[j][0] for j in range(len(zone))])
        for cand in candidates:
            m = mrz.parse(cand)
            if _score(m) > _score(best):
                best = m
    return best, zone


def _cross_check_name(found: mrz.Mrz, lines: list[TextLine], fields: dict[str, Field]) -> list[Reason]:
    """The MRZ's name against the visual zone's (see the module's docstring); edits `fields` in place."""
    viz = passport_viz.read_visual_name(lines)
    if viz is None:
        return []
    check = passport_viz.compare(found, viz)
    if check.agree:
        return []
    if check.names is not None:
        surname, given = mrz.split_names(check.names)
        for key, value in (("surname", surname), ("given_names", given)):
            old = fields[key]
            fields[key] = Field(value, round(min(old.confidence, viz.confidence), 3), old.bbox, old.page)
        return []
    field_text, _, _, _ = passport_viz.names_field(found)
    apart = "do not align" if check.differing is None else f"differ at {check.differing} letter(s)"
    return [
        Reason(
            "MRZ_NAME_MISMATCH",
            f"the visual zone's name {check.visual!r} and the MRZ's {field_text.rstrip('<')!r} {apart}",
            field=check.fields[0],
        )
    ]


def extract_passport(
    lines: list[TextLine],
    page: int = 0,
    image: np.ndarray | None = None,
    engine: OcrEngine | None = None,
    today: date | None = None,
) -> tuple[dict[str, Field], list[Reason]]:
    """Contract fields of a passport (or TD1/TD2 card) page, and the reasons to look at it."""
    found, zone = read_mrz(lines, image, engine)
    if found is None:
        return {}, [Reason("MRZ_NOT_FOUND", "no machine-readable zone was found on the page")]
    conf = min(z[2] for z in zone)
    box: BBox = (
        min(z[1][0] for z in zone),
        min(z[1][1] for z in zone),
        max(z[1][2] for z in zone),
        max(z[1][3] for z in zone),
    )
    fields: dict[str, Field] = {}
    for key in FIELDS:
        value = found.fields.get(key, "")
        check = found.checks.get(key, found.valid)
        fields[key] = Field(
            value if value != "" else None if key not in ("personal_number", "given_names") else "",
            round(conf * (1.0 if check else 0.5), 3),
            box,
            page,
        )
    fields["mrz_lines"] = Field(found.lines, round(conf, 3), box, page)
    fields["mrz_valid"] = Field(found.valid, 1.0 if found.valid else round(conf, 3), box, page)
    fields["mrz_format"] = Field(found.format, round(conf, 3), box, page)
    fields["document_code"] = Field(found.fields.get("document_code"), round(conf, 3), box, page)
    reasons = _cross_check_name(found, lines, fields)
    for name, ok in found.checks.items():
        if not ok:
            reasons.append(
                Reason(
                    "MRZ_CHECK_DIGIT_FAILED",
                    f"the MRZ check digit of {name.replace('_', ' ')} does not match",
                    field=name if name in FIELDS else "mrz_lines",
                )
            )
    expiry = found.fields.get("expiry_date")
    if expiry and date.fromisoformat(expiry) < (today or date.today()):
        reasons.append(Reason("DOCUMENT_EXPIRED", f"the document expired on {expiry}", field="expiry_date"))
    for key in ("birth_date", "expiry_date", "document_number"):
        if not found.fields.get(key):
            reasons.append(Reason("FIELD_MISSING", f"{key.replace('_', ' ')} could not be read", field=key))
    return fields, reasons


# --------------------------------------------------------------------------------------------- the reader

_PASSPORT_CUES = (
    "PASPOR",
    "PASSPORT",
    "REPUBLICOFINDONESIA",
    "NATIONALITY",
    "DATEOFEXPIRY",
    "COUNTRYCODE",
    "PASSPORTNO",
)


def mrz_row_count(lines: list[TextLine]) -> int:
    """Rows that look like an MRZ line: long runs of MRZ characters with fillers."""
    n = 0
    for t in lines:
        text = t.text.replace(" ", "").upper()
        if len(text) >= 25 and text.count("<") >= 3 and all(c.isalnum() or c == "<" for c in text):
            n += 1
    return n


class PassportReader:
    """Passports and other MRZ documents (doctypes.passport): read from the card path's flattened page, whose
    zone reads well at card size; read again as a sheet when the zone did not read there."""

    name = "passport"
    flatten: Flatten = "card"
    card = False  # a passport page: the ID-1 capture checks do not apply
    precedence = 10  # first: an MRZ is the surest cue of all

    def hint(self, lines: list[TextLine]) -> bool:
        return bool(mrz_row_count(lines)) or len(hits(texts(lines), _PASSPORT_CUES)) >= 2

    def recognise(self, lines: list[TextLine]) -> PageClass | None:
        mrz_n, cues = mrz_row_count(lines), hits(texts(lines), _PASSPORT_CUES)
        if mrz_n >= 2 or (mrz_n == 1 and cues):
            return PageClass(
                "passport",
                round(min(1.0, 0.8 + 0.1 * mrz_n + 0.05 * len(cues)), 3),
                f"{mrz_n} machine-readable zone line(s)",
            )
        return None

    def fallback(self, lines: list[TextLine]) -> PageClass | None:
        if len(hits(texts(lines), _PASSPORT_CUES)) >= 3:  # a passport whose zone did not read
            return PageClass("passport", 0.6, "passport labels without a readable MRZ")
        return None

    def cues(self, lines: list[TextLine]) -> list[str]:
        return sorted(hits(texts(lines), _PASSPORT_CUES))

    def upright(self, lines: list[TextLine]) -> Reading | None:
        return None

    def page_checks(self, page: Page, checks: list[Check], options: Options) -> list[Check]:
        return []

    def read(self, pages: list[PageRead], ctx: Context) -> tuple[dict[str, Field], list[Reason]]:
        engine = ctx.engine
        best: tuple[dict[str, Field], list[Reason]] | None = None
        for read in pages:
            fields, reasons = extract_passport(read.page.lines, read.page.index, read.page.image, engine)
            if fields.get("mrz_valid") and fields["mrz_valid"].value:
                return fields, reasons
            if not read.flattened:  # the zone did not read at card size: read the page as a sheet
                sheet, lines, _ = ctx.read_sheet(read.source)
                again = extract_passport(lines, read.page.index, sheet, engine)
                if again[0].get("mrz_valid") and (not fields or again[0]["mrz_valid"].value):
                    read.page.image, read.page.lines = sheet, lines
                    fields, reasons = again
            if best is None or len(fields) > len(best[0]):  # a page read to no field still says why
                best = (fields, reasons)
        return best or ({}, [])


READER: Reader = PassportReader()
