from typing import Literal

ListVerificationsDecisionType0 = Literal[
    "needs_review", "rejected", "retake", "verified"
]

LIST_VERIFICATIONS_DECISION_TYPE_0_VALUES: set[ListVerificationsDecisionType0] = {
    "needs_review",
    "rejected",
    "retake",
    "verified",
}


def check_list_verifications_decision_type_0(
    value: str,
) -> ListVerificationsDecisionType0:
    if value in LIST_VERIFICATIONS_DECISION_TYPE_0_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {LIST_VERIFICATIONS_DECISION_TYPE_0_VALUES!r}"
    )
