"""System fonts the clean-room renderers draw with (Debian packages, nothing downloaded)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

OCR_A = Path("/usr/share/fonts/truetype/ocr-a/OCRA.ttf")

# family -> (regular, bold): the sans faces a KTP-el printer's template could plausibly use
SANS: dict[str, tuple[Path, Path]] = {
    "arimo": (
        Path("/usr/share/fonts/truetype/croscore/Arimo-Regular.ttf"),
        Path("/usr/share/fonts/truetype/croscore/Arimo-Bold.ttf"),
    ),
    "liberation": (
        Path("/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf"),
        Path("/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf"),
    ),
    "freesans": (
        Path("/usr/share/fonts/truetype/freefont/FreeSans.ttf"),
        Path("/usr/share/fonts/truetype/freefont/FreeSansBold.ttf"),
    ),
    "nimbus": (
        Path("/usr/share/fonts/opentype/urw-base35/NimbusSans-Regular.otf"),
        Path("/usr/share/fonts/opentype/urw-base35/NimbusSans-Bold.otf"),
    ),
}


def available_families() -> list[str]:
    """Only the families whose files exist, so a slimmer machine still renders (with fewer faces)."""
    return [name for name, (reg, bold) in SANS.items() if reg.exists() and bold.exists()]


@lru_cache(maxsize=512)
def _load(path: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size)


def sans(family: str, size: float, bold: bool = False) -> ImageFont.FreeTypeFont:
    """Sizes are rounded to whole pixels so the cache stays small across many cards."""
    return _load(str(SANS[family][int(bold)]), max(6, round(size)))


def ocr_a(size: float) -> ImageFont.FreeTypeFont:
    return _load(str(OCR_A), max(6, round(size)))


def has_ocr_a() -> bool:
    return OCR_A.exists()
