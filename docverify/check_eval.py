"""`docverify eval-checks DIR`: how well each image check separates its defect from clean captures (issue 5).

DIR is a labelled set from ``python -m samples.checks``: ``images/`` and ``labels.jsonl`` (``{"id", "check",
"defect", "base", "detail"}``). For every check named in the labels, the positives are its defect images and
the negatives are the clean ones (``"check": "clean"``). A check's score is 1 for a clean capture, so the
defect score is ``1 - score``:

* ROC AUC of ``1 - score`` (Mann–Whitney: the chance that a defect image scores worse than a clean one, ties
  counting half);
* FRR — the share of clean images on which the check did not pass (at its own threshold);
* TPR — the share of defect images on which it did not pass.

A check that a result does not contain counts as not evaluated on that image; a check evaluated on no image
(or on no clean or no defect image) reports n/a.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import NotRequired, TypedDict

import numpy as np

IMAGE_EXTS = (".jpg", ".jpeg", ".png", ".webp", ".tif", ".tiff")
CLEAN = "clean"


class CheckResult(TypedDict, total=False):
    """A check of the Verification's `checks`, as JSON (keys a result left out are read as absent)."""

    name: str
    passed: bool
    score: float
    detail: str
    action: str
    reason: str
    linked: list[str]


RunChecks = Callable[[bytes], list[CheckResult]]


class Tally(TypedDict):
    failed: int
    scored: int
    rate: float | None


# check → "all" or a capture mode → how often it failed on the clean captures
FalseAlarms = dict[str, dict[str, Tally]]


class ImageScores(TypedDict):
    check: str
    base: str | None
    scores: dict[str | None, list[float | bool | None]]  # check → [score, passed]


class ChecksReport(TypedDict):
    """`docverify eval-checks DIR`'s report."""

    images: int
    clean: int
    checks: dict[str, CheckSummary]
    false_alarms: FalseAlarms
    directory: NotRequired[str]
    errors: NotRequired[dict[str, str]]
    results: NotRequired[dict[str, ImageScores]]


@dataclass
class Label:
    """One labelled image: the check its defect should trip (`clean`: none), from labels.jsonl or a truth file."""

    id: str
    check: str
    path: Path
    mode: str | None = None  # the capture mode, where the labels name one
    base: str | None = None  # the capture a defect image was made from (samples.checks)
    error: str | None = None  # why the image could not be run


class CheckSummary(TypedDict):
    """One check over a labelled set: separation (AUC), false rejects of clean captures, defects caught."""

    evaluated: bool
    auc: float | None
    frr: float | None
    tpr: float | None
    defects: int
    defects_scored: int
    defects_caught: int
    clean: int
    clean_scored: int
    clean_rejected: int


def roc_auc(positive: list[float] | np.ndarray, negative: list[float] | np.ndarray) -> float | None:
    """ROC AUC of scores where higher means "positive": P(pos > neg) + 0.5 P(pos == neg), by mid-ranks.
    None when either side is empty."""
    pos = np.asarray(positive, np.float64)
    neg = np.asarray(negative, np.float64)
    n_pos, n_neg = len(pos), len(neg)
    if n_pos == 0 or n_neg == 0:
        return None
    allv = np.concatenate([pos, neg])
    order = np.argsort(allv, kind="mergesort")
    ranks = np.empty(len(allv), np.float64)
    sorted_v = allv[order]
    # mid-ranks (1-based) for ties
    _, first, counts = np.unique(sorted_v, return_index=True, return_counts=True)
    mid = first + (counts + 1) / 2.0
    ranks[order] = np.repeat(mid, counts)
    u = ranks[:n_pos].sum() - n_pos * (n_pos + 1) / 2.0
    return float(u / (n_pos * n_neg))


def load_labels(directory: Path) -> list[Label]:
    """The label lines with their image files; lines without an image are skipped."""
    directory = Path(directory)
    labels_path = directory / "labels.jsonl"
    if not labels_path.exists():
        return _untouched(directory)
    images = directory / "images"
    out = []
    for line in labels_path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        path: Path | None = images / rec["file"] if rec.get("file") else None
        if path is None or not path.exists():
            path = next(
                (images / f"{rec['id']}{ext}" for ext in IMAGE_EXTS if (images / f"{rec['id']}{ext}").exists()), None
            )
        if path is not None:
            out.append(Label(str(rec["id"]), str(rec["check"]), path, rec.get("mode"), rec.get("base")))
    return out


def _untouched(directory: Path) -> list[Label]:
    """A contract labelled folder (images/ + truth/, any renderer): every KTP-el image is an untouched capture,
    a negative of every check, labelled with its capture mode, so the report gives each check's false alarms."""
    out = []
    for truth_path in sorted((directory / "truth").glob("*.json")):
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        if truth.get("document_type", "ktp") != "ktp":
            continue
        path = next(
            (
                directory / "images" / f"{truth_path.stem}{ext}"
                for ext in IMAGE_EXTS
                if (directory / "images" / f"{truth_path.stem}{ext}").exists()
            ),
            None,
        )
        if path is not None:
            out.append(Label(truth_path.stem, CLEAN, path, str(truth.get("capture_mode", "all"))))
    return out


def false_alarms(clean: Mapping[str, str | None], results: Mapping[str, list[CheckResult]]) -> FalseAlarms:
    """Per check, how often it failed on the clean captures (id → capture mode or None): overall and per
    capture mode (where the labels name one): `{check: {"all": {"failed", "scored", "rate"}, "<mode>": {...}}}`."""
    counts: dict[str, dict[str, list[int]]] = {}
    for image_id, mode in clean.items():
        for c in results.get(image_id, []):
            if not isinstance(c, dict) or not c.get("name"):
                continue
            per = counts.setdefault(str(c["name"]), {})
            for key in ("all", *([str(mode)] if mode else [])):
                tally = per.setdefault(key, [0, 0])
                tally[0] += int(not c.get("passed", False))
                tally[1] += 1
    return {
        name: {key: {"failed": f, "scored": n, "rate": _rate(f, n)} for key, (f, n) in per.items()}
        for name, per in sorted(counts.items())
    }


def _rate(numer: int, denom: int) -> float | None:
    return numer / denom if denom else None


# Labelled-set class → the pipeline check that should catch it, where the names differ.
CHECK_FOR_LABEL = {"edited": "text_edit", "face": "face_photo", "specimen": "specimen_nik"}


def summarize(labels: list[Label], results: dict[str, list[CheckResult]]) -> ChecksReport:
    """The report from labels and each image's checks (image id -> the Verification's ``checks`` list)."""
    names = sorted({rec.check for rec in labels if rec.check != CLEAN})
    clean_ids = [rec.id for rec in labels if rec.check == CLEAN]
    by_id = {rec.id: {c.get("name"): c for c in results.get(rec.id, []) if isinstance(c, dict)} for rec in labels}
    checks: dict[str, CheckSummary] = {}
    for name in names:
        check = CHECK_FOR_LABEL.get(name, name)
        defect_ids = [rec.id for rec in labels if rec.check == name]
        pos = [by_id[i][check] for i in defect_ids if check in by_id[i]]
        neg = [by_id[i][check] for i in clean_ids if check in by_id[i]]
        auc = roc_auc([1 - float(c.get("score", 0.0)) for c in pos], [1 - float(c.get("score", 0.0)) for c in neg])
        rejected_clean = sum(1 for c in neg if not c.get("passed", False))
        caught = sum(1 for c in pos if not c.get("passed", False))
        checks[name] = CheckSummary(
            evaluated=bool(pos) and bool(neg),
            auc=auc,
            frr=_rate(rejected_clean, len(neg)),
            tpr=_rate(caught, len(pos)),
            defects=len(defect_ids),
            defects_scored=len(pos),
            defects_caught=caught,
            clean=len(clean_ids),
            clean_scored=len(neg),
            clean_rejected=rejected_clean,
        )
    clean_modes = {rec.id: rec.mode for rec in labels if rec.check == CLEAN}
    return {
        "images": len(labels),
        "clean": len(clean_ids),
        "checks": checks,
        "false_alarms": false_alarms(clean_modes, results),
    }


def evaluate_checks(directory: Path, run_checks: RunChecks, progress: Callable[[], None] | None = None) -> ChecksReport:
    """Run every labelled image through `run_checks` once and summarize per check (see the module docstring);
    the report also carries each image's scores under ``results``."""
    labels = load_labels(directory)
    results: dict[str, list[CheckResult]] = {}
    for rec in labels:
        try:
            results[rec.id] = list(run_checks(rec.path.read_bytes()) or [])
        except Exception as exc:  # one unreadable image is "not evaluated", not a crash
            results[rec.id] = []
            rec.error = f"{type(exc).__name__}: {exc}"
        if progress is not None:
            progress()
    report = summarize(labels, results)
    report["directory"] = str(directory)
    report["errors"] = {rec.id: rec.error for rec in labels if rec.error is not None}
    report["results"] = {
        rec.id: {
            "check": rec.check,
            "base": rec.base,
            "scores": {
                c.get("name"): [c.get("score"), c.get("passed")] for c in results[rec.id] if isinstance(c, dict)
            },
        }
        for rec in labels
    }
    return report


def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{x * 100:.1f} %"


def markdown_table(report: ChecksReport) -> str:
    """One row per check: AUC, FRR on clean captures and TPR at the check's threshold, and the counts."""
    lines = [
        f"{report['images']} images, {report['clean']} clean captures as negatives.",
        "",
        "| check | ROC AUC | FRR on clean | TPR at threshold | defect images | clean images |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, c in report["checks"].items():
        if not c["evaluated"]:
            lines.append(f"| {name} | n/a | n/a | n/a | {c['defects']} (not evaluated) | {c['clean']} |")
            continue
        auc = "n/a" if c["auc"] is None else f"{c['auc']:.3f}"
        lines.append(
            f"| {name} | {auc} | {_pct(c['frr'])} ({c['clean_rejected']}/{c['clean_scored']}) | "
            f"{_pct(c['tpr'])} ({c['defects_caught']}/{c['defects_scored']}) | {c['defects']} | "
            f"{c['clean']} |"
        )
    alarms = report.get("false_alarms") or {}
    if alarms:
        modes = sorted({m for per in alarms.values() for m in per if m != "all"})
        lines += [
            "",
            "False alarms on the clean captures (failed / scored), overall and per capture mode:",
            "",
            "| check | all | " + " | ".join(modes) + " |",
            "|---|---:|" + "---:|" * len(modes),
        ]
        for name, per in alarms.items():
            cells = [
                f"{_pct(per[m]['rate'])} ({per[m]['failed']}/{per[m]['scored']})" if m in per else "n/a"
                for m in ("all", *modes)
            ]
            lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)
