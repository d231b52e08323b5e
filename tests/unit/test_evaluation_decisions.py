"""docverify eval with a cases.jsonl: decisions per case kind including retake, and the retake and rejected
rates over genuine holders' cards (genuine and noisy kinds), in the JSON and in the table."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docverify.evaluation import Case, Sample, decision_markdown, evaluate, markdown_table

# (kind, expected decision, decision given)
CASES = [
    ("genuine", "verified", "verified"),
    ("genuine", "verified", "retake"),
    ("genuine", "verified", "retake"),
    ("noisy", "verified", "rejected"),
    ("noisy", "verified", "needs_review"),
    ("impostor", "rejected", "rejected"),
    ("impostor", "rejected", "retake"),
    ("unregistered", "needs_review", "needs_review"),
]


def run(tmp_path: Path) -> dict[str, Any]:
    image = tmp_path / "a.jpg"
    image.write_bytes(b"x")
    samples = [
        Sample(
            f"c{i}",
            image,
            {"document_type": "ktp", "name": "SITI"},
            Case(f"c{i}", kind=kind, expected="match", expected_decision=expected),
        )
        for i, (kind, expected, _got) in enumerate(CASES)
    ]
    results = iter(
        [
            {
                "status": "completed",
                "decision": got,
                "document": {"type": "ktp"},
                "fields": {"name": {"value": "SITI"}},
                "registry": {"status": "match"},
                "reasons": [],
            }
            for _kind, _expected, got in CASES
        ]
    )
    return evaluate(samples, lambda _data, _claim: next(results)).to_json()


def test_retake_is_counted_per_kind_and_its_rate_on_genuine_cards_reported(tmp_path: Path) -> None:
    d = run(tmp_path)["decisions"]
    assert d["by_kind"]["genuine"] == {"verified": 1, "needs_review": 0, "retake": 2, "rejected": 0, "none": 0, "n": 3}
    assert d["by_kind"]["impostor"]["retake"] == 1  # impostors are not genuine: not in the genuine rates
    assert d["genuine"] == 5
    assert (d["genuine_verified_rate"], d["genuine_retake_rate"], d["genuine_rejected_rate"]) == (0.2, 0.4, 0.2)
    assert {w["got"] for w in d["wrong_decisions"]} == {"retake", "rejected", "needs_review"}


def test_the_table_shows_the_retake_column_and_the_genuine_rates(tmp_path: Path) -> None:
    data = run(tmp_path)
    table = markdown_table(data)
    assert "| case kind | n | verified | needs_review | retake | rejected | failed |" in table
    assert "| genuine | 3 | 1 | 0 | 2 | 0 | 0 |" in table
    assert "retake 40.0%, rejected 20.0%" in table


def test_a_report_saved_before_retake_existed_still_prints(tmp_path: Path) -> None:
    d = run(tmp_path)["decisions"]
    for counts in d["by_kind"].values():
        del counts["retake"]
    del d["genuine_retake_rate"]
    assert "| genuine | 3 | 1 | 0 | 0 | 0 | 0 |" in decision_markdown(d)
