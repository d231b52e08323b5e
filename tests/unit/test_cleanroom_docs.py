"""The clean-room KK and SKTM renderers (samples.cleanroom.kk / .sktm): deterministic, valid truth, every
capture mode decodable, blank forms with empty truth. No OCR here: the reader's accuracy on these pages is
measured with `docverify eval`, never asserted in a unit test."""

from __future__ import annotations

import datetime as dt
import io
import json
import random
import re
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from stdnum.id import nik as stdnik

from samples.cleanroom import kk, pages, sktm
from samples.cleanroom.family import make_household

ROOT = Path(__file__).resolve().parents[2]
KK_KEYS = set(json.loads((ROOT / "samples/kk/truth/kk-0001-scan.json").read_text()))
KK_MEMBER_KEYS = list(json.loads((ROOT / "samples/kk/truth/kk-0001-scan.json").read_text())["members"][0])
SKTM_KEYS = {
    "document_type",
    "capture_mode",
    "variant",
    "letter_number",
    "issuer",
    "issue_date",
    "subject_name",
    "subject_nik",
    "subject_address",
    "purpose",
}
ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def _nik_agrees(nik: str, birth: str, sex: str) -> bool:
    day = int(nik[6:8])
    born = dt.date.fromisoformat(birth)
    return (
        stdnik.is_valid(nik)
        and (day > 40) == (sex == "PEREMPUAN")
        and day % 40 == born.day
        and nik[8:10] == f"{born.month:02d}"
        and nik[10:12] == f"{born.year % 100:02d}"
    )


@pytest.mark.parametrize("seed", range(40))
def test_household_truth_is_valid(seed: int) -> None:
    h = make_household(random.Random(seed))
    t = kk.truth(h, "full", "scan")
    assert set(t) == KK_KEYS
    assert re.fullmatch(r"\d{16}", t["kk_number"]) and t["kk_number"][:6] == h.place.district_code
    assert re.fullmatch(r"\d{3}/\d{3}", t["rt_rw"]) and ISO.fullmatch(t["issue_date"])
    assert t["head_name"] == t["members"][0]["name"] and t["members"][0]["relationship"] == "KEPALA KELUARGA"
    assert 1 <= len(t["members"]) <= kk.ROWS
    for m in t["members"]:
        assert list(m) == KK_MEMBER_KEYS
        assert _nik_agrees(m["nik"], m["birth_date"], m["sex"]), m
        assert m["birth_date"] <= t["issue_date"]
        assert all(v == v.upper() and "  " not in v and v == v.strip() for v in m.values())
    assert len({m["nik"] for m in t["members"]}) == len(t["members"])


@pytest.mark.parametrize("seed", range(20))
def test_letter_truth_is_valid(seed: int) -> None:
    letter = sktm.make_letter(random.Random(seed))
    t = sktm.truth(letter, False, "photo")
    assert SKTM_KEYS <= set(t) <= SKTM_KEYS | {"valid_until"}
    assert ("valid_until" in t) == (letter.valid_until is not None)
    assert re.fullmatch(r"(DESA|KELURAHAN) [A-Z0-9' ().-]+", t["issuer"]), t["issuer"]
    assert _nik_agrees(t["subject_nik"], letter.subject.birth_date.isoformat(), letter.subject.sex)
    assert " " not in t["letter_number"] and "Nomor" not in t["letter_number"]
    assert t["subject_address"] == " ".join(letter.address.upper().split())
    assert t["purpose"] == t["purpose"].upper() and not t["purpose"].endswith(".")
    assert ISO.fullmatch(t["issue_date"]) and t["issue_date"][:4] == t["letter_number"][-4:]


def test_pages_are_deterministic_per_seed() -> None:
    a = kk.make_sample(5, 3, "web", 0.1)
    assert a == kk.make_sample(5, 3, "web", 0.1)
    assert a[3] != kk.make_sample(6, 3, "web", 0.1)[3]
    b = sktm.make_sample(5, 3, "lowres", 0.1)
    assert b == sktm.make_sample(5, 3, "lowres", 0.1)
    assert b[3] != sktm.make_sample(5, 4, "lowres", 0.1)[3]


@pytest.fixture(scope="module")
def masters() -> dict[str, tuple[Image.Image, tuple[float, float]]]:
    rng = random.Random(7)
    h = make_household(rng)
    layout = kk.pick_layout(rng, h.issue_date)
    letter = sktm.make_letter(rng)
    return {
        "kk": (kk.render(h, layout, rng), layout.page_mm),
        "sktm": (sktm.render(letter, sktm.pick_style(rng), rng, False), sktm.PAGE_MM),
    }


@pytest.mark.parametrize("doc", ["kk", "sktm"])
@pytest.mark.parametrize("mode", pages.MODES)
def test_every_capture_mode_decodes_at_its_resolution(
    masters: dict[str, tuple[Image.Image, tuple[float, float]]], doc: str, mode: str
) -> None:
    page, page_mm = masters[doc]
    shot = pages.capture(page, mode, random.Random(mode), page_mm)
    img = Image.open(io.BytesIO(shot.data))
    img.load()
    assert img.size == shot.size and img.format == {"jpg": "JPEG", "png": "PNG"}[shot.ext]
    long_mm = max(page_mm)
    long_px = max(img.size)
    dpi = long_px / long_mm * 25.4
    if mode == "scan":
        assert 295 <= dpi <= 330  # the bed's margin adds a little
    elif mode == "lowres":
        assert 95 <= dpi <= 165
    elif mode == "web":
        assert 55 <= dpi <= 70
    else:
        assert shot.ext == "jpg" and long_px >= 2400
        arr = np.asarray(img.convert("L"), np.float32)
        # the sheet lies on a table: the border of the frame is not paper-white
        assert min(arr[:20].mean(), arr[-20:].mean(), arr[:, :20].mean(), arr[:, -20:].mean()) < 235


def test_blank_kk_forms_have_empty_truth_and_no_member_ink() -> None:
    rng = random.Random(3)
    h = make_household(rng)
    layout = kk.pick_layout(rng, h.issue_date)
    full = np.asarray(kk.render(h, layout, random.Random(1), "full").convert("L"))
    blank = np.asarray(kk.render(None, layout, random.Random(1), "blank").convert("L"))
    header = np.asarray(kk.render(h, layout, random.Random(1), "header").convert("L"))
    band = slice(pages.mm(60), pages.mm(110))  # member rows of table 1
    ink = [int((x[band] < 100).sum()) for x in (full, header, blank)]
    assert ink[0] > 1.15 * ink[1] and abs(ink[1] - ink[2]) < 0.02 * ink[1]  # grid alike, values only in full
    assert kk.truth(None, "blank", "scan") | {"capture_mode": "scan"} == {
        "document_type": "kk",
        "capture_mode": "scan",
        "kk_number": "",
        "head_name": "",
        "address": "",
        "rt_rw": "",
        "village": "",
        "district": "",
        "regency": "",
        "province": "",
        "issue_date": "",
        "members": [],
    }
    half = kk.truth(h, "header", "scan")
    assert half["members"] == [] and half["kk_number"] == h.kk_number and half["head_name"] == h.head.name


def test_blank_share_one_gives_only_blank_or_half_filled_pages() -> None:
    for i in range(1, 4):
        _, _, _, t = kk.make_sample(9, i, "web", 1.0)
        assert t["members"] == []
        _, _, _, s = sktm.make_sample(9, i, "web", 1.0)
        assert s["issuer"] and "valid_until" not in s
        assert all(
            s[k] == ""
            for k in ("letter_number", "issue_date", "subject_name", "subject_nik", "subject_address", "purpose")
        )


def test_cli_writes_a_labelled_folder(tmp_path: Path) -> None:
    assert kk.main([str(tmp_path / "kk"), "--count", "2", "--seed", "4", "--modes", "web"]) == 0
    assert sktm.main([str(tmp_path / "sk"), "--count", "2", "--seed", "4", "--modes", "web,lowres"]) == 0
    assert sorted(p.stem for p in (tmp_path / "kk/images").iterdir()) == ["crkk-0001-web", "crkk-0002-web"]
    assert sorted(p.stem for p in (tmp_path / "sk/truth").iterdir()) == ["crsk-0001-web", "crsk-0002-lowres"]
    t = json.loads((tmp_path / "sk/truth/crsk-0002-lowres.json").read_text())
    assert t["document_type"] == "sktm" and t["capture_mode"] == "lowres"
    with pytest.raises(SystemExit):
        kk.main([str(tmp_path / "x"), "--modes", "fax"])
