"""Perceptual fingerprints of a flattened card, to find the same card submitted again (issue 10).

A re-submitted card is rarely the same file: it is recropped, recompressed or photographed again. The
pipeline flattens every card to the same upright 1000×631 frame first, so a perceptual hash of the
flattened card is stable across those changes, while a different holder's card differs in its text and
photo. Every KTP-el shares one printed template, though, and a whole-card hash is dominated by it; so each
hash here is taken over a part of the card with the template's mean removed where it helps:

- ``card``: DCT hash (OpenCV contrib's ``img_hash.PHash``) of the whole card;
- ``photo``: DCT hash of the holder's photo area (``quality.PHOTO_SEARCH``);
- ``text``: DCT hash of the value column (the values printed beside the labels: NIK, name, address, ...),
  which differs from holder to holder.

All are 64-bit integers (signed, so that they fit a BIGINT column) compared by Hamming distance. Pure: no
database, no service imports.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import cv2
import numpy as np

from workers.pipeline.quality import PHOTO_SEARCH, VALUE_COLUMN, crop_share

# the value column of the text area: right of the labels, above the signature block, left of the photo
TEXT_VALUES = (VALUE_COLUMN + 0.06, 0.14, 0.68, 0.92)
VERSION = "1"  # bump when the hashes change: stored hashes of another version do not compare
HASH_BITS = 64
BANDS = 4  # multi-index hashing: a 64-bit hash in 4 bands of 16 bits (see `bands`)
BAND_BITS = HASH_BITS // BANDS


@dataclass(frozen=True)
class Fingerprint:
    """The perceptual hashes of one flattened card (signed 64-bit integers)."""

    card: int
    photo: int
    text: int

    def to_json(self) -> dict[str, str]:
        return {"card": to_hex(self.card), "photo": to_hex(self.photo), "text": to_hex(self.text)}


def _signed(value: int) -> int:
    return value - (1 << 64) if value >= 1 << 63 else value


def to_hex(value: int) -> str:
    return f"{value & ((1 << 64) - 1):016x}"


def _phash(image: np.ndarray) -> int:
    """OpenCV's PHash (32×32 grey, DCT, 8×8 low frequencies against their median) as a signed integer."""
    gray = image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    if gray.size == 0:
        raise ValueError("empty image area")
    bits = np.asarray(cv2.img_hash.pHash(gray), dtype=np.uint8)  # 1×8 bytes
    return _signed(int.from_bytes(bits.reshape(-1).tobytes(), "big"))


def fingerprint(card: np.ndarray) -> Fingerprint:
    """Hashes of a flattened, upright card (BGR, any size with the card's aspect ratio)."""
    if card is None or card.ndim not in (2, 3) or min(card.shape[:2]) < 16:
        raise ValueError("a flattened card image is needed")
    # the same working size whatever the upload's resolution: resampling noise then affects every card alike
    small = cv2.resize(card, (500, round(500 * card.shape[0] / card.shape[1])), interpolation=cv2.INTER_AREA)
    return Fingerprint(
        card=_phash(small), photo=_phash(crop_share(small, PHOTO_SEARCH)), text=_phash(crop_share(small, TEXT_VALUES))
    )


def hamming(a: int, b: int) -> int:
    return ((a ^ b) & ((1 << 64) - 1)).bit_count()


def bands(value: int, count: int = BANDS) -> list[int]:
    """The hash cut into `count` equal bands (small non-negative integers). By the pigeonhole principle two
    hashes within Hamming distance `count - 1` agree exactly on at least one band: an index on each band
    column finds every candidate with equality look-ups, and the exact distance is checked afterwards."""
    width = HASH_BITS // count
    unsigned = value & ((1 << 64) - 1)
    return [(unsigned >> (i * width)) & ((1 << width) - 1) for i in range(count)]


def card_fingerprint(page_images: Sequence[np.ndarray]) -> Fingerprint | None:
    """The first page's fingerprint, or None when there is no usable card image (never raises)."""
    if not page_images:
        return None
    try:
        return fingerprint(page_images[0])
    except (ValueError, cv2.error):
        return None
