"""Find the card in a photo, warp it flat to a canonical size, and turn it the right way up.

The card is found from its outline (edges and a brightness/colour segmentation, whichever yields a
card-shaped quadrilateral), never from positions of our own renderer. Warping to one canonical size
makes small cards bigger for the recogniser and big photos smaller for the detector.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

ID1_RATIO = 85.60 / 53.98  # ISO/IEC 7810 ID-1, the KTP-el format
CANONICAL_WIDTH = 1000
CANONICAL_HEIGHT = round(CANONICAL_WIDTH / ID1_RATIO)
_WORK_SIDE = 640  # the card is searched for on a copy this size
MIN_COVERAGE = 0.15  # share of the frame a card must cover; smaller shapes are parts of the card
# A frame shaped like a card is a scan or a tight crop: a shape inside it covering less than this is a
# part of the card (its photo, a glare patch), not the card.
FRAME_FILL_COVERAGE = 0.35


@dataclass(frozen=True)
class CardQuad:
    corners: np.ndarray  # 4×2 float32 in source pixels: top-left, top-right, bottom-right, bottom-left
    score: float


def order_corners(pts: np.ndarray) -> np.ndarray:
    """Top-left, top-right, bottom-right, bottom-left, with the long side first (the card is landscape)."""
    pts = np.asarray(pts, dtype=np.float32).reshape(4, 2)
    centre = pts.mean(axis=0)
    angles = np.arctan2(pts[:, 1] - centre[1], pts[:, 0] - centre[0])
    pts = pts[np.argsort(angles)]  # clockwise in image coordinates, starting near top-left
    start = int(np.argmin(pts.sum(axis=1)))
    pts = np.roll(pts, -start, axis=0)
    top = np.linalg.norm(pts[1] - pts[0]) + np.linalg.norm(pts[2] - pts[3])
    side = np.linalg.norm(pts[3] - pts[0]) + np.linalg.norm(pts[2] - pts[1])
    if side > top:  # portrait quad: rotate the corner order so the long side runs left to right
        pts = np.roll(pts, -1, axis=0)
    return pts


def _quad_from_contour(contour: np.ndarray) -> np.ndarray | None:
    hull = cv2.convexHull(contour)
    peri = cv2.arcLength(hull, True)
    for eps in (0.02, 0.03, 0.04, 0.06):
        approx = cv2.approxPolyDP(hull, eps * peri, True)
        if len(approx) == 4:
            return approx.reshape(4, 2).astype(np.float32)
    rect = cv2.minAreaRect(hull)
    return cv2.boxPoints(rect).astype(np.float32)


def _corner_angles(quad: np.ndarray) -> list[float]:
    angles = []
    for i in range(4):
        a, b, c = quad[i - 1], quad[i], quad[(i + 1) % 4]
        v1, v2 = a - b, c - b
        cos = float(np.dot(v1, v2) / max(np.linalg.norm(v1) * np.linalg.norm(v2), 1e-6))
        angles.append(float(np.degrees(np.arccos(np.clip(cos, -1, 1)))))
    return angles


def _score_quad(quad: np.ndarray, contour_area: float, image_area: float) -> float:
    ordered = order_corners(quad)
    # A card photographed at an angle stays a convex quadrilateral with corners far from degenerate.
    if not cv2.isContourConvex(ordered.reshape(-1, 1, 2)) or any(
        a < 55 or a > 125 for a in _corner_angles(ordered)
    ):
        return 0.0
    w = (np.linalg.norm(ordered[1] - ordered[0]) + np.linalg.norm(ordered[2] - ordered[3])) / 2
    h = (np.linalg.norm(ordered[3] - ordered[0]) + np.linalg.norm(ordered[2] - ordered[1])) / 2
    if h < 1 or w < 1:
        return 0.0
    ratio = w / h
    area = cv2.contourArea(quad.reshape(-1, 1, 2))
    coverage = area / image_area
    if coverage < MIN_COVERAGE or coverage > 0.97:
        return 0.0
    ratio_fit = max(0.0, 1.0 - float(abs(ratio - ID1_RATIO)) / 0.45)
    solidity = min(1.0, contour_area / max(float(area), 1.0))
    return float(ratio_fit * solidity * (0.5 + coverage))


def _candidate_masks(small: np.ndarray) -> list[np.ndarray]:
    gray = cv2.cvtColor(small, cv2.COLOR_BGR2GRAY)
    blur = cv2.GaussianBlur(gray, (5, 5), 0)
    masks = []
    edges = cv2.Canny(blur, 30, 90)
    masks.append(cv2.dilate(edges, np.ones((5, 5), np.uint8), iterations=2))
    _, otsu = cv2.threshold(blur, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    masks.append(otsu)
    masks.append(255 - otsu)
    hsv = cv2.cvtColor(cv2.GaussianBlur(small, (5, 5), 0), cv2.COLOR_BGR2HSV)
    _, sat = cv2.threshold(hsv[:, :, 1], 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    masks.append(sat)
    kernel = np.ones((7, 7), np.uint8)
    return [cv2.morphologyEx(m, cv2.MORPH_CLOSE, kernel) for m in masks]


def find_card(image: np.ndarray) -> CardQuad | None:
    """The most card-like quadrilateral in the image, or None when the card fills the frame."""
    h, w = image.shape[:2]
    scale = _WORK_SIDE / max(h, w)
    small = cv2.resize(image, (max(1, round(w * scale)), max(1, round(h * scale))), interpolation=cv2.INTER_AREA)
    image_area = float(small.shape[0] * small.shape[1])
    best: CardQuad | None = None
    best_coverage = 0.0
    for mask in _candidate_masks(small):
        contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        for contour in sorted(contours, key=cv2.contourArea, reverse=True)[:3]:
            area = cv2.contourArea(contour)
            if area < 0.12 * image_area:
                break
            quad = _quad_from_contour(contour)
            if quad is None:
                continue
            score = _score_quad(quad, area, image_area)
            if score > 0.35 and (best is None or score > best.score):
                best = CardQuad(order_corners(quad) / scale, score)
                best_coverage = cv2.contourArea(quad.reshape(-1, 1, 2)) / image_area
    frame_ratio = max(h, w) / min(h, w)
    if best is not None and abs(frame_ratio - ID1_RATIO) < 0.15 and best_coverage < FRAME_FILL_COVERAGE:
        return None
    return best


def warp_card(image: np.ndarray, quad: CardQuad) -> np.ndarray:
    dst = np.array(
        [[0, 0], [CANONICAL_WIDTH - 1, 0], [CANONICAL_WIDTH - 1, CANONICAL_HEIGHT - 1], [0, CANONICAL_HEIGHT - 1]],
        dtype=np.float32,
    )
    matrix = cv2.getPerspectiveTransform(quad.corners.astype(np.float32), dst)
    return cv2.warpPerspective(image, matrix, (CANONICAL_WIDTH, CANONICAL_HEIGHT), flags=cv2.INTER_CUBIC,
                               borderMode=cv2.BORDER_REPLICATE)


def fit_canonical(image: np.ndarray) -> np.ndarray:
    """A frame-filling card (a scan): make it landscape and bring it to the canonical width."""
    h, w = image.shape[:2]
    if h > w:
        image = cv2.rotate(image, cv2.ROTATE_90_CLOCKWISE)
        h, w = w, h
    scale = CANONICAL_WIDTH / w
    interp = cv2.INTER_CUBIC if scale > 1 else cv2.INTER_AREA
    return cv2.resize(image, (CANONICAL_WIDTH, max(1, round(h * scale))), interpolation=interp)


def flatten(image: np.ndarray) -> tuple[np.ndarray, bool]:
    """The card, flat and landscape at canonical size; whether a card outline was found."""
    quad = find_card(image)
    if quad is None:
        return fit_canonical(image), False
    return warp_card(image, quad), True


def rotate(image: np.ndarray, degrees: int) -> np.ndarray:
    """Rotate clockwise by a multiple of 90 degrees."""
    codes = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}
    degrees %= 360
    return image if degrees == 0 else cv2.rotate(image, codes[degrees])
