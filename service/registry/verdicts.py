"""Per-field verdicts (issue 24): what a registry owner answers instead of a record, on both sides of the wire.

The owner (docverify B, or Dukcapil through an adapter) compares the NIK and the fields it was sent with its
record and answers, per field, match or no match with a score where it has one, never a value. The asking side
(docverify A) turns that answer into the contract's `registry` block, so that the decision policy
(service.verifications.decision) works from verdicts as it works from records:

- `status` is `match` / `mismatch` by the asker's own thresholds (`is_match`) over the verdict scores; a remote
  that answers booleans only gives scores 100 / 0, so a decision with reasons still follows;
- each field carries the document's value (what the asker read: its own data), `registry: null`, the `score`
  and `verdict`; dates that differ carry `near` (the values differ in one character: a likely misread), which
  the impostor rule reads where it would otherwise compare the two dates;
- `record_id` is the owner's `reference` of its answer (no record identity crosses the wire).

Pure functions and models only: no I/O, no database (remote.py asks, service.py answers).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime

from pydantic import BaseModel, ConfigDict, Field, field_validator

from service.config import Settings
from service.registry import matching
from service.registry.tables import RECORD_FIELDS
from service.verifications.model import FieldScore, Registry

# Fields a verdict request may carry (the contract's registry columns; the NIK travels on its own)
VERDICT_FIELDS = tuple(f for f in RECORD_FIELDS if f != "nik")
DATE_FIELDS = frozenset({"birth_date"})
_NIK = re.compile(r"^\d{16}$")
MAX_VALUE = 200


class VerdictRequest(BaseModel):
    """What the asker sends: the NIK and the fields it read (any subset of the registry's columns)."""

    model_config = ConfigDict(extra="forbid")

    nik: str = Field(
        description="The 16-digit NIK to look up (never echoed back).",
        min_length=16,
        max_length=16,
        pattern=r"^\d{16}$",
    )
    fields: dict[str, str | None] = Field(
        default_factory=dict,
        description="The document's fields by the contract's registry column names (name, birth_date, "
        "birth_place, sex, address, rt_rw, village, district, regency, province, religion, "
        "marital_status, occupation, blood_type, nationality); values as read, at most 200 "
        "characters.",
        examples=[{"name": "MUHAMMAD RIZKI", "birth_date": "1990-08-31", "birth_place": "BANDUNG"}],
    )

    @field_validator("fields")
    @classmethod
    def _known(cls, value: dict[str, str | None]) -> dict[str, str | None]:
        unknown = [k for k in value if k not in VERDICT_FIELDS]
        if unknown:
            raise ValueError(f"unknown field(s); allowed: {', '.join(VERDICT_FIELDS)}")
        if any(v is not None and (len(v) > MAX_VALUE or "\x00" in v) for v in value.values()):
            raise ValueError(f"a field value is at most {MAX_VALUE} characters, without NUL")
        return value


class FieldVerdict(BaseModel):
    match: bool = Field(description="The field agrees with the registry's record.")
    score: float | None = Field(
        default=None, ge=0, le=100, description="Similarity 0–100 where the owner scores fields; null otherwise."
    )
    near: bool | None = Field(
        default=None,
        description="Dates that differ only: true when they differ in one "
        "character (a likely misread). Null otherwise.",
    )


class VerdictAnswer(BaseModel):
    """What the owner answers: per-field verdicts, never a value, never the NIK."""

    registry: str = Field(description="The registry that answered.")
    found: bool = Field(description="Whether the NIK is in the registry. false: no field verdicts follow.")
    score: float | None = Field(
        default=None, ge=0, le=100, description="Weighted overall score of the compared fields (0–100), when scored."
    )
    fields: dict[str, FieldVerdict] = Field(
        default_factory=dict, description="Verdicts of the fields present both in the request and in the record."
    )
    reference: str | None = Field(
        default=None, description="The owner's id of this answer (its processing record), for audits on both sides."
    )
    checked_at: str | None = Field(default=None, description="When the owner answered (ISO 8601, UTC).")


def nik_shaped(nik: str | None) -> bool:
    return bool(nik) and bool(_NIK.match(str(nik)))


def _differing(a: str, b: str) -> int:
    if len(a) != len(b):
        return max(len(a), len(b))
    return sum(x != y for x, y in zip(a, b, strict=True))


# The owner's side


def judge(
    document: Mapping[str, str | None],
    record: Mapping[str, str | None] | None,
    settings: Settings,
    *,
    registry: str,
    reference: str | None = None,
) -> VerdictAnswer:
    """The verdicts of one request against the record found by NIK (None: not found). Same scoring as a local
    match (`matching.compare`), so that a remote and a local registry decide alike."""
    checked_at = datetime.now(UTC).isoformat()
    if record is None:
        return VerdictAnswer(registry=registry, found=False, reference=reference, checked_at=checked_at)
    asked = {k: document.get(k) for k in VERDICT_FIELDS}
    result = matching.compare(
        asked, {k: (None if record.get(k) is None else str(record.get(k))) for k in VERDICT_FIELDS}
    )
    fields: dict[str, FieldVerdict] = {}
    for key, fs in result.fields.items():
        near = None
        if key in DATE_FIELDS and fs.score < 100 and fs.document is not None and fs.registry is not None:
            near = _differing(str(fs.document), str(fs.registry)) <= 1
        fields[key] = FieldVerdict(match=fs.score >= settings.registry_verdict_match_score, score=fs.score, near=near)
    return VerdictAnswer(
        registry=registry,
        found=True,
        score=result.score if fields else None,
        fields=fields,
        reference=reference,
        checked_at=checked_at,
    )


# The asker's side


def _weighted(scores: Mapping[str, float]) -> float:
    total = weighted = 0.0
    for key, score in scores.items():
        weight = matching.FIELD_WEIGHTS.get(key, 0.0)
        if weight > 0:
            total += weight
            weighted += weight * score
    return round(weighted / total, 1) if total else 0.0


def is_match(score: float, fields: Mapping[str, float], settings: Settings) -> bool:
    """The asker's own thresholds, as `service.registry.service.is_match` applies them to a record."""
    name, birth = fields.get("name"), fields.get("birth_date")
    return (
        score >= settings.match_min_score
        and (name is None or name >= settings.match_min_name_score)
        and (birth is None or birth == 100)
    )


def registry_block(
    answer: VerdictAnswer, source: str, document: Mapping[str, str | None], settings: Settings
) -> Registry:
    """The contract's `registry` block from an owner's verdicts (no record values: `registry` is null)."""
    block = Registry(status="not_found", source=source, record_id=answer.reference)
    if not answer.found:
        return block
    scores: dict[str, float] = {}
    fields: dict[str, FieldScore] = {}
    if document.get("nik") is not None:  # found by NIK: the NIK agrees exactly, as a local lookup shows it
        fields["nik"] = FieldScore(document=document.get("nik"), registry=None, score=100.0, verdict="match")
    for key, verdict in answer.fields.items():
        score = verdict.score if verdict.score is not None else (100.0 if verdict.match else 0.0)
        scores[key] = score
        fields[key] = FieldScore(
            document=document.get(key),
            registry=None,
            score=score,
            verdict="match" if verdict.match else "no_match",
            near=verdict.near,
        )
    overall = answer.score if answer.score is not None else _weighted(scores)
    block.status = "match" if is_match(overall, scores, settings) else "mismatch"
    block.score, block.fields = overall, fields
    return block


def no_nik_block(source: str) -> Registry:
    """Without a usable NIK nothing is asked (no candidate search over the wire): not found."""
    return Registry(status="not_found", source=source)


def unavailable_block(source: str, error: str, attempts: int) -> Registry:
    """The registry did not answer (timeouts, refused, circuit open): a clerk decides, or a re-assessment later."""
    return Registry(status="unavailable", source=source, error=error, attempts=attempts)
