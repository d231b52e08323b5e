from typing import Literal

ReasonSeverityType0 = Literal["info", "reject", "retake", "review"]

REASON_SEVERITY_TYPE_0_VALUES: set[ReasonSeverityType0] = {
    "info",
    "reject",
    "retake",
    "review",
}


def check_reason_severity_type_0(value: str) -> ReasonSeverityType0:
    if value in REASON_SEVERITY_TYPE_0_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {REASON_SEVERITY_TYPE_0_VALUES!r}"
    )
