"""The clean-room KTP-el renderer: same seed same bytes, truth a reader could match, every mode a readable file."""

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
from stdnum.id import nik as stdnik

from doctypes.ktp import KTP
from samples.cleanroom.capture import MODES
from samples.cleanroom.ktp import plan_kinds, write_set
from samples.cleanroom.people import load_wilayah, make_person, spelling_variant, years_before

FIELDS = set(KTP.keys)  # what the reader returns for a KTP-el


@pytest.fixture(scope="module")
def card_set(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("cr") / "a"
    write_set(out, len(MODES), 3, list(MODES))
    return out


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_same_seed_same_bytes_other_seed_other_cards(card_set: Path, tmp_path: Path) -> None:
    write_set(tmp_path / "b", len(MODES), 3, list(MODES))
    assert _files(card_set) == _files(tmp_path / "b")
    write_set(tmp_path / "c", 1, 4, ["digital"])
    first = json.loads((card_set / "truth" / "cr-0001-scan.json").read_text())
    other = json.loads((tmp_path / "c" / "truth" / "cr-0001-digital.json").read_text())
    assert first["nik"] != other["nik"]


def test_every_mode_writes_a_decodable_image(card_set: Path) -> None:
    images = sorted((card_set / "images").iterdir())
    assert [p.stem for p in images] == [f"cr-{i + 1:04d}-{m}" for i, m in enumerate(MODES)]
    for path in images:
        img = Image.open(io.BytesIO(path.read_bytes()))
        img.load()
        mode = path.stem.split("-")[-1]
        if mode == "small":
            assert 250 <= img.width <= 450
        elif mode == "low":
            assert img.size in ((1600, 1200), (1200, 1600))
        elif mode == "digital":
            assert path.suffix in (".png", ".webp") and img.mode == "RGBA"
            alpha = img.getchannel("A")
            assert alpha.getpixel((0, 0)) == 0 and alpha.getpixel((img.width // 2, img.height // 2)) == 255
            assert abs(img.width / img.height - 85.6 / 53.98) < 0.01
        else:
            assert img.width >= 900


def test_truth_is_a_consistent_card(card_set: Path) -> None:
    w = load_wilayah()
    district_names = {d.code.replace(".", ""): d.name for ds in w.districts.values() for d in ds}
    for path in sorted((card_set / "truth").glob("*.json")):
        truth = json.loads(path.read_text())
        assert truth["document_type"] == "ktp" and truth["capture_mode"] == path.stem.split("-")[-1]
        assert set(truth) >= FIELDS
        nik = truth["nik"]
        assert stdnik.is_valid(nik)
        birth = dt.date.fromisoformat(truth["birth_date"])
        day = int(nik[6:8])
        assert (day > 40) == (truth["sex"] == "PEREMPUAN")
        assert (day % 40, int(nik[8:10]), int(nik[10:12])) == (birth.day, birth.month, birth.year % 100)
        assert district_names[nik[:6]] == truth["district"]
        assert re.fullmatch(r"\d{3}/\d{3}", truth["rt_rw"])
        assert truth["valid_until"] == "SEUMUR HIDUP" or dt.date.fromisoformat(truth["valid_until"]) > birth
        assert not truth["province"].startswith("PROVINSI")
        assert truth["regency"].startswith(("KABUPATEN ", "KOTA ", "JAKARTA ", "KEPULAUAN SERIBU"))
        for key in FIELDS:
            value = truth[key]
            assert value == " ".join(value.split()) and value == value.upper(), (key, value)


def test_cases_and_registry_agree(card_set: Path) -> None:
    cases = [json.loads(line) for line in (card_set / "cases.jsonl").read_text().splitlines()]
    rows = {r["nik"]: r for r in csv.DictReader((card_set / "registry.csv").open(encoding="utf-8"))}
    assert [c["id"] for c in cases] == [f"cr-{i + 1:04d}-{m}" for i, m in enumerate(MODES)]
    for case in cases:
        truth = json.loads((card_set / "truth" / f"{case['id']}.json").read_text())
        row = rows.get(truth["nik"])
        if case["kind"] == "unregistered":
            assert row is None and case["expected"] == "not_found"
        elif case["kind"] == "impostor":
            assert row is not None and row["name"] != truth["name"] and case["expected_decision"] == "rejected"
        else:
            assert row is not None and case["expected"] == "match"
            assert row["birth_date"] == truth["birth_date"] and row["district"] == truth["district"]


def test_the_case_mix_and_clerical_variants() -> None:
    kinds = plan_kinds(200, random.Random(1))
    assert (kinds.count("genuine"), kinds.count("impostor"), kinds.count("unregistered")) == (140, 30, 30)
    assert spelling_variant("MUHAMMAD RIZKI") == "MUHAMAD RIZKI"
    assert spelling_variant("SOEBANDI") == "SUBANDI" and spelling_variant("ASEP KOMAR") is None
    rng = random.Random(7)
    people = [make_person(rng) for _ in range(50)]
    assert len({p.nik for p in people}) == 50
    assert {p.sex for p in people} == {"LAKI-LAKI", "PEREMPUAN"}


def test_a_card_issued_on_29_february_has_a_holder() -> None:
    """Seed 8383's SIM set stopped with `day is out of range for month` on a card issued on 29 February."""
    assert years_before(dt.date(2024, 2, 29), 17) == dt.date(2007, 2, 28)
    assert years_before(dt.date(2024, 3, 1), 17) == dt.date(2007, 3, 1)
    assert years_before(dt.date(2024, 2, 29), 16) == dt.date(2008, 2, 29)
