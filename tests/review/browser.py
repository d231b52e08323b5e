"""Debian's chromium driven by Playwright, for the review UI's browser tests (it never downloads a browser).

A test module that imports this is skipped, saying why, when playwright or chromium is missing (`make browser`
installs chromium). Screenshots go to a temporary folder, or to docs/ with DOCVERIFY_SCREENSHOTS=docs
(`make screenshots`)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.review.seed import PASSWORD
from tests.stack import ROOT

CHROMIUM = os.environ.get("DOCVERIFY_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[dev]')")
if not Path(CHROMIUM).exists():
    pytest.skip(
        f"{CHROMIUM} not found: install Debian's chromium (`make browser` or apt-get install chromium)",
        allow_module_level=True,
    )


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless chromium for a module's tests, closed afterwards."""
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def shots_folder(tmp: Path) -> Path:
    """Where screenshots go: docs/ with DOCVERIFY_SCREENSHOTS=docs, else `tmp/shots`."""
    shots = ROOT / "docs" if os.environ.get("DOCVERIFY_SCREENSHOTS") == "docs" else tmp / "shots"
    shots.mkdir(parents=True, exist_ok=True)
    return shots


def login(browser: Any, url: str, username: str, *, width: int = 1440, height: int = 1000) -> Any:
    """A new browser context logged in to the review UI at `url` as `username` (the seed's password): its page."""
    context = browser.new_context(viewport={"width": width, "height": height}, locale="id-ID")
    page = context.new_page()
    page.goto(f"{url}/review/")
    assert "/review/login" in page.url
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("#login-button")
    page.wait_for_url(f"{url}/review/")
    return page
