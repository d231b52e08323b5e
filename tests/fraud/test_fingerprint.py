"""Perceptual fingerprints of the flattened card: near copies of one card stay within the radii the signal
service uses (settings' defaults); different holders' cards do not."""

from __future__ import annotations

import io
import random

import numpy as np
import pytest
from PIL import Image

from service.config import Settings
from tests.stack import ROOT
from workers.pipeline import fingerprint as fp
from workers.pipeline.io import Limits, decode
from workers.pipeline.process import prepare_page

IMAGES = ROOT / "samples" / "ktp" / "images"
SETTINGS = Settings(env="dev")


def flat(data: bytes) -> np.ndarray:
    page, _checks = prepare_page(decode(data, Limits())[0], 0)
    return page.image


def jpeg(img: np.ndarray, quality: int, scale: float = 1.0) -> bytes:
    pil = Image.fromarray(img[..., ::-1])
    if scale != 1.0:
        pil = pil.resize((round(pil.width * scale), round(pil.height * scale)))
    buf = io.BytesIO()
    pil.save(buf, "JPEG", quality=quality)
    return buf.getvalue()


def same_picture(a: fp.Fingerprint, b: fp.Fingerprint) -> bool:
    return (
        fp.hamming(a.card, b.card) <= SETTINGS.fraud_card_radius
        and fp.hamming(a.text, b.text) <= SETTINGS.fraud_text_radius
    )


@pytest.fixture(scope="module")
def originals() -> dict[str, np.ndarray]:
    return {
        name: np.asarray(Image.open(IMAGES / name).convert("RGB"))[..., ::-1].copy()
        for name in ("ktp-0001-scan.png", "ktp-0007-scan.png", "ktp-0002-photo.jpg", "ktp-0008-photo.webp")
    }


def test_recompressed_and_recropped_copies_stay_close(originals: dict[str, np.ndarray]) -> None:
    rng = random.Random(5)
    for name, img in originals.items():
        base = fp.fingerprint(flat(jpeg(img, 95)))
        for quality, scale in ((60, 0.8), (90, 1.0)):
            copy = fp.fingerprint(flat(jpeg(img, quality, scale)))
            assert same_picture(base, copy), (name, quality, scale, fp.hamming(base.card, copy.card))
        # squeezed hard, a photographed card is flattened a little differently: still within the radius the
        # same-content rule allows (the text read off the card says it is the same card)
        copy = fp.fingerprint(flat(jpeg(img, 35, 0.6)))
        assert fp.hamming(base.card, copy.card) <= SETTINGS.fraud_content_card_radius, name
        h, w = img.shape[:2]
        cut = img[
            round(h * rng.uniform(0, 0.02)) : h - round(h * rng.uniform(0, 0.02)),
            round(w * rng.uniform(0, 0.02)) : w - round(w * rng.uniform(0, 0.02)),
        ]
        copy = fp.fingerprint(flat(jpeg(cut, 80)))
        assert fp.hamming(base.photo, copy.photo) <= 16, name


def test_different_cards_are_not_the_same_picture(originals: dict[str, np.ndarray]) -> None:
    prints = {name: fp.fingerprint(flat(jpeg(img, 90))) for name, img in originals.items()}
    names = sorted(prints)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            assert not same_picture(prints[a], prints[b]), (a, b)


def test_hashes_are_signed_64_bit_and_bad_input_is_refused() -> None:
    card = np.full((631, 1000, 3), 200, np.uint8)
    card[100:140, 200:600] = 20
    f = fp.fingerprint(card)
    for value in (f.card, f.photo, f.text):
        assert -(1 << 63) <= value < (1 << 63)
    assert fp.hamming(f.card, f.card) == 0 and fp.hamming(0, -1) == 64
    assert len(f.to_json()["card"]) == 16
    with pytest.raises(ValueError):
        fp.fingerprint(np.zeros((4, 4, 3), np.uint8))
    assert fp.card_fingerprint([]) is None
    assert fp.card_fingerprint([np.zeros((4, 4, 3), np.uint8)]) is None
