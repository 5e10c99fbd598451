"""Store each resolution's rendered JSON document; make room for longer organization kinds."""

# - `resolutions.document`: the document the API serves, rendered by the ingest job instead of
#   assembled from a dozen tables per request. Existing rows get NULL until they are ingested again
#   (`python -m app.ingest --force data/corpus`).
# - an index on `resolutions.text_sha256`: a rerun recognises an unchanged file by its hash alone,
#   without parsing it.
# - `organizations.kind` 32 -> 64 characters: the gazetteer's longest kind,
#   `international-financial-institution`, has 35.
#
# Revision ID: 0002
# Revises: 0001
# Create Date: 2026-11-28 02:10:00.000000

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Columns that point at an organization; see _alter_organization_kind.
_ORGANIZATION_REFERENCES = (
    ("organizations", "parent_id"),
    ("iacg_listings", "organization_id"),
    ("organization_citations", "organization_id"),
)


def upgrade() -> None:
    # A nullable column and an index need no table copy: batch mode emits plain ALTER TABLE
    # and CREATE INDEX on SQLite.
    with op.batch_alter_table("resolutions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("document", sa.JSON(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_resolutions_text_sha256"), ["text_sha256"], unique=False
        )
    _alter_organization_kind(sa.String(length=64), existing=sa.String(length=32))


def downgrade() -> None:
    _alter_organization_kind(sa.String(length=32), existing=sa.String(length=64))
    op.drop_index(op.f("ix_resolutions_text_sha256"), table_name="resolutions")
    # Not batch mode on SQLite: its table copy drops `resolutions`, and with foreign keys on
    # that cascades to every clause and citation. SQLite 3.35+ drops a plain column in place.
    op.drop_column("resolutions", "document")


def _alter_organization_kind(type_: sa.String, *, existing: sa.String) -> None:
    if op.get_bind().dialect.name != "sqlite":
        op.alter_column(
            "organizations",
            "kind",
            type_=type_,
            existing_type=existing,
            existing_nullable=True,
            postgresql_using=f"left(kind, {type_.length})",
        )
        return
    # SQLite changes a column type by copying the table and dropping the old one. With foreign
    # keys on (they are, and cannot be switched off inside the migration's transaction) the
    # drop sets every reference to an organization to NULL, so keep them aside and restore them.
    for table, column in _ORGANIZATION_REFERENCES:
        op.execute(
            f"CREATE TEMP TABLE saved_{table} AS "
            f"SELECT id, {column} AS ref FROM {table} WHERE {column} IS NOT NULL"
        )
    with op.batch_alter_table("organizations", schema=None) as batch_op:
        batch_op.alter_column("kind", type_=type_, existing_type=existing, existing_nullable=True)
    for table, column in _ORGANIZATION_REFERENCES:
        op.execute(
            f"UPDATE {table} SET {column} = "
            f"(SELECT ref FROM saved_{table} WHERE saved_{table}.id = {table}.id) "
            f"WHERE id IN (SELECT id FROM saved_{table})"
        )
        op.execute(f"DROP TABLE saved_{table}")
