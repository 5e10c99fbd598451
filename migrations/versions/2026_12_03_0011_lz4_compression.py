"""PostgreSQL compresses the large values (documents, source XML, stored details) with LZ4."""

# Values over about 2 kB are compressed as they are written; PostgreSQL's own pglz took a
# third of the time of writing a resolution's version row and half of a stored detail's, LZ4
# a fraction of that for a few percent more bytes. Rows written before keep their compression
# until rewritten (both are read alike). Nothing to do on SQLite, nor on a server built
# without LZ4 (or older than PostgreSQL 14), which keeps pglz.
#
# Revision ID: 0011
# Revises: 0010
# Create Date: 2026-12-03 08:40:00.000000

from collections.abc import Sequence

from alembic import op
from sqlalchemy import text

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = (
    ("resolution_versions", "document"),
    ("resolution_versions", "source_xml"),
    ("stored_details", "body"),
)


def _has_lz4() -> bool:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return False
    found = bind.execute(
        text(
            "SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' "
            "AND 'lz4' = ANY(enumvals)"
        )
    ).first()
    return found is not None


def upgrade() -> None:
    if _has_lz4():
        for table, column in COLUMNS:
            op.execute(f"ALTER TABLE {table} ALTER COLUMN {column} SET COMPRESSION lz4")


def downgrade() -> None:
    if _has_lz4():
        for table, column in COLUMNS:
            op.execute(f"ALTER TABLE {table} ALTER COLUMN {column} SET COMPRESSION default")
