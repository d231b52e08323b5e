"""`docverify eval-fraud DIR`: the reused-document signals on a labelled set from `python -m samples.reuse`.

Each submission goes, in submission order, through the real pipeline (decode, card flattening, OCR and field
extraction: `workers.pipeline.process.run`), its flattened card through `workers.pipeline.fingerprint`, and
then through the real signal service (`service.fraud.service.screen`) on a fresh database, as the worker does
it, with the submission's time as "now". The report: the share of planted near copies flagged with
DOCUMENT_REUSED or PHOTO_REUSED, and the share of the other submissions flagged with either (false alarms).

Reading is the slow part (about a second per image), so each image's read fields and hashes are cached in
DIR/fraud-cache.json, keyed by file, size and fingerprint version; `--no-cache` reads everything again.

`python -m docverify.fraud_eval traffic DIR` measures the other side on a day of genuine traffic from
`python -m samples.traffic` (one front office, hundreds of applicants an hour): every signal raised there is
a false one. That set has no images: its read fields are the cards' printed values and its hashes those of
the rendered cards, so it runs at the signal-service level (`screen_all`, no OCR) in seconds.

`python -m docverify.fraud_eval pairs DIR...` reports the hash distances behind the reuse rules on traffic sets
and on reuse sets already read once (their cache): pairs of one card against pairs of different holders'
cards, and how many pairs each rule takes (README, "Two near hashes are no evidence").
"""

from __future__ import annotations

import argparse
import bisect
import json
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NotRequired, TypedDict

from service.config import Settings

if TYPE_CHECKING:
    from service.fraud.service import SignalCheck

IMAGE_SIGNALS = ("DOCUMENT_REUSED", "PHOTO_REUSED")
FIELDS = ("nik", "name", "birth_date", "address", "rt_rw", "village")


def verification_id(submission_id: str) -> str:
    return f"eval{submission_id}".ljust(26, "0")[:26]


@dataclass(frozen=True, kw_only=True)
class Submission:
    """One submission as the signal service sees it: who sent it and when, claiming which NIK, for what."""

    id: str
    submitted_at: str  # ISO 8601
    client: str
    program: str | None
    claim_nik: str | None
    operator: str | None = None
    channel: str | None = None


@dataclass(frozen=True, kw_only=True)
class ReuseSubmission(Submission):
    """A submission of a reuse set (`python -m samples.reuse`): its image and, for a planted near copy, the
    original it copies, how the image was changed and what else differs."""

    file: str
    planted: bool
    copy_of: str | None
    variant: str | None  # recrop, recompress, rephoto, mixed
    changed: str | None  # nik, client or program

    @classmethod
    def from_json(cls, line: Mapping[str, Any]) -> ReuseSubmission:
        return cls(
            id=line["id"],
            submitted_at=line["submitted_at"],
            client=line["client"],
            program=line["program"],
            claim_nik=line["claim_nik"],
            operator=line.get("operator"),
            channel=line.get("channel"),
            file=line["file"],
            planted=bool(line["planted"]),
            copy_of=line["copy_of"],
            variant=line["variant"],
            changed=line["changed"],
        )


@dataclass(frozen=True, kw_only=True)
class TrafficSubmission(Submission):
    """A submission of a day of traffic (`python -m samples.traffic`): no image; the card's printed fields and
    hashes stand for what the reader would return."""

    person: str
    fields: dict[str, str | None]
    hashes: tuple[int, int, int] | None
    document_type: str | None
    planted: str | None  # the abuse a planted submission belongs to (nik_burst, operator_burst); None: genuine

    @classmethod
    def from_json(cls, line: Mapping[str, Any]) -> TrafficSubmission:
        hashes = line.get("hashes")
        return cls(
            id=line["id"],
            submitted_at=line["submitted_at"],
            client=line["client"],
            program=line["program"],
            claim_nik=line["claim_nik"],
            operator=line.get("operator"),
            channel=line.get("channel"),
            person=line["person"],
            fields=dict(line["fields"]),
            hashes=None if hashes is None else (hashes[0], hashes[1], hashes[2]),
            document_type=line.get("document_type"),
            planted=line.get("planted"),
        )


@dataclass
class Read:
    fields: dict[str, str | None]
    hashes: tuple[int, int, int] | None
    document_type: str
    ms: int


class CachedRead(TypedDict):
    """A read as DIR/fraud-cache.json keeps it."""

    fields: dict[str, str | None]
    hashes: list[int] | tuple[int, int, int] | None
    document_type: str
    ms: int


class Miss(TypedDict):
    id: str
    copy_of: str | None
    variant: str | None
    changed: str | None


class FalseAlarm(TypedDict):
    id: str
    signals: list[str]
    linked: list[str]


class Share(TypedDict):
    flagged: int
    of: int


class ReuseReport(TypedDict):
    """`docverify eval-fraud DIR`'s report."""

    submissions: int
    planted: int
    others: int
    planted_flagged: int
    planted_linked_to_original: int
    others_flagged: int
    per_variant: dict[str, Share]
    per_change: dict[str, Share]
    other_signals_on_others: dict[str, int]
    misses: list[Miss]
    false_alarms: list[FalseAlarm]
    unknown_ids: list[str]
    median_read_ms: int | None


def load_submissions(directory: Path) -> list[ReuseSubmission]:
    """The submissions of a set written by `python -m samples.reuse`, in submission order. Read here rather
    than by `samples` (not packaged), so that `docverify eval-fraud` runs from an installed wheel."""
    path = Path(directory) / "submissions.jsonl"
    if not path.is_file():
        raise FileNotFoundError(f"{path} not found: make the set with python -m samples.reuse {directory}")
    with path.open(encoding="utf-8") as fh:
        return [ReuseSubmission.from_json(json.loads(line)) for line in fh if line.strip()]


def read_one(path: Path, settings: Settings) -> Read:
    from workers.pipeline.fingerprint import card_fingerprint
    from workers.pipeline.process import run
    from workers.verification import engine_for, options_for

    start = time.perf_counter()
    result = run([path.read_bytes()], engine_for(settings), options_for(settings))
    fp = card_fingerprint(result.page_images)
    fields = {k: (None if (f := result.fields.get(k)) is None or f.value is None else str(f.value)) for k in FIELDS}
    return Read(
        fields,
        None if fp is None else (fp.card, fp.photo, fp.text),
        result.document_type,
        round((time.perf_counter() - start) * 1000),
    )


def read_all(
    directory: Path,
    entries: list[ReuseSubmission],
    settings: Settings,
    use_cache: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, Read]:
    from workers.pipeline.fingerprint import VERSION

    cache_path = directory / "fraud-cache.json"
    cache: dict[str, CachedRead] = {}
    if use_cache and cache_path.is_file():
        cache = json.loads(cache_path.read_text(encoding="utf-8"))
    out: dict[str, Read] = {}
    for n, entry in enumerate(entries, 1):
        path = directory / "images" / entry.file
        key = f"{entry.file}:{path.stat().st_size}:{VERSION}"
        hit = cache.get(key)
        if hit is None:
            read = read_one(path, settings)
            cache[key] = {
                "fields": read.fields,
                "hashes": read.hashes,
                "document_type": read.document_type,
                "ms": read.ms,
            }
        else:
            read = Read(hit["fields"], _hashes(hit["hashes"]), hit["document_type"], hit["ms"])
        out[entry.id] = read
        if progress:
            progress(n, len(entries))
        if n % 25 == 0:
            cache_path.write_text(json.dumps(cache), encoding="utf-8")
    cache_path.write_text(json.dumps(cache), encoding="utf-8")
    return out


def _hashes(value: Sequence[int] | None) -> tuple[int, int, int] | None:
    if value is None:
        return None
    card, photo, text = value
    return card, photo, text


def screen_all(
    entries: Sequence[Submission], reads: dict[str, Read], settings: Settings, database_url: str | None = None
) -> dict[str, list[SignalCheck]]:
    """Every submission through the signal service on a fresh database; returns each one's signal checks."""
    from service.db import Database
    from service.fraud import index
    from service.fraud.service import Context, Hashes, screen
    from service.verifications.tables import VerificationJob

    out: dict[str, list[SignalCheck]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        url = database_url or f"sqlite:///{tmp}/fraud-eval.db"
        db = Database(url)
        db.ensure_schema()
        index.reset(url)
        try:
            for entry in entries:
                read = reads[entry.id]
                at = datetime.fromisoformat(entry.submitted_at)
                vid = verification_id(entry.id)
                verification = {
                    "status": "completed",
                    "document": {"type": read.document_type},
                    "fields": {k: {"value": v} for k, v in read.fields.items()},
                }
                with db.session() as session:
                    session.add(
                        VerificationJob(
                            id=vid,
                            client_id=entry.client,
                            status="completed",
                            decision="needs_review",
                            document_type="auto",
                            claim={"nik": entry.claim_nik},
                            program=entry.program,
                            operator=entry.operator,
                            channel=entry.channel,
                            files=[],
                            pages=1,
                            result=None,
                            attempts=1,
                            created_at=at,
                            updated_at=at,
                            completed_at=at,
                        )
                    )
                    session.flush()
                    ctx = Context(vid, entry.client, entry.program, entry.claim_nik, at)
                    hashes = None if read.hashes is None else Hashes(*read.hashes)
                    out[entry.id] = screen(session, settings, ctx, verification, hashes)
        finally:
            index.reset(url)
            db.dispose()
    return out


def report(
    entries: list[ReuseSubmission], signals: dict[str, list[SignalCheck]], reads: dict[str, Read]
) -> ReuseReport:
    by_id = {e.id: e for e in entries}
    planted = [e for e in entries if e.planted]
    others = [e for e in entries if not e.planted]

    def flagged(e: ReuseSubmission) -> bool:
        return any(c["reason"] in IMAGE_SIGNALS for c in signals[e.id])

    def linked_to_original(e: ReuseSubmission) -> bool:
        return any(
            verification_id(str(e.copy_of)) in c.get("linked", [])
            for c in signals[e.id]
            if c["reason"] in IMAGE_SIGNALS
        )

    per_variant: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    per_change: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for e in planted:
        hit = int(flagged(e))
        per_variant[str(e.variant)][0] += hit
        per_variant[str(e.variant)][1] += 1
        per_change[str(e.changed)][0] += hit
        per_change[str(e.changed)][1] += 1
    codes = Counter(c["reason"] for e in others for c in signals[e.id])
    misses: list[Miss] = [
        {"id": e.id, "copy_of": e.copy_of, "variant": e.variant, "changed": e.changed}
        for e in planted
        if not flagged(e)
    ]
    false: list[FalseAlarm] = [
        {
            "id": e.id,
            "signals": [c["reason"] for c in signals[e.id]],
            "linked": [lid for c in signals[e.id] for lid in c.get("linked", [])],
        }
        for e in others
        if flagged(e)
    ]
    ms = sorted(r.ms for r in reads.values())
    return {
        "submissions": len(entries),
        "planted": len(planted),
        "others": len(others),
        "planted_flagged": sum(flagged(e) for e in planted),
        "planted_linked_to_original": sum(linked_to_original(e) for e in planted),
        "others_flagged": sum(flagged(e) for e in others),
        "per_variant": {k: {"flagged": v[0], "of": v[1]} for k, v in sorted(per_variant.items())},
        "per_change": {k: {"flagged": v[0], "of": v[1]} for k, v in sorted(per_change.items())},
        "other_signals_on_others": dict(codes),
        "misses": misses,
        "false_alarms": false,
        "unknown_ids": [i for i in signals if i not in by_id],
        "median_read_ms": ms[len(ms) // 2] if ms else None,
    }


def markdown(rep: ReuseReport) -> str:
    def pct(a: int, b: int) -> str:
        return f"{100.0 * a / b:.1f}% ({a}/{b})" if b else "—"

    lines = [
        "| set | flagged (DOCUMENT_REUSED or PHOTO_REUSED) |",
        "|---|---:|",
        f"| planted reuses | {pct(rep['planted_flagged'], rep['planted'])} |",
        f"| other submissions | {pct(rep['others_flagged'], rep['others'])} |",
    ]
    lines += [f"| planted, {k} | {pct(v['flagged'], v['of'])} |" for k, v in rep["per_variant"].items()]
    lines += [f"| planted, other {k} | {pct(v['flagged'], v['of'])} |" for k, v in rep["per_change"].items()]
    return "\n".join(lines)


# A day of genuine traffic (samples.traffic)


def traffic_reads(entries: list[TrafficSubmission]) -> dict[str, Read]:
    """What the reader would return for each submission of a traffic set: its printed fields, its hashes."""
    return {e.id: Read(dict(e.fields), e.hashes, e.document_type or "ktp", 0) for e in entries}


def busiest(keys: Sequence[Hashable | None], submitted_at: Sequence[str], minutes: float) -> list[int]:
    """For each submission (its key, its ISO time), how many submissions with its key (itself included) fall in
    the window that ends with it: the count a rule keyed that way compares with its threshold. 0 where the key
    is None."""
    seen: dict[Hashable, list[float]] = defaultdict(list)
    out = []
    for k, when in zip(keys, submitted_at, strict=True):
        if k is None:
            out.append(0)
            continue
        t = datetime.fromisoformat(when).timestamp()
        times = seen[k]
        times.append(t)  # entries come in submission order
        out.append(len(times) - bisect.bisect_left(times, t - minutes * 60))
    return out


class Peak(TypedDict):
    client: int
    operator: int
    nik: int


class FalseSignal(TypedDict):
    id: str
    person: str
    signals: list[str]
    detail: list[str]


class TrafficReport(TypedDict):
    """`python -m docverify.fraud_eval traffic DIR`'s report."""

    submissions: int
    genuine: int
    people: int
    clients: list[str]
    operators: list[str]
    span_minutes: float
    window_minutes: float
    thresholds: dict[str, int]
    peak_in_window: Peak
    old_rule_flagged: int
    genuine_flagged: int
    signals_on_genuine: dict[str, int]
    false_signals: list[FalseSignal]
    planted: dict[str, dict[str, int]]
    genuine_flagged_with_planted: NotRequired[int | None]
    screening_s: NotRequired[float]


def traffic_report(
    entries: list[TrafficSubmission],
    signals: dict[str, list[SignalCheck]],
    settings: Settings,
    old_client_threshold: int = 20,
) -> TrafficReport:
    """Signals raised on the genuine submissions (all false), the planted bursts caught, and the window counts
    each burst key reaches among the genuine ones; `old_rule_flagged` is what the former per-client rule
    (more than 20 by one client within the window) would have sent to a clerk."""
    minutes = settings.fraud_burst_minutes
    genuine = [e for e in entries if not e.planted]
    at = [e.submitted_at for e in genuine]
    by_client = busiest([e.client for e in genuine], at, minutes)
    by_operator = busiest([(e.client, e.operator) if e.operator else None for e in genuine], at, minutes)
    by_nik = busiest([e.claim_nik or e.fields.get("nik") for e in genuine], at, minutes)
    peak = {e.id: (c, o, n) for e, c, o, n in zip(genuine, by_client, by_operator, by_nik, strict=True)}
    times = sorted(datetime.fromisoformat(e.submitted_at) for e in genuine)
    flagged = [e for e in genuine if signals[e.id]]
    planted: dict[str, dict[str, int]] = {}
    for e in entries:
        if e.planted:
            row = planted.setdefault(e.planted, {"submissions": 0, "burst": 0})
            row["submissions"] += 1
            row["burst"] += any(c["reason"] == "SUBMISSION_BURST" for c in signals[e.id])
    return {
        "submissions": len(entries),
        "genuine": len(genuine),
        "people": len({e.person for e in genuine}),
        "clients": sorted({e.client for e in genuine}),
        "operators": sorted({e.operator or "(none)" for e in genuine}),
        "span_minutes": round((times[-1] - times[0]).total_seconds() / 60, 1) if times else 0.0,
        "window_minutes": minutes,
        "thresholds": {"nik": settings.fraud_burst_nik_count, "operator": settings.fraud_burst_operator_count},
        "peak_in_window": {
            "client": max((peak[e.id][0] for e in genuine), default=0),
            "operator": max((peak[e.id][1] for e in genuine), default=0),
            "nik": max((peak[e.id][2] for e in genuine), default=0),
        },
        "old_rule_flagged": sum(peak[e.id][0] > old_client_threshold for e in genuine),
        "genuine_flagged": len(flagged),
        "signals_on_genuine": dict(Counter(c["reason"] for e in genuine for c in signals[e.id])),
        "false_signals": [
            {
                "id": e.id,
                "person": e.person,
                "signals": [c["reason"] for c in signals[e.id]],
                "detail": [c["detail"] for c in signals[e.id]],
            }
            for e in flagged
        ],
        "planted": planted,
    }


def traffic_markdown(rep: TrafficReport) -> str:
    w = rep["window_minutes"]
    lines = [
        "| day of traffic | |",
        "|---|---:|",
        f"| submissions (genuine) | {rep['genuine']} |",
        f"| distinct people | {rep['people']} |",
        f"| clients / operators | {len(rep['clients'])} / {len(rep['operators'])} |",
        f"| span | {rep['span_minutes']} min |",
        f"| busiest {w} min: client / one operator / one NIK | {rep['peak_in_window']['client']} / "
        f"{rep['peak_in_window']['operator']} / {rep['peak_in_window']['nik']} |",
        f"| **genuine submissions with any fraud signal** | **{rep['genuine_flagged']}** |",
        f"| flagged by the former per-client rule (> 20 in {w} min) | {rep['old_rule_flagged']} |",
    ]
    lines += [
        f"| planted {k}: SUBMISSION_BURST | {v['burst']} of {v['submissions']} |"
        for k, v in sorted(rep["planted"].items())
    ]
    return "\n".join(lines)


# Pairs: the perceptual distances behind DOCUMENT_REUSED / PHOTO_REUSED, no OCR


@dataclass(frozen=True)
class Card:
    """One submission's hashes and read text, as the reuse rules see them."""

    owner: str  # the person (traffic) or the original submission (reuse set) whose card it is
    hashes: tuple[int, int, int]
    nik: str | None
    place: str | None  # RT/RW + village read: the rule's text agreement (service.fraud.service)


def _place(fields: Mapping[str, str | None]) -> str | None:
    from service.fraud.service import address_text as _norm

    rt_rw, village = _norm(fields.get("rt_rw")), _norm(fields.get("village"))
    return f"{rt_rw}|{village}" if rt_rw and village else None


def pair_cards(directory: Path) -> list[Card]:
    """A traffic set's genuine submissions (a person's retakes: new captures of one card) or a reuse set's
    cached reads (planted copies own their original's card); the reuse set must have been read once by
    `docverify eval-fraud` (its fraud-cache.json)."""
    if (directory / "traffic.jsonl").is_file():
        from samples.traffic import load as load_traffic

        return [
            Card(e.person, e.hashes, e.fields.get("nik"), _place(e.fields))
            for e in map(TrafficSubmission.from_json, load_traffic(directory))
            if not e.planted and e.hashes
        ]
    from workers.pipeline.fingerprint import VERSION

    cache = json.loads((directory / "fraud-cache.json").read_text(encoding="utf-8"))
    out = []
    for e in load_submissions(directory):
        size = (directory / "images" / e.file).stat().st_size
        hit = cache.get(f"{e.file}:{size}:{VERSION}")
        if hit is None or hit["hashes"] is None:
            continue
        out.append(Card(e.copy_of or e.id, tuple(hit["hashes"]), hit["fields"].get("nik"), _place(hit["fields"])))
    return out


class PairSide(TypedDict):
    """Pairs of one card, or of different holders' cards: hash distance percentiles and what each rule takes."""

    pairs: int
    text_agrees: int
    percentiles: list[float]
    card: list[int]
    text: list[int]
    photo: list[int]
    within: dict[str, int]


class PairsReport(TypedDict):
    cards: int
    radii: dict[str, int]
    same_card: PairSide
    different: PairSide


def pairs_report(cards: list[Card], settings: Settings) -> PairsReport:
    """Every pair of cards: distance distributions for pairs of one card (retakes, planted copies) and of
    different holders' cards, and how many pairs each reuse rule takes for the same card: `near` (card and
    value-column hashes within their radii: the rule before text agreement), `same_picture` (all three hashes
    within the same-picture radius), `near_text_agrees` (near, and the RT/RW + village or NIK read agree), and
    `rule` (same_picture or near_text_agrees: what DOCUMENT_REUSED's picture rules flag now); `photo` is
    PHOTO_REUSED's radius (different holders only)."""
    import numpy as np

    n = len(cards)
    h = np.array([c.hashes for c in cards], dtype=np.int64).reshape(-1, 3)
    a, b = np.triu_indices(n, 1)
    d = [np.bitwise_count((h[a, k] ^ h[b, k]).view(np.uint64)).astype(np.int16) for k in range(3)]
    card, photo, text = d
    owner = np.array([c.owner for c in cards])
    same_card = owner[a] == owner[b]
    nik = np.array([c.nik or f"-{i}" for i, c in enumerate(cards)])
    place = np.array([c.place or f"-{i}" for i, c in enumerate(cards)])
    agrees = (nik[a] == nik[b]) | (place[a] == place[b])
    r = settings.fraud_same_picture_radius
    near = (card <= settings.fraud_card_radius) & (text <= settings.fraud_text_radius)
    same_picture = (card <= r) & (text <= r) & (photo <= r)
    rules = {
        "near": near,
        "same_picture": same_picture,
        "near_text_agrees": near & agrees,
        "rule": same_picture | (near & agrees),
        "photo": photo <= settings.fraud_photo_radius,
    }

    def side(mask: np.ndarray) -> PairSide:
        pct = (0.0, 0.01, 0.1, 1.0, 50.0, 99.0, 100.0)

        def spread(x: np.ndarray) -> list[int]:
            return [int(v) for v in np.percentile(x[mask], pct)] if mask.any() else []

        return {
            "pairs": int(mask.sum()),
            "text_agrees": int((agrees & mask).sum()),
            "percentiles": list(pct),
            "card": spread(card),
            "text": spread(text),
            "photo": spread(photo),
            "within": {name: int((m & mask).sum()) for name, m in rules.items()},
        }

    return {
        "cards": n,
        "radii": {
            "same_picture": r,
            "card": settings.fraud_card_radius,
            "text": settings.fraud_text_radius,
            "photo": settings.fraud_photo_radius,
        },
        "same_card": side(same_card),
        "different": side(~same_card),
    }


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m docverify.fraud_eval traffic DIR`: exit code 1 when a genuine submission got a signal.
    `python -m docverify.fraud_eval pairs DIR...`: the distances behind the reuse rules (JSON), no OCR."""
    from samples.traffic import load
    from service.config import get_settings

    ap = argparse.ArgumentParser(prog="python -m docverify.fraud_eval")
    sub = ap.add_subparsers(dest="command", required=True)
    tr = sub.add_parser("traffic", help="Fraud signals on a day of genuine traffic (python -m samples.traffic).")
    tr.add_argument("directory", type=Path)
    tr.add_argument("--json", action="store_true", help="Print the report as JSON.")
    tr.add_argument("--save", type=Path, help="Also write the JSON report to this file.")
    pa = sub.add_parser("pairs", help="Hash distances of pairs of one card and of different holders' cards.")
    pa.add_argument("directories", type=Path, nargs="+")
    pa.add_argument("--save", type=Path, help="Also write the JSON report to this file.")
    a = ap.parse_args(argv)
    if a.command == "pairs":
        out = {str(d): pairs_report(pair_cards(d), get_settings()) for d in a.directories}
        text = json.dumps(out, indent=2)
        if a.save is not None:
            a.save.write_text(text + "\n", encoding="utf-8")
        print(text)
        return 0
    entries = [TrafficSubmission.from_json(e) for e in load(a.directory)]
    settings = get_settings()
    reads = traffic_reads(entries)
    genuine = [e for e in entries if not e.planted]
    start = time.perf_counter()
    signals = screen_all(genuine, reads, settings)  # the genuine day alone: every signal is a false one
    rep_seconds = time.perf_counter() - start
    mixed: dict[str, list[SignalCheck]] = {}
    if len(genuine) < len(entries):  # the control: the same day with the planted abuses mixed in
        mixed = screen_all(entries, reads, settings)
        signals.update({e.id: mixed[e.id] for e in entries if e.planted})
    rep = traffic_report(entries, signals, settings)
    rep["genuine_flagged_with_planted"] = sum(bool(mixed[e.id]) for e in genuine) if mixed else None
    rep["screening_s"] = round(rep_seconds, 1)
    if a.save is not None:
        a.save.write_text(json.dumps(rep, indent=2) + "\n", encoding="utf-8")
    if a.json:
        print(json.dumps(rep, indent=2))
    else:
        print(traffic_markdown(rep))
        for alarm in rep["false_signals"]:
            print(
                f"false signal: {alarm['id']} ({alarm['person']}) {','.join(alarm['signals'])}: "
                f"{' | '.join(alarm['detail'])}"
            )
    return 1 if rep["genuine_flagged"] else 0


if __name__ == "__main__":
    sys.exit(main())
