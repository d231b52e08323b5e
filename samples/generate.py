"""Synthetic KTP-el (Indonesian electronic identity card) generator.

    python -m samples.generate OUT_DIR --count N --seed S [--modes scan,photo,...] [--workers W]
                               [--registry-extra N] [--classic]

Three independent parts, each a module of its own: who (``samples.people``: PersonFactory), what is printed
(``samples.render``: render_card, the first generator's template; render_varied, a design per card from
samples.ktp_render) and how it was captured (``samples.capture``: the scan and photo the six classic modes are
made of, and digital, small, low and hard). This module assigns case kinds and modes and writes the labelled
folder. ``--classic`` is the first generator
byte for byte (the committed samples/ktp: ``--count 24 --seed 1 --classic``); by default the designs and the
holders' vocabulary vary and all ten modes are used.

writes

* ``OUT_DIR/images/<id>.<jpg|png|webp>`` — ids like ``ktp-0001-scan``; capture modes are assigned
  round-robin, so every mode gets ``count / len(modes)`` images;
* ``OUT_DIR/truth/<id>.json`` — flat ground truth, i.e. what is printed on the card: ``document_type``,
  ``capture_mode``, the 17 card fields and, for ``rotated`` images, ``rotation`` (degrees *clockwise* by
  which the stored pixels are turned from upright) and possibly ``exif_orientation`` (the EXIF Orientation
  tag; a viewer that applies it, e.g. ``PIL.ImageOps.exif_transpose``, shows the card upright); for
  ``noisy`` cases also ``"ocr_noise": true``;
* ``OUT_DIR/registry.csv`` — a population registry (the contract's 16 columns plus ``desil``, a DTKS
  welfare decile 1–10);
* ``OUT_DIR/cases.jsonl`` — one line per image: ``{"id", "expected": "match" | "mismatch" | "not_found",
  "kind", "expected_decision": "verified" | "rejected" | "needs_review"}``, plus ``registry_variants``,
  ``near_duplicate_nik``, ``claim`` and ``claim_disagrees`` where they apply.

Case kinds (fractions of ``count``, rounded; shuffled):

* ``genuine`` (the rest, ~70 %): the holder's registry row carries 0–3 clerical differences
  (``registry_variants``: ``name_spelling``, ``title``, ``address_abbrev``, ``rt_rw_format``,
  ``case_spacing``; ~35 % untouched) → ``match`` / ``verified``;
* ``impostor`` (12 %): a forged card — the NIK of a registered victim (whose exact row is in the registry)
  with another person's name, birth place, address and RT/RW; every other impostor also has their own
  birth date, so the date encoded in the NIK disagrees → ``mismatch`` / ``rejected``;
* ``unregistered`` (12 %): the holder is not in the registry → ``not_found`` / ``needs_review``;
* ``noisy`` (6 %): a genuine holder (registry row exact or with one difference) whose image gets extra
  blur, strong noise and JPEG quality 35–50 after its capture mode → ``match`` / ``verified``.

The registry also holds 5 decoys, a near-duplicate for ~5 % of the genuine holders (another person with
the same birth date and sex and a similar name: ``near_duplicate_nik``) and ``--registry-extra`` persons
that have no image. ~30 % of the cases carry a ``claim`` (what the applicant typed: ``nik``, ``name``,
``birth_date``, taken from the card); in ~20 % of those one field has a typo, named by ``claim_disagrees``.

Everything is synthetic: names and streets come from Faker ``id_ID``, places from the Kemendagri region
codes shipped with the pipeline, the photo is a drawn silhouette. Output depends only on the seed (not on
``--workers``); images, truth and cases do not depend on ``--registry-extra`` either.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cv2
import numpy as np
from faker import Faker
from PIL import Image
from tqdm import tqdm

from primitives.regions import load_regions
from samples.capture import (
    NEW_MODES,
    add_glare,
    add_noise,
    capture_photo,
    capture_scan,
    degrade,
    jpeg_roundtrip,
    output_format,
)
from samples.capture import capture as capture_new
from samples.people import (
    CARD_FIELDS,
    REGISTRY_FIELDS,
    Person,
    PersonFactory,
    claim_typo,
    registry_variant,
)
from samples.render import render_card, render_varied

# The first six modes, and the whole generator's output with `classic=True`, are what the committed samples/ktp
# was made with; the later ones come from samples.capture.
CLASSIC_MODES: tuple[str, ...] = ("scan", "photo", "glare", "blur_noise", "lowres", "rotated")
MODES: tuple[str, ...] = CLASSIC_MODES + NEW_MODES

N_DECOYS = 5
REGISTRY_EXTRA_COLUMNS: tuple[str, ...] = ("desil",)  # DTKS welfare decile 1-10; kept as an attribute

# Case kinds: fraction of `count` (rounded); the rest are "genuine".
KIND_FRACTIONS: dict[str, float] = {"impostor": 0.12, "unregistered": 0.12, "noisy": 0.06}
KINDS: tuple[str, ...] = ("genuine", "impostor", "unregistered", "noisy")
EXPECTED = {"genuine": "match", "impostor": "mismatch", "unregistered": "not_found", "noisy": "match"}
EXPECTED_DECISION = {"genuine": "verified", "impostor": "rejected", "unregistered": "needs_review", "noisy": "verified"}
# How many clerical differences a genuine (noisy) holder's registry row gets: value -> weight.
GENUINE_VARIANT_COUNTS = {0: 0.35, 1: 0.35, 2: 0.2, 3: 0.1}
NOISY_VARIANT_COUNTS = {0: 0.5, 1: 0.5}
NEAR_DUPLICATE_FRACTION = 0.05  # of the genuine holders
CLAIM_FRACTION = 0.3  # of all cases
CLAIM_DISAGREE_FRACTION = 0.2  # of the claims
CLAIM_FIELDS: tuple[str, ...] = ("nik", "name", "birth_date")


# EXIF Orientation that makes a viewer show upright an image whose pixels were turned clockwise by k°.
EXIF_FOR_ROTATION = {90: 8, 180: 3, 270: 6}
_CV_ROTATE = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}


@dataclass
class Job:
    index: int
    image_id: str
    mode: str
    person: Person
    seed: int
    mode_index: int  # position among the images of the same mode
    noisy: bool = False  # extra capture noise after the mode's rendering (case kind "noisy")
    classic: bool = True  # the first generator's card template (render_card); else a varied design (render_varied)


def _rotation(mode_index: int) -> tuple[int, int | None]:
    """(degrees clockwise, EXIF Orientation or None) of the `mode_index`-th rotated image."""
    rotation = (90, 180, 270)[mode_index % 3]
    # a third of them carry an EXIF Orientation, cycling through the angles
    return rotation, EXIF_FOR_ROTATION[rotation] if mode_index % 3 == (mode_index // 3) % 3 else None


def truth_record(job: Job) -> dict[str, Any]:
    """What a perfect reader returns for the job's image (no rendering needed)."""
    truth: dict[str, Any] = {"document_type": "ktp", "capture_mode": job.mode}
    truth.update({k: job.person.fields[k] for k in CARD_FIELDS})
    if job.mode == "rotated":
        truth["rotation"], exif_tag = _rotation(job.mode_index)
        if exif_tag is not None:
            truth["exif_orientation"] = exif_tag
    if job.noisy:
        truth["ocr_noise"] = True
    return truth


def _save_new_mode(img: np.ndarray, job: Job, out_dir: Path, r: random.Random, noisy_quality: int | None) -> None:
    """Save a samples.capture image (RGB or RGBA) in the format samples.capture.output_format draws."""
    fmt, quality = output_format(job.mode, img.shape[2] == 4, r)
    if noisy_quality is not None:  # the noisy case's JPEG artefacts, kept whatever the container
        rgb = jpeg_roundtrip(np.ascontiguousarray(img[..., :3]), noisy_quality)
        img = np.dstack([rgb, img[..., 3]]) if img.shape[2] == 4 else rgb
        if fmt == "jpg":
            quality = noisy_quality
    pil = Image.fromarray(img)
    path = out_dir / "images" / f"{job.image_id}.{fmt}"
    if fmt == "jpg":
        pil.save(path, "JPEG", quality=quality, optimize=True)
    elif fmt == "webp":
        pil.save(path, "WEBP", lossless=quality is None, quality=quality or 90, method=4)
    else:
        pil.save(path, "PNG", compress_level=6)


def render_job(job: Job, out_dir: Path) -> dict[str, Any]:
    """Render and save one image; returns its truth record."""
    r = random.Random(f"{job.seed}:{job.index}")
    g = np.random.default_rng([job.seed, job.index])
    card = render_card(job.person, r, g) if job.classic else render_varied(job.person, r, g)
    truth = truth_record(job)
    exif: Image.Exif | None = None
    mode = job.mode
    if mode in NEW_MODES:
        img, _ = capture_new(mode, card, r, g)
        noisy_q: int | None = None
        if job.noisy:
            nr, ng = random.Random(f"{job.seed}:{job.index}:noisy"), np.random.default_rng([job.seed, job.index, 1])
            rgb, noisy_q = degrade(np.ascontiguousarray(img[..., :3]), nr, ng)
            img = np.dstack([rgb, img[..., 3]]) if img.shape[2] == 4 else rgb
        _save_new_mode(img, job, out_dir, r, noisy_q)
        return truth
    if mode == "scan":
        img, _ = capture_scan(card, r, g)
    elif mode == "photo":
        img, _ = capture_photo(card, r, g)
    elif mode == "glare":
        img, quad = (capture_photo if r.random() < 0.5 else capture_scan)(card, r, g)
        img = add_glare(img, quad, r)
    elif mode == "blur_noise":
        img, _ = (capture_photo if r.random() < 0.5 else capture_scan)(card, r, g)
        img = cv2.GaussianBlur(img, (0, 0), sigmaX=r.uniform(0.8, 1.6))
        img = add_noise(img, r.uniform(4, 10), g)
    elif mode == "lowres":
        img, _ = capture_scan(card, r, g)
        new_w = r.randint(420, 560)
        img = cv2.resize(img, (new_w, round(img.shape[0] * new_w / img.shape[1])), interpolation=cv2.INTER_AREA)
    elif mode == "rotated":
        img, _ = (capture_photo if r.random() < 0.5 else capture_scan)(card, r, g)
        rotation, exif_tag = _rotation(job.mode_index)
        img = cv2.rotate(img, _CV_ROTATE[rotation])
        if exif_tag is not None:
            exif = Image.Exif()
            exif[0x0112] = exif_tag
    else:
        raise ValueError(f"unknown capture mode {mode!r}")

    noisy_quality: int | None = None
    if job.noisy:  # its own random streams: the image is the genuine one plus this step
        img, noisy_quality = degrade(
            img, random.Random(f"{job.seed}:{job.index}:noisy"), np.random.default_rng([job.seed, job.index, 1])
        )

    if exif is not None:
        fmt = "jpg"
    elif job.index % 10 == 7:
        fmt = "webp"
    elif (mode == "scan" and r.random() < 0.5) or (mode == "lowres" and r.random() < 0.25):
        fmt = "png"
    else:
        fmt = "jpg"
    if noisy_quality is not None and fmt != "jpg":
        img = jpeg_roundtrip(img, noisy_quality)
    pil = Image.fromarray(img)
    path = out_dir / "images" / f"{job.image_id}.{fmt}"
    if fmt == "jpg":
        q = {"blur_noise": r.randint(70, 85), "lowres": r.randint(78, 90)}.get(mode, r.randint(80, 90))
        q = noisy_quality or q
        extra = {"exif": exif} if exif is not None else {}
        pil.save(path, "JPEG", quality=q, optimize=True, **extra)
    elif fmt == "webp":
        pil.save(path, "WEBP", quality=r.randint(78, 88), method=4)
    else:
        pil.save(path, "PNG", compress_level=6)
    return truth


def render_star(args: tuple[Job, Path]) -> dict[str, Any]:
    return render_job(*args)


# --------------------------------------------------------------------------------------------- main


def _clean(out_dir: Path) -> None:
    for sub, pattern in (("images", "ktp-*.*"), ("truth", "ktp-*.json")):
        for p in (out_dir / sub).glob(pattern):
            p.unlink()


def assign_kinds(count: int, rng: random.Random) -> list[str]:
    """The case kind of each of `count` card holders: KIND_FRACTIONS rounded, the rest genuine, shuffled."""
    kinds = [kind for kind, frac in KIND_FRACTIONS.items() for _ in range(round(count * frac))]
    kinds += ["genuine"] * (count - len(kinds))
    rng.shuffle(kinds)
    return kinds


def _registry_row(fields: dict[str, str], rng: random.Random) -> dict[str, str]:
    row = {k: fields[k] for k in REGISTRY_FIELDS}
    row["desil"] = str(rng.randint(1, 10))
    return row


def generate(
    out_dir: Path,
    count: int,
    seed: int,
    modes: list[str] | None = None,
    workers: int = 1,
    progress: bool = True,
    registry_extra: int = 0,
    images: bool = True,
    classic: bool = False,
) -> list[str]:
    """Generate `count` synthetic KTP-el images with truth, registry and cases; returns the image ids.

    `registry_extra` more persons go into the registry only (no image); they do not change anything else.
    With `images=False` nothing is rendered: truth, registry and cases only (the same as with images).
    `classic=True` is the first generator, byte for byte (one card template, no real-card vocabulary; modes
    default to CLASSIC_MODES): the committed samples/ktp is `count=24, seed=1, classic=True`. Otherwise the
    card designs and the vocabulary vary and the modes default to all of MODES.
    """
    modes = list(modes or (CLASSIC_MODES if classic else MODES))
    unknown = set(modes) - set(MODES)
    if unknown:
        raise ValueError(f"unknown capture modes: {sorted(unknown)}")
    out_dir = Path(out_dir)
    (out_dir / "images").mkdir(parents=True, exist_ok=True)
    (out_dir / "truth").mkdir(parents=True, exist_ok=True)
    _clean(out_dir)

    rng = random.Random(seed)
    fake = Faker("id_ID")
    fake.seed_instance(seed)
    regions = load_regions()
    factory = PersonFactory(rng, fake, regions, real_vocabulary=not classic)
    persons = [factory.person() for _ in range(count)]
    decoys = [factory.person() for _ in range(N_DECOYS)]
    kinds = assign_kinds(count, rng)

    per_mode: dict[str, int] = {}
    ids = []
    mode_index = []
    for i in range(count):
        mode = modes[i % len(modes)]
        mode_index.append(per_mode.get(mode, 0))
        per_mode[mode] = mode_index[-1] + 1
        ids.append(f"ktp-{i + 1:04d}-{mode}")

    # the card each holder shows, their registry row and their case line
    rows: list[dict[str, str]] = []
    cards: list[Person] = []
    cases: list[dict[str, Any]] = []
    n_impostors = 0
    for image_id, person, kind in zip(ids, persons, kinds, strict=True):
        case: dict[str, Any] = {
            "id": image_id,
            "expected": EXPECTED[kind],
            "kind": kind,
            "expected_decision": EXPECTED_DECISION[kind],
        }
        card = person
        if kind in ("genuine", "noisy"):
            table = GENUINE_VARIANT_COUNTS if kind == "genuine" else NOISY_VARIANT_COUNTS
            n = rng.choices(list(table), weights=list(table.values()))[0]
            fields, applied = registry_variant(person.fields, n, rng)
            rows.append(_registry_row(fields, rng))
            case["registry_variants"] = applied
        elif kind == "impostor":
            rows.append(_registry_row(person.fields, rng))  # the victim, exactly
            card = factory.impostor_card(person, forge_birth_date=n_impostors % 2 == 0)
            n_impostors += 1
        cards.append(card)
        cases.append(case)

    genuine = [i for i, kind in enumerate(kinds) if kind == "genuine"]
    for i in sorted(rng.sample(genuine, round(len(genuine) * NEAR_DUPLICATE_FRACTION))):
        twin = factory.near_duplicate(persons[i])
        rows.append(_registry_row(twin.fields, rng))
        cases[i]["near_duplicate_nik"] = twin.fields["nik"]
    rows += [_registry_row(d.fields, rng) for d in decoys]

    # what the applicant typed into the front-office form, for some cases; a typo in a fifth of them
    with_claim = sorted(rng.sample(range(count), round(count * CLAIM_FRACTION)))
    disagree = set(rng.sample(with_claim, round(len(with_claim) * CLAIM_DISAGREE_FRACTION)))
    for i in with_claim:
        claim = {k: cards[i].fields[k] for k in CLAIM_FIELDS}
        if i in disagree:
            key = rng.choice(CLAIM_FIELDS)
            claim[key] = claim_typo(key, claim[key], rng)
            cases[i]["claim"] = claim
            cases[i]["claim_disagrees"] = key
            if cases[i]["expected_decision"] == "verified":  # the applicant's word disagrees: a clerk looks
                cases[i]["expected_decision"] = "needs_review"
        else:
            cases[i]["claim"] = claim

    if registry_extra > 0:  # own random streams, so that nothing else depends on how many
        xrng = random.Random(f"{seed}:registry-extra")
        xfake = Faker("id_ID")
        xfake.seed_instance(f"{seed}:registry-extra")
        extra = PersonFactory(xrng, xfake, regions, real_vocabulary=not classic)
        extra.niks = factory.niks  # NIKs stay unique across both
        rows += [_registry_row(extra.person().fields, xrng) for _ in range(registry_extra)]
    rng.shuffle(rows)

    jobs = [
        Job(i, ids[i], modes[i % len(modes)], cards[i], seed, mode_index[i], noisy=kinds[i] == "noisy", classic=classic)
        for i in range(count)
    ]
    args = [(job, out_dir) for job in jobs]
    bar = dict(total=len(jobs), desc="KTP-el", unit="img", disable=not progress)
    truths: Iterable[dict[str, Any]]
    if not images:
        truths = [truth_record(job) for job in jobs]
    elif workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            truths = list(tqdm(pool.map(render_star, args, chunksize=2), **bar))
    else:
        truths = [render_star(a) for a in tqdm(args, **bar)]

    for job, truth in zip(jobs, truths, strict=True):
        (out_dir / "truth" / f"{job.image_id}.json").write_text(
            json.dumps(truth, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
    header = REGISTRY_FIELDS + REGISTRY_EXTRA_COLUMNS
    with (out_dir / "registry.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        writer.writerows([row[k] for k in header] for row in rows)
    with (out_dir / "cases.jsonl").open("w", encoding="utf-8") as fh:
        for case in cases:
            fh.write(json.dumps(case, ensure_ascii=False) + "\n")
    return ids


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m samples.generate", description=__doc__.split("\n")[0])
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--count", type=int, default=24)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument(
        "--modes",
        default=None,
        help=f"comma-separated subset of {','.join(MODES)} (default: all; with --classic the first six)",
    )
    ap.add_argument(
        "--workers",
        type=int,
        default=min(2, os.cpu_count() or 1),
        help="rendering processes (output does not depend on it)",
    )
    ap.add_argument(
        "--registry-extra",
        type=int,
        default=0,
        metavar="N",
        help="N more persons in registry.csv only, without an image (cheap: nothing is rendered)",
    )
    ap.add_argument(
        "--classic",
        action="store_true",
        help="the first generator exactly: one card template, no real-card vocabulary (samples/ktp: "
        "--count 24 --seed 1 --classic)",
    )
    a = ap.parse_args(argv)
    modes = [m.strip() for m in a.modes.split(",") if m.strip()] if a.modes else None
    ids = generate(
        a.out_dir, a.count, a.seed, modes, workers=a.workers, registry_extra=a.registry_extra, classic=a.classic
    )
    print(f"wrote {len(ids)} images to {a.out_dir}")


if __name__ == "__main__":
    main()
