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
MIN_COVERAGE = 0.01  # share of the frame a card must cover (a card at 15% of the frame width covers ~2%)
# A frame shaped like a card is a scan or a tight crop: a shape inside it covering less than this is a
# part of the card (its photo, a glare patch), not the card.
FRAME_FILL_COVERAGE = 0.6
# Share of edge pixels inside a card (its print); smooth backdrop regions have next to none.
MIN_INK = 0.01
# Below this share of the frame a shape must stand alone (no print around it) to be taken for a card.
SMALL_COVERAGE = 0.15
# Lab distance (lightness at half weight) beyond which a small shape's surroundings are not the backdrop.
RING_COLOUR_DISTANCE = 18.0
# Lab distance from the backdrop's colour beyond which a pixel may be the card (at least; more where the
# backdrop itself varies).
BACKDROP_DISTANCE = 6.0
# The 95th percentile of the border's distance from its median colour below which the border is one even
# backdrop all round the frame (a card's own edge, printed and patterned, never is).
UNIFORM_SPREAD = 5.0
# Edge support (weakest side, in-frame points within 8 px of an edge) a quadrilateral reaching out of the
# frame needs: a cut-off card's sides inside the frame are its outline (0.47 and up on the generator's cut
# cards, the rounded corners costing some), a backdrop's bright corner joined to the card is not (0.3).
OUTSIDE_SUPPORT = 0.4
# In a photo, the least edge support (weakest side) a shape cut out by a threshold needs: outlines found on the
# development sets of both renderers have 0.23 and up, a bright patch of textured backdrop 0.05.
MIN_SIDE_SUPPORT = 0.15
# Mean edge support over the four sides an outline with a gap needs to be taken for the card.
OPEN_OUTLINE_SUPPORT = 0.7
# Thin spurs on a shape's outline (a cloth's crease) are opened away up to this share of its shorter side.
SPUR_WIDTH = 0.05
SPUR_AREA = 0.98  # what opening leaves of a shape with spurs only
SPUR_SHIFT = 0.02  # how far (of the shape's shorter side) the fit without spurs must move a corner to count
SPUR_RATIO_SLACK = 0.05  # how much further from ID-1's ratio the fit without spurs may be and still be tried
# An outline clear of the frame's border is preferred to one reaching it when it scores at least this share
# of it and covers at least this share of its area (the same card less a wedge of backdrop).
CLEAR_SCORE_SHARE = 0.6
CLEAR_AREA_SHARE = 0.7
# A found outline whose sides' ratio is this close to ID-1's is the card; beyond it a band may be missing.
BAND_RATIO_SLACK = 0.06
# How far a missing band may reach beyond a side, as a share of the neighbouring sides' length: a header
# band is an eighth to a fifth of a card; a narrower strip is the card's own thickness seen at an angle.
BAND_MAX_SHARE = 0.35
BAND_MIN_SHARE = 0.06
# Share of points on edges a band's far side needs, and its two ends on average and at least (short: a
# rounded corner, or the found body's side a few pixels off the card's, costs them more).
BAND_SUPPORT = 0.8
BAND_END_SUPPORT = 0.6
BAND_END_LEAST = 0.4
# Canny thresholds on the Lab colour channels (a, b): a step between two hues of like lightness.
CHROMA_LOW, CHROMA_HIGH = 40, 70


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


def quad_iou(quad: np.ndarray, hull: np.ndarray, frame: tuple[int, ...] | None = None) -> float:
    """Intersection over union of a convex quadrilateral and a contour's hull: how well four corners fit it.
    With `frame` (an image shape) only the quadrilateral's part inside the frame counts."""
    quad = quad.reshape(-1, 1, 2).astype(np.float32)
    hull = hull.reshape(-1, 1, 2).astype(np.float32)
    if not cv2.isContourConvex(quad):
        return 0.0
    if frame is not None:
        h, w = frame[:2]
        box = np.array([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]], np.float32).reshape(-1, 1, 2)
        area, clipped = cv2.intersectConvexConvex(quad, box)
        if area <= 0 or clipped is None:
            return 0.0
        quad = clipped.reshape(-1, 1, 2).astype(np.float32)
    inter, _ = cv2.intersectConvexConvex(quad, hull)
    union = cv2.contourArea(quad) + cv2.contourArea(hull) - inter
    return float(inter / union) if union > 0 else 0.0


def _on_border(a: np.ndarray, b: np.ndarray, shape: tuple[int, ...], margin: float = 3.0) -> bool:
    h, w = shape[:2]
    return any(
        abs(a[axis] - edge) <= margin and abs(b[axis] - edge) <= margin
        for axis, edge in ((0, 0.0), (0, w - 1.0), (1, 0.0), (1, h - 1.0))
    )


def _quad_from_sides(hull: np.ndarray, shape: tuple[int, ...]) -> np.ndarray | None:
    """Corners where the four longest visible sides meet. Rounded corners and a corner cut off by the
    frame leave the sides straight: their lines still cross where the card's corners are (perhaps outside
    the frame)."""
    peri = cv2.arcLength(hull, True)
    pts = cv2.approxPolyDP(hull, 0.01 * peri, True).reshape(-1, 2).astype(np.float64)
    if len(pts) < 4:
        return None
    sides = [(pts[i], pts[(i + 1) % len(pts)]) for i in range(len(pts))]
    sides = [s for s in sides if not _on_border(s[0], s[1], shape)]
    if len(sides) < 4:
        return None
    longest = sorted(sides, key=lambda s: -float(np.linalg.norm(s[1] - s[0])))[:4]
    centre = pts.mean(axis=0)
    longest.sort(key=lambda s: float(np.arctan2(*((s[0] + s[1]) / 2 - centre)[::-1])))
    corners = []
    for (a1, b1), (a2, b2) in zip(longest, longest[1:] + longest[:1], strict=True):
        d1, d2 = b1 - a1, b2 - a2
        det = d1[0] * d2[1] - d1[1] * d2[0]
        if abs(det) < 1e-6 * float(np.linalg.norm(d1) * np.linalg.norm(d2)) or abs(det) < 1e-9:
            return None  # parallel neighbours: not four sides of a quadrilateral
        t = ((a2[0] - a1[0]) * d2[1] - (a2[1] - a1[1]) * d2[0]) / det
        corners.append(a1 + t * d1)
    quad = np.array(corners, dtype=np.float32)
    h, w = shape[:2]
    if np.any(np.abs(quad - centre) > 2 * max(h, w)):
        return None
    return quad


def _quad_from_contour(contour: np.ndarray, shape: tuple[int, ...] | None = None) -> np.ndarray | None:
    """The four-cornered outline that best covers the shape: polygon fits at several tolerances, the
    minimum-area rectangle and the crossing of the longest sides compete on overlap with the convex hull
    (the part of a quadrilateral outside the frame is not counted against it)."""
    hull = cv2.convexHull(contour)
    peri = cv2.arcLength(hull, True)
    candidates = [cv2.boxPoints(cv2.minAreaRect(hull)).astype(np.float32)]
    for eps in (0.01, 0.02, 0.03, 0.04, 0.06):
        approx = cv2.approxPolyDP(hull, eps * peri, True)
        if len(approx) == 4:
            candidates.append(approx.reshape(4, 2).astype(np.float32))
    if shape is not None:
        sides = _quad_from_sides(hull, shape)
        if sides is not None:
            candidates.append(sides)
    return max(candidates, key=lambda q: quad_iou(order_corners(q), hull, shape))


def _without_spurs(contour: np.ndarray, short_side: float) -> np.ndarray:
    """The shape less thin spurs (a crease of a textured cloth whose edges touch the card's outline): a spur
    stretches the convex hull, so the hull's longest sides are chords to its tip and the fitted quadrilateral
    takes in a wedge of table. Opened with a square a twentieth of the shape's shorter side; the shape as it
    was where opening takes more than a fiftieth of its area (no spur: a strip of a card whose outline a glare
    spot broke, which its quadrilateral must still cover)."""
    k = max(3, round(SPUR_WIDTH * short_side))
    x, y, w, h = cv2.boundingRect(contour)
    mask = np.zeros((h + 2 * k, w + 2 * k), np.uint8)
    cv2.drawContours(mask, [contour - np.array([x - k, y - k])], -1, (255,), thickness=cv2.FILLED)
    opened = cv2.morphologyEx(mask, cv2.MORPH_OPEN, np.ones((k, k), np.uint8))
    contours, _ = cv2.findContours(opened, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return contour
    core = max(contours, key=cv2.contourArea)
    if cv2.contourArea(core) < SPUR_AREA * cv2.contourArea(contour):
        return contour
    return core + np.array([x - k, y - k])


def _fits(contour: np.ndarray, shape: tuple[int, ...]) -> list[np.ndarray | None]:
    """The quadrilaterals to try for a shape, best first: fitted to it less its spurs, where that fit moves a
    corner by more than SPUR_SHIFT of the shape's shorter side and is no further from ID-1's ratio, then fitted
    to it as it is (a fit that moves less is the same outline: trying it would only nudge the card a few
    pixels)."""
    whole = _quad_from_contour(contour, shape)
    (_, _), (rw, rh), _ = cv2.minAreaRect(contour)
    core = _without_spurs(contour, min(rw, rh))
    if core is contour:
        return [whole]
    trimmed = _quad_from_contour(core, shape)
    if trimmed is None or whole is None:
        return [trimmed, whole]
    moved = float(np.abs(order_corners(trimmed) - order_corners(whole)).max())
    if moved <= SPUR_SHIFT * min(rw, rh) or _id1_gap(trimmed) > _id1_gap(whole) + SPUR_RATIO_SLACK:
        # the same outline; or what opening took was no spur but a strip that made the card ID-1 (a header
        # band whose threshold kept only its rim)
        return [whole]
    return [trimmed, whole]


def _id1_gap(quad: np.ndarray) -> float:
    ratio = _ratio(order_corners(quad))
    return abs(max(ratio, 1 / max(ratio, 1e-6)) - ID1_RATIO)


def _mean_sides(quad: np.ndarray) -> tuple[float, float]:
    """The mean length of the top and bottom sides, and of the left and right ones (corners ordered)."""
    w = (np.linalg.norm(quad[1] - quad[0]) + np.linalg.norm(quad[2] - quad[3])) / 2
    h = (np.linalg.norm(quad[3] - quad[0]) + np.linalg.norm(quad[2] - quad[1])) / 2
    return float(w), float(h)


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
    return min(_side_supports(quad, edges, samples))


def _side_supports(quad: np.ndarray, edges: np.ndarray, samples: int = 40) -> list[float]:
    """Each side's share of points on an image edge (or along the frame's border)."""
    h, w = edges.shape
    supports: list[float] = []
    for i in range(4):
        a, b = quad[i], quad[(i + 1) % 4]
        t = np.linspace(0.05, 0.95, samples)[:, None]
        pts = np.rint(a + (b - a) * t).astype(int)
        inside = (pts[:, 0] >= 0) & (pts[:, 0] < w) & (pts[:, 1] >= 0) & (pts[:, 1] < h)
        on_edge = np.zeros(samples, dtype=bool)
        on_edge[inside] = edges[pts[inside, 1], pts[inside, 0]] > 0
        # A side that runs along the frame border (card cut off by the photo) counts as supported.
        near_border = (pts[:, 0] <= 2) | (pts[:, 0] >= w - 3) | (pts[:, 1] <= 2) | (pts[:, 1] >= h - 3)
        supports.append(float(np.mean(on_edge | near_border)))
    return supports


def _score_quad(
    quad: np.ndarray,
    contour: np.ndarray,
    image_area: float,
    edges: np.ndarray | None,
    content: np.ndarray | None = None,
    lab: np.ndarray | None = None,
) -> float:
    """0 unless the quadrilateral can be a card seen at an angle; otherwise larger for larger, tighter fits."""
    ordered = order_corners(quad)
    # A card photographed at an angle stays a convex quadrilateral with corners far from degenerate.
    if not cv2.isContourConvex(ordered.reshape(-1, 1, 2)) or any(a < 55 or a > 125 for a in _corner_angles(ordered)):
        return 0.0
    w, h = _mean_sides(ordered)
    if h < 1 or w < 1:
        return 0.0
    ratio = w / h
    if not 1.15 <= ratio <= 2.2:  # ID-1 is 1.586; perspective stretches or squeezes it
        return 0.0
    area = float(cv2.contourArea(ordered.reshape(-1, 1, 2)))
    coverage = area / image_area
    if coverage < MIN_COVERAGE or coverage > 0.97:
        return 0.0
    # Two sides along the frame's border: a region of backdrop that thresholding cut out (with the card
    # inside it, perhaps), unless it is most of the frame (a card too close to the lens, cut off).
    if content is not None and coverage < 0.5 and _border_sides(ordered, content.shape) >= 2:
        return 0.0
    # Three sides along the border: the frame less a strip of it (a band of backdrop lit differently), which
    # says nothing a card filling the frame would not.
    if content is not None and _border_sides(ordered, content.shape) >= 3:
        return 0.0
    # A card is solid: the shape fills its quadrilateral (a backdrop around the card fills only its hull).
    if cv2.contourArea(contour) < 0.7 * area:
        return 0.0
    # The quadrilateral must be the shape's outline, not a chord cutting a piece off it.
    fit = quad_iou(ordered, cv2.convexHull(contour), None if content is None else content.shape)
    if fit < 0.9 or (edges is not None and _edge_support(ordered, edges) < 0.5):
        return 0.0
    ratio_fit = max(0.2, 1.0 - abs(ratio - ID1_RATIO) / 0.8)
    if content is not None:
        # A card carries print; a patch of table or a band of light that thresholding cut out does not.
        ink = _ink_share(ordered, content)
        if ink < MIN_INK:
            return 0.0
        ratio_fit *= min(1.0, ink / (2 * MIN_INK))
        # A small shape with print all round it, or standing in something other than the backdrop that
        # reaches the frame's edges, is a part of a card (its photo), not a card on a backdrop.
        if coverage < SMALL_COVERAGE and (
            _ink_share(ordered, content, ring=True) > max(MIN_INK, 0.5 * ink)
            or (lab is not None and _ring_unlike_border(ordered, lab))
        ):
            return 0.0
    return fit * ratio_fit * coverage


def _outside(quad: np.ndarray, shape: tuple[int, ...], margin: float = 0.02) -> bool:
    """Whether a corner lies beyond the frame by more than `margin` of its shorter side."""
    h, w = shape[:2]
    m = margin * min(h, w)
    return bool(((quad[:, 0] < -m) | (quad[:, 0] > w - 1 + m) | (quad[:, 1] < -m) | (quad[:, 1] > h - 1 + m)).any())


def _near_border(quad: np.ndarray, shape: tuple[int, ...], margin: float = 0.02) -> bool:
    """Whether a corner lies within `margin` of the frame's shorter side from its border (or beyond it)."""
    h, w = shape[:2]
    m = margin * min(h, w)
    return bool(((quad[:, 0] < m) | (quad[:, 0] > w - 1 - m) | (quad[:, 1] < m) | (quad[:, 1] > h - 1 - m)).any())


def _border_sides(quad: np.ndarray, shape: tuple[int, ...], margin: float = 3.0) -> int:
    """How many sides run along the frame's border (both ends within `margin` pixels of the same edge)."""
    return sum(_on_border(quad[i], quad[(i + 1) % 4], shape, margin) for i in range(4))


def _band(quad: np.ndarray, shape: tuple[int, ...], outer: float, inner: float | None = None) -> np.ndarray:
    """Mask of the quadrilateral scaled about its centre by `outer`, less the one scaled by `inner`."""
    centre = quad.mean(axis=0)
    mask = np.zeros(shape[:2], np.uint8)
    cv2.fillConvexPoly(mask, (centre + outer * (quad - centre)).astype(np.int32), (255,))
    if inner is not None:
        cv2.fillConvexPoly(mask, (centre + inner * (quad - centre)).astype(np.int32), (0,))
    return mask


def _ring_unlike_border(quad: np.ndarray, lab: np.ndarray) -> bool:
    """Whether what immediately surrounds the quadrilateral differs in colour from the frame's border (the
    backdrop): lightness counts half, since light falls unevenly across a table."""
    ring = _band(quad, lab.shape, 1.25, 1.08)
    border = _border_strip(lab.shape)
    if not ring.any():
        return False
    weight = np.array([0.5, 1.0, 1.0], np.float32)
    diff = (np.median(lab[ring > 0], axis=0) - np.median(lab[border], axis=0)) * weight
    return float(np.linalg.norm(diff)) > RING_COLOUR_DISTANCE


def _ink_share(quad: np.ndarray, edges: np.ndarray, ring: bool = False) -> float:
    """Share of edge pixels inside the quadrilateral shrunk by a tenth (its own outline left out), or with
    `ring` in the band from a tenth to a third beyond it (what surrounds it)."""
    mask = _band(quad, edges.shape, 1.33, 1.1) if ring else _band(quad, edges.shape, 0.8)
    area = int(np.count_nonzero(mask))
    return float(np.count_nonzero(edges[mask > 0])) / area if area else 0.0


def _edges(small: np.ndarray) -> np.ndarray:
    gray = cv2.GaussianBlur(cv2.cvtColor(small, cv2.COLOR_BGR2GRAY), (5, 5), 0)
    return cv2.Canny(gray, 30, 90)


def _hue_edges(small: np.ndarray) -> np.ndarray:
    """Edges of lightness and of hue: a green header band on a brown table has next to no lightness step."""
    blur = cv2.GaussianBlur(small, (5, 5), 0)
    lab = cv2.cvtColor(blur, cv2.COLOR_BGR2LAB)
    gray = cv2.cvtColor(blur, cv2.COLOR_BGR2GRAY)
    hue = [cv2.Canny(lab[:, :, channel], CHROMA_LOW, CHROMA_HIGH) for channel in (1, 2)]
    return np.maximum(cv2.Canny(gray, 30, 90), np.maximum(*hue))


def _border_strip(shape: tuple[int, ...]) -> np.ndarray:
    """The frame's outermost 2 % all round (the backdrop, unless the card fills the frame)."""
    border = np.ones(shape[:2], bool)
    k = max(2, round(0.02 * min(shape[:2])))
    border[k:-k, k:-k] = False
    return border


def _unlike_backdrop(lab: np.ndarray) -> tuple[np.ndarray, bool]:
    """Pixels whose colour differs from the frame's border (the backdrop) by more than the border's own
    spread: a pale card on a white scanner bed has almost no edge, but it is not the bed's colour. Also
    whether the border is of one even colour (a scanner bed, a plain table: not a card's printed edge)."""
    border = _border_strip(lab.shape)
    distance = np.linalg.norm(lab - np.median(lab[border], axis=0), axis=2)
    spread, tail = (float(v) for v in np.percentile(distance[border], [95, 99]))
    return (distance > max(BACKDROP_DISTANCE, tail + 4.0)).astype(np.uint8) * 255, spread < UNIFORM_SPREAD


def _pale_mask(small: np.ndarray) -> np.ndarray:
    """Pixels less saturated than the frame's split between colourful and pale (Otsu), closed."""
    return cv2.morphologyEx(255 - _saturated(small), cv2.MORPH_CLOSE, np.ones((7, 7), np.uint8))


def _saturated(small: np.ndarray) -> np.ndarray:
    """Pixels more saturated than the frame's split between colourful and pale (Otsu)."""
    hsv = cv2.cvtColor(cv2.GaussianBlur(small, (5, 5), 0), cv2.COLOR_BGR2HSV)
    _, sat = cv2.threshold(hsv[:, :, 1], 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    return sat


def _candidate_masks(small: np.ndarray, edges: np.ndarray, lab: np.ndarray) -> list[tuple[np.ndarray, bool, bool]]:
    """Binary masks whose shapes may be the card, each with whether its outline must be an edge and whether
    its shapes are the outer envelope of every edge (the edge mask: no print lies outside its outline, so a
    step of hue along it is the card's outline, not a photo's border inside the card)."""
    gray = cv2.cvtColor(small, cv2.COLOR_BGR2GRAY)
    blur = cv2.GaussianBlur(gray, (5, 5), 0)
    masks = [cv2.dilate(edges, np.ones((5, 5), np.uint8), iterations=2)]
    _, otsu = cv2.threshold(blur, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    masks.append(otsu)
    masks.append(255 - otsu)
    masks.append(_saturated(small))
    kernel = np.ones((7, 7), np.uint8)
    closed = [cv2.morphologyEx(m, cv2.MORPH_CLOSE, kernel) for m in masks]
    # The dilated edges lie ~4 px outside the outline they trace: fill the shapes and take the 4 px back, or a
    # small card's quadrilateral comes out a size too big.
    filled = np.zeros_like(closed[0])
    contours, _ = cv2.findContours(closed[0], cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    cv2.drawContours(filled, contours, -1, (255,), thickness=cv2.FILLED)
    closed[0] = cv2.erode(filled, np.ones((5, 5), np.uint8), iterations=2)
    out = [(m, True, i == 0) for i, m in enumerate(closed)]
    backdrop, uniform = _unlike_backdrop(lab)
    if uniform:  # on a backdrop lit unevenly or patterned, colour outlines nothing the other masks miss
        # a shape unlike an even backdrop all round is outlined by its colour: it needs no edge there
        out.append((cv2.morphologyEx(backdrop, cv2.MORPH_CLOSE, kernel), False, False))
    return out


def find_card(image: np.ndarray) -> CardQuad | None:
    """The most card-like quadrilateral in the image, or None when the card fills the frame."""
    h, w = image.shape[:2]
    scale = _WORK_SIDE / max(h, w)
    small = cv2.resize(image, (max(1, round(w * scale)), max(1, round(h * scale))), interpolation=cv2.INTER_AREA)
    image_area = float(small.shape[0] * small.shape[1])
    best: CardQuad | None = None
    best_coverage = 0.0
    edges = _edges(small)
    lab = cv2.cvtColor(cv2.GaussianBlur(small, (5, 5), 0), cv2.COLOR_BGR2LAB).astype(np.float32)
    # In a card-shaped frame (a scan) the alternative to a found outline is the whole frame, which is
    # right more often than a shape inside the card: there an outline must be an edge all round.
    card_shaped = abs(max(h, w) / min(h, w) - ID1_RATIO) < 0.15
    near_any = cv2.dilate(edges, np.ones((17, 17), np.uint8))  # within 8 px of an edge
    near_edge = near_any if card_shaped else None
    # a side of the edges' envelope may lie on a step of hue alone (a red header band on a blue cloth)
    near_colour = near_any if card_shaped else cv2.dilate(_hue_edges(small), np.ones((17, 17), np.uint8))

    seen: list[tuple[np.ndarray, float]] = []  # every outline scored, in the 640 px copy

    def rate(quad: np.ndarray, contour: np.ndarray, needs_edge: bool, hue_sides: bool) -> float:
        score = _score_quad(quad, contour, image_area, near_edge if needs_edge else None, edges, lab)
        if score > 0 and needs_edge and not card_shaped:
            # of two shapes a threshold cut out, the one whose sides are edges is the card: a glare
            # spot joined to the card's top makes a larger shape whose top runs along no edge; a side
            # along no edge at all is a patch of backdrop, never a card's outline; a glare spot breaks
            # one side, so a second weak side counts against the shape as well (backdrop joined at a corner)
            sides_on = near_colour if hue_sides else near_any
            weakest, second = sorted(_side_supports(order_corners(quad), sides_on))[:2]
            score = 0.0 if weakest < MIN_SIDE_SUPPORT else score * min(1.0, 0.25 + weakest) * min(1.0, 0.25 + second)
        # A quadrilateral reaching out of the frame says the card is cut off: believe it only where its
        # sides inside the frame are edges. A shape that a bright corner of the backdrop joined to the
        # card (a lamp's gradient) is extrapolated out of the frame along no edge.
        if score > 0 and _outside(quad, small.shape) and _edge_support(order_corners(quad), near_any) < OUTSIDE_SUPPORT:
            score = 0.0
        return score

    def consider(mask: np.ndarray, needs_edge: bool, clear_of_border: bool = False, hue_sides: bool = False) -> None:
        nonlocal best, best_coverage
        contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        for contour in sorted(contours, key=cv2.contourArea, reverse=True)[:3]:
            area = cv2.contourArea(contour)
            if area < 0.8 * MIN_COVERAGE * image_area:
                break
            # fitted to the shape less its spurs where that fit holds against the whole shape, else to the shape
            fits = _fits(contour, small.shape)
            for quad in fits:
                if quad is None or (clear_of_border and _near_border(quad, small.shape)):
                    continue
                score = rate(quad, contour, needs_edge, hue_sides)
                if score > 0:
                    break
            else:
                continue
            seen.append((order_corners(quad), score))
            if best is None or score > best.score:
                best = CardQuad(order_corners(quad) / scale, score)
                best_coverage = cv2.contourArea(quad.reshape(-1, 1, 2)) / image_area

    for mask, needs_edge, envelope in _candidate_masks(small, edges, lab):
        consider(mask, needs_edge, hue_sides=envelope)
    if best is not None and card_shaped and best_coverage < FRAME_FILL_COVERAGE:
        return None
    if card_shaped:
        return best
    if best is not None:
        best = _clear_of_frame(best, seen, scale, small.shape)
    if best is None and (outline := _open_outline(small, edges, near_any, lab, image_area)) is not None:
        return CardQuad(outline.corners / scale, outline.score)  # its hull's sides already are the card's
    if best is None:
        # still nothing: a pale card on a colourful, mottled cloth (whose texture breaks every mask above) is
        # the hole in the cloth's saturation; a shape reaching the frame's border is a glare or a lamp's pale
        # patch joined to the card, not the card
        consider(_pale_mask(small), True, clear_of_border=True)
    if best is not None:
        best = CardQuad(_with_bands(best.corners * scale, small, lab) / scale, best.score)
    return best


def _clear_of_frame(
    best: CardQuad, seen: list[tuple[np.ndarray, float]], scale: float, shape: tuple[int, ...]
) -> CardQuad:
    """Of a photo's outlines, one that reaches the frame's border is a card cut off, or a card with a wedge of
    backdrop a threshold joined to it (a corner extrapolated out of the frame, a side along the border). Where
    another outline of nearly the same size and a like score stays clear of the border, the card lies inside
    it: that one is taken."""
    quad = best.corners * scale
    if not _near_border(quad, shape):
        return best
    area = float(cv2.contourArea(quad.reshape(-1, 1, 2)))
    clear = [
        (q, score)
        for q, score in seen
        if score >= CLEAR_SCORE_SHARE * best.score
        and not _near_border(q, shape)
        and cv2.contourArea(q.reshape(-1, 1, 2)) >= CLEAR_AREA_SHARE * area
    ]
    if not clear:
        return best
    q, score = max(clear, key=lambda c: c[1])
    return CardQuad(q / scale, score)


def _near_thin(edges: np.ndarray) -> np.ndarray:
    """Edges widened by 2 px: a line that runs along an outline stays on it."""
    return cv2.dilate(edges, np.ones((5, 5), np.uint8))


def _ratio(quad: np.ndarray) -> float:
    w, h = _mean_sides(quad)
    return w / max(h, 1e-6)


def _segment_support(a: np.ndarray, b: np.ndarray, edges: np.ndarray, samples: int = 40, reach: float = 0.95) -> float:
    """Share of points from `a` to `reach` of the way to `b` that lie on an edge (0 if any is off the frame)."""
    h, w = edges.shape
    t = np.linspace(0.05, reach, samples)[:, None]
    pts = np.rint(a + (b - a) * t).astype(int)
    inside = (pts[:, 0] >= 0) & (pts[:, 0] < w) & (pts[:, 1] >= 0) & (pts[:, 1] < h)
    if not inside.all():
        return 0.0
    return float(np.mean(edges[pts[:, 1], pts[:, 0]] > 0))


def _with_bands(quad: np.ndarray, small: np.ndarray, lab: np.ndarray) -> np.ndarray:
    """The card less a coloured band along one side is the shape a threshold cuts out of a card whose
    header is printed in a colour like the backdrop's lightness (a SIM's green or blue band on a table):
    too wide for ID-1 (or too tall). Grow the short sides' neighbours outward over such a band when its
    far side and its two ends lie on edges and what lies beyond is not the band's colour. `small` is the
    640 px copy the quadrilateral's corners are in."""
    best = quad
    ratio = _ratio(quad)
    if abs(ratio - ID1_RATIO) < BAND_RATIO_SLACK:
        return quad
    edges = _near_thin(_hue_edges(small))  # only now: most cards are ID-1 already
    # too wide: a band along a long side is missing (sides 0 and 2); too tall: along a short side (1 and 3)
    sides = (0, 2) if ratio > ID1_RATIO else (1, 3)
    best_gap = abs(ratio - ID1_RATIO)
    for side in sides:
        grown = _grow_side(quad, side, edges, lab)
        if grown is not None and abs(_ratio(grown) - ID1_RATIO) < best_gap:
            best, best_gap = grown, abs(_ratio(grown) - ID1_RATIO)
    return best


def _grow_side(quad: np.ndarray, side: int, edges: np.ndarray, lab: np.ndarray) -> np.ndarray | None:
    """Side `side` (corners side, side+1) moved outward along its two neighbouring sides to the farthest
    line on edges whose band is set off from what lies beyond it (to the middle of that edge's width), or
    None."""
    i, j = side, (side + 1) % 4
    a, b = quad[i].astype(np.float64), quad[j].astype(np.float64)
    da, db = a - quad[(i - 1) % 4], b - quad[(j + 1) % 4]  # the neighbouring sides, pointing outward
    steps = np.linspace(0.03, BAND_MAX_SHARE, 23)

    def far_side(sa: float, sb: float) -> bool:
        return _segment_support(a + sa * da, b + sb * db, edges) >= BAND_SUPPORT

    found: tuple[float, float] | None = None
    for sa in steps:
        for sb in steps:
            a2, b2 = a + sa * da, b + sb * db
            if sa + sb < 2 * BAND_MIN_SHARE or (found is not None and sa + sb <= sum(found)) or not far_side(sa, sb):
                continue
            # the band's ends up to its rounded corners
            ends = (_segment_support(a, a2, edges, 12, 0.7), _segment_support(b, b2, edges, 12, 0.7))
            if min(ends) < BAND_END_LEAST or sum(ends) / 2 < BAND_END_SUPPORT:
                continue
            if _band_set_off(a, b, a2, b2, lab):
                found = (float(sa), float(sb))
    if found is None:
        return None
    # the edge found is a few steps wide (blur, the edges' widening): its middle, not its outer rim
    sa, sb = found
    sa = float(np.mean([s for s in steps if abs(s - sa) < 0.05 and far_side(float(s), sb)]))
    sb = float(np.mean([s for s in steps if abs(s - sb) < 0.05 and far_side(sa, float(s))] or [sb]))
    grown = quad.astype(np.float64).copy()
    grown[i], grown[j] = a + sa * da, b + sb * db
    return grown.astype(np.float32)


def _band_set_off(a: np.ndarray, b: np.ndarray, a2: np.ndarray, b2: np.ndarray, lab: np.ndarray) -> bool:
    """Whether the band between the old side (a, b) and the new (a2, b2) differs in colour from a strip half
    its width beyond the new side (the backdrop): a band of table cut off by a line in its grain does not."""
    h, w = lab.shape[:2]
    beyond_a, beyond_b = a2 + 0.5 * (a2 - a), b2 + 0.5 * (b2 - b)
    band, out = np.zeros((h, w), np.uint8), np.zeros((h, w), np.uint8)
    cv2.fillConvexPoly(band, np.array([a, b, b2, a2]).astype(np.int32), (255,))
    cv2.fillConvexPoly(out, np.array([a2, b2, beyond_b, beyond_a]).astype(np.int32), (255,))
    out[band > 0] = 0
    if np.count_nonzero(band) < 20 or np.count_nonzero(out) < 20:
        return False
    weight = np.array([0.5, 1.0, 1.0], np.float32)
    diff = (np.median(lab[band > 0], axis=0) - np.median(lab[out > 0], axis=0)) * weight
    return float(np.linalg.norm(diff)) > RING_COLOUR_DISTANCE


def _open_outline(
    small: np.ndarray, edges: np.ndarray, near_any: np.ndarray, lab: np.ndarray, image_area: float
) -> CardQuad | None:
    """A card whose outline is broken (a glare spot or a shadow eats a stretch of one side) fills no
    shape, so no mask above outlines it. The hull of the outline's edges still has the card's four sides:
    taken when they lie on edges (most of their length, and the broken side at least OUTSIDE_SUPPORT) and
    hold print, as the last resort before the whole frame."""
    closed = cv2.morphologyEx(
        cv2.dilate(edges, np.ones((5, 5), np.uint8), iterations=2), cv2.MORPH_CLOSE, np.ones((7, 7), np.uint8)
    )
    contours, _ = cv2.findContours(closed, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    best: CardQuad | None = None
    for contour in sorted(contours, key=cv2.contourArea, reverse=True)[:3]:
        hull = cv2.convexHull(contour)
        quad = _quad_from_contour(hull, small.shape)
        if quad is None:
            continue
        ordered = order_corners(quad)
        # the dilated edges lie ~4 px outside the outline: the hull's fit stands in for the filled shape
        score = _score_quad(ordered, hull, image_area, None, edges, lab)
        supports = _side_supports(ordered, near_any)
        if (
            score > 0
            and not _outside(ordered, small.shape)
            and min(supports) >= OUTSIDE_SUPPORT
            and sum(supports) / 4 >= OPEN_OUTLINE_SUPPORT
            and (best is None or score > best.score)
        ):
            best = CardQuad(ordered, score)
    return best


def text_block(boxes: list[tuple[int, int, int, int]], shape: tuple[int, ...]) -> tuple[int, int, int, int] | None:
    """The box around the largest cluster of text lines (lines within a few line heights of each other):
    where a card's print is when its outline could not be told from the backdrop. None when the text
    already spans most of the frame (there is nothing to zoom into)."""
    boxes = [b for b in boxes if b[2] > b[0] and b[3] > b[1]]
    if len(boxes) < 4:
        return None
    heights = sorted(b[3] - b[1] for b in boxes)
    reach = 3.0 * heights[len(heights) // 2]
    parent = list(range(len(boxes)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(boxes):
        for j in range(i + 1, len(boxes)):
            b = boxes[j]
            gap_x = max(0, max(a[0], b[0]) - min(a[2], b[2]))
            gap_y = max(0, max(a[1], b[1]) - min(a[3], b[3]))
            if gap_x <= reach and gap_y <= reach:
                parent[root(i)] = root(j)
    clusters: dict[int, list[tuple[int, int, int, int]]] = {}
    for i, b in enumerate(boxes):
        clusters.setdefault(root(i), []).append(b)
    best = max(clusters.values(), key=len)
    if len(best) < 4:
        return None
    x0, y0 = min(b[0] for b in best), min(b[1] for b in best)
    x1, y1 = max(b[2] for b in best), max(b[3] for b in best)
    h, w = shape[:2]
    if (x1 - x0) * (y1 - y0) > 0.5 * h * w:
        return None
    return x0, y0, x1, y1


def around(box: tuple[int, int, int, int], shape: tuple[int, ...], margin: float = 0.4) -> tuple[int, int, int, int]:
    """`box` grown by `margin` of its larger side on every side (a card's photo and edges lie beyond its
    text), clipped to the frame."""
    h, w = shape[:2]
    pad = margin * max(box[2] - box[0], box[3] - box[1])
    return (max(0, int(box[0] - pad)), max(0, int(box[1] - pad)), min(w, int(box[2] + pad)), min(h, int(box[3] + pad)))


def warp_card(image: np.ndarray, quad: CardQuad) -> np.ndarray:
    dst = np.array(
        [[0, 0], [CANONICAL_WIDTH - 1, 0], [CANONICAL_WIDTH - 1, CANONICAL_HEIGHT - 1], [0, CANONICAL_HEIGHT - 1]],
        dtype=np.float32,
    )
    matrix = cv2.getPerspectiveTransform(quad.corners.astype(np.float32), dst)
    return cv2.warpPerspective(
        image, matrix, (CANONICAL_WIDTH, CANONICAL_HEIGHT), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE
    )


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
