"""`docverify eval-checks` on a plain labelled folder: every image is an untouched capture, and the report
counts each check's false alarms overall and per capture mode."""

from __future__ import annotations

import json
from pathlib import Path

from docverify.check_eval import evaluate_checks, load_labels, markdown_table


def _folder(tmp_path: Path) -> Path:
    (tmp_path / "images").mkdir()
    (tmp_path / "truth").mkdir()
    for i, mode in enumerate(("scan", "scan", "photo")):
        (tmp_path / "images" / f"c{i}.jpg").write_bytes(b"x")
        (tmp_path / "truth" / f"c{i}.json").write_text(json.dumps({"document_type": "ktp", "capture_mode": mode}))
    (tmp_path / "truth" / "kk.json").write_text(json.dumps({"document_type": "kk"}))  # not a card: left out
    (tmp_path / "images" / "kk.jpg").write_bytes(b"x")
    return tmp_path


def test_every_card_of_a_labelled_folder_is_a_clean_negative(tmp_path: Path) -> None:
    labels = load_labels(_folder(tmp_path))
    assert [(r.id, r.check, r.mode) for r in labels] == [
        ("c0", "clean", "scan"),
        ("c1", "clean", "scan"),
        ("c2", "clean", "photo"),
    ]


def test_false_alarms_per_check_and_mode(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    outcomes = iter([False, True, True])  # the text_edit check fails on the first scan only

    def run(_: bytes) -> list[dict[str, object]]:
        return [
            {"name": "text_edit", "passed": next(outcomes), "score": 0.4},
            {"name": "blur", "passed": True, "score": 0.9},
        ]

    report = evaluate_checks(folder, run)
    alarms = report["false_alarms"]
    assert alarms["text_edit"]["all"] == {"failed": 1, "scored": 3, "rate": 1 / 3}
    assert alarms["text_edit"]["scan"]["failed"] == 1 and alarms["text_edit"]["photo"]["failed"] == 0
    assert alarms["blur"]["all"]["failed"] == 0
    assert "| text_edit | 33.3 % (1/3) |" in markdown_table(report)
