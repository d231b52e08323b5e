"""What /v1/webhooks serves about a client's deliveries."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

DeliveryStatus = Literal["pending", "delivered", "dead", "skipped"]


class Delivery(BaseModel):
    id: str = Field(description="The event id, sent as `webhook-id` (the same on every attempt).")
    verification_id: str
    type: str = Field(
        description="verification.completed | verification.failed | verification.reviewed | verification.reassessed"
    )
    callback_url: str | None
    status: DeliveryStatus = Field(
        description=(
            "`pending`: waiting for its next attempt (a clerk's decision first waits the clerk's undo time, "
            "`DOCVERIFY_REVIEW_UNDO_S`); `delivered`: the callback answered 2xx; `dead`: the attempts ran out "
            "(`redeliverWebhook` tries again); `skipped`: the verification has no `callback_url`, so nothing is "
            "sent, and the event is kept here only as a record."
        )
    )
    attempts: int = Field(description="Attempts since the first (or since the last redelivery).")
    created_at: str
    last_attempt_at: str | None
    last_status_code: int | None
    last_error: str | None
    next_attempt_at: str | None
    delivered_at: str | None
    dead_at: str | None


class DeliveryList(BaseModel):
    items: list[Delivery]
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page; null on the last page.")
