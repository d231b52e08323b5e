"""flatten_page finds the sheet in generated phone photos and scans and returns it flat and level."""

from __future__ import annotations

import random

import cv2
import numpy as np
import pytest
from faker import Faker

from samples.capture import table_background
from samples.kk import FamilyFactory, PageRenderer, capture_page_photo, capture_page_scan
from workers.pipeline.page import A4_RATIO, PAGE_LONG_SIDE, find_page, flatten_page, skew_angle


def rendered_page(seed: int) -> np.ndarray:
    fake = Faker("id_ID")
    fake.seed_instance(seed)
    family = FamilyFactory(random.Random(seed), fake).family()
    return np.asarray(PageRenderer(family, random.Random(seed)).render())


@pytest.mark.parametrize("seed", [11, 12, 13, 14])
def test_finds_the_sheet_in_a_photo(seed: int) -> None:
    page = rendered_page(seed)
    photo, quad = capture_page_photo(page, random.Random(seed), np.random.default_rng(seed))
    bgr = cv2.cvtColor(photo, cv2.COLOR_RGB2BGR)
    corners = find_page(bgr, A4_RATIO)
    assert corners is not None
    diagonal = float(np.hypot(*photo.shape[:2]))
    assert np.abs(corners - quad).max() < 0.015 * diagonal, (corners, quad)
    flat, found = flatten_page(bgr, A4_RATIO)
    assert found and max(flat.shape[:2]) == PAGE_LONG_SIDE
    assert flat.shape[1] / flat.shape[0] == pytest.approx(A4_RATIO, abs=0.01)
    assert abs(skew_angle(flat)) <= 0.3


def test_a_tilted_scan_comes_out_level_at_page_size() -> None:
    page = rendered_page(21)
    h, w = page.shape[:2]
    tilted = cv2.warpAffine(
        page, cv2.getRotationMatrix2D((w / 2, h / 2), 2.0, 1.0), (w, h), borderValue=(240, 240, 240)
    )
    assert skew_angle(page) == pytest.approx(0.0, abs=0.15)
    assert skew_angle(tilted) == pytest.approx(-2.0, abs=0.25)  # the turn that undoes it
    scan = capture_page_scan(tilted, random.Random(3), np.random.default_rng(3))
    flat, _ = flatten_page(cv2.cvtColor(scan, cv2.COLOR_RGB2BGR), A4_RATIO)
    assert max(flat.shape[:2]) == PAGE_LONG_SIDE
    assert abs(skew_angle(flat)) <= 0.3


def test_no_sheet_and_bad_input() -> None:
    rng = random.Random(1)
    table = table_background(1600, 1200, rng, np.random.default_rng(1))
    flat, found = flatten_page(cv2.cvtColor(table, cv2.COLOR_RGB2BGR))
    assert not found and max(flat.shape[:2]) == PAGE_LONG_SIDE
    with pytest.raises(ValueError):
        flatten_page(np.zeros((0, 0, 3), np.uint8))
