"""The real pipeline with real PP-OCRv6 models on the committed synthetic KTP-el set and on bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from docverify.evaluation import evaluate, load_samples
from service.config import get_settings
from service.registry.importer import load_csv
from service.registry.service import MemorySource
from tests.service.test_api import CONTRACT_KEYS
from tests.unit.test_io import huge_png
from workers.verification import verify_bytes

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples" / "ktp"


@pytest.fixture(scope="module")
def report() -> dict:
    """The committed set read once, matched against its registry CSV with each case's claim."""
    settings = get_settings()
    with (SAMPLES / "registry.csv").open(newline="") as fh:
        records, _ = load_csv(fh)
    source = MemorySource("dukcapil", records)
    return evaluate(
        load_samples(SAMPLES), lambda data, claim: verify_bytes([data], settings, source=source, claim=claim).to_json()
    ).to_json()


def test_every_committed_sample_is_read_as_a_ktp(report: dict) -> None:
    assert report["samples"] == 24 and report["failed"] == 0
    assert report["document_type"]["all"] == 1.0


def test_nik_is_exact_on_every_sample(report: dict) -> None:
    assert report["fields"]["nik"]["all"]["exact"] == 1.0, [m for m in report["misses"] if m["field"] == "nik"]


def test_every_field_reads_in_every_capture_mode(report: dict) -> None:
    # 4 images per mode: at most one wrong value per field and mode, and 98% of all values exact.
    for field, per_mode in report["fields"].items():
        for mode, figures in per_mode.items():
            assert figures["exact"] >= 0.75, (field, mode, report["misses"])
    total = sum(f["all"]["n"] for f in report["fields"].values())
    exact = sum(f["all"]["exact"] * f["all"]["n"] for f in report["fields"].values())
    assert exact / total >= 0.98, report["misses"]


def test_decisions_on_the_committed_cases(report: dict) -> None:
    decisions = report["decisions"]
    by_kind = decisions["by_kind"]
    assert decisions["cases"] == 24 and decisions["registry_status_accuracy"] == 1.0, decisions["wrong_decisions"]
    assert decisions["impostors_verified"] == 0
    assert by_kind["impostor"]["rejected"] == by_kind["impostor"]["n"] >= 2
    assert by_kind["unregistered"]["needs_review"] == by_kind["unregistered"]["n"]
    assert decisions["genuine_verified_rate"] >= 0.85, decisions["wrong_decisions"]
    assert decisions["claim_check_accuracy"] == 1.0


def test_cli_verify_prints_contract_objects_and_fails_cleanly(tmp_path: Path) -> None:
    bad = tmp_path / "letter.jpg"
    bad.write_text("this is not an image")
    truncated = tmp_path / "truncated.jpg"
    data = (SAMPLES / "images" / "ktp-0002-photo.jpg").read_bytes()
    truncated.write_bytes(data[: len(data) // 3])
    missing = tmp_path / "missing.png"
    huge = tmp_path / "huge.png"
    huge.write_bytes(huge_png(30_000))
    good = SAMPLES / "images" / "ktp-0001-scan.png"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "docverify.cli",
            "verify",
            "--json",
            str(bad),
            str(good),
            str(truncated),
            str(missing),
            str(huge),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [o["status"] for o in out] == ["failed", "completed", "failed", "failed", "failed"]
    assert [o["reasons"][0]["code"] for o in out if o["status"] == "failed"] == [
        "UNSUPPORTED_FORMAT",
        "IMAGE_CORRUPT",
        "FILE_UNREADABLE",
        "IMAGE_TOO_LARGE",
    ]
    # the contract's keys, and only the optional blocks the typed model adds (null here: no clerk, no purge)
    assert all(CONTRACT_KEYS <= set(o) <= CONTRACT_KEYS | {"review", "personal_data"} for o in out)
    truth = json.loads((SAMPLES / "truth" / "ktp-0001-scan.json").read_text())
    read = out[1]
    assert read["document"]["type"] == "ktp"
    assert read["fields"]["nik"]["value"] == truth["nik"]
    assert read["provenance"]["models"] == ["PP-OCRv6_small_det@090f04ab", "PP-OCRv6_small_rec@6f327246"]
    for f in read["fields"].values():
        x0, y0, x1, y1 = f["bbox"]
        assert 0 <= x0 < x1 and 0 <= y0 < y1 and 0 <= f["confidence"] <= 1


def test_cli_verify_matches_a_registry_csv_and_checks_the_claim() -> None:
    truth = json.loads((SAMPLES / "truth" / "ktp-0013-scan.json").read_text())
    claim = json.dumps({"nik": truth["nik"], "name": "SITI AMINAH"})
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "docverify.cli",
            "verify",
            "--json",
            "--registry",
            str(SAMPLES / "registry.csv"),
            "--claim",
            claim,
            str(SAMPLES / "images" / "ktp-0013-scan.jpg"),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["registry"]["status"] == "match" and out["registry"]["fields"]["nik"]["score"] == 100
    assert out["claim_check"]["nik"]["disagrees"] == "none"
    assert out["claim_check"]["name"]["disagrees"] == "claim"
    assert out["decision"] == "needs_review" and "CLAIM_MISMATCH" in [r["code"] for r in out["reasons"]]
