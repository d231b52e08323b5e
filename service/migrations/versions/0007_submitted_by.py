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
    with op.batch_alter_table("verification_jobs") as batch:
        batch.add_column(sa.Column("operator", sa.String(64), nullable=True))
        batch.add_column(sa.Column("channel", sa.String(64), nullable=True))
    with op.batch_alter_table("fraud_submissions") as batch:
        batch.add_column(sa.Column("operator_key", sa.String(64), nullable=True))
    op.create_index("ix_fraud_submissions_operator_at", "fraud_submissions", ["operator_key", "submitted_at"])


def downgrade() -> None:
    op.drop_index("ix_fraud_submissions_operator_at", table_name="fraud_submissions")
    with op.batch_alter_table("fraud_submissions") as batch:
        batch.drop_column("operator_key")
    with op.batch_alter_table("verification_jobs") as batch:
        batch.drop_column("channel")
        batch.drop_column("operator")
