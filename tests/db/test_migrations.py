"""The migrations build the schema the models describe, on SQLite and PostgreSQL, and undo it."""

from __future__ import annotations

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

import app.db.models  # noqa: F401
from app.db.base import Base, include_in_model_comparison
from tests.databases import alembic_config, engine_for

EXPECTED_TABLES = {
    "resolutions",
    "clauses",
    "footnotes",
    "clause_footnotes",
    "treaties",
    "organizations",
    "resolution_citations",
    "document_citations",
    "treaty_citations",
    "organization_citations",
    "iacg_listings",
    "follow_ups",
    "resolution_events",
    "member_states",
    "votes",
    "sponsorships",
    "subjects",
    "resolution_subjects",
}


# SQLAlchemy cannot reflect expression indexes from SQLite (it says so and skips them), so
# autogenerate cannot compare them there: test_expression_indexes checks them instead.
@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index")
def test_upgrade_matches_models_and_downgrade_removes_everything(fresh_database_url: str) -> None:
    engine = engine_for(fresh_database_url)
    try:
        tables = set(inspect(engine).get_table_names())
        assert tables >= EXPECTED_TABLES

        with engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"include_name": include_in_model_comparison, "compare_type": True}
            )
            head = ScriptDirectory.from_config(alembic_config()).get_current_head()
            assert context.get_current_revision() == head
            assert compare_metadata(context, Base.metadata) == []

        config = alembic_config()
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "base")
        leftover = set(inspect(engine).get_table_names()) - {"alembic_version"}
        assert leftover == set()
    finally:
        engine.dispose()


def test_full_text_search_structures_exist(fresh_database_url: str, backend: str) -> None:
    engine = engine_for(fresh_database_url)
    try:
        inspector = inspect(engine)
        if backend == "postgresql":
            columns = {c["name"] for c in inspector.get_columns("clauses")}
            assert "search_vector" in columns
            indexes = {index["name"] for index in inspector.get_indexes("clauses")}
            assert "ix_clauses_search_vector" in indexes
            columns = {c["name"] for c in inspector.get_columns("clause_translations")}
            assert {"search_vector", "search_text"} <= columns
            indexes = {index["name"] for index in inspector.get_indexes("clause_translations")}
            assert "ix_clause_translations_search_vector" in indexes
        else:
            assert {"clauses_fts", "clause_translations_fts"} <= set(inspector.get_table_names())
    finally:
        engine.dispose()


def test_expression_indexes(fresh_database_url: str) -> None:
    """The lower-cased verb and lead indexes exist as the models define them, on both backends."""
    engine = engine_for(fresh_database_url)
    try:
        with engine.connect() as connection:
            if engine.dialect.name == "sqlite":
                query = "SELECT name, sql FROM sqlite_master WHERE type = 'index'"
            else:
                query = "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'clauses'"
            definitions = {row[0]: row[1] for row in connection.execute(text(query))}
    finally:
        engine.dispose()
    for column in ("verb", "lead"):
        definition = definitions[f"ix_clauses_{column}_lower"].lower()
        assert f"lower({column})" in definition.replace("(" + column + ")::text", column)
        if engine.dialect.name == "postgresql":
            assert f"include ({column})" in definition
        assert f"ix_clauses_{column}" not in definitions


def test_large_values_are_compressed_with_lz4_on_postgresql(fresh_database_url: str) -> None:
    engine = engine_for(fresh_database_url)
    if engine.dialect.name != "postgresql":
        engine.dispose()
        pytest.skip("column compression is a PostgreSQL setting")
    try:
        with engine.connect() as connection:
            compression = dict(
                connection.execute(
                    text(
                        "SELECT c.relname || '.' || a.attname, a.attcompression "
                        "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
                        "WHERE c.relname IN ('resolution_versions', 'stored_details') "
                        "AND a.attname IN ('document', 'source_xml', 'body')"
                    )
                ).all()
            )
    finally:
        engine.dispose()
    assert compression == {
        "resolution_versions.document": "l",
        "resolution_versions.source_xml": "l",
        "stored_details.body": "l",
    }
