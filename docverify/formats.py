"""What a file is, from its first bytes (never from its name or the client's Content-Type header).

Shared by the API's upload checks (`service.uploads`) and the pipeline's decoder (`workers.pipeline.io`),
which may not import each other.
"""

from __future__ import annotations

import re

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
