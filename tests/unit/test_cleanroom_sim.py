"""The clean-room SIM renderer: same seed same bytes, a labelled folder `docverify eval` can load, truth that agrees
with itself (number vs birth date, validity vs birthday) and with the registry and cases. No OCR here."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import random
import re
from pathlib import Path

import pytest
from PIL import Image

from doctypes.sim import SIM
from docverify.evaluation import load_samples
from samples.cleanroom.people import REGISTRY_COLUMNS, load_wilayah, make_person
from samples.cleanroom.sim import CLASSES, DEFAULT_MODES, MIN_AGE, main, make_sim, write_set

FIELDS = set(SIM.keys)  # what the reader returns for a SIM
MODES = list(DEFAULT_MODES)
COUNT = 8


@pytest.fixture(scope="module")
def card_set(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("crsim") / "a"
    write_set(out, COUNT, 3, MODES)
    return out


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_same_arguments_same_bytes_other_seed_other_cards(card_set: Path, tmp_path: Path) -> None:
    assert main([str(tmp_path / "b"), "--count", str(COUNT), "--seed", "3", "--modes", ",".join(MODES)]) == 0
    assert _files(card_set) == _files(tmp_path / "b")
    write_set(tmp_path / "c", 1, 4, ["scan"])
    first = json.loads((card_set / "truth" / "crsim-0001-scan.json").read_text())
    other = json.loads((tmp_path / "c" / "truth" / "crsim-0001-scan.json").read_text())
    assert (first["sim_number"], first["name"]) != (other["sim_number"], other["name"])


def test_a_smaller_set_leaves_no_stray_cards(card_set: Path, tmp_path: Path) -> None:
    out = tmp_path / "d"
    write_set(out, 4, 3, MODES)
    write_set(out, 2, 3, MODES)
    assert sorted(p.stem for p in (out / "images").iterdir()) == ["crsim-0001-scan", "crsim-0002-photo"]
    assert sorted(p.stem for p in (out / "truth").iterdir()) == ["crsim-0001-scan", "crsim-0002-photo"]


def test_every_mode_writes_a_decodable_image(card_set: Path) -> None:
    images = sorted((card_set / "images").iterdir())
    assert [p.stem for p in images] == [f"crsim-{i + 1:04d}-{MODES[i % len(MODES)]}" for i in range(COUNT)]
    for path in images:
        img = Image.open(io.BytesIO(path.read_bytes()))
        img.load()
        mode = path.stem.split("-")[-1]
        if mode == "digital":
            assert path.suffix in (".png", ".webp") and img.mode == "RGBA"
            assert img.getchannel("A").getpixel((0, 0)) == 0
            assert abs(img.width / img.height - 85.6 / 53.98) < 0.01
        elif mode == "low":
            assert img.size in ((1600, 1200), (1200, 1600))
        else:
            assert img.width >= 900


def test_the_folder_loads_as_a_labelled_folder_with_cases(card_set: Path) -> None:
    samples = load_samples(card_set)
    assert len(samples) == COUNT
    assert all(s.case is not None and s.truth["document_type"] == "sim" for s in samples)


def test_truth_is_a_consistent_card(card_set: Path) -> None:
    for path in sorted((card_set / "truth").glob("*.json")):
        truth = json.loads(path.read_text())
        assert truth["document_type"] == "sim" and truth["capture_mode"] == path.stem.split("-")[-1]
        assert FIELDS <= set(truth) <= FIELDS | {"document_type", "capture_mode", "rotation"}
        number, birth = truth["sim_number"], dt.date.fromisoformat(truth["birth_date"])
        assert re.fullmatch(r"\d{12}|\d{14}", number)
        assert number[:4] == f"{birth.month:02d}{birth.year % 100:02d}"
        assert truth["sim_class"] in CLASSES
        assert truth["sex"] in ("LAKI-LAKI", "PEREMPUAN") and truth["blood_type"] in ("A", "B", "AB", "O", "-")
        valid = dt.date.fromisoformat(truth["valid_until"])
        assert valid > dt.date(2026, 12, 7) and (valid.month, valid.day) in ((birth.month, birth.day), (2, 28))
        assert truth["issuer"].startswith(("POLDA ", "POLRES ", "POLRESTA ", "POLRESTABES "))
        assert " RT" in truth["address"] and "KEC" in truth["address"]
        for key in FIELDS:
            assert truth[key] == " ".join(truth[key].split()) and truth[key] == truth[key].upper()


def test_cases_claim_the_holders_nik_and_agree_with_the_registry(card_set: Path) -> None:
    with (card_set / "registry.csv").open(encoding="utf-8") as f:
        reader = csv.DictReader(f)
        assert tuple(reader.fieldnames or ()) == REGISTRY_COLUMNS
        registry = {row["nik"]: row for row in reader}
    cases = [json.loads(line) for line in (card_set / "cases.jsonl").read_text().splitlines()]
    assert [c["id"] for c in cases] == sorted(p.stem for p in (card_set / "images").iterdir())
    for case in cases:
        truth = json.loads((card_set / "truth" / f"{case['id']}.json").read_text())
        row = registry.get(case["claim"]["nik"])
        if case["kind"] == "unregistered":
            assert row is None and case["expected"] == "not_found"
            continue
        assert row is not None
        assert (row["birth_date"], row["sex"]) == (truth["birth_date"], truth["sex"])
        if case["kind"] == "genuine":
            assert case["expected"] == "match"
            assert row["name"] == truth["name"] or "name_spelling" in case["registry_variants"]
        else:
            assert case["kind"] == "impostor" and case["expected"] == "mismatch" and row["name"] != truth["name"]
    assert len(registry) > sum(c["kind"] != "unregistered" for c in cases)  # people who never show a card


def test_classes_follow_the_minimum_ages_and_both_number_lengths_occur() -> None:
    w = load_wilayah()
    lengths = set()
    for i in range(150):
        rng = random.Random(i)
        sim = make_sim(make_person(rng, w), rng, new_format=i % 2 == 0)
        lengths.add(len(sim.number))
        age = (sim.issue_date - sim.holder.birth_date).days // 365
        assert age >= MIN_AGE[sim.sim_class]
        assert sim.issue_date < sim.valid_until and sim.valid_until.year == sim.issue_date.year + 5
        assert 2 <= len(sim.address_lines) <= 3
    assert lengths == {12, 14}
