"""clerk review UI: accounts, sessions, review cases, audit, corrections; verification events outbox

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

from service.db import UtcDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

Json = sa.JSON().with_variant(JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "review_users",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("username", sa.String(64), nullable=False, unique=True),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("failed_logins", sa.Integer, nullable=False),
        sa.Column("locked_until", UtcDateTime(), nullable=True),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("last_login_at", UtcDateTime(), nullable=True),
    )
    op.create_table(
        "review_sessions",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("review_users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("csrf_token", sa.String(64), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("expires_at", UtcDateTime(), nullable=False),
    )
    op.create_index("ix_review_sessions_user_id", "review_sessions", ["user_id"])
    op.create_index("ix_review_sessions_expires_at", "review_sessions", ["expires_at"])
    op.create_table(
        "review_cases",
        sa.Column(
            "verification_id",
            sa.String(26),
            sa.ForeignKey("verification_jobs.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("document_type", sa.String(16), nullable=False),
        sa.Column("province_code", sa.String(2), nullable=True),
        sa.Column("reason_codes", sa.Text, nullable=False),
        sa.Column("state", sa.String(24), nullable=False),
        sa.Column("reviewer", sa.String(64), nullable=True),
        sa.Column("reviewed_at", UtcDateTime(), nullable=True),
    )
    op.create_index("ix_review_cases_state_created", "review_cases", ["state", "created_at"])
    op.create_table(
        "review_audit",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", UtcDateTime(), nullable=False),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("role", sa.String(16), nullable=True),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("verification_id", sa.String(26), nullable=True),
        sa.Column("before", Json, nullable=True),
        sa.Column("after", Json, nullable=True),
        sa.Column("client_ip", sa.String(64), nullable=True),
    )
    op.create_index("ix_review_audit_at", "review_audit", ["at"])
    op.create_index("ix_review_audit_actor", "review_audit", ["actor"])
    op.create_index("ix_review_audit_action", "review_audit", ["action"])
    op.create_index("ix_review_audit_verification_id", "review_audit", ["verification_id"])
    op.create_table(
        "review_corrections",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "verification_id", sa.String(26), sa.ForeignKey("verification_jobs.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("document_type", sa.String(16), nullable=False),
        sa.Column("field", sa.String(64), nullable=False),
        sa.Column("read_value", sa.Text, nullable=True),
        sa.Column("corrected_value", sa.Text, nullable=True),
        sa.Column("confidence", sa.Float, nullable=True),
        sa.Column("bbox", Json, nullable=True),
        sa.Column("page", sa.Integer, nullable=True),
        sa.Column("pipeline_version", sa.String(32), nullable=True),
        sa.Column("registry_score_before", sa.Float, nullable=True),
        sa.Column("registry_score_after", sa.Float, nullable=True),
        sa.Column("reviewer", sa.String(64), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
    )
    op.create_index("ix_review_corrections_verification_id", "review_corrections", ["verification_id"])
    op.create_table(
        "verification_events",
        sa.Column("id", sa.String(26), primary_key=True),
        sa.Column(
            "verification_id", sa.String(26), sa.ForeignKey("verification_jobs.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("type", sa.String(64), nullable=False),
        sa.Column("callback_url", sa.String(2048), nullable=True),
        sa.Column("payload", Json, nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("delivered_at", UtcDateTime(), nullable=True),
    )
    op.create_index("ix_verification_events_verification_id", "verification_events", ["verification_id"])
    op.create_index("ix_verification_events_created_at", "verification_events", ["created_at"])


def downgrade() -> None:
    op.drop_table("verification_events")
    op.drop_table("review_corrections")
    op.drop_table("review_audit")
    op.drop_table("review_cases")
    op.drop_table("review_sessions")
    op.drop_table("review_users")
