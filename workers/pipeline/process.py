"""The document pipeline: bytes in, PipelineResult out. Pure library code; the CLI and the workers call it.

decode (images, PDF pages) → per page: find and flatten the card → OCR the right way up → classify the page
→ the type's extractor → validate.

A KTP-el goes exactly the way it always went: one OCR call on the flattened card when it reads upright. The
first reading also tells the other types apart: a page that names another document (an MRZ, a
"Kartu Keluarga" or "Surat Keterangan" title) stops being turned as a card. A passport's data page is read
from that same flattened image (its MRZ reads well at card size); a letter or a KK is an A4 sheet and is
flattened as a page (workers.pipeline.page) and read again at a detection size fit for A4 print. A page
that is none of the types after the card path is read once more as a page before it is called unknown.

Several pages or files make one verification. `document.type` is the primary document's: a KTP-el when
there is one (the registry is matched on its NIK), else a KK, else the first recognised page's type. The
fields of any other document in the upload are kept under its type as a prefix (`passport.document_number`),
and `document.parts` lists every page with its own type and confidence.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from functools import partial

import numpy as np

import doctypes
from workers.pipeline import geometry, quality
from workers.pipeline.classify import classify_page, other_type_hint
from workers.pipeline.io import DocumentError, decode
from workers.pipeline.ocr import OcrEngine
from workers.pipeline.page import flatten_page
from workers.pipeline.reader import Context, Options, PageClass, PageRead, Reader, Reading, card_readers, reader_for
from workers.pipeline.types import Check, Page, PipelineResult, Reason, TextLine

__all__ = ["Options", "PageRead", "page_from", "prepare_page", "primary_type", "read_sheet", "read_upright", "run"]

# A page that reads with this many KTP anchors is taken as upright without trying it upside down.
UPRIGHT_SCORE = 0.6
# Below this KTP score a first reading with standing text boxes is a sheet, not a card on its side.
SHEET_SCORE = 0.2
# Detection size for a page read as an A4 sheet: its body text is 2-3 mm high.
PAGE_DET_LIMIT = 1600
# Longest side at which a photo is searched for a card's print when the card's outline was not found.
TEXT_SEARCH_LIMIT = 1600


class Timer:
    def __init__(self) -> None:
        self.start = time.perf_counter()
        self.marks: dict[str, int] = {}

    def add(self, name: str, since: float) -> float:
        now = time.perf_counter()
        self.marks[name] = self.marks.get(name, 0) + round((now - since) * 1000)
        return now

    def total(self) -> dict[str, int]:
        return {**self.marks, "total": round((time.perf_counter() - self.start) * 1000)}


def vertical_text(lines: list[TextLine]) -> bool:
    """Most text boxes taller than wide: the page lies on its side."""
    tall = sum(t.height > 1.5 * (t.x1 - t.x0) for t in lines if len(t.text) >= 3)
    return tall > max(3, 0.5 * sum(len(t.text) >= 3 for t in lines))


def card_reading(lines: list[TextLine]) -> Reading:
    """The reading of the card type whose layout this page shows best (see classify: label order decides)."""
    readings = [r.upright(lines) for r in card_readers()]
    return max(
        (r for r in readings if r is not None), key=lambda r: (r.score * r.order, r.score), default=Reading(0.0, 0.0)
    )


def read_upright(engine: OcrEngine, card: np.ndarray) -> tuple[np.ndarray, list[TextLine], int]:
    """OCR the card; read it again turned when the first reading is not clearly upright.

    Label order decides (see classify): one OCR call for an upright card, two for an upside-down one,
    and up to three for a page lying on its side (its text boxes stand upright).
    """
    lines = engine.read(card)
    first = card_reading(lines)
    if first.score >= UPRIGHT_SCORE and first.order > 0.5:
        return card, lines, 0
    if other_type_hint(lines) or (first.score < SHEET_SCORE and vertical_text(lines)):
        # another document type, or a sheet read sideways with no KTP label in it: no point turning it as a
        # card (classify_page sends it to read_sheet, which turns a page)
        return card, lines, 0
    best = (card, lines, 0, _rank(first, lines))
    for degrees in (90, 270) if vertical_text(lines) else (180,):
        turned = geometry.rotate(card, degrees)
        turned_lines = engine.read(turned)
        reading = card_reading(turned_lines)
        # upright at last; or a sheet read the right way, which the page path reads again
        if (reading.score >= UPRIGHT_SCORE and reading.order > 0.5) or other_type_hint(turned_lines):
            return turned, turned_lines, degrees
        if _rank(reading, turned_lines) > best[3]:
            best = (turned, turned_lines, degrees, _rank(reading, turned_lines))
    return best[0], best[1], best[2]


def _rank(reading: Reading, lines: list[TextLine]) -> tuple[float, float]:
    return round(reading.score * reading.order, 3), _mean_conf(lines)


def _mean_conf(lines: list[TextLine]) -> float:
    return sum(t.confidence for t in lines) / len(lines) if lines else 0.0


def prepare_page(image: np.ndarray, index: int, options: Options | None = None) -> tuple[Page, list[Check]]:
    """Find and flatten the card; the checks that need the source image (and not the card upright)."""
    return page_from(image, geometry.find_card(image), index, options)


def page_from(
    image: np.ndarray, quad: geometry.CardQuad | None, index: int, options: Options | None = None
) -> tuple[Page, list[Check]]:
    """The card flattened from the outline found (or the frame fitted when none was), with its checks."""
    options = options or Options()
    if quad is None:
        card = geometry.fit_canonical(image)
        source_width = float(max(image.shape[:2]))
    else:
        card = geometry.warp_card(image, quad)
        c = quad.corners
        source_width = float((np.linalg.norm(c[1] - c[0]) + np.linalg.norm(c[2] - c[3])) / 2)
    if options.checks == "all":
        limits = options.check_limits
        checks = [
            quality.resolution_check(source_width, limits, full=True),
            quality.blur_check(card, limits, full=True),
            *quality.capture_checks(card, image.shape, None if quad is None else quad.corners, limits, frame=image),
        ]
    else:
        checks = [quality.resolution_check(source_width), quality.blur_check(card)]
    return Page(card, index=index, card_found=quad is not None, found_by="frame" if quad is None else "outline"), checks


def _card_shaped(image: np.ndarray) -> bool:
    h, w = image.shape[:2]
    return abs(max(h, w) / min(h, w) - geometry.ID1_RATIO) < 0.15


def _text_crop(engine: OcrEngine, image: np.ndarray, page: Page) -> tuple[np.ndarray, np.ndarray] | None:
    """No outline found in a photo: the part of the original pixels around the print the detector found,
    or None when the print already fills the frame. The first reading (the whole frame at card size) is used
    when it found enough lines; a card too small for that is looked for at the frame's own resolution."""
    h, w = image.shape[:2]
    boxes: list[tuple[int, int, int, int]] = []
    if page.rotation == 0 and page.image.shape[1] >= page.image.shape[0] and len(page.lines) >= 6:
        scale = max(h, w) / max(page.image.shape[:2])
        boxes = [
            (round(t.x0 * scale), round(t.y0 * scale), round(t.x1 * scale), round(t.y1 * scale)) for t in page.lines
        ]
    else:
        boxes = [t.bbox for t in engine.read(image, det_limit=min(max(h, w), TEXT_SEARCH_LIMIT))]
    block = geometry.text_block(boxes, image.shape)
    if block is None:
        return None
    x0, y0, x1, y1 = geometry.around(block, image.shape)
    return image[y0:y1, x0:x1], np.array([x0, y0], np.float32)


def _locate_by_text(
    engine: OcrEngine, image: np.ndarray, index: int, options: Options, page: Page, checks: list[Check]
) -> tuple[Page, list[Check]]:
    """A photo whose card outline was not found: find the card from its print and read it again from the
    original pixels; kept when it reads as more of a card than the whole frame did."""
    if page.card_found or _card_shaped(image) or other_type_hint(page.lines):
        return page, checks
    found = _text_crop(engine, image, page)
    if found is None:
        return page, checks
    crop, offset = found
    quad = geometry.find_card(crop)
    again, again_checks = page_from(crop, quad, index, options)
    again.image, again.lines, again.rotation = read_upright(engine, again.image)
    if _rank(card_reading(again.lines), again.lines) <= _rank(card_reading(page.lines), page.lines):
        return page, checks
    again.found_by = "text"
    if any(c.name == "crop" for c in again_checks):
        # the crop's borders are ours, not the photo's: judge the card's corners in the whole frame (the
        # crop's own corners when its outline was found there, else the crop's)
        ch, cw = crop.shape[:2]
        corners = (
            quad.corners
            if quad is not None
            else np.array([[0, 0], [cw - 1, 0], [cw - 1, ch - 1], [0, ch - 1]], np.float32)
        ) + offset
        crop_check = quality.crop_check(image.shape, corners, options.check_limits, frame=image)
        again_checks = [crop_check if c.name == "crop" else c for c in again_checks]
    return again, again_checks


def flatten_sheet(image: np.ndarray) -> np.ndarray:
    return flatten_page(image)[0]


def read_sheet(engine: OcrEngine, image: np.ndarray) -> tuple[np.ndarray, list[TextLine], int]:
    """An A4 sheet: flattened as a page and read at a detection size for its print; a sheet lying on its
    side (text boxes standing upright) is turned the way that reads more of the known documents."""
    sheet = flatten_sheet(image)
    lines = engine.read(sheet, det_limit=PAGE_DET_LIMIT)
    if not vertical_text(lines):
        return sheet, lines, 0
    best = (sheet, lines, 0, -1.0)
    for degrees in (90, 270):
        turned = geometry.rotate(sheet, degrees)
        turned_lines = engine.read(turned, det_limit=PAGE_DET_LIMIT)
        kind = classify_page(turned_lines)
        rank = (kind.type != "unknown") + _mean_conf(turned_lines)
        if rank > best[3]:
            best = (turned, turned_lines, degrees, rank)
    return best[0], best[1], best[2]


def _read_page(
    engine: OcrEngine,
    image: np.ndarray,
    index: int,
    options: Options,
    timer: Timer,
    result: PipelineResult,
    forced: Reader | None,
) -> PageRead:
    """Read one page the cheapest way its type allows (see the module docstring)."""
    t = time.perf_counter()
    if forced is not None and forced.flatten != "card":
        sheet, lines, rotation = (
            read_sheet(engine, image) if forced.flatten == "sheet" else (flatten_sheet(image), [], 0)
        )
        timer.add("ocr", t)
        return PageRead(
            Page(sheet, index=index, rotation=rotation, lines=lines),
            image,
            PageClass(forced.name, 1.0, "document type given by the caller"),
            flattened=True,
        )
    page, checks = prepare_page(image, index, options)
    t = timer.add("geometry", t)
    page.image, page.lines, page.rotation = read_upright(engine, page.image)
    if forced is None or forced.card:
        page, checks = _locate_by_text(engine, image, index, options, page, checks)
    t = timer.add("ocr", t)
    kind = PageClass(forced.name, 1.0, "document type given by the caller") if forced else classify_page(page.lines)
    reader = reader_for(kind.type)
    if reader is not None:  # the capture checks are tuned on ID-1 cards: a sheet or a passport page keeps none
        result.checks.extend(reader.page_checks(page, checks, options))
        if reader.card and options.checks == "all":
            timer.add("checks", t)
    if forced is None and (reader is None or reader.flatten != "card"):
        # an A4 sheet, or nothing recognised at card size: read it as a page
        if reader is not None and reader.flatten == "sheet-unread":
            return PageRead(Page(flatten_sheet(image), index=index, lines=page.lines), image, kind, flattened=True)
        sheet, lines, rotation = read_sheet(engine, image)
        second = classify_page(lines)
        timer.add("ocr", t)
        if second.type != "unknown" or reader is not None:
            return PageRead(
                Page(sheet, index=index, rotation=rotation, lines=lines),
                image,
                second if second.type != "unknown" else kind,
                flattened=True,
            )
    if kind.type == "unknown" and page.card_found:
        # a card-shaped object too small to read is not an unknown document: say why it could not be read
        result.checks.extend(c for c in checks if c.name == "resolution" and not c.passed)
    return PageRead(page, image, kind)


def primary_type(kinds: list[str]) -> str:
    """The verification's type: the registry's primary types first (they carry the holder's NIK, which the
    registry is matched on), else the first recognised page's."""
    known = [k for k in kinds if doctypes.get(k) is not None]
    if not known:
        return "unknown"
    for kind in sorted((t for t in doctypes.TYPES if t.primary is not None), key=lambda t: t.primary or 0):
        if kind.name in known:
            return kind.name
    return known[0]


def run(files: Sequence[bytes], engine: OcrEngine, options: Options | None = None) -> PipelineResult:
    """Run the whole pipeline over one document (one or more files). Never raises for bad input."""
    options = options or Options()
    timer = Timer()
    result = PipelineResult(status="completed", models=list(engine.models))
    t = time.perf_counter()
    images: list[np.ndarray] = []
    try:
        for data in files:
            images.extend(decode(data, options.limits))
            if len(images) > options.limits.max_pages:
                raise DocumentError("TOO_MANY_PAGES", f"more than {options.limits.max_pages} pages in one verification")
    except DocumentError as exc:
        result.status = "failed"
        result.reasons.append(Reason(exc.code, exc.message))
        result.timings_ms = timer.total()
        return result
    timer.add("decode", t)
    result.pages = len(images)
    forced = reader_for(options.document_type)

    reads = [_read_page(engine, image, index, options, timer, result, forced) for index, image in enumerate(images)]
    t = time.perf_counter()
    result.page_images = [r.page.image for r in reads]
    result.parts = [
        {
            "page": r.page.index,
            "type": r.kind.type,
            "type_confidence": r.kind.confidence,
            "found_by": "page" if r.flattened else r.page.found_by,
        }
        for r in reads
    ]
    primary = primary_type([r.kind.type for r in reads])
    result.document_type = primary
    if primary == "unknown":
        result.type_confidence = round(min(r.kind.confidence for r in reads), 3)
        reason = (
            reads[0].kind.reason
            if len(reads) == 1
            else "; ".join(f"page {r.page.index + 1}: {r.kind.reason}" for r in reads)
        )
        result.reasons.append(Reason("DOCUMENT_UNRECOGNISED", reason))
        timer.add("extract", t)
        result.timings_ms = timer.total()
        return result
    result.type_confidence = round(min(r.kind.confidence for r in reads if r.kind.type == primary), 3)

    ctx = Context(engine, options, result, partial(read_sheet, engine))
    for kind in [primary, *sorted({r.kind.type for r in reads} - {primary, "unknown"})]:
        group = [r for r in reads if r.kind.type == kind]
        reader = reader_for(kind)
        if reader is None:  # a reader's `recognise` names only its own type or unknown
            continue
        fields, reasons = reader.read(group, ctx)
        prefix = "" if kind == primary else f"{kind}."
        result.fields.update({prefix + key: value for key, value in fields.items()})
        for problem in reasons:
            if prefix and problem.field:
                problem.field = prefix + problem.field
            result.reasons.append(problem)
    timer.add("extract", t)
    result.timings_ms = timer.total()
    return result
