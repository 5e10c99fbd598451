"""The stored details (app/services/stored_details.py) never disagree with the rows: the
transaction of each change deletes those of the resolution changed and of those that show it,
and the job renders them after its last file."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, delete, update
from sqlalchemy.orm import Session

from app.config import CORPUS_DIR, Settings
from app.db.session import build_sessionmaker
from app.ingest.cli import main as ingest_main
from app.ingest.inputs import Input, read_input
from app.ingest.loader import load_resolution
from app.ingest.prepare import prepare
from app.ingest.reference_data import upsert_reference_data
from app.ingest.removal import delete_resolutions
from app.ingest.rows import ResolutionRows
from app.ingest.sources import MAX_FILE_BYTES
from app.main import create_app
from app.reference import load_gazetteer
from app.services.stored_details import STORED_DETAILS
from app.sources.text import parse_resolution
from tests.api.conftest import ingest_files
from tests.api.stored import BASE, live_bodies, stored_bodies
from tests.databases import engine_for

SERIES = CORPUS_DIR / "mine-action"
TWO = [SERIES / "A_RES_68_72.txt", SERIES / "A_RES_76_74.txt"]
OLDEST, MIDDLE, NEWEST = ("A-RES-68-72", "en"), ("A-RES-72-75", "en"), ("A-RES-76-74", "en")

Bodies = dict[tuple[str, str], bytes]


def consistent(session: Session) -> Bodies:
    """The stored bodies, after checking that they are the live rendering of every language
    of every resolution, no more and no fewer."""
    stored, live = stored_bodies(session), live_bodies(session)
    assert set(stored) == set(live)
    for key, body in live.items():
        assert stored[key] == body, key
    return stored


def links(bodies: Bodies, key: tuple[str, str]) -> dict[str, str | None]:
    found: dict[str, str | None] = json.loads(bodies[key])["links"]
    return found


def rows_of(path: Path) -> ResolutionRows:
    gazetteer = load_gazetteer()
    source = read_input(Input(path), max_bytes=MAX_FILE_BYTES)
    (prepared,) = prepare(
        source, parse=lambda text: parse_resolution(text, gazetteer=gazetteer), gazetteer=gazetteer
    )
    return prepared.rows


def read(engine: Engine) -> Bodies:
    with Session(engine) as session:
        return consistent(session)


def test_a_new_neighbour_makes_its_series_stale_in_its_own_transaction(
    fresh_database_url: str,
) -> None:
    ingest_files(fresh_database_url, TWO)
    engine = engine_for(fresh_database_url)
    try:
        before = read(engine)
        assert links(before, OLDEST)["next"] == f"{BASE}/v1/resolutions/A-RES-76-74"
        assert links(before, NEWEST)["previous"] == f"{BASE}/v1/resolutions/A-RES-68-72"

        rows = rows_of(SERIES / "A_RES_72_75.txt")
        session = build_sessionmaker(engine)()
        try:
            session.begin()
            reference = upsert_reference_data(session, load_gazetteer())
            load_resolution(session, rows, reference)
            # In the transaction that wrote 72/75: its neighbours' bodies are gone with the
            # old links (the API renders them live), and none stored disagrees with the rows.
            stored, during = stored_bodies(session), live_bodies(session)
            session.rollback()
        finally:
            session.close()
        assert set(during) - set(stored) == {OLDEST, MIDDLE, NEWEST}
        assert all(during[key] == body for key, body in stored.items())
        assert links(during, OLDEST)["next"] == f"{BASE}/v1/resolutions/A-RES-72-75"
        assert links(during, NEWEST)["previous"] == f"{BASE}/v1/resolutions/A-RES-72-75"
        assert links(during, MIDDLE)["previous"] == f"{BASE}/v1/resolutions/A-RES-68-72"
        # Rolled back: the bodies as they were, with the rows as they were.
        assert read(engine) == before

        # The job renders what its change made stale once its files are in.
        ingest_files(fresh_database_url, [SERIES / "A_RES_72_75.txt"])
        committed = read(engine)
        # The neighbours show nothing of 72/75 but its identity (its own body has the time).
        assert committed[OLDEST] == during[OLDEST]
        assert committed[NEWEST] == during[NEWEST]
        # Taken out again: the neighbours link to each other again, byte for byte as before.
        assert delete_resolutions(engine, ["A/RES/72/75"]) == {"A/RES/72/75": "A-RES-72-75"}
        assert read(engine) == before
    finally:
        engine.dispose()


@pytest.fixture
def two_stored(fresh_database_url: str) -> Iterator[tuple[Engine, Bodies]]:
    """A database holding two resolutions of the series, and their stored bodies."""
    ingest_files(fresh_database_url, TWO)
    engine = engine_for(fresh_database_url)
    try:
        yield engine, read(engine)
    finally:
        engine.dispose()


def test_a_job_renders_the_details_an_interrupted_one_left_missing(
    fresh_database_url: str, two_stored: tuple[Engine, Bodies]
) -> None:
    engine, expected = two_stored
    with engine.begin() as connection:
        connection.execute(delete(STORED_DETAILS))
    # Nothing to write (the texts are unchanged): the run still renders what is missing.
    out = io.StringIO()
    argv = ["--json", "--database-url", fresh_database_url, *map(str, TWO)]
    assert ingest_main(argv, stdout=out, stderr=io.StringIO()) == 0
    summary = json.loads(out.getvalue())
    assert (summary["unchanged"], summary["details_rendered"]) == (2, 2)
    assert read(engine) == expected


def test_a_changed_text_rerenders_itself_and_leaves_its_neighbours(
    fresh_database_url: str, tmp_path: Path
) -> None:
    ingest_files(fresh_database_url, sorted(SERIES.glob("*.txt")))
    engine = engine_for(fresh_database_url)
    try:
        before = read(engine)
        changed = tmp_path / "A_RES_72_75.txt"
        text = (SERIES / "A_RES_72_75.txt").read_text(encoding="utf-8")
        changed.write_text(text + "\n", encoding="utf-8")  # another file: another hash
        ingest_files(fresh_database_url, [changed])
        after = read(engine)
    finally:
        engine.dispose()
    assert after[MIDDLE] != before[MIDDLE]
    assert json.loads(after[MIDDLE])["source"]["file"].endswith("A_RES_72_75.txt")
    assert {key: body for key, body in after.items() if key != MIDDLE} == {
        key: body for key, body in before.items() if key != MIDDLE
    }


def test_a_row_of_another_format_is_served_live_until_rendered_again(
    fresh_database_url: str, two_stored: tuple[Engine, Bodies]
) -> None:
    engine, expected = two_stored
    with engine.begin() as connection:
        connection.execute(update(STORED_DETAILS).values(format=0, body=b"{}"))
    app = create_app(Settings(database_url=fresh_database_url, rendered_cache_mb=0))
    with TestClient(app) as client:
        response = client.get("/v1/resolutions/A-RES-68-72")
    assert response.status_code == 200
    assert response.content == expected[OLDEST]

    out = io.StringIO()
    argv = ["--render-only", "--json", "--database-url", fresh_database_url]
    assert ingest_main(argv, stdout=out, stderr=io.StringIO()) == 0
    assert json.loads(out.getvalue()) == {"rendered": 2}
    assert read(engine) == expected
