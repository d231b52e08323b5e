"""The SIM through the real pipeline with real PP-OCRv6 models: cards of samples.sim (a scan, a photo, a card
turned in the frame, an edge-to-edge render) are recognised, read field by field and matched with their
registry by the claimed NIK (a SIM prints none) or, without a claim, left to a clerk with the candidates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from service.config import get_settings
from service.registry.importer import load_csv
from service.registry.service import MemorySource
from workers.verification import verify_bytes

pytestmark = pytest.mark.integration
KEY_FIELDS = ("sim_number", "name", "birth_date", "sex", "blood_type", "valid_until")


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from samples import sim

    out = tmp_path_factory.mktemp("sim")
    sim.generate(out, 4, seed=4242, modes=["scan", "photo", "rotated", "digital"])
    return out


def test_sims_are_read_and_matched_by_the_claimed_nik(folder: Path) -> None:
    settings = get_settings()
    with (folder / "registry.csv").open(newline="") as fh:
        source = MemorySource("dukcapil", load_csv(fh)[0])
    cases = [json.loads(line) for line in (folder / "cases.jsonl").read_text().splitlines()]
    for case in cases:
        truth = json.loads((folder / "truth" / f"{case['id']}.json").read_text())
        image = next((folder / "images").glob(f"{case['id']}.*"))
        v = verify_bytes([image.read_bytes()], settings, source=source, claim=case.get("claim"))
        assert v.status == "completed" and v.document.type == "sim", case["id"]
        read = {k: v.fields.value(k) for k in KEY_FIELDS}
        assert read == {k: truth[k] for k in KEY_FIELDS}, case["id"]
        assert v.registry.status == case["expected"], case["id"]
        assert v.decision == "needs_review"  # a clerk always decides a SIM
        codes = [r.code for r in v.reasons]
        assert "DOCUMENT_TYPE_NOT_MATCHED" in codes
        if case["expected"] == "match":
            assert v.registry.fields["name"].score == 100 and "address" not in v.registry.fields
        else:
            assert "REGISTRY_NOT_FOUND" in codes and v.registry.candidates


def test_the_type_given_by_the_caller_reads_the_card_as_a_sim(folder: Path) -> None:
    image = next((folder / "images").glob("sim-0001-*"))
    truth = json.loads((folder / "truth" / f"{image.stem}.json").read_text())
    v = verify_bytes([image.read_bytes()], get_settings(), document_type="sim")
    assert v.document.type == "sim" and v.fields.value("sim_number") == truth["sim_number"]
