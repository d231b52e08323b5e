from typing import Literal

VerificationExportDecisionType0 = Literal[
    "needs_review", "rejected", "retake", "verified"
]

VERIFICATION_EXPORT_DECISION_TYPE_0_VALUES: set[VerificationExportDecisionType0] = {
    "needs_review",
    "rejected",
    "retake",
    "verified",
}


def check_verification_export_decision_type_0(
    value: str,
) -> VerificationExportDecisionType0:
    if value in VERIFICATION_EXPORT_DECISION_TYPE_0_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {VERIFICATION_EXPORT_DECISION_TYPE_0_VALUES!r}"
    )
