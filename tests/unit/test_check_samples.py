"""The labelled set for the image checks (samples/checks.py) and the check evaluation's arithmetic
(docverify/check_eval.py)."""

from __future__ import annotations

import hashlib
import json
import random
import sys
from pathlib import Path
from typing import Any

import cv2
import pytest

pytest.importorskip("faker")
ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # `samples` is not an installed package
    sys.path.insert(0, str(ROOT))

from PIL import Image  # noqa: E402

from docverify.check_eval import Label, evaluate_checks, markdown_table, roc_auc, summarize  # noqa: E402
from samples.checks import CHECKS, CLASSES, generate_checks  # noqa: E402

PER_CLASS = 3


@pytest.fixture(scope="module")
def check_set(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("checks")
    generate_checks(out, per_class=PER_CLASS, seed=11, workers=1, progress=False)
    return out


def _labels(directory: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (directory / "labels.jsonl").read_text(encoding="utf-8").splitlines()]


def _digests(directory: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted((directory / "images").iterdir())}


def test_labels_balanced_and_files_exist(check_set: Path) -> None:
    labels = _labels(check_set)
    assert len(labels) == PER_CLASS * len(CLASSES)
    ids = [rec["id"] for rec in labels]
    assert len(set(ids)) == len(ids)
    for cls in CLASSES:
        recs = [rec for rec in labels if rec["check"] == cls]
        assert len(recs) == PER_CLASS
        assert all(rec["defect"] is (cls != "clean") for rec in recs)
        assert {rec["base"] for rec in recs} == {"scan", "photo"}
    for rec in labels:
        assert set(rec) >= {"id", "check", "defect", "base", "detail"}
        path = check_set / "images" / rec["file"]
        assert path.exists() and path.stem == rec["id"]
        with Image.open(path) as im:
            assert im.mode == "RGB" and min(im.size) > 50
    assert len(list((check_set / "images").iterdir())) == len(labels)


def test_resolution_defect_is_small(check_set: Path) -> None:
    for rec in _labels(check_set):
        if rec["check"] == "resolution":
            with Image.open(check_set / "images" / rec["file"]) as im:
                assert im.size[0] < 700  # the card (180-330 px) fills at most ~75 % of the frame


def test_deterministic_for_a_seed(check_set: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    generate_checks(again, per_class=PER_CLASS, seed=11, workers=1, progress=False)
    assert _labels(again) == _labels(check_set)
    assert _digests(again) == _digests(check_set)


def test_roc_auc() -> None:
    assert roc_auc([0.9, 0.8, 0.7], [0.1, 0.2, 0.3]) == 1.0
    assert roc_auc([0.1, 0.2], [0.8, 0.9, 0.95]) == 0.0
    assert roc_auc([0.5, 0.5], [0.5, 0.5, 0.5]) == 0.5
    assert roc_auc([0.5, 0.9], [0.5, 0.1]) == pytest.approx(0.875)  # 3 wins, one tie, out of 4 pairs
    assert roc_auc([], [0.1]) is None


def _check(name: str, score: float, passed: bool) -> dict[str, Any]:
    return {"name": name, "passed": passed, "score": score, "detail": ""}


def test_summarize_counts_and_not_evaluated() -> None:
    labels = (
        [Label(f"clean-{i}", "clean", Path(f"clean-{i}.png")) for i in range(4)]
        + [Label(f"blur-{i}", "blur", Path(f"blur-{i}.png")) for i in range(2)]
        + [Label("face-0", "face", Path("f.png"))]
    )
    results = {f"clean-{i}": [_check("blur", 0.9, i != 0)] for i in range(4)}
    results |= {"blur-0": [_check("blur", 0.1, False)], "blur-1": [_check("blur", 0.95, True)], "face-0": []}
    report = summarize(labels, results)
    blur = report["checks"]["blur"]
    assert blur["auc"] == pytest.approx(0.5 * 1.0 + 0.5 * 0.0)  # one defect below all clean, one above
    assert blur["frr"] == 0.25 and blur["tpr"] == 0.5
    assert blur["clean_rejected"] == 1 and blur["defects_caught"] == 1
    face = report["checks"]["face"]
    assert not face["evaluated"] and face["auc"] is None and face["tpr"] is None
    table = markdown_table(report)
    assert "| blur | 0.500 |" in table and "| face | n/a |" in table


def test_evaluate_checks_on_the_set(check_set: Path) -> None:
    """A fake check that knows the answer: AUC 1, no false rejects; the checks it does not return are n/a."""
    names = {p.stem: p for p in (check_set / "images").iterdir()}
    by_bytes = {p.read_bytes(): stem for stem, p in names.items()}

    def run_checks(data: bytes) -> list[dict[str, Any]]:
        stem = by_bytes[data]
        bad = stem.startswith("blur-")
        return [_check("blur", 0.1 if bad else 0.9, not bad)]

    report = evaluate_checks(check_set, run_checks)
    assert set(report["checks"]) == set(CHECKS)
    assert report["checks"]["blur"]["auc"] == 1.0
    assert report["checks"]["blur"]["frr"] == 0.0 and report["checks"]["blur"]["tpr"] == 1.0
    assert report["checks"]["glare"]["auc"] is None and not report["checks"]["glare"]["evaluated"]
    assert not report["errors"]


class _Forced(random.Random):
    """A random stream whose first `choice` calls return the given picks (the portrait's backdrop, then its
    skin tone), and which is seeded like any other for the rest."""

    def __init__(self, seed: float, picks: list[Any]) -> None:
        super().__init__(seed)
        self.picks = list(picks)

    def choice(self, seq: Any) -> Any:
        return self.picks.pop(0) if self.picks else super().choice(seq)


def test_every_skin_tone_is_found_on_every_backdrop() -> None:
    """The face check must not fail some holders more than others: each of the generator's skin tones on each
    of its photo backdrops (the KTP-el's red and blue, and grey), scanned three times, has a face with room to
    spare (3 × the limit). Window counts fall with darker skin; with the cascades on luminance only, darker
    skin on blue came within 2.5 × its limit here and darker skin on red was missed in the held-out set of seed
    60606 (the two are about the same grey in luminance; the green channel tells them apart)."""
    import numpy as np
    from faker import Faker

    import samples.render as render
    from primitives.regions import load_regions
    from samples.checks import clean_capture
    from samples.people import PersonFactory
    from samples.render import PHOTO_BACKDROPS, SKIN_TONES, render_card
    from workers.pipeline import authenticity
    from workers.pipeline.process import prepare_page
    from workers.pipeline.quality import DEFAULT_THRESHOLDS

    fake = Faker("id_ID")
    fake.seed_instance(3)
    person = PersonFactory(random.Random(3), fake, load_regions()).person()
    original = render.draw_portrait
    short = []
    try:
        for backdrop in PHOTO_BACKDROPS:
            for skin in SKIN_TONES:

                def forced(w: int, h: int, r: random.Random, b: Any = backdrop, s: Any = skin) -> Image.Image:
                    return original(w, h, _Forced(r.random(), [b, s]))

                render.draw_portrait = forced
                card = render_card(person, random.Random(7), np.random.default_rng(7))
                for k in range(3):
                    scan, _ = clean_capture(card, "scan", random.Random(k), np.random.default_rng(k))
                    jpeg = cv2.imencode(".jpg", scan, [cv2.IMWRITE_JPEG_QUALITY, 80])[1]
                    page, _ = prepare_page(cv2.imdecode(jpeg, cv2.IMREAD_COLOR), 0)
                    windows = authenticity.face_windows(page.image)
                    if windows < 3 * DEFAULT_THRESHOLDS.min_face_windows:
                        short.append((backdrop, skin, k, windows))
    finally:
        render.draw_portrait = original
    assert not short, short
