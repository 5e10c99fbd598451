"""Full-text search of the clauses of every language."""

# - `clause_translations.search_text`: Chinese cut into words (app.core.segmentation), filled here
#   for the rows already stored; null for the other languages.
# - PostgreSQL: a generated `search_vector` on `clause_translations` with the language's text-search
#   configuration (english, french, spanish, russian, german stemming; `simple` for Arabic and
#   Chinese), over `search_text` where there is one, with a GIN index.
# - SQLite: an FTS5 table `clause_translations_fts` (unicode61, diacritics folded) holding the same
#   text, kept by triggers.
#
# Plain ADD COLUMN and CREATE only: `clause_translations` is never copied.
#
# Revision ID: 0008
# Revises: 0007
# Create Date: 2026-12-02 16:50:00.000000

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from app.core.segmentation import CHINESE, index_words

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The language's configuration; the API's search uses the same (app.services.search).
_CONFIGURATION = (
    "CASE language WHEN 'en' THEN 'english'::regconfig WHEN 'fr' THEN 'french'::regconfig "
    "WHEN 'es' THEN 'spanish'::regconfig WHEN 'ru' THEN 'russian'::regconfig "
    "WHEN 'de' THEN 'german'::regconfig ELSE 'simple'::regconfig END"
)
_INDEXED = "coalesce(search_text, text)"


def upgrade() -> None:
    op.add_column("clause_translations", sa.Column("search_text", sa.Text(), nullable=True))
    bind = op.get_bind()
    rows = bind.execute(
        sa.text("SELECT id, text FROM clause_translations WHERE language = :language"),
        {"language": CHINESE},
    ).all()
    if rows:
        bind.execute(
            sa.text("UPDATE clause_translations SET search_text = :words WHERE id = :id"),
            [{"id": row.id, "words": index_words(row.text)} for row in rows],
        )
    if bind.dialect.name == "postgresql":
        op.execute(
            "ALTER TABLE clause_translations ADD COLUMN search_vector tsvector "
            f"GENERATED ALWAYS AS (to_tsvector({_CONFIGURATION}, {_INDEXED})) STORED"
        )
        op.execute(
            "CREATE INDEX ix_clause_translations_search_vector "
            "ON clause_translations USING gin (search_vector)"
        )
        return
    op.execute(
        "CREATE VIRTUAL TABLE clause_translations_fts USING fts5("
        "body, tokenize='unicode61 remove_diacritics 2')"
    )
    op.execute(
        f"INSERT INTO clause_translations_fts(rowid, body) "
        f"SELECT id, {_INDEXED} FROM clause_translations"
    )
    op.execute(
        "CREATE TRIGGER clause_translations_fts_insert AFTER INSERT ON clause_translations BEGIN "
        "INSERT INTO clause_translations_fts(rowid, body) "
        "VALUES (new.id, coalesce(new.search_text, new.text)); END"
    )
    op.execute(
        "CREATE TRIGGER clause_translations_fts_delete AFTER DELETE ON clause_translations BEGIN "
        "DELETE FROM clause_translations_fts WHERE rowid = old.id; END"
    )
    op.execute(
        "CREATE TRIGGER clause_translations_fts_update "
        "AFTER UPDATE OF text, search_text ON clause_translations BEGIN "
        "DELETE FROM clause_translations_fts WHERE rowid = old.id; "
        "INSERT INTO clause_translations_fts(rowid, body) "
        "VALUES (new.id, coalesce(new.search_text, new.text)); END"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_clause_translations_search_vector")
        op.execute("ALTER TABLE clause_translations DROP COLUMN IF EXISTS search_vector")
    else:
        for trigger in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS clause_translations_fts_{trigger}")
        op.execute("DROP TABLE IF EXISTS clause_translations_fts")
    op.execute("ALTER TABLE clause_translations DROP COLUMN search_text")
