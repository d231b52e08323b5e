"""The day-of-traffic set and its measurement: a busy front office (one client, a few operators, far more than
20 people in 10 minutes) raises no signal, while the planted abuses raise SUBMISSION_BURST exactly from the
submission that goes over each threshold. Without card hashes (no rendering, no OCR): the reuse signals are
measured on captured cards by `make eval-fraud` and the README's day of traffic."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from docverify import fraud_eval
from samples import traffic


def test_window_counts_include_the_submission_and_its_key_only() -> None:
    times = [
        "2026-12-07T08:00:00+00:00",
        "2026-12-07T08:04:00+00:00",
        "2026-12-07T08:10:00+00:00",
        "2026-12-07T08:10:01+00:00",
        "2026-12-07T08:20:30+00:00",
    ]
    assert fraud_eval.busiest(["a", "a", "a", "b", "a"], times, 10) == [1, 2, 3, 1, 1]
    assert fraud_eval.busiest([None] * 5, times, 10) == [0] * 5


def test_a_busy_front_office_raises_nothing_and_the_planted_bursts_are_caught(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    entries = traffic.generate(tmp_path, people=60, minutes=5, seed=5, plant=True, capture="none")
    assert traffic.load(tmp_path) == [{**e, "submitted_at": e["submitted_at"].isoformat()} for e in entries]
    assert fraud_eval.main(["traffic", str(tmp_path), "--save", str(tmp_path / "report.json")]) == 0
    rep = json.loads((tmp_path / "report.json").read_text())
    assert rep["people"] == 60 and rep["clients"] == [traffic.CLIENT] and len(rep["operators"]) >= 4
    assert rep["peak_in_window"]["client"] > 20 and rep["old_rule_flagged"] > 0  # the old rule would fire
    assert rep["genuine_flagged"] == 0 and rep["signals_on_genuine"] == {}
    # 8 of one applicant: the 6th, 7th and 8th go over 5; 75 of one operator: the 61st to the 75th go over 60
    assert rep["planted"] == {
        "nik_burst": {"submissions": 8, "burst": 3},
        "operator_burst": {"submissions": 75, "burst": 15},
    }
    assert rep["genuine_flagged_with_planted"] == 0


def test_each_applicant_has_an_own_portrait_and_the_generator_keeps_its_own() -> None:
    # the generator's drawn portraits come from a few templates: different people's photo areas hashed
    # identically (PHOTO_REUSED on a genuine day); the traffic set gives each person their own framing and light
    import random

    import numpy as np

    import samples.render as render
    from workers.pipeline.fingerprint import _phash

    base = render.draw_portrait(220, 293, random.Random(3))
    hashes = [
        _phash(np.asarray(traffic.vary_portrait(base, np.random.default_rng([1, 41, i])))[..., ::-1]) for i in range(12)
    ]
    distances = [bin((a ^ b) & ((1 << 64) - 1)).count("1") for i, a in enumerate(hashes) for b in hashes[i + 1 :]]
    assert min(distances) >= 4 and sorted(distances)[len(distances) // 2] >= 16  # the same template: all 0
    again = _phash(np.asarray(traffic.vary_portrait(base, np.random.default_rng([1, 41, 0])))[..., ::-1])
    assert again == hashes[0]  # one person, one photo: every attempt shows the same card
    original = render.draw_portrait
    with traffic.own_portrait(np.random.default_rng(0)):
        assert render.draw_portrait is not original
    assert render.draw_portrait is original


def test_pairs_count_what_each_reuse_rule_takes() -> None:
    from service.config import Settings

    settings = Settings(env="dev")
    base = (0x1234_5678_9ABC_DEF0, 0x0F0F_F0F0_1234_4321, 0x7777_0000_AAAA_5555)

    def off(bits: tuple[int, int, int]) -> tuple[int, int, int]:
        return tuple(h ^ ((1 << b) - 1) for h, b in zip(base, bits, strict=True))  # type: ignore[return-value]

    cards = [
        fraud_eval.Card("a", base, "1", "001/002|SUKAMAJU"),
        fraud_eval.Card("a", off((1, 1, 1)), None, None),  # the same picture, nothing read
        fraud_eval.Card("b", off((6, 20, 8)), "2", "007/003|CIBIRU"),  # a stranger within the near radii
        fraud_eval.Card("c", off((5, 30, 7)), "3", "001/002|SUKAMAJU"),
    ]  # a neighbour, as near
    rep = fraud_eval.pairs_report(cards, settings)
    assert rep["same_card"]["pairs"] == 1 and rep["different"]["pairs"] == 5
    assert rep["same_card"]["within"]["same_picture"] == 1 and rep["same_card"]["within"]["rule"] == 1
    # a and b, a' and b, a and c, a' and c, b and c: all near; only a and c read the same RT/RW + village
    assert rep["different"]["within"]["near"] == 5 and rep["different"]["within"]["near_text_agrees"] == 1
    assert rep["different"]["within"]["rule"] == 1 and rep["different"]["text_agrees"] == 1
