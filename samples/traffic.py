"""A day of genuine front-office traffic for the fraud signals (issue: SUBMISSION_BURST must fit a front
office): one client, a district office, sending hundreds of distinct applicants an hour through a few
operators, none of them a fraud. `docverify.fraud_eval` screens it and counts the signals raised (README,
"Fraud signals": target 0).

    python -m samples.traffic OUT_DIR --people 600 --minutes 60 --seed S [--plant] [--capture clean]

writes ``OUT_DIR/traffic.jsonl``, one submission per line in submission order: ``{"id", "submitted_at",
"client", "operator", "channel", "program", "claim_nik", "document_type", "fields": {nik, name, birth_date,
address, rt_rw, village}, "hashes": [card, photo, text], "person", "attempt", "planted"}``.

No OCR and no stored images: the signals need only what the reader returns, so ``fields`` are the card's
printed values (a perfect read) and ``hashes`` the fingerprint (``workers.pipeline.fingerprint``) of the card
as the pipeline would flatten it. ``--capture photo`` (the default) renders each card with
``samples.render`` and the applicant's own portrait (``vary_portrait``: the generator's few drawn portraits
made different holders' photo areas hash alike), captures it as a phone photo (70 %) or a scan (30 %), a new
capture for each attempt, and flattens it with the pipeline's own outline finder
(``workers.pipeline.geometry``; where that finds no outline the pipeline would locate the card by its text
with OCR, so the capture's true corners stand in): about a second per submission. ``--capture clean`` hashes
the rendered card itself, perfectly flat and noiseless, in a tenth of the time (measured, it gives fewer
near-copy matches between different holders than captured cards do: README, "A day of genuine traffic").
``--capture none`` leaves the hashes out (``null``, as for a document that is no KTP-el): only the NIK,
address and burst signals can fire, in no time (the tests).

What a busy morning looks like here:

* people come from one district (a tenth from elsewhere: they moved in), a few villages, RT/RW as the
  generator draws them; about 15 % come with a household member (the same address, up to three applicants);
* each applies to one program; 12 % retry once or twice a few minutes later (a retake: the same card, the
  same claim, program and operator); 3 % send no claim;
* arrivals spread over the hour; six operators at counters ("loket"), one mobile unit, and a self-service
  kiosk whose system sends no operator id.

``--plant`` adds two abuses the burst signal is there for, marked ``planted`` (``nik_burst``,
``operator_burst``): one more applicant's card sent 8 times within 6 minutes, and an operator sending 75
more people within 10 minutes. Everything depends
only on the seed.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import cv2
import numpy as np
from faker import Faker
from PIL import Image

import samples.render as render
from primitives.regions import Region, Regions, load_regions
from samples.capture import capture_photo, capture_scan
from samples.people import Person, PersonFactory
from samples.render import render_card

CLIENT = "kec-front-office"
PROGRAMS = ("pkh", "bpnt", "blt-dd")
# (operator, channel, share of the people): None is a kiosk whose system sends no operator id
DESKS = (
    ("loket-1", "loket"),
    ("loket-2", "loket"),
    ("loket-3", "loket"),
    ("loket-4", "loket"),
    ("loket-5", "loket"),
    ("loket-6", "loket"),
    ("mobile-1", "mobile-unit"),
    (None, "kiosk"),
)
START = datetime(2026, 12, 7, 8, 0, tzinfo=UTC)
FIELDS = ("nik", "name", "birth_date", "address", "rt_rw", "village")
HOUSEHOLD_SHARE, HOUSEHOLD_MAX = 0.15, 3
RETRY_SHARE, NO_CLAIM_SHARE, ELSEWHERE_SHARE = 0.12, 0.03, 0.10


class DistrictFactory(PersonFactory):
    """People of one district (its villages), but for a share from anywhere."""

    def __init__(self, rng: random.Random, fake: Faker, regions: Regions) -> None:
        super().__init__(rng, fake, regions)
        while True:
            prov, reg, dist, _ = super().pick_region()
            villages = regions.children_of(dist.code)
            if len(villages) >= 5:
                break
        self.home = (prov, reg, dist)
        self.villages = sorted(villages, key=lambda v: v.code)[:12]

    def pick_region(self) -> tuple[Region, Region, Region, Region]:
        if self.rng.random() < ELSEWHERE_SHARE:
            return super().pick_region()
        return (*self.home, self.rng.choice(self.villages))


CAPTURES = ("photo", "clean", "none")


@dataclass
class Applicant:
    person: Person
    index: int
    program: str
    desk: tuple[str | None, str]
    claim: bool

    @property
    def pid(self) -> str:
        return f"p{self.index + 1:04d}"


def vary_portrait(portrait: Image.Image, g: np.random.Generator) -> Image.Image:
    """One person's own photo from the generator's drawn portrait: head placed, sized and tilted, and lit, as
    the person's own photo session did it. The drawn portraits come from a few colours and shapes, so
    different people's photo areas hashed alike (4 PHOTO_REUSED on seed 1's day); real photos of different
    people differ in framing, pose and light at least this much."""
    a = np.asarray(portrait.convert("RGB")).astype(np.float32)
    h, w = a.shape[:2]
    backdrop = tuple(float(c) for c in a[2, 2])
    m = np.asarray(
        cv2.getRotationMatrix2D((w / 2, h * 0.45), float(g.uniform(-6, 6)), float(g.uniform(0.85, 1.15))),
        dtype=np.float64,
    )
    m[:, 2] += np.array([g.uniform(-0.08, 0.08) * w, g.uniform(-0.07, 0.07) * h])
    placed = np.asarray(
        cv2.warpAffine(a, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=backdrop),
        dtype=np.float32,
    )
    light = cv2.resize(g.uniform(0.72, 1.28, (3, 3)).astype(np.float32), (w, h), interpolation=cv2.INTER_CUBIC)
    lit = placed * light[..., None] + g.uniform(-18, 18, 3).astype(np.float32)  # light falling across, white balance
    return Image.fromarray(np.clip(lit, 0, 255).astype(np.uint8))


def own_portrait(g: np.random.Generator) -> AbstractContextManager[None]:
    """Within the block, render_card draws this person's own portrait (`vary_portrait`). The generator's
    portrait is still drawn first, from the card's random stream, so the card's layout stays as it was."""
    return render.portrait_replaced(lambda portrait, _r: vary_portrait(portrait, g))


def render_applicant_card(person: Person, seed: int, index: int) -> Image.Image:
    """This applicant's card, the same for every attempt, with the applicant's own portrait."""
    with own_portrait(np.random.default_rng([seed, 41, index])):
        return render_card(person, random.Random(f"{seed}:traffic:{index}"), np.random.default_rng([seed, 31, index]))


def card_hashes(person: Person, seed: int, index: int, attempt: int, capture: str) -> tuple[int, int, int]:
    """The fingerprint of this applicant's card (the same card every attempt), captured anew each attempt."""
    from workers.pipeline import geometry
    from workers.pipeline.fingerprint import fingerprint

    card = render_applicant_card(person, seed, index)
    if capture == "clean":
        flat = cv2.cvtColor(np.asarray(card.convert("RGB")), cv2.COLOR_RGB2BGR)
    else:
        r = random.Random(f"{seed}:capture:{index}:{attempt}")
        g = np.random.default_rng([seed, 37, index, attempt])
        img, quad = (capture_photo if r.random() < 0.7 else capture_scan)(card, r, g)
        bgr = cv2.cvtColor(img, cv2.COLOR_RGB2BGR)
        found = geometry.find_card(bgr)
        flat = geometry.warp_card(bgr, found or geometry.CardQuad(geometry.order_corners(quad), 0.0))
    fp = fingerprint(flat)
    return fp.card, fp.photo, fp.text


def _entry(
    a: Applicant, at: datetime, attempt: int, planted: str | None, desk: tuple[str | None, str] | None = None
) -> dict[str, Any]:
    operator, channel = desk or a.desk
    return {
        "submitted_at": at,
        "client": CLIENT,
        "operator": operator,
        "channel": channel,
        "program": a.program,
        "claim_nik": a.person.fields["nik"] if a.claim else None,
        "document_type": "ktp",
        "fields": {k: a.person.fields[k] for k in FIELDS},
        "hashes": None,
        "person": a.pid,
        "attempt": attempt,
        "planted": planted,
    }


def generate(
    out_dir: Path, people: int, minutes: float, seed: int, plant: bool = False, capture: str = "photo"
) -> list[dict[str, Any]]:
    if people < 1 or minutes <= 0:
        raise ValueError("people must be at least 1 and minutes above 0")
    if capture not in CAPTURES:
        raise ValueError(f"capture must be one of {', '.join(CAPTURES)}")
    rng = random.Random(seed)
    fake = Faker("id_ID")
    fake.seed_instance(seed)
    factory = DistrictFactory(rng, fake, load_regions())
    households: list[list[Applicant]] = []
    applicants: list[Applicant] = []

    def new_applicant(index: int, desk: tuple[str | None, str] | None = None) -> Applicant:
        person = factory.person()
        if households and rng.random() < HOUSEHOLD_SHARE:
            open_ = [h for h in households if len(h) < HOUSEHOLD_MAX]
            if open_:
                home = rng.choice(open_)
                for key in ("address", "rt_rw", "village", "district", "province", "regency"):
                    person.fields[key] = home[0].person.fields[key]
                a = Applicant(
                    person, index, rng.choice(PROGRAMS), desk or rng.choice(DESKS), rng.random() >= NO_CLAIM_SHARE
                )
                home.append(a)
                return a
        a = Applicant(person, index, rng.choice(PROGRAMS), desk or rng.choice(DESKS), rng.random() >= NO_CLAIM_SHARE)
        households.append([a])
        return a

    entries: list[dict[str, Any]] = []
    for i in range(people):
        a = new_applicant(i)
        applicants.append(a)
        at = START + timedelta(seconds=rng.uniform(0, minutes * 60))
        entries.append(_entry(a, at, 1, None))
        if rng.random() < RETRY_SHARE:
            for attempt in range(2, 2 + rng.choice((1, 1, 2))):
                at += timedelta(seconds=rng.uniform(60, 300))
                entries.append(_entry(a, at, attempt, None))

    if plant:
        # one applicant's card sent again and again (probing the decision): someone not in the genuine traffic
        prober = new_applicant(people + 75)
        applicants.append(prober)
        t0 = START + timedelta(minutes=rng.uniform(5, max(5.0, minutes - 10)))
        for k in range(8):
            entries.append(_entry(prober, t0 + timedelta(seconds=45 * k), 1 + k, "nik_burst"))
        # an operator sending far more people than a clerk can serve
        t1 = START + timedelta(minutes=rng.uniform(0, max(0.0, minutes - 10)))
        desk = ("loket-9", "loket")
        for k in range(75):
            a = new_applicant(people + k, desk)
            applicants.append(a)
            entries.append(_entry(a, t1 + timedelta(seconds=8 * k), 1, "operator_burst"))

    entries.sort(key=lambda e: (e["submitted_at"], e["person"], e["attempt"]))
    by_pid = {a.pid: a for a in applicants}
    for n, entry in enumerate(entries, 1):
        a = by_pid[entry["person"]]
        if capture != "none":
            entry["hashes"] = list(card_hashes(a.person, seed, a.index, entry["attempt"], capture))
        if n % 100 == 0:
            print(f"{n}/{len(entries)} cards fingerprinted", flush=True)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    with (out_dir / "traffic.jsonl").open("w", encoding="utf-8") as fh:
        for n, entry in enumerate(entries, 1):
            entry["id"] = f"t{n:05d}"
            fh.write(
                json.dumps({**entry, "submitted_at": entry["submitted_at"].isoformat()}, ensure_ascii=False) + "\n"
            )
    return entries


def load(out_dir: Path) -> list[dict[str, Any]]:
    """The submissions of a set written by `generate`, in submission order."""
    path = Path(out_dir) / "traffic.jsonl"
    if not path.is_file():
        raise FileNotFoundError(f"{path} not found: make the set with python -m samples.traffic {out_dir}")
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m samples.traffic", description=__doc__.split("\n")[0])
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--people", type=int, default=600)
    ap.add_argument("--minutes", type=float, default=60.0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--plant", action="store_true", help="Add a NIK prober and a runaway operator (marked).")
    ap.add_argument(
        "--capture",
        choices=CAPTURES,
        default="photo",
        help="photo: capture and flatten each card (realistic); clean: the rendered card (fast, "
        "stress); none: no hashes (no reuse signals)",
    )
    a = ap.parse_args(argv)
    entries = generate(a.out_dir, a.people, a.minutes, a.seed, a.plant, a.capture)
    planted = sum(1 for e in entries if e["planted"])
    print(
        f"wrote {len(entries)} submissions ({planted} planted) of {len({e['person'] for e in entries})} people "
        f"to {a.out_dir / 'traffic.jsonl'}"
    )


if __name__ == "__main__":
    main()
