from typing import Literal

EligibilityStatus = Literal["eligible", "not_eligible", "unknown"]

ELIGIBILITY_STATUS_VALUES: set[EligibilityStatus] = {
    "eligible",
    "not_eligible",
    "unknown",
}


def check_eligibility_status(value: str) -> EligibilityStatus:
    if value in ELIGIBILITY_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {ELIGIBILITY_STATUS_VALUES!r}"
    )
