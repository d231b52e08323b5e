"""Per-client limits: a request rate counted in Redis (429 RATE_LIMITED with Retry-After) and a cap on queued
jobs (429 QUEUE_FULL); one client at its limit does not slow another."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from fastapi.testclient import TestClient

from service.config import Settings
from service.main import create_app
from tests.integrators.helpers import URL, finish
from tests.stack import bearer, issue_key, png


@contextmanager
def limited(
    int_settings: Settings, client_ip: str = "testclient", **overrides: object
) -> Iterator[tuple[TestClient, Settings]]:
    settings = int_settings.model_copy(update=overrides)
    with TestClient(create_app(settings), raise_server_exceptions=False, client=(client_ip, 50000)) as app:
        yield app, settings


def test_failed_authentication_is_limited_per_ip(int_settings: Settings) -> None:
    """401s from one address: after the limit, 429 with Retry-After before any key is looked at (a valid key
    from that address too); another address is not affected."""
    _, key = issue_key(int_settings)
    with limited(int_settings, "198.51.100.7", auth_failure_limit=3, auth_failure_window_s=3600) as (app, _):
        bad = bearer("dvk_000000000000_" + "x" * 43)
        assert [app.get(URL, headers=bad).status_code for _ in range(2)] == [401, 401]
        assert app.get(URL).status_code == 401  # no key at all counts too
        over = app.get(URL, headers=bad)
        assert over.status_code == 429 and over.json()["error"]["code"] == "RATE_LIMITED"
        assert 1 <= int(over.headers["retry-after"]) <= 3600 and over.json()["error"]["detail"]["per"] == "ip"
        assert app.get(URL, headers=bearer(key)).status_code == 429
    with limited(int_settings, "198.51.100.8", auth_failure_limit=3, auth_failure_window_s=3600) as (app, _):
        assert app.get(URL, headers=bearer(key)).status_code == 200


def test_forbidden_answers_count_as_failed_authentication(int_settings: Settings) -> None:
    _, reader = issue_key(int_settings, scopes="read")
    with limited(int_settings, "198.51.100.9", auth_failure_limit=2, auth_failure_window_s=3600) as (app, _):
        assert [app.get("/v1/keys", headers=bearer(reader)).status_code for _ in range(2)] == [403, 403]
        assert app.get("/v1/keys", headers=bearer(reader)).status_code == 429
        assert app.get(URL, headers=bearer(reader)).status_code == 429


def test_rate_limit_per_client_with_retry_after(int_settings: Settings) -> None:
    with limited(int_settings, rate_limit_requests=5, rate_limit_window_s=3600) as (app, settings):
        check_rate_limit(app, settings)


def check_rate_limit(app: TestClient, settings: Settings) -> None:
    _, a = issue_key(settings)
    _, b = issue_key(settings)
    answers = [app.get(URL, headers=bearer(a)).status_code for _ in range(5)]
    assert answers == [200] * 5
    over = app.get(URL, headers=bearer(a))
    assert over.status_code == 429
    body = over.json()
    assert set(body) == {"error"} and body["error"]["code"] == "RATE_LIMITED"
    assert 1 <= int(over.headers["retry-after"]) <= 3600
    assert body["error"]["detail"]["limit"] == 5
    assert app.get(URL, headers=bearer(b)).status_code == 200  # another client is not affected


def test_queue_cap_per_client(int_settings: Settings) -> None:
    with limited(int_settings, max_queued_per_client=2) as (app, settings):
        check_queue_cap(app, settings)


def check_queue_cap(app: TestClient, settings: Settings) -> None:
    _, key = issue_key(settings)
    h = bearer(key)

    def post(key_header: dict[str, str], idem: str, width: int):
        return app.post(
            URL, files={"file": ("c.png", png(width, 80), "image/png")}, headers={**key_header, "Idempotency-Key": idem}
        )

    first = post(h, "one", 100)
    assert first.status_code == 202 and post(h, "two", 101).status_code == 202
    full = post(h, "three", 102)
    assert full.status_code == 429 and full.json()["error"]["code"] == "QUEUE_FULL"
    assert int(full.headers["retry-after"]) == settings.queue_full_retry_after_s
    assert post(h, "one", 100).json() == first.json()  # a replay still answers
    assert post(h, "three", 102).status_code == 429  # the refused key was released, not kept half-used
    other = issue_key(settings)[1]
    assert post(bearer(other), "one", 100).status_code == 202
    finish(settings, first.json()["id"])  # one finished: room for one more
    assert post(h, "three", 102).status_code == 202
