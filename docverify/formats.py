"""What a file is, from its first bytes (never from its name or the client's Content-Type header).

Shared by the API's upload checks (`service.uploads`) and the pipeline's decoder (`workers.pipeline.io`),
which may not import each other.
"""

from __future__ import annotations

_MAGIC: list[tuple[bytes, int, str]] = [
    (b"\xff\xd8\xff", 0, "jpeg"),
    (b"\x89PNG\r\n\x1a\n", 0, "png"),
    (b"WEBP", 8, "webp"),
    (b"II*\x00", 0, "tiff"),
    (b"MM\x00*", 0, "tiff"),
    (b"%PDF-", 0, "pdf"),
]


def sniff_format(data: bytes) -> str | None:
    """`jpeg`, `png`, `webp`, `tiff`, `pdf`, or None."""
    for magic, offset, name in _MAGIC:
        if data[offset : offset + len(magic)] == magic:
            if name == "webp" and data[:4] != b"RIFF":
                continue
            return name
    return None
