"""Fraud signals across submissions (issue 10): screened submissions, their reason codes, the signals

Revision ID: 0006
Revises: 0004 (the integrator re-links it onto 0005, issue 9)
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from service.db import UtcDateTime
from service.verifications.tables import JsonType

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "fraud_submissions",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True, autoincrement=True),
        sa.Column(
            "verification_id",
            sa.String(26),
            sa.ForeignKey("verification_jobs.id", ondelete="CASCADE"),
            nullable=False,
            unique=True,
        ),
        sa.Column("client_id", sa.String(64), nullable=False),
        sa.Column("program", sa.String(64), nullable=True, index=True),
        sa.Column("submitted_at", UtcDateTime(), nullable=False, index=True),
        sa.Column("document_type", sa.String(16), nullable=False),
        sa.Column("region_code", sa.String(4), nullable=True, index=True),
        sa.Column("nik_hash", sa.String(64), nullable=True, index=True),
        sa.Column("claim_nik_hash", sa.String(64), nullable=True, index=True),
        sa.Column("content_hash", sa.String(64), nullable=True, index=True),
        sa.Column("address_key", sa.String(64), nullable=True, index=True),
        sa.Column("rt_rw_key", sa.String(64), nullable=True, index=True),
        sa.Column("card_hash", sa.BigInteger(), nullable=True),
        sa.Column("photo_hash", sa.BigInteger(), nullable=True),
        sa.Column("text_hash", sa.BigInteger(), nullable=True),
        sa.Column("reason_codes", sa.Text(), nullable=False),
    )
    op.create_index("ix_fraud_submissions_client_at", "fraud_submissions", ["client_id", "submitted_at"])
    op.create_table(
        "fraud_reasons",
        sa.Column(
            "verification_id",
            sa.String(26),
            sa.ForeignKey("verification_jobs.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("code", sa.String(64), primary_key=True, index=True),
    )
    op.create_table(
        "fraud_signals",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "verification_id",
            sa.String(26),
            sa.ForeignKey("verification_jobs.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("code", sa.String(40), nullable=False, index=True),
        sa.Column("linked", JsonType, nullable=False),
        sa.Column("detail", sa.String(500), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False, index=True),
        sa.Column("extra", JsonType, nullable=True),
    )


def downgrade() -> None:
    op.drop_table("fraud_signals")
    op.drop_table("fraud_reasons")
    op.drop_index("ix_fraud_submissions_client_at", table_name="fraud_submissions")
    op.drop_table("fraud_submissions")
