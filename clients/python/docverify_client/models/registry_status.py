from typing import Literal

RegistryStatus = Literal["match", "mismatch", "not_checked", "not_found", "unavailable"]

REGISTRY_STATUS_VALUES: set[RegistryStatus] = {
    "match",
    "mismatch",
    "not_checked",
    "not_found",
    "unavailable",
}


def check_registry_status(value: str) -> RegistryStatus:
    if value in REGISTRY_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {REGISTRY_STATUS_VALUES!r}"
    )
