"""Migration 0003 (the change feed's events, each resolution's predecessor) on existing data,
both ways, on SQLite and PostgreSQL."""

from __future__ import annotations

import json

from alembic import command
from sqlalchemy import Engine, inspect, text

from app.config import CORPUS_DIR
from app.reference import load_gazetteer
from app.renderings.document import render_document
from app.sources.text import parse_resolution
from tests.databases import alembic_config, engine_for

INSERT = text(
    "INSERT INTO resolutions (id, symbol, slug, body, session, number, title, source_file, "
    "source_format, text_sha256, document, created_at, updated_at) VALUES (:id, :symbol, "
    ":slug, 'General Assembly', :session, :number, 'Assistance in mine action', 'a.txt', "
    "'pdf-text', :sha, :document, :created_at, :updated_at)"
)


def migrate(engine: Engine, revision: str, *, down: bool = False) -> None:
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        if down:
            command.downgrade(config, revision)
        else:
            command.upgrade(config, revision)


def test_existing_resolutions_get_their_events_and_predecessors(fresh_database_url: str) -> None:
    gazetteer = load_gazetteer()
    source = (CORPUS_DIR / "mine-action" / "A_RES_72_75.txt").read_text(encoding="utf-8")
    document = render_document(parse_resolution(source, gazetteer=gazetteer), gazetteer)
    engine = engine_for(fresh_database_url)
    try:
        migrate(engine, "0002", down=True)
        with engine.begin() as connection:
            connection.execute(
                INSERT,
                [
                    {
                        "id": 1,
                        "symbol": "A/RES/72/75",
                        "slug": "A-RES-72-75",
                        "session": 72,
                        "number": 75,
                        "sha": "a",
                        "document": json.dumps(document),
                        "created_at": "2026-01-01 10:00:00",
                        "updated_at": "2026-02-01 10:00:00",
                    },
                    {
                        # Loaded before documents were stored: no predecessor until re-ingested.
                        "id": 2,
                        "symbol": "A/RES/76/74",
                        "slug": "A-RES-76-74",
                        "session": 76,
                        "number": 74,
                        "sha": "b",
                        "document": None,
                        "created_at": "2026-01-02 10:00:00",
                        "updated_at": "2026-01-02 10:00:00",
                    },
                ],
            )

        migrate(engine, "head")

        with engine.begin() as connection:
            predecessors = connection.execute(
                text("SELECT symbol, previous_symbol FROM resolutions ORDER BY id")
            ).all()
            assert [tuple(row) for row in predecessors] == [
                ("A/RES/72/75", "A/RES/70/80"),
                ("A/RES/76/74", None),
            ]
            events = connection.execute(
                text("SELECT action, symbol, slug FROM resolution_events ORDER BY occurred_at, id")
            ).all()
            assert [tuple(row) for row in events] == [
                ("created", "A/RES/72/75", "A-RES-72-75"),
                ("created", "A/RES/76/74", "A-RES-76-74"),
                ("updated", "A/RES/72/75", "A-RES-72-75"),
            ]

        migrate(engine, "0002", down=True)

        inspector = inspect(engine)
        assert "resolution_events" not in inspector.get_table_names()
        columns = {column["name"] for column in inspector.get_columns("resolutions")}
        assert "previous_symbol" not in columns
        with engine.begin() as connection:
            assert connection.execute(text("SELECT count(*) FROM resolutions")).scalar() == 2
    finally:
        engine.dispose()
