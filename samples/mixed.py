"""Documents the service does not read, and a mixed folder for the classification figure.

    python -m samples.mixed OUT_DIR --count N --seed S [--mode photo|scan|both] [--unknown-only]

Unknown documents (truth ``{"document_type": "unknown", "capture_mode": …}``, no fields): an invitation
letter from a village office (kop surat, Nomor, Perihal: the look of an SKTM without being one), a
payment receipt (KWITANSI), a page of running text, and a blank sheet. Without ``--unknown-only`` the
folder also gets ``N`` each of KTP-el (samples.generate, scan and photo modes), passports, SKTM letters,
Kartu Keluarga pages and SIM cards (samples.sim, scan and photo), all with their own truth files, so that one
``docverify eval`` gives the classification accuracy over the six classes.
"""

from __future__ import annotations

import argparse
import random
from datetime import timedelta
from pathlib import Path
from typing import Any

import numpy as np
from faker import Faker
from PIL import Image, ImageDraw

from primitives.regions import load_regions
from samples.ktp_render import Ink
from samples.labelled import capture_modes, labelled_folder, write_truth
from samples.people import REF_DATE, PersonFactory
from samples.render import draw_signature, typefaces
from samples.sktm import LetterRenderer, capture, id_date, save

KINDS = ("invitation", "receipt", "text", "blank")


def _page(r: random.Random) -> tuple[Image.Image, Ink, float, int]:
    w = r.randint(1200, 1300)
    h = round(w * 297 / 210)
    shade = r.randint(238, 253)
    img = Image.new("RGB", (w, h), (shade, shade, shade))
    ink = r.randint(0, 40)
    pen = Ink(ImageDraw.Draw(img), r.choice(typefaces()), (ink, ink, ink))
    return img, pen, w / 1240, round(r.uniform(21, 25) * w / 1240)


def render_unknown(kind: str, factory: PersonFactory, fake: Faker, r: random.Random) -> Image.Image:
    img, pen, s, fs = _page(r)
    w, h = img.size
    margin = r.uniform(90, 140) * s
    lh = fs * r.uniform(1.45, 1.7)
    if kind == "blank":
        return img
    p = factory.person().fields
    if kind == "invitation":
        info = {"person": factory.person(), "kind": "DESA", "sktm": True}
        letter = LetterRenderer(info, r)  # its wrap() only: the text below is not an SKTM
        letter.img, letter.draw, letter.pen, letter.fs = img, pen.draw, pen, fs
        y = 110 * s
        for text in (f"PEMERINTAH {p['regency']}", f"KECAMATAN {p['district']}", f"DESA {p['village']}"):
            pen.text((w / 2, y), text, pen.fit(text, round(fs * 1.3), w - 2 * margin, True), bold=True, anchor="ms")
            y += fs * 1.8
        pen.draw.line((margin, y, w - margin, y), fill=pen.color, width=3)
        y += lh * 1.5
        day = REF_DATE - timedelta(days=r.randint(0, 500))
        for label, value in (
            ("Nomor", f"005/{r.randint(1, 300):03d}/Pem/{day.year}"),
            ("Sifat", "Penting"),
            ("Lampiran", "-"),
            ("Perihal", r.choice(("Undangan Rapat", "Undangan Musyawarah Desa", "Undangan Kerja Bakti"))),
        ):
            pen.text((margin, y), label, fs)
            pen.text((margin + 160 * s, y), f": {value}", fs)
            y += lh
        y += lh
        pen.text((margin, y), f"Kepada Yth. Bapak/Ibu {p['name'].title()}", fs)
        y += lh * 1.5
        y = letter.wrap(
            f"Dengan hormat, bersama ini kami mengundang Bapak/Ibu untuk hadir pada hari "
            f"{r.choice(('Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat'))}, {id_date(day)}, pukul "
            f"{r.randint(8, 15):02d}.00 WIB di Balai Desa, dengan acara {fake.sentence(nb_words=8)}",
            margin,
            y,
            w - 2 * margin,
            lh,
        )
        y = letter.wrap(
            "Atas perhatian dan kehadirannya kami ucapkan terima kasih.", margin, y + lh * 0.5, w - 2 * margin, lh
        )
        pen.text((w * 0.6, y + lh * 1.5), "Kepala Desa", fs)
        draw_signature(pen.draw, (w * 0.6, y + lh * 2, w * 0.6 + 200 * s, y + lh * 3.5), r)
        return img
    if kind == "receipt":
        y = 140 * s
        pen.text((w / 2, y), "KWITANSI", round(fs * 1.6), bold=True, anchor="ms")
        y += lh * 2
        amount = r.randint(5, 500) * 10000
        for label, value in (
            ("No.", f"{r.randint(1, 9999):04d}"),
            ("Telah terima dari", p["name"].title()),
            ("Uang sejumlah", f"Rp {amount:,}".replace(",", ".")),
            ("Untuk pembayaran", fake.sentence(nb_words=5)),
        ):
            pen.text((margin, y), label, fs)
            pen.text((margin + 260 * s, y), f": {value}", fs)
            y += lh * 1.3
        pen.text((w * 0.6, y + lh), f"{p['birth_place'].title()}, {id_date(REF_DATE)}", fs)
        draw_signature(pen.draw, (w * 0.6, y + lh * 1.5, w * 0.6 + 200 * s, y + lh * 3), r)
        return img
    # running text: a page of a report
    y = 130 * s
    pen.text((margin, y), fake.sentence(nb_words=5).upper(), round(fs * 1.2), bold=True)
    y += lh * 2
    while y < h - 200 * s:
        line = fake.sentence(nb_words=r.randint(8, 12))
        pen.text((margin, y), line[:90], pen.fit(line[:90], fs, w - 2 * margin))
        y += lh
    return img


def generate_unknown(out_dir: Path, count: int, seed: int, mode: str = "both") -> list[str]:
    labelled_folder(out_dir)
    rng = random.Random(f"unknown:{seed}")
    fake = Faker("id_ID")
    fake.seed_instance(seed)
    factory = PersonFactory(rng, fake, load_regions())
    ids = []
    for i, m in enumerate(capture_modes(mode, count), start=1):
        kind = KINDS[(i - 1) // 2 % len(KINDS)] if mode == "both" else KINDS[(i - 1) % len(KINDS)]
        r = random.Random(f"unknown:{seed}:{i}")
        g = np.random.default_rng([seed, i, 13])
        image_id = f"unknown-{i:04d}-{m}"
        save(capture(render_unknown(kind, factory, fake, r), m, r, g), out_dir / "images" / image_id, m, r)
        truth: dict[str, Any] = {"document_type": "unknown", "capture_mode": m, "variant": kind}
        write_truth(out_dir, image_id, truth, indent=None)
        ids.append(image_id)
    return ids


def generate(out_dir: Path, count: int, seed: int, mode: str = "both") -> list[str]:
    from samples import generate as ktp
    from samples import passport, sktm

    ids = generate_unknown(out_dir, count, seed, mode)
    ids += passport.generate(out_dir, count, seed + 1, mode)
    ids += sktm.generate(out_dir, count, seed + 2, mode)
    ktp_modes = ["scan", "photo"] if mode == "both" else [mode]
    ids += ktp.generate(out_dir, count, seed + 3, ktp_modes, workers=1)
    from samples import kk

    ids += kk.generate(out_dir, count, seed + 4, "photo" if mode == "both" else mode)
    from samples import sim

    ids += sim.generate(out_dir, count, seed + 5, ["scan", "photo"] if mode == "both" else [mode], registry=False)
    return ids


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m samples.mixed", description=__doc__.split("\n")[0])
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--count", type=int, default=4, help="documents per type")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--mode", choices=("photo", "scan", "both"), default="both")
    ap.add_argument("--unknown-only", action="store_true")
    a = ap.parse_args(argv)
    ids = (generate_unknown if a.unknown_only else generate)(a.out_dir, a.count, a.seed, a.mode)
    print(f"wrote {len(ids)} documents to {a.out_dir}")


if __name__ == "__main__":
    main()
