"""Full-text search of footnotes and titles in every language."""

# - `footnote_translations.search_text`, `resolution_versions.search_text`: a Chinese footnote's
#   or title's words (app.core.segmentation), filled here for the rows already stored.
# - PostgreSQL: generated `search_vector` columns with GIN indexes on `footnotes` (english),
#   `footnote_translations` and `resolution_versions` (the title; the language's configuration,
#   as in migration 0008).
# - SQLite: FTS5 tables `footnotes_fts` (porter, as `clauses_fts`), `footnote_translations_fts`
#   and `resolution_versions_fts` (unicode61, diacritics folded), filled here, kept by triggers.
#
# Plain ADD COLUMN and CREATE only: no table is copied.
#
# Revision ID: 0009
# Revises: 0008
# Create Date: 2026-12-02 19:00:00.000000

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from app.core.segmentation import CHINESE, index_words

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# As in migration 0008 and app.services.search.CONFIGURATIONS.
_CONFIGURATION = (
    "CASE language WHEN 'en' THEN 'english'::regconfig WHEN 'fr' THEN 'french'::regconfig "
    "WHEN 'es' THEN 'spanish'::regconfig WHEN 'ru' THEN 'russian'::regconfig "
    "WHEN 'de' THEN 'german'::regconfig ELSE 'simple'::regconfig END"
)
_UNICODE = "unicode61 remove_diacritics 2"
# (table, the text it indexes, the tokenizer of its FTS5 table, the PostgreSQL configuration)
_INDEXED = (
    ("footnotes", "text", f"porter {_UNICODE}", "'english'::regconfig"),
    ("footnote_translations", "coalesce(search_text, text)", _UNICODE, _CONFIGURATION),
    ("resolution_versions", "coalesce(search_text, title)", _UNICODE, _CONFIGURATION),
)
# The columns whose change rewrites a row's index entry.
_WATCHED = {
    "footnotes": "text",
    "footnote_translations": "text, search_text",
    "resolution_versions": "title, search_text",
}


def _fill_chinese_words(table: str, column: str) -> None:
    bind = op.get_bind()
    rows = bind.execute(
        sa.text(f"SELECT id, {column} AS text FROM {table} WHERE language = :language"),
        {"language": CHINESE},
    ).all()
    if rows:
        bind.execute(
            sa.text(f"UPDATE {table} SET search_text = :words WHERE id = :id"),
            [{"id": row.id, "words": index_words(row.text)} for row in rows],
        )


def upgrade() -> None:
    op.add_column("footnote_translations", sa.Column("search_text", sa.Text(), nullable=True))
    op.add_column("resolution_versions", sa.Column("search_text", sa.Text(), nullable=True))
    _fill_chinese_words("footnote_translations", "text")
    _fill_chinese_words("resolution_versions", "title")
    if op.get_bind().dialect.name == "postgresql":
        for table, indexed, _, configuration in _INDEXED:
            op.execute(
                f"ALTER TABLE {table} ADD COLUMN search_vector tsvector "
                f"GENERATED ALWAYS AS (to_tsvector({configuration}, {indexed})) STORED"
            )
            op.execute(
                f"CREATE INDEX ix_{table}_search_vector ON {table} USING gin (search_vector)"
            )
        return
    for table, indexed, tokenizer, _ in _INDEXED:
        fts = f"{table}_fts"
        new = _on_row(indexed, "new")
        op.execute(f"CREATE VIRTUAL TABLE {fts} USING fts5(body, tokenize='{tokenizer}')")
        op.execute(f"INSERT INTO {fts}(rowid, body) SELECT id, {indexed} FROM {table}")
        op.execute(
            f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN "
            f"INSERT INTO {fts}(rowid, body) VALUES (new.id, {new}); END"
        )
        op.execute(
            f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN "
            f"DELETE FROM {fts} WHERE rowid = old.id; END"
        )
        op.execute(
            f"CREATE TRIGGER {fts}_update AFTER UPDATE OF {_WATCHED[table]} ON {table} BEGIN "
            f"DELETE FROM {fts} WHERE rowid = old.id; "
            f"INSERT INTO {fts}(rowid, body) VALUES (new.id, {new}); END"
        )


def _on_row(indexed: str, row: str) -> str:
    """`coalesce(search_text, text)` as `coalesce(new.search_text, new.text)`."""
    if indexed.startswith("coalesce("):
        first, second = indexed.removeprefix("coalesce(").removesuffix(")").split(", ")
        return f"coalesce({row}.{first}, {row}.{second})"
    return f"{row}.{indexed}"


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table, *_ in _INDEXED:
            op.execute(f"DROP INDEX IF EXISTS ix_{table}_search_vector")
            op.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS search_vector")
    else:
        for table, *_ in _INDEXED:
            for trigger in ("insert", "delete", "update"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_fts_{trigger}")
            op.execute(f"DROP TABLE IF EXISTS {table}_fts")
    op.execute("ALTER TABLE resolution_versions DROP COLUMN search_text")
    op.execute("ALTER TABLE footnote_translations DROP COLUMN search_text")
