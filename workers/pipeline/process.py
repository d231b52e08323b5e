"""The document pipeline: bytes in, PipelineResult out. Pure library code; the CLI and the workers call it.

decode → find and flatten the card → OCR the right way up → classify → extract fields → validate.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from workers.pipeline import authenticity, geometry, quality
from workers.pipeline.classify import Reading, classify, ktp_reading
from workers.pipeline.extract.ktp import KtpExtractor
from workers.pipeline.io import DocumentError, Limits, decode
from workers.pipeline.ocr import OcrEngine
from workers.pipeline.quality import CheckThresholds
from workers.pipeline.respace import respace
from workers.pipeline.types import Check, Field, Page, PipelineResult, Reason, TextLine
from workers.pipeline.validate import validate_ktp

FREE_TEXT = ("name", "address")
# A page that reads with this many KTP anchors is taken as upright without trying it upside down.
UPRIGHT_SCORE = 0.6


@dataclass
class Options:
    document_type: str = "auto"  # auto | ktp | ...
    limits: Limits = field(default_factory=Limits)
    checks: str = "basic"  # "basic": resolution and blur only, as before issue 5; "all": every check
    check_limits: CheckThresholds = field(default_factory=CheckThresholds)


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


def read_upright(engine: OcrEngine, card: np.ndarray) -> tuple[np.ndarray, list[TextLine], int]:
    """OCR the card; read it again turned when the first reading is not clearly upright.

    Label order decides (see classify): one OCR call for an upright card, two for an upside-down one,
    and up to three for a page lying on its side (its text boxes stand upright).
    """
    lines = engine.read(card)
    first = ktp_reading(lines)
    if first.score >= UPRIGHT_SCORE and first.order > 0.5:
        return card, lines, 0
    best = (card, lines, 0, _rank(first, lines))
    for degrees in (90, 270) if vertical_text(lines) else (180,):
        turned = geometry.rotate(card, degrees)
        turned_lines = engine.read(turned)
        reading = ktp_reading(turned_lines)
        if reading.score >= UPRIGHT_SCORE and reading.order > 0.5:
            return turned, turned_lines, degrees
        if _rank(reading, turned_lines) > best[3]:
            best = (turned, turned_lines, degrees, _rank(reading, turned_lines))
    return best[0], best[1], best[2]


def _rank(reading: Reading, lines: list[TextLine]) -> tuple[float, float]:
    return round(reading.score * reading.order, 3), _mean_conf(lines)


def _mean_conf(lines: list[TextLine]) -> float:
    return sum(t.confidence for t in lines) / len(lines) if lines else 0.0


@lru_cache(maxsize=1)
def ktp_extractor() -> KtpExtractor:
    """One per process: it holds the region tables."""
    return KtpExtractor()


def restore_spaces(engine: OcrEngine, page: Page, fields: dict[str, Field]) -> None:
    for key in FREE_TEXT:
        f = fields.get(key)
        if f is None or f.bbox is None:
            continue
        fixed = respace(engine, page.image, f.bbox, str(f.value))
        if fixed:
            f.value = KtpExtractor.normalise(key, fixed)


def prepare_page(image: np.ndarray, index: int, options: Options | None = None) -> tuple[Page, list[Check]]:
    """Find and flatten the card; the checks that need the source image (and not the card upright)."""
    options = options or Options()
    quad = geometry.find_card(image)
    if quad is None:
        card = geometry.fit_canonical(image)
        source_width = float(max(image.shape[:2]))
    else:
        card = geometry.warp_card(image, quad)
        c = quad.corners
        source_width = float((np.linalg.norm(c[1] - c[0]) + np.linalg.norm(c[2] - c[3])) / 2)
    if options.checks == "all":
        limits = options.check_limits
        checks = [quality.resolution_check(source_width, limits, full=True),
                  quality.blur_check(card, limits, full=True),
                  *quality.capture_checks(card, image.shape, None if quad is None else quad.corners, limits,
                                          frame=image)]
    else:
        checks = [quality.resolution_check(source_width), quality.blur_check(card)]
    return Page(card, index=index, card_found=quad is not None), checks


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
    except DocumentError as exc:
        result.status = "failed"
        result.reasons.append(Reason(exc.code, exc.message))
        result.timings_ms = timer.total()
        return result
    t = timer.add("decode", t)
    result.pages = len(images)

    pages: list[Page] = []
    for index, image in enumerate(images):
        page, checks = prepare_page(image, index, options)
        result.checks.extend(checks)
        t = timer.add("geometry", t)
        page.image, page.lines, page.rotation = read_upright(engine, page.image)
        t = timer.add("ocr", t)
        if options.checks == "all":  # the layout checks need the card upright
            result.checks.append(quality.glare_check(page.image, options.check_limits))
            result.checks.extend(authenticity.card_checks(page.image, page.lines, options.check_limits))
            t = timer.add("checks", t)
        pages.append(page)

    result.page_images = [p.image for p in pages]
    all_lines = [line for p in pages for line in p.lines]
    doc_type, type_conf = classify(all_lines)
    if options.document_type not in ("auto", ""):
        doc_type, type_conf = options.document_type, 1.0
    result.document_type, result.type_confidence = doc_type, type_conf

    if doc_type == "ktp":
        extractor = ktp_extractor()
        for page in pages:
            fields = extractor.extract(page.lines, page.index)
            restore_spaces(engine, page, fields)
            for key, value in fields.items():
                if key not in result.fields or value.confidence > result.fields[key].confidence:
                    result.fields[key] = value
        result.reasons.extend(validate_ktp(result.fields))
        nik = result.fields.get("nik")
        specimen = authenticity.specimen_check(None if nik is None or nik.value is None else str(nik.value),
                                               options.check_limits) if options.checks == "all" else None
        if specimen is not None:
            result.checks.append(specimen)
    else:
        result.reasons.append(Reason("DOCUMENT_UNRECOGNISED",
                                     "the document does not read as a KTP-el; other types are not supported yet"))
    timer.add("extract", t)
    result.timings_ms = timer.total()
    return result
