"""Who submitted a verification: the optional `operator` and `channel` of POST /v1/verifications, and the
keyed operator hash the fraud burst signal counts by (bursts per applicant NIK or per operator, never per
client alone)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # ADD COLUMN in place, never a batch copy: on SQLite a batch copy drops verification_jobs, and dropping it
    # deletes the rows of every table that references it (ON DELETE CASCADE; see 0005)
    op.add_column("verification_jobs", sa.Column("operator", sa.String(64), nullable=True))
    op.add_column("verification_jobs", sa.Column("channel", sa.String(64), nullable=True))
    op.add_column("fraud_submissions", sa.Column("operator_key", sa.String(64), nullable=True))
    op.create_index("ix_fraud_submissions_operator_at", "fraud_submissions", ["operator_key", "submitted_at"])


def downgrade() -> None:
    op.drop_index("ix_fraud_submissions_operator_at", table_name="fraud_submissions")
    # ALTER TABLE DROP COLUMN (SQLite >= 3.35, PostgreSQL), for the same reason
    op.execute("ALTER TABLE fraud_submissions DROP COLUMN operator_key")
    for column in ("channel", "operator"):
        op.execute(f"ALTER TABLE verification_jobs DROP COLUMN {column}")
