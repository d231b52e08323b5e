"""Webhook delivery: each event row is sent to its callback_url, signed, until one attempt succeeds.

- **Once per event.** An attempt first takes the row with a lease (compare-and-set); only the holder records
  the outcome, and a delivered row is never taken again. A receiver that fails three times and then answers
  2xx gets four requests with the same `webhook-id` and one success. (A crash after the receiver answered
  but before the row was marked can send it again: receivers de-duplicate on `webhook-id`.)
- **Retries.** A failed attempt (no 2xx, timeout, refused address) is due again after
  `webhook_backoff_base_s · 2^(attempts-1)` (capped at `webhook_backoff_max_s`); once `webhook_max_age_s`
  (24 h) has passed since the first attempt the row is `dead`: listed by the API and redeliverable.
- **Where it runs.** `dispatch_once` is called every `webhook_poll_interval_s` by a thread in each worker's
  main process (workers.celery_app); the table is the schedule, so nothing is lost with the broker, and no
  Celery countdown outlives Redis' visibility timeout.
- **SSRF.** The host is resolved and every address checked again at each attempt; the request then goes to
  the checked address (Host header and TLS server name kept), and redirects are not followed.
"""

from __future__ import annotations

import json
import logging
import threading
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import cast

import httpx
from sqlalchemy.orm import Session

from primitives.formats import plain_reason
from service.clients import service as clients
from service.config import Settings
from service.db import Database, utcnow
from service.errors import AlreadyDelivered, InvalidField, NotFound
from service.ids import is_id
from service.pagination import decode_cursor, encode_cursor
from service.privacy import service as privacy
from service.verifications.tables import VerificationEvent, VerificationJob
from service.webhooks import repository as repo
from service.webhooks import signing, urls
from service.webhooks.schemas import Delivery, DeliveryList, DeliveryStatus

log = logging.getLogger(__name__)

STATUSES = ("pending", "delivered", "dead", "skipped")
USER_AGENT = "docverify-webhooks/1"


def backoff_s(settings: Settings, attempts: int) -> float:
    """Wait before the next attempt, after `attempts` failed ones."""
    return float(min(settings.webhook_backoff_max_s, settings.webhook_backoff_base_s * 2 ** max(0, attempts - 1)))


def body_of(event: VerificationEvent) -> bytes:
    """The exact bytes sent (and signed): the stored payload, so every attempt sends the same body."""
    return json.dumps(event.payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


# Sending


@dataclass(frozen=True)
class Attempt:
    ok: bool
    status_code: int | None
    error: str | None


Sender = Callable[[urls.Target, dict[str, str], bytes, float], Attempt]


def http_send(target: urls.Target, headers: dict[str, str], body: bytes, timeout: float) -> Attempt:
    """POST to the checked address itself: no second DNS lookup, no redirects followed."""
    address = target.addresses[0]
    literal = f"[{address}]" if address.version == 6 else str(address)
    default_port = 443 if target.scheme == "https" else 80
    host_header = target.host if target.port == default_port else f"{target.host}:{target.port}"
    url = f"{target.scheme}://{literal}:{target.port}{target.path}"
    extensions = {"sni_hostname": target.host} if target.scheme == "https" else {}
    try:
        with httpx.Client(timeout=timeout, follow_redirects=False, trust_env=False) as client:
            resp = client.post(
                url,
                content=body,
                headers={**headers, "host": host_header, "user-agent": USER_AGENT},
                extensions=extensions,
            )
    except httpx.HTTPError as exc:
        return Attempt(False, None, f"{type(exc).__name__}: {plain_reason(exc)[:200]}")
    if 200 <= resp.status_code < 300:
        return Attempt(True, resp.status_code, None)
    return Attempt(False, resp.status_code, f"HTTP {resp.status_code}")


def attempt(
    db: Database, settings: Settings, event_id: str, lease: str, now: datetime | None = None, send: Sender = http_send
) -> str:
    """One attempt at a delivery this round holds. Returns delivered, retry, dead or lost."""
    now = now or utcnow()
    hold = max(now, utcnow()) + timedelta(seconds=settings.webhook_timeout_s * 3 + 30)  # DNS, connect, read
    with db.session() as session:
        if not repo.extend_lease(session, event_id, lease, hold):
            return "lost"
        event = repo.get(session, event_id)
        if event is None or event.lease != lease or event.status != "pending":
            return "lost"
        secret = clients.webhook_secret(session, event.client_id) if event.client_id else None
        url, body, attempts = event.callback_url, body_of(event), event.attempts
        verification_id, event_type = event.verification_id, event.type
        started = event.retry_from or event.created_at
    result: Attempt
    if url is None or secret is None:
        result = Attempt(False, None, "no callback_url" if url is None else "the client has no webhook secret")
    else:
        try:
            target = urls.check(url, settings.webhook_allow_networks)
        except urls.UrlNotAllowed as exc:
            result = Attempt(False, None, f"refused: {exc}")
        else:
            timestamp = int(now.timestamp())
            result = send(target, signing.headers(secret, event_id, timestamp, body), body, settings.webhook_timeout_s)
    attempts += 1
    values: dict[str, int | datetime | str | None] = {
        "attempts": attempts,
        "last_attempt_at": now,
        "last_status_code": result.status_code,
        "last_error": result.error[:500] if result.error else None,
    }
    if result.ok:
        outcome = "delivered"
        values.update(status="delivered", delivered_at=now, next_attempt_at=None)
    else:
        due = now + timedelta(seconds=backoff_s(settings, attempts))
        if due - started > timedelta(seconds=settings.webhook_max_age_s) or url is None or secret is None:
            outcome = "dead"
            values.update(status="dead", dead_at=now, next_attempt_at=None)
        else:
            outcome = "retry"
            values.update(next_attempt_at=due)
    with db.session() as session:
        if not repo.finish_attempt(session, event_id, lease, **values):
            return "lost"
        if outcome == "delivered":  # the Verification left docverify: a processing record (Pasal 31)
            job = session.get(VerificationJob, verification_id)
            if job is not None:
                privacy.record_job(session, job, "delivered", detail={"event": event_id, "type": event_type})
    level = logging.INFO if outcome == "delivered" else logging.WARNING
    log.log(
        level,
        "webhook %s attempt %d: %s (%s)",
        event_id,
        attempts,
        outcome,
        result.status_code if result.status_code is not None else result.error,
    )
    return outcome


def dispatch_once(
    db: Database,
    settings: Settings,
    now: datetime | None = None,
    send: Sender = http_send,
    pool: ThreadPoolExecutor | None = None,
) -> dict[str, str]:
    """Take the due deliveries and attempt each once. Returns {event id: outcome}. `now` shifts the clock
    (tests); without it each attempt is timestamped when it is sent."""
    at = now or utcnow()
    lease = uuid.uuid4().hex
    with db.session() as session:
        ids = repo.claim_due(
            session, at, lease, at + timedelta(seconds=settings.webhook_lease_s), settings.webhook_batch
        )
    if not ids:
        return {}
    if pool is None:
        return {event_id: attempt(db, settings, event_id, lease, now, send) for event_id in ids}
    futures = {event_id: pool.submit(attempt, db, settings, event_id, lease, now, send) for event_id in ids}
    return {event_id: future.result() for event_id, future in futures.items()}


def run_dispatcher(db: Database, settings: Settings, stop: threading.Event) -> None:
    """The delivery loop of a worker's main process, until `stop` is set."""
    with ThreadPoolExecutor(max_workers=4, thread_name_prefix="webhook") as pool:
        while not stop.wait(settings.webhook_poll_interval_s):
            try:
                while len(dispatch_once(db, settings, pool=pool)) >= settings.webhook_batch and not stop.is_set():
                    pass  # a backlog: take the next batch at once
            except Exception as exc:  # database down: try again next round
                log.warning("webhook dispatcher: %s", exc)


# The client's view (API): its deliveries, dead letters, redelivery


def delivery_json(event: VerificationEvent) -> Delivery:
    def iso(value: datetime | None) -> str | None:
        return value.isoformat() if value else None

    return Delivery(
        id=event.id,
        verification_id=event.verification_id,
        type=event.type,
        callback_url=event.callback_url,
        status=cast(DeliveryStatus, event.status),  # checked by the model
        attempts=event.attempts,
        created_at=event.created_at.isoformat(),
        last_attempt_at=iso(event.last_attempt_at),
        last_status_code=event.last_status_code,
        last_error=event.last_error,
        next_attempt_at=iso(event.next_attempt_at) if event.status == "pending" else None,
        delivered_at=iso(event.delivered_at),
        dead_at=iso(event.dead_at),
    )


def list_deliveries(
    session: Session, client_id: str, *, status: str | None, verification_id: str | None, cursor: str | None, limit: int
) -> DeliveryList:
    rows = repo.list_for_client(
        session,
        client_id,
        status=status,
        verification_id=verification_id,
        before_id=decode_cursor(cursor) if cursor else None,
        limit=limit + 1,
    )
    return DeliveryList(
        items=[delivery_json(e) for e in rows[:limit]],
        next_cursor=encode_cursor(rows[limit - 1].id) if len(rows) > limit else None,
    )


def _own(session: Session, client_id: str, event_id: str) -> VerificationEvent:
    event = repo.get(session, event_id, client_id) if is_id(event_id) else None
    if event is None:
        raise NotFound(f"no webhook delivery {event_id}", {"id": event_id})
    return event


def get_delivery(session: Session, client_id: str, event_id: str) -> Delivery:
    return delivery_json(_own(session, client_id, event_id))


def redeliver(session: Session, client_id: str, event_id: str, now: datetime | None = None) -> Delivery:
    """Send a dead (or still pending) delivery again now, with a fresh retry budget. A delivered event stays
    delivered: exactly one success per event id."""
    event = _own(session, client_id, event_id)
    if event.status == "delivered":
        raise AlreadyDelivered(
            "this event was delivered already; its webhook-id is not sent twice",
            {"id": event_id, "delivered_at": event.delivered_at.isoformat() if event.delivered_at else None},
        )
    if event.status == "skipped" or event.callback_url is None:
        raise InvalidField("this verification has no callback_url", {"id": event_id})
    repo.reschedule(session, event_id, client_id, now or utcnow(), from_states=("pending", "dead"))
    return delivery_json(_own(session, client_id, event_id))
