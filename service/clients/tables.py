"""Tables of API clients and their keys. A key's secret is stored only as a SHA-256 digest."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from service.db import Base, UtcDateTime, utcnow


class ApiClient(Base):
    """A front-office system. Its id is the `client_id` every verification job is scoped by."""

    __tablename__ = "api_clients"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    # whsec_<base64>: signs this client's webhooks. Kept usable (a signer needs the secret itself), unlike keys.
    webhook_secret: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    disabled_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class ApiKey(Base):
    """One key of a client: `dvk_<id>_<secret>`; the id is looked up, the secret compared by digest."""

    __tablename__ = "api_keys"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    client_id: Mapped[str] = mapped_column(String(64), ForeignKey("api_clients.id", ondelete="CASCADE"), index=True)
    name: Mapped[str | None] = mapped_column(String(64))  # a label for people ("frontoffice-prod")
    scopes: Mapped[str] = mapped_column(String(64))  # space separated: submit read admin
    secret_hash: Mapped[str] = mapped_column(String(64))  # hex sha256 of the whole key
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    expires_at: Mapped[datetime | None] = mapped_column(UtcDateTime())  # set on rotation (overlap) or creation
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    replaced_by: Mapped[str | None] = mapped_column(String(32))  # the key that rotated this one out
