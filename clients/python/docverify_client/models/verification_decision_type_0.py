from typing import Literal

VerificationDecisionType0 = Literal["needs_review", "rejected", "retake", "verified"]

VERIFICATION_DECISION_TYPE_0_VALUES: set[VerificationDecisionType0] = {
    "needs_review",
    "rejected",
    "retake",
    "verified",
}


def check_verification_decision_type_0(value: str) -> VerificationDecisionType0:
    if value in VERIFICATION_DECISION_TYPE_0_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {VERIFICATION_DECISION_TYPE_0_VALUES!r}"
    )
