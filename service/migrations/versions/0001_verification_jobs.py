"""verification jobs and idempotency keys

Revision ID: 0001
Revises:
Create Date: 2026-11-20
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

from service.db import UtcDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

Json = sa.JSON().with_variant(JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "verification_jobs",
        sa.Column("id", sa.String(26), primary_key=True),
        sa.Column("client_id", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("decision", sa.String(16), nullable=True),
        sa.Column("document_type", sa.String(16), nullable=False),
        sa.Column("claim", Json, nullable=True),
        sa.Column("registry", sa.String(64), nullable=True),
        sa.Column("callback_url", sa.String(2048), nullable=True),
        sa.Column("files", Json, nullable=False),
        sa.Column("pages", sa.Integer, nullable=False),
        sa.Column("result", Json, nullable=True),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("error_code", sa.String(64), nullable=True),
        sa.Column("error_message", sa.Text, nullable=True),
        sa.Column("idempotency_key", sa.String(255), nullable=True),
        sa.Column("request_hash", sa.String(64), nullable=True),
        sa.Column("lease", sa.String(32), nullable=True),
        sa.Column("worker", sa.String(128), nullable=True),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.Column("enqueued_at", UtcDateTime(), nullable=True),
        sa.Column("started_at", UtcDateTime(), nullable=True),
        sa.Column("heartbeat_at", UtcDateTime(), nullable=True),
        sa.Column("completed_at", UtcDateTime(), nullable=True),
        sa.UniqueConstraint("client_id", "idempotency_key", name="uq_verification_jobs_client_key"),
    )
    op.create_index("ix_verification_jobs_client_id", "verification_jobs", ["client_id"])
    op.create_index("ix_verification_jobs_status", "verification_jobs", ["status"])
    op.create_index("ix_verification_jobs_decision", "verification_jobs", ["decision"])
    op.create_index("ix_verification_jobs_created_at", "verification_jobs", ["created_at"])
    op.create_table(
        "idempotency_keys",
        sa.Column("client_id", sa.String(64), primary_key=True),
        sa.Column("key", sa.String(255), primary_key=True),
        sa.Column("request_hash", sa.String(64), nullable=False),
        sa.Column("job_id", sa.String(26), sa.ForeignKey("verification_jobs.id", ondelete="CASCADE"), nullable=True),
        sa.Column("created_at", UtcDateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("idempotency_keys")
    op.drop_table("verification_jobs")
