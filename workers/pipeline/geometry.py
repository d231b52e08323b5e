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
FRAME_FILL_COVERAGE = 0.6


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


def quad_iou(quad: np.ndarray, hull: np.ndarray) -> float:
    """Intersection over union of a convex quadrilateral and a contour's hull: how well four corners fit it."""
    quad = quad.reshape(-1, 1, 2).astype(np.float32)
    hull = hull.reshape(-1, 1, 2).astype(np.float32)
    if not cv2.isContourConvex(quad):
        return 0.0
    inter, _ = cv2.intersectConvexConvex(quad, hull)
    union = cv2.contourArea(quad) + cv2.contourArea(hull) - inter
    return float(inter / union) if union > 0 else 0.0


def _quad_from_contour(contour: np.ndarray) -> np.ndarray | None:
    """The four-cornered outline that best covers the shape: polygon fits at several tolerances and the
    minimum-area rectangle compete on overlap with the convex hull."""
    hull = cv2.convexHull(contour)
    peri = cv2.arcLength(hull, True)
    candidates = [cv2.boxPoints(cv2.minAreaRect(hull)).astype(np.float32)]
    for eps in (0.01, 0.02, 0.03, 0.04, 0.06):
        approx = cv2.approxPolyDP(hull, eps * peri, True)
        if len(approx) == 4:
            candidates.append(approx.reshape(4, 2).astype(np.float32))
    return max(candidates, key=lambda q: quad_iou(order_corners(q), hull))


def _corner_angles(quad: np.ndarray) -> list[float]:
    angles = []
    for i in range(4):
        a, b, c = quad[i - 1], quad[i], quad[(i + 1) % 4]
        v1, v2 = a - b, c - b
        cos = float(np.dot(v1, v2) / max(np.linalg.norm(v1) * np.linalg.norm(v2), 1e-6))
        angles.append(float(np.degrees(np.arccos(np.clip(cos, -1, 1)))))
    return angles


def _edge_support(quad: np.ndarray, edges: np.ndarray, samples: int = 40) -> float:
    """The weakest side's share of points that lie on an image edge: a card's outline is an edge all
    round, a chord through the card's print is not."""
    h, w = edges.shape
    weakest = 1.0
    for i in range(4):
        a, b = quad[i], quad[(i + 1) % 4]
        t = np.linspace(0.05, 0.95, samples)[:, None]
        pts = np.rint(a + (b - a) * t).astype(int)
        inside = (pts[:, 0] >= 0) & (pts[:, 0] < w) & (pts[:, 1] >= 0) & (pts[:, 1] < h)
        on_edge = np.zeros(samples, dtype=bool)
        on_edge[inside] = edges[pts[inside, 1], pts[inside, 0]] > 0
        # A side that runs along the frame border (card cut off by the photo) counts as supported.
        near_border = (pts[:, 0] <= 2) | (pts[:, 0] >= w - 3) | (pts[:, 1] <= 2) | (pts[:, 1] >= h - 3)
        weakest = min(weakest, float(np.mean(on_edge | near_border)))
    return weakest


def _score_quad(quad: np.ndarray, contour: np.ndarray, image_area: float, edges: np.ndarray | None) -> float:
    """0 unless the quadrilateral can be a card seen at an angle; otherwise larger for larger, tighter fits."""
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
    ratio = float(w / h)
    if not 1.15 <= ratio <= 2.2:  # ID-1 is 1.586; perspective stretches or squeezes it
        return 0.0
    area = float(cv2.contourArea(ordered.reshape(-1, 1, 2)))
    coverage = area / image_area
    if coverage < MIN_COVERAGE or coverage > 0.97:
        return 0.0
    # The quadrilateral must be the shape's outline, not a chord cutting a piece off it.
    fit = quad_iou(ordered, cv2.convexHull(contour))
    if fit < 0.9 or (edges is not None and _edge_support(ordered, edges) < 0.5):
        return 0.0
    ratio_fit = max(0.2, 1.0 - abs(ratio - ID1_RATIO) / 0.8)
    return fit * ratio_fit * coverage


def _edges(small: np.ndarray) -> np.ndarray:
    gray = cv2.GaussianBlur(cv2.cvtColor(small, cv2.COLOR_BGR2GRAY), (5, 5), 0)
    return cv2.Canny(gray, 30, 90)


def _candidate_masks(small: np.ndarray, edges: np.ndarray) -> list[np.ndarray]:
    gray = cv2.cvtColor(small, cv2.COLOR_BGR2GRAY)
    blur = cv2.GaussianBlur(gray, (5, 5), 0)
    masks = [cv2.dilate(edges, np.ones((5, 5), np.uint8), iterations=2)]
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
    edges = _edges(small)
    # In a card-shaped frame (a scan) the alternative to a found outline is the whole frame, which is
    # right more often than a shape inside the card: there an outline must be an edge all round.
    card_shaped = abs(max(h, w) / min(h, w) - ID1_RATIO) < 0.15
    near_edge = cv2.dilate(edges, np.ones((17, 17), np.uint8)) if card_shaped else None  # within 8 px
    for mask in _candidate_masks(small, edges):
        contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        for contour in sorted(contours, key=cv2.contourArea, reverse=True)[:3]:
            area = cv2.contourArea(contour)
            if area < 0.12 * image_area:
                break
            quad = _quad_from_contour(contour)
            if quad is None:
                continue
            score = _score_quad(quad, contour, image_area, near_edge)
            if score > 0 and (best is None or score > best.score):
                best = CardQuad(order_corners(quad) / scale, score)
                best_coverage = cv2.contourArea(quad.reshape(-1, 1, 2)) / image_area
    if best is not None and card_shaped and best_coverage < FRAME_FILL_COVERAGE:
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
    """No card outline found: the card fills the frame (a scan, a tight crop) or could not be told from
    its background. A sideways card-shaped frame is turned landscape; any other frame keeps its
    orientation (read_upright turns it by what the text says). Longest side to the canonical width."""
    h, w = image.shape[:2]
    if h > w and abs(h / w - ID1_RATIO) < 0.25:
        image = cv2.rotate(image, cv2.ROTATE_90_CLOCKWISE)
        h, w = w, h
    scale = CANONICAL_WIDTH / max(h, w)
    interp = cv2.INTER_CUBIC if scale > 1 else cv2.INTER_AREA
    return cv2.resize(image, (max(1, round(w * scale)), max(1, round(h * scale))), interpolation=interp)


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
