"""Checks on an upload before it is accepted: what it is (magic bytes, not the client's header), how big it
is and how many pixels and pages it would decode to, every page within the page limits (pixels, longest side:
every frame of a TIFF, every page of a PDF). Headers only: nothing is decoded here.

The format comes from `primitives.formats`, shared with the pipeline; the worker re-checks every limit on
decode.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from primitives.formats import Limits, plain_reason, sniff_format
from service.errors import CorruptFile, EmptyFile, FileTooLarge, ImageTooLarge, TooManyPages, UnsupportedMediaType

MEDIA_TYPES = {
    "jpeg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
    "tiff": "image/tiff",
    "pdf": "application/pdf",
}


@dataclass(frozen=True)
class Inspected:
    format: str
    size: int
    pages: int


def inspect_upload(data: bytes, limits: Limits, name: str = "file") -> Inspected:
    """Raise the fitting BadInput error, or say what the file is and how many pages it has."""
    detail: dict[str, object] = {"field": "file", "filename": name}
    if not data:
        raise EmptyFile(f"{name} is empty", detail)
    if len(data) > limits.max_bytes:
        raise FileTooLarge(
            f"{name} is {len(data):,} bytes; the limit is {limits.max_bytes:,}",
            {**detail, "size": len(data), "limit": limits.max_bytes},
        )
    kind = sniff_format(data)
    if kind is None:
        raise UnsupportedMediaType(
            f"{name} is not a JPEG, PNG, WebP, TIFF or PDF file (judged by its content)",
            {**detail, "accepted": sorted(MEDIA_TYPES.values())},
        )
    pages = _pdf_pages(data, limits, detail) if kind == "pdf" else _image_pages(data, limits, detail)
    return Inspected(kind, len(data), pages)


def _page_fits(width: float, height: float, limits: Limits, detail: dict[str, object]) -> None:
    """One page's limits, the worker's (workers.pipeline.io): pixels and the longest side."""
    w, h = int(width), int(height)
    if width * height > limits.max_pixels:
        raise ImageTooLarge(
            f"a page of {w}×{h} pixels is over the limit of {limits.max_pixels:,} pixels",
            {**detail, "width": w, "height": h, "limit": limits.max_pixels},
        )
    if max(width, height) > limits.max_side:
        raise ImageTooLarge(
            f"a page of {w}×{h} pixels is over the limit of {limits.max_side:,} pixels a side",
            {**detail, "width": w, "height": h, "max_side": limits.max_side},
        )


# formats whose frames each have their own size (read from each frame's header when seeking to it); the
# frames of an animated PNG or WebP share the canvas, and seeking there would decode the frames before
_PER_FRAME_SIZES = ("TIFF", "MPO")


def _image_pages(data: bytes, limits: Limits, detail: dict[str, object]) -> int:
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            img = Image.open(io.BytesIO(data))  # reads the header only
            frames = int(getattr(img, "n_frames", 1))
            if frames > limits.max_pages:
                raise TooManyPages(
                    f"{frames} pages; the limit is {limits.max_pages}",
                    {**detail, "pages": frames, "limit": limits.max_pages},
                )
            _page_fits(img.width, img.height, limits, {**detail, "page": 0} if frames > 1 else detail)
            if img.format in _PER_FRAME_SIZES:
                for frame in range(1, frames):
                    img.seek(frame)  # the frame's header (a TIFF IFD, an MPO entry's JPEG header): no pixels
                    _page_fits(img.width, img.height, limits, {**detail, "page": frame})
    except Image.DecompressionBombError as exc:
        raise ImageTooLarge(
            f"image is over the limit of {limits.max_pixels:,} pixels: {plain_reason(exc)}",
            {**detail, "limit": limits.max_pixels},
        ) from exc
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise CorruptFile(f"the image header cannot be read: {plain_reason(exc)}", detail) from exc
    return frames


def _pdf_pages(data: bytes, limits: Limits, detail: dict[str, object]) -> int:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise CorruptFile(f"the PDF cannot be opened: {plain_reason(exc)}", detail) from exc
    try:
        pages = len(pdf)
        if pages == 0:
            raise EmptyFile("the PDF has no pages", detail)
        if pages > limits.max_pages:
            raise TooManyPages(
                f"the PDF has {pages} pages; the limit is {limits.max_pages}",
                {**detail, "pages": pages, "limit": limits.max_pages},
            )
        scale = limits.pdf_dpi / 72
        for index in range(pages):  # sizes from the page dictionaries; nothing is rendered
            width, height = pdf.get_page_size(index)
            _page_fits(width * scale, height * scale, limits, {**detail, "page": index, "dpi": limits.pdf_dpi})
    except pdfium.PdfiumError as exc:
        raise CorruptFile(f"a page of the PDF cannot be read: {plain_reason(exc)}", detail) from exc
    finally:
        pdf.close()
    return pages
