from typing import Literal

ApiKeyInfoScopesItem = Literal["admin", "operator", "read", "registry_verify", "submit"]

API_KEY_INFO_SCOPES_ITEM_VALUES: set[ApiKeyInfoScopesItem] = {
    "admin",
    "operator",
    "read",
    "registry_verify",
    "submit",
}


def check_api_key_info_scopes_item(value: str) -> ApiKeyInfoScopesItem:
    if value in API_KEY_INFO_SCOPES_ITEM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {API_KEY_INFO_SCOPES_ITEM_VALUES!r}"
    )
