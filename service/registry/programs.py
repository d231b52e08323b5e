"""Eligibility programs: a small rule set over a registry record's fields and attributes.

A rule is `{"field": "desil", "op": "<=", "value": 4}`; ops are == != < <= > >= in not_in. A program is
eligible when every rule holds; the answer names each rule that failed, so a citizen can be told why. A rule
over a value the record lacks fails (the registry cannot show eligibility), and says so.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any, Literal, NotRequired, TypeGuard, get_args

from typing_extensions import TypedDict

from service.verifications.model import Eligibility, FailedRule, Scalar

Op = Literal["==", "!=", "<", "<=", ">", ">=", "in", "not_in"]
OPS: tuple[Op, ...] = get_args(Op)


# typing_extensions' TypedDict, so that pydantic reads it (ProgramOut, the OpenAPI schema)
class Rule(TypedDict):
    """One rule of an eligibility program: the record's `field` compared by `op` with `value`."""

    field: str
    op: Op
    value: Scalar | list[Scalar]
    description: NotRequired[str]


_NAME = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class RuleError(ValueError):
    pass


def _scalar(value: object) -> TypeGuard[Scalar]:
    return isinstance(value, (str, int, float)) and not isinstance(value, bool)


def validate_rules(rules: object) -> list[Rule]:
    """The rules as stored, or RuleError naming the first bad one."""
    if not isinstance(rules, list) or not rules:
        raise RuleError("rules must be a non-empty list")
    out: list[Rule] = []
    for i, rule in enumerate(rules):
        if not isinstance(rule, dict):
            raise RuleError(f"rule {i} must be an object")
        field, op, value = rule.get("field"), rule.get("op"), rule.get("value")
        if not isinstance(field, str) or not field:
            raise RuleError(f"rule {i}: field must be a column name")
        if op not in OPS:
            raise RuleError(f"rule {i}: op must be one of {' '.join(OPS)}")
        checked_value: Scalar | list[Scalar]
        if op in ("in", "not_in"):
            if not isinstance(value, list) or not value:
                raise RuleError(f"rule {i}: {op} needs a non-empty list")
            checked_value = [v for v in value if _scalar(v)]
            if len(checked_value) != len(value):
                raise RuleError(f"rule {i}: the values of {op} must be strings or numbers")
        elif _scalar(value):
            checked_value = value
        else:
            raise RuleError(f"rule {i}: value must be a string or a number")
        checked: Rule = {"field": field.lower(), "op": op, "value": checked_value}
        if rule.get("description"):
            checked["description"] = str(rule["description"])
        out.append(checked)
    return out


def valid_name(name: str) -> bool:
    return bool(_NAME.match(name))


def _norm(value: Any) -> Any:
    if isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).strip().upper()
        try:
            return float(text)
        except ValueError:
            return text
    if isinstance(value, (int, float)):
        return float(value)
    return value


def _holds(op: str, actual: Any, expected: Any) -> bool:
    if op in ("in", "not_in"):
        inside = actual in {_norm(v) for v in expected}
        return inside if op == "in" else not inside
    wanted = _norm(expected)
    if op == "==":
        return bool(actual == wanted)
    if op == "!=":
        return bool(actual != wanted)
    if not (isinstance(actual, float) and isinstance(wanted, float)):
        return False  # an order comparison needs two numbers
    return {"<": actual < wanted, "<=": actual <= wanted, ">": actual > wanted, ">=": actual >= wanted}[op]


def describe(rule: Rule) -> str:
    if rule.get("description"):
        return str(rule.get("description"))
    value = rule["value"]
    shown = ", ".join(str(v) for v in value) if isinstance(value, list) else str(value)
    return f"{rule['field']} {rule['op']} {shown}"


def evaluate(program: str, rules: Sequence[Rule], record: Mapping[str, str | None] | None) -> Eligibility:
    """The Verification's `eligibility`: eligible | not_eligible | unknown, naming each rule that failed."""
    if record is None:
        return Eligibility(
            program=program, status="unknown", message="no matching registry record, so eligibility cannot be assessed"
        )
    lowered = {str(k).lower(): v for k, v in record.items()}
    failed: list[FailedRule] = []
    for rule in rules:
        actual = lowered.get(str(rule["field"]).lower())
        if actual is None or actual == "":
            failed.append(_failed(rule, None, f"the record has no {rule['field']}"))
            continue
        if not _holds(str(rule["op"]), _norm(actual), rule["value"]):
            failed.append(_failed(rule, actual, f"{describe(rule)} does not hold ({actual})"))
    return Eligibility(program=program, status="not_eligible" if failed else "eligible", failed_rules=failed)


def _failed(rule: Rule, actual: str | None, message: str) -> FailedRule:
    return FailedRule(
        field=rule["field"],
        op=rule["op"],
        value=rule["value"],
        description=rule.get("description"),
        actual=actual,
        message=message,
    )
