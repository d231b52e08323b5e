"""Bytes → page images. The one place that decodes uploads, so every limit is enforced here.

Limits are checked on the header before any pixel is decoded: a 30 000 × 30 000 PNG is refused from its
first bytes, not after allocating 2.7 GB. EXIF orientation is applied so that later stages (and every
bbox) see the page the way a person would hold it.
"""

from __future__ import annotations

import io
import re
import warnings
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from docverify.formats import sniff_format


class DocumentError(Exception):
    """An input the pipeline cannot read. `code` is the contract's reason code."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 25 * 1024 * 1024
    max_pixels: int = 50_000_000  # per page; a 12 MP phone photo is far below
    max_side: int = 20_000
    min_side: int = 64
    max_pages: int = 10


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
        raise DocumentError("UNSUPPORTED_FORMAT", "not a JPEG, PNG, WebP or TIFF image")
    if kind == "pdf":
        raise DocumentError("UNSUPPORTED_FORMAT", "PDF documents are not supported yet; send page images")
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
        raise DocumentError(
            "IMAGE_TOO_LARGE", f"image has {size}; the limit is {limits.max_pixels:,} pixels"
        ) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
        raise DocumentError("IMAGE_CORRUPT", f"the {kind.upper()} file is damaged or truncated: {exc}") from exc
    except MemoryError as exc:  # pragma: no cover - limits make this unreachable in practice
        raise DocumentError("IMAGE_TOO_LARGE", "image does not fit in memory") from exc
    return pages
