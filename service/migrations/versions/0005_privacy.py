"""Personal data protection (issue 9): processing records (append-only), retention policies, NIK hashes and
purge state on verifications, registry records encrypted, and every existing personal column encrypted.

Existing rows are encrypted here, with the keys of the settings at upgrade time (DOCVERIFY_ENCRYPTION_KEYS,
DOCVERIFY_NIK_HASH_KEY). Stored files are not touched by the migration (it does not know the upload folder):
they stay readable as they are and `docverify privacy reencrypt` seals them.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30
"""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from alembic import op

from service.db import UtcDateTime

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

Json = sa.JSON().with_variant(sa.dialects.postgresql.JSONB(), "postgresql")
RECORD_FIELDS = (
    "nik",
    "name",
    "birth_place",
    "birth_date",
    "sex",
    "blood_type",
    "address",
    "rt_rw",
    "village",
    "district",
    "regency",
    "province",
    "religion",
    "marital_status",
    "occupation",
    "nationality",
)
OLD_TEXT = [
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

PG_GUARD = """
CREATE OR REPLACE FUNCTION processing_records_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'processing_records is append-only (%% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql
"""


def upgrade() -> None:
    from service import crypto

    bind = op.get_bind()
    # plain ALTER TABLE ADD COLUMN (a constant default, no batch): on SQLite a batch would copy and drop
    # verification_jobs, and dropping it deletes the rows of every table that references it (ON DELETE CASCADE)
    op.add_column("verification_jobs", sa.Column("nik_hash", sa.String(64), nullable=True))
    op.add_column("verification_jobs", sa.Column("claim_nik_hash", sa.String(64), nullable=True))
    op.add_column("verification_jobs", sa.Column("detected_type", sa.String(16), nullable=True))
    op.add_column(
        "verification_jobs",
        sa.Column(
            "legal_hold",
            sa.Boolean(create_constraint=False),
            nullable=False,
            server_default="0" if bind.dialect.name == "sqlite" else "false",
        ),
    )
    op.add_column("verification_jobs", sa.Column("purged_at", UtcDateTime(), nullable=True))
    op.create_index("ix_verification_jobs_nik_hash", "verification_jobs", ["nik_hash"])
    op.create_index("ix_verification_jobs_claim_nik_hash", "verification_jobs", ["claim_nik_hash"])
    op.create_index("ix_verification_jobs_purged_at", "verification_jobs", ["purged_at"])

    op.create_table(
        "processing_records",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", UtcDateTime(), nullable=False),
        sa.Column("actor_type", sa.String(16), nullable=False),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("verification_id", sa.String(26), nullable=True),
        sa.Column("client_id", sa.String(64), nullable=True),
        sa.Column("nik_hash", sa.String(64), nullable=True),
        sa.Column("detail", Json, nullable=True),
    )
    for col in ("at", "action", "verification_id", "client_id", "nik_hash"):
        op.create_index(f"ix_processing_records_{col}", "processing_records", [col])
    if bind.dialect.name == "postgresql":
        op.execute(PG_GUARD.replace("%%", "%"))
        op.execute(
            "CREATE TRIGGER processing_records_append_only BEFORE UPDATE OR DELETE ON processing_records "
            "FOR EACH ROW EXECUTE FUNCTION processing_records_append_only()"
        )
    elif bind.dialect.name == "sqlite":
        for op_name in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER processing_records_no_{op_name.lower()} BEFORE {op_name} ON "
                f"processing_records BEGIN SELECT RAISE(ABORT, 'processing_records is append-only'); END"
            )

    op.create_table(
        "retention_policies",
        sa.Column("client_id", sa.String(64), primary_key=True),
        sa.Column("document_type", sa.String(16), primary_key=True),
        sa.Column("days", sa.Integer, nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
    )

    _registry_up(bind)

    from service.privacy.service import backfill_nik_hashes, reencrypt_rows

    reencrypt_rows(bind, crypto.keyring())
    backfill_nik_hashes(bind)


def _registry_up(bind: Any) -> None:
    """registry_records: plaintext columns → keyed hashes + one encrypted `data` column (a new table, filled
    from the old one, then renamed: the same on SQLite and PostgreSQL)."""
    from service import crypto

    ring = crypto.keyring()
    op.create_table(
        "registry_records_v5",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("registry", sa.String(64), sa.ForeignKey("registries.name", ondelete="CASCADE"), nullable=False),
        sa.Column("nik_hash", sa.String(64), nullable=False),
        sa.Column("name_key", sa.String(64), nullable=False),
        sa.Column("birth_key", sa.String(64), nullable=True),
        sa.Column("data", Json, nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
    )
    old = sa.table(
        "registry_records",
        sa.column("id"),
        sa.column("registry"),
        sa.column("name_key"),
        *(sa.column(f) for f in RECORD_FIELDS),
        sa.column("attributes", Json),
        sa.column("updated_at", UtcDateTime()),
    )
    new = sa.table(
        "registry_records_v5",
        sa.column("id"),
        sa.column("registry"),
        sa.column("nik_hash"),
        sa.column("name_key"),
        sa.column("birth_key"),
        sa.column("data", Json),
        sa.column("updated_at", UtcDateTime()),
    )
    last = -1
    while True:
        rows = bind.execute(sa.select(*old.c).where(old.c.id > last).order_by(old.c.id).limit(2000)).all()
        if not rows:
            break
        last = rows[-1].id
        values = []
        for r in rows:
            data: dict[str, Any] = {f: getattr(r, f) for f in RECORD_FIELDS}
            data["attributes"] = r.attributes or {}
            values.append(
                {
                    "id": r.id,
                    "registry": r.registry,
                    "nik_hash": crypto.subject_hash(r.nik),
                    "name_key": crypto.lookup_hash("name_key", r.name_key) if r.name_key else "",
                    "birth_key": crypto.lookup_hash("birth_date", r.birth_date) if r.birth_date else None,
                    "data": ring.encrypt_text(json.dumps(data, ensure_ascii=False, separators=(",", ":"))),
                    "updated_at": r.updated_at,
                }
            )
        bind.execute(sa.insert(new), values)
    op.drop_table("registry_records")
    op.rename_table("registry_records_v5", "registry_records")
    if bind.dialect.name == "postgresql":  # the id sequence continues after the copied ids
        op.execute(
            "SELECT setval(pg_get_serial_sequence('registry_records', 'id'), "
            "COALESCE((SELECT MAX(id) FROM registry_records), 0) + 1, false)"
        )
    op.create_index("uq_registry_records_registry_nik_hash", "registry_records", ["registry", "nik_hash"], unique=True)
    op.create_index("ix_registry_records_birth_key", "registry_records", ["registry", "birth_key"])
    op.create_index("ix_registry_records_name_key", "registry_records", ["registry", "name_key"])


def _registry_down(bind: Any) -> None:
    """Back to plaintext columns (decrypted with the current keys); blocking keys are recomputed."""
    from service import crypto
    from service.registry.matching import name_key

    ring = crypto.keyring()
    op.create_table(
        "registry_records_v4",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("registry", sa.String(64), sa.ForeignKey("registries.name", ondelete="CASCADE"), nullable=False),
        sa.Column("nik", sa.String(16), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("name_key", sa.String(64), nullable=False),
        *[sa.Column(name, sa.String(size), nullable=True) for name, size in OLD_TEXT],
        sa.Column("attributes", Json, nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
    )
    cur = sa.table(
        "registry_records",
        sa.column("id"),
        sa.column("registry"),
        sa.column("data", Json),
        sa.column("updated_at", UtcDateTime()),
    )
    old = sa.table(
        "registry_records_v4",
        sa.column("id"),
        sa.column("registry"),
        sa.column("name_key"),
        *(sa.column(f) for f in RECORD_FIELDS),
        sa.column("attributes", Json),
        sa.column("updated_at", UtcDateTime()),
    )
    last = -1
    while True:
        rows = bind.execute(sa.select(*cur.c).where(cur.c.id > last).order_by(cur.c.id).limit(2000)).all()
        if not rows:
            break
        last = rows[-1].id
        values = []
        for r in rows:
            data = json.loads(ring.decrypt_text(r.data)) if isinstance(r.data, str) else r.data
            values.append(
                {
                    "id": r.id,
                    "registry": r.registry,
                    **{f: data.get(f) for f in RECORD_FIELDS},
                    "name_key": name_key(data.get("name"))[:64],
                    "attributes": data.get("attributes") or {},
                    "updated_at": r.updated_at,
                }
            )
        bind.execute(sa.insert(old), values)
    op.drop_table("registry_records")
    op.rename_table("registry_records_v4", "registry_records")
    op.create_index("uq_registry_records_registry_nik", "registry_records", ["registry", "nik"], unique=True)
    op.create_index("ix_registry_records_birth_date", "registry_records", ["registry", "birth_date"])
    op.create_index("ix_registry_records_name_key", "registry_records", ["registry", "name_key"])


def downgrade() -> None:
    from service import crypto
    from service.privacy.service import ENCRYPTED, decrypt_rows

    bind = op.get_bind()
    decrypt_rows(bind, crypto.keyring(), tables=[t for t in ENCRYPTED if t[0] != "registry_records"])
    _registry_down(bind)
    op.drop_table("retention_policies")
    if bind.dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS processing_records_append_only ON processing_records")
        op.execute("DROP FUNCTION IF EXISTS processing_records_append_only()")
    op.drop_table("processing_records")
    for name in (
        "ix_verification_jobs_nik_hash",
        "ix_verification_jobs_claim_nik_hash",
        "ix_verification_jobs_purged_at",
    ):
        op.drop_index(name, table_name="verification_jobs")
    for col in ("purged_at", "legal_hold", "detected_type", "claim_nik_hash", "nik_hash"):
        # ALTER TABLE DROP COLUMN (SQLite ≥ 3.35), never a batch copy-and-drop (see upgrade)
        op.execute(f"ALTER TABLE verification_jobs DROP COLUMN {col}")
