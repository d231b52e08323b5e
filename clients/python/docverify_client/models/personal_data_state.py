from typing import Literal

PersonalDataState = Literal["erased", "purged"]

PERSONAL_DATA_STATE_VALUES: set[PersonalDataState] = {
    "erased",
    "purged",
}


def check_personal_data_state(value: str) -> PersonalDataState:
    if value in PERSONAL_DATA_STATE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PERSONAL_DATA_STATE_VALUES!r}"
    )
