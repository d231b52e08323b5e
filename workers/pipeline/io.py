"""Bytes → page images. The one place that decodes uploads, so every limit is enforced here.

PDFs are rendered page by page with pypdfium2 at `Limits.pdf_dpi`, capped at `max_pdf_dpi`.

Limits are checked on the header before any pixel is decoded: a 30 000 × 30 000 PNG is refused from its
first bytes, not after allocating 2.7 GB. EXIF orientation is applied so that later stages (and every
bbox) see the page the way a person would hold it.
"""

from __future__ import annotations

import io
import re
import warnings

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from primitives.formats import Limits, plain_reason, sniff_format

__all__ = ["DocumentError", "Limits", "decode", "render_pdf"]


class DocumentError(Exception):
    """An input the pipeline cannot read. `code` is the contract's reason code."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def render_pdf(data: bytes, limits: Limits) -> list[np.ndarray]:
    """PDF pages → BGR arrays with pypdfium2 at the (capped) DPI. A page whose pixels at that DPI exceed
    the pixel limit is rendered at the DPI that fits instead (a poster-size page still gets read)."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise DocumentError("IMAGE_CORRUPT", f"the PDF file is damaged or encrypted: {plain_reason(exc)}") from exc
    try:
        n = len(pdf)
        if n == 0:
            raise DocumentError("EMPTY_FILE", "the PDF has no pages")
        if n > limits.max_pages:
            raise DocumentError("TOO_MANY_PAGES", f"{n} pages; the limit is {limits.max_pages}")
        pages = []
        for index in range(n):
            width_pt, height_pt = pdf.get_page_size(index)
            dpi = float(min(limits.pdf_dpi, limits.max_pdf_dpi))
            fit = min(
                (limits.max_pixels / max(1.0, width_pt * height_pt)) ** 0.5 * 72,
                limits.max_side / max(1.0, width_pt, height_pt) * 72,
            )
            dpi = min(dpi, fit)
            bitmap = pdf[index].render(scale=dpi / 72)
            image = bitmap.to_pil()
            _check_size(image.width, image.height, limits)
            pages.append(_to_bgr(image))
        return pages
    except pdfium.PdfiumError as exc:
        raise DocumentError("IMAGE_CORRUPT", f"a page of the PDF could not be rendered: {plain_reason(exc)}") from exc
    finally:
        pdf.close()


def _check_size(width: int, height: int, limits: Limits) -> None:
    if width > limits.max_side or height > limits.max_side or width * height > limits.max_pixels:
        raise DocumentError(
            "IMAGE_TOO_LARGE",
            f"image is {width}×{height} pixels; the limit is {limits.max_pixels:,} pixels "
            f"and {limits.max_side} pixels a side",
        )
    if width < limits.min_side or height < limits.min_side:
        raise DocumentError(
            "IMAGE_TOO_SMALL", f"image is {width}×{height} pixels; at least {limits.min_side} a side is needed"
        )


def _to_bgr(img: Image.Image) -> np.ndarray:
    rgb = np.asarray(img.convert("RGB"))
    return np.ascontiguousarray(rgb[:, :, ::-1])


def decode(data: bytes, limits: Limits | None = None) -> list[np.ndarray]:
    """Decode an upload into BGR page arrays, EXIF-oriented. Raises DocumentError, never anything else."""
    limits = limits or Limits()
    if not data:
        raise DocumentError("EMPTY_FILE", "the file is empty")
    if len(data) > limits.max_bytes:
        raise DocumentError("FILE_TOO_LARGE", f"file is {len(data):,} bytes; the limit is {limits.max_bytes:,}")
    kind = sniff_format(data)
    if kind is None:
        raise DocumentError("UNSUPPORTED_FORMAT", "not a JPEG, PNG, WebP, TIFF image or a PDF")
    if kind == "pdf":
        return render_pdf(data, limits)
    pages: list[np.ndarray] = []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            img = Image.open(io.BytesIO(data))
            n_frames = getattr(img, "n_frames", 1)
            if n_frames > limits.max_pages:
                raise DocumentError("TOO_MANY_PAGES", f"{n_frames} pages; the limit is {limits.max_pages}")
            for frame in range(n_frames):
                if frame:
                    img.seek(frame)
                _check_size(img.width, img.height, limits)
                img.load()
                pages.append(_to_bgr(ImageOps.exif_transpose(img)))
    except DocumentError:
        raise
    except Image.DecompressionBombError as exc:
        found = re.search(r"\((\d+) pixels\)", str(exc))
        size = f"{int(found.group(1)):,} pixels" if found else "too many pixels"
        raise DocumentError("IMAGE_TOO_LARGE", f"image has {size}; the limit is {limits.max_pixels:,} pixels") from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
        raise DocumentError(
            "IMAGE_CORRUPT", f"the {kind.upper()} file is damaged or truncated: {plain_reason(exc)}"
        ) from exc
    except MemoryError as exc:  # pragma: no cover - limits make this unreachable in practice
        raise DocumentError("IMAGE_TOO_LARGE", "image does not fit in memory") from exc
    return pages
