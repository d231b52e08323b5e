"""Decoding and input limits: every bad input is a DocumentError with a reason code, decided cheaply."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from workers.pipeline.io import DocumentError, Limits, decode


def encode(img: Image.Image, fmt: str, **kw: object) -> bytes:
    buf = io.BytesIO()
    img.save(buf, fmt, **kw)
    return buf.getvalue()


def test_decodes_jpeg_png_webp_tiff() -> None:
    img = Image.new("RGB", (200, 120), (10, 200, 30))
    for fmt in ("JPEG", "PNG", "WEBP", "TIFF"):
        pages = decode(encode(img, fmt))
        assert len(pages) == 1 and pages[0].shape == (120, 200, 3)
        assert abs(int(pages[0][60, 100, 1]) - 200) < 8  # BGR order: green stays in channel 1


def test_exif_orientation_is_applied() -> None:
    img = Image.new("RGB", (300, 100), (255, 255, 255))
    img.paste((255, 0, 0), (0, 0, 30, 100))  # red band on the left
    exif = Image.Exif()
    exif[0x0112] = 6  # stored sideways: viewer rotates 90° clockwise
    page = decode(encode(img, "JPEG", exif=exif.tobytes(), quality=95))[0]
    assert page.shape[:2] == (300, 100)
    assert page[5, 50, 2] > 200 and page[5, 50, 0] < 80  # the band is now at the top, still red


def test_not_an_image() -> None:
    with pytest.raises(DocumentError) as err:
        decode(b"name,nik\nBUDI,3204\n")
    assert err.value.code == "UNSUPPORTED_FORMAT"


def test_truncated_jpeg() -> None:
    rng = np.random.default_rng(0)
    data = encode(Image.fromarray(rng.integers(0, 255, (400, 600, 3), dtype=np.uint8)), "JPEG")
    with pytest.raises(DocumentError) as err:
        decode(data[: len(data) // 2])
    assert err.value.code == "IMAGE_CORRUPT"


def test_empty_and_oversized_files() -> None:
    with pytest.raises(DocumentError) as err:
        decode(b"")
    assert err.value.code == "EMPTY_FILE"
    with pytest.raises(DocumentError) as err:
        decode(b"\xff\xd8\xff" + b"0" * 2000, Limits(max_bytes=1000))
    assert err.value.code == "FILE_TOO_LARGE"


def huge_png(side: int) -> bytes:
    """A real, complete side×side grayscale PNG (all black), streamed so it never exists in memory."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    comp = zlib.compressobj(1)
    row = b"\x00" * (side + 1)
    block = row * 100
    idat = b"".join(comp.compress(block) for _ in range(side // 100)) + comp.compress(row * (side % 100))
    idat += comp.flush()
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0))
        + chunk(b"IDAT", idat)
        + chunk(b"IEND", b"")
    )


def test_30000_square_png_is_refused_before_decoding(tmp_path: Path) -> None:
    data = huge_png(30_000)
    assert len(data) < 8_000_000  # a small file for 900 megapixels
    with pytest.raises(DocumentError) as err:
        decode(data)
    assert err.value.code == "IMAGE_TOO_LARGE"
    assert "900,000,000 pixels" in err.value.message


def test_tiny_image() -> None:
    with pytest.raises(DocumentError) as err:
        decode(encode(Image.new("RGB", (20, 20)), "PNG"))
    assert err.value.code == "IMAGE_TOO_SMALL"


def test_a_damaged_pdf_is_corrupt() -> None:
    with pytest.raises(DocumentError) as err:
        decode(b"%PDF-1.7\n...")
    assert err.value.code == "IMAGE_CORRUPT" and "PDF" in err.value.message


def test_corrupt_image_message_names_no_python_object() -> None:
    with pytest.raises(DocumentError) as err:
        decode(b"\xff\xd8\xff" + b"junk" * 10)
    assert err.value.code == "IMAGE_CORRUPT"
    assert "object at 0x" not in err.value.message and "_io." not in err.value.message, err.value.message


def test_the_side_limit_is_a_limit_setting() -> None:
    strip = Image.new("L", (2_000, 64))
    with pytest.raises(DocumentError) as err:
        decode(encode(strip, "PNG"), Limits(max_side=1_999))
    assert err.value.code == "IMAGE_TOO_LARGE"
    assert len(decode(encode(strip, "PNG"), Limits(max_side=2_000))) == 1
