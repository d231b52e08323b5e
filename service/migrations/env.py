"""Alembic environment: a connection handed in by service.db.migrate, or one made from the settings."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from service.clients import tables as client_tables  # noqa: F401  (registers the tables on Base.metadata)
from service.db import Base, make_engine
from service.fraud import tables as fraud_tables  # noqa: F401
from service.registry import tables as registry_tables  # noqa: F401
from service.review import tables as review_tables  # noqa: F401
from service.verifications import tables  # noqa: F401

target_metadata = Base.metadata


def run(connection: Connection) -> None:
    context.configure(
        connection=connection, target_metadata=target_metadata, render_as_batch=connection.dialect.name == "sqlite"
    )
    with context.begin_transaction():
        context.run_migrations()


def main() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        run(connection)
        return
    from service.config import get_settings

    engine = make_engine(get_settings().sqlalchemy_url)
    with engine.begin() as conn:
        run(conn)


if context.is_offline_mode():  # pragma: no cover
    raise SystemExit("offline migrations are not supported; run against a database")
main()
