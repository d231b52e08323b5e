from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.delivery_status import DeliveryStatus, check_delivery_status

T = TypeVar("T", bound="Delivery")


@_attrs_define
class Delivery:
    """
    Attributes:
        id (str): The event id, sent as `webhook-id` (the same on every attempt).
        verification_id (str):
        type_ (str): verification.completed | verification.failed | verification.reviewed | verification.reassessed
        callback_url (None | str):
        status (DeliveryStatus): `pending`: waiting for its next attempt (a clerk's decision first waits the clerk's
            undo time, `DOCVERIFY_REVIEW_UNDO_S`); `delivered`: the callback answered 2xx; `dead`: the attempts ran out
            (`redeliverWebhook` tries again); `skipped`: the verification has no `callback_url`, so nothing is sent, and the
            event is kept here only as a record.
        attempts (int): Attempts since the first (or since the last redelivery).
        created_at (str):
        last_attempt_at (None | str):
        last_status_code (int | None):
        last_error (None | str):
        next_attempt_at (None | str):
        delivered_at (None | str):
        dead_at (None | str):
    """

    id: str
    verification_id: str
    type_: str
    callback_url: None | str
    status: DeliveryStatus
    attempts: int
    created_at: str
    last_attempt_at: None | str
    last_status_code: int | None
    last_error: None | str
    next_attempt_at: None | str
    delivered_at: None | str
    dead_at: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        verification_id = self.verification_id

        type_ = self.type_

        callback_url: None | str
        callback_url = self.callback_url

        status: str = self.status

        attempts = self.attempts

        created_at = self.created_at

        last_attempt_at: None | str
        last_attempt_at = self.last_attempt_at

        last_status_code: int | None
        last_status_code = self.last_status_code

        last_error: None | str
        last_error = self.last_error

        next_attempt_at: None | str
        next_attempt_at = self.next_attempt_at

        delivered_at: None | str
        delivered_at = self.delivered_at

        dead_at: None | str
        dead_at = self.dead_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "verification_id": verification_id,
                "type": type_,
                "callback_url": callback_url,
                "status": status,
                "attempts": attempts,
                "created_at": created_at,
                "last_attempt_at": last_attempt_at,
                "last_status_code": last_status_code,
                "last_error": last_error,
                "next_attempt_at": next_attempt_at,
                "delivered_at": delivered_at,
                "dead_at": dead_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        verification_id = d.pop("verification_id")

        type_ = d.pop("type")

        def _parse_callback_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        callback_url = _parse_callback_url(d.pop("callback_url"))

        status = check_delivery_status(d.pop("status"))

        attempts = d.pop("attempts")

        created_at = d.pop("created_at")

        def _parse_last_attempt_at(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        last_attempt_at = _parse_last_attempt_at(d.pop("last_attempt_at"))

        def _parse_last_status_code(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        last_status_code = _parse_last_status_code(d.pop("last_status_code"))

        def _parse_last_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        last_error = _parse_last_error(d.pop("last_error"))

        def _parse_next_attempt_at(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        next_attempt_at = _parse_next_attempt_at(d.pop("next_attempt_at"))

        def _parse_delivered_at(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        delivered_at = _parse_delivered_at(d.pop("delivered_at"))

        def _parse_dead_at(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        dead_at = _parse_dead_at(d.pop("dead_at"))

        delivery = cls(
            id=id,
            verification_id=verification_id,
            type_=type_,
            callback_url=callback_url,
            status=status,
            attempts=attempts,
            created_at=created_at,
            last_attempt_at=last_attempt_at,
            last_status_code=last_status_code,
            last_error=last_error,
            next_attempt_at=next_attempt_at,
            delivered_at=delivered_at,
            dead_at=dead_at,
        )

        delivery.additional_properties = d
        return delivery

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
