"""The synthetic KTP-el generator (samples/generate.py): files, truth contract, NIK, determinism."""

from __future__ import annotations

import csv
import json
import sys
from datetime import date
from pathlib import Path

import pytest

pytest.importorskip("faker")
ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # `samples` is not an installed package
    sys.path.insert(0, str(ROOT))

from PIL import Image  # noqa: E402
from stdnum.id import nik as stdnum_nik  # noqa: E402

from samples.generate import CARD_FIELDS, MODES, REGISTRY_FIELDS, generate  # noqa: E402
from workers.pipeline.regions import load_regions  # noqa: E402

KTP_FIELDS = {
    "nik", "name", "birth_place", "birth_date", "sex", "blood_type", "address", "rt_rw", "village",
    "district", "religion", "marital_status", "occupation", "nationality", "valid_until", "province",
    "regency",
}
METADATA = {"capture_mode", "rotation", "exif_orientation"}


def _truths(out: Path) -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted((out / "truth").glob("*.json"))}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    out = tmp_path_factory.mktemp("ktp")
    ids = generate(out, count=6, seed=123, progress=False)
    return out, ids


def test_files_exist(generated: tuple[Path, list[str]]) -> None:
    out, ids = generated
    assert len(ids) == 6
    assert [i.split("-", 2)[2] for i in ids] == list(MODES)  # one per mode, round-robin
    for image_id in ids:
        images = list((out / "images").glob(f"{image_id}.*"))
        assert len(images) == 1, image_id
        with Image.open(images[0]) as im:
            assert min(im.size) > 200
        assert (out / "truth" / f"{image_id}.json").is_file()
    cases = [json.loads(line) for line in (out / "cases.jsonl").read_text().splitlines()]
    assert [c["id"] for c in cases] == ids
    assert {c["expected"] for c in cases} <= {"match", "mismatch", "not_found"}


def test_truth_contract(generated: tuple[Path, list[str]]) -> None:
    out, _ = generated
    regions = load_regions()
    assert set(CARD_FIELDS) == KTP_FIELDS
    for image_id, truth in _truths(out).items():
        assert set(truth) - METADATA == KTP_FIELDS | {"document_type"}, image_id
        assert truth["document_type"] == "ktp"
        assert image_id.endswith(truth["capture_mode"])
        for key in KTP_FIELDS:
            value = truth[key]
            assert value == " ".join(value.split()) and value == value.upper(), (key, value)

        nik = truth["nik"]
        assert stdnum_nik.validate(nik) == nik
        born = date.fromisoformat(truth["birth_date"])
        day = int(nik[6:8])
        assert (day > 40) == (truth["sex"] == "PEREMPUAN")
        assert (day % 40, int(nik[8:10]), int(nik[10:12])) == (born.day, born.month, born.year % 100)

        _, _, district_code = regions.codes_from_nik(nik)
        district = regions.get(district_code)
        assert district is not None and district.upper == truth["district"]
        assert truth["village"] in {v.upper for v in regions.children_of(district_code)}
        if truth["capture_mode"] == "rotated":
            assert truth["rotation"] in (90, 180, 270)


def test_registry(generated: tuple[Path, list[str]]) -> None:
    out, _ = generated
    with (out / "registry.csv").open(newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        rows = [dict(zip(header, row, strict=True)) for row in reader]
    assert ",".join(header) == (
        "nik,name,birth_place,birth_date,sex,blood_type,address,rt_rw,village,district,regency,province,"
        "religion,marital_status,occupation,nationality"
    )
    assert tuple(header) == REGISTRY_FIELDS
    by_nik = {r["nik"]: r for r in rows}
    cases = {c["id"]: c["expected"] for c in map(json.loads, (out / "cases.jsonl").read_text().splitlines())}
    for image_id, truth in _truths(out).items():
        row = by_nik.get(truth["nik"])
        expected = cases[image_id]
        if expected == "not_found":
            assert row is None
        elif expected == "mismatch":
            assert row is not None and row["name"] != truth["name"]
            assert all(row[k] == truth[k] for k in REGISTRY_FIELDS if k != "name")
        else:
            assert row is not None and all(row[k] == truth[k] for k in REGISTRY_FIELDS)
    assert len(rows) >= 5  # decoys


def test_deterministic(generated: tuple[Path, list[str]], tmp_path: Path) -> None:
    out, ids = generated
    again = generate(tmp_path, count=6, seed=123, progress=False)
    assert again == ids
    assert _truths(tmp_path) == _truths(out)
    assert (tmp_path / "registry.csv").read_text() == (out / "registry.csv").read_text()
    assert (tmp_path / "cases.jsonl").read_text() == (out / "cases.jsonl").read_text()
