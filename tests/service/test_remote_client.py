"""Issue 24: the remote registry client against a real HTTP server on 127.0.0.1 that answers, stalls, fails or
refuses on demand: each lookup ends within its deadline, retries only what may succeed, backs off, and a
registry that keeps failing is not asked at all until the breaker lets one trial through."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from service.config import RemoteRegistry, Settings
from service.registry import remote
from service.registry.remote import CircuitBreaker, Lookup, RegistryUnavailable, RemoteSource
from tests.unit.test_decision import decide

NIK = "3204123108900002"
ANSWER = {
    "registry": "dukcapil",
    "found": True,
    "score": 97.0,
    "reference": "01REF",
    "fields": {"name": {"match": True, "score": 96.0}, "birth_date": {"match": True, "score": 100.0}},
}


@dataclass
class Behaviour:
    mode: str = "ok"  # ok | slow | trickle | huge | 500 | 403 | garbage | 429
    delay_s: float = 0.0
    requests: list[dict[str, Any]] = field(default_factory=list)


@pytest.fixture()
def server() -> Iterator[tuple[str, Behaviour]]:
    behaviour = Behaviour()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *_args: Any) -> None:
            pass

        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            behaviour.requests.append({"body": body, "auth": self.headers.get("Authorization"), "at": time.monotonic()})
            mode = behaviour.mode
            if mode == "slow":
                time.sleep(behaviour.delay_s)
            status, payload, headers = 200, json.dumps(ANSWER).encode(), {}
            if mode == "500":
                status, payload = 500, b'{"error": {"code": "INTERNAL_ERROR"}}'
            elif mode == "403":
                status, payload = 403, b'{"error": {"code": "FORBIDDEN"}}'
            elif mode == "garbage":
                payload = b"<html>maintenance</html>"
            elif mode == "429":
                status, payload, headers = 429, b"{}", {"Retry-After": "0"}
            elif mode == "huge":
                payload = b'{"registry": "' + b"x" * 400_000 + b'"}'
            if mode == "trickle":  # the headers at once, then the answer one byte at a time, each within a timeout
                try:
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    for byte in payload:
                        self.wfile.write(bytes([byte]))
                        self.wfile.flush()
                        time.sleep(behaviour.delay_s)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                return
            try:
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
            except (BrokenPipeError, ConnectionResetError):
                pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    remote.reset_breakers()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/v1/registries/dukcapil/verifications", behaviour
    finally:
        httpd.shutdown()
        httpd.server_close()
        remote.reset_breakers()


def source(url: str, lookups: list[Lookup] | None = None, **overrides: Any) -> RemoteSource:
    values = {
        "registry_remote_timeout_s": 0.5,
        "registry_remote_attempts": 3,
        "registry_remote_backoff_s": 0.05,
        "registry_remote_deadline_s": 2.0,
        "registry_breaker_failures": 3,
        "registry_breaker_open_s": 60.0,
        **overrides,
    }
    settings = Settings(env="dev", **values)
    config = RemoteRegistry(url=url, api_key="dvk_secret")  # type: ignore[arg-type]
    return RemoteSource(
        "dukcapil", config, settings, on_lookup=(lambda lk, _nik: lookups.append(lk)) if lookups is not None else None
    )


def test_an_answer_becomes_the_registry_block_and_the_key_is_sent(server: tuple[str, Behaviour]) -> None:
    url, behaviour = server
    lookups: list[Lookup] = []
    block = (
        source(url, lookups)
        .registry_block(
            {"nik": NIK, "name": "MUHAMMAD RIZKI", "birth_date": "1990-08-31", "valid_until": "SEUMUR HIDUP"}
        )
        .model_dump(mode="json")
    )
    assert block["status"] == "match" and block["remote"] is True and block["record_id"] == "01REF"
    assert block["fields"]["name"] == {
        "document": "MUHAMMAD RIZKI",
        "registry": None,
        "score": 96.0,
        "verdict": "match",
    }
    [request] = behaviour.requests
    assert request["auth"] == "Bearer dvk_secret"
    assert request["body"] == {"nik": NIK, "fields": {"name": "MUHAMMAD RIZKI", "birth_date": "1990-08-31"}}
    assert [(lk.outcome, lk.attempts) for lk in lookups] == [("answered", 1)]


def test_without_a_nik_nothing_is_asked(server: tuple[str, Behaviour]) -> None:
    url, behaviour = server
    block = source(url).registry_block({"nik": "32041231", "name": "MUHAMMAD RIZKI"}).model_dump(mode="json")
    assert block["status"] == "not_found" and behaviour.requests == []


def test_a_stalled_registry_ends_within_the_deadline(server: tuple[str, Behaviour]) -> None:
    url, behaviour = server
    behaviour.mode, behaviour.delay_s = "slow", 5.0
    lookups: list[Lookup] = []
    started = time.monotonic()
    block = (
        source(url, lookups, registry_remote_deadline_s=1.2)
        .registry_block({"nik": NIK, "name": "X"})
        .model_dump(mode="json")
    )
    elapsed = time.monotonic() - started
    assert elapsed < 1.2 + 0.5, elapsed
    assert block["status"] == "unavailable" and block["error"] == "timeout" and block["attempts"] >= 2
    assert lookups[-1].outcome == "unavailable" and lookups[-1].error == "timeout"
    # the verification goes to a clerk, never to a rejection
    v = {
        "status": "completed",
        "reasons": [],
        "checks": [],
        "document": {"type": "ktp", "pages": 1},
        "fields": {"nik": {"value": NIK, "confidence": 0.99}},
        "registry": block,
    }
    assert decide(v, Settings(env="dev"))[0] == "needs_review"


def test_server_errors_are_retried_with_backoff_up_to_the_attempts(server: tuple[str, Behaviour]) -> None:
    url, behaviour = server
    behaviour.mode = "500"
    with pytest.raises(RegistryUnavailable) as caught:
        source(url, registry_remote_backoff_s=0.1).ask(NIK, {"name": "X"})
    assert caught.value.error == "http_500" and caught.value.attempts == 3
    assert len(behaviour.requests) == 3


def test_refusals_are_not_retried(server: tuple[str, Behaviour]) -> None:
    url, behaviour = server
    for mode, error in (("403", "http_403"), ("garbage", "bad_answer")):
        behaviour.mode, behaviour.requests[:] = mode, []
        remote.reset_breakers()
        with pytest.raises(RegistryUnavailable) as caught:
            source(url).ask(NIK, {"name": "X"})
        assert caught.value.error == error and len(behaviour.requests) == 1


def test_too_many_requests_is_retried(server: tuple[str, Behaviour]) -> None:
    url, behaviour = server
    behaviour.mode = "429"
    with pytest.raises(RegistryUnavailable) as caught:
        source(url).ask(NIK, {"name": "X"})
    assert caught.value.error == "http_429" and len(behaviour.requests) == 3


def test_a_registry_that_is_down_costs_nothing_once_the_breaker_is_open(server: tuple[str, Behaviour]) -> None:
    url, behaviour = server
    behaviour.mode = "500"
    src = source(url, registry_remote_attempts=1, registry_breaker_failures=3, registry_breaker_open_s=0.5)
    for _ in range(3):
        with pytest.raises(RegistryUnavailable):
            src.ask(NIK, {"name": "X"})
    assert len(behaviour.requests) == 3
    started = time.monotonic()
    with pytest.raises(RegistryUnavailable) as caught:
        src.ask(NIK, {"name": "X"})
    assert caught.value.error == "circuit_open" and caught.value.attempts == 0
    assert len(behaviour.requests) == 3 and time.monotonic() - started < 0.1
    # after open_s one trial goes through; the registry answers again: closed
    time.sleep(0.6)
    behaviour.mode = "ok"
    assert src.ask(NIK, {"name": "X"}).found is True
    assert len(behaviour.requests) == 4
    assert src.ask(NIK, {"name": "X"}).found is True


def test_a_failed_trial_opens_the_breaker_again() -> None:
    now = [0.0]
    breaker = CircuitBreaker(failures=2, open_s=10.0, clock=lambda: now[0])
    breaker.failure()
    assert breaker.allow()
    breaker.failure()
    assert breaker.state == "open" and not breaker.allow()
    now[0] = 11.0
    assert breaker.state == "half_open" and breaker.allow()
    assert not breaker.allow()  # one trial at a time
    breaker.failure()
    assert breaker.state == "open" and not breaker.allow()
    now[0] = 22.0
    assert breaker.allow()
    breaker.success()
    assert breaker.state == "closed" and breaker.allow() and breaker.allow()


def test_a_registry_nobody_listens_on_is_unavailable_quickly() -> None:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    remote.reset_breakers()
    started = time.monotonic()
    block = (
        source(f"http://127.0.0.1:{port}/v1/registries/dukcapil/verifications")
        .registry_block({"nik": NIK, "name": "X"})
        .model_dump(mode="json")
    )
    assert block["status"] == "unavailable" and block["error"] == "connect"
    assert time.monotonic() - started < 2.0
    remote.reset_breakers()


def test_an_answer_trickling_in_still_ends_within_the_deadline(server: tuple[str, Behaviour]) -> None:
    """Each byte arrives well within the per-read timeout, the whole answer never within the deadline."""
    url, behaviour = server
    behaviour.mode, behaviour.delay_s = "trickle", 0.1
    started = time.monotonic()
    block = (
        source(url, registry_remote_deadline_s=1.5).registry_block({"nik": NIK, "name": "X"}).model_dump(mode="json")
    )
    assert time.monotonic() - started < 1.5 + 0.5
    assert block["status"] == "unavailable" and block["error"] == "timeout", block


def test_an_oversized_answer_is_refused_not_read(server: tuple[str, Behaviour]) -> None:
    url, behaviour = server
    behaviour.mode = "huge"
    block = source(url).registry_block({"nik": NIK, "name": "X"}).model_dump(mode="json")
    assert block["status"] == "unavailable" and block["error"] == "bad_answer" and len(behaviour.requests) == 1
