from typing import Literal

VerificationStatus = Literal["completed", "failed", "processing", "queued"]

VERIFICATION_STATUS_VALUES: set[VerificationStatus] = {
    "completed",
    "failed",
    "processing",
    "queued",
}


def check_verification_status(value: str) -> VerificationStatus:
    if value in VERIFICATION_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {VERIFICATION_STATUS_VALUES!r}"
    )
