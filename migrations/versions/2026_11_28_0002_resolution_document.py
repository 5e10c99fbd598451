"""Store each resolution's rendered JSON document (`resolutions.document`), filled by the ingest.

The API serves the stored document instead of assembling it from a dozen tables per request.
Existing rows get NULL until the next ingest renders them (`python -m app.ingest --force`).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 02:10:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Adding a nullable column needs no table copy: batch mode emits a plain ALTER TABLE on SQLite.
    with op.batch_alter_table("resolutions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("document", sa.JSON(), nullable=True))


def downgrade() -> None:
    # Not batch mode on SQLite: its table copy drops `resolutions`, and with foreign keys on
    # that cascades to every clause and citation. SQLite 3.35+ drops a plain column in place.
    op.drop_column("resolutions", "document")
