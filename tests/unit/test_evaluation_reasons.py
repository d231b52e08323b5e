"""docverify eval's JSON counts the reason codes of every result (how often, and why, a clerk is asked), and a
truth that names no capture mode is counted once, under "all"."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docverify.evaluation import Sample, evaluate


def test_reason_codes_are_counted_over_all_results(tmp_path: Path) -> None:
    image = tmp_path / "a.jpg"
    image.write_bytes(b"x")
    samples = [Sample(f"p{i}", image, {"document_type": "passport", "surname": "SITI"}) for i in range(3)]
    codes = [["MRZ_NAME_MISMATCH", "DOCUMENT_EXPIRED"], ["MRZ_NOT_FOUND"], ["MRZ_NAME_MISMATCH"]]
    results: list[dict[str, Any]] = [
        {"status": "completed", "document": {"type": "passport"}, "fields": {"surname": {"value": "SITI"}},
         "reasons": [{"code": c} for c in these]} for these in codes]
    feed = iter(results)
    data = evaluate(samples, lambda _data, _claim: next(feed)).to_json()
    assert data["reasons"] == {"DOCUMENT_EXPIRED": 1, "MRZ_NAME_MISMATCH": 2, "MRZ_NOT_FOUND": 1}
    assert data["fields"]["passport.surname"]["all"]["n"] == 3
