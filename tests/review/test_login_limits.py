"""Password spraying: one address trying one password on many accounts never trips the per-account lockout
(one failure each), so failed logins are also counted per address across accounts, in Redis like the API's
limits. Over the limit the address gets 429 with Retry-After before any password is checked; another address
logs in as usual."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from service.config import Settings
from service.main import create_app
from tests.review.seed import PASSWORD, make_user
from tests.stack import redis_url

ACCOUNTS = [f"spray{i}" for i in range(6)]


@pytest.fixture(scope="module")
def spray_settings(review_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    tmp: Path = tmp_path_factory.mktemp("spray")
    with redis_url(tmp, 14) as url:
        settings = review_settings.model_copy(
            update={"redis_url": url, "review_login_ip_limit": 4, "review_login_ip_window_s": 3600}
        )
        for name in ACCOUNTS:
            make_user(settings, name, "clerk")
        yield settings


def attempt(client: TestClient, username: str, password: str) -> int:
    page = client.get("/review/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token, page.text[:300]
    resp = client.post(
        "/review/login",
        data={"username": username, "password": password, "csrf_token": token.group(1)},
        follow_redirects=False,
    )
    client.cookies.clear()
    return resp.status_code


def test_spraying_one_password_across_accounts_is_throttled_per_address(spray_settings: Settings) -> None:
    app = create_app(spray_settings)
    with TestClient(app, raise_server_exceptions=False, client=("203.0.113.5", 40000)) as sprayer:
        assert [attempt(sprayer, name, "Password123!") for name in ACCOUNTS[:4]] == [401] * 4
        page = sprayer.get("/review/login")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        assert token
        over = sprayer.post(
            "/review/login",
            data={"username": ACCOUNTS[4], "password": PASSWORD, "csrf_token": token.group(1)},
            follow_redirects=False,
        )
        assert over.status_code == 429, over.text[:300]  # even the right password: the address is held
        assert 1 <= int(over.headers["retry-after"]) <= 3600
    with TestClient(app, raise_server_exceptions=False, client=("203.0.113.6", 40000)) as office:
        assert attempt(office, ACCOUNTS[5], PASSWORD) == 303


def test_successful_logins_do_not_count(spray_settings: Settings) -> None:
    app = create_app(spray_settings)
    with TestClient(app, raise_server_exceptions=False, client=("203.0.113.7", 40000)) as office:
        assert [attempt(office, ACCOUNTS[i % 6], PASSWORD) for i in range(8)] == [303] * 8
