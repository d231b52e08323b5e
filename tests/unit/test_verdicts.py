"""Issue 24: the matcher and the decision policy from per-field verdicts. A registry that answers verdicts
(docverify's own endpoint, or a Dukcapil-style service of booleans) decides the same cases as the same registry
read locally; a registry that does not answer sends the case to a clerk, never to a rejection."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from doctypes import REGISTRY_FIELDS
from service.config import Settings
from service.registry import verdicts
from service.registry.adapters import BadAnswer, DocverifyAdapter, DukcapilAdapter
from service.registry.importer import load_csv
from service.registry.service import MemorySource, match_document
from service.registry.verdicts import VerdictRequest
from tests.unit.test_decision import decide

SETTINGS = Settings(env="dev")
ROOT = Path(__file__).resolve().parents[2]


def registry() -> MemorySource:
    with (ROOT / "samples/ktp/registry.csv").open(encoding="utf-8") as fh:
        records, _report = load_csv(fh)
    return MemorySource("dukcapil", records)


def verification(document: dict[str, str | None], confidence: float = 0.99) -> dict[str, Any]:
    return {
        "status": "completed",
        "reasons": [],
        "checks": [{"name": "blur", "passed": True, "score": 0.9}],
        "document": {"type": "ktp", "type_confidence": 0.99, "pages": 1},
        "fields": {
            k: {"value": v, "confidence": confidence, "bbox": [0, 0, 1, 1], "page": 0}
            for k, v in document.items()
            if v is not None
        },
    }


def local(
    source: MemorySource, document: dict[str, str | None], confidence: float = 0.99
) -> tuple[str | None, list[str], dict[str, Any]]:
    v = verification(document, confidence)
    block, _record = match_document(source, document, SETTINGS)
    v["registry"] = block.model_dump(mode="json")
    decision, reasons = decide(v, SETTINGS)
    return decision, [r["code"] for r in reasons], v["registry"]


def remote(
    source: MemorySource, document: dict[str, str | None], confidence: float = 0.99
) -> tuple[str | None, list[str], dict[str, Any]]:
    """The owner judges (what B's endpoint runs), the wire carries JSON, the asker builds its block."""
    v = verification(document, confidence)
    if not verdicts.nik_shaped(document["nik"]):
        v["registry"] = verdicts.no_nik_block("dukcapil").model_dump(mode="json")
    else:
        record = source.by_nik(str(document["nik"]))
        sent = DocverifyAdapter().request(str(document["nik"]), document)
        answer = verdicts.judge(
            VerdictRequest.model_validate(sent).fields, record, SETTINGS, registry="dukcapil", reference="01TEST"
        )
        wire = json.loads(answer.model_dump_json())
        v["registry"] = verdicts.registry_block(
            DocverifyAdapter().answer(wire, "dukcapil"), "dukcapil", document, SETTINGS
        ).model_dump(mode="json")
    decision, reasons = decide(v, SETTINGS)
    return decision, [r["code"] for r in reasons], v["registry"]


def card_of(record: dict[str, Any]) -> dict[str, str | None]:
    return {k: record.get(k) for k in REGISTRY_FIELDS}


def variants(source: MemorySource) -> list[tuple[str, dict[str, str | None], float]]:
    """Cards against the sample registry: genuine, misread, someone else's NIK, unknown NIK, unsure reads."""
    rows = sorted(source.records.values(), key=lambda r: r["nik"])
    out: list[tuple[str, dict[str, str | None], float]] = []
    for i, rec in enumerate(rows[:12]):
        card = card_of(rec)
        other = card_of(rows[(i + 5) % len(rows)])
        out.append(("genuine", dict(card), 0.99))
        out.append(("genuine, unsure read", dict(card), 0.7))
        name = str(card["name"])
        out.append(("name misread", {**card, "name": name[:-1] + ("X" if name[-1] != "X" else "Y")}, 0.99))
        birth = str(card["birth_date"])
        out.append(
            ("birth date one digit off", {**card, "birth_date": birth[:-1] + str((int(birth[-1]) + 1) % 10)}, 0.99)
        )
        out.append(("impostor", {**other, "nik": card["nik"]}, 0.99))
        out.append(("impostor, same birth date", {**other, "nik": card["nik"], "birth_date": card["birth_date"]}, 0.99))
        out.append(
            (
                "impostor, birth date one digit off",
                {**other, "nik": card["nik"], "birth_date": birth[:-1] + str((int(birth[-1]) + 1) % 10)},
                0.99,
            )
        )
        out.append(("few fields", {"nik": card["nik"], "name": card["name"], "birth_date": card["birth_date"]}, 0.99))
        # name and birth date only: whether the birth date is far decides between rejected and needs_review
        out.append(
            (
                "impostor, few fields",
                {"nik": card["nik"], "name": other["name"], "birth_date": other["birth_date"]},
                0.99,
            )
        )
        out.append(
            (
                "impostor, few fields, birth date one digit off",
                {"nik": card["nik"], "name": other["name"], "birth_date": birth[:-1] + str((int(birth[-1]) + 1) % 10)},
                0.99,
            )
        )
        out.append(("unknown NIK", {**card, "nik": "3204123108900002"}, 0.99))
        out.append(("no NIK read", {**card, "nik": None}, 0.99))
    return out


def test_remote_verdicts_decide_like_the_local_registry() -> None:
    source = registry()
    cases = variants(source)
    kinds = set()
    for label, document, confidence in cases:
        local_decision, local_codes, _ = local(source, document, confidence)
        remote_decision, remote_codes, block = remote(source, document, confidence)
        assert (remote_decision, remote_codes) == (local_decision, local_codes), (label, document, block)
        kinds.add(local_decision)
    # the comparison covers every outcome the registry can cause, not one kind of case
    assert {"verified", "needs_review", "rejected"} <= kinds, kinds


def test_the_near_verdict_keeps_a_misread_birth_date_from_rejecting() -> None:
    """Without `near`, a remote's no-match on a birth date read one digit off would count as far."""
    source = registry()
    rows = sorted(source.records.values(), key=lambda r: r["nik"])
    card, other = card_of(rows[0]), card_of(rows[5])
    birth = str(card["birth_date"])
    document = {"nik": card["nik"], "name": other["name"], "birth_date": birth[:-1] + str((int(birth[-1]) + 1) % 10)}
    _decision, _codes, block = remote(source, document)
    assert block["fields"]["birth_date"]["near"] is True
    assert local(source, document)[0] == remote(source, document)[0] == "needs_review"


def test_the_owner_answers_no_value_and_no_nik() -> None:
    source = registry()
    record = sorted(source.records.values(), key=lambda r: r["nik"])[0]
    document = {**card_of(record), "name": "SOMEONE ELSE ENTIRELY"}
    answer = verdicts.judge({k: v for k, v in document.items() if k != "nik"}, record, SETTINGS, registry="dukcapil")
    text = answer.model_dump_json()
    assert answer.found and answer.fields["name"].match is False and answer.fields["birth_date"].match is True
    for key, value in record.items():
        if isinstance(value, str) and len(value) >= 3 and key not in ("name_key",):
            assert value not in text, (key, text)
    unknown = verdicts.judge({"name": "X"}, None, SETTINGS, registry="dukcapil")
    assert unknown.found is False and unknown.fields == {} and unknown.score is None


@pytest.mark.parametrize(
    "body",
    [
        {"nik": "123"},
        {"nik": "32041231089000020"},
        {"nik": "3204123108900002", "fields": {"favourite": "x"}},
        {"nik": "3204123108900002", "fields": {"name": "x" * 201}},
        {"nik": "3204123108900002", "extra": 1},
    ],
)
def test_a_verdict_request_is_checked(body: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        VerdictRequest.model_validate(body)


def test_a_registry_that_does_not_answer_is_reviewed_never_rejected() -> None:
    v = verification({"nik": "3204123108900002", "name": "MUHAMMAD RIZKI", "birth_date": "1990-08-31"})
    v["registry"] = verdicts.unavailable_block("dukcapil", "timeout", 3).model_dump(mode="json")
    decision, reasons = decide(v, SETTINGS)
    assert decision == "needs_review"
    assert [r["code"] for r in reasons] == ["REGISTRY_UNAVAILABLE"]
    assert "timeout" in reasons[0]["message"] and "3204123108900002" not in reasons[0]["message"]


# The Dukcapil-style adapter: per-field booleans (or the words Sesuai / Tidak Sesuai), no scores

DOCUMENT = {
    "nik": "3204123108900002",
    "name": "MUHAMMAD RIZKI",
    "birth_date": "1990-08-31",
    "birth_place": "BANDUNG",
    "address": "JL. MERDEKA NO. 12",
    "rt_rw": "003/007",
    "sex": "LAKI-LAKI",
}


def test_dukcapil_requests_use_its_names() -> None:
    sent = DukcapilAdapter().request("3204123108900002", DOCUMENT)
    assert sent == {
        "nik": "3204123108900002",
        "name": "MUHAMMAD RIZKI",
        "birthDate": "1990-08-31",
        "birthPlace": "BANDUNG",
        "address": "JL. MERDEKA NO. 12",
        "rt": "003",
        "rw": "007",
        "gender": "LAKI-LAKI",
    }


def dukcapil_decision(answer: Any) -> tuple[str | None, list[str], dict[str, Any]]:
    parsed = DukcapilAdapter().answer(answer, "dukcapil")
    v = verification(DOCUMENT)
    v["registry"] = verdicts.registry_block(parsed, "dukcapil", DOCUMENT, SETTINGS).model_dump(mode="json")
    decision, reasons = decide(v, SETTINGS)
    return decision, [r["code"] for r in reasons], v["registry"]


ALL_TRUE = {
    "nik": True,
    "name": True,
    "birthDate": True,
    "birthPlace": True,
    "address": True,
    "rt": True,
    "rw": True,
    "gender": True,
}


def test_dukcapil_booleans_all_true_verify() -> None:
    decision, codes, block = dukcapil_decision(ALL_TRUE)
    assert (decision, codes) == ("verified", ["REGISTRY_MATCH"])
    assert block["status"] == "match" and block["score"] == 100.0
    assert set(block["fields"]) == {"nik", "name", "birth_date", "birth_place", "address", "rt_rw", "sex"}
    assert all(f["registry"] is None for f in block["fields"].values())


def test_dukcapil_words_and_wrapping_map_onto_the_same_verdicts() -> None:
    worded = {"content": [{k: ("Sesuai" if v else "Tidak Sesuai") for k, v in {**ALL_TRUE, "rw": False}.items()}]}
    decision, codes, block = dukcapil_decision(worded)
    assert block["fields"]["rt_rw"] == {"document": "003/007", "registry": None, "score": 0.0, "verdict": "no_match"}
    # a different RT/RW alone (weight 0.03, no identity field) does not stop a verification, as with a record
    assert block["status"] == "match" and block["score"] < 100.0
    assert (decision, codes) == ("verified", ["REGISTRY_MATCH"])
    assert dukcapil_decision({"data": ALL_TRUE})[0] == "verified"


def test_dukcapil_a_false_name_is_a_mismatch_with_reasons_never_a_bare_no() -> None:
    decision, codes, block = dukcapil_decision({**ALL_TRUE, "name": False})
    assert block["status"] == "mismatch"
    assert decision == "needs_review" and "REGISTRY_FIELD_MISMATCH" in codes


def test_dukcapil_name_and_birth_place_false_rejects_like_a_record_would() -> None:
    """Booleans only: a false name scores 0 (far) and a false birth place 0 (corroborating); the NIK and name
    read surely: the impostor rule applies, as it does to a local record that far off."""
    decision, codes, _ = dukcapil_decision({**ALL_TRUE, "name": False, "birthPlace": False})
    assert decision == "rejected" and codes == ["NIK_BELONGS_TO_OTHER_PERSON"]


@pytest.mark.parametrize("answer", [{"nik": False}, {"nik": "Tidak Sesuai", "name": True}, {"name": True}])
def test_dukcapil_unknown_nik_is_not_found(answer: dict[str, Any]) -> None:
    decision, codes, block = dukcapil_decision(answer)
    assert block["status"] == "not_found" and decision == "needs_review" and codes == ["REGISTRY_NOT_FOUND"]


@pytest.mark.parametrize("answer", [[], "yes", 3, None])
def test_a_dukcapil_answer_that_is_no_object_is_a_bad_answer(answer: Any) -> None:
    with pytest.raises(BadAnswer):
        DukcapilAdapter().answer(answer, "dukcapil")


def test_a_docverify_answer_of_another_shape_is_a_bad_answer() -> None:
    with pytest.raises(BadAnswer):
        DocverifyAdapter().answer({"found": "perhaps"}, "dukcapil")
    with pytest.raises(BadAnswer):
        DocverifyAdapter().answer(copy.deepcopy(ALL_TRUE), "dukcapil")


def test_dukcapil_a_false_birth_date_alone_never_rejects() -> None:
    """No `near` from booleans: a false birth date may be a misread, so with a false name it is not yet two
    pieces of evidence; a clerk decides."""
    decision, codes, _ = dukcapil_decision({**ALL_TRUE, "name": False, "birthDate": False})
    assert decision == "needs_review" and "NIK_BELONGS_TO_OTHER_PERSON" not in codes
