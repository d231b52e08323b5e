"""The synthetic KTP-el generator (samples/generate.py and its parts samples/people.py, samples/render.py,
samples/ktp_render.py, samples/capture.py): files, truth contract, NIK, case kinds, registry, claims,
determinism, the classic output, card designs and capture modes."""

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

import numpy as np  # noqa: E402
from faker import Faker  # noqa: E402
from PIL import Image  # noqa: E402
from stdnum.id import nik as stdnum_nik  # noqa: E402

import samples.generate as gen  # noqa: E402
import samples.ktp_render as kr  # noqa: E402
from doctypes.ktp import KTP  # noqa: E402
from primitives.regions import load_regions, place_name  # noqa: E402
from samples.capture import NEW_MODES, capture, output_format  # noqa: E402
from samples.generate import CLASSIC_MODES, MODES, generate  # noqa: E402
from samples.people import (  # noqa: E402
    CARD_FIELDS,
    MORE_OCCUPATIONS,
    REGISTRY_FIELDS,
    REGISTRY_VARIANTS,
    Person,
    PersonFactory,
    spelling_variant,
)
from samples.render import render_varied  # noqa: E402

KTP_FIELDS = set(KTP.keys)
METADATA = {"capture_mode", "rotation", "exif_orientation", "ocr_noise"}
COUNT = 40
# round(40 * fraction); genuine takes the rest
KIND_COUNTS = {"genuine": 28, "impostor": 5, "unregistered": 5, "noisy": 2}
EXPECTED = {
    "genuine": ("match", "verified"),
    "noisy": ("match", "verified"),
    "impostor": ("mismatch", "rejected"),
    "unregistered": ("not_found", "needs_review"),
}
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
    """10 rendered images: one per kind besides genuine, every capture mode."""
    out = tmp_path_factory.mktemp("ktp-img")
    ids = generate(out, count=len(MODES), seed=123, progress=False)
    return out, ids


def test_files_exist(generated: Generated, rendered: Generated) -> None:
    out, ids = generated
    assert len(ids) == COUNT
    assert [i.split("-", 2)[2] for i in ids] == [MODES[i % len(MODES)] for i in range(COUNT)]  # round-robin
    assert list(_cases(out)) == ids and list(_truths(out)) == ids
    assert not list((out / "images").iterdir())

    out, ids = rendered
    assert {c["kind"] for c in _cases(out).values()} == set(EXPECTED)
    assert {i.split("-", 2)[2] for i in ids} == set(MODES)
    for image_id in ids:
        images = list((out / "images").glob(f"{image_id}.*"))
        assert len(images) == 1, image_id
        mode = image_id.split("-", 2)[2]
        with Image.open(images[0]) as im:
            assert im.width >= 250 and min(im.size) > 150, image_id
            if mode == "small":
                assert 250 <= im.width <= 450
            elif mode == "low":
                assert im.size == (1600, 1200)
            elif mode == "digital":  # edge to edge: transparent corners, opaque centre
                assert images[0].suffix in (".png", ".webp") and im.mode == "RGBA"
                alpha = np.asarray(im)[..., 3]
                assert alpha[0, 0] == 0 and alpha[-1, -1] == 0 and alpha[im.height // 2, im.width // 2] == 255
            else:
                assert min(im.size) > 200
        assert (out / "truth" / f"{image_id}.json").is_file()
    assert list(_cases(out)) == ids


def test_images_do_not_change_the_rest(rendered: Generated, tmp_path: Path) -> None:
    out, ids = rendered
    assert generate(tmp_path, count=len(MODES), seed=123, progress=False, images=False) == ids
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
        assert set(c) <= {
            "id",
            "expected",
            "kind",
            "expected_decision",
            "registry_variants",
            "near_duplicate_nik",
            "claim",
            "claim_disagrees",
        }


def test_truth_contract(generated: Generated) -> None:
    out, _ = generated
    regions = load_regions()
    cases = _cases(out)
    for image_id, truth in _truths(out).items():
        kind = cases[image_id]["kind"]
        assert set(truth) - METADATA == KTP_FIELDS | {"document_type"}, image_id
        assert [k for k in truth if k in KTP_FIELDS] == list(CARD_FIELDS), image_id  # the field model's order
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
        assert re.findall(r"\d+", row["rt_rw"]) and [int(x) for x in re.findall(r"\d+", row["rt_rw"])] == [
            int(x) for x in truth["rt_rw"].split("/")
        ]
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
    assert generate(tmp_path / "img", count=len(MODES), seed=123, workers=2, progress=False) == ids
    assert _truths(tmp_path / "img") == _truths(out)
    for name in ("registry.csv", "cases.jsonl"):
        assert (tmp_path / "img" / name).read_text() == (out / name).read_text()
    assert len(list((out / "images").iterdir())) == len(MODES)
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


# --------------------------------------------------------------------------------------------- classic output


def test_classic_is_the_committed_set(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`classic=True` is the first generator byte for byte: samples/ktp was made with --count 24 --seed 1.
    Truth, registry and cases in full; three images (scan, photo, lowres) rendered and compared as files."""
    committed = ROOT / "samples" / "ktp"
    render = gen.render_star

    def some(args: tuple[gen.Job, Path]) -> dict[str, Any]:
        return render(args) if args[0].index in (0, 1, 4) else gen.truth_record(args[0])

    monkeypatch.setattr(gen, "render_star", some)
    ids = generate(tmp_path, count=24, seed=1, progress=False, classic=True)
    assert [i.split("-", 2)[2] for i in ids] == [CLASSIC_MODES[i % 6] for i in range(24)]
    assert _truths(tmp_path) == _truths(committed)
    for name in ("registry.csv", "cases.jsonl"):
        assert (tmp_path / name).read_bytes() == (committed / name).read_bytes()
    made = sorted((tmp_path / "images").iterdir())
    assert [p.name for p in made] == ["ktp-0001-scan.png", "ktp-0002-photo.jpg", "ktp-0005-lowres.png"]
    for image in made:
        assert image.read_bytes() == (committed / "images" / image.name).read_bytes(), image.name


def test_varied_differs_from_classic(generated: Generated, tmp_path: Path) -> None:
    out, _ = generated
    generate(tmp_path, count=COUNT, seed=123, progress=False, images=False, classic=True)
    assert _truths(tmp_path) != _truths(out)
    assert {t["capture_mode"] for t in _truths(tmp_path).values()} == set(CLASSIC_MODES)
    assert {t["capture_mode"] for t in _truths(out).values()} == set(MODES)


def test_unknown_mode_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown capture modes"):
        generate(tmp_path, count=2, seed=1, modes=["scan", "selfie"], progress=False, images=False)


# --------------------------------------------------------------------------------------------- vocabulary


def _persons(real: bool, n: int = 300) -> list[Person]:
    fake = Faker("id_ID")
    fake.seed_instance(5)
    factory = PersonFactory(random.Random(5), fake, load_regions(), real_vocabulary=real)
    return [factory.person() for _ in range(n)]


def test_real_card_vocabulary() -> None:
    real, classic = _persons(True), _persons(False)
    for persons in (real, classic):
        for p in persons:
            assert stdnum_nik.is_valid(p.fields["nik"])
            for value in p.fields.values():
                assert value == " ".join(value.split()) and value == value.upper()
    occupations = {p.fields["occupation"] for p in real}
    assert "PEGAWAI NEGERI SIPIL (PNS)" in occupations and occupations & set(MORE_OCCUPATIONS)
    assert not any("(" in p.fields["occupation"] for p in classic)
    no_dots = [p.fields["address"] for p in real if re.search(r"\bNO \d", p.fields["address"])]
    assert no_dots and all("." not in a for a in no_dots)
    assert not any(re.search(r"\bNO \d", p.fields["address"]) for p in classic)
    assert max(len(p.fields["address"]) for p in real) > 36 and max(len(p.fields["address"]) for p in classic) <= 30
    assert max(len(p.fields["name"]) for p in real) > 30 >= max(len(p.fields["name"]) for p in classic)
    regions = load_regions()
    places = {place_name(r) for prov in regions.provinces() for r in regions.children_of(prov.code)}
    one_word = {pl.replace(" ", ""): pl for pl in places if " " in pl}  # PADANG PANJANG -> PADANGPANJANG
    assert {p.fields["birth_place"] for p in real} & set(one_word)
    assert not {p.fields["birth_place"] for p in classic} & set(one_word)


# --------------------------------------------------------------------------------------------- card designs


def _ink() -> kr.Ink:
    from PIL import ImageDraw

    face = kr.available_faces()[0][0]
    return kr.Ink(ImageDraw.Draw(Image.new("RGB", (10, 10))), face, (0, 0, 0))


def test_wrap_keeps_the_value() -> None:
    ink = _ink()
    text = "JL. RAJAWALI TIMUR NO. 23 GG. RAWAMANGUN DUSUN KRAJAN"
    lines, size = kr.wrap(ink, text, 20, 260)
    assert len(lines) == 2 and " ".join(lines) == text
    assert all(ink.width(line, size) <= 260 for line in lines)
    assert kr.wrap(ink, "SITI AMINAH", 20, 1000) == (["SITI AMINAH"], 20)
    tight, small = kr.wrap(ink, text, 20, 150)  # too long for two lines at 20 px: the font shrinks
    assert small < 20 and " ".join(tight) == text and all(ink.width(t, small) <= 150 for t in tight)


def test_designs_vary() -> None:
    designs = [kr.draw_design(random.Random(i)) for i in range(400)]
    assert len({d.face.name for d in designs}) == len(kr.available_faces()) >= 2
    if kr.ocr_a_face() is not None:
        assert 0.5 < sum(d.nik_face.name == "OCR-A" for d in designs) / 400 < 0.8
    misprinted = sum(abs(d.value_dy) >= 0.3 for d in designs) / 400
    assert 0.1 < misprinted < 0.35 and all(abs(d.value_dy) <= 0.55 for d in designs)
    assert {d.watermark for d in designs} >= {None, "SPESIMEN", "VERIFIKASI"}
    assert {d.background for d in designs} == {"guilloche", "map", "plain"}
    assert {d.colon_style for d in designs} == {"aligned", "attached", "value"}
    assert max(d.label_x for d in designs) - min(d.label_x for d in designs) > 40


def test_missing_fonts_fall_back(monkeypatch: pytest.MonkeyPatch) -> None:
    person = _persons(True, 1)[0]
    monkeypatch.setattr(kr, "FONT_FAMILIES", {"Gone": (("/nonexistent/a.ttf",), ("/nonexistent/b.ttf",), 1.0)})
    monkeypatch.setattr(kr, "OCR_A_FONTS", ("/nonexistent/ocra.ttf",))
    kr.available_faces.cache_clear()
    kr.ocr_a_face.cache_clear()
    try:
        assert [f.name for f, _ in kr.available_faces()] == ["Pillow"] and kr.ocr_a_face() is None
        design = kr.draw_design(random.Random(1))
        assert design.face.regular is None and design.nik_face is design.face
        card = render_varied(person, random.Random(1), np.random.default_rng(1))
        assert card.mode == "RGBA" and card.width >= 900
    finally:
        kr.available_faces.cache_clear()
        kr.ocr_a_face.cache_clear()


def test_varied_cards_print_dark_text() -> None:
    """The rendered card has its text: more dark pixels than the bare background with the same design."""
    person = _persons(True, 1)[0]
    card = np.asarray(render_varied(person, random.Random(3), np.random.default_rng(3)))
    assert card.shape[2] == 4 and card[0, 0, 3] == 0 and card[card.shape[0] // 2, card.shape[1] // 2, 3] == 255
    dark = (card[..., :3].max(axis=2) < 90) & (card[..., 3] > 0)
    assert 0.01 < dark.mean() < 0.2


# --------------------------------------------------------------------------------------------- capture modes


def _quad_width(quad: np.ndarray) -> float:
    return float(quad[:, 0].max() - quad[:, 0].min())


@pytest.mark.parametrize("seed", range(4))
def test_capture_modes(seed: int) -> None:
    person = _persons(True, 1)[0]
    card = render_varied(person, random.Random(seed), np.random.default_rng(seed))
    for mode in NEW_MODES:
        r, g = random.Random(f"{seed}{mode}"), np.random.default_rng(seed)
        img, quad = capture(mode, card, r, g)
        h, w = img.shape[:2]
        assert (quad >= -0.5).all() and (quad[:, 0] <= w + 0.5).all() and (quad[:, 1] <= h + 0.5).all(), mode
        if mode == "digital":
            assert img.shape[2] == 4 and 600 <= w <= 1150 and img[0, 0, 3] == 0
        elif mode == "small":
            assert 250 <= w <= 450
        elif mode == "low":
            assert (w, h) == (1600, 1200) and 0.2 * 1600 - 2 <= _quad_width(quad) <= 0.35 * 1600 + 2
        else:
            assert img.shape[2] == 3 and 0.4 * w - 2 <= _quad_width(quad) <= w
        fmt, quality = output_format(mode, img.shape[2] == 4, r)
        if img.shape[2] == 4:
            assert fmt in ("png", "webp")
        elif fmt == "jpg":
            assert quality is not None and 30 <= quality <= 95
    with pytest.raises(ValueError):
        capture("selfie", card, random.Random(0), np.random.default_rng(0))


def test_tilt_is_perspective() -> None:
    """A 35 degree tilt makes opposite edges unequal (a 0 degree one does not)."""
    from samples.capture import tilted_quad

    flat = tilted_quad(1.0, 0.63, 0, 0, random.Random(1))
    assert np.allclose(np.linalg.norm(flat[1] - flat[0]), np.linalg.norm(flat[2] - flat[3]))
    ratios = []
    for s in range(20):
        q = tilted_quad(1.0, 0.63, 35, 0, random.Random(s))
        top, bottom = np.linalg.norm(q[1] - q[0]), np.linalg.norm(q[2] - q[3])
        left, right = np.linalg.norm(q[3] - q[0]), np.linalg.norm(q[2] - q[1])
        ratios.append(max(top / bottom, bottom / top, left / right, right / left))
    assert min(ratios) > 1.05 and max(ratios) < 2.0
