"""Find a sheet of paper (A4 letter, Kartu Keluarga) in a phone photo or a scan and warp it flat.

A page differs from a card: it is large, bright and unsaturated, and it often touches or leaves the frame,
its shadow side may be darker than a white table, and scans show it on a light bed. The sheet is searched for
as the biggest bright, low-saturation quadrilateral (several segmentations compete, as in geometry.py), its
sides must lie on image edges or on the frame border, and the result is warped to a fixed long side that
keeps 2-3 mm print legible for the recogniser (≈ 7 px per mm on A4). Nothing here knows our renderer.
"""

from __future__ import annotations

import cv2
import numpy as np

from workers.pipeline.geometry import quad_iou

PAGE_LONG_SIDE = 2200  # pixels of the flattened page's long side
A4_RATIO = 297 / 210
_WORK_SIDE = 800  # the sheet is searched for on a copy this size
MIN_COVERAGE = 0.2  # a sheet photographed to be read fills at least this share of the frame
MAX_COVERAGE = 0.985  # beyond this the "sheet" is the frame itself


def order_corners(pts: np.ndarray) -> np.ndarray:
    """Top-left, top-right, bottom-right, bottom-left as seen in the image (portrait stays portrait)."""
    pts = np.asarray(pts, dtype=np.float32).reshape(4, 2)
    centre = pts.mean(axis=0)
    pts = pts[np.argsort(np.arctan2(pts[:, 1] - centre[1], pts[:, 0] - centre[0]))]
    return np.roll(pts, -int(np.argmin(pts.sum(axis=1))), axis=0)


def _corner_angles(quad: np.ndarray) -> list[float]:
    out = []
    for i in range(4):
        v1, v2 = quad[i - 1] - quad[i], quad[(i + 1) % 4] - quad[i]
        cos = float(np.dot(v1, v2) / max(float(np.linalg.norm(v1) * np.linalg.norm(v2)), 1e-6))
        out.append(float(np.degrees(np.arccos(np.clip(cos, -1.0, 1.0)))))
    return out


def _side_support(quad: np.ndarray, edges: np.ndarray, samples: int = 48) -> float:
    """The weakest side's share of points on an edge or along the frame border (a sheet cut off by the
    photo still has a straight side there)."""
    h, w = edges.shape
    weakest = 1.0
    for i in range(4):
        a, b = quad[i], quad[(i + 1) % 4]
        t = np.linspace(0.05, 0.95, samples)[:, None]
        pts = np.rint(a + (b - a) * t).astype(int)
        pts[:, 0] = np.clip(pts[:, 0], 0, w - 1)
        pts[:, 1] = np.clip(pts[:, 1], 0, h - 1)
        on_edge = edges[pts[:, 1], pts[:, 0]] > 0
        border = (pts[:, 0] <= 3) | (pts[:, 0] >= w - 4) | (pts[:, 1] <= 3) | (pts[:, 1] >= h - 4)
        weakest = min(weakest, float(np.mean(on_edge | border)))
    return weakest


def _quad_candidates(contour: np.ndarray) -> list[np.ndarray]:
    hull = cv2.convexHull(contour)
    peri = cv2.arcLength(hull, True)
    out = [cv2.boxPoints(cv2.minAreaRect(hull)).astype(np.float32)]
    for eps in (0.01, 0.015, 0.02, 0.03, 0.045, 0.06):
        approx = cv2.approxPolyDP(hull, eps * peri, True)
        if len(approx) == 4:
            out.append(approx.reshape(4, 2).astype(np.float32))
    return out


def _sides(quad: np.ndarray) -> tuple[float, float]:
    """Mean width and height of an ordered quadrilateral."""
    w = (np.linalg.norm(quad[1] - quad[0]) + np.linalg.norm(quad[2] - quad[3])) / 2
    h = (np.linalg.norm(quad[3] - quad[0]) + np.linalg.norm(quad[2] - quad[1])) / 2
    return float(w), float(h)


def _score(quad: np.ndarray, contour: np.ndarray, area: float, edges: np.ndarray, aspect: float | None) -> float:
    q = order_corners(quad)
    if not cv2.isContourConvex(q.reshape(-1, 1, 2)) or any(a < 50 or a > 130 for a in _corner_angles(q)):
        return 0.0
    w, h = _sides(q)
    if min(w, h) < 1:
        return 0.0
    ratio = max(w, h) / min(w, h)
    if ratio > 2.4:
        return 0.0
    coverage = float(cv2.contourArea(q.reshape(-1, 1, 2))) / area
    if not MIN_COVERAGE <= coverage <= MAX_COVERAGE:
        return 0.0
    fit = quad_iou(q, cv2.convexHull(contour))
    if fit < 0.88:
        return 0.0
    support = _side_support(q, edges)
    if support < 0.45:
        return 0.0
    ratio_fit = 1.0 if aspect is None else max(0.3, 1.0 - abs(ratio - aspect) / 0.9)
    return fit * ratio_fit * coverage * (0.5 + 0.5 * support)


def _masks(small: np.ndarray, edges: np.ndarray) -> list[np.ndarray]:
    """Bright-and-unsaturated segmentations (paper) and closed edges; each may fail on its own."""
    hsv = cv2.cvtColor(cv2.GaussianBlur(small, (5, 5), 0), cv2.COLOR_BGR2HSV)
    sat = hsv[:, :, 1].astype(np.int16)
    val = hsv[:, :, 2].astype(np.int16)
    paperness = np.clip(val - sat, 0, 255).astype(np.uint8)
    masks = []
    for channel in (paperness, cv2.cvtColor(small, cv2.COLOR_BGR2GRAY)):
        blur = cv2.GaussianBlur(channel, (7, 7), 0)
        _, m = cv2.threshold(blur, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
        masks.append(m)
    # Shadowed paper: compare with a heavily blurred copy, so a slow lighting gradient does not split it.
    local = cv2.adaptiveThreshold(
        cv2.GaussianBlur(paperness, (9, 9), 0), 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY, 151, -4
    )
    masks.append(local)
    masks.append(cv2.dilate(edges, np.ones((3, 3), np.uint8), iterations=2))
    out = []
    for m in masks:
        m = cv2.morphologyEx(m, cv2.MORPH_CLOSE, np.ones((15, 15), np.uint8))  # print and table rulings
        m = cv2.morphologyEx(m, cv2.MORPH_OPEN, np.ones((5, 5), np.uint8))
        out.append(m)
    return out


def find_page(image: np.ndarray, aspect: float | None = None) -> np.ndarray | None:
    """Corners (4×2, source pixels, image orientation) of the most sheet-like quadrilateral, or None."""
    h, w = image.shape[:2]
    scale = _WORK_SIDE / max(h, w)
    small = cv2.resize(image, (max(1, round(w * scale)), max(1, round(h * scale))), interpolation=cv2.INTER_AREA)
    if small.ndim == 2:
        small = cv2.cvtColor(small, cv2.COLOR_GRAY2BGR)
    area = float(small.shape[0] * small.shape[1])
    gray = cv2.GaussianBlur(cv2.cvtColor(small, cv2.COLOR_BGR2GRAY), (5, 5), 0)
    edges = cv2.Canny(gray, 25, 75)
    near_edge = cv2.dilate(edges, np.ones((9, 9), np.uint8))
    best, best_score = None, 0.0
    for mask in _masks(small, edges):
        contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        for contour in sorted(contours, key=cv2.contourArea, reverse=True)[:3]:
            if cv2.contourArea(contour) < MIN_COVERAGE * 0.8 * area:
                break
            for quad in _quad_candidates(contour):
                score = _score(quad, contour, area, near_edge, aspect)
                if score > best_score:
                    best, best_score = order_corners(quad), score
    return None if best is None else best / scale


def _output_size(corners: np.ndarray, aspect: float | None) -> tuple[int, int]:
    w, h = _sides(corners)
    ratio = max(w, h) / max(1.0, min(w, h))
    if aspect is not None and abs(ratio - aspect) < 0.35:
        ratio = aspect  # perspective foreshortens one side; the known format is the better guess
    if w >= h:
        return PAGE_LONG_SIDE, round(PAGE_LONG_SIDE / ratio)
    return round(PAGE_LONG_SIDE / ratio), PAGE_LONG_SIDE


def _fit(image: np.ndarray) -> np.ndarray:
    h, w = image.shape[:2]
    scale = PAGE_LONG_SIDE / max(h, w)
    interp = cv2.INTER_CUBIC if scale > 1 else cv2.INTER_AREA
    return cv2.resize(image, (max(1, round(w * scale)), max(1, round(h * scale))), interpolation=interp)


def paper_mask(small: np.ndarray) -> np.ndarray | None:
    """The sheet's own pixels (1) in a small colour frame: the largest light, unsaturated region, closed over
    its print and shrunk off its edge; None for a grey frame or when nothing light is found."""
    if small.ndim != 3:
        return None
    hsv = cv2.cvtColor(small, cv2.COLOR_BGR2HSV)
    value, saturation = hsv[..., 2], hsv[..., 1]
    cut, _ = cv2.threshold(value, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    light = ((value >= cut) & (saturation < 60)).astype(np.uint8)
    k = max(3, round(max(small.shape[:2]) / 60)) | 1
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (k, k))
    closed = np.asarray(cv2.morphologyEx(light, cv2.MORPH_CLOSE, kernel), np.uint8)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(closed, connectivity=8)
    if n <= 1:
        return None
    biggest = 1 + int(np.argmax(np.asarray(stats)[1:, cv2.CC_STAT_AREA]))
    return np.asarray(cv2.erode((np.asarray(labels) == biggest).astype(np.uint8), kernel), np.uint8)


def skew_angle(page: np.ndarray, max_degrees: float = 4.0) -> float:
    """The small rotation (degrees, counter-clockwise positive as cv2) that makes the print's lines and
    rulings horizontal: the angle whose row-ink profile is sharpest (projection-profile deskew). When the
    frame shows more than the sheet (it was not found, or found wrong), only the ink on the sheet counts."""
    h, w = page.shape[:2]
    scale = 1000 / max(h, w)
    small = cv2.resize(page, (max(1, round(w * scale)), max(1, round(h * scale))), interpolation=cv2.INTER_AREA)
    gray = small if small.ndim == 2 else cv2.cvtColor(small, cv2.COLOR_BGR2GRAY)
    ink = cv2.adaptiveThreshold(gray, 1, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 12)
    paper = paper_mask(small)
    if paper is not None and 0.15 <= float(paper.mean()) <= 0.9:
        ink = ink * paper  # the print only: a table's wood grain or a cloth's weave has lines of its own
    sh, sw = ink.shape
    centre = (sw / 2, sh / 2)

    def sharpness(angle: float) -> float:
        m = cv2.getRotationMatrix2D(centre, angle, 1.0)
        rows = cv2.warpAffine(ink, m, (sw, sh), flags=cv2.INTER_NEAREST).sum(axis=1).astype(np.float64)
        return float(np.sum(np.diff(rows) ** 2))

    best = max((float(a) for a in np.arange(-max_degrees, max_degrees + 1e-6, 0.5)), key=sharpness)
    fine = (float(a) for a in np.arange(best - 0.5, best + 0.5 + 1e-6, 0.1))
    return float(max(fine, key=sharpness))


def deskew(page: np.ndarray) -> np.ndarray:
    """The page turned by `skew_angle` when that is more than a tenth of a degree."""
    angle = skew_angle(page)
    if abs(angle) < 0.1:
        return page
    h, w = page.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(page, m, (w, h), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE)


def flatten_page(image: np.ndarray, aspect: float | None = None) -> tuple[np.ndarray, bool]:
    """The sheet warped flat and deskewed, in the photo's orientation, long side PAGE_LONG_SIDE; whether it
    was found.

    `aspect` is the expected long/short side ratio (A4_RATIO for a KK or a letter) when known. Not found
    (a scan that is all page, a sheet on a white table): the whole frame at the same long side.
    """
    if image is None or image.size == 0 or image.ndim not in (2, 3):
        raise ValueError("flatten_page needs a non-empty 2-D or 3-channel image")
    if image.ndim == 2:
        image = cv2.cvtColor(image, cv2.COLOR_GRAY2BGR)
    corners = find_page(image, aspect)
    if corners is None:
        return deskew(_fit(image)), False
    out_w, out_h = _output_size(corners, aspect)
    dst = np.array([[0, 0], [out_w - 1, 0], [out_w - 1, out_h - 1], [0, out_h - 1]], np.float32)
    matrix = cv2.getPerspectiveTransform(corners.astype(np.float32), dst)
    page = cv2.warpPerspective(image, matrix, (out_w, out_h), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE)
    return deskew(page), True


def sheet_long_side(image: np.ndarray, aspect: float | None = None) -> float:
    """The sheet's long side in the image's own pixels (the frame's when no sheet is found): how finely the
    upload shows the page, whatever it is flattened to afterwards."""
    if image is None or image.size == 0:
        return 0.0
    if image.ndim == 2:
        image = cv2.cvtColor(image, cv2.COLOR_GRAY2BGR)
    corners = find_page(image, aspect)
    if corners is None:
        return float(max(image.shape[:2]))
    return float(max(_sides(corners)))
