"""samples.passport: every kind's truth is what a perfect reader returns from its own MRZ."""

from __future__ import annotations

import json
from pathlib import Path

from samples.passport import generate
from workers.pipeline import mrz
from workers.pipeline.extract.passport import FIELDS

KEYS = FIELDS  # the text fields the passport reader takes from the MRZ


def test_mix_has_every_format_and_each_truth_is_its_mrz(tmp_path: Path) -> None:
    ids = generate(tmp_path, 8, seed=5, mode="both", kind="mix")
    assert [i.split("-")[0] for i in ids] == ["passport", "passport", "td2", "td1"] * 2
    formats = {"passport": "TD3", "td1": "TD1", "td2": "TD2"}
    for image_id in ids:
        truth = json.loads((tmp_path / "truth" / f"{image_id}.json").read_text())
        assert truth["document_type"] == "passport" and truth["mrz_valid"] is True
        m = mrz.parse(truth["mrz_lines"])
        assert m is not None and m.valid and m.format == formats[image_id.split("-")[0]], image_id
        assert {k: m.fields[k] for k in KEYS} == {k: truth[k] for k in KEYS}, image_id
        assert any((tmp_path / "images").glob(f"{image_id}.*"))


def test_td2_cards_are_id2_sized(tmp_path: Path) -> None:
    from PIL import Image

    ids = generate(tmp_path, 2, seed=9, mode="scan", kind="td2")
    for image_id in ids:
        lines = json.loads((tmp_path / "truth" / f"{image_id}.json").read_text())["mrz_lines"]
        assert [len(x) for x in lines] == [36, 36]
        image = next((tmp_path / "images").glob(f"{image_id}.*"))
        w, h = Image.open(image).size
        assert 1.3 < w / h < 1.55  # ID-2 is 105 x 74 mm (1.42); a scan adds a margin
