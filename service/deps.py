"""FastAPI dependencies: settings, the database session (commit/rollback in one place), storage."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from service.config import Settings
from service.db import Database
from service.storage import Storage


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_db(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


def get_storage(request: Request) -> Storage:
    storage: Storage = request.app.state.storage
    return storage


def get_session(db: Annotated[Database, Depends(get_db)]) -> Iterator[Session]:
    """One unit of work per request: committed when the handler returns, rolled back when it raises."""
    with db.session() as session:
        yield session


SettingsDep = Annotated[Settings, Depends(get_settings)]
DbDep = Annotated[Database, Depends(get_db)]
# scope="function": commit before the response is sent, so a 202 means the job is stored and a commit
# failure is answered (503), not hidden behind an answer already sent
SessionDep = Annotated[Session, Depends(get_session, scope="function")]
StorageDep = Annotated[Storage, Depends(get_storage)]
