"""The synthetic Kartu Keluarga generator: its truth must be what a real KK could print."""

from __future__ import annotations

import json
import random
from datetime import date
from pathlib import Path

from faker import Faker
from stdnum.id import nik as stdnum_nik

from samples.kk import HEADER_FIELDS, MEMBER_FIELDS, FamilyFactory, generate, main
from workers.pipeline.validate import nik_birth_sex
from workers.pipeline.vocab import MARITAL_STATUSES, OCCUPATIONS, RELIGIONS, SEXES
from workers.pipeline.vocab_kk import EDUCATIONS, HEAD, RELATIONSHIPS


def families(n: int, seed: int) -> list:
    fake = Faker("id_ID")
    fake.seed_instance(seed)
    factory = FamilyFactory(random.Random(seed), fake)
    return [factory.family() for _ in range(n)]


def test_families_are_coherent() -> None:
    sizes = set()
    for fam in families(80, 3):
        members = fam.members
        sizes.add(len(members))
        assert 1 <= len(members) <= 8
        assert [m["relationship"] for m in members].count(HEAD) == 1
        assert members[0]["relationship"] == HEAD and members[0]["name"] == fam.header["head_name"]
        region = fam.header["kk_number"][:6]
        assert stdnum_nik.is_valid(fam.header["kk_number"])
        head_birth = date.fromisoformat(members[0]["birth_date"])
        niks = [m["nik"] for m in members]
        assert len(set(niks)) == len(niks)
        for m in members:
            assert set(m) == set(MEMBER_FIELDS)
            assert stdnum_nik.is_valid(m["nik"]) and m["nik"][:6] == region
            day, month, yy, sex = nik_birth_sex(m["nik"])
            assert m["birth_date"][8:10] == day and m["birth_date"][5:7] == month and m["birth_date"][2:4] == yy
            assert m["sex"] == sex and m["sex"] in SEXES
            assert m["religion"] in RELIGIONS and m["marital_status"] in MARITAL_STATUSES
            assert m["education"] in EDUCATIONS and m["relationship"] in RELATIONSHIPS
            assert m["occupation"] in OCCUPATIONS and m["nationality"] == "WNI"
            assert m["name"] == m["name"].upper().strip() and "  " not in m["name"]
            if m["relationship"] == "ANAK":  # children are born after their parent came of age
                assert date.fromisoformat(m["birth_date"]) > date(head_birth.year + 15, 1, 1)
                assert head_birth.isoformat() < m["birth_date"]
        spouses = [m for m in members if m["relationship"] in ("ISTRI", "SUAMI")]
        assert len(spouses) <= 1
        for child in (m for m in members if m["relationship"] == "ANAK"):
            parents = {child["father_name"], child["mother_name"]}
            assert members[0]["name"] in parents
            if spouses:
                assert spouses[0]["name"] in parents
        assert date.fromisoformat(fam.header["issue_date"]) >= max(date.fromisoformat(m["birth_date"]) for m in members)
    assert len(sizes) >= 5  # families of many sizes


def test_cli_writes_the_labelled_folder(tmp_path: Path) -> None:
    main([str(tmp_path / "scan"), "--count", "2", "--seed", "5", "--mode", "scan"])
    ids = generate(tmp_path / "photo", 1, 6, "photo")
    assert ids == ["kk-0001-photo"]
    for folder, n in ((tmp_path / "scan", 2), (tmp_path / "photo", 1)):
        images = sorted((folder / "images").glob("*.jpg"))
        truths = sorted((folder / "truth").glob("*.json"))
        assert len(images) == len(truths) == n
        assert [p.stem for p in images] == [p.stem for p in truths]
        for path in truths:
            truth = json.loads(path.read_text(encoding="utf-8"))
            assert truth["document_type"] == "kk"
            assert set(HEADER_FIELDS) | {"members"} <= set(truth)
            assert truth["members"] and all(set(m) == set(MEMBER_FIELDS) for m in truth["members"])


def test_output_depends_only_on_the_seed(tmp_path: Path) -> None:
    generate(tmp_path / "a", 1, 9, "scan")
    generate(tmp_path / "b", 1, 9, "scan")
    a, b = (tmp_path / x / "truth" / "kk-0001-scan.json" for x in "ab")
    assert a.read_text() == b.read_text()
    image_a, image_b = (tmp_path / x / "images" / "kk-0001-scan.jpg" for x in "ab")
    assert image_a.read_bytes() == image_b.read_bytes()
