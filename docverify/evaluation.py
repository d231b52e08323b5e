"""`docverify eval DIR`: accuracy of field extraction on a labelled folder (contract: labelled folders).

Exact match per field and character error rate, per capture mode when the truth files name one
(`capture_mode`), and timing. A field the reader left out counts as wrong, never as skipped.

Other document types (issue 7): classification accuracy (the result's `document.type` against the truth's
`document_type`) overall, per mode and per true type, for every document including `unknown` ones; their
fields are counted under the type's name (`passport.surname`, `sktm.purpose`) so a mixed folder never
pools a KTP's `nationality` (WNI) with a passport's (IDN); KTP field rows keep their plain names. For a KK,
`kk.members.nik` is the member NIK exact match: over all truth members, the share whose NIK equals the
extracted `members[i]["nik"]` at the same row index (likewise for the other member keys). The JSON also
counts the reason codes of all results, so a check's false alarms show (e.g. `MRZ_NAME_MISMATCH`).

With a `cases.jsonl`: the decision per case kind (verified / needs_review / retake / rejected), and over the
genuine holders' cards (kind genuine or noisy) the share verified, sent back for a retake, and rejected:
the last two send a citizen away, so they are reported even when the decision accuracy looks good.
"""

from __future__ import annotations

import json
import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypedDict

from pydantic import JsonValue
from rapidfuzz.distance import Levenshtein

from docverify.check_eval import CheckResult, FalseAlarms, false_alarms

IMAGE_EXTS = {".jpg", ".jpeg", ".png", ".webp", ".tif", ".tiff", ".pdf"}
META_KEYS = {"document_type", "capture_mode", "rotation", "exif_orientation", "id", "ocr_noise", "variant", "pages"}
DECISIONS = ("verified", "needs_review", "retake", "rejected", "none")
# case kinds of genuine holders (cases.jsonl; "match" is the expected status older case files fall back to)
GENUINE_KINDS = ("genuine", "noisy", "match")


@dataclass(frozen=True)
class Case:
    """A line of `cases.jsonl`: what the registry should say of the card and what the decision should be."""

    id: str
    expected: str | None = None  # registry status: match, mismatch, not_found
    kind: str | None = None  # genuine, noisy, impostor, unregistered, …; older files: the expected status
    expected_decision: str | None = None
    claim: dict[str, JsonValue] | None = None  # what the applicant says (JSON), checked against the card
    claim_disagrees: str | None = None  # the claim's field planted to disagree with the card

    @classmethod
    def from_json(cls, line: Mapping[str, object]) -> Case:
        def text(key: str) -> str | None:
            value = line.get(key)
            return None if value is None else str(value)

        claim = line.get("claim")
        return cls(
            str(line["id"]),
            text("expected"),
            text("kind"),
            text("expected_decision"),
            claim if isinstance(claim, dict) else None,
            text("claim_disagrees"),
        )


@dataclass(frozen=True)
class Miss:
    """A value read wrong, or a page taken for another type: the JSON's `misses`, `docverify eval --misses`."""

    id: str
    field: str
    expected: object
    got: object


@dataclass(frozen=True)
class WrongDecision:
    """A case whose decision was not the expected one, with what the decision rested on."""

    id: str
    kind: str
    expected: str
    got: str
    registry: object  # the registry status given
    score: object
    reasons: list[object]


class FieldRate(TypedDict):
    exact: float
    cer: float
    n: int


class TypeAccuracy(TypedDict):
    accuracy: float
    n: int
    predicted: dict[str, int]


class Timing(TypedDict):
    median: float
    p90: float
    n: int


class MissJson(TypedDict):
    id: str
    field: str
    expected: object  # the truth's value
    got: object  # what was read (None: nothing)


class WrongDecisionJson(TypedDict):
    id: str
    kind: str
    expected: str
    got: str
    registry: object
    score: object
    reasons: list[object]


class DecisionReport(TypedDict, total=False):
    """The decisions over `cases.jsonl` (empty without one)."""

    cases: int
    registry_status_accuracy: float
    decision_accuracy: float | None
    by_kind: dict[str, dict[str, int]]  # case kind → decision (and "n") → count
    genuine: int
    genuine_verified_rate: float | None
    genuine_retake_rate: float | None
    genuine_rejected_rate: float | None
    genuine_expected_verified: int
    genuine_expected_verified_rate: float | None
    impostors_verified: int
    claim_check_accuracy: float | None
    claims: int
    wrong_decisions: list[WrongDecisionJson]


class EvalReport(TypedDict):
    """`docverify eval DIR --json`."""

    samples: int
    failed: int
    modes: list[str]
    fields: dict[str, dict[str, FieldRate]]  # field → capture mode → rate
    document_type: dict[str, float]
    document_type_by_truth: dict[str, TypeAccuracy]
    timing_ms: dict[str, Timing]
    misses: list[MissJson]
    reasons: dict[str, int]
    decisions: DecisionReport
    check_false_alarms: FalseAlarms


class DocumentJson(TypedDict, total=False):
    type: str


class FieldValueJson(TypedDict, total=False):
    value: object  # the field's own shape: text, a flag, MRZ lines, KK members


class RegistryJson(TypedDict, total=False):
    status: str
    score: float | None


class ReasonJson(TypedDict, total=False):
    code: str
    field: str | None


class VerificationJson(TypedDict, total=False):
    """The Verification object's JSON as far as the evaluation reads it. A tolerant reader: a key a result
    left out counts as absent (a field not read is wrong, never skipped)."""

    status: str
    decision: str | None
    document: DocumentJson
    fields: dict[str, FieldValueJson]
    registry: RegistryJson
    reasons: list[ReasonJson]
    checks: list[CheckResult]
    timings_ms: dict[str, int]


# A verifier: an image's bytes and the case's claim → the Verification object (JSON)
Verify = Callable[[bytes, dict[str, JsonValue] | None], VerificationJson]


@dataclass
class Sample:
    id: str
    image: Path
    truth: dict[str, JsonValue]  # DIR/truth/<id>.json: the fields a perfect reader returns, plus document_type
    case: Case | None = None

    @property
    def mode(self) -> str:
        return str(self.truth.get("capture_mode", "all"))


@dataclass
class Tally:
    exact: int = 0
    total: int = 0
    edits: int = 0
    chars: int = 0

    def add(self, expected: str, got: str | None) -> None:
        self.total += 1
        got = got or ""
        self.exact += int(got == expected)
        self.edits += Levenshtein.distance(expected, got)
        self.chars += max(1, len(expected))

    @property
    def rate(self) -> float:
        return self.exact / self.total if self.total else 0.0

    @property
    def cer(self) -> float:
        return self.edits / self.chars if self.chars else 0.0


@dataclass
class Report:
    samples: int = 0
    failed: int = 0
    fields: dict[str, dict[str, Tally]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(Tally)))
    type_correct: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    type_by_truth: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    type_confusion: dict[str, dict[str, int]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(int)))
    times_ms: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    misses: list[Miss] = field(default_factory=list)
    # reason codes over all results: how often a document is sent to a clerk, and why (false alarms show here)
    reason_counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    # cases.jsonl: registry status and decision per case kind
    registry_status: Tally = field(default_factory=Tally)
    decisions: dict[str, dict[str, int]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(int)))
    decision_correct: Tally = field(default_factory=Tally)
    claims: Tally = field(default_factory=Tally)
    genuine_clean: Tally = field(default_factory=Tally)
    wrong_decisions: list[WrongDecision] = field(default_factory=list)
    # every KTP-el image of a labelled folder is an untouched capture (the renderers forge no pixels): each
    # check's failures on them are false alarms (docverify.check_eval.false_alarms)
    card_checks: dict[str, list[CheckResult]] = field(default_factory=dict)
    card_modes: dict[str, str] = field(default_factory=dict)

    def add_case(self, case: Case, result: VerificationJson) -> None:
        registry: RegistryJson = result.get("registry") or {}
        self.registry_status.add(str(case.expected), registry.get("status"))
        kind = str(case.kind if case.kind is not None else case.expected)
        decision = result.get("decision") or "none"
        self.decisions[kind][decision] += 1
        if case.expected_decision is not None:
            self.decision_correct.add(case.expected_decision, decision)
            if kind in ("genuine", "noisy") and case.expected_decision == "verified":
                self.genuine_clean.add("verified", decision)
            if decision != case.expected_decision:
                self.wrong_decisions.append(
                    WrongDecision(
                        case.id,
                        kind,
                        case.expected_decision,
                        decision,
                        registry.get("status"),
                        registry.get("score"),
                        [r.get("code") for r in result.get("reasons") or []],
                    )
                )
        if case.claim:
            flagged = {r.get("field") for r in result.get("reasons") or [] if r.get("code") == "CLAIM_MISMATCH"}
            expected_flag = case.claim_disagrees
            # a claim that disagrees must be flagged on its field; one that agrees must not be flagged
            self.claims.add("ok", "ok" if (expected_flag in flagged if expected_flag else not flagged) else "wrong")

    def decisions_json(self) -> DecisionReport:
        if not self.registry_status.total:
            return {}
        kinds = {k: {d: v.get(d, 0) for d in DECISIONS} | {"n": sum(v.values())} for k, v in self.decisions.items()}
        genuine = [k for k in kinds if k in GENUINE_KINDS]
        n_genuine = sum(kinds[k]["n"] for k in genuine)

        def genuine_rate(decision: str) -> float | None:
            """Share of genuine cards given `decision`: retake and rejected cost the citizen a trip."""
            return round(sum(kinds[k][decision] for k in genuine) / n_genuine, 4) if n_genuine else None

        # genuine documents with nothing to doubt (no claim typo planted): the automation target
        clean = self.genuine_clean
        impostors = kinds.get("impostor", {})
        return {
            "cases": self.registry_status.total,
            "registry_status_accuracy": round(self.registry_status.rate, 4),
            "decision_accuracy": round(self.decision_correct.rate, 4) if self.decision_correct.total else None,
            "by_kind": kinds,
            "genuine": n_genuine,
            "genuine_verified_rate": genuine_rate("verified"),
            "genuine_retake_rate": genuine_rate("retake"),
            "genuine_rejected_rate": genuine_rate("rejected"),
            "genuine_expected_verified": clean.total,
            "genuine_expected_verified_rate": round(clean.rate, 4) if clean.total else None,
            "impostors_verified": impostors.get("verified", 0),
            "claim_check_accuracy": round(self.claims.rate, 4) if self.claims.total else None,
            "claims": self.claims.total,
            "wrong_decisions": [
                {
                    "id": w.id,
                    "kind": w.kind,
                    "expected": w.expected,
                    "got": w.got,
                    "registry": w.registry,
                    "score": w.score,
                    "reasons": w.reasons,
                }
                for w in self.wrong_decisions
            ],
        }

    def to_json(self) -> EvalReport:
        modes = sorted({m for per in self.fields.values() for m in per})
        return {
            "samples": self.samples,
            "failed": self.failed,
            "modes": modes,
            "fields": {
                f: {m: {"exact": round(t.rate, 4), "cer": round(t.cer, 4), "n": t.total} for m, t in per.items()}
                for f, per in self.fields.items()
            },
            "document_type": {m: round(t.rate, 4) for m, t in self.type_correct.items()},
            "document_type_by_truth": {
                k: {"accuracy": round(t.rate, 4), "n": t.total, "predicted": dict(self.type_confusion[k])}
                for k, t in sorted(self.type_by_truth.items())
            },
            "timing_ms": {
                m: {"median": statistics.median(v), "p90": _p90(v), "n": len(v)} for m, v in self.times_ms.items()
            },
            "misses": [{"id": m.id, "field": m.field, "expected": m.expected, "got": m.got} for m in self.misses],
            "reasons": dict(sorted(self.reason_counts.items())),
            "decisions": self.decisions_json(),
            "check_false_alarms": false_alarms(self.card_modes, self.card_checks),
        }


def _modes(mode: str) -> tuple[str, ...]:
    """The sample's mode and "all"; once only when the truth names no mode (it is then "all" itself)."""
    return (mode, "all") if mode != "all" else ("all",)


def _p90(values: list[int]) -> float:
    ordered = sorted(values)
    return float(ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))])


def load_samples(directory: Path) -> list[Sample]:
    images = {p.stem: p for p in sorted((directory / "images").iterdir()) if p.suffix.lower() in IMAGE_EXTS}
    cases: dict[str, Case] = {}
    if (directory / "cases.jsonl").exists():
        for line in (directory / "cases.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                case = Case.from_json(json.loads(line))
                cases[case.id] = case
    samples = []
    for truth_path in sorted((directory / "truth").glob("*.json")):
        if truth_path.stem in images:
            samples.append(
                Sample(
                    truth_path.stem,
                    images[truth_path.stem],
                    json.loads(truth_path.read_text()),
                    cases.get(truth_path.stem),
                )
            )
    return samples


def evaluate(
    samples: Iterable[Sample],
    verify: Verify,
    progress: Callable[[], None] | None = None,
) -> Report:
    """Each sample read once, with its case's claim; field accuracy always, decisions where a case exists."""
    report = Report()
    for sample in samples:
        result = verify(sample.image.read_bytes(), sample.case.claim if sample.case is not None else None)
        if sample.case is not None:
            report.add_case(sample.case, result)
        report.samples += 1
        mode = sample.mode
        if result["status"] != "completed":
            report.failed += 1
        true_type = str(sample.truth.get("document_type"))
        got_type = result["document"]["type"]
        for m in _modes(mode):
            report.times_ms[m].append(int(result.get("timings_ms", {}).get("total", 0)))
            report.type_correct[m].add(true_type, got_type)
        report.type_by_truth[true_type].add(true_type, got_type)
        report.type_confusion[true_type][got_type] += 1
        if got_type != true_type:
            report.misses.append(Miss(sample.id, "document_type", true_type, got_type))
        for reason in result.get("reasons") or []:
            report.reason_counts[str(reason.get("code"))] += 1
        if true_type == "ktp" and result["status"] == "completed":
            report.card_checks[sample.id] = list(result.get("checks") or [])
            report.card_modes[sample.id] = mode
        got_fields = result.get("fields", {})
        prefix = "" if true_type in ("ktp", "None") else f"{true_type}."
        for key, expected in sample.truth.items():
            if key == "members" and isinstance(expected, list):
                _add_members(report, sample, mode, expected, got_fields.get("members", {}).get("value"), prefix)
                continue
            if key in META_KEYS or isinstance(expected, (list, dict)):
                continue
            got = got_fields.get(key, {}).get("value")
            got_s = None if got is None else str(got)
            for m in _modes(mode):
                report.fields[prefix + key][m].add(str(expected), got_s)
            if got_s != str(expected):
                report.misses.append(Miss(sample.id, prefix + key, expected, got))
        if progress:
            progress()
    return report


def _add_members(
    report: Report, sample: Sample, mode: str, expected: list[JsonValue], got: object, prefix: str
) -> None:
    """Member fields by row index: truth member i against extracted member i (missing rows count wrong)."""
    rows = got if isinstance(got, list) else []
    for i, member in enumerate(expected):
        if not isinstance(member, dict):
            continue
        found = rows[i] if i < len(rows) and isinstance(rows[i], dict) else {}
        for key, value in member.items():
            got_v = found.get(key)
            got_s = None if got_v is None else str(got_v)
            for m in _modes(mode):
                report.fields[f"{prefix}members.{key}"][m].add(str(value), got_s)
            if key == "nik" and got_s != str(value):
                report.misses.append(Miss(sample.id, f"{prefix}members[{i}].nik", value, got_v))


def classification_markdown(data: EvalReport) -> str:
    """Classification accuracy per true type, with what the misclassified pages were taken for."""
    rows = ["| true type | n | accuracy | read as |", "|---|---:|---:|---|"]
    for kind, c in data.get("document_type_by_truth", {}).items():
        read_as = ", ".join(f"{k} {v}" for k, v in sorted(c["predicted"].items()))
        rows.append(f"| {kind} | {c['n']} | {c['accuracy'] * 100:.1f}% | {read_as} |")
    rows.append(f"| all | {data['samples']} | {data['document_type'].get('all', 0) * 100:.1f}% | |")
    return "\n".join(rows)


def markdown_table(report: Report | EvalReport) -> str:
    data = report.to_json() if isinstance(report, Report) else report
    modes = [m for m in data["modes"] if m != "all"] + ["all"]
    head = "| field | " + " | ".join(modes) + " | CER (all) |"
    sep = "|---|" + "---:|" * (len(modes) + 1)
    rows = [head, sep]
    for f, per in data["fields"].items():
        cells = [f"{per[m]['exact'] * 100:.1f}%" if m in per else "" for m in modes]
        rows.append(f"| {f} | " + " | ".join(cells) + f" | {per['all']['cer'] * 100:.2f}% |")
    n = [str(data["timing_ms"][m]["n"]) if m in data["timing_ms"] else "" for m in modes]
    med = [f"{data['timing_ms'][m]['median']:.0f}" if m in data["timing_ms"] else "" for m in modes]
    rows.append("| images | " + " | ".join(n) + " | |")
    rows.append("| median ms | " + " | ".join(med) + " | |")
    types = [f"{data['document_type'].get(m, 0) * 100:.1f}%" for m in modes]
    rows.append("| document type | " + " | ".join(types) + " | |")
    if len(data.get("document_type_by_truth", {})) > 1:
        rows += ["", classification_markdown(data)]
    decisions = data.get("decisions")
    if decisions:
        rows += ["", decision_markdown(decisions)]
    alarms = data.get("check_false_alarms") or {}
    failing = {name: tally for name, tally in alarms.items() if tally["all"]["failed"]}
    if failing:
        rows += [
            "",
            "Checks that failed on these untouched cards (false alarms), failed/scored per mode:",
            "",
            "| check | " + " | ".join(modes) + " |",
            "|---|" + "---:|" * len(modes),
        ]
        for name, tally in failing.items():
            cells = [f"{tally[m]['failed']}/{tally[m]['scored']}" if m in tally else "" for m in modes]
            rows.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def decision_markdown(d: DecisionReport) -> str:
    rows = [
        "| case kind | n | verified | needs_review | retake | rejected | failed |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for kind, c in sorted(d["by_kind"].items()):
        rows.append(
            f"| {kind} | {c['n']} | {c['verified']} | {c['needs_review']} | {c.get('retake', 0)} | "
            f"{c['rejected']} | {c['none']} |"
        )
    rows.append("")
    rows.append(
        f"registry status accuracy {d['registry_status_accuracy'] * 100:.1f}% · decision accuracy "
        f"{(d['decision_accuracy'] or 0) * 100:.1f}% · genuine verified automatically "
        f"{(d['genuine_verified_rate'] or 0) * 100:.1f}% of all genuine, "
        f"{(d.get('genuine_expected_verified_rate') or 0) * 100:.1f}% of the "
        f"{d.get('genuine_expected_verified', 0)} without a planted claim typo · genuine sent back for a "
        f"retake {(d.get('genuine_retake_rate') or 0) * 100:.1f}%, rejected "
        f"{(d.get('genuine_rejected_rate') or 0) * 100:.1f}% · impostors verified "
        f"{d['impostors_verified']}"
        + (f" · claim check {(d['claim_check_accuracy'] or 0) * 100:.1f}% of {d['claims']}" if d.get("claims") else "")
    )
    return "\n".join(rows)
