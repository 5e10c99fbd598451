"""Full-text search over clause text with one query syntax on PostgreSQL and SQLite.

The syntax is PostgreSQL's `websearch_to_tsquery`: words (all required), `"quoted phrases"`,
`or` between alternatives and `-word` / `-"a phrase"` to exclude. `parse_query` reads it once;
PostgreSQL gets it back as a normalized websearch string (the server does the stemming), SQLite
gets an FTS5 MATCH expression in which every term is a quoted string of plain word characters,
so no user input is ever FTS5 syntax, and neither is ever SQL (both are bound parameters).

    landmines "cluster munitions" -victims or "explosive remnants"
    -> PostgreSQL: "landmines" "cluster munitions" -"victims" or "explosive remnants"
    -> FTS5:       (("landmines" AND "cluster munitions") NOT ("victims")) OR ("explosive remnants")
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Double,
    Select,
    String,
    bindparam,
    cast,
    column,
    func,
    literal_column,
    select,
    table,
)
from sqlalchemy.orm import Session

from app.db.models import Clause, Resolution
from app.errors import InvalidFilter
from app.schemas.search import SearchHit, SearchParameters
from app.services.identifiers import normalize_symbol
from app.services.links import Links
from app.services.pagination import Ordering, Page, SortKey, paginate
from app.services.refs import REF_COLUMNS, resolution_ref

MAX_QUERY_LENGTH = 500
MAX_TERMS = 32

# PostgreSQL's english stop words (tsearch_data/english.stop): it drops them from queries, so
# the FTS5 translation drops them too, or "mine in" would need an "in" SQLite has indexed.
STOP_WORDS = frozenset(
    """
    i me my myself we our ours ourselves you your yours yourself yourselves he him his himself
    she her hers herself it its itself they them their theirs themselves what which who whom
    this that these those am is are was were be been being have has had having do does did
    doing a an the and but if or because as until while of at by for with about against between
    into through during before after above below to from up down in out on off over under again
    further then once here there when where why how all any both each few more most other some
    such no nor not only own same so than too very s t can will just don should now
    """.split()
)

# What FTS5's unicode61 tokenizer keeps as a token: letters and digits (underscore separates).
_WORD = re.compile(r"[^\W_]+")
# A hyphen between letters: PostgreSQL indexes "mine-action" as the compound and its parts, but
# queries it as the compound only; as a phrase of its parts it matches both spellings, as FTS5
# does. Before a digit it is a minus sign to PostgreSQL ("COVID-19" is indexed as covid, -19).
_INNER_HYPHEN = re.compile(r"(?<=[^\W_])-(?=[^\W\d_])")

# Private-use characters mark highlights in the database's snippet; the text is escaped as HTML
# afterwards and they become <mark> tags, so a "<" in a resolution can never become markup.
_START, _STOP = "\ue000", "\ue001"
_POSTGRES_HEADLINE = (
    f'StartSel="{_START}", StopSel="{_STOP}", MaxWords=30, MinWords=12, '
    'MaxFragments=2, FragmentDelimiter=" … "'
)
_SQLITE_SNIPPET_TOKENS = 24


@dataclass(frozen=True, slots=True)
class Term:
    """A word or phrase of the query: its text as typed and its word tokens (stop words trimmed)."""

    text: str
    tokens: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Alternative:
    """Terms that must all match (`required`) and terms that must not (`excluded`)."""

    required: tuple[Term, ...]
    excluded: tuple[Term, ...]


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """Alternatives joined by `or`; no alternatives means nothing can match (only stop words)."""

    alternatives: tuple[Alternative, ...]

    @property
    def matches_nothing(self) -> bool:
        return not self.alternatives

    def to_postgres(self) -> str:
        """The query as a normalized `websearch_to_tsquery` string."""

        def term(item: Term, excluded: bool) -> str:
            text = _INNER_HYPHEN.sub(" ", item.text).replace("\\", " ")
            return f'{"-" if excluded else ""}"{text}"'

        return " or ".join(
            " ".join(
                [term(item, False) for item in alternative.required]
                + [term(item, True) for item in alternative.excluded]
            )
            for alternative in self.alternatives
        )

    def to_fts5(self) -> str:
        """The query as an FTS5 MATCH expression made only of quoted word tokens."""

        def phrase(item: Term) -> str:
            return '"' + " ".join(item.tokens) + '"'

        rendered = []
        for alternative in self.alternatives:
            required = " AND ".join(phrase(item) for item in alternative.required)
            if alternative.excluded:
                excluded = " OR ".join(phrase(item) for item in alternative.excluded)
                required = f"({required}) NOT ({excluded})"
            rendered.append(f"({required})")
        return " OR ".join(rendered)


def parse_query(text: str, *, parameter: str = "q") -> SearchQuery:
    """Read websearch syntax; raises InvalidFilter (naming `parameter`) on what cannot run."""
    if len(text) > MAX_QUERY_LENGTH:
        raise InvalidFilter(parameter, f"The search is longer than {MAX_QUERY_LENGTH} characters.")
    alternatives: list[Alternative] = []
    required: list[Term] = []
    excluded: list[Term] = []
    seen_terms = 0
    dropped_excluded_only = False

    def close_alternative() -> None:
        nonlocal required, excluded, dropped_excluded_only
        if required:
            alternatives.append(Alternative(tuple(required), tuple(excluded)))
        elif excluded:
            dropped_excluded_only = True
        required, excluded = [], []

    for kind, raw, negated in _scan(text):
        if kind == "or":
            close_alternative()
            continue
        seen_terms += 1
        if seen_terms > MAX_TERMS:
            raise InvalidFilter(parameter, f"The search has more than {MAX_TERMS} terms.")
        tokens = _tokens(raw)
        if not tokens:  # only stop words or punctuation: PostgreSQL ignores it, and so do we
            continue
        (excluded if negated else required).append(Term(text=raw, tokens=tokens))
    close_alternative()
    if dropped_excluded_only:
        raise InvalidFilter(
            parameter,
            "Each alternative of the search needs a word to look for, not only words to exclude "
            "(e.g. `landmines -victims`, not `-victims`).",
        )
    return SearchQuery(tuple(alternatives))


def _scan(text: str) -> list[tuple[str, str, bool]]:
    """Split into ("term", text, negated) and ("or", "", False) events, as websearch does."""
    events: list[tuple[str, str, bool]] = []
    index, length = 0, len(text)
    negated = False
    while index < length:
        char = text[index]
        if char.isspace() or not char.isprintable():
            negated = False
            index += 1
        elif char == "-" and not negated and index + 1 < length and not text[index + 1].isspace():
            negated = True
            index += 1
        elif char == '"':
            end = text.find('"', index + 1)
            end = (
                length if end == -1 else end
            )  # an unclosed quote runs to the end, as in PostgreSQL
            events.append(("term", _printable(text[index + 1 : end]), negated))
            negated = False
            index = end + 1
        else:
            end = index
            while end < length and not text[end].isspace() and text[end] != '"':
                end += 1
            chunk = _printable(text[index:end])
            if chunk.lower() == "or" and not negated:
                events.append(("or", "", False))
            else:
                events.append(("term", chunk, negated))
            negated = False
            index = end
    return events


def _printable(text: str) -> str:
    return "".join(char if char.isprintable() else " " for char in text)


def _tokens(text: str) -> tuple[str, ...]:
    """Word tokens, lower-cased, without leading or trailing stop words (PostgreSQL drops those;
    inside a phrase they hold a place, so they stay)."""
    tokens = [token.lower() for token in _WORD.findall(text)]
    while tokens and tokens[0] in STOP_WORDS:
        tokens.pop(0)
    while tokens and tokens[-1] in STOP_WORDS:
        tokens.pop()
    return tuple(tokens)


# --- SQL -------------------------------------------------------------------------------------

_ENGLISH: ColumnElement[Any] = literal_column("'english'::regconfig")
_SEARCH_VECTOR: ColumnElement[Any] = literal_column("clauses.search_vector")
_FTS = table("clauses_fts", column("rowid"))
_FTS_NAME: ColumnElement[Any] = literal_column("clauses_fts")


def _is_postgresql(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def _tsquery(query: SearchQuery) -> ColumnElement[Any]:
    return func.websearch_to_tsquery(
        _ENGLISH, bindparam("websearch", query.to_postgres(), type_=String)
    )


def _fts_match(query: SearchQuery) -> ColumnElement[bool]:
    return _FTS_NAME.op("MATCH")(bindparam("fts_query", query.to_fts5(), type_=String))


def matching_clause_ids(session: Session, query: SearchQuery) -> Select:
    """SELECT of the ids of clauses that match `query` (use with `Clause.id.in_(...)`)."""
    if _is_postgresql(session):
        return select(Clause.id).where(_SEARCH_VECTOR.op("@@")(_tsquery(query)))
    return select(_FTS.c.rowid).where(_fts_match(query))


@dataclass(frozen=True, slots=True)
class RankedMatches:
    """A subquery of matching clauses with a `score` (higher is better) and, on SQLite, a
    `snippet` (FTS5 can only build it inside the MATCH query); `snippet` renders one otherwise."""

    clause_id: ColumnElement[int]
    score: ColumnElement[float]
    snippet: ColumnElement[str]
    subquery: Any


def ranked_matches(session: Session, query: SearchQuery) -> RankedMatches:
    if _is_postgresql(session):
        tsquery = _tsquery(query)
        subquery = (
            select(
                Clause.id.label("clause_id"),
                # ts_rank is a float4, which the driver reads back rounded; as a float8 the
                # score round-trips exactly through a cursor, so keyset comparisons hold.
                cast(func.ts_rank(_SEARCH_VECTOR, tsquery), Double).label("score"),
            )
            .where(_SEARCH_VECTOR.op("@@")(tsquery))
            .subquery("matches")
        )
        # In the outer query, so that PostgreSQL builds headlines for the page's rows only.
        snippet = func.ts_headline(
            _ENGLISH, Clause.text, tsquery, bindparam("headline_options", _POSTGRES_HEADLINE)
        )
        return RankedMatches(subquery.c.clause_id, subquery.c.score, snippet, subquery)
    subquery = (
        select(
            _FTS.c.rowid.label("clause_id"),
            # bm25 is lower for better matches; negated so that both backends sort descending.
            (-func.bm25(_FTS_NAME)).label("score"),
            func.snippet(
                _FTS_NAME,
                0,
                bindparam("start_mark", _START),
                bindparam("stop_mark", _STOP),
                bindparam("ellipsis", "…"),
                _SQLITE_SNIPPET_TOKENS,
            ).label("snippet"),
        )
        .where(_fts_match(query))
        .subquery("matches")
    )
    return RankedMatches(subquery.c.clause_id, subquery.c.score, subquery.c.snippet, subquery)


def render_snippet(raw: str | None) -> str:
    """The database's snippet as HTML: text escaped, highlights as <mark>...</mark>."""
    escaped = html.escape(raw or "", quote=False)
    return escaped.replace(_START, "<mark>").replace(_STOP, "</mark>")


# --- Ranked search ---------------------------------------------------------------------------


def search_clauses(session: Session, parameters: SearchParameters, links: Links) -> Page[SearchHit]:
    """Clauses matching `parameters.q`, best first, each with a highlighted snippet."""
    query = parse_query(parameters.q)
    if query.matches_nothing:
        return Page(items=[], total=0, limit=parameters.limit, next_cursor=None)
    matches = ranked_matches(session, query)
    conditions: list[ColumnElement[bool]] = []
    if parameters.resolution is not None:
        symbol = normalize_symbol(parameters.resolution)
        if symbol is None:
            raise InvalidFilter(
                "resolution",
                f"{parameters.resolution!r} is not a resolution symbol or id (e.g. A/RES/68/72).",
            )
        conditions.append(Resolution.symbol == symbol)
    if parameters.session is not None:
        conditions.append(Resolution.session == parameters.session)
    if parameters.kind is not None:
        conditions.append(Clause.kind == parameters.kind)
    statement = (
        select(
            Clause.key,
            Clause.kind,
            matches.score.label("score"),
            matches.snippet.label("snippet"),
            *REF_COLUMNS,
        )
        .select_from(matches.subquery)
        .join(Clause, Clause.id == matches.clause_id)
        .join(Resolution, Clause.resolution_id == Resolution.id)
        .where(*conditions)
    )
    count_statement = (
        select(matches.clause_id)
        .select_from(matches.subquery)
        .join(Clause, Clause.id == matches.clause_id)
        .join(Resolution, Clause.resolution_id == Resolution.id)
        .where(*conditions)
    )
    ordering = Ordering(
        "search:score",
        (SortKey(matches.score, float, descending=True), SortKey(Clause.id, int)),
    )
    page = paginate(
        session,
        statement,
        ordering,
        limit=parameters.limit,
        cursor=parameters.cursor,
        count_statement=count_statement,
    )
    return Page(
        items=[
            SearchHit(
                resolution=resolution_ref(row, links),
                clause=row.key,
                kind=row.kind,
                snippet=render_snippet(row.snippet),
                score=round(float(row.score), 6),
                href=links.clause(row.resolution_slug, row.key),
            )
            for row in page.items
        ],
        total=page.total,
        limit=page.limit,
        next_cursor=page.next_cursor,
    )
