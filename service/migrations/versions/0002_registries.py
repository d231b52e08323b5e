"""registries, registry records, imports and eligibility programs

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

from service.db import UtcDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

Json = sa.JSON().with_variant(JSONB(), "postgresql")


def upgrade() -> None:
    op.add_column("verification_jobs", sa.Column("program", sa.String(64), nullable=True))
    op.create_table(
        "registries",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("record_count", sa.Integer, nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("imported_at", UtcDateTime(), nullable=True),
    )
    text_columns = [
        ("birth_place", 100),
        ("birth_date", 10),
        ("sex", 16),
        ("blood_type", 4),
        ("address", 300),
        ("rt_rw", 32),
        ("village", 100),
        ("district", 100),
        ("regency", 100),
        ("province", 100),
        ("religion", 64),
        ("marital_status", 32),
        ("occupation", 100),
        ("nationality", 8),
    ]
    op.create_table(
        "registry_records",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("registry", sa.String(64), sa.ForeignKey("registries.name", ondelete="CASCADE"), nullable=False),
        sa.Column("nik", sa.String(16), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("name_key", sa.String(64), nullable=False),
        *[sa.Column(name, sa.String(size), nullable=True) for name, size in text_columns],
        sa.Column("attributes", Json, nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.UniqueConstraint("registry", "nik", name="uq_registry_records_registry_nik"),
    )
    op.create_index("ix_registry_records_birth_date", "registry_records", ["registry", "birth_date"])
    op.create_index("ix_registry_records_name_key", "registry_records", ["registry", "name_key"])
    op.create_table(
        "registry_imports",
        sa.Column("id", sa.String(26), primary_key=True),
        sa.Column("registry", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("rows", sa.Integer, nullable=False),
        sa.Column("inserted", sa.Integer, nullable=False),
        sa.Column("updated", sa.Integer, nullable=False),
        sa.Column("skipped", sa.Integer, nullable=False),
        sa.Column("errors", Json, nullable=False),
        sa.Column("started_at", UtcDateTime(), nullable=False),
        sa.Column("finished_at", UtcDateTime(), nullable=True),
    )
    op.create_index("ix_registry_imports_registry", "registry_imports", ["registry"])
    op.create_table(
        "programs",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("registry", sa.String(64), nullable=False),
        sa.Column("description", sa.Text, nullable=True),
        sa.Column("rules", Json, nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("programs")
    op.drop_table("registry_imports")
    op.drop_table("registry_records")
    op.drop_table("registries")
    with op.batch_alter_table("verification_jobs") as batch:
        batch.drop_column("program")
