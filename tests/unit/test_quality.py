"""Sanity tests of the capture-quality and authenticity checks: a clean committed sample passes each check, and
a degradation made here fails it. Real calibration comes from the labelled sets, not from these."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import cv2
import numpy as np
import pytest

from workers.pipeline import authenticity, geometry, quality
from workers.pipeline.io import Limits, decode
from workers.pipeline.process import Options, prepare_page
from workers.pipeline.types import Check, TextLine

IMAGES = Path(__file__).resolve().parents[2] / "samples" / "ktp" / "images"
SCAN = "ktp-0013-scan.jpg"
PHOTO = "ktp-0008-photo.webp"
CLEAN = [SCAN, PHOTO, "ktp-0002-photo.jpg", "ktp-0001-scan.png"]
ALL = Options(checks="all")


@cache
def _source(name: str) -> np.ndarray:
    return decode((IMAGES / name).read_bytes(), Limits())[0]


def source(name: str) -> np.ndarray:
    return _source(name).copy()


def checks_of(image: np.ndarray, options: Options = ALL) -> tuple[np.ndarray, dict[str, Check]]:
    page, checks = prepare_page(image, 0, options)
    return page.image, {c.name: c for c in checks}


def card(name: str) -> np.ndarray:
    return checks_of(source(name))[0]


def by_name(checks: list[Check]) -> dict[str, Check]:
    return {c.name: c for c in checks}


def assert_failed(check: Check, action: str, reason: str) -> None:
    assert not check.passed, check
    assert check.action == action and check.reason == reason
    assert 0.0 <= check.score < 0.5
    assert check.detail


def assert_passed(check: Check) -> None:
    assert check.passed, check
    assert check.action is None and check.reason is None
    assert 0.5 <= check.score <= 1.0


# ------------------------------------------------------------------------------------------- the contract


def test_basic_set_is_unchanged() -> None:
    _, checks = prepare_page(source(SCAN), 0)
    assert [c.name for c in checks] == ["resolution", "blur"]
    assert all(set(c.to_json()) == {"name", "passed", "score", "detail"} for c in checks)
    assert checks[1].detail.startswith("Laplacian variance ")


def test_action_and_reason_are_emitted_only_when_set() -> None:
    assert "action" not in Check("blur", True, 1.0, "ok").to_json()
    out = Check("blur", False, 0.1, "blurry", action="retake", reason="RETAKE_BLURRY").to_json()
    assert out["action"] == "retake" and out["reason"] == "RETAKE_BLURRY"


@pytest.mark.parametrize("name", CLEAN)
def test_clean_samples_pass_every_check(name: str) -> None:
    flat, capture = checks_of(source(name))
    checks = [*capture.values(), quality.glare_check(flat), *authenticity.card_checks(flat)]
    assert [c.name for c in checks] == [
        "resolution",
        "blur",
        "exposure",
        "crop",
        "glare",
        "photocopy",
        "screen",
        "face_photo",
        "text_edit",
    ]
    for check in checks:
        assert_passed(check)


# ---------------------------------------------------------------------------------------- capture quality


def test_blurred_picture_asks_for_a_retake() -> None:
    _, checks = checks_of(cv2.GaussianBlur(source(SCAN), (0, 0), 4))
    assert_failed(checks["blur"], "retake", "RETAKE_BLURRY")


def test_small_picture_asks_for_a_retake() -> None:
    image = source(SCAN)
    small = cv2.resize(image, (300, round(300 * image.shape[0] / image.shape[1])), interpolation=cv2.INTER_AREA)
    _, checks = checks_of(small)
    assert_failed(checks["resolution"], "retake", "RETAKE_LOW_RESOLUTION")


def test_overexposed_picture_asks_for_a_retake() -> None:
    bright = cv2.convertScaleAbs(source(PHOTO), alpha=1.8, beta=40)
    _, checks = checks_of(bright)
    assert_failed(checks["exposure"], "retake", "RETAKE_TOO_BRIGHT")


def test_dark_picture_asks_for_a_retake() -> None:
    dark = cv2.convertScaleAbs(source(PHOTO), alpha=0.25)
    _, checks = checks_of(dark)
    assert_failed(checks["exposure"], "retake", "RETAKE_TOO_DARK")


def test_card_with_a_corner_cut_off_asks_for_a_retake() -> None:
    image = source(PHOTO)
    quad = geometry.find_card(image)
    assert quad is not None
    c = quad.corners
    # cut the frame through the card: its left fifth and a corner fall outside the picture
    x = int(c[:, 0].min() + 0.2 * (c[:, 0].max() - c[:, 0].min()))
    y = int(c[:, 1].min() + 0.1 * (c[:, 1].max() - c[:, 1].min()))
    _, checks = checks_of(np.ascontiguousarray(image[y:, x:]))
    assert_failed(checks["crop"], "retake", "RETAKE_CARD_CUT_OFF")


def test_crop_check_on_corners() -> None:
    shape = (1200, 1600, 3)
    inside = np.array([[200, 200], [1400, 210], [1390, 980], [190, 970]], np.float32)
    assert_passed(quality.crop_check(shape, inside))
    touching = inside.copy()
    touching[0] = (0, 150)
    assert_failed(quality.crop_check(shape, touching), "retake", "RETAKE_CARD_CUT_OFF")


def _bed(image: np.ndarray, top: int, right: int, bottom: int, left: int) -> np.ndarray:
    """The picture on a light-grey scanner bed with these margins (px), a little sensor noise on the bed."""
    out = cv2.copyMakeBorder(image, top, bottom, left, right, cv2.BORDER_CONSTANT, value=(238, 238, 240))
    noise = np.random.default_rng(7).normal(0, 1.5, out.shape)
    mask = np.ones(out.shape[:2], bool)
    mask[top : top + image.shape[0], left : left + image.shape[1]] = False
    out[mask] = np.clip(out[mask] + noise[mask], 0, 255).astype(np.uint8)
    return out


def test_scan_cut_off_at_one_side_asks_for_a_retake() -> None:
    """A scan whose frame cuts a strip off the card's left side, with the bed showing on the other three: the
    outline is not found as a quadrilateral, yet the card runs into the left edge only."""
    scan = source("ktp-0001-scan.png")  # the card fills this frame
    w = scan.shape[1]
    cut = _bed(np.ascontiguousarray(scan[:, round(0.06 * w) :]), 30, 35, 30, 0)
    _, checks = checks_of(cut)
    assert_failed(checks["crop"], "retake", "RETAKE_CARD_CUT_OFF")
    assert "left" in checks["crop"].detail


def test_card_filling_the_frame_or_on_a_bed_passes_the_crop_check() -> None:
    scan = source("ktp-0001-scan.png")
    assert_passed(checks_of(scan)[1]["crop"])  # a tight scan: card along all four edges
    assert_passed(checks_of(_bed(scan, 30, 35, 30, 28))[1]["crop"])  # the whole card on the bed


def test_edge_asymmetry() -> None:
    frame = np.full((400, 640, 3), (60, 90, 40), np.uint8)  # a green table
    frame[100:300, 150:490] = (245, 225, 205)  # the card, whole
    assert quality.edge_asymmetry(quality.edge_card_shares(frame))[0] < 0.05
    frame[100:300, 0:150] = (245, 225, 205)  # the card runs on into the left edge
    asym, side = quality.edge_asymmetry(quality.edge_card_shares(frame))
    assert asym > 0.4 and side == "left"
    frame[:, :] = (245, 225, 205)  # card everywhere: a tight crop
    assert quality.edge_asymmetry(quality.edge_card_shares(frame))[0] < 0.05


def test_glare_over_the_text_asks_for_a_retake() -> None:
    flat = card(PHOTO)
    h, w = flat.shape[:2]
    cv2.ellipse(flat, (int(0.35 * w), int(0.55 * h)), (int(0.14 * w), int(0.1 * h)), 20, 0, 360, (255, 255, 255), -1)
    assert_failed(quality.glare_check(flat), "retake", "RETAKE_GLARE")


# ------------------------------------------------------------------------------------------- authenticity


def test_black_and_white_copy_goes_to_review() -> None:
    grey = cv2.cvtColor(cv2.cvtColor(source(SCAN), cv2.COLOR_BGR2GRAY), cv2.COLOR_GRAY2BGR)
    flat, _ = checks_of(grey)
    assert_failed(authenticity.photocopy_check(flat), "review", "PHOTOCOPY_SUSPECTED")
    # the same copy photographed under warm light is yellowish, not the card's blue
    warm = np.clip(grey.astype(np.float32) * np.array([0.85, 0.95, 1.08]), 0, 255).astype(np.uint8)
    flat, _ = checks_of(warm)
    assert_failed(authenticity.photocopy_check(flat), "review", "PHOTOCOPY_SUSPECTED")


def test_photo_of_a_screen_goes_to_review() -> None:
    image = source(SCAN).astype(np.float32)
    image[::3, :] *= 0.6  # the dark gaps between a screen's pixel rows and columns
    image[:, ::3] *= 0.6
    flat, _ = checks_of(np.clip(image, 0, 255).astype(np.uint8))
    assert_failed(authenticity.screen_check(flat), "review", "SCREEN_RECAPTURE_SUSPECTED")


def test_blank_photo_area_goes_to_review() -> None:
    flat = card(SCAN)
    h, w = flat.shape[:2]
    text = quality.crop_share(flat, quality.TEXT_AREA)
    background = np.median(text[text.mean(axis=2) > np.percentile(text.mean(axis=2), 60)], axis=0)
    x0, y0, x1, y1 = quality.PHOTO_SEARCH
    noise = np.random.default_rng(5).normal(0, 2, (round((y1 - y0) * h), round((x1 - x0) * w), 3))
    flat[round(y0 * h) : round(y1 * h), round(x0 * w) : round(x1 * w)] = np.clip(background + noise, 0, 255)
    assert_failed(authenticity.face_photo_check(flat), "review", "FACE_PHOTO_MISSING")


def _typeset_card(heights: list[float], shift: int = 0) -> tuple[np.ndarray, list[TextLine]]:
    """A card-sized page of label/value rows in Hershey type, value `i` at height factor `heights[i]`, the last
    value's baseline moved down by `shift` px; returns the page and its lines as an OCR engine would give."""
    page = np.full((631, 1000, 3), (235, 225, 200), np.uint8)
    lines = []
    for i, factor in enumerate(heights):
        base = 150 + 45 * i
        for x, text, scale in ((30, "Label", 0.7), (260, f"VALUE NUMBER {i} ABC", 0.7 * factor)):
            dy = shift if x == 260 and i == len(heights) - 1 else 0
            (tw, th), _ = cv2.getTextSize(text, cv2.FONT_HERSHEY_SIMPLEX, scale, 2)
            cv2.putText(page, text, (x, base + dy), cv2.FONT_HERSHEY_SIMPLEX, scale, (30, 30, 30), 2, cv2.LINE_AA)
            lines.append(TextLine(text, 0.99, (x - 2, base + dy - th - 3, x + tw + 2, base + dy + 4)))
    return page, lines


def test_text_typeset_alike_passes() -> None:
    page, lines = _typeset_card([1.0] * 9)
    assert_passed(authenticity.text_edit_check(page, lines))


@pytest.mark.parametrize(
    "heights, shift", [([1.0] * 8 + [1.25], 0), ([1.0] * 4 + [0.8] + [1.0] * 4, 0), ([1.0] * 9, 5)]
)
def test_a_line_typeset_apart_goes_to_review(heights: list[float], shift: int) -> None:
    page, lines = _typeset_card(heights, shift)
    assert_failed(authenticity.text_edit_check(page, lines), "review", "TEXT_EDIT_SUSPECTED")


def test_an_enlarged_value_running_into_the_photo_column_is_still_compared() -> None:
    """Values of different lengths; the enlarged one (×1.3) runs on past the text rows into the photo column."""
    page = np.full((631, 1000, 3), (235, 225, 200), np.uint8)
    lines = []
    for i in range(9):
        base, factor = 150 + 45 * i, 1.3 if i == 4 else 1.0
        value = "VALUE NUMBER 4 ABC DEF GHI JKL MNO" if i == 4 else "VALUE " + "AB " * (2 + i % 4)
        for x, text, scale in ((30, "Label", 0.7), (260, value.strip(), 0.7 * factor)):
            (tw, th), _ = cv2.getTextSize(text, cv2.FONT_HERSHEY_SIMPLEX, scale, 2)
            cv2.putText(page, text, (x, base), cv2.FONT_HERSHEY_SIMPLEX, scale, (30, 30, 30), 2, cv2.LINE_AA)
            lines.append(TextLine(text, 0.99, (x - 2, base - th - 3, x + tw + 2, base + 4)))
    assert lines[9].bbox[2] > 0.75 * page.shape[1]
    assert_failed(authenticity.text_edit_check(page, lines), "review", "TEXT_EDIT_SUSPECTED")
    assert_passed(authenticity.text_edit_check(page, lines[:8] + lines[10:]))  # without it, the rows are alike


KTP_VALUES = [
    "DEWI SARAH NAMAGA",
    "JEMBRANA, 03-11-1966",
    "PEREMPUAN",
    "JL. RAWAMANGUN NO. 105",
    "025/007",
    "SELAT",
    "SUSUT",
    "HINDU",
    "KAWIN",
    "PENSIUNAN",
    "WNI",
    "SEUMUR HIDUP",
]


def _card_in_faces(odd: int | None = None, face: int = cv2.FONT_HERSHEY_COMPLEX) -> tuple[np.ndarray, list[TextLine]]:
    """A card-sized page of KTP-like label/value rows in Hershey Simplex (a sans), value `odd` in `face`
    at the same scale and thickness: the same height and weight, another typeface."""
    page = np.full((631, 1000, 3), (235, 225, 200), np.uint8)
    lines = []
    for i, value in enumerate(KTP_VALUES):
        base = 150 + 38 * i
        for x, text in ((30, "Label"), (260, value)):
            font = face if x == 260 and i == odd else cv2.FONT_HERSHEY_SIMPLEX
            (tw, th), _ = cv2.getTextSize(text, font, 0.6, 1)
            cv2.putText(page, text, (x, base), font, 0.6, (30, 30, 30), 1, cv2.LINE_AA)
            lines.append(TextLine(text, 0.99, (x - 2, base - th - 3, x + tw + 2, base + 4)))
    return page, lines


def test_glyphs_of_a_card_printed_in_one_typeface_have_twins() -> None:
    page, lines = _card_in_faces()
    _size, glyph = authenticity.text_deviations(page, lines)
    assert glyph is not None and glyph < quality.DEFAULT_THRESHOLDS.max_glyph_deviation / 2
    assert_passed(authenticity.text_edit_check(page, lines))


@pytest.mark.parametrize("odd", [0, 9])
def test_a_value_reset_in_another_typeface_goes_to_review(odd: int) -> None:
    """A serif face at the sans's height and weight: the size test alone lets it pass, the glyphs do not."""
    page, lines = _card_in_faces(odd, cv2.FONT_HERSHEY_COMPLEX)
    size, glyph = authenticity.text_deviations(page, lines)
    assert size is not None and size <= quality.DEFAULT_THRESHOLDS.max_text_deviation
    assert glyph is not None and glyph > quality.DEFAULT_THRESHOLDS.max_glyph_deviation
    check = authenticity.text_edit_check(page, lines)
    assert_failed(check, "review", "TEXT_EDIT_SUSPECTED")
    assert "typeface" in check.detail


def test_a_heavier_face_is_caught_by_its_strokes_and_its_glyphs() -> None:
    """Hershey Triplex draws each stroke three times: at the same scale its strokes are heavier (area over
    perimeter, in every direction), and its shapes are a serif's."""
    page, lines = _card_in_faces(0, cv2.FONT_HERSHEY_TRIPLEX)
    size, glyph = authenticity.text_deviations(page, lines)
    assert size is not None and size > quality.DEFAULT_THRESHOLDS.max_text_deviation
    assert glyph is not None and glyph > quality.DEFAULT_THRESHOLDS.max_glyph_deviation
    assert_failed(authenticity.text_edit_check(page, lines), "review", "TEXT_EDIT_SUSPECTED")


def test_a_slightly_turned_card_reads_alike() -> None:
    """A card left turned by 2° after flattening: each row is tilted, and a long one (the address) measured
    level would look taller than a short one. Lines are levelled before they are measured."""
    page, lines = _card_in_faces()
    turn = cv2.getRotationMatrix2D((500, 315), 2.0, 1.0)
    page = cv2.warpAffine(page, turn, (1000, 631), borderMode=cv2.BORDER_REPLICATE)
    turned = []
    for line in lines:
        x0, y0, x1, y1 = line.bbox
        corners = np.array([[x0, y0, 1], [x1, y0, 1], [x0, y1, 1], [x1, y1, 1]], np.float64) @ turn.T
        turned.append(
            TextLine(
                line.text,
                line.confidence,
                (
                    int(corners[:, 0].min()),
                    int(corners[:, 1].min()),
                    int(corners[:, 0].max()),
                    int(corners[:, 1].max()),
                ),
            )
        )
    size, _glyph = authenticity.text_deviations(page, turned)
    assert size is not None and size < quality.DEFAULT_THRESHOLDS.max_text_deviation / 2
    assert_passed(authenticity.text_edit_check(page, turned))


def test_glyphs_need_enough_lines_to_compare() -> None:
    page, lines = _card_in_faces(0)
    rows = authenticity._value_rows(page, lines[:8])  # four rows: the name and three others
    assert authenticity.glyph_deviation(rows) is None


def test_specimen_nik_goes_to_review() -> None:
    assert_failed(authenticity.specimen_check("3171234567890123"), "review", "SPECIMEN_NIK")
    check = authenticity.specimen_check("3204110101900001")
    assert check is not None
    assert_passed(check)
    assert authenticity.specimen_check(None) is None


def test_thresholds_come_from_the_options() -> None:
    strict = Options(checks="all", check_limits=quality.CheckThresholds(min_blur_variance=1e9))
    _, checks = checks_of(source(SCAN), strict)
    assert_failed(checks["blur"], "retake", "RETAKE_BLURRY")


def test_a_pale_card_on_a_white_scanner_bed_is_found() -> None:
    """Hardly any edge between a light card and a white bed: the card is found by not being the bed's colour,
    so the checks look at the card and not at the bed (a white margin was taken for glare)."""
    rng = np.random.default_rng(3)
    bed = np.clip(250 + rng.normal(0, 1.5, (900, 1350, 3)), 0, 255).astype(np.uint8)
    card = np.zeros((694, 1100, 3), np.uint8)  # ID-1, three quarters of the scan
    card[:] = (236, 242, 228)  # BGR: a very light blue-green, 10-20 levels off white
    for y in range(80, 640, 36):  # print: rows of dark text-like strokes
        for x in range(40, 700, 18):
            cv2.line(card, (x, y), (x + 9, y + 14), (40, 40, 40), 2)
    cv2.rectangle(card, (780, 140), (1040, 460), (60, 60, 200), -1)  # the photo
    m = cv2.getRotationMatrix2D((550, 347), 4.0, 1.0)
    m[:, 2] += (125, 103)
    mask = cv2.warpAffine(np.full(card.shape[:2], 255, np.uint8), m, (1350, 900))
    warped = cv2.warpAffine(card, m, (1350, 900))
    image = bed.copy()
    image[mask > 127] = warped[mask > 127]
    quad = geometry.find_card(image)
    assert quad is not None
    truth = cv2.transform(np.float32([[[0, 0], [1100, 0], [1100, 694], [0, 694]]]), m)[0]
    assert np.abs(geometry.order_corners(quad.corners) - truth).max() < 12
    assert quality.glare_check(geometry.warp_card(image, quad)).passed


def test_a_colour_card_under_warm_light_is_no_photocopy() -> None:
    """A phone's white balance or a warm lamp turns the card's light blue background yellowish (a quarter of
    the clean-room renderer's untouched photos): the portrait and print still carry colour, so it is no copy."""
    warm = np.clip(source(SCAN).astype(np.float32) * np.array([0.88, 1.0, 1.06]), 0, 255).astype(np.uint8)
    flat, _ = checks_of(warm)
    assert authenticity.background_blue(flat) < quality.DEFAULT_THRESHOLDS.min_background_blue  # the old test
    assert_passed(authenticity.photocopy_check(flat))


def test_a_stamp_word_beside_the_values_is_not_an_edited_line() -> None:
    """A bank's VERIFIKASI stamp or a SPESIMEN overprint in the value column, larger than the values and
    with no label of its own, is not a value printed out of line; nor is the issue date under the photo."""
    page, lines = _card_in_faces()
    cv2.putText(page, "VERIFIKASI", (300, 140 + 38 * 6), cv2.FONT_HERSHEY_SIMPLEX, 1.1, (60, 60, 170), 2, cv2.LINE_AA)
    (tw, th), _ = cv2.getTextSize("VERIFIKASI", cv2.FONT_HERSHEY_SIMPLEX, 1.1, 2)
    stamp = TextLine("VERIFIKASI", 0.9, (298, 140 + 38 * 6 - th - 3, 302 + tw, 140 + 38 * 6 + 5))
    cv2.putText(page, "25-09-2018", (560, 150 + 38 * 9), cv2.FONT_HERSHEY_SIMPLEX, 0.75, (30, 30, 30), 1, cv2.LINE_AA)
    (dw, dh), _ = cv2.getTextSize("25-09-2018", cv2.FONT_HERSHEY_SIMPLEX, 0.75, 1)
    caption = TextLine("25-09-2018", 0.9, (558, 150 + 38 * 9 - dh - 3, 562 + dw, 150 + 38 * 9 + 4))
    assert_passed(authenticity.text_edit_check(page, [*lines, stamp, caption]))


def test_text_is_not_compared_on_a_capture_that_failed_a_text_masking_check() -> None:
    """Glare, blur or a tiny card make untouched lines differ (a third of the clean-room renderer's hard and
    small captures): those captures go to a retake, and the edit check says it did not compare."""
    page, lines = _card_in_faces(0, cv2.FONT_HERSHEY_TRIPLEX)
    assert_failed(authenticity.text_edit_check(page, lines), "review", "TEXT_EDIT_SUSPECTED")
    glare = Check("glare", False, 0.2, "glare over the text", action="retake", reason="RETAKE_GLARE")
    checks = by_name(authenticity.card_checks(page, lines, capture=[glare]))
    assert checks["text_edit"].passed and "not compared" in checks["text_edit"].detail


def test_the_screen_pattern_is_not_sought_on_a_card_too_small_in_the_upload() -> None:
    """Enlarged from a few hundred pixels, a card's JPEG blocks and resampling are periodic like a screen's
    pixels; such a capture goes to a retake for its resolution, and the screen check says it did not look."""
    image = source(SCAN).astype(np.float32)
    image[::3, :] *= 0.6
    image[:, ::3] *= 0.6
    flat, _ = checks_of(np.clip(image, 0, 255).astype(np.uint8))
    assert_failed(authenticity.screen_check(flat), "review", "SCREEN_RECAPTURE_SUSPECTED")
    small = Check("resolution", False, 0.3, "card 300 px wide", action="retake", reason="RETAKE_LOW_RESOLUTION")
    checks = by_name(authenticity.card_checks(flat, [], capture=[small]))
    assert checks["screen"].passed and "not compared" in checks["screen"].detail


CLEANROOM = Path(__file__).resolve().parents[1] / "data" / "cards" / "cleanroom"


@pytest.mark.parametrize("name", ["backdrop-gradient.jpg", "backdrop-band.jpg"])
def test_a_card_whole_in_the_frame_on_an_unevenly_lit_backdrop_is_not_cut_off(name: str) -> None:
    """Clean-room photos (half size): a lamp's bright corner of the backdrop joined to the card, and a band
    of backdrop lit differently beside a card turned 90°. Neither shape is the card's outline (no edge along
    the side inside the frame; three sides on the frame's border), so neither may say the card is cut off."""
    image = decode((CLEANROOM / name).read_bytes(), Limits())[0]
    quad = geometry.find_card(image)
    if quad is not None:
        h, w = image.shape[:2]
        assert (quad.corners >= -0.02 * h).all() and (quad.corners[:, 0] <= w * 1.02).all()
        assert (quad.corners[:, 1] <= h * 1.02).all()
    _, checks = checks_of(image)
    assert_passed(checks["crop"])


def test_an_edge_to_edge_render_of_a_card_printed_in_a_gradient_is_whole() -> None:
    """A clean-room digital render (half size) whose background runs from pale blue to cyan: its top and
    bottom edges differ in colour, which the edge test took for a card cut off; the picture has the card's
    exact proportions, so it is the card itself."""
    image = decode((CLEANROOM / "edge-to-edge.png").read_bytes(), Limits())[0]
    _, checks = checks_of(image)
    assert_passed(checks["crop"])
    # a card-like frame that is not exactly ID-1 is still judged by its edges
    cut = image[:, : round(image.shape[1] * 0.93)]
    assert abs(cut.shape[1] / cut.shape[0] - 85.60 / 53.98) > quality.EXACT_CARD_SHAPE


def test_a_card_whose_outline_a_glare_spot_breaks_is_still_found() -> None:
    """Clean-room `hard` photo (half size): the hot spot eats a stretch of the card's top and right sides, so
    no threshold fills the card's shape; the hull of its outline's edges still gives the card, not the frame."""
    image = decode((CLEANROOM / "glare-broken-outline.jpg").read_bytes(), Limits())[0]
    quad = geometry.find_card(image)
    assert quad is not None
    h, w = image.shape[:2]
    share = cv2.contourArea(quad.corners.reshape(-1, 1, 2)) / (h * w)
    assert 0.15 < share < 0.5


def test_a_glare_spot_joined_to_the_card_does_not_stretch_it() -> None:
    """Clean-room `hard` photo (half size): the brightness threshold joins the hot spot above the card to the
    card, a larger shape whose top runs along no edge; the card's own outline (edges all round) wins."""
    image = decode((CLEANROOM / "glare-joined.jpg").read_bytes(), Limits())[0]
    quad = geometry.find_card(image)
    assert quad is not None
    top_right_y = float(quad.corners[1, 1])
    assert top_right_y > 0.35 * image.shape[0]  # on the card (~0.42), not up in the glare (~0.29)


def test_a_bright_patch_of_textured_backdrop_is_no_card() -> None:
    """Clean-room `hard` photo (half size) on a mottled yellow cloth: the brightness threshold cuts out most of
    the frame, a shape whose sides run along no edge. It is not taken for the card (the print is then found
    by the text detector)."""
    image = decode((CLEANROOM / "bright-backdrop.jpg").read_bytes(), Limits())[0]
    quad = geometry.find_card(image)
    if quad is not None:
        share = cv2.contourArea(quad.corners.reshape(-1, 1, 2)) / (image.shape[0] * image.shape[1])
        assert share < 0.3


def _banded_card_photo(band_bgr: tuple[int, int, int], band_share: float) -> tuple[np.ndarray, np.ndarray]:
    """A pale card whose top `band_share` is printed in `band_bgr`, turned 3° on a grained brown table; the
    photo and the card's corners in it."""
    rng = np.random.default_rng(5)
    h, w = 1080, 1440
    table = np.zeros((h, w, 3), np.float32)
    table[:] = (50, 95, 120)  # BGR: brown, of the lightness of the green band below
    grain = 8 * np.sin(np.arange(h, dtype=np.float32) / 9.0)[:, None, None]
    table = np.clip(table + grain + rng.normal(0, 3, (h, w, 3)), 0, 255).astype(np.uint8)
    card = np.zeros((630, 1000, 3), np.uint8)  # ID-1
    card[:] = (226, 238, 232)
    card[: round(630 * band_share)] = band_bgr
    for y in range(170, 600, 40):  # print: rows of text-like strokes
        for x in range(40, 600, 18):
            cv2.line(card, (x, y), (x + 9, y + 14), (40, 40, 40), 2)
    cv2.rectangle(card, (700, 180), (940, 480), (60, 60, 200), -1)  # the photo
    m = cv2.getRotationMatrix2D((500, 315), 3.0, 1.0)
    m[:, 2] += (220, 230)
    mask = cv2.warpAffine(np.full(card.shape[:2], 255, np.uint8), m, (w, h))
    warped = cv2.warpAffine(card, m, (w, h))
    image = table.copy()
    image[mask > 127] = warped[mask > 127]
    corners = cv2.transform(np.float32([[[0, 0], [1000, 0], [1000, 630], [0, 630]]]), m)[0]
    return image, corners


def test_a_header_band_as_dark_as_the_table_is_kept_with_the_card() -> None:
    """A SIM's green header band on a brown table: no lightness step between them, so a threshold cuts out
    the card's pale body only (too wide for ID-1) and the class printed in the band was lost. The band's far
    side is a hue edge and the band is set off from the table beyond it: the card is taken whole."""
    image, truth = _banded_card_photo((60, 125, 50), 0.17)
    quad = geometry.find_card(image)
    assert quad is not None
    assert np.abs(geometry.order_corners(quad.corners) - truth).max() < 15


def test_a_card_of_id1_shape_is_not_grown_over_the_table() -> None:
    """A card without a band, found whole, keeps its outline: growing is only for a shape too wide or too tall."""
    image, truth = _banded_card_photo((226, 238, 232), 0.17)
    quad = geometry.find_card(image)
    assert quad is not None
    assert np.abs(geometry.order_corners(quad.corners) - truth).max() < 15


# Clean-room SIM photos (half size) whose card the finder missed or mis-fitted, with the card's corners read off
# each image.
CARDS_ON_CLOTH = [
    # A pale card on a mottled green cloth: the cloth's texture joins every edge and brightness shape to the card,
    # and no outline was found (the whole photo was read as the card). The card is the hole in the cloth's
    # saturation.
    pytest.param(
        "pale-on-mottled-cloth.jpg", [[104, 52], [738, 40], [746, 439], [112, 451]], id="pale-on-mottled-cloth"
    ),
    # A creased pink cloth: a crease's edges join the card's outline in a thin spur, the spur stretches the
    # shape's convex hull, and the quadrilateral fitted to it ran to the spur's tip (a wedge of cloth under the
    # card, the address's last line cut off in the flattened card). The spur is opened away before the fit.
    pytest.param("creased-cloth.jpg", [[97, 236], [612, 212], [622, 532], [112, 556]], id="crease-spur"),
    # A red header band on a blue cloth of the same lightness: the outline of every edge is the card, but its top
    # runs along a step of hue only, so it was judged unsupported and a threshold's shape without the band (and
    # the class printed in it) was taken.
    pytest.param(
        "band-on-cloth-of-its-lightness.jpg", [[39, 77], [604, 43], [624, 386], [59, 419]], id="band-on-hue-step"
    ),
    # A threshold joins a patch of cloth to the card's corner and extrapolates that corner out of the frame. The
    # outline of every edge, of nearly the same size and a like score, stays clear of the frame's border: the
    # card is that one.
    pytest.param(
        "backdrop-joined-at-a-corner.jpg", [[27, 77], [634, 83], [630, 467], [24, 461]], id="wedge-at-a-corner"
    ),
]


@pytest.mark.parametrize(("name", "corners"), CARDS_ON_CLOTH)
def test_a_card_on_a_cloth_is_found_whole(name: str, corners: list[list[int]]) -> None:
    image = decode((CLEANROOM / name).read_bytes(), Limits())[0]
    quad = geometry.find_card(image)
    assert quad is not None
    assert np.abs(geometry.order_corners(quad.corners) - np.float32(corners)).max() < 15
