"""The KTP-el's reader (doctypes.ktp): its cues (the labels in printed order), the card's checks, and its
reading: the extractor (workers.pipeline.extract.ktp) over the OCR lines plus a second look at the rows read
empty and at the free-text values' spaces, then the NIK's validations."""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from workers.pipeline import authenticity, quality
from workers.pipeline.classify import LETTER_PROSE, classify, hits, ktp_reading, texts
from workers.pipeline.extract.ktp import KtpExtractor
from workers.pipeline.ocr import OcrEngine
from workers.pipeline.reader import Context, Fields, Flatten, Options, PageClass, PageRead, Reader, Reading
from workers.pipeline.respace import respace, restore_dots
from workers.pipeline.types import BBox, Check, Field, Page, Reason, TextLine
from workers.pipeline.validate import validate_ktp

FREE_TEXT = ("name", "address")


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
        if key == "address":
            f.value = restore_dots(engine, page.image, f.bbox, str(f.value))


def reread_rows(engine: OcrEngine, image: np.ndarray, rows: list[tuple[str, BBox]]) -> list[tuple[str, TextLine]]:
    """Each box recognised as one line (no detection); the extractor judges which readings count."""
    h, w = image.shape[:2]
    out: list[tuple[str, TextLine]] = []
    for key, (x0, y0, x1, y1) in rows:
        box = (max(0, x0), max(0, y0), min(w, x1), min(h, y1))
        if box[2] - box[0] < 8 or box[3] - box[1] < 8:
            continue
        text, confidence = engine.recognise(image[box[1] : box[3], box[0] : box[2]])
        if text.strip():
            out.append((key, TextLine(text.strip(), confidence, box)))
    return out


class KtpReader:
    name = "ktp"
    flatten: Flatten = "card"
    card = True
    precedence = 90  # last: letters and KKs print KTP-like labels

    def hint(self, lines: list[TextLine]) -> bool:
        return False

    def recognise(self, lines: list[TextLine]) -> PageClass | None:
        kind, conf = classify(lines)
        if kind != "ktp":
            return None
        prose = hits(texts(lines), LETTER_PROSE)
        if len(prose) >= 2:
            # a letter's subject block (Nama, NIK, Tempat/Tgl Lahir, …) reads in KTP order when the card finder
            # crops it out of the page; the letter's sentences around it say what the page is
            return PageClass(
                "unknown", conf, "KTP-el labels inside a letter's text (found: " + ", ".join(sorted(prose)[:4]) + ")"
            )
        return PageClass("ktp", conf, "KTP-el labels in printed order")

    def fallback(self, lines: list[TextLine]) -> PageClass | None:
        return None

    def cues(self, lines: list[TextLine]) -> list[str]:
        return []

    def upright(self, lines: list[TextLine]) -> Reading:
        return ktp_reading(lines)

    def page_checks(self, page: Page, checks: list[Check], options: Options) -> list[Check]:
        """The capture checks, and with every check on, glare and the authenticity checks (they need the card
        upright and its layout read)."""
        out = list(checks)
        if options.checks == "all":
            glare = quality.glare_check(page.image, options.check_limits)
            out.append(glare)
            out.extend(authenticity.card_checks(page.image, page.lines, options.check_limits, [*checks, glare]))
        return out

    def read(self, pages: list[PageRead], ctx: Context) -> tuple[Fields, list[Reason]]:
        engine, extractor = ctx.engine, ktp_extractor()
        fields: dict[str, Field] = {}
        for read in pages:
            lines = read.page.lines + [
                t
                for key, t in reread_rows(engine, read.page.image, extractor.empty_rows(read.page.lines))
                if extractor.plausible(key, t.text, t.confidence)
            ]
            page_fields = extractor.extract(lines, read.page.index)
            restore_spaces(engine, read.page, page_fields)
            for key, value in page_fields.items():
                if key not in fields or value.confidence > fields[key].confidence:
                    fields[key] = value
        reasons = list(validate_ktp(fields))
        nik = fields.get("nik")
        if ctx.options.checks == "all":
            specimen = authenticity.specimen_check(
                None if nik is None or nik.value is None else str(nik.value), ctx.options.check_limits
            )
            if specimen is not None:
                ctx.result.checks.append(specimen)
        return fields, reasons


READER: Reader = KtpReader()
