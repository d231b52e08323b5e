"""A labelled set for the reused-document signals (issue 10): distinct synthetic KTP-el submissions and
planted near copies of earlier ones, submitted again under another NIK claim, client or program.

    python -m samples.reuse OUT_DIR --submissions 500 --reuses 50 --seed S

writes

* ``OUT_DIR/images/<sid>.<jpg|png|webp>``: one upload per submission;
* ``OUT_DIR/submissions.jsonl``: one line per submission, in submission order: ``{"id", "file",
  "submitted_at", "client", "program", "claim_nik", "card": {nik, address, rt_rw, village}, "planted",
  "copy_of", "variant", "changed"}``. ``card`` is what is printed on the card (the fields the signals read);
  ``planted`` copies name their original (``copy_of``), how the image was changed (``variant``:
  ``recrop``, ``recompress``, ``rephoto``, ``mixed``) and what differs from the original submission
  (``changed``: ``nik``, ``client`` or ``program``).

Cards and captures come from ``samples.generate`` and its parts (the person factory of ``samples.people``, the
card renderer of ``samples.render``, the capture modes of ``samples.capture``;
``rotated`` is left out because turning a sideways card upright needs OCR). A re-photographed copy is the
same rendered card (same random streams) captured again with other perspective, light, noise and blur.
Submission times spread over 30 days, so that the burst signal stays quiet with the default settings.
Everything depends only on the seed.
"""

from __future__ import annotations

import argparse
import io
import json
import random
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import cv2
import numpy as np
from faker import Faker
from PIL import Image

from primitives.regions import load_regions
from samples.capture import add_glare, add_noise, capture_photo, capture_scan
from samples.generate import Job, render_job
from samples.people import PersonFactory
from samples.render import render_card

MODES = ("scan", "photo", "glare", "blur_noise", "lowres")
VARIANTS = ("recrop", "recompress", "rephoto", "mixed")
CHANGES = ("nik", "client", "program")
CLIENTS = ("desa-sukamaju", "desa-mekarsari", "kec-cibeunying", "kel-tegalrejo", "dinsos-kota", "pos-mobile")
PROGRAMS = ("pkh", "bpnt", "blt-dd")
START = datetime(2026, 10, 1, 8, 0, tzinfo=UTC)
CARD_KEYS = ("nik", "address", "rt_rw", "village")


def _decode(path: Path) -> np.ndarray:
    with Image.open(path) as im:
        return np.asarray(im.convert("RGB"))


def _save(img: np.ndarray, path: Path, quality: int) -> None:
    Image.fromarray(img).save(path, "JPEG", quality=quality)


def recompress(img: np.ndarray, r: random.Random) -> tuple[np.ndarray, int]:
    """Resized to 45–100 % and saved again at JPEG quality 30–95 (returns the image and the quality)."""
    scale = r.uniform(0.45, 1.0)
    h, w = img.shape[:2]
    img = cv2.resize(img, (max(1, round(w * scale)), max(1, round(h * scale))), interpolation=cv2.INTER_AREA)
    quality = r.randint(30, 95)
    buf = io.BytesIO()
    Image.fromarray(img).save(buf, "JPEG", quality=quality)
    buf.seek(0)
    with Image.open(buf) as im:
        return np.asarray(im.convert("RGB")), quality


def recrop(img: np.ndarray, r: random.Random) -> np.ndarray:
    """Each side cut by up to 4 % or widened by up to 6 % of the image (new border in the edge colour)."""
    h, w = img.shape[:2]
    cuts = [r.uniform(-0.06, 0.04) for _ in range(4)]  # left, top, right, bottom; negative adds
    pads = [max(0, round(-c * (w if i % 2 == 0 else h))) for i, c in enumerate(cuts)]
    img = cv2.copyMakeBorder(img, pads[1], pads[3], pads[0], pads[2], cv2.BORDER_REPLICATE)
    h2, w2 = img.shape[:2]
    x0 = round(max(0.0, cuts[0]) * w)
    y0 = round(max(0.0, cuts[1]) * h)
    x1 = w2 - round(max(0.0, cuts[2]) * w)
    y1 = h2 - round(max(0.0, cuts[3]) * h)
    return img[y0:y1, x0:x1]


def rephotograph(job: Job, r: random.Random, g: np.random.Generator) -> np.ndarray:
    """The same card (the original's random streams) captured again: another perspective or scan, light,
    noise, blur and maybe glare."""
    card = render_card(
        job.person, random.Random(f"{job.seed}:{job.index}"), np.random.default_rng([job.seed, job.index])
    )
    img, quad = (capture_photo if r.random() < 0.7 else capture_scan)(card, r, g)
    if r.random() < 0.3:
        img = add_glare(img, quad, r)
    if r.random() < 0.4:
        img = cv2.GaussianBlur(img, (0, 0), sigmaX=r.uniform(0.6, 1.4))
        img = add_noise(img, r.uniform(2, 6), g)
    return img


def generate(out_dir: Path, submissions: int, reuses: int, seed: int) -> list[dict[str, Any]]:
    if not 0 <= reuses < submissions:
        raise ValueError("reuses must be at least 0 and fewer than submissions")
    out_dir = Path(out_dir)
    (out_dir / "images").mkdir(parents=True, exist_ok=True)
    for old in (out_dir / "images").iterdir():
        old.unlink()
    rng = random.Random(seed)
    fake = Faker("id_ID")
    fake.seed_instance(seed)
    factory = PersonFactory(rng, fake, load_regions())
    distinct = submissions - reuses
    entries: list[dict[str, Any]] = []
    jobs: dict[str, Job] = {}
    per_mode: dict[str, int] = {}
    for i in range(distinct):
        person = factory.person()
        mode = MODES[i % len(MODES)]
        sid = f"s{i + 1:04d}"
        job = Job(i, sid, mode, person, seed, per_mode.get(mode, 0))
        per_mode[mode] = job.mode_index + 1
        jobs[sid] = job
        entries.append(
            {
                "id": sid,
                "mode": mode,
                "client": rng.choice(CLIENTS),
                "program": rng.choice(PROGRAMS),
                "claim_nik": person.fields["nik"],
                "card": {k: person.fields[k] for k in CARD_KEYS},
                "at": START + timedelta(minutes=rng.uniform(0, 30 * 24 * 60)),
                "planted": False,
                "copy_of": None,
                "variant": None,
                "changed": None,
            }
        )
    for i, entry in enumerate(entries):
        truth = render_job(jobs[entry["id"]], out_dir)
        assert truth["nik"] == entry["card"]["nik"]
        entry["file"] = next(p.name for p in (out_dir / "images").glob(f"{entry['id']}.*"))
        del entry["mode"]
        if (i + 1) % 50 == 0:
            print(f"{i + 1}/{distinct} distinct cards", flush=True)

    originals = rng.sample(entries[:distinct], reuses)
    for k, original in enumerate(originals):
        sid = f"r{k + 1:04d}"
        r = random.Random(f"{seed}:reuse:{k}")
        g = np.random.default_rng([seed, 7919, k])
        variant = VARIANTS[k % len(VARIANTS)]
        source = _decode(out_dir / "images" / original["file"])
        quality = r.randint(70, 92)
        if variant == "recrop":
            img = recrop(source, r)
        elif variant == "recompress":
            img, quality = recompress(source, r)
        elif variant == "rephoto":
            img = rephotograph(jobs[original["id"]], r, g)
        else:  # re-photographed, then cut or squeezed
            img = rephotograph(jobs[original["id"]], r, g)
            if r.random() < 0.5:
                img = recrop(img, r)
            img, quality = recompress(img, r)
        _save(img, out_dir / "images" / f"{sid}.jpg", quality)
        changed = CHANGES[k % len(CHANGES)]
        entry = {
            **original,
            "id": sid,
            "file": f"{sid}.jpg",
            "planted": True,
            "copy_of": original["id"],
            "variant": variant,
            "changed": changed,
            "at": original["at"] + timedelta(minutes=r.uniform(30, 20 * 24 * 60)),
        }
        if changed == "nik":
            entry["claim_nik"] = factory.person().fields["nik"]  # someone else's NIK claimed with this card
        elif changed == "client":
            entry["client"] = r.choice([c for c in CLIENTS if c != original["client"]])
        else:
            entry["program"] = r.choice([p for p in PROGRAMS if p != original["program"]])
        entries.append(entry)

    entries.sort(key=lambda e: e["at"])
    with (out_dir / "submissions.jsonl").open("w", encoding="utf-8") as fh:
        for entry in entries:
            line = {k: v for k, v in entry.items() if k != "at"}
            line["submitted_at"] = entry["at"].isoformat()
            fh.write(json.dumps(line, ensure_ascii=False) + "\n")
    return entries


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m samples.reuse", description=__doc__.split("\n")[0])
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--submissions", type=int, default=500)
    ap.add_argument("--reuses", type=int, default=50)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args(argv)
    entries = generate(a.out_dir, a.submissions, a.reuses, a.seed)
    print(f"wrote {len(entries)} submissions ({a.reuses} planted reuses) to {a.out_dir}")


if __name__ == "__main__":
    main()
