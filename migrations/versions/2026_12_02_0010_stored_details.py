"""Every resolution detail stored as the bytes the API sends (`stored_details`)."""

# Empty after the upgrade: the API renders each detail live until it has its row. Fill it with
# `python -m app.ingest --render-only` (the bundled corpus: under a second; 25,000 resolutions
# in six languages: some minutes), which a deploy runs after `alembic upgrade head`.
#
# Revision ID: 0010
# Revises: 0009
# Create Date: 2026-12-02 19:10:00.000000

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "stored_details",
        sa.Column("slug", sa.String(length=64), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("resolution_id", sa.Integer(), nullable=False),
        sa.Column("format", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("body", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["resolution_id"],
            ["resolutions.id"],
            name=op.f("fk_stored_details_resolution_id_resolutions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("slug", "language", name=op.f("pk_stored_details")),
    )
    op.create_index(
        op.f("ix_stored_details_resolution_id"), "stored_details", ["resolution_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_stored_details_resolution_id"), table_name="stored_details")
    op.drop_table("stored_details")
