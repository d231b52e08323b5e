"""The typed Verification (service.verifications.model): every result the code before it wrote still loads and
reads back unchanged (only keys are added), the OpenAPI schema is typed, and it is built in one place.

tests/data/verifications/*.json were written by the code before the model (`docverify verify --json` on the
samples with the sample registry and a claim, a KTP-el with a KK in one submission, an unreadable file); the
other shapes below are what that code's service paths wrote (a queued job, a failure, a clerk's review, the
minimal record after a purge, fraud signals, eligibility)."""

from __future__ import annotations

import ast
import copy
import json
from pathlib import Path
from typing import Any

import pytest

from service.verifications.model import (
    Document,
    Fields,
    Provenance,
    TextField,
    Verification,
    VerificationResult,
    build,
)

ROOT = Path(__file__).resolve().parents[2]
WRITTEN = sorted((ROOT / "tests" / "data" / "verifications").glob("*.json"))


def kept(new: Any, old: Any, where: str = "") -> list[str]:
    """Where `new` lost or changed something of `old` (a key `new` adds is fine)."""
    if isinstance(old, dict):
        if not isinstance(new, dict):
            return [f"{where}: {type(new).__name__} instead of an object"]
        return [
            p
            for k, v in old.items()
            for p in (kept(new[k], v, f"{where}.{k}") if k in new else [f"{where}.{k}: dropped"])
        ]
    if isinstance(old, list):
        if not isinstance(new, list) or len(new) != len(old):
            return [f"{where}: list changed"]
        return [p for i, (n, o) in enumerate(zip(new, old, strict=True)) for p in kept(n, o, f"{where}[{i}]")]
    return [] if new == old and type(new) in (type(old), float, int) else [f"{where}: {old!r} became {new!r}"]


def added_keys(new: Any, old: Any, where: str = "") -> list[str]:
    if isinstance(old, dict) and isinstance(new, dict):
        return [f"{where}.{k}" for k in new if k not in old] + [
            p for k, v in old.items() if k in new for p in added_keys(new[k], v, f"{where}.{k}")
        ]
    if isinstance(old, list) and isinstance(new, list):
        return [p for i, (n, o) in enumerate(zip(new, old, strict=False)) for p in added_keys(n, o, f"{where}[{i}]")]
    return []


QUEUED = {  # service.verifications.service.view of a job no worker has read yet (before the model)
    "id": "01JDQUEUED0000000000000000",
    "status": "queued",
    "decision": None,
    "reasons": [],
    "document": {"type": "unknown", "type_confidence": None, "pages": 1},
    "fields": {},
    "checks": [],
    "registry": {"status": "not_checked", "source": "dukcapil", "record_id": None, "score": None, "fields": {}},
    "timings_ms": {},
    "provenance": {"pipeline_version": "0.3.0", "models": []},
}
FAILED = {
    **QUEUED,
    "status": "failed",
    "reasons": [{"code": "TIMEOUT", "message": "processing took longer than 300 s"}],
}
REVIEWED = {  # a clerk approved after correcting the name (service.review.service.decide_case)
    **json.loads((ROOT / "tests/data/verifications/ktp.json").read_text(encoding="utf-8")),
    "decision": "verified",
    "review": {
        "outcome": "approved",
        "decision": "verified",
        "reviewer": "siti",
        "reviewed_at": "2026-12-01T10:00:00",
        "reason": None,
        "corrections": [{"field": "name", "from": "BUDI SANTOS0", "to": "BUDI SANTOSO"}],
    },
    "eligibility": {
        "program": "pkh",
        "status": "not_eligible",
        "failed_rules": [
            {
                "field": "desil",
                "op": "<=",
                "value": 4,
                "description": "DTKS decile 4 or lower",
                "actual": "7",
                "message": "DTKS decile 4 or lower does not hold (7)",
            },
            {
                "field": "province",
                "op": "in",
                "value": ["JAWA BARAT", "BANTEN"],
                "actual": "ACEH",
                "message": "province in JAWA BARAT, BANTEN does not hold (ACEH)",
            },
        ],
    },
}
REVIEWED["fields"] = copy.deepcopy(REVIEWED["fields"])
REVIEWED["fields"]["name"].update(value="BUDI SANTOSO", corrected=True, corrected_by="siti", read_value="BUDI SANTOS0")
REVIEWED["reasons"] = [
    *REVIEWED["reasons"],
    {"code": "CLERK_APPROVED", "message": "approved by clerk siti", "severity": "info"},
]
REVIEWED["checks"] = [
    *REVIEWED["checks"],
    {
        "name": "document_reused",
        "passed": False,
        "score": 1.0,
        "detail": "seen in 1 other application",
        "action": "review",
        "reason": "DOCUMENT_REUSED",
        "linked": ["01JDOTHER00000000000000000"],
    },
]
PURGED = {  # service.privacy.service.minimal_result before the model: no id (a column of the row)
    "status": "completed",
    "decision": "verified",
    "reasons": [
        {
            "code": "REGISTRY_MATCH",
            "message": "details removed with the personal data (retention ended)",
            "severity": "info",
        }
    ],
    "document": {"type": "ktp", "type_confidence": None, "pages": 1},
    "fields": {},
    "checks": [],
    "registry": {"status": "match", "source": "dukcapil", "record_id": None, "score": None, "fields": {}},
    "timings_ms": {},
    "provenance": {"pipeline_version": "0.3.0", "models": ["PP-OCRv6_small_det@090f04ab"]},
    "personal_data": {"state": "purged", "at": "2026-12-01T10:00:00+00:00"},
    "review": {"outcome": "approved", "decision": "verified", "reviewer": "siti", "reviewed_at": "2026-12-01T09:00:00"},
}


@pytest.mark.parametrize("path", WRITTEN, ids=[p.stem for p in WRITTEN])
def test_a_result_written_before_the_model_loads_and_reads_back_unchanged(path: Path) -> None:
    old = json.loads(path.read_text(encoding="utf-8"))
    new = VerificationResult.load(old).to_json()
    assert kept(new, old) == []
    # only the optional blocks the model declares are added (as null), nothing inside what was written
    assert set(added_keys(new, old)) <= {".review", ".personal_data"}


@pytest.mark.parametrize("old", [QUEUED, FAILED, REVIEWED, PURGED], ids=["queued", "failed", "reviewed", "purged"])
def test_the_service_shapes_before_the_model_load_and_read_back_unchanged(old: dict[str, Any]) -> None:
    loaded = VerificationResult.load({"id": "01JDSTORED0000000000000000", **old})
    assert kept(loaded.to_json(), old) == []


def test_the_typed_attributes_read_what_the_json_says() -> None:
    v = VerificationResult.load(REVIEWED)
    assert v.fields.nik is not None and v.fields.nik.value == REVIEWED["fields"]["nik"]["value"]
    assert v.fields.name is not None and v.fields.name.corrected and v.fields.name.read_value == "BUDI SANTOS0"
    assert v.review is not None and v.review.corrections is not None
    assert v.review.corrections[0].from_ == "BUDI SANTOS0"
    assert v.eligibility is not None and v.eligibility.failed_rules[0].value == 4
    assert v.checks[-1].linked == ["01JDOTHER00000000000000000"]
    assert [r.severity for r in v.reasons][-1] == "info"
    kk = VerificationResult.load(json.loads((ROOT / "tests/data/verifications/ktp-and-kk.json").read_text()))
    members = kk.fields.get("kk.members")  # a second document's fields keep their prefix, typed
    assert members is not None and isinstance(members.value, list) and members.value[0].nik
    passport = VerificationResult.load(json.loads((ROOT / "tests/data/verifications/passport.json").read_text()))
    assert passport.fields.mrz_valid is not None and isinstance(passport.fields.mrz_valid.value, bool)


def test_a_result_that_is_not_a_verification_does_not_load() -> None:
    """The model is no bag of keys: a wrong type in a declared key is an error, not data passed through."""
    from pydantic import ValidationError

    bad = copy.deepcopy(QUEUED)
    bad["document"]["type"] = "letter"
    with pytest.raises(ValidationError):
        VerificationResult.load(bad)
    bad = {**copy.deepcopy(QUEUED), "fields": {"nik": {"value": ["3204"], "confidence": 0.9}}}
    with pytest.raises(ValidationError):
        VerificationResult.load(bad)


def test_a_field_set_by_name_takes_the_declared_type() -> None:
    fields = Fields()
    fields.set("nik", TextField(value="3204123108900002", confidence=0.5))
    fields.set("sktm.subject_nik", TextField(value="3204123108900002", confidence=0.5))
    assert fields.value("nik") == "3204123108900002" and "sktm.subject_nik" in fields
    assert fields.present() == ["nik", "sktm.subject_nik"]


def test_the_openapi_schema_and_so_the_client_are_typed() -> None:
    from service.main import published_document

    schemas = published_document()["components"]["schemas"]
    nik = schemas["Fields"]["properties"]["nik"]["anyOf"][0]["$ref"].rsplit("/", 1)[-1]
    assert schemas[nik]["properties"]["value"]["anyOf"][0] == {"type": "string"}
    assert "sim" in schemas["Document"]["properties"]["type"]["enum"]
    assert set(schemas["Reason"]["properties"]["severity"]["anyOf"][0]["enum"]) == {
        "info",
        "review",
        "retake",
        "reject",
    }
    verification = schemas["Verification"]
    assert "additionalProperties" not in verification
    for key in ("registry", "claim_check", "eligibility", "review", "provenance"):
        assert "$ref" in json.dumps(verification["properties"][key]), key
    assert schemas["Registry"]["properties"]["status"]["enum"] == [
        "match",
        "mismatch",
        "not_found",
        "not_checked",
        "unavailable",
    ]


def test_the_verification_is_constructed_in_one_place() -> None:
    """Only `model.build` makes a VerificationResult from its parts: everything else loads a stored one or
    serves one (Verification = a stored one plus the job's dates)."""
    makers = []
    sources = [
        *ROOT.glob("service/**/*.py"),
        *ROOT.glob("workers/**/*.py"),
        *ROOT.glob("docverify/**/*.py"),
        *ROOT.glob("primitives/**/*.py"),
    ]
    for path in sorted(sources):
        if path.name == "model.py" and path.parent.name == "verifications":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("VerificationResult", "Verification")
            ):
                makers.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert makers == []
    built = build(
        id="01JDBUILT00000000000000000",
        status="queued",
        document=Document(type="unknown", pages=1),
        provenance=Provenance(pipeline_version="t"),
    )
    assert built.registry.status == "not_checked" and built.to_json()["fields"] == {}
    assert Verification.model_validate({**built.to_json(), "created_at": "x", "attempts": 0}).attempts == 0
