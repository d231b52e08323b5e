"""Webhooks: Standard Webhooks signatures checked by an implementation written here (plain hmac/base64), a real
HTTP receiver that fails three times then succeeds getting exactly one successful delivery of each event id
(completion and a clerk's decision), retries on a shifted clock (exponential backoff, dead after 24 h), dead
letters listed and redelivered, and the SSRF guard at submit and at delivery."""

from __future__ import annotations

import base64
import hashlib
import hmac
import itertools
import json
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient

from service.config import Settings
from service.db import database, utcnow
from service.webhooks import repository as deliveries
from service.webhooks import service as webhooks
from service.webhooks import signing
from tests.integrators.helpers import URL, finish, review, submit
from tests.receiver import Receiver, payload
from tests.stack import png


def independent_signature(secret: str, msg_id: str, timestamp: str, body: bytes) -> str:
    """The Standard Webhooks rule, written from the spec and nothing of ours."""
    key = base64.b64decode(secret[len("whsec_") :])
    mac = hmac.new(key, msg_id.encode() + b"." + timestamp.encode() + b"." + body, hashlib.sha256).digest()
    return "v1," + base64.b64encode(mac).decode()


def test_signature_matches_the_standard_webhooks_example() -> None:
    """The example of the Standard Webhooks reference libraries (secret, id, timestamp, payload → signature)."""
    secret, msg_id, ts, body = (
        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        "msg_p5jXN8AQM9LWM0D4loKWxJek",
        1614265330,
        b'{"test": 2432232314}',
    )
    expected = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
    assert independent_signature(secret, msg_id, str(ts), body) == expected
    assert signing.sign(secret, msg_id, ts, body) == expected
    headers = signing.headers(secret, msg_id, ts, body)
    assert signing.verify(secret, headers, body, now=ts + 10)
    assert not signing.verify(secret, headers, body + b" ", now=ts + 10)
    assert not signing.verify(secret, headers, body, now=ts + 3600)  # replayed too late


def run_until_quiet(settings: Settings, start, rounds: int = 50) -> list[dict[str, str]]:
    """Dispatch on a shifted clock: each round jumps to the earliest due attempt (no sleeping for backoffs)."""
    db = database(settings.sqlalchemy_url)
    now = start
    seen = []
    for _ in range(rounds):
        outcomes = webhooks.dispatch_once(db, settings, now=now)
        seen.append(outcomes)
        with db.session() as s:
            due = [
                e.next_attempt_at
                for e in deliveries.list_all(s)
                if e.status == "pending" and e.next_attempt_at is not None
            ]
        if not due:
            return seen
        nxt = min(due)
        # nothing is sent before it is due
        assert webhooks.dispatch_once(db, settings, now=max(now, nxt - timedelta(seconds=1))) == {}
        now = max(now, nxt)
    raise AssertionError("deliveries never settled")


def test_failing_receiver_gets_exactly_one_success_per_event(
    api: TestClient, int_settings: Settings, make_caller, receiver: Receiver
) -> None:
    caller = make_caller()
    secret = api.get("/v1/webhooks/secret", headers=caller.headers).json()["secret"]
    assert secret.startswith("whsec_") and len(base64.b64decode(secret[6:])) >= 24
    job = submit(api, caller.headers, callback_url=receiver.url)
    finish(int_settings, job)  # worker saved the result: verification.completed
    review(int_settings, job)  # clerk approved: verification.reviewed
    events = api.get("/v1/webhooks/deliveries", params={"verification_id": job}, headers=caller.headers).json()
    assert {e["type"] for e in events["items"]} == {"verification.completed", "verification.reviewed"}
    start = utcnow()
    rounds = run_until_quiet(int_settings, start)

    ids = {e["id"] for e in events["items"]}
    assert receiver.ids() == ids
    for event_id in ids:
        tries = [r for r in receiver.requests if r.headers["webhook-id"] == event_id]
        assert [r.answered for r in tries] == [500, 500, 500, 200]
        assert receiver.successes(event_id) == 1
        assert len({r.body for r in tries}) == 1  # every attempt sends the same body
        for r in tries:  # each attempt signed anew, verifiable with the client's secret alone
            sig = independent_signature(secret, r.headers["webhook-id"], r.headers["webhook-timestamp"], r.body)
            assert sig in r.headers["webhook-signature"].split()
            assert r.headers["content-type"] == "application/json" and r.path == "/hooks/docverify"
        got = api.get(f"/v1/webhooks/deliveries/{event_id}", headers=caller.headers).json()
        assert got["status"] == "delivered" and got["attempts"] == 4 and got["last_status_code"] == 200
    stamps = sorted(
        int(r.headers["webhook-timestamp"]) for r in receiver.requests if r.headers["webhook-id"] == next(iter(ids))
    )
    gaps = [b - a for a, b in itertools.pairwise(stamps)]
    assert gaps == [60, 120, 240]  # exponential backoff from webhook_backoff_base_s
    assert sum(len(r) for r in rounds) == 8
    # the bodies are the Verification, in the Standard Webhooks envelope
    done = next(r for r in receiver.requests if payload(r)["type"] == "verification.completed")
    reviewed = next(r for r in receiver.requests if payload(r)["type"] == "verification.reviewed")
    assert payload(done)["data"]["id"] == job and payload(done)["data"]["decision"] == "needs_review"
    assert payload(reviewed)["data"]["decision"] == "verified" and payload(reviewed)["data"]["review"]["reviewer"]
    # later rounds and a redelivery request never send a delivered event again
    db = database(int_settings.sqlalchemy_url)
    assert webhooks.dispatch_once(db, int_settings, now=start + timedelta(days=3)) == {}
    again = api.post(f"/v1/webhooks/deliveries/{next(iter(ids))}/redeliver", headers=caller.headers)
    assert again.status_code == 409 and again.json()["error"]["code"] == "ALREADY_DELIVERED"
    assert len(receiver.requests) == 8


def test_dead_after_24_hours_listed_and_redelivered(
    api: TestClient, int_settings: Settings, make_caller, receiver: Receiver
) -> None:
    caller = make_caller()
    receiver.failures = 10_000  # down for good
    job = submit(api, caller.headers, callback_url=receiver.url)
    finish(int_settings, job)
    start = utcnow()
    run_until_quiet(int_settings, start)
    dead = api.get("/v1/webhooks/deliveries", params={"status": "dead"}, headers=caller.headers).json()["items"]
    assert len(dead) == 1 and dead[0]["verification_id"] == job and dead[0]["last_status_code"] == 500
    attempts = dead[0]["attempts"]
    stamps = [int(r.headers["webhook-timestamp"]) for r in receiver.requests]
    assert len(stamps) == attempts and 20 <= attempts <= 40
    assert 22 * 3600 <= stamps[-1] - stamps[0] <= 24 * 3600  # about a day of retries, then no more
    pending = api.get("/v1/webhooks/deliveries", params={"status": "pending"}, headers=caller.headers)
    assert pending.json()["items"] == []

    receiver.failures = 0  # the receiver is fixed; the client asks for the dead letter again
    resp = api.post(f"/v1/webhooks/deliveries/{dead[0]['id']}/redeliver", headers=caller.headers)
    assert resp.status_code == 202 and resp.json()["status"] == "pending" and resp.json()["attempts"] == 0
    outcomes = webhooks.dispatch_once(
        database(int_settings.sqlalchemy_url), int_settings, now=utcnow() + timedelta(seconds=1)
    )
    assert outcomes == {dead[0]["id"]: "delivered"}
    assert receiver.successes(dead[0]["id"]) == 1


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/hook",
        "http://localhost:8080/hook",
        "http://10.1.2.3/hook",
        "http://192.168.0.10/",
        "http://172.16.5.4/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/hook",
        "http://[fe80::1]/",
        "http://[fd00::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://0.0.0.0/",
        "http://100.64.0.1/",
        "https://user:pw@example.com/hook",
        "http://[::1/hook",
        "http://example.com:99999/",
        "http://a\x00b/",
        "http://2130706433/",
        "http://0x7f.0.0.1/",
        "http://127.1/",
        "http://[2002:7f00:1::]/hook",
        "http://[2002:a9fe:a9fe::]/latest/meta-data/",
        "http://[fec0::1]/",
    ],
)
def test_callback_to_non_public_addresses_is_refused_at_submit(int_settings: Settings, url: str) -> None:
    from service.main import create_app
    from tests.stack import bearer, issue_key

    strict = int_settings.model_copy(update={"webhook_allow_networks": ()})
    with TestClient(create_app(strict), raise_server_exceptions=False) as app:
        _, key = issue_key(strict)
        resp = app.post(
            URL, files={"file": ("c.png", png(), "image/png")}, data={"callback_url": url}, headers=bearer(key)
        )
    assert resp.status_code == 422, resp.text
    assert resp.json()["error"]["code"] == "CALLBACK_URL_NOT_ALLOWED"
    assert resp.json()["error"]["detail"]["field"] == "callback_url"


def test_allow_listed_network_is_accepted_and_public_address_too(api: TestClient, make_caller) -> None:
    caller = make_caller()
    assert (
        api.post(
            URL,
            files={"file": ("c.png", png(), "image/png")},
            headers=caller.headers,
            data={"callback_url": "http://127.0.0.1:9/hook"},
        ).status_code
        == 202
    )
    assert (
        api.post(
            URL,
            files={"file": ("c.png", png(), "image/png")},
            headers=caller.headers,
            data={"callback_url": "https://93.184.216.34/hook"},
        ).status_code
        == 202
    )
    bad = api.post(
        URL,
        files={"file": ("c.png", png(), "image/png")},
        headers=caller.headers,
        data={"callback_url": "ftp://example.com/x"},
    )
    assert bad.status_code == 422


def test_address_is_checked_again_at_delivery(
    api: TestClient, int_settings: Settings, make_caller, receiver: Receiver
) -> None:
    """A callback accepted at submit whose host later resolves to a private address (DNS rebinding, a changed
    allow-list) is refused at delivery without a connection, and retried later like any failure."""
    caller = make_caller()
    job = submit(api, caller.headers, callback_url=receiver.url)
    finish(int_settings, job)
    strict = int_settings.model_copy(update={"webhook_allow_networks": ()})
    db = database(int_settings.sqlalchemy_url)
    outcomes = webhooks.dispatch_once(db, strict, now=utcnow() + timedelta(seconds=1))
    assert list(outcomes.values()) == ["retry"]
    assert receiver.requests == []
    event_id = next(iter(outcomes))
    got = api.get(f"/v1/webhooks/deliveries/{event_id}", headers=caller.headers).json()
    assert got["last_error"].startswith("refused:") and "non-public" in got["last_error"]


def test_events_without_callback_are_kept_but_not_sent(api: TestClient, int_settings: Settings, make_caller) -> None:
    caller = make_caller()
    job = submit(api, caller.headers)
    finish(int_settings, job)
    items = api.get("/v1/webhooks/deliveries", params={"verification_id": job}, headers=caller.headers).json()["items"]
    assert [(i["type"], i["status"]) for i in items] == [("verification.completed", "skipped")]
    resp = api.post(f"/v1/webhooks/deliveries/{items[0]['id']}/redeliver", headers=caller.headers)
    assert resp.status_code == 422


def test_rotated_webhook_secret_signs_later_attempts(
    api: TestClient, int_settings: Settings, make_caller, receiver: Receiver
) -> None:
    caller = make_caller()
    receiver.failures = 0
    old = api.get("/v1/webhooks/secret", headers=caller.headers).json()["secret"]
    new = api.post("/v1/webhooks/secret/rotate", headers=caller.headers).json()["secret"]
    assert new != old and new.startswith("whsec_")
    job = submit(api, caller.headers, callback_url=receiver.url)
    finish(int_settings, job)
    webhooks.dispatch_once(database(int_settings.sqlalchemy_url), int_settings, now=utcnow() + timedelta(seconds=1))
    (r,) = receiver.requests
    assert (
        independent_signature(new, r.headers["webhook-id"], r.headers["webhook-timestamp"], r.body)
        == r.headers["webhook-signature"]
    )
    assert json.loads(r.body)["data"]["id"] == job


def test_racing_dispatchers_send_each_event_once(
    api: TestClient, int_settings: Settings, make_caller, receiver: Receiver
) -> None:
    """Several workers' dispatchers looking at the same due deliveries at once: each event goes out once."""
    import threading

    caller = make_caller()
    receiver.failures = 0
    jobs = [submit(api, caller.headers, callback_url=receiver.url) for _ in range(6)]
    for job in jobs:
        finish(int_settings, job)
    db = database(int_settings.sqlalchemy_url)
    at = utcnow() + timedelta(seconds=1)
    results: list[dict[str, str]] = []
    barrier = threading.Barrier(4)

    def run() -> None:
        barrier.wait()
        results.append(webhooks.dispatch_once(db, int_settings, now=at))

    threads = [threading.Thread(target=run) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    delivered = [i for r in results for i, outcome in r.items() if outcome == "delivered"]
    assert len(delivered) == len(set(delivered)) == 6
    assert len(receiver.requests) == 6 and all(receiver.successes(i) == 1 for i in receiver.ids())
