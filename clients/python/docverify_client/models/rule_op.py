from typing import Literal

RuleOp = Literal["!=", "<", "<=", "==", ">", ">=", "in", "not_in"]

RULE_OP_VALUES: set[RuleOp] = {
    "!=",
    "<",
    "<=",
    "==",
    ">",
    ">=",
    "in",
    "not_in",
}


def check_rule_op(value: str) -> RuleOp:
    if value in RULE_OP_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {RULE_OP_VALUES!r}")
