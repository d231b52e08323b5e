"""The synthetic KTP-el generator (samples/generate.py): files, truth contract, NIK, case kinds, registry,
claims, determinism."""

from __future__ import annotations

import csv
import json
import random
import re
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("faker")
ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # `samples` is not an installed package
    sys.path.insert(0, str(ROOT))

from PIL import Image  # noqa: E402
from stdnum.id import nik as stdnum_nik  # noqa: E402

from docverify.regions import load_regions  # noqa: E402
from samples.generate import (  # noqa: E402
    CARD_FIELDS,
    MODES,
    REGISTRY_FIELDS,
    REGISTRY_VARIANTS,
    generate,
    spelling_variant,
)

KTP_FIELDS = {
    "nik", "name", "birth_place", "birth_date", "sex", "blood_type", "address", "rt_rw", "village",
    "district", "religion", "marital_status", "occupation", "nationality", "valid_until", "province",
    "regency",
}
METADATA = {"capture_mode", "rotation", "exif_orientation", "ocr_noise"}
COUNT = 40
# round(40 * fraction); genuine takes the rest
KIND_COUNTS = {"genuine": 28, "impostor": 5, "unregistered": 5, "noisy": 2}
EXPECTED = {"genuine": ("match", "verified"), "noisy": ("match", "verified"),
            "impostor": ("mismatch", "rejected"), "unregistered": ("not_found", "needs_review")}
Generated = tuple[Path, list[str]]


def _truths(out: Path) -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted((out / "truth").glob("*.json"))}


def _cases(out: Path) -> dict[str, dict[str, Any]]:
    return {c["id"]: c for c in map(json.loads, (out / "cases.jsonl").read_text(encoding="utf-8").splitlines())}


def _registry(out: Path) -> tuple[list[str], list[dict[str, str]]]:
    with (out / "registry.csv").open(newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        return header, [dict(zip(header, row, strict=True)) for row in reader]


def _nik_date(nik: str) -> str:
    day, month, year = int(nik[6:8]) % 40, int(nik[8:10]), int(nik[10:12])
    century = 1900 if year > 25 else 2000  # holders are 17-81 years old on 2025-06-30
    return date(century + year, month, day).isoformat()


def _norm(value: str) -> str:
    """Undo case, spacing and punctuation differences (not abbreviations or spellings)."""
    return " ".join(re.sub(r"\s*,\s*", " ", value).upper().split())


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    """40 cases without images (fast): truth, registry and cases are the same as with images."""
    out = tmp_path_factory.mktemp("ktp")
    ids = generate(out, count=COUNT, seed=123, progress=False, images=False)
    return out, ids


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    """9 rendered images: one per kind besides genuine, every capture mode."""
    out = tmp_path_factory.mktemp("ktp-img")
    ids = generate(out, count=9, seed=123, progress=False)
    return out, ids


def test_files_exist(generated: Generated, rendered: Generated) -> None:
    out, ids = generated
    assert len(ids) == COUNT
    assert [i.split("-", 2)[2] for i in ids] == [MODES[i % len(MODES)] for i in range(COUNT)]  # round-robin
    assert list(_cases(out)) == ids and list(_truths(out)) == ids
    assert not list((out / "images").iterdir())

    out, ids = rendered
    assert {c["kind"] for c in _cases(out).values()} == set(EXPECTED)
    for image_id in ids:
        images = list((out / "images").glob(f"{image_id}.*"))
        assert len(images) == 1, image_id
        with Image.open(images[0]) as im:
            assert min(im.size) > 200
        assert (out / "truth" / f"{image_id}.json").is_file()
    assert list(_cases(out)) == ids


def test_images_do_not_change_the_rest(rendered: Generated, tmp_path: Path) -> None:
    out, ids = rendered
    assert generate(tmp_path, count=9, seed=123, progress=False, images=False) == ids
    assert _truths(tmp_path) == _truths(out)
    for name in ("registry.csv", "cases.jsonl"):
        assert (tmp_path / name).read_text() == (out / name).read_text()


def test_case_kinds(generated: Generated) -> None:
    out, _ = generated
    cases = list(_cases(out).values())
    kinds = [c["kind"] for c in cases]
    assert {k: kinds.count(k) for k in KIND_COUNTS} == KIND_COUNTS
    assert kinds != sorted(kinds)  # shuffled
    for c in cases:
        expected = EXPECTED[c["kind"]]
        if c.get("claim_disagrees") and expected[1] == "verified":  # a claim typo goes to a clerk
            expected = (expected[0], "needs_review")
        assert (c["expected"], c["expected_decision"]) == expected, c
        assert set(c) <= {"id", "expected", "kind", "expected_decision", "registry_variants", "near_duplicate_nik",
                          "claim", "claim_disagrees"}


def test_truth_contract(generated: Generated) -> None:
    out, _ = generated
    regions = load_regions()
    cases = _cases(out)
    assert set(CARD_FIELDS) == KTP_FIELDS
    for image_id, truth in _truths(out).items():
        kind = cases[image_id]["kind"]
        assert set(truth) - METADATA == KTP_FIELDS | {"document_type"}, image_id
        assert truth["document_type"] == "ktp"
        assert image_id.endswith(truth["capture_mode"])
        assert truth.get("ocr_noise", False) is (kind == "noisy")
        for key in KTP_FIELDS:
            value = truth[key]
            assert value == " ".join(value.split()) and value == value.upper(), (key, value)

        nik = truth["nik"]
        assert stdnum_nik.validate(nik) == nik  # impostors too: the NIK is a real person's
        day = int(nik[6:8])
        assert (day > 40) == (truth["sex"] == "PEREMPUAN")
        if kind != "impostor":  # a forged card may print another birth date (see test_impostors)
            assert _nik_date(nik) == truth["birth_date"]

        _, _, district_code = regions.codes_from_nik(nik)
        district = regions.get(district_code)
        assert district is not None and district.upper == truth["district"]
        assert truth["village"] in {v.upper for v in regions.children_of(district_code)}
        if truth["capture_mode"] == "rotated":
            assert truth["rotation"] in (90, 180, 270)


def test_registry_rows(generated: Generated) -> None:
    out, _ = generated
    header, rows = _registry(out)
    assert tuple(header) == (*REGISTRY_FIELDS, "desil")
    assert len({r["nik"] for r in rows}) == len(rows)
    assert all(1 <= int(r["desil"]) <= 10 for r in rows)
    cases = _cases(out)
    registered = KIND_COUNTS["genuine"] + KIND_COUNTS["noisy"] + KIND_COUNTS["impostor"]
    near = sum("near_duplicate_nik" in c for c in cases.values())
    assert near == round(KIND_COUNTS["genuine"] * 0.05)
    assert len(rows) == registered + near + 5  # + decoys


def test_genuine_rows_are_clerical_variants(generated: Generated) -> None:
    out, _ = generated
    by_nik = {r["nik"]: r for r in _registry(out)[1]}
    cases = _cases(out)
    untouched = 0
    for image_id, truth in _truths(out).items():
        case = cases[image_id]
        if case["kind"] not in ("genuine", "noisy"):
            continue
        row = by_nik[truth["nik"]]
        variants = case["registry_variants"]
        assert set(variants) <= set(REGISTRY_VARIANTS) and len(variants) <= (3 if case["kind"] == "genuine" else 1)
        for key in REGISTRY_FIELDS:
            if key not in ("name", "address", "rt_rw"):
                assert row[key] == truth[key], (image_id, key)  # same NIK, birth date, region ...
        assert re.findall(r"\d+", row["rt_rw"]) and \
            [int(x) for x in re.findall(r"\d+", row["rt_rw"])] == [int(x) for x in truth["rt_rw"].split("/")]
        if "rt_rw_format" not in variants:
            assert row["rt_rw"] == truth["rt_rw"]
        if not {"name_spelling", "title"} & set(variants):
            assert _norm(row["name"]) == truth["name"], image_id
        if "address_abbrev" not in variants:
            assert _norm(row["address"]) == _norm(truth["address"]), image_id
        if "case_spacing" not in variants:
            assert row["name"] == _norm(row["name"]) or "," in row["name"]
        changed = any(row[k] != truth[k] for k in REGISTRY_FIELDS)
        assert changed == bool(variants), image_id
        untouched += not variants
    assert 0.15 <= untouched / (KIND_COUNTS["genuine"] + KIND_COUNTS["noisy"]) <= 0.6


def test_impostors(generated: Generated) -> None:
    out, _ = generated
    by_nik = {r["nik"]: r for r in _registry(out)[1]}
    cases = _cases(out)
    impostors = {i: t for i, t in _truths(out).items() if cases[i]["kind"] == "impostor"}
    other_date = 0
    for image_id, truth in impostors.items():
        victim = by_nik[truth["nik"]]  # the NIK belongs to a registered person ...
        assert victim["name"] != truth["name"], image_id  # ... with another name
        assert stdnum_nik.validate(truth["nik"]) == truth["nik"]
        assert victim["sex"] == truth["sex"] and victim["district"] == truth["district"]
        assert _nik_date(truth["nik"]) == victim["birth_date"]
        other_date += victim["birth_date"] != truth["birth_date"]
    assert 0.3 <= other_date / len(impostors) <= 0.7


def test_unregistered_and_near_duplicates(generated: Generated) -> None:
    out, _ = generated
    by_nik = {r["nik"]: r for r in _registry(out)[1]}
    cases = _cases(out)
    truths = _truths(out)
    for image_id, truth in truths.items():
        if cases[image_id]["kind"] == "unregistered":
            assert truth["nik"] not in by_nik
    for image_id, case in cases.items():
        if "near_duplicate_nik" in case:
            holder, twin = truths[image_id], by_nik[case["near_duplicate_nik"]]
            assert twin["nik"] != holder["nik"] and twin["nik"] not in {t["nik"] for t in truths.values()}
            assert (twin["birth_date"], twin["sex"]) == (holder["birth_date"], holder["sex"])
            assert twin["name"] != holder["name"] and set(twin["name"].split()) & set(holder["name"].split())


def test_claims(generated: Generated) -> None:
    out, _ = generated
    truths = _truths(out)
    claims = {i: c for i, c in _cases(out).items() if "claim" in c}
    assert len(claims) == round(COUNT * 0.3)
    disagreeing = 0
    for image_id, case in claims.items():
        claim, truth = case["claim"], truths[image_id]
        assert set(claim) == {"nik", "name", "birth_date"}
        field = case.get("claim_disagrees")
        disagreeing += field is not None
        for key, value in claim.items():
            assert (value != truth[key]) == (key == field), (image_id, key)
    assert disagreeing == round(len(claims) * 0.2)
    assert all("claim" in c for c in _cases(out).values() if "claim_disagrees" in c)


def test_spelling_variants_are_the_same_name() -> None:
    seen = {spelling_variant("SITI AMINAH", random.Random(s)) for s in range(200)}
    assert seen == {"SITTI AMINAH", "SITI AMMINAH", "SITI AMINNAH"}
    muhammad = {spelling_variant("MUHAMMAD RIZKI", random.Random(s)) for s in range(400)}
    assert {"M. RIZKI", "MOCH. RIZKI", "MUHAMAD RIZKI", "MOHAMMAD RIZKI", "MOCHAMAD RIZKI"} <= muhammad
    assert all(v is not None and v.endswith(" RIZKI") for v in muhammad)


def test_deterministic(generated: Generated, rendered: Generated, tmp_path: Path) -> None:
    out, ids = rendered  # same seed, more workers: the same bytes
    assert generate(tmp_path / "img", count=9, seed=123, workers=2, progress=False) == ids
    assert _truths(tmp_path / "img") == _truths(out)
    for name in ("registry.csv", "cases.jsonl"):
        assert (tmp_path / "img" / name).read_text() == (out / name).read_text()
    assert len(list((out / "images").iterdir())) == 9
    for image in (out / "images").iterdir():
        assert (tmp_path / "img" / "images" / image.name).read_bytes() == image.read_bytes(), image.name

    out, ids = generated
    assert generate(tmp_path / "no-img", count=COUNT, seed=123, progress=False, images=False) == ids
    for name in ("registry.csv", "cases.jsonl"):
        assert (tmp_path / "no-img" / name).read_text() == (out / name).read_text()
    other = tmp_path / "other-seed"
    generate(other, count=COUNT, seed=124, progress=False, images=False)
    assert (other / "cases.jsonl").read_text() != (out / "cases.jsonl").read_text()


def test_registry_extra_changes_only_the_registry(generated: Generated, tmp_path: Path) -> None:
    plain, _ = generated
    extra = tmp_path / "extra"
    generate(extra, count=COUNT, seed=123, progress=False, images=False, registry_extra=30)
    assert (plain / "cases.jsonl").read_text() == (extra / "cases.jsonl").read_text()
    assert _truths(plain) == _truths(extra)
    rows = _registry(plain)[1]
    more = _registry(extra)[1]
    assert len(more) == len(rows) + 30 and len({r["nik"] for r in more}) == len(more)
    assert all(r in more for r in rows)
    assert all(stdnum_nik.is_valid(r["nik"]) for r in more)
