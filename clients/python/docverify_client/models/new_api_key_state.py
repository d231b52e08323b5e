from typing import Literal

NewApiKeyState = Literal["active", "expired", "revoked"]

NEW_API_KEY_STATE_VALUES: set[NewApiKeyState] = {
    "active",
    "expired",
    "revoked",
}


def check_new_api_key_state(value: str) -> NewApiKeyState:
    if value in NEW_API_KEY_STATE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {NEW_API_KEY_STATE_VALUES!r}"
    )
