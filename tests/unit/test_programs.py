"""Eligibility programs: rule validation and evaluation over a registry record's fields and attributes."""

from __future__ import annotations

from typing import Any

import pytest

from service.registry import programs
from service.registry.programs import RuleError, validate_rules

RULES = validate_rules(
    [
        {"field": "desil", "op": "<=", "value": 4, "description": "DTKS decile 4 or lower"},
        {"field": "province", "op": "in", "value": ["JAWA BARAT", "BANTEN"]},
        {"field": "nationality", "op": "==", "value": "wni"},
    ]
)


def evaluate(program: str, rules: list[dict[str, Any]], record: dict[str, Any] | None) -> dict[str, Any]:
    """The Verification's `eligibility` block, as JSON."""
    return programs.evaluate(program, rules, record).model_dump(mode="json")


def test_every_rule_holding_is_eligible() -> None:
    record = {"desil": "3", "province": "Jawa Barat", "nationality": "WNI"}
    assert evaluate("pkh", RULES, record) == {"program": "pkh", "status": "eligible", "failed_rules": []}


def test_each_failed_rule_is_named_with_the_records_value() -> None:
    result = evaluate("pkh", RULES, {"desil": "7", "province": "ACEH", "nationality": "WNI"})
    assert result["status"] == "not_eligible"
    assert [(r["field"], r["actual"]) for r in result["failed_rules"]] == [("desil", "7"), ("province", "ACEH")]
    assert result["failed_rules"][0]["message"].startswith("DTKS decile 4 or lower does not hold")


def test_a_missing_attribute_fails_its_rule_and_says_so() -> None:
    result = evaluate("pkh", RULES, {"province": "BANTEN", "nationality": "WNI"})
    assert result["status"] == "not_eligible"
    assert result["failed_rules"][0]["message"] == "the record has no desil"


def test_no_record_means_unknown_not_ineligible() -> None:
    assert evaluate("pkh", RULES, None)["status"] == "unknown"


def test_an_order_comparison_needs_numbers() -> None:
    rules = validate_rules([{"field": "desil", "op": "<", "value": 5}])
    assert evaluate("p", rules, {"desil": "tidak ada"})["status"] == "not_eligible"
    assert evaluate("p", rules, {"desil": 4.0})["status"] == "eligible"
    assert (
        evaluate("p", validate_rules([{"field": "x", "op": "not_in", "value": [1, 2]}]), {"x": "3"})["status"]
        == "eligible"
    )


@pytest.mark.parametrize(
    "rules",
    [
        [],
        "desil<=4",
        [{"field": "desil", "op": "~", "value": 1}],
        [{"field": "", "op": "==", "value": 1}],
        [{"field": "x", "op": "in", "value": 3}],
        [{"field": "x", "op": "==", "value": True}],
        [3],
    ],
)
def test_bad_rules_are_refused(rules: object) -> None:
    with pytest.raises(RuleError):
        validate_rules(rules)
