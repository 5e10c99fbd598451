"""The API on the real bundled corpus: one ingested database per backend, one client on each."""

# The corpus is loaded with the real ingest job (`run_ingest`, the real parser and gazetteer), once
# per backend for the whole session; API tests only read, so they share it.

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, event
from sqlalchemy.engine import make_url

from app.api.render_cache.cache import RenderedCache
from app.api.state import state_of
from app.config import Settings
from app.db.roles import create_readonly_role, drop_readonly_role
from app.ingest import run_ingest
from app.ingest.sources import discover
from app.main import create_app
from app.reference import load_gazetteer
from app.sources.text import parse_resolution
from tests.databases import PostgresDatabases, engine_for, migrate, sqlite_url
from tests.text_corpus import TEXT_CORPUS

CORPUS_FILES = 49


def ingest_files(url: str, files: list[Path]) -> int:
    """Load `files` into the migrated database at `url` with the real job; how many it read."""
    gazetteer = load_gazetteer()
    engine = engine_for(url)
    try:
        summary = run_ingest(
            files,
            engine=engine,
            gazetteer=gazetteer,
            parse=lambda text: parse_resolution(text, gazetteer=gazetteer),
        )
    finally:
        engine.dispose()
    assert summary.ok, summary.to_text()
    return len(summary.results)


def ingest_corpus(url: str) -> None:
    """Load the 49 texts of tests.text_corpus into the migrated database at `url`."""
    assert ingest_files(url, discover(TEXT_CORPUS)) == CORPUS_FILES


@dataclass
class CorpusDatabases:
    """Ingested databases, made on first use: the parity tests need both backends at once."""

    folder: Path
    request: pytest.FixtureRequest
    urls: dict[str, str] = field(default_factory=dict)

    def url(self, backend: str) -> str:
        if backend not in self.urls:
            if backend == "sqlite":
                url = sqlite_url(self.folder)
                engine = engine_for(url)
                migrate(engine)
                engine.dispose()
            else:
                databases: PostgresDatabases = self.request.getfixturevalue("postgres_databases")
                url = databases.create().render_as_string(hide_password=False)
            ingest_corpus(url)
            self.urls[backend] = url
        return self.urls[backend]


@pytest.fixture(scope="session")
def corpus_databases(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> CorpusDatabases:
    return CorpusDatabases(tmp_path_factory.mktemp("corpus"), request)


@pytest.fixture(scope="session")
def corpus_url(backend: str, corpus_databases: CorpusDatabases) -> str:
    return corpus_databases.url(backend)


@pytest.fixture(scope="session")
def api_url(backend: str, corpus_url: str) -> Iterator[str]:
    """The URL the API connects with: on PostgreSQL as a read-only role (app.db.roles), as in
    production, so that every API test also shows that no request needs to write."""
    if backend != "postgresql":
        yield corpus_url
        return
    role = f"mar_reader_{uuid.uuid4().hex[:8]}"
    owner = engine_for(corpus_url)
    create_readonly_role(owner, role)
    try:
        yield make_url(corpus_url).set(username=role).render_as_string(hide_password=False)
    finally:
        drop_readonly_role(owner, role)
        owner.dispose()


@pytest.fixture(scope="session")
def client(api_url: str) -> Iterator[TestClient]:
    """A client of the app serving the ingested corpus; its base URL is http://testserver."""
    with TestClient(create_app(Settings(database_url=api_url))) as client:
        yield client


@contextmanager
def rendered_cache(client: TestClient, max_bytes: int) -> Iterator[RenderedCache]:
    """The app's rendered-response memory (app/api/render_cache) replaced by an empty one of
    `max_bytes`, and given back afterwards."""
    state = state_of(client.app)
    kept = state.rendered
    state.rendered = RenderedCache(max_bytes)
    try:
        yield state.rendered
    finally:
        state.rendered = kept


@pytest.fixture
def nothing_kept(client: TestClient) -> Iterator[RenderedCache]:
    """Rendered responses forgotten when the test starts: for tests that count queries."""
    with rendered_cache(client, state_of(client.app).rendered.max_bytes) as cache:
        yield cache


@pytest.fixture
def keeping_nothing(client: TestClient) -> Iterator[RenderedCache]:
    """Every request rendered anew: for tests that change what a service answers without
    changing the data (and so without advancing the data version)."""
    with rendered_cache(client, 0) as cache:
        yield cache


@dataclass
class QueryCounter:
    """Counts the SQL statements the app's engine runs while `counting`."""

    statements: list[str] = field(default_factory=list)
    active: bool = False

    def __call__(self, _conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if self.active:
            self.statements.append(statement)

    def count(self, client: TestClient, url: str, **headers: str) -> int:
        self.statements.clear()
        self.active = True
        try:
            response = client.get(url, headers=headers)
        finally:
            self.active = False
        assert response.status_code == 200, response.text
        return len(self.statements)


@pytest.fixture
def queries(client: TestClient) -> Iterator[QueryCounter]:
    engine: Engine = state_of(client.app).database.engine
    counter = QueryCounter()
    event.listen(engine, "before_cursor_execute", counter)
    try:
        yield counter
    finally:
        event.remove(engine, "before_cursor_execute", counter)


def walk(client: TestClient, url: str) -> list[dict[str, Any]]:
    """Every item of a paginated list, following `next` links; checks each page's shape."""
    items: list[dict[str, Any]] = []
    pages = 0
    next_url: str | None = url
    while next_url is not None:
        response = client.get(next_url)
        assert response.status_code == 200, response.text
        body = response.json()
        items.extend(body["items"])
        next_url = body["next"]
        if next_url is None:
            assert "link" not in response.headers
        else:
            assert response.headers["link"] == f'<{next_url}>; rel="next"'
        pages += 1
        assert pages < 500, "pagination does not end"
    return items
