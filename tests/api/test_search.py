"""Full-text search: websearch syntax, its FTS5 translation, the same hits on both backends."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from app.config import Settings
from app.db.models import Clause, Resolution
from app.db.session import build_engine, build_sessionmaker
from app.errors import InvalidFilter
from app.services import search
from tests.api.conftest import CorpusDatabases, walk


@pytest.mark.parametrize(
    ("query", "postgres", "fts5"),
    [
        ("landmines", '"landmines"', '("landmines")'),
        (
            '"explosive remnants of war"',
            '"explosive remnants of war"',
            '("explosive remnants of war")',
        ),
        (
            'landmines "cluster munitions" -victims or "explosive remnants"',
            '"landmines" "cluster munitions" -"victims" or "explosive remnants"',
            '(("landmines" AND "cluster munitions") NOT ("victims")) OR ("explosive remnants")',
        ),
        # Hyphenated words are phrases of their parts; before a digit a hyphen is a minus sign.
        ("mine-action", '"mine action"', '("mine action")'),
        ("COVID-19", '"COVID-19"', '("covid 19")'),
        # Stop words are dropped at the edges (PostgreSQL does), kept inside phrases.
        ("the children’s fund", '"children’s" "fund"', '("children" AND "fund")'),
        (
            '"assistance in mine action"',
            '"assistance in mine action"',
            '("assistance in mine action")',
        ),
        ("OR mine OR", '"mine"', '("mine")'),
        ('"unclosed phrase', '"unclosed phrase"', '("unclosed phrase")'),
        ('x -"mine action"', '"x" -"mine action"', '(("x") NOT ("mine action"))'),
    ],
)
def test_one_syntax_two_renderings(query: str, postgres: str, fts5: str) -> None:
    parsed = search.parse_query(query)
    assert parsed.to_postgres() == postgres
    assert parsed.to_fts5() == fts5


@pytest.mark.parametrize(
    "hostile",
    [
        "'; drop table clauses; --",
        'mine" OR 1=1 --',
        "NEAR(mine action) clauses_fts:mine ^mine mine* {text}:mine",
        "%_\\ <script>alert(1)</script>",
        "\x00mine\x07 action\u2028",
        '"""',
        "- - -",
        "or or or",
    ],
)
def test_user_input_never_becomes_fts5_syntax(hostile: str) -> None:
    rendered = search.parse_query(hostile).to_fts5()
    # Outside the quoted terms there is only AND, OR, NOT, parentheses and spaces.
    outside = rendered.split('"')[0::2]
    assert all(set(part) <= set("ANDORT() ") for part in outside), rendered
    inside = rendered.split('"')[1::2]
    assert all(token.isalnum() for term in inside for token in term.split()), rendered


@pytest.mark.parametrize("query", ["-victims", "landmines or -victims", "the -victims"])
def test_a_search_of_only_exclusions_is_refused(query: str) -> None:
    with pytest.raises(InvalidFilter) as raised:
        search.parse_query(query)
    assert raised.value.parameter == "q"


def test_only_stop_words_matches_nothing() -> None:
    assert search.parse_query("the of and").matches_nothing


def test_search_hits_are_ranked_with_highlighted_snippets(client: TestClient) -> None:
    body = client.get('/v1/search?q="explosive remnants of war"&resolution=A-RES-68-72').json()
    hits = {hit["clause"]: hit for hit in body["items"]}
    assert set(hits) == {
        "pp.4",
        "pp.5",
        "pp.6",
        "op.2",
        "op.3.a",
        "op.3.b",
        "op.3.d",
        "op.3.e.i",
        "op.5",
    }
    assert body["total"] == 9
    scores = [hit["score"] for hit in body["items"]]
    assert scores == sorted(scores, reverse=True)
    hit = hits["op.3.e.i"]
    assert hit["resolution"]["symbol"] == "A/RES/68/72"
    assert hit["kind"] == "subparagraph"
    assert hit["href"] == "http://testserver/v1/resolutions/A-RES-68-72/clauses/op.3.e.i"
    assert "<mark>" in hit["snippet"]
    assert "<mark>explosive" in hit["snippet"].replace("</mark> <mark>", " ")
    assert "countries affected by mines and" in hit["snippet"]


def test_snippets_are_escaped_html(client: TestClient) -> None:
    for hit in walk(client, "/v1/search?q=mine&limit=100"):
        text = hit["snippet"].replace("<mark>", "").replace("</mark>", "")
        assert set(text).isdisjoint("<>")


def test_search_pages_cover_every_hit_once(client: TestClient) -> None:
    whole = client.get("/v1/search?q=nuclear&limit=100").json()
    paged = walk(client, "/v1/search?q=nuclear&limit=9")
    assert len(paged) == whole["total"] > 100
    keys = [(hit["resolution"]["id"], hit["clause"]) for hit in paged]
    assert len(set(keys)) == len(keys)
    scores = [hit["score"] for hit in paged]
    assert scores == sorted(scores, reverse=True)


def test_search_filters(client: TestClient) -> None:
    body = client.get("/v1/search?q=clearance&session=68&kind=operative").json()
    assert {(hit["resolution"]["symbol"], hit["clause"]) for hit in body["items"]} == {
        ("A/RES/68/72", "op.5"),
        ("A/RES/68/72", "op.7"),
        ("A/RES/68/72", "op.15"),
    }


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/v1/search", "q"),
        ("/v1/search?q=", "q"),
        ("/v1/search?q=-mines", "q"),
        ("/v1/search?q=mines&kind=annex", "kind"),
        ("/v1/search?q=mines&resolution=nonsense", "resolution"),
        ("/v1/search?q=mines&cursor=eyJvIjoicmVzb2x1dGlvbnM6c3ltYm9sIiwiayI6WzY4XX0", "cursor"),
    ],
)
def test_bad_searches_are_422(client: TestClient, url: str, parameter: str) -> None:
    response = client.get(url)
    assert response.status_code == 422
    assert [error["loc"][-1] for error in response.json()["errors"]] == [parameter]


def test_a_stop_word_search_is_empty(client: TestClient) -> None:
    assert client.get("/v1/search?q=the").json() == {
        "items": [],
        "total": 0,
        "limit": 20,
        "next": None,
    }


# Queries users of a mine-action portal type, covering each piece of the syntax.
PARITY_QUERIES = [
    "landmines",
    "landmine",
    "mine action",
    '"mine action"',
    "mine-action",
    "mine-affected",
    '"assistance in mine action"',
    '"explosive remnants of war"',
    "victim assistance",
    '"victim assistance"',
    "victims or survivors -children",
    "cluster munitions or landmines",
    'landmines -"cluster munitions"',
    '"cluster munitions" -victims',
    'mines -"explosive remnants"',
    "gender",
    "women girls boys men",
    "children’s",
    '"persons with disabilities"',
    "Secretary-General report",
    '"Voluntary Trust Fund"',
    '"Inter-Agency Coordination Group"',
    '"International Mine Action Standards"',
    'IMSMA or "Information Management System"',
    '"Joint Inspection Unit"',
    "age-sensitive",
    "mine-affected States",
    "clearance",
    "mine clearance",
    '"land release"',
    '"technical survey"',
    '"mine risk education"',
    "improvised explosive devices",
    "non-State actors",
    "anti-personnel",
    "stockpile destruction",
    "humanitarian",
    "peacekeeping",
    "capacity-building",
    "international cooperation",
    '"sustainable development"',
    '"2030 Agenda"',
    "COVID-19",
    "66/69",
    "74/80",
    "Anti-Personnel Mines",
    "treaty or convention or protocol",
    '"nuclear weapons"',
    "disarmament -nuclear",
    '"arms trade"',
    "small arms",
    '"weapons of mass destruction"',
    "outer space",
]


def _hits(url: str, query: str) -> set[tuple[str, str]]:
    engine = build_engine(Settings(database_url=url))
    try:
        with build_sessionmaker(engine)() as session:
            parsed = search.parse_query(query)
            rows = session.execute(
                select(Resolution.slug, Clause.key)
                .join(Resolution, Clause.resolution_id == Resolution.id)
                .where(Clause.id.in_(search.matching_clause_ids(session, parsed)))
            )
            return {(slug, key) for slug, key in rows}
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_sqlite_and_postgresql_find_the_same_clauses(corpus_databases: CorpusDatabases) -> None:
    sqlite_url = corpus_databases.url("sqlite")
    postgres_url = corpus_databases.url("postgresql")
    found_something = 0
    for query in PARITY_QUERIES:
        on_sqlite = _hits(sqlite_url, query)
        on_postgres = _hits(postgres_url, query)
        assert on_sqlite == on_postgres, (
            query,
            sorted(on_sqlite - on_postgres),
            sorted(on_postgres - on_sqlite),
        )
        found_something += bool(on_sqlite)
    assert found_something == len(PARITY_QUERIES)
