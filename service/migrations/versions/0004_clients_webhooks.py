"""API clients and keys; webhook delivery state on verification events

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from service.db import UtcDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

EVENT_COLUMNS = (
    "client_id",
    "status",
    "retry_from",
    "next_attempt_at",
    "lease",
    "locked_until",
    "last_attempt_at",
    "last_status_code",
    "last_error",
    "dead_at",
)


def upgrade() -> None:
    op.create_table(
        "api_clients",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("webhook_secret", sa.String(128), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("disabled_at", UtcDateTime(), nullable=True),
    )
    op.create_table(
        "api_keys",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("client_id", sa.String(64), sa.ForeignKey("api_clients.id", ondelete="CASCADE"), nullable=False),
        sa.Column("name", sa.String(64), nullable=True),
        sa.Column("scopes", sa.String(64), nullable=False),
        sa.Column("secret_hash", sa.String(64), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("expires_at", UtcDateTime(), nullable=True),
        sa.Column("revoked_at", UtcDateTime(), nullable=True),
        sa.Column("replaced_by", sa.String(32), nullable=True),
    )
    op.create_index("ix_api_keys_client_id", "api_keys", ["client_id"])
    with op.batch_alter_table("verification_events") as batch:
        batch.add_column(sa.Column("client_id", sa.String(64), nullable=True))
        batch.add_column(sa.Column("status", sa.String(16), nullable=False, server_default="pending"))
        batch.add_column(sa.Column("retry_from", UtcDateTime(), nullable=True))
        batch.add_column(sa.Column("next_attempt_at", UtcDateTime(), nullable=True))
        batch.add_column(sa.Column("lease", sa.String(32), nullable=True))
        batch.add_column(sa.Column("locked_until", UtcDateTime(), nullable=True))
        batch.add_column(sa.Column("last_attempt_at", UtcDateTime(), nullable=True))
        batch.add_column(sa.Column("last_status_code", sa.Integer, nullable=True))
        batch.add_column(sa.Column("last_error", sa.String(500), nullable=True))
        batch.add_column(sa.Column("dead_at", UtcDateTime(), nullable=True))
    # events written before this revision: their client, and whether there is anything to deliver
    op.execute(
        "UPDATE verification_events SET client_id = (SELECT j.client_id FROM verification_jobs j "
        "WHERE j.id = verification_events.verification_id)"
    )
    op.execute(
        "UPDATE verification_events SET status = CASE WHEN delivered_at IS NOT NULL THEN 'delivered' "
        "WHEN callback_url IS NULL THEN 'skipped' ELSE 'pending' END, "
        "retry_from = created_at, next_attempt_at = created_at"
    )
    op.create_index("ix_verification_events_client_id", "verification_events", ["client_id"])
    op.create_index("ix_verification_events_due", "verification_events", ["status", "next_attempt_at"])


def downgrade() -> None:
    op.drop_index("ix_verification_events_due", "verification_events")
    op.drop_index("ix_verification_events_client_id", "verification_events")
    with op.batch_alter_table("verification_events") as batch:
        for column in EVENT_COLUMNS:
            batch.drop_column(column)
    op.drop_index("ix_api_keys_client_id", "api_keys")
    op.drop_table("api_keys")
    op.drop_table("api_clients")
