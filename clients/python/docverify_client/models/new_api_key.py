from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.new_api_key_scopes_item import (
    NewApiKeyScopesItem,
    check_new_api_key_scopes_item,
)
from ..models.new_api_key_state import NewApiKeyState, check_new_api_key_state

T = TypeVar("T", bound="NewApiKey")


@_attrs_define
class NewApiKey:
    """
    Attributes:
        id (str):
        client_id (str):
        name (None | str):
        scopes (list[NewApiKeyScopesItem]):
        prefix (str): How the key starts: dvk_<id>_
        state (NewApiKeyState):
        created_at (str):
        expires_at (None | str):
        revoked_at (None | str):
        replaced_by (None | str): The key that rotated this one out.
        key (str): The key itself. Shown this once; only its digest is stored.
    """

    id: str
    client_id: str
    name: None | str
    scopes: list[NewApiKeyScopesItem]
    prefix: str
    state: NewApiKeyState
    created_at: str
    expires_at: None | str
    revoked_at: None | str
    replaced_by: None | str
    key: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        client_id = self.client_id

        name: None | str
        name = self.name

        scopes = []
        for scopes_item_data in self.scopes:
            scopes_item: str = scopes_item_data
            scopes.append(scopes_item)

        prefix = self.prefix

        state: str = self.state

        created_at = self.created_at

        expires_at: None | str
        expires_at = self.expires_at

        revoked_at: None | str
        revoked_at = self.revoked_at

        replaced_by: None | str
        replaced_by = self.replaced_by

        key = self.key

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "client_id": client_id,
                "name": name,
                "scopes": scopes,
                "prefix": prefix,
                "state": state,
                "created_at": created_at,
                "expires_at": expires_at,
                "revoked_at": revoked_at,
                "replaced_by": replaced_by,
                "key": key,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        client_id = d.pop("client_id")

        def _parse_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        name = _parse_name(d.pop("name"))

        scopes = []
        _scopes = d.pop("scopes")
        for scopes_item_data in _scopes:
            scopes_item = check_new_api_key_scopes_item(scopes_item_data)

            scopes.append(scopes_item)

        prefix = d.pop("prefix")

        state = check_new_api_key_state(d.pop("state"))

        created_at = d.pop("created_at")

        def _parse_expires_at(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        expires_at = _parse_expires_at(d.pop("expires_at"))

        def _parse_revoked_at(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        revoked_at = _parse_revoked_at(d.pop("revoked_at"))

        def _parse_replaced_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        replaced_by = _parse_replaced_by(d.pop("replaced_by"))

        key = d.pop("key")

        new_api_key = cls(
            id=id,
            client_id=client_id,
            name=name,
            scopes=scopes,
            prefix=prefix,
            state=state,
            created_at=created_at,
            expires_at=expires_at,
            revoked_at=revoked_at,
            replaced_by=replaced_by,
            key=key,
        )

        new_api_key.additional_properties = d
        return new_api_key

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
