"""Full-text search: websearch syntax, its FTS5 translation, the same hits on both backends."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, text

from app.config import Settings
from app.core.links import Links
from app.db.models import Clause, Resolution
from app.db.session import build_engine, build_sessionmaker
from app.errors import InvalidFilter
from app.schemas.search import SearchParameters
from app.services import search
from tests.api.conftest import CorpusDatabases, QueryCounter, walk


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
    hits = {hit["clause"]: hit for hit in body["items"] if hit["in"] == "clause"}
    assert set(hits) == {
        "pp.4",
        "pp.5",
        "pp.6",
        "op.2",
        "op.3.a",
        "op.3.b",
        "op.3.d",
        "op.3.e",
        "op.5",
    }
    # ... and footnote 1, which lists the instruments pp.2 names (Protocol V on them).
    [footnote] = [hit for hit in body["items"] if hit["in"] != "clause"]
    assert (footnote["in"], footnote["footnote"], footnote["cited_by"]) == ("footnote", 1, ["pp.2"])
    assert (footnote["clause"], footnote["kind"]) == (None, None)
    assert "Protocol on <mark>Explosive" in footnote["snippet"].replace("</mark> <mark>", " ")
    assert body["total"] == 10
    scores = [hit["score"] for hit in body["items"]]
    assert scores == sorted(scores, reverse=True)
    hit = hits["op.3.e"]
    assert hit["resolution"]["symbol"] == "A/RES/68/72"
    assert hit["kind"] == "subparagraph"
    assert hit["href"] == "http://testserver/v1/resolutions/A-RES-68-72/clauses/op.3.e"
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
    keys = [(hit["resolution"]["id"], hit["in"], hit["clause"], hit["footnote"]) for hit in paged]
    assert len(set(keys)) == len(keys)
    assert {hit["in"] for hit in paged} == {"clause", "footnote", "title"}
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
        "truncated": False,
    }


# --- Ranking a bounded set of candidates ------------------------------------------------------
# The corpus matches at most a few hundred clauses per search, fewer than MAX_RANKED; a small
# cap shows on real data what a common word does on a large database. These search clauses only
# (`in=clause`); footnotes and titles are capped alike, each place on its own (tests below).


def _matches(url: str, query: str, **filters: object) -> list[tuple[int, str, str]]:
    """(clause id, resolution id, clause key) of every clause matching `query` and `filters`,
    newest first, read straight from the database with no cap."""
    engine = build_engine(Settings(database_url=url))
    try:
        with build_sessionmaker(engine)() as session:
            statement = (
                select(Clause.id, Resolution.slug, Clause.key)
                .join(Resolution, Clause.resolution_id == Resolution.id)
                .where(
                    Clause.id.in_(search.matching_clause_ids(session, search.parse_query(query)))
                )
                .order_by(Clause.id.desc())
            )
            if "session" in filters:
                statement = statement.where(Resolution.session == filters["session"])
            if "kind" in filters:
                statement = statement.where(Clause.kind == filters["kind"])
            return [(id_, slug, key) for id_, slug, key in session.execute(statement)]
    finally:
        engine.dispose()


def _keys(hits: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(hit["resolution"]["id"], hit["clause"]) for hit in hits]


@pytest.mark.usefixtures("keeping_nothing")
def test_a_common_word_ranks_only_the_newest_matches(
    client: TestClient,
    corpus_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    everything = walk(client, "/v1/search?q=mine&in=clause&limit=100")
    matches = _matches(corpus_url, "mine")
    assert len(everything) == len(matches) > 100  # uncapped, as before

    monkeypatch.setattr(search, "MAX_RANKED", 5)
    first = client.get("/v1/search?q=mine&in=clause&limit=2").json()
    assert first["total"] == 5
    assert first["truncated"] is True
    capped = walk(client, "/v1/search?q=mine&in=clause&limit=2")
    # Exactly the five newest matches, each once, across three pages ...
    assert len(capped) == 5
    assert set(_keys(capped)) == {(slug, key) for _, slug, key in matches[:5]}
    # ... ranked, scored and highlighted as the uncapped search ranks them.
    newest = set(_keys(capped))
    assert capped == [
        hit for hit in everything if (hit["resolution"]["id"], hit["clause"]) in newest
    ]


@pytest.mark.usefixtures("keeping_nothing")
def test_filters_apply_before_the_cap(
    client: TestClient,
    corpus_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(search, "MAX_RANKED", 5)
    filtered_matches = _matches(corpus_url, "mine", session=68, kind="operative")
    assert len(filtered_matches) > 5
    capped_unfiltered = set(_keys(walk(client, "/v1/search?q=mine&limit=100")))

    body = client.get("/v1/search?q=mine&session=68&kind=operative&limit=100").json()
    assert body["total"] == 5
    assert body["truncated"] is True
    found = set(_keys(body["items"]))
    assert found == {(slug, key) for _, slug, key in filtered_matches[:5]}
    # Filtering the capped unfiltered ranking afterwards would have found none of them.
    assert found.isdisjoint(capped_unfiltered)
    assert all(slug == "A-RES-68-72" and key.startswith("op.") for slug, key in found)


@pytest.mark.parametrize("query", ['"cluster munitions"', '"mine risk education"', "clearance"])
@pytest.mark.usefixtures("keeping_nothing")
def test_a_search_within_the_cap_is_unchanged(
    client: TestClient,
    corpus_url: str,
    monkeypatch: pytest.MonkeyPatch,
    query: str,
) -> None:
    uncapped = client.get("/v1/search", params={"q": query, "in": "clause", "limit": 100}).json()
    matches = _matches(corpus_url, query)
    assert uncapped["total"] == len(matches)
    assert uncapped["truncated"] is False

    monkeypatch.setattr(search, "MAX_RANKED", max(len(matches), 5))  # exactly as many, or more
    assert (
        client.get("/v1/search", params={"q": query, "in": "clause", "limit": 100}).json()
        == uncapped
    )

    if len(matches) > 1:  # a cap one below: the oldest match drops out, and that is said
        monkeypatch.setattr(search, "MAX_RANKED", len(matches) - 1)
        body = client.get("/v1/search", params={"q": query, "in": "clause", "limit": 100}).json()
        assert (body["total"], body["truncated"]) == (len(matches) - 1, True)
        assert set(_keys(body["items"])) == {(slug, key) for _, slug, key in matches[:-1]}


def _scored_matches(
    url: str,
    query: str,
    *,
    session: int | None = None,
    kind: str | None = None,
    ranked_within: int | None = None,
) -> list[tuple[int, float, str, str]]:
    """(clause id, score, resolution id, clause key) of every clause matching `query`, newest
    first, scored by the database's own function (ts_rank as a float8 on PostgreSQL, bm25
    negated on SQLite) in SQL written here: no cap, no ranking, no cursor. With
    `ranked_within=N`, the N newest only, ranked by the database (`ORDER BY score DESC, id`)."""
    parsed = search.parse_query(query)
    engine = build_engine(Settings(database_url=url))
    try:
        with build_sessionmaker(engine)() as db:
            if engine.dialect.name == "postgresql":
                tsquery = "websearch_to_tsquery('english', :q)"
                sql = (
                    f"SELECT clauses.id, ts_rank(clauses.search_vector, {tsquery})::float8, "
                    'resolutions.slug, clauses."key" FROM clauses '
                    "JOIN resolutions ON resolutions.id = clauses.resolution_id "
                    f"WHERE clauses.search_vector @@ {tsquery}"
                )
                values: dict[str, Any] = {"q": parsed.to_postgres()}
            else:
                sql = (
                    'SELECT clauses.id, -bm25(clauses_fts), resolutions.slug, clauses."key" '
                    "FROM clauses_fts JOIN clauses ON clauses.id = clauses_fts.rowid "
                    "JOIN resolutions ON resolutions.id = clauses.resolution_id "
                    "WHERE clauses_fts MATCH :q"
                )
                values = {"q": parsed.to_fts5()}
            if session is not None:
                sql += " AND resolutions.session = :session"
                values["session"] = session
            if kind is not None:
                sql += " AND clauses.kind = :kind"
                values["kind"] = kind
            sql += " ORDER BY clauses.id DESC"
            if ranked_within is not None:
                sql = (
                    f"SELECT * FROM ({sql} LIMIT {int(ranked_within)}) AS newest ORDER BY 2 DESC, 1"
                )
            rows = db.execute(text(sql), values)
            return [(id_, score, slug, key) for id_, score, slug, key in rows]
    finally:
        engine.dispose()


def _cursor(score: float, clause_id: int) -> str:
    """A search cursor, in the format every search has issued: its clients may hold some."""
    payload = json.dumps({"o": "search:score", "k": [score, clause_id]}, separators=(",", ":"))
    return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    ("query", "cap", "limit", "filters"),
    [
        ("mine", 30, 7, {}),
        ("mine", 5, 2, {"session": 68, "kind": "operative"}),
        ("nuclear", search.MAX_RANKED, 9, {}),  # within the cap: all ranked, not truncated
    ],
)
def test_pages_rank_the_newest_matches_as_by_hand(
    corpus_url: str,
    monkeypatch: pytest.MonkeyPatch,
    query: str,
    cap: int,
    limit: int,
    filters: dict[str, Any],
) -> None:
    """The candidates are ranked in Python: every page, total, flag and cursor is what the
    database's own `ORDER BY score DESC, clause id` of the `cap` newest matches gives, cut
    into pages."""
    matches = _scored_matches(corpus_url, query, **filters)
    candidates = matches[:cap]
    ranked = _scored_matches(corpus_url, query, ranked_within=cap, **filters)  # by SQL's order
    assert sorted(ranked) == sorted(candidates)
    assert len(ranked) > 2 * limit
    assert ranked != candidates  # the ranking is not the newest-first order
    expected_pages = [ranked[start : start + limit] for start in range(0, len(ranked), limit)]

    monkeypatch.setattr(search, "MAX_RANKED", cap)
    engine = build_engine(Settings(database_url=corpus_url))
    try:
        with build_sessionmaker(engine)() as db:
            cursor = None
            for number, expected in enumerate(expected_pages):
                parameters = SearchParameters(
                    q=query, limit=limit, cursor=cursor, in_="clause", **filters
                )
                results = search.search_clauses(db, parameters, Links("http://x"))
                assert [
                    (hit.resolution.id, hit.clause, hit.score) for hit in results.page.items
                ] == [(slug, key, round(score, 6)) for _, score, slug, key in expected], number
                assert results.page.total == len(candidates)
                assert results.truncated is (len(matches) > cap)
                last_id, last_score = expected[-1][0], expected[-1][1]
                more = number < len(expected_pages) - 1
                assert results.page.next_cursor == (_cursor(last_score, last_id) if more else None)
                cursor = results.page.next_cursor
    finally:
        engine.dispose()


@pytest.mark.parametrize(
    "url", ["/v1/search?q=mine&limit=5", "/v1/search?q=mine&session=68&kind=operative&limit=5"]
)
@pytest.mark.usefixtures("nothing_kept")
def test_a_search_scans_its_candidates_once(
    client: TestClient,
    queries: QueryCounter,
    backend: str,
    url: str,
) -> None:
    """One statement finds the candidates (the search's costly part); the others read the
    page's clauses only (on SQLite, FTS5's snippets for the ids between the page's lowest and
    highest)."""
    match = "search_vector @@" if backend == "postgresql" else "MATCH"
    next_url = url
    for _ in range(2):  # a first page, and one from its cursor
        queries.count(client, next_url)
        matching = [statement for statement in queries.statements if match in statement]
        scans = [statement for statement in matching if "BETWEEN" not in statement]
        assert len(scans) == 1, queries.statements
        assert len(matching) == (1 if backend == "postgresql" else 2), queries.statements
        next_url = client.get(next_url).json()["next"]
        assert next_url is not None


def test_the_documented_cap_is_the_one_applied(client: TestClient) -> None:
    openapi = client.get("/openapi.json").json()
    described = f"{search.MAX_RANKED:,}"
    route = openapi["paths"]["/v1/search"]["get"]["description"]
    fields = openapi["components"]["schemas"]["SearchPage"]["properties"]
    assert described in route
    assert described in fields["truncated"]["description"]
    assert described in fields["total"]["description"]
    assert "truncated" in openapi["components"]["schemas"]["SearchPage"]["required"]


@pytest.mark.postgres
def test_postgresql_plans_every_search_for_its_words(corpus_databases: CorpusDatabases) -> None:
    """psycopg prepares a statement run five times on a connection, and PostgreSQL may then use
    a generic plan; a search's best plan depends on its words, so it is never prepared."""
    engine = build_engine(Settings(database_url=corpus_databases.url("postgresql")))
    try:
        with build_sessionmaker(engine)() as session:
            driver = session.connection().connection.dbapi_connection
            threshold = driver.prepare_threshold  # type: ignore[union-attr]
            for _ in range(8):
                search.search_clauses(session, SearchParameters(q="mine"), Links("http://x"))
            prepared = session.scalars(text("SELECT statement FROM pg_prepared_statements"))
            assert [statement for statement in prepared if "search_vector" in statement] == []
            assert driver.prepare_threshold == threshold  # type: ignore[union-attr]
    finally:
        engine.dispose()


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
