"""HTTP routes of /v1/webhooks: a client's deliveries and dead letters, redelivery, its signing secret.
Thin: parse, call the service, shape the answer. Every query is scoped by the key's client."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from service.auth import AdminClient, ReadClient, SubmitClient
from service.clients import service as clients
from service.deps import SessionDep
from service.errors import AlreadyDelivered, InvalidCursor, InvalidField, NotFound, responses
from service.webhooks import service
from service.webhooks.schemas import Delivery, DeliveryList

router = APIRouter(prefix="/v1/webhooks", tags=["webhooks"])


class WebhookSecret(BaseModel):
    secret: str = Field(description="whsec_<base64>: verify `webhook-signature` with it (Standard Webhooks).")


@router.get(
    "/deliveries",
    operation_id="listWebhookDeliveries",
    response_model=DeliveryList,
    responses=responses(InvalidCursor, InvalidField),
    summary="Your webhook deliveries, newest first; status=dead lists the dead letters",
)
def list_deliveries(
    session: SessionDep,
    client: ReadClient,
    status: Annotated[Literal["pending", "delivered", "dead", "skipped"] | None, Query()] = None,
    verification_id: Annotated[str | None, Query(max_length=26)] = None,
    cursor: Annotated[str | None, Query(description="next_cursor of the previous page")] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> DeliveryList:
    return service.list_deliveries(
        session, client, status=status, verification_id=verification_id, cursor=cursor, limit=limit
    )


@router.get(
    "/deliveries/{delivery_id}",
    operation_id="getWebhookDelivery",
    response_model=Delivery,
    responses=responses(NotFound),
    summary="One webhook delivery and its last attempt",
)
def get_delivery(delivery_id: str, session: SessionDep, client: ReadClient) -> Delivery:
    return service.get_delivery(session, client, delivery_id)


@router.post(
    "/deliveries/{delivery_id}/redeliver",
    operation_id="redeliverWebhook",
    response_model=Delivery,
    status_code=202,
    responses=responses(NotFound, AlreadyDelivered, InvalidField),
    summary="Send a dead (or pending) delivery again now, with a fresh retry budget",
)
def redeliver(delivery_id: str, session: SessionDep, client: SubmitClient) -> Delivery:
    return service.redeliver(session, client, delivery_id)


@router.get(
    "/secret",
    operation_id="getWebhookSecret",
    response_model=WebhookSecret,
    responses=responses(),
    summary="Your webhook signing secret",
)
def get_secret(session: SessionDep, client: AdminClient) -> dict[str, str]:
    return {"secret": clients.get_client(session, client).webhook_secret}


@router.post(
    "/secret/rotate",
    operation_id="rotateWebhookSecret",
    response_model=WebhookSecret,
    responses=responses(),
    summary="A new webhook signing secret; later attempts are signed with it",
)
def rotate_secret(session: SessionDep, client: AdminClient) -> dict[str, str]:
    return {"secret": clients.rotate_webhook_secret(session, client)}
