from typing import Literal

ApiKeyInfoState = Literal["active", "expired", "revoked"]

API_KEY_INFO_STATE_VALUES: set[ApiKeyInfoState] = {
    "active",
    "expired",
    "revoked",
}


def check_api_key_info_state(value: str) -> ApiKeyInfoState:
    if value in API_KEY_INFO_STATE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {API_KEY_INFO_STATE_VALUES!r}"
    )
