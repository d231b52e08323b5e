"""A webhook receiver for tests: a real threaded HTTP server on 127.0.0.1."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes
    answered: int


@dataclass
class Receiver:
    """A real HTTP server on 127.0.0.1: answers 500 to the first `failures` requests of each webhook-id, then
    200; records every request."""

    failures: int = 3
    requests: list[Received] = field(default_factory=list)
    server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}/hooks/docverify"

    def successes(self, msg_id: str) -> int:
        return sum(1 for r in self.requests if r.headers.get("webhook-id") == msg_id and r.answered == 200)

    def ids(self) -> set[str]:
        return {r.headers["webhook-id"] for r in self.requests}


@contextmanager
def webhook_receiver(failures: int = 3) -> Iterator[Receiver]:
    state = Receiver(failures)
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("content-length") or 0))
            headers = {k.lower(): v for k, v in self.headers.items()}
            with lock:
                seen = sum(1 for r in state.requests if r.headers.get("webhook-id") == headers.get("webhook-id"))
                status = 500 if seen < state.failures else 200
                state.requests.append(Received(self.path, headers, body, status))
            self.send_response(status)
            self.send_header("content-length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *_args: Any) -> None:
            pass

    state.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=state.server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        state.server.shutdown()
        state.server.server_close()


def payload(received: Received) -> dict[str, Any]:
    return dict(json.loads(received.body))
