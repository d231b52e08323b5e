"""Per-client limits: a request rate counted in Redis (the broker's), fixed window.

Every API process shares the count through Redis, so the limit holds however many API processes run. When
Redis is not configured or does not answer, requests are let through (and a warning logged): the limit
protects capacity, it must not take the API down with the broker.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from typing import Any

from service.config import Settings
from service.errors import RateLimited

log = logging.getLogger(__name__)

_clients: dict[str, Any] = {}
_lock = threading.Lock()


def _redis(url: str) -> Any:
    import redis

    with _lock:
        if url not in _clients:
            _clients[url] = redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1)
        return _clients[url]


def check_rate(settings: Settings, client_id: str, now: float | None = None) -> None:
    """Count this request; 429 RATE_LIMITED with Retry-After once the client is over its window's limit."""
    if settings.rate_limit_requests <= 0 or not settings.redis_url:
        return
    window = max(1, settings.rate_limit_window_s)
    now = time.time() if now is None else now
    slot = int(now // window)
    key = f"docverify:rate:{client_id}:{slot}"
    try:
        pipe = _redis(settings.redis_url).pipeline()
        pipe.incr(key)
        pipe.expire(key, window + 1)
        count = int(pipe.execute()[0])
    except Exception as exc:  # broker down: let the request through
        log.warning("rate limit not checked (redis: %s)", type(exc).__name__)
        return
    if count > settings.rate_limit_requests:
        retry_after = max(1, math.ceil((slot + 1) * window - now))
        raise RateLimited(f"more than {settings.rate_limit_requests} requests in {window} s; retry in {retry_after} s",
                          {"limit": settings.rate_limit_requests, "window_s": window, "retry_after_s": retry_after},
                          headers={"Retry-After": str(retry_after)})
