"""`docverify clerk …`: accounts made from the command line, the password never an argument."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from typer.testing import CliRunner

from docverify.cli import app
from service.config import Settings, get_settings
from service.db import database
from service.review import service as review


@pytest.fixture()
def cli_env(review_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[Settings]:
    monkeypatch.setenv("DATABASE_URL", review_settings.sqlalchemy_url)
    monkeypatch.delenv("DOCVERIFY_CLERK_PASSWORD", raising=False)
    get_settings.cache_clear()
    yield review_settings
    get_settings.cache_clear()


def test_clerk_create_from_stdin_env_and_prompt(cli_env: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    runner = CliRunner()
    made = runner.invoke(
        app, ["clerk", "create", "rahmat", "--role", "supervisor", "--password-stdin"], input="a long enough password\n"
    )
    assert made.exit_code == 0, made.output
    assert json.loads(made.stdout) == {"username": "rahmat", "role": "supervisor"}
    monkeypatch.setenv("DOCVERIFY_CLERK_PASSWORD", "another long password")
    assert runner.invoke(app, ["clerk", "create", "yanti"]).exit_code == 0
    monkeypatch.delenv("DOCVERIFY_CLERK_PASSWORD")
    prompted = runner.invoke(app, ["clerk", "create", "joko"], input="third long password\nthird long password\n")
    assert prompted.exit_code == 0, prompted.output
    short = runner.invoke(app, ["clerk", "create", "eko", "--password-stdin"], input="short\n")
    assert short.exit_code == 1 and "at least" in short.output
    dup = runner.invoke(app, ["clerk", "create", "rahmat", "--password-stdin"], input="a long enough password\n")
    assert dup.exit_code == 1
    with database(cli_env.sqlalchemy_url).session() as s:
        assert review.login(s, cli_env, "rahmat", "a long enough password", None) is not None
        assert review.login(s, cli_env, "yanti", "another long password", None) is not None
    listed = json.loads(runner.invoke(app, ["clerk", "list"]).stdout)
    assert {u["username"]: u["role"] for u in listed}["rahmat"] == "supervisor"
    assert runner.invoke(app, ["clerk", "unlock", "joko"]).exit_code == 0
    assert (
        runner.invoke(app, ["clerk", "passwd", "joko", "--password-stdin"], input="a new long password\n").exit_code
        == 0
    )
    assert runner.invoke(app, ["clerk", "corrections"]).exit_code == 0
