"""The decision policy on hand-built Verification objects: each rule, and that doubt never rejects."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest

from service.config import Settings
from service.verifications.decision import NIK_RULE_CODES
from service.verifications.decision import decide as decide_model
from service.verifications.model import VerificationResult

SETTINGS = Settings(env="dev")


def decide(v: dict[str, Any], settings: Settings) -> tuple[str | None, list[dict[str, Any]]]:
    """The policy on a hand-built object, read as the typed Verification it decides on (the keys these tests
    do not care about filled in); its reasons back as the JSON they are stored as."""
    model = VerificationResult.load({"id": "01JDTEST000000000000000000", "provenance": {"pipeline_version": "t"}, **v})
    decision, reasons = decide_model(model, settings)
    return decision, [r.model_dump(mode="json") for r in reasons]


def field(value: str, confidence: float = 0.99) -> dict[str, Any]:
    return {"value": value, "confidence": confidence, "bbox": [0, 0, 1, 1], "page": 0}


def scored(document: str, registry: str, score: float) -> dict[str, Any]:
    return {"document": document, "registry": registry, "score": score}


def base() -> dict[str, Any]:
    return {
        "status": "completed",
        "reasons": [],
        "checks": [{"name": "blur", "passed": True, "score": 0.9}],
        "document": {"type": "ktp", "type_confidence": 0.99, "pages": 1},
        "fields": {
            "nik": field("3204123108900002"),
            "name": field("MUHAMMAD RIZKI"),
            "birth_date": field("1990-08-31"),
            "sex": field("LAKI-LAKI"),
        },
        "registry": {
            "status": "match",
            "source": "dukcapil",
            "record_id": "7",
            "score": 97.0,
            "fields": {
                "nik": scored("3204123108900002", "3204123108900002", 100),
                "name": scored("MUHAMMAD RIZKI", "MUHAMAD RIZKI", 96.3),
                "birth_date": scored("1990-08-31", "1990-08-31", 100),
                "sex": scored("LAKI-LAKI", "LAKI-LAKI", 100),
            },
        },
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
    v["registry"]["fields"]["birth_date"] = scored(
        "1990-08-31", birth_registry, 100 if birth_registry.endswith("31") else 0
    )
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


@pytest.mark.parametrize(
    ("change", "code"),
    [
        (
            lambda v: v["registry"].update(status="not_found", record_id=None, score=None, fields={}),
            "REGISTRY_NOT_FOUND",
        ),
        (lambda v: v["registry"].update(status="not_checked", fields={}), "REGISTRY_NOT_CHECKED"),
        (lambda v: v["fields"].update(address=field("JL. MERDEKA NO. 12", 0.5)), "LOW_CONFIDENCE"),
        (
            lambda v: (
                v["registry"]["fields"]["birth_date"].update(score=0.0)
                or v["fields"]["birth_date"].update(confidence=0.5)
            ),
            "LOW_CONFIDENCE",
        ),
        (lambda v: v["registry"]["fields"]["name"].update(score=84.0), "REGISTRY_FIELD_MISMATCH"),
        (lambda v: v["registry"].update(score=80.0), "REGISTRY_SCORE_LOW"),
        (
            lambda v: v["checks"].append(
                {"name": "specimen_nik", "passed": False, "score": 0.2, "detail": "a specimen"}
            ),
            "CHECK_FAILED",
        ),
        (
            lambda v: v.update(
                claim_check={
                    "name": {
                        "claim": "RIZKI",
                        "document": "MUHAMMAD RIZKI",
                        "registry": "MUHAMAD RIZKI",
                        "disagrees": "claim",
                    }
                }
            ),
            "CLAIM_MISMATCH",
        ),
        (lambda v: v["document"].update(type="unknown"), "DOCUMENT_TYPE_NOT_MATCHED"),
    ],
)
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
    v["claim_check"] = {
        "name": {
            "claim": "MUHAMAD RIZKI",
            "document": "MUHAMMAD RIZKY",
            "registry": "MUHAMAD RIZKI",
            "disagrees": "document",
        }
    }
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


def full_card() -> dict[str, Any]:
    """base() with every field a retake must protect read surely (a whole KTP read from a sharp photo)."""
    v = base()
    v["fields"].update(
        birth_place=field("BANDUNG"),
        address=field("JL. MERDEKA NO. 12"),
        rt_rw=field("003/007"),
        village=field("CIBEUNYING"),
        district=field("CIMENYAN"),
        regency=field("KABUPATEN BANDUNG"),
        province=field("PROVINSI JAWA BARAT"),
    )
    return v


def blur(v: dict[str, Any], reason: str = "RETAKE_BLURRY") -> dict[str, Any]:
    v["checks"].append(
        {
            "name": "blur",
            "passed": False,
            "score": 0.1,
            "detail": "retake without shaking",
            "action": "retake",
            "reason": reason,
        }
    )
    return v


def test_every_field_a_retake_protects_is_in_the_full_card() -> None:
    assert set(SETTINGS.review_fields) | {"nik", "name", "birth_date"} <= set(full_card()["fields"])


@pytest.mark.parametrize(
    "reason",
    [
        "RETAKE_BLURRY",
        "RETAKE_GLARE",
        "RETAKE_CARD_CUT_OFF",
        "RETAKE_LOW_RESOLUTION",
        "RETAKE_TOO_DARK",
        "RETAKE_TOO_BRIGHT",
    ],
)
def test_a_failed_capture_check_on_a_fully_read_matching_card_is_verified_with_the_check_as_info(reason: str) -> None:
    v = blur(full_card(), reason)
    decision, reasons = decide(v, SETTINGS)
    assert decision == "verified"
    assert [(r["code"], r["severity"]) for r in reasons] == [("REGISTRY_MATCH", "info"), (reason, "info")]
    assert v["checks"][-1]["passed"] is False  # the check itself stays in `checks`, unchanged


def test_a_failed_capture_check_that_cost_the_name_asks_for_a_retake() -> None:
    v = blur(full_card())
    del v["fields"]["name"]
    v["reasons"] = [{"code": "FIELD_MISSING", "message": "name could not be read", "field": "name"}]
    decision, reasons = decide(v, SETTINGS)
    assert decision == "retake"
    assert [(r["code"], r["severity"]) for r in reasons] == [("RETAKE_BLURRY", "retake")]
    assert "name" in reasons[0]["message"]


@pytest.mark.parametrize("key", dict.fromkeys(["nik", "name", "birth_date", *SETTINGS.review_fields]))
def test_an_unsure_required_field_after_a_failed_capture_check_asks_for_a_retake(key: str) -> None:
    v = blur(full_card())
    v["registry"]["fields"].pop(key, None)  # not confirmed by the record found by NIK
    v["fields"][key]["confidence"] = 0.5
    decision, reasons = decide(v, SETTINGS)
    assert decision == "retake" and f"{key} 0.50" in reasons[0]["message"]
    v["fields"][key]["confidence"] = SETTINGS.review_confidence
    assert decide(v, SETTINGS)[0] == "verified"


def test_an_unsure_field_the_registry_repeats_exactly_costs_no_retake() -> None:
    v = blur(full_card())
    v["fields"]["birth_date"]["confidence"] = 0.5  # the record found by NIK has the same date (score 100)
    assert decide(v, SETTINGS)[0] == "verified"


def test_an_unsure_field_outside_the_required_ones_costs_no_retake() -> None:
    v = blur(full_card())
    v["fields"]["blood_type"] = field("-", 0.1)
    assert decide(v, SETTINGS)[0] == "verified"


@pytest.mark.parametrize("code", ["NIK_INVALID", "NIK_REGION_UNKNOWN", "NIK_DOB_MISMATCH", "NIK_SEX_MISMATCH"])
def test_a_nik_failing_its_rules_after_a_failed_capture_check_asks_for_a_retake(code: str) -> None:
    v = full_card()
    v["reasons"] = [{"code": code, "message": "…", "field": "nik"}]
    assert decide(v, SETTINGS)[0] == "needs_review"  # a sharp photo: a clerk looks at the NIK
    decision, reasons = decide(blur(v), SETTINGS)
    assert decision == "retake" and code in reasons[0]["message"]


def test_the_nik_rule_codes_are_the_pipelines() -> None:
    """Every NIK reason workers.pipeline.validate can give is one the retake rule knows (and no other)."""
    source = (Path(__file__).parents[2] / "workers" / "pipeline" / "validate.py").read_text()
    assert set(re.findall(r'Reason\(\s*"(NIK_[A-Z_]+)"', source)) == set(NIK_RULE_CODES)


def test_impostor_evidence_still_rejects_a_blurred_card() -> None:
    v = blur(full_card())
    v["registry"]["status"] = "mismatch"
    v["registry"]["fields"]["birth_place"] = scored("BANDUNG", "TERNATE", 15.0)
    v["registry"]["fields"]["name"] = scored("MUHAMMAD RIZKI", "SRI WAHYUNI", 20.0)
    decision, reasons = decide(v, SETTINGS)
    assert decision == "rejected" and codes(reasons) == ["NIK_BELONGS_TO_OTHER_PERSON"]


def test_other_doubts_on_a_fully_read_blurred_card_go_to_a_clerk_with_the_check_as_info() -> None:
    v = blur(full_card())
    v["registry"].update(status="not_found", record_id=None, score=None, fields={})
    decision, reasons = decide(v, SETTINGS)
    assert decision == "needs_review"
    assert ("REGISTRY_NOT_FOUND", "review") in [(r["code"], r["severity"]) for r in reasons]
    assert ("RETAKE_BLURRY", "info") in [(r["code"], r["severity"]) for r in reasons]


def test_a_retake_names_the_other_failed_checks_too() -> None:
    v = blur(full_card())
    v["fields"]["nik"]["confidence"] = 0.4
    v["registry"]["fields"].pop("nik")
    v["checks"].append(
        {"name": "specimen_nik", "passed": False, "score": 0.2, "detail": "specimen", "action": "review"}
    )
    decision, reasons = decide(v, SETTINGS)
    assert decision == "retake"
    assert [(r["code"], r["severity"]) for r in reasons] == [("RETAKE_BLURRY", "retake"), ("CHECK_FAILED", "review")]


@pytest.mark.parametrize(
    ("doc_type", "fields", "pipeline", "expected"),
    [
        (
            "kk",
            {
                "kk_number": field("3204120101090001"),
                "members": {"value": [{"nik": "3204123108900002"}], "confidence": 0.95},
            },
            [],
            "needs_review",
        ),
        (
            "kk",
            {"kk_number": field("3204120101090001")},
            [{"code": "KK_MEMBERS_MISSING", "message": "…", "field": "members"}],
            "retake",
        ),
        (
            "kk",
            {"members": {"value": [{"nik": "3204123108900002"}], "confidence": 0.95}},
            [{"code": "FIELD_MISSING", "message": "…", "field": "kk_number"}],
            "retake",
        ),
        (
            "kk",
            {"kk_number": field("3204120101090001"), "members": {"value": [{"nik": "32041"}], "confidence": 0.9}},
            [{"code": "KK_MEMBER_NIK_INVALID", "message": "…", "field": "members"}],
            "retake",
        ),
        ("sktm", {"subject_nik": field("3204123108900002"), "subject_name": field("SRI WAHYUNI")}, [], "needs_review"),
        (
            "sktm",
            {"subject_name": field("SRI WAHYUNI")},
            [{"code": "FIELD_MISSING", "message": "…", "field": "subject_nik"}],
            "retake",
        ),
        (
            "sktm",
            {"subject_nik": field("3204123108900009"), "subject_name": field("SRI WAHYUNI")},
            [{"code": "NIK_INVALID", "message": "…", "field": "subject_nik"}],
            "retake",
        ),
        (
            "passport",
            {"document_number": field("C1234567"), "surname": field("WAHYUNI"), "birth_date": field("1990-08-31")},
            [],
            "needs_review",
        ),
        ("passport", {}, [{"code": "MRZ_NOT_FOUND", "message": "…"}], "retake"),
        (
            "passport",
            {"document_number": field("C1234567"), "surname": field("WAHYUNI"), "birth_date": field("1990-08-31")},
            [{"code": "MRZ_CHECK_DIGIT_FAILED", "message": "…", "field": "document_number"}],
            "retake",
        ),
        ("unknown", {}, [{"code": "DOCUMENT_UNRECOGNISED", "message": "…"}], "retake"),
        (
            "sim",
            {"sim_number": field("089012340567"), "name": field("SRI WAHYUNI"), "birth_date": field("1990-08-12")},
            [],
            "needs_review",
        ),
        ("sim", {"name": field("SRI WAHYUNI")}, [], "retake"),  # its key fields (doctypes.sim) lost to the blur
    ],
)
def test_other_document_types_ask_for_a_retake_only_when_their_key_fields_were_lost(
    doc_type: str, fields: dict[str, Any], pipeline: list[dict[str, Any]], expected: str
) -> None:
    v = blur(base())
    v["document"]["type"] = doc_type
    v["fields"], v["reasons"] = fields, pipeline
    v["registry"] = {"status": "not_checked", "fields": {}}
    decision, reasons = decide(v, SETTINGS)
    assert decision == expected
    if expected == "needs_review":
        assert ("RETAKE_BLURRY", "info") in [(r["code"], r["severity"]) for r in reasons]


def test_thresholds_come_from_settings() -> None:
    v = base()
    v["registry"]["score"] = 89.0
    assert decide(copy.deepcopy(v), SETTINGS)[0] == "verified"
    strict = Settings(env="dev", verify_min_score=95.0)
    assert decide(v, strict)[0] == "needs_review"


def test_a_check_that_cries_wolf_is_said_as_information_not_a_reason_for_review() -> None:
    v = base()
    v["checks"].append(
        {
            "name": "text_edit",
            "passed": False,
            "score": 0.3,
            "reason": "TEXT_EDIT_SUSPECTED",
            "detail": "one line's glyphs differ",
        }
    )
    decision, _ = decide(v, SETTINGS.model_copy(update={"info_checks": ()}))
    assert decision == "needs_review"
    decision, reasons = decide(v, SETTINGS.model_copy(update={"info_checks": ("text_edit",)}))
    assert decision == "verified"
    assert [(r["code"], r["severity"]) for r in reasons if r["code"] == "TEXT_EDIT_SUSPECTED"] == [
        ("TEXT_EDIT_SUSPECTED", "info")
    ]
    # a fraud signal is never demoted, whatever the setting names
    v["checks"][-1] = {"name": "SUBMISSION_BURST", "passed": False, "score": 0.2, "reason": "SUBMISSION_BURST"}
    assert decide(v, SETTINGS.model_copy(update={"info_checks": ("SUBMISSION_BURST",)}))[0] == "needs_review"
