"""Kartu Keluarga prints the plain generator did not draw (workers.pipeline.extract.kk): the column-number
row, header columns set close together, blank forms, and uploads too small to read (a retake, not a guess).
The OCR-free tests use hand-made lines and blank images; the integration one reads a generated page."""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import pytest
from faker import Faker

from samples.kk import DPI, FamilyFactory, Style, blank_out, generate
from workers.pipeline.extract.kk import (
    MIN_DPI,
    Cell,
    KkReader,
    _cut_at_label,
    is_column_number,
    is_column_number_row,
    resolution_check,
)
from workers.pipeline.types import TextLine


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("(1)", True),
        ("(10)", True),
        ("(11) (12) (13)", True),
        ("(1", True),
        ("3)", True),
        ("(l)", True),
        ("1", False),
        ("12", False),
        ("3204120101000001", False),
        ("AGUS", False),
        ("(PKH)", False),
    ],
)
def test_the_column_number_row_is_known_by_its_bracketed_numbers(text: str, numbers: bool) -> None:
    assert is_column_number(text) is numbers


def _row(**texts: str) -> dict[str, Cell]:
    return {k: Cell(v, 0.9, None, []) for k, v in texts.items()}


def test_a_row_of_small_numbers_is_no_member() -> None:
    assert is_column_number_row(_row(no="1", name="2", nik="3", sex="4", birth_place="5"))
    assert is_column_number_row(_row(no="(11)", marital_status="12", wedding_date="(13)", relationship="14"))
    assert not is_column_number_row(_row(no="1", name="AGUS PUTRA", nik="1571041702512005", sex="LAKI-LAKI"))
    assert not is_column_number_row(_row(no="2", nik="1571044502627943"))  # a member with half its cells read


def test_a_header_value_ends_where_the_next_columns_label_begins() -> None:
    assert _cut_at_label("SOEKARI Desa/Kelurahan : JATIWANGI") == "SOEKARI"
    assert _cut_at_label("AGUS PUTRA Kecamatan: PASAR JAMBI") == "AGUS PUTRA"
    assert _cut_at_label("JL. DESA MERDEKA NO. 5") == "JL. DESA MERDEKA NO. 5"  # a street named Desa stays


def _header_lines(gap: float, right_label: str = "Desa/Kelurahan") -> list[TextLine]:
    """The head's row: label, colon, value, then the right column's label, colon and value `gap` px on."""
    x = 620 + gap
    return [
        TextLine("Nama Kepala Keluarga", 0.95, (60, 300, 330, 324)),
        TextLine(":", 0.9, (345, 300, 352, 324)),
        TextLine("SOEKARI", 0.95, (370, 300, 480, 324)),
        TextLine(right_label, 0.95, (round(x), 300, round(x) + 190, 324)),
        TextLine(":", 0.9, (round(x) + 200, 300, round(x) + 207, 324)),
        TextLine("JATIWANGI", 0.95, (round(x) + 225, 300, round(x) + 360, 324)),
    ]


@pytest.mark.parametrize("right_label", ["Desa/Kelurahan", "Dsa/Kelrahn", "D3sa/KeIurahan"])
def test_the_head_of_family_never_takes_the_next_columns_value(right_label: str) -> None:
    reader = KkReader()
    fields = reader.header(_header_lines(20, right_label), table_top=600)
    assert fields["head_name"].value == "SOEKARI"


def test_a_blank_header_gives_no_values() -> None:
    lines = [
        TextLine("Nama Kepala Keluarga", 0.95, (60, 300, 330, 324)),
        TextLine(":", 0.9, (345, 300, 352, 324)),
        TextLine("Kecamatan", 0.95, (900, 300, 1030, 324)),
        TextLine(":", 0.9, (1100, 300, 1107, 324)),
        TextLine("Alamat", 0.95, (60, 340, 150, 364)),
        TextLine(": Kode Pos :", 0.9, (345, 340, 520, 364)),
    ]
    assert KkReader().header(lines, table_top=600) == {}


def test_an_upload_too_small_to_read_asks_for_a_retake() -> None:
    a4 = 297 / 210
    web = np.full((512, round(512 * a4), 3), 245, np.uint8)  # a 723 x 512 web copy: ~62 dpi
    check = resolution_check(web)
    assert not check.passed and check.action == "retake" and check.reason == "RETAKE_LOW_RESOLUTION"
    for dpi in (100, 150, 300):
        w = round(297 / 25.4 * dpi)
        fine = resolution_check(np.full((round(w / a4), w, 3), 245, np.uint8))
        assert fine.passed and fine.action is None, dpi
    assert max(DPI["web"]) < MIN_DPI < min(DPI["lowres"])  # the generator's modes straddle it


def test_diverse_styles_and_blank_forms_in_the_generator(tmp_path: Path) -> None:
    fake = Faker("id_ID")
    fake.seed_instance(4)
    factory = FamilyFactory(random.Random(4), fake)
    family = factory.family()
    blank_out(family, Style(fill="blank"), random.Random(1))
    assert not family.members and not any(family.header.values())
    half = factory.family()
    blank_out(half, Style(fill="half"), random.Random(2))
    assert half.members and 2 <= sum(v == "" for v in half.header.values()) <= 4
    styles = [Style.draw(random.Random(i)) for i in range(60)]
    assert {s.column_numbers for s in styles} == {None, "restart", "continue"}
    assert any(s.qr for s in styles) and any(s.value_ink for s in styles) and any(s.fill == "blank" for s in styles)
    ids = generate(tmp_path, 2, 77, "web", diverse=True)
    for image_id in ids:
        truth = json.loads((tmp_path / "truth" / f"{image_id}.json").read_text(encoding="utf-8"))
        assert truth["capture_mode"] == "web"


@pytest.mark.integration
def test_a_lowres_page_with_column_numbers_and_coloured_niks_is_read(tmp_path: Path) -> None:
    """A 100-150 dpi scan of the newer layout with its column-number rows and NIKs in blue: every member,
    no phantom row; the same page at web size is a retake with no members (the whole pipeline)."""
    import cv2

    from samples.kk import render_family
    from service.config import get_settings
    from workers.pipeline import process
    from workers.verification import engine_for

    engine = engine_for(get_settings())  # as the worker builds it
    style = Style(column_numbers="restart", value_ink=(25, 45, 160), nik_only=True, qr=True)
    fake = Faker("id_ID")
    fake.seed_instance(12)
    family = FamilyFactory(random.Random(12), fake).family()
    for mode in ("lowres", "web"):
        img = render_family(family, mode, random.Random(5), np.random.default_rng(5), style)
        ok, data = cv2.imencode(".jpg", cv2.cvtColor(img, cv2.COLOR_RGB2BGR))
        assert ok
        result = process.run([data.tobytes()], engine, process.Options(document_type="kk"))
        members = result.fields["members"].value if "members" in result.fields else []
        if mode == "lowres":
            assert [m["nik"] for m in members] == [m["nik"] for m in family.members]
            assert not [c for c in result.checks if not c.passed]
        else:
            assert not members
            assert any(c.name == "resolution" and c.action == "retake" for c in result.checks)
