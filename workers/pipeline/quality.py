"""Cheap image checks recorded with every result. The full set (glare, photocopy, recapture) is issue 5."""

from __future__ import annotations

import cv2
import numpy as np

from workers.pipeline.types import Check

MIN_CARD_WIDTH = 400  # source pixels across the card; below this the print is a few pixels high
BLUR_VARIANCE_OK = 60.0


def resolution_check(source_width: float) -> Check:
    score = min(1.0, source_width / 1000)
    return Check("resolution", source_width >= MIN_CARD_WIDTH, score,
                 f"card is about {int(source_width)} px wide in the upload")


def blur_check(card: np.ndarray) -> Check:
    gray = cv2.cvtColor(card, cv2.COLOR_BGR2GRAY)
    variance = float(cv2.Laplacian(gray, cv2.CV_64F).var())
    return Check("blur", variance >= BLUR_VARIANCE_OK, min(1.0, variance / (4 * BLUR_VARIANCE_OK)),
                 f"Laplacian variance {variance:.0f}")
