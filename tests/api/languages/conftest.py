"""The API on the bundled mine-action family in six languages: the UN's AKN4UN XML (sessions 74
to 80, with the data extract) and the parsed texts of the earlier resolutions, loaded with the
real ingest once per backend."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from app.config import CORPUS_DIR, Settings
from app.ingest import run_ingest
from app.ingest.inputs import discover_inputs, read_extracts
from app.main import create_app
from app.reference import load_gazetteer
from app.sources.text import parse_resolution
from tests.databases import PostgresDatabases, engine_for, migrate, sqlite_url

FAMILY = [CORPUS_DIR / "akn-mine-family", CORPUS_DIR / "mine-action"]
# 28 resolutions in the official XML in six languages, and three parsed English texts, one of
# which (76/74) the XML supersedes.
RESOLUTIONS = 30


def ingest_family(url: str) -> None:
    gazetteer = load_gazetteer()
    inputs = discover_inputs(FAMILY)
    extracts, refused = read_extracts(inputs.extracts)
    assert not inputs.refused
    assert not refused
    engine = engine_for(url)
    try:
        summary = run_ingest(
            inputs.documents,
            extracts=extracts,
            engine=engine,
            gazetteer=gazetteer,
            parse=lambda text: parse_resolution(text, gazetteer=gazetteer),
        )
    finally:
        engine.dispose()
    assert summary.ok, summary.to_text()


@pytest.fixture(scope="session")
def family_url(
    backend: str, request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> str:
    if backend == "sqlite":
        url = sqlite_url(tmp_path_factory.mktemp("family"))
        engine = engine_for(url)
        migrate(engine)
        engine.dispose()
    else:
        databases: PostgresDatabases = request.getfixturevalue("postgres_databases")
        url = databases.create().render_as_string(hide_password=False)
    ingest_family(url)
    return url


@pytest.fixture(scope="session")
def family(family_url: str) -> Iterator[TestClient]:
    """A client of the app serving the family in every language."""
    with TestClient(create_app(Settings(database_url=family_url))) as client:
        yield client
