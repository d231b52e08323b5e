"""Blurring the NIKs out of a page image before a clerk sees it (issue 19): the case page masks the NIK, so the
card beside it must not show it whole. Pure functions over image bytes (Pillow), easy to check.

Where the NIKs are comes from the stored result: every field whose value holds a NIK-shaped 16-digit run (the
KTP's `nik`, a family card's member table, its KK number) or is named `nik`, with its bbox in the pixels of the
flattened card the worker stored. Anything that cannot be located on the page (no bbox, or an original upload
whose pixels the boxes do not refer to) blurs the whole page: unlocated means unmasked otherwise.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

_NIK_RUN = re.compile(r"(?<!\d)\d{16}(?!\d)")


@dataclass(frozen=True)
class Regions:
    """What to blur on one page: boxes (x0, y0, x1, y1) in the image's pixels, or the whole page."""

    boxes: tuple[tuple[int, int, int, int], ...] = ()
    whole: bool = False

    @property
    def empty(self) -> bool:
        return not self.boxes and not self.whole


def _holds_nik(value: Any) -> bool:
    if isinstance(value, str):
        return _NIK_RUN.search(value) is not None
    if isinstance(value, int) and not isinstance(value, bool):
        return _NIK_RUN.fullmatch(str(value)) is not None
    if isinstance(value, Mapping):
        return any(_holds_nik(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return any(_holds_nik(v) for v in value)
    return False


def _box(value: Any) -> tuple[int, int, int, int] | None:
    if isinstance(value, Sequence) and not isinstance(value, str) and len(value) == 4:
        try:
            x0, y0, x1, y1 = (round(float(v)) for v in value)
        except (TypeError, ValueError):
            return None
        if x1 > x0 and y1 > y0:
            return x0, y0, x1, y1
    return None


def nik_regions(result: Mapping[str, Any], page: int, *, boxes_apply: bool) -> Regions:
    """Where the NIK-bearing fields of `result` sit on `page`. `boxes_apply`: the image is the flattened card
    the boxes were read on (else an original upload: any NIK on the document blurs the whole page)."""
    fields: Mapping[str, Any] = result.get("fields") or {}
    found: list[tuple[int, int, int, int]] = []
    whole = False
    for key, field in fields.items():
        if not isinstance(field, Mapping):
            continue
        if not (key == "nik" or _holds_nik(field.get("value")) or _holds_nik(field.get("read_value"))):
            continue
        if key == "nik" and field.get("value") is None and field.get("bbox") is None:
            continue  # no NIK read and none located: nothing to hide
        on_page = int(field.get("page") or 0) == page
        box = _box(field.get("bbox"))
        if not boxes_apply:
            whole = True  # an original upload: the boxes are in another image's pixels
        elif box is None:
            whole = whole or on_page or field.get("page") is None
        elif on_page:
            found.append(box)
    return Regions(tuple(found), whole)


def blur(data: bytes, media_type: str, regions: Regions, *, jpeg_quality: int = 85) -> tuple[bytes, str]:
    """The image with each region made unreadable (pixelated, then blurred), re-encoded as the same media type
    (JPEG for anything that is not PNG or WebP). Each box is widened a little: a read box hugs the digits."""
    from PIL import Image, ImageFilter

    with Image.open(io.BytesIO(data)) as img:
        img.load()
        out = img.convert("RGB")
    width, height = out.size
    areas = [(0, 0, width, height)] if regions.whole else list(regions.boxes)
    for x0, y0, x1, y1 in areas:
        pad = max(4, (y1 - y0) // 3)
        area = (max(0, x0 - pad), max(0, y0 - pad), min(width, x1 + pad), min(height, y1 + pad))
        if area[2] <= area[0] or area[3] <= area[1]:
            continue
        patch = out.crop(area)
        w, h = patch.size
        cell = max(4, min(h, w) // 3 if not regions.whole else max(8, min(w, h) // 40))
        small = patch.resize((max(1, w // cell), max(1, h // cell)), Image.Resampling.BILINEAR)
        patch = small.resize((w, h), Image.Resampling.NEAREST).filter(ImageFilter.GaussianBlur(cell / 2))
        out.paste(patch, area[:2])
    buf = io.BytesIO()
    if media_type == "image/png":
        out.save(buf, format="PNG")
    elif media_type == "image/webp":
        out.save(buf, format="WEBP", quality=jpeg_quality)
    else:
        out.save(buf, format="JPEG", quality=jpeg_quality)
        media_type = "image/jpeg"
    return buf.getvalue(), media_type
