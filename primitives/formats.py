"""What a file is, from its first bytes (never from its name or the client's Content-Type header), and the
limits a file must keep.

Shared by the API's upload checks (`service.uploads`) and the pipeline's decoder (`workers.pipeline.io`),
which may not import each other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """The limits of one upload, checked on its headers when it is accepted and again when it is decoded."""

    max_bytes: int = 25 * 1024 * 1024
    max_pixels: int = 50_000_000  # per page; a 12 MP phone photo is far below
    max_side: int = 20_000  # either side of one page
    min_side: int = 64
    max_pages: int = 10
    pdf_dpi: int = 200  # PDF pages are rendered at this resolution …
    max_pdf_dpi: int = 300  # … never above this, whatever the setting


# Pillow names the file object it could not read: `cannot identify image file <_io.BytesIO object at 0x7f…>`
_OBJECT_REPR = re.compile(r"\s*<[^<>]*\bobject at 0x[0-9a-fA-F]+>")

_MAGIC: list[tuple[bytes, int, str]] = [
    (b"\xff\xd8\xff", 0, "jpeg"),
    (b"\x89PNG\r\n\x1a\n", 0, "png"),
    (b"WEBP", 8, "webp"),
    (b"II*\x00", 0, "tiff"),
    (b"MM\x00*", 0, "tiff"),
    (b"%PDF-", 0, "pdf"),
]


def plain_reason(exc: BaseException) -> str:
    """A decoder's error as words for a client: without Python object reprs (addresses, class paths)."""
    text = _OBJECT_REPR.sub("", str(exc)).strip().rstrip(":")
    return text or type(exc).__name__


def sniff_format(data: bytes) -> str | None:
    """`jpeg`, `png`, `webp`, `tiff`, `pdf`, or None."""
    for magic, offset, name in _MAGIC:
        if data[offset : offset + len(magic)] == magic:
            if name == "webp" and data[:4] != b"RIFF":
                continue
            return name
    return None
