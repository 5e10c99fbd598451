"""Language versions: a resolution's texts in several languages and from several sources."""

# - `resolution_versions`: per (resolution, language, source format) the file, its hash, the title,
#   the rendered document, whether it is the one served, and the official XML as read.
#   `resolutions.document`, `source_file`, `source_format` and `text_sha256` move there (the
#   existing rows become the served English version) and leave `resolutions`.
# - `clause_translations`, `footnote_translations`: the clauses and footnotes of the languages other
#   than English, keyed by clause key and footnote number like the English rows.
# - `resolution_events.languages` and `source_switch`: the languages an event's change wrote, and a
#   switch of their served source (a parsed text replaced by the official XML).
#
# Plain CREATE TABLE and ALTER TABLE only: on SQLite a batch-mode copy of `resolutions` would drop
# the table, and with foreign keys on that cascades into every child.
#
# Revision ID: 0007
# Revises: 0006
# Create Date: 2026-12-02 16:05:00.000000

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _timestamps() -> list[sa.Column]:
    return [
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
    ]


def upgrade() -> None:
    op.create_table(
        "resolution_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("resolution_id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("source_format", sa.String(length=16), nullable=False),
        sa.Column("source_file", sa.String(length=500), nullable=False),
        sa.Column("text_sha256", sa.String(length=64), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("document", sa.JSON(), nullable=True),
        sa.Column("served", sa.Boolean(), nullable=False),
        sa.Column("source_xml", sa.LargeBinary(), nullable=True),
        *_timestamps(),
        sa.ForeignKeyConstraint(
            ["resolution_id"],
            ["resolutions.id"],
            name=op.f("fk_resolution_versions_resolution_id_resolutions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_resolution_versions")),
        sa.UniqueConstraint(
            "resolution_id",
            "language",
            "source_format",
            name=op.f("uq_resolution_versions_resolution_id_language_source_format"),
        ),
    )
    op.create_index(
        "ix_resolution_versions_resolution_id_language_served",
        "resolution_versions",
        ["resolution_id", "language", "served"],
    )
    op.create_index(
        op.f("ix_resolution_versions_text_sha256"), "resolution_versions", ["text_sha256"]
    )
    op.create_table(
        "clause_translations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("resolution_id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("number", sa.Integer(), nullable=True),
        sa.Column("label", sa.String(length=16), nullable=True),
        sa.Column("lead", sa.Text(), nullable=True),
        sa.Column("verb", sa.Text(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["resolution_id"],
            ["resolutions.id"],
            name=op.f("fk_clause_translations_resolution_id_resolutions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clause_translations")),
        sa.UniqueConstraint(
            "resolution_id",
            "language",
            "key",
            name=op.f("uq_clause_translations_resolution_id_language_key"),
        ),
    )
    op.create_table(
        "footnote_translations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("resolution_id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["resolution_id"],
            ["resolutions.id"],
            name=op.f("fk_footnote_translations_resolution_id_resolutions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_footnote_translations")),
        sa.UniqueConstraint(
            "resolution_id",
            "language",
            "number",
            name=op.f("uq_footnote_translations_resolution_id_language_number"),
        ),
    )
    op.add_column("resolution_events", sa.Column("languages", sa.JSON(), nullable=True))
    op.add_column(
        "resolution_events", sa.Column("source_switch", sa.String(length=64), nullable=True)
    )
    # Every stored resolution so far was read from an English text, and is its only version.
    op.execute(
        "INSERT INTO resolution_versions (resolution_id, language, source_format, source_file, "
        "text_sha256, title, document, served, created_at, updated_at) "
        "SELECT id, 'en', source_format, source_file, text_sha256, title, document, "
        f"{_true()}, created_at, updated_at FROM resolutions"
    )
    op.drop_index("ix_resolutions_text_sha256", table_name="resolutions")
    for column in ("document", "text_sha256", "source_format", "source_file"):
        op.execute(f"ALTER TABLE resolutions DROP COLUMN {column}")


def downgrade() -> None:
    # NOT NULL columns added to filled rows need a default; the served English version (if
    # any) then gives each row its values back.
    op.execute("ALTER TABLE resolutions ADD COLUMN source_file VARCHAR(500) NOT NULL DEFAULT ''")
    op.execute("ALTER TABLE resolutions ADD COLUMN source_format VARCHAR(16) NOT NULL DEFAULT ''")
    op.execute("ALTER TABLE resolutions ADD COLUMN text_sha256 VARCHAR(64) NOT NULL DEFAULT ''")
    op.execute("ALTER TABLE resolutions ADD COLUMN document JSON")
    for column in ("source_file", "source_format", "text_sha256", "document"):
        op.execute(
            f"UPDATE resolutions SET {column} = (SELECT v.{column} FROM resolution_versions v "
            f"WHERE v.resolution_id = resolutions.id AND v.language = 'en' AND v.served = "
            f"{_true()}) WHERE EXISTS (SELECT 1 FROM resolution_versions v WHERE "
            f"v.resolution_id = resolutions.id AND v.language = 'en' AND v.served = {_true()})"
        )
    if op.get_bind().dialect.name == "postgresql":
        for column in ("source_file", "source_format", "text_sha256"):
            op.execute(f"ALTER TABLE resolutions ALTER COLUMN {column} DROP DEFAULT")
    op.create_index("ix_resolutions_text_sha256", "resolutions", ["text_sha256"])
    op.drop_column("resolution_events", "source_switch")
    op.drop_column("resolution_events", "languages")
    op.drop_table("footnote_translations")
    op.drop_table("clause_translations")
    op.drop_index(op.f("ix_resolution_versions_text_sha256"), table_name="resolution_versions")
    op.drop_index(
        "ix_resolution_versions_resolution_id_language_served", table_name="resolution_versions"
    )
    op.drop_table("resolution_versions")


def _true() -> str:
    # SQLite stores booleans as integers and has no TRUE before 3.23; both read 1 as true.
    return "true" if op.get_bind().dialect.name == "postgresql" else "1"
