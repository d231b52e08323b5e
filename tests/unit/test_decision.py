"""The decision policy on hand-built Verification objects: each rule, and that doubt never rejects."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from service.config import Settings
from service.verifications.decision import decide

SETTINGS = Settings()


def field(value: str, confidence: float = 0.99) -> dict[str, Any]:
    return {"value": value, "confidence": confidence, "bbox": [0, 0, 1, 1], "page": 0}


def scored(document: str, registry: str, score: float) -> dict[str, Any]:
    return {"document": document, "registry": registry, "score": score}


def base() -> dict[str, Any]:
    return {
        "status": "completed", "reasons": [], "checks": [{"name": "blur", "passed": True, "score": 0.9}],
        "document": {"type": "ktp", "type_confidence": 0.99, "pages": 1},
        "fields": {"nik": field("3204123108900002"), "name": field("MUHAMMAD RIZKI"),
                   "birth_date": field("1990-08-31"), "sex": field("LAKI-LAKI")},
        "registry": {"status": "match", "source": "dukcapil", "record_id": "7", "score": 97.0, "fields": {
            "nik": scored("3204123108900002", "3204123108900002", 100),
            "name": scored("MUHAMMAD RIZKI", "MUHAMAD RIZKI", 96.3),
            "birth_date": scored("1990-08-31", "1990-08-31", 100), "sex": scored("LAKI-LAKI", "LAKI-LAKI", 100)}},
    }


def codes(reasons: list[dict[str, Any]]) -> list[str]:
    return [r["code"] for r in reasons]


def test_a_clean_registry_match_is_verified_and_says_why() -> None:
    decision, reasons = decide(base(), SETTINGS)
    assert decision == "verified"
    assert codes(reasons) == ["REGISTRY_MATCH"] and "dukcapil" in reasons[0]["message"]


def test_a_failed_job_has_no_decision() -> None:
    v = base()
    v["status"] = "failed"
    assert decide(v, SETTINGS) == (None, [])


@pytest.mark.parametrize(("name_score", "birth_registry"), [(31.0, "1990-08-31"), (95.0, "1975-02-14")])
def test_a_nik_registered_to_someone_else_is_rejected(name_score: float, birth_registry: str) -> None:
    v = base()
    v["registry"]["status"] = "mismatch"
    v["registry"]["fields"]["birth_place"] = scored("BANDUNG", "TERNATE", 15.0)
    v["registry"]["fields"]["name"] = scored("MUHAMMAD RIZKI", "SRI WAHYUNI", name_score)
    v["registry"]["fields"]["birth_date"] = scored("1990-08-31", birth_registry, 100 if birth_registry.endswith(
        "31") else 0)
    decision, reasons = decide(v, SETTINGS)
    assert decision == "rejected"
    assert codes(reasons) == ["NIK_BELONGS_TO_OTHER_PERSON"] and reasons[0]["field"] == "nik"


def test_a_far_off_name_alone_is_a_misread_for_a_clerk_not_a_rejection() -> None:
    """A genuine card whose short name was misread with confidence ("SITI IFA" read "SITHIFA" once) while
    birth date, birth place and address agree: never rejected."""
    v = base()
    v["registry"]["status"] = "mismatch"
    v["registry"]["fields"]["name"] = scored("SITHIFA", "SITI IFA", 40.0)
    v["registry"]["fields"]["birth_place"] = scored("BANDUNG", "BANDUNG", 100.0)
    v["registry"]["fields"]["address"] = scored("JL. MERDEKA NO. 12", "JALAN MERDEKA NOMOR 12", 100.0)
    decision, reasons = decide(v, SETTINGS)
    assert decision == "needs_review" and "REGISTRY_FIELD_MISMATCH" in codes(reasons)


def test_a_one_digit_birth_date_difference_is_a_misread_not_an_impostor() -> None:
    v = base()
    v["registry"]["status"] = "mismatch"
    v["registry"]["fields"]["birth_date"] = scored("1990-08-31", "1990-08-21", 0)
    decision, reasons = decide(v, SETTINGS)
    assert decision == "needs_review"
    assert ("REGISTRY_FIELD_MISMATCH", "birth_date") in [(r["code"], r.get("field")) for r in reasons]


def test_an_unsure_read_is_never_rejected() -> None:
    v = base()
    v["registry"]["status"] = "mismatch"
    v["registry"]["fields"]["name"] = scored("MUHAMMAD RIZKI", "SRI WAHYUNI", 20.0)
    v["fields"]["name"]["confidence"] = 0.7
    decision, reasons = decide(v, SETTINGS)
    assert decision == "needs_review"
    assert "LOW_CONFIDENCE" in codes(reasons) and "REGISTRY_FIELD_MISMATCH" in codes(reasons)


def test_an_invalid_nik_is_never_rejected_as_someone_elses() -> None:
    v = base()
    v["reasons"] = [{"code": "NIK_INVALID", "message": "fails the NIK rules", "field": "nik"}]
    v["registry"]["status"] = "mismatch"
    v["registry"]["fields"]["name"] = scored("MUHAMMAD RIZKI", "SRI WAHYUNI", 20.0)
    assert decide(v, SETTINGS)[0] == "needs_review"


@pytest.mark.parametrize(("change", "code"), [
    (lambda v: v["registry"].update(status="not_found", record_id=None, score=None, fields={}), "REGISTRY_NOT_FOUND"),
    (lambda v: v["registry"].update(status="not_checked", fields={}), "REGISTRY_NOT_CHECKED"),
    (lambda v: v["fields"].update(address=field("JL. MERDEKA NO. 12", 0.5)), "LOW_CONFIDENCE"),
    (lambda v: v["registry"]["fields"]["birth_date"].update(score=0.0) or v["fields"]["birth_date"].update(
        confidence=0.5), "LOW_CONFIDENCE"),
    (lambda v: v["registry"]["fields"]["name"].update(score=84.0), "REGISTRY_FIELD_MISMATCH"),
    (lambda v: v["registry"].update(score=80.0), "REGISTRY_SCORE_LOW"),
    (lambda v: v["checks"].append({"name": "photocopy", "passed": False, "score": 0.2, "detail": "grey"}),
     "CHECK_FAILED"),
    (lambda v: v.update(claim_check={"name": {"claim": "RIZKI", "document": "MUHAMMAD RIZKI",
                                              "registry": "MUHAMAD RIZKI", "disagrees": "claim"}}),
     "CLAIM_MISMATCH"),
    (lambda v: v["document"].update(type="unknown"), "DOCUMENT_TYPE_NOT_MATCHED"),
])
def test_each_doubt_sends_the_case_to_a_clerk_with_its_reason(change: Any, code: str) -> None:
    v = base()
    change(v)
    decision, reasons = decide(v, SETTINGS)
    assert decision == "needs_review"
    assert code in codes(reasons)


def test_an_unsure_read_repeated_exactly_by_the_record_found_by_nik_is_confirmed() -> None:
    v = base()
    v["fields"]["birth_date"]["confidence"] = 0.5
    assert decide(v, SETTINGS)[0] == "verified"
    v["registry"]["status"] = "mismatch"
    assert "LOW_CONFIDENCE" in codes(decide(v, SETTINGS)[1])


def test_a_claim_is_blamed_only_when_it_is_the_odd_one_out() -> None:
    v = base()
    v["claim_check"] = {"name": {"claim": "MUHAMAD RIZKI", "document": "MUHAMMAD RIZKY",
                                 "registry": "MUHAMAD RIZKI", "disagrees": "document"}}
    assert decide(v, SETTINGS)[0] == "verified"  # the registry comparison judges the document's read
    v["claim_check"]["name"]["disagrees"] = "all"
    assert "CLAIM_MISMATCH" in codes(decide(v, SETTINGS)[1])


def test_an_unsure_read_of_a_field_outside_the_review_fields_is_said_but_does_not_block() -> None:
    v = base()
    v["fields"]["blood_type"] = field("-", 0.0)
    decision, reasons = decide(v, SETTINGS)
    assert decision == "verified"
    assert [(r["code"], r["severity"]) for r in reasons] == [("REGISTRY_MATCH", "info"), ("LOW_CONFIDENCE", "info")]


def test_the_pipelines_own_reasons_block_verified_without_being_repeated() -> None:
    v = base()
    v["reasons"] = [{"code": "NIK_DOB_MISMATCH", "message": "…", "field": "birth_date"}]
    decision, reasons = decide(v, SETTINGS)
    assert decision == "needs_review" and "NIK_DOB_MISMATCH" not in codes(reasons)


def test_a_retake_check_rejects_with_its_resubmit_reason() -> None:
    v = base()
    v["checks"].append({"name": "blur", "passed": False, "score": 0.1, "detail": "retake without shaking",
                        "action": "retake", "reason": "RETAKE_BLURRY"})
    decision, reasons = decide(v, SETTINGS)
    assert decision == "rejected" and codes(reasons) == ["RETAKE_BLURRY"]


def test_thresholds_come_from_settings() -> None:
    v = base()
    v["registry"]["score"] = 89.0
    assert decide(copy.deepcopy(v), SETTINGS)[0] == "verified"
    strict = Settings(verify_min_score=95.0)
    assert decide(v, strict)[0] == "needs_review"
