"""docverify eval's JSON counts the reason codes of every result (how often, and why, a clerk is asked), and a
truth that names no capture mode is counted once, under "all"."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docverify.evaluation import Sample, evaluate, markdown_table


def test_reason_codes_are_counted_over_all_results(tmp_path: Path) -> None:
    image = tmp_path / "a.jpg"
    image.write_bytes(b"x")
    samples = [Sample(f"p{i}", image, {"document_type": "passport", "surname": "SITI"}) for i in range(3)]
    codes = [["MRZ_NAME_MISMATCH", "DOCUMENT_EXPIRED"], ["MRZ_NOT_FOUND"], ["MRZ_NAME_MISMATCH"]]
    results: list[dict[str, Any]] = [
        {
            "status": "completed",
            "document": {"type": "passport"},
            "fields": {"surname": {"value": "SITI"}},
            "reasons": [{"code": c} for c in these],
        }
        for these in codes
    ]
    feed = iter(results)
    data = evaluate(samples, lambda _data, _claim: next(feed)).to_json()
    assert data["reasons"] == {"DOCUMENT_EXPIRED": 1, "MRZ_NAME_MISMATCH": 2, "MRZ_NOT_FOUND": 1}
    assert data["fields"]["passport.surname"]["all"]["n"] == 3


def test_checks_failing_on_the_untouched_cards_are_counted_as_false_alarms(tmp_path: Path) -> None:
    image = tmp_path / "a.jpg"
    image.write_bytes(b"x")
    samples = [
        Sample(f"k{i}", image, {"document_type": "ktp", "capture_mode": mode, "nik": "1"})
        for i, mode in enumerate(("scan", "scan", "photo"))
    ]
    passed = [True, False, True]  # text_edit cries wolf on the second scan
    results: list[dict[str, Any]] = [
        {
            "status": "completed",
            "document": {"type": "ktp"},
            "fields": {"nik": {"value": "1"}},
            "reasons": [],
            "checks": [{"name": "text_edit", "passed": ok, "score": 0.3}, {"name": "blur", "passed": True}],
        }
        for ok in passed
    ]
    feed = iter(results)
    report = evaluate(samples, lambda _data, _claim: next(feed))
    alarms = report.to_json()["check_false_alarms"]
    assert alarms["text_edit"]["all"]["failed"] == 1 and alarms["text_edit"]["scan"] == {
        "failed": 1,
        "scored": 2,
        "rate": 0.5,
    }
    assert alarms["blur"]["all"]["failed"] == 0
    assert "| text_edit | 0/1 | 1/2 | 1/3 |" in markdown_table(report)  # photo, scan, all
