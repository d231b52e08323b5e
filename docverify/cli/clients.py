"""`docverify client …` and `docverify client key …`: API clients (front-office systems) and their keys."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated

import typer
from pydantic import JsonValue

from docverify.cli.common import db_call
from service.config import get_settings

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

client_app = typer.Typer(no_args_is_help=True, help="API clients (front-office systems) and their API keys.")
key_app = typer.Typer(no_args_is_help=True, help="API keys of a client: shown once, stored hashed.")
client_app.add_typer(key_app, name="key")


ScopesOption = Annotated[
    str,
    typer.Option(
        "--scopes",
        help="Comma separated: submit, read, admin (the client's own keys and webhook secret), operator "
        "(writes to the shared registries and programs: your own tooling only), registry_verify "
        "(another agency's system asking your registries for per-field verdicts, "
        "docs/registry-protocol.md).",
    ),
]


@client_app.command("create")
def client_create(
    name: Annotated[str, typer.Argument(help="Client id: lower-case letters, digits, '.', '_', '-'.")],
    scopes: ScopesOption = "submit,read",
    key_name: Annotated[str | None, typer.Option("--key-name", help="Label of the first key.")] = None,
    no_key: Annotated[bool, typer.Option("--no-key", help="Create the client without a key.")] = False,
    operator: Annotated[
        bool,
        typer.Option(
            "--operator",
            help="Also grant the first key the operator scope: writes to the registries and programs "
            "every client shares. Never for a front office.",
        ),
    ] = False,
) -> None:
    """Create a client with its webhook signing secret and a first API key (both shown this once). The key gets
    `submit,read` unless told; the operator scope only with --operator (or in --scopes)."""
    from service.clients import service as clients

    granted = f"{scopes},operator" if operator else scopes

    def make(session: Session) -> dict[str, str | dict[str, JsonValue]]:
        client = clients.create_client(session, name)
        out: dict[str, str | dict[str, JsonValue]] = {"client": client.id, "webhook_secret": client.webhook_secret}
        if not no_key:
            out["key"] = clients.create_key(session, client.id, granted, key_name).to_json().model_dump(mode="json")
        return out

    print(json.dumps(db_call(make), indent=2))


@client_app.command("list")
def client_list() -> None:
    """Clients and how many active keys each has."""
    from service.clients import service as clients

    print(json.dumps([c.model_dump(mode="json") for c in db_call(clients.list_clients)], indent=2))


@client_app.command("demo")
def client_demo(
    name: Annotated[str, typer.Option("--name", help="The demo client's id.")] = "demo",
    quiet: Annotated[bool, typer.Option("--quiet", help="Print only the key.")] = False,
) -> None:
    """For `make run`: the demo client (made if missing) gets a fresh key with every client scope (submit, read,
    admin; not operator: registries and programs are loaded by the CLI); the previous demo keys are revoked, so
    only the key just printed works."""
    from service.clients import repository as client_repo
    from service.clients import service as clients

    def make(session: Session) -> str:
        if client_repo.get_client(session, name) is None:
            clients.create_client(session, name)
        for row in client_repo.list_keys(session, name):
            if row.name == "demo" and clients.key_state(row) == "active":
                clients.revoke_key(session, row.id)
        return clients.create_key(session, name, "submit,read,admin", "demo").key

    key = db_call(make)
    print(key if quiet else f"demo API key of client {name} (shown once): {key}")


@key_app.command("create")
def key_create(
    client: Annotated[str, typer.Argument(help="The client's id.")],
    scopes: ScopesOption = "submit,read",
    name: Annotated[str | None, typer.Option("--name", help="A label, e.g. frontoffice-prod.")] = None,
    expires_in_days: Annotated[float | None, typer.Option("--expires-in-days", help="Expire after this long.")] = None,
) -> None:
    """A new API key for a client, shown this once (only its digest is stored)."""
    from datetime import timedelta

    from service.clients import service as clients
    from service.db import utcnow

    expires = utcnow() + timedelta(days=expires_in_days) if expires_in_days else None
    print(
        json.dumps(
            db_call(lambda s: clients.create_key(s, client, scopes, name, expires).to_json()).model_dump(mode="json"),
            indent=2,
        )
    )


@key_app.command("rotate")
def key_rotate(
    key_id: Annotated[str, typer.Argument(help="The id of the key to replace (the part after dvk_).")],
    overlap_hours: Annotated[
        float | None,
        typer.Option(
            "--overlap-hours", help="How long the old key keeps working (default DOCVERIFY_API_KEY_ROTATION_OVERLAP_S)."
        ),
    ] = None,
) -> None:
    """A new key with the same scopes; the old one expires after the overlap."""
    from service.clients import service as clients

    settings = get_settings()
    overlap = overlap_hours * 3600 if overlap_hours is not None else settings.api_key_rotation_overlap_s
    print(
        json.dumps(
            db_call(lambda s: clients.rotate_key(s, key_id, overlap).to_json()).model_dump(mode="json"), indent=2
        )
    )


@key_app.command("revoke")
def key_revoke(key_id: Annotated[str, typer.Argument(help="The key's id.")]) -> None:
    """Revoke a key at once."""
    from service.clients import service as clients

    print(
        json.dumps(db_call(lambda s: clients.key_json(clients.revoke_key(s, key_id))).model_dump(mode="json"), indent=2)
    )


@key_app.command("list")
def key_list(client: Annotated[str, typer.Argument(help="The client's id.")]) -> None:
    """A client's keys with their state (never the keys themselves)."""
    from service.clients import service as clients

    print(json.dumps([k.model_dump(mode="json") for k in db_call(lambda s: clients.list_keys(s, client))], indent=2))


def register(app: typer.Typer) -> None:
    app.add_typer(client_app, name="client")
