"""Migration 0009 indexes the footnotes and titles already stored, Chinese words included."""

from __future__ import annotations

from alembic import command

from app.config import CORPUS_DIR, Settings
from app.core.links import Links
from app.db.session import build_engine, build_sessionmaker
from app.schemas.search import SearchParameters
from app.services import search
from tests.api.conftest import ingest_files
from tests.databases import alembic_config, engine_for

FILES = [
    CORPUS_DIR / "mine-action" / "A_RES_68_72.txt",
    CORPUS_DIR / "akn-mine-family" / "80session" / "English" / "A_RES_80_74-2520096E.xml",
    CORPUS_DIR / "akn-mine-family" / "80session" / "Chinese" / "A_RES_80_74-2520096C.xml",
]


def _found(url: str, language: str, **parameters: str) -> list[tuple[str, str, int | None]]:
    engine = build_engine(Settings(database_url=url))
    try:
        with build_sessionmaker(engine)() as session:
            results = search.search_texts(
                session, SearchParameters(**parameters), Links("http://x"), language
            )
            return [(hit.resolution.symbol, hit.in_, hit.footnote) for hit in results.page.items]
    finally:
        engine.dispose()


def _migrate(url: str, revision: str, *, down: bool = False) -> None:
    engine = engine_for(url)
    try:
        config = alembic_config()
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            (command.downgrade if down else command.upgrade)(config, revision)
    finally:
        engine.dispose()


def test_0009_indexes_the_rows_already_stored(fresh_database_url: str) -> None:
    url = fresh_database_url
    assert ingest_files(url, FILES) == len(FILES)
    expected = {
        ("en", "academic institutions"): [("A/RES/68/72", "footnote", 4)],
        ("zh", "条约汇编"): [("A/RES/80/74", "footnote", 6)],
        ("zh", "协助地雷行动"): [("A/RES/80/74", "title", None)],
    }

    def check() -> None:
        for (language, query), found in expected.items():
            place = found[0][1]
            assert _found(url, language, q=query, in_=place) == found, query

    check()
    # Without 0009 nothing of it is indexed; upgraded again, the stored rows are.
    _migrate(url, "0008", down=True)
    _migrate(url, "head")
    check()
