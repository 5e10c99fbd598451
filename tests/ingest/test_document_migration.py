"""Migration 0002 (the stored document, longer organization kinds) keeps existing data both ways."""

from __future__ import annotations

from alembic import command
from sqlalchemy import Connection, Engine, text

from tests.databases import alembic_config, engine_for

LINKS = """
    SELECT
        (SELECT parent_id FROM organizations WHERE key = 'unmas'),
        (SELECT organization_id FROM iacg_listings),
        (SELECT organization_id FROM organization_citations),
        (SELECT count(*) FROM clauses)
"""


def migrate_to(engine: Engine, revision: str) -> None:
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        if revision in {"0001", "0006"}:
            command.downgrade(config, revision)
        else:
            command.upgrade(config, revision)


def seed(connection: Connection) -> None:
    connection.execute(
        text(
            "INSERT INTO organizations (id, key, name, aliases, kind) VALUES "
            "(1, 'dpko', 'Department of Peacekeeping Operations', '[]', 'un-secretariat'), "
            "(2, 'unmas', 'United Nations Mine Action Service', '[]', 'un-secretariat')"
        )
    )
    connection.execute(text("UPDATE organizations SET parent_id = 1 WHERE id = 2"))
    connection.execute(
        text(
            "INSERT INTO resolutions (id, symbol, slug, body, session, number, title, "
            "source_file, source_format, text_sha256) VALUES (1, 'A/RES/68/72', 'A-RES-68-72', "
            "'General Assembly', 68, 72, 'Assistance in mine action', 'a.txt', 'pdf-text', 'x')"
        )
    )
    connection.execute(
        text(
            "INSERT INTO clauses (id, resolution_id, position, key, kind, text) "
            "VALUES (1, 1, 1, 'pp.6', 'preambular', 'Recognizing ...')"
        )
    )
    connection.execute(
        text(
            "INSERT INTO iacg_listings (resolution_id, organization_id, name, role, position) "
            "VALUES (1, 2, 'United Nations Mine Action Service', 'member', 1)"
        )
    )
    connection.execute(
        text(
            "INSERT INTO organization_citations (resolution_id, clause_id, organization_id, "
            "mention) VALUES (1, 1, 2, 'United Nations Mine Action Service')"
        )
    )


def test_upgrade_and_downgrade_keep_links_to_organizations(fresh_database_url: str) -> None:
    engine = engine_for(fresh_database_url)
    try:
        migrate_to(engine, "0001")
        with engine.begin() as connection:
            seed(connection)

        migrate_to(engine, "head")

        with engine.begin() as connection:
            assert tuple(connection.execute(text(LINKS)).one()) == (1, 2, 2, 1)
            # The row's source became its served English version (migration 0007), no document.
            version = connection.execute(
                text(
                    "SELECT resolution_id, language, source_format, source_file, text_sha256, "
                    "title, served, document FROM resolution_versions"
                )
            ).one()
            assert tuple(version[:6]) == (
                1,
                "en",
                "pdf-text",
                "a.txt",
                "x",
                "Assistance in mine action",
            )
            assert bool(version.served) is True
            assert version.document is None
            connection.execute(
                text("UPDATE organizations SET kind = :kind WHERE key = 'dpko'"),
                {"kind": "international-financial-institution"},
            )
            connection.execute(text("UPDATE organizations SET kind = NULL WHERE key = 'dpko'"))

        migrate_to(engine, "0006")
        with engine.begin() as connection:
            back = connection.execute(
                text("SELECT source_format, source_file, text_sha256, document FROM resolutions")
            ).one()
            assert tuple(back) == ("pdf-text", "a.txt", "x", None)

        migrate_to(engine, "0001")

        with engine.begin() as connection:
            assert tuple(connection.execute(text(LINKS)).one()) == (1, 2, 2, 1)
    finally:
        engine.dispose()
