"""Cards that are fully read, one of each hard kind from each renderer, read by the real pipeline (PP-OCRv6).

`tests/data/cards/generate` comes from the project's own generator (`samples.generate`, seed 4242),
`tests/data/cards/cleanroom` from the clean-room renderer (`samples.cleanroom.ktp`, which shares no code with
it). Each folder holds a wrapped address, a card small in a phone's frame, an edge-to-edge digital card and a
card with a glare hot spot. Every value must come back exactly as printed, and a card read whole is never sent
back for a retake nor rejected: against a registry holding its holder, it is verified.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from doctypes import REGISTRY_FIELDS
from docverify.evaluation import META_KEYS
from service.config import get_settings
from service.registry.importer import load_csv
from service.registry.service import MemorySource
from workers.verification import verify_bytes

pytestmark = pytest.mark.integration
CARDS = Path(__file__).resolve().parents[1] / "data" / "cards"
KINDS = ("wrapped-address", "small-in-frame", "digital", "glare-spot")
RENDERERS = ("generate", "cleanroom")


def _image(renderer: str, kind: str) -> Path:
    return next((CARDS / renderer / "images").glob(f"{kind}.*"))


def _truth(renderer: str, kind: str) -> dict[str, str]:
    return json.loads((CARDS / renderer / "truth" / f"{kind}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("renderer", RENDERERS)
@pytest.mark.parametrize("kind", KINDS)
def test_a_fully_read_card_is_verified_with_every_value_as_printed(renderer: str, kind: str) -> None:
    truth = _truth(renderer, kind)
    sheet = io.StringIO()
    writer = csv.DictWriter(sheet, fieldnames=REGISTRY_FIELDS, extrasaction="ignore")
    writer.writeheader()
    writer.writerow(truth)
    records, _ = load_csv(io.StringIO(sheet.getvalue()))
    result = verify_bytes(
        [_image(renderer, kind).read_bytes()], get_settings(), source=MemorySource("dukcapil", records)
    ).to_json()
    expected = {k: v for k, v in truth.items() if k not in META_KEYS}
    got = {k: (result["fields"].get(k) or {}).get("value") for k in expected}
    assert got == expected
    assert result["decision"] == "verified", result["reasons"]
    if kind == "small-in-frame":
        assert result["document"]["parts"][0]["found_by"] in ("outline", "text")
