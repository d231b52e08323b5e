"""Asking a remote registry (issue 24): the client with timeouts, bounded retries with jitter and a circuit
breaker, and the source the assessment consults.

A lookup sends the NIK and the fields read (in the remote's wire format, service.registry.adapters) and gets
per-field verdicts, never a record. It is bounded in time: each attempt by `timeout_s`, all attempts together
by `registry_remote_deadline_s`; only timeouts, connection failures, 5xx and 429 are tried again, after a
back-off with full jitter (`registry_remote_backoff_s`, doubled per attempt). A remote that fails
`registry_breaker_failures` lookups in a row is not asked for `registry_breaker_open_s` (then one trial lookup
closes or re-opens the breaker), so that a registry that is down costs each job nothing rather than the whole
deadline. Whatever goes wrong, the lookup ends in `RegistryUnavailable` and the registry block says
`status: unavailable`: the job ends needs_review / REGISTRY_UNAVAILABLE and can be re-assessed later.

Nothing is cached: each job asks again and keeps the answer only in its own result (UU PDP purpose limitation).
The breaker's state and the HTTP connection pools are per process; they hold no personal data.
"""

from __future__ import annotations

import json
import logging
import random
import ssl
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx
from sqlalchemy.orm import Session

from service import crypto
from service.config import RemoteRegistry, Settings
from service.privacy import service as privacy
from service.registry import verdicts
from service.registry.adapters import ADAPTERS, BadAnswer, WireBody
from service.registry.service import DbSource, RecordSource, exists, match_document
from service.registry.tables import Record
from service.registry.verdicts import VerdictAnswer
from service.verifications.model import Registry

log = logging.getLogger(__name__)

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


class RegistryUnavailable(Exception):
    """The remote registry gave no usable answer in time. `error` is a short code, never a value."""

    def __init__(self, error: str, attempts: int) -> None:
        super().__init__(f"registry unavailable ({error}, {attempts} attempt(s))")
        self.error, self.attempts = error, attempts


class CircuitBreaker:
    """Closed → (failures in a row) → open for `open_s` → half-open: one trial lookup closes or re-opens it."""

    def __init__(self, failures: int, open_s: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.threshold, self.open_s, self.clock = failures, open_s, clock
        self.failures = 0
        self.opened_at: float | None = None
        self.trial = False
        self.lock = threading.Lock()

    @property
    def state(self) -> str:
        if self.opened_at is None:
            return "closed"
        return "open" if self.clock() - self.opened_at < self.open_s else "half_open"

    def allow(self) -> bool:
        with self.lock:
            state = self.state
            if state == "closed":
                return True
            if state == "half_open" and not self.trial:
                self.trial = True  # one lookup tries; the others still fail fast until it reports
                return True
            return False

    def success(self) -> None:
        with self.lock:
            self.failures, self.opened_at, self.trial = 0, None, False

    def failure(self) -> None:
        with self.lock:
            self.failures += 1
            if self.trial or self.failures >= self.threshold:
                self.opened_at, self.trial = self.clock(), False


_breakers: dict[tuple[str, str], CircuitBreaker] = {}
_clients: dict[tuple[str, str, str | None, str | None], httpx.Client] = {}
_lock = threading.Lock()


def breaker_for(name: str, config: RemoteRegistry, settings: Settings) -> CircuitBreaker:
    with _lock:
        key = (name, config.url)
        if key not in _breakers:
            _breakers[key] = CircuitBreaker(settings.registry_breaker_failures, settings.registry_breaker_open_s)
        return _breakers[key]


def reset_breakers() -> None:
    """Forget every breaker's state (a re-assessment run by the operator's CLI starts afresh)."""
    with _lock:
        _breakers.clear()


def _client(config: RemoteRegistry) -> httpx.Client:
    """One connection pool per remote and TLS identity, per process (connections, not answers, are reused)."""
    key = (config.url, config.ca_file or "", config.client_cert, config.client_key)
    with _lock:
        if key not in _clients:
            tls = ssl.create_default_context(cafile=config.ca_file) if config.ca_file else ssl.create_default_context()
            if config.client_cert:  # mutual TLS: the certificate the owner asked its askers to present
                tls.load_cert_chain(config.client_cert, config.client_key)
            _clients[key] = httpx.Client(
                verify=tls,
                follow_redirects=False,
                trust_env=False,
                headers={"User-Agent": "docverify-registry-client"},
            )
        return _clients[key]


@dataclass(frozen=True)
class Lookup:
    """One lookup as the processing record tells it: which registry, the outcome, how many attempts."""

    registry: str
    host: str
    outcome: str  # answered | unavailable
    error: str | None
    attempts: int
    ms: float


class RemoteSource:
    """A registry asked over the network. `on_lookup(lookup, nik)` is told every lookup (processing records)."""

    remote = True

    def __init__(
        self,
        name: str,
        config: RemoteRegistry,
        settings: Settings,
        on_lookup: Callable[[Lookup, str], None] | None = None,
    ) -> None:
        self.name, self.config, self.settings, self.on_lookup = name, config, settings, on_lookup
        self.adapter = ADAPTERS[config.adapter]

    @property
    def host(self) -> str:
        return urlsplit(self.config.url).netloc

    def ask(self, nik: str, fields: Mapping[str, str | None]) -> VerdictAnswer:
        """The remote's verdicts, or RegistryUnavailable; bounded by the deadline whatever the remote does."""
        settings = self.settings
        started = time.monotonic()
        deadline = started + settings.registry_remote_deadline_s
        timeout = self.config.timeout_s or settings.registry_remote_timeout_s
        breaker = breaker_for(self.name, self.config, settings)
        attempts = 0
        error = "circuit_open"
        if breaker.allow():
            body = self.adapter.request(nik, fields)
            headers = {"Accept": "application/json"}
            if self.config.api_key is not None:
                headers["Authorization"] = f"Bearer {self.config.api_key.get_secret_value()}"
            try:
                client: httpx.Client | None = _client(self.config)
            except (OSError, ssl.SSLError) as exc:  # a CA or client certificate file missing or unreadable
                log.error("registry %s: TLS files cannot be used (%s)", self.name, type(exc).__name__)
                client, error = None, "tls_config"
            while client is not None and attempts < settings.registry_remote_attempts:
                remaining = deadline - time.monotonic()
                if remaining <= 0.05:
                    error = error if attempts else "deadline"
                    break
                attempts += 1
                retry_after = 0.0
                try:
                    status, content, retry_after = _post(
                        client, self.config.url, body, headers, min(timeout, remaining), deadline
                    )
                except httpx.TimeoutException:
                    error = "timeout"
                except httpx.TransportError:
                    error = "connect"
                except _TooLarge:
                    error = "bad_answer"
                    break
                else:
                    if status == 200:
                        try:
                            answer = self.adapter.answer(json.loads(content), self.name)
                        except (BadAnswer, ValueError):
                            error = "bad_answer"
                            break
                        breaker.success()
                        self._told(nik, "answered", None, attempts, started)
                        return answer
                    error = f"http_{status}"
                    if status not in RETRY_STATUSES:
                        break  # refused (401, 403, 404, 422): asking again changes nothing
                if attempts >= settings.registry_remote_attempts:
                    break
                pause = max(retry_after, random.uniform(0, settings.registry_remote_backoff_s * 2 ** (attempts - 1)))
                if time.monotonic() + pause >= deadline:
                    break
                time.sleep(pause)
            breaker.failure()
        self._told(nik, "unavailable", error, attempts, started)
        log.warning("registry %s at %s unavailable: %s after %d attempt(s)", self.name, self.host, error, attempts)
        raise RegistryUnavailable(error, attempts)

    def _told(self, nik: str, outcome: str, error: str | None, attempts: int, started: float) -> None:
        if self.on_lookup is not None:
            self.on_lookup(
                Lookup(self.name, self.host, outcome, error, attempts, round((time.monotonic() - started) * 1000, 1)),
                nik,
            )

    def registry_block(self, document: Mapping[str, str | None]) -> Registry:
        """The contract's `registry` block for a document: verdicts, not_found, or unavailable."""
        started = time.perf_counter()
        nik = document.get("nik")
        if not verdicts.nik_shaped(nik):  # no candidate search over the wire: without a NIK nothing is asked
            block = verdicts.no_nik_block(self.name)
        else:
            try:
                answer = self.ask(str(nik), {k: document.get(k) for k in verdicts.VERDICT_FIELDS})
            except RegistryUnavailable as exc:
                block = verdicts.unavailable_block(self.name, exc.error, exc.attempts)
            else:
                block = verdicts.registry_block(answer, self.name, document, self.settings)
        block.remote = True
        block.lookup_ms = round((time.perf_counter() - started) * 1000, 2)
        return block


MAX_ANSWER_BYTES = 256 * 1024  # a verdict answer is a few hundred bytes


class _TooLarge(Exception):
    pass


def _post(
    client: httpx.Client, url: str, body: WireBody, headers: dict[str, str], timeout: float, deadline: float
) -> tuple[int, bytes, float]:
    """(status, body, Retry-After) of one attempt. httpx's timeouts bound each network read; this bounds the
    whole answer by the lookup's deadline and its size, so a remote trickling bytes cannot hold a job."""
    with client.stream("POST", url, json=body, headers=headers, timeout=httpx.Timeout(timeout)) as resp:
        chunks: list[bytes] = []
        size = 0
        for chunk in resp.iter_bytes():
            size += len(chunk)
            if size > MAX_ANSWER_BYTES:
                raise _TooLarge
            if time.monotonic() > deadline:
                raise httpx.ReadTimeout("the answer did not arrive within the lookup's deadline")
            chunks.append(chunk)
        return resp.status_code, b"".join(chunks), _retry_after(resp)


def _retry_after(resp: httpx.Response) -> float:
    value = resp.headers.get("Retry-After", "")
    try:
        return min(max(float(value), 0.0), 30.0)
    except ValueError:
        return 0.0


def remote_source(
    settings: Settings, name: str, on_lookup: Callable[[Lookup, str], None] | None = None
) -> RemoteSource | None:
    config = settings.registry_remotes.get(name)
    return RemoteSource(name, config, settings, on_lookup) if config is not None else None


def source_for(
    session: Session, settings: Settings, name: str | None, on_lookup: Callable[[Lookup, str], None] | None = None
) -> RemoteSource | DbSource | None:
    """The source a job's registry name means: the remote configured under that name, else the imported
    registry of that name, else None (not checked)."""
    if not name:
        return None
    remote = remote_source(settings, name, on_lookup)
    if remote is not None:
        return remote
    return DbSource(session, name) if exists(session, name) else None


def consult(
    source: RecordSource | RemoteSource, document: Mapping[str, str | None], settings: Settings
) -> tuple[Registry, Record | None]:
    """The registry block and the matched record (None for a remote: no record crosses the wire)."""
    if isinstance(source, RemoteSource):
        return source.registry_block(document), None
    return match_document(source, document, settings)


def lookup_recorder(session: Session, verification_id: str, client_id: str | None) -> Callable[[Lookup, str], None]:
    """Every remote lookup of a job as a processing record (UU PDP Pasal 31): which registry was asked, where,
    when, for which NIK (its keyed hash), and how it ended. Codes and counts only."""

    def record(lookup: Lookup, nik: str) -> None:
        privacy.record(
            session,
            "registry_asked",
            actor_type="system",
            actor="worker",
            verification_id=verification_id,
            client_id=client_id,
            nik_hash=crypto.subject_hash(nik),
            detail={
                "registry": lookup.registry,
                "remote": lookup.host,
                "outcome": lookup.outcome,
                "error": lookup.error,
                "attempts": lookup.attempts,
                "ms": lookup.ms,
            },
        )

    return record
