from typing import Literal

FieldScoreVerdictType0 = Literal["match", "no_match"]

FIELD_SCORE_VERDICT_TYPE_0_VALUES: set[FieldScoreVerdictType0] = {
    "match",
    "no_match",
}


def check_field_score_verdict_type_0(value: str) -> FieldScoreVerdictType0:
    if value in FIELD_SCORE_VERDICT_TYPE_0_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {FIELD_SCORE_VERDICT_TYPE_0_VALUES!r}"
    )
