from typing import Literal

CheckActionType0 = Literal["retake", "review"]

CHECK_ACTION_TYPE_0_VALUES: set[CheckActionType0] = {
    "retake",
    "review",
}


def check_check_action_type_0(value: str) -> CheckActionType0:
    if value in CHECK_ACTION_TYPE_0_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {CHECK_ACTION_TYPE_0_VALUES!r}"
    )
