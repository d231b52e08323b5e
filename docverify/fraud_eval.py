"""`docverify eval-fraud DIR`: the reused-document signals on a labelled set from `python -m samples.reuse`.

Each submission goes, in submission order, through the real pipeline (decode, card flattening, OCR and field
extraction: `workers.pipeline.process.run`), its flattened card through `workers.pipeline.fingerprint`, and
then through the real signal service (`service.fraud.service.screen`) on a fresh database, as the worker does
it, with the submission's time as "now". The report: the share of planted near copies flagged with
DOCUMENT_REUSED or PHOTO_REUSED, and the share of the other submissions flagged with either (false alarms).

Reading is the slow part (about a second per image), so each image's read fields and hashes are cached in
DIR/fraud-cache.json, keyed by file, size and fingerprint version; `--no-cache` reads everything again.
"""

from __future__ import annotations

import json
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from service.config import Settings

IMAGE_SIGNALS = ("DOCUMENT_REUSED", "PHOTO_REUSED")
FIELDS = ("nik", "name", "birth_date", "address", "rt_rw", "village")


def verification_id(submission_id: str) -> str:
    return f"eval{submission_id}".ljust(26, "0")[:26]


@dataclass
class Read:
    fields: dict[str, str | None]
    hashes: tuple[int, int, int] | None
    document_type: str
    ms: int


def read_one(path: Path, settings: Settings) -> Read:
    from workers.pipeline.fingerprint import card_fingerprint
    from workers.pipeline.process import run
    from workers.verification import engine_for, options_for

    start = time.perf_counter()
    result = run([path.read_bytes()], engine_for(settings), options_for(settings))
    fp = card_fingerprint(result.page_images)
    fields = {k: (None if (f := result.fields.get(k)) is None or f.value is None else str(f.value)) for k in FIELDS}
    return Read(fields, None if fp is None else (fp.card, fp.photo, fp.text), result.document_type,
                round((time.perf_counter() - start) * 1000))


def read_all(directory: Path, entries: list[dict[str, Any]], settings: Settings, use_cache: bool = True,
             progress: Callable[[int, int], None] | None = None) -> dict[str, Read]:
    from workers.pipeline.fingerprint import VERSION

    cache_path = directory / "fraud-cache.json"
    cache: dict[str, Any] = {}
    if use_cache and cache_path.is_file():
        cache = json.loads(cache_path.read_text(encoding="utf-8"))
    out: dict[str, Read] = {}
    for n, entry in enumerate(entries, 1):
        path = directory / "images" / entry["file"]
        key = f"{entry['file']}:{path.stat().st_size}:{VERSION}"
        hit = cache.get(key)
        if hit is None:
            read = read_one(path, settings)
            cache[key] = {"fields": read.fields, "hashes": read.hashes, "document_type": read.document_type,
                          "ms": read.ms}
        else:
            read = Read(hit["fields"], None if hit["hashes"] is None else tuple(hit["hashes"]),
                        hit["document_type"], hit["ms"])
        out[entry["id"]] = read
        if progress:
            progress(n, len(entries))
        if n % 25 == 0:
            cache_path.write_text(json.dumps(cache), encoding="utf-8")
    cache_path.write_text(json.dumps(cache), encoding="utf-8")
    return out


def screen_all(entries: list[dict[str, Any]], reads: dict[str, Read], settings: Settings,
               database_url: str | None = None) -> dict[str, list[dict[str, Any]]]:
    """Every submission through the signal service on a fresh database; returns each one's signal checks."""
    from service.db import Database
    from service.fraud import index
    from service.fraud.service import Context, Hashes, screen
    from service.verifications.tables import VerificationJob

    out: dict[str, list[dict[str, Any]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        url = database_url or f"sqlite:///{tmp}/fraud-eval.db"
        db = Database(url)
        db.ensure_schema()
        index.reset(url)
        try:
            for entry in entries:
                read = reads[entry["id"]]
                at = datetime.fromisoformat(entry["submitted_at"])
                vid = verification_id(entry["id"])
                verification = {"status": "completed", "document": {"type": read.document_type},
                                "fields": {k: {"value": v} for k, v in read.fields.items()}}
                with db.session() as session:
                    session.add(VerificationJob(
                        id=vid, client_id=entry["client"], status="completed", decision="needs_review",
                        document_type="auto", claim={"nik": entry["claim_nik"]}, program=entry["program"],
                        files=[], pages=1, result=None, attempts=1, created_at=at, updated_at=at, completed_at=at))
                    session.flush()
                    ctx = Context(vid, entry["client"], entry["program"], entry["claim_nik"], at)
                    hashes = None if read.hashes is None else Hashes(*read.hashes)
                    out[entry["id"]] = screen(session, settings, ctx, verification, hashes)
        finally:
            index.reset(url)
            db.dispose()
    return out


def report(entries: list[dict[str, Any]], signals: dict[str, list[dict[str, Any]]],
           reads: dict[str, Read]) -> dict[str, Any]:
    by_id = {e["id"]: e for e in entries}
    planted = [e for e in entries if e["planted"]]
    others = [e for e in entries if not e["planted"]]

    def flagged(e: dict[str, Any]) -> bool:
        return any(c["reason"] in IMAGE_SIGNALS for c in signals[e["id"]])

    def linked_to_original(e: dict[str, Any]) -> bool:
        return any(verification_id(e["copy_of"]) in c.get("linked", [])
                   for c in signals[e["id"]] if c["reason"] in IMAGE_SIGNALS)

    per_variant: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    per_change: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for e in planted:
        hit = int(flagged(e))
        per_variant[e["variant"]][0] += hit
        per_variant[e["variant"]][1] += 1
        per_change[e["changed"]][0] += hit
        per_change[e["changed"]][1] += 1
    codes = Counter(c["reason"] for e in others for c in signals[e["id"]])
    misses = [{"id": e["id"], "copy_of": e["copy_of"], "variant": e["variant"], "changed": e["changed"]}
              for e in planted if not flagged(e)]
    false = [{"id": e["id"], "signals": [c["reason"] for c in signals[e["id"]]],
              "linked": [lid for c in signals[e["id"]] for lid in c.get("linked", [])]}
             for e in others if flagged(e)]
    ms = sorted(r.ms for r in reads.values())
    return {
        "submissions": len(entries), "planted": len(planted), "others": len(others),
        "planted_flagged": sum(flagged(e) for e in planted),
        "planted_linked_to_original": sum(linked_to_original(e) for e in planted),
        "others_flagged": sum(flagged(e) for e in others),
        "per_variant": {k: {"flagged": v[0], "of": v[1]} for k, v in sorted(per_variant.items())},
        "per_change": {k: {"flagged": v[0], "of": v[1]} for k, v in sorted(per_change.items())},
        "other_signals_on_others": dict(codes),
        "misses": misses, "false_alarms": false, "unknown_ids": [i for i in signals if i not in by_id],
        "median_read_ms": ms[len(ms) // 2] if ms else None,
    }


def markdown(rep: dict[str, Any]) -> str:
    def pct(a: int, b: int) -> str:
        return f"{100.0 * a / b:.1f}% ({a}/{b})" if b else "—"

    lines = ["| set | flagged (DOCUMENT_REUSED or PHOTO_REUSED) |", "|---|---:|",
             f"| planted reuses | {pct(rep['planted_flagged'], rep['planted'])} |",
             f"| other submissions | {pct(rep['others_flagged'], rep['others'])} |"]
    lines += [f"| planted, {k} | {pct(v['flagged'], v['of'])} |" for k, v in rep["per_variant"].items()]
    lines += [f"| planted, other {k} | {pct(v['flagged'], v['of'])} |" for k, v in rep["per_change"].items()]
    return "\n".join(lines)
