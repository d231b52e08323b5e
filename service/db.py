"""Engine, sessions and migrations. The one place that commits or rolls back.

- `Database.session()` is the unit of work: it commits when the block ends normally and rolls back on any
  exception. The HTTP session dependency (`get_session`) and the workers both go through it; services and
  repositories only `flush()`.
- `migrate()` runs `alembic upgrade head` programmatically, at API start and worker start.
"""

from __future__ import annotations

import fcntl
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import DateTime, Dialect, Engine, TypeDecorator, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


class UtcDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on every backend (SQLite keeps no zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    pass


def make_engine(url: str) -> Engine:
    """`hide_parameters`: an error's text never carries the statement's values (NIK hashes, names, claims)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30}, hide_parameters=True)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
            # WAL lets the API read while a worker writes; both are separate processes on one file.
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.close()

        return engine
    connect_args: dict[str, int] = {}  # the driver's: connect_timeout (s) for PostgreSQL
    if parsed.get_backend_name() == "postgresql":
        connect_args["connect_timeout"] = 3
    return create_engine(
        url, pool_pre_ping=True, pool_size=10, max_overflow=10, connect_args=connect_args, hide_parameters=True
    )


def migrate(engine: Engine) -> None:
    """`alembic upgrade head` on this engine's database."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    database = engine.url.database
    if engine.dialect.name == "sqlite" and database and database != ":memory:":
        # API and worker processes start together: one migrates, the other waits and finds it done.
        with open(f"{database}.migrate.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            _upgrade(engine, cfg)
        return
    _upgrade(engine, cfg)


def _upgrade(engine: Engine, cfg: Any) -> None:
    from alembic import command

    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(7420190311)"))
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


class Database:
    """One engine and session factory per database URL and process."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._migrated = False
        self._lock = threading.Lock()
        # Migrate on a session's first statement, not when it opens: a request with bad input is answered
        # without touching the database, and a database that was down at start is migrated once it is back.
        event.listen(self.sessions, "do_orm_execute", lambda _state: self.ensure_schema())
        event.listen(self.sessions, "before_flush", lambda *_: self.ensure_schema())

    def ensure_schema(self) -> None:
        """Migrate once per process; retried on the next call if the database was unreachable."""
        if self._migrated:
            return
        with self._lock:
            if not self._migrated:
                migrate(self.engine)
                self._migrated = True

    @contextmanager
    def session(self) -> Iterator[Session]:
        session = self.sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def ping(self) -> None:
        with self.engine.connect() as conn:
            conn.execute(text("SELECT 1"))

    def dispose(self) -> None:
        self.engine.dispose()


@lru_cache(maxsize=8)
def database(url: str) -> Database:
    return Database(url)
