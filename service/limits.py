"""Per-client limits: a request rate counted in Redis (the broker's), fixed window. Per-IP limits on failures
(failed authentication on the API, failed logins to the review UI across accounts), the same way.

Every API process shares the count through Redis, so the limit holds however many API processes run. When
Redis is not configured or does not answer, requests are let through (and a warning logged): the limit
protects capacity, it must not take the API down with the broker.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from typing import TYPE_CHECKING

from service.config import Settings
from service.errors import RateLimited

if TYPE_CHECKING:
    from redis import Redis

log = logging.getLogger(__name__)

_clients: dict[str, Redis] = {}  # one client (and connection pool) per URL
_lock = threading.Lock()


def _redis(url: str) -> Redis:
    import redis

    with _lock:
        if url not in _clients:
            _clients[url] = redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1)
        return _clients[url]


def check_rate(
    settings: Settings,
    client_id: str,
    now: float | None = None,
    *,
    limit: int | None = None,
    window_s: int | None = None,
    kind: str = "rate",
) -> None:
    """Count this request; 429 RATE_LIMITED with Retry-After once the client is over its window's limit.
    `limit`, `window_s` and `kind` (the counter's name): a separate limit, e.g. the registry verdict endpoint's."""
    limit = settings.rate_limit_requests if limit is None else limit
    if limit <= 0 or not settings.redis_url:
        return
    window = max(1, settings.rate_limit_window_s if window_s is None else window_s)
    now = time.time() if now is None else now
    slot = int(now // window)
    key = f"docverify:{kind}:{client_id}:{slot}"
    try:
        pipe = _redis(settings.redis_url).pipeline()
        pipe.incr(key)
        pipe.expire(key, window + 1)
        count = int(pipe.execute()[0])
    except Exception as exc:  # broker down: let the request through
        log.warning("rate limit not checked (redis: %s)", type(exc).__name__)
        return
    if count > limit:
        retry_after = max(1, math.ceil((slot + 1) * window - now))
        raise RateLimited(
            f"more than {limit} requests in {window} s; retry in {retry_after} s",
            {"limit": limit, "window_s": window, "retry_after_s": retry_after},
            headers={"Retry-After": str(retry_after)},
        )


def _failure_key(kind: str, ip: str, window: int, now: float) -> tuple[str, int]:
    slot = int(now // window)
    return f"docverify:fail:{kind}:{ip}:{slot}", slot


def check_failures(
    settings: Settings, kind: str, ip: str | None, limit: int, window_s: int, now: float | None = None
) -> None:
    """429 RATE_LIMITED with Retry-After once `ip` has `limit` failures of this kind in the current window;
    called before the (costly, or guessable) check itself. No Redis, no IP or limit 0: nothing is counted."""
    if limit <= 0 or not ip or not settings.redis_url:
        return
    window = max(1, window_s)
    now = time.time() if now is None else now
    key, slot = _failure_key(kind, ip, window, now)
    try:
        count = int(_redis(settings.redis_url).get(key) or 0)
    except Exception as exc:  # broker down: let the attempt through
        log.warning("failure limit not checked (redis: %s)", type(exc).__name__)
        return
    if count >= limit:
        retry_after = max(1, math.ceil((slot + 1) * window - now))
        raise RateLimited(
            f"too many failed attempts from this address ({count} in {window} s); retry in {retry_after} s",
            {"limit": limit, "window_s": window, "retry_after_s": retry_after, "per": "ip"},
            headers={"Retry-After": str(retry_after)},
        )


def record_failure(settings: Settings, kind: str, ip: str | None, window_s: int, now: float | None = None) -> None:
    """Count one failure of this kind from `ip` in the current window."""
    if not ip or not settings.redis_url:
        return
    window = max(1, window_s)
    key, _slot = _failure_key(kind, ip, window, time.time() if now is None else now)
    try:
        pipe = _redis(settings.redis_url).pipeline()
        pipe.incr(key)
        pipe.expire(key, window + 1)
        pipe.execute()
    except Exception as exc:
        log.warning("failure not counted (redis: %s)", type(exc).__name__)
