"""Full-text search over clause text with one query syntax on PostgreSQL and SQLite."""

# The syntax is PostgreSQL's `websearch_to_tsquery`: words (all required), `"quoted phrases"`,
# `or` between alternatives and `-word` / `-"a phrase"` to exclude. `parse_query` reads it once;
# PostgreSQL gets it back as a normalized websearch string (the server does the stemming), SQLite
# gets an FTS5 MATCH expression in which every term is a quoted string of plain word characters,
# so no user input is ever FTS5 syntax, and neither is ever SQL (both are bound parameters).
#
#   landmines "cluster munitions" -victims or "explosive remnants"
#   -> PostgreSQL: "landmines" "cluster munitions" -"victims" or "explosive remnants"
#   -> FTS5:       (("landmines" AND "cluster munitions") NOT ("victims")) OR ("explosive remnants")

from __future__ import annotations

import html
import re
import typing
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    ColumnElement,
    Double,
    String,
    bindparam,
    cast,
    column,
    func,
    literal_column,
    select,
    table,
)
from sqlalchemy.orm import QueryableAttribute, Session

from app.core.links import Links
from app.db.models import Clause, Resolution
from app.db.statements import AnyRow, AnySelect
from app.errors import InvalidFilter
from app.schemas.search import SearchHit, SearchParameters
from app.services.lookup import symbol_filter
from app.services.pagination import (
    KeysetPage,
    Ordering,
    SortKey,
    among,
    decode_cursor,
    encode_cursor,
)
from app.services.refs import REF_COLUMNS, resolution_ref

if TYPE_CHECKING:
    import psycopg

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
MARK_START, MARK_STOP = "\ue000", "\ue001"
POSTGRES_HEADLINE = (
    f'StartSel="{MARK_START}", StopSel="{MARK_STOP}", MaxWords=30, MinWords=12, '
    'MaxFragments=2, FragmentDelimiter=" … "'
)
SQLITE_SNIPPET_TOKENS = 24

# How many matching clauses a search ranks: the most recently loaded ones (the highest clause
# ids). Ranking every match costs time in proportion to how many there are (`international` is
# in a quarter of all clauses); a bounded set of candidates keeps a common word about as fast
# as a rare phrase. Filters (`resolution`, `session`, `kind`) apply before the cap, and a search
# that matches more reports `truncated`, so the cut is never silent.
MAX_RANKED = 1000


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

    def to_fts5(self, *, prefix: bool = False) -> str:
        """The query as an FTS5 MATCH expression made only of quoted word tokens; with
        `prefix`, a term's last word also matches the words it begins (`déminage` finds
        `déminages`), the closest FTS5 has to stemming in languages it cannot stem."""

        def phrase(item: Term) -> str:
            return '"' + " ".join(item.tokens) + ('" *' if prefix else '"')

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


def matching_clause_ids(session: Session, query: SearchQuery) -> AnySelect:
    """SELECT of the ids of clauses that match `query` (use with `Clause.id.in_(...)`)."""
    if _is_postgresql(session):
        return select(Clause.id).where(_SEARCH_VECTOR.op("@@")(_tsquery(query)))
    return select(_FTS.c.rowid).where(_fts_match(query))


def render_snippet(raw: str | None) -> str:
    """The database's snippet as HTML: text escaped, highlights as <mark>...</mark>."""
    escaped = html.escape(raw or "", quote=False)
    return escaped.replace(MARK_START, "<mark>").replace(MARK_STOP, "</mark>")


# --- Ranked search ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SearchResults:
    """A page of hits, and whether more clauses matched than were ranked (`MAX_RANKED`)."""

    page: KeysetPage[SearchHit]
    truncated: bool


# The order of the hits, under the name their cursors carry: best score first, then the lowest
# clause id. The ranking is done in Python (`ranked_candidates`), so the keys' expressions only
# label them; cursors have the same shape as when paginate() sorted in SQL, so they stay valid.
RANKING = Ordering(
    "search:score",
    (SortKey(column("score"), float, descending=True), SortKey(column("clause_id"), int)),
)


def _candidates(session: Session, query: SearchQuery, parameters: SearchParameters) -> AnySelect:
    """SELECT of the (`clause_id`, `score`) of the newest `MAX_RANKED + 1` matches, newest
    first; the score is the relevance (higher is better). The filters apply inside, so that the
    cap never drops a match that a filter keeps; resolutions are joined only for a filter on
    them."""
    conditions: list[ColumnElement[bool]] = []
    if parameters.resolution is not None:
        conditions.append(Resolution.symbol == symbol_filter(parameters.resolution, "resolution"))
    if parameters.session is not None:
        conditions.append(Resolution.session == parameters.session)
    needs_resolutions = bool(conditions)  # the conditions so far are on resolutions
    if parameters.kind is not None:
        conditions.append(Clause.kind == parameters.kind)

    clause_id: ColumnElement[int] | QueryableAttribute[int]
    score: ColumnElement[float]
    if _is_postgresql(session):
        tsquery = _tsquery(query)
        clause_id = Clause.id
        matches = _SEARCH_VECTOR.op("@@")(tsquery)
        # ts_rank is a float4, which the driver reads back rounded; as a float8 the score
        # round-trips exactly through a cursor, so the next page compares the same floats.
        score = cast(func.ts_rank(_SEARCH_VECTOR, tsquery), Double)
        statement = select(clause_id.label("clause_id"), score.label("score")).where(matches)
    else:
        clause_id = _FTS.c.rowid
        # bm25 is lower for better matches; negated so that both backends rank descending.
        score = -func.bm25(_FTS_NAME)
        statement = select(clause_id.label("clause_id"), score.label("score"))
        statement = statement.where(_fts_match(query))
        if conditions:
            statement = statement.join(Clause, Clause.id == clause_id)
    if needs_resolutions:
        statement = statement.join(Resolution, Clause.resolution_id == Resolution.id)
    # One row beyond the cap: its presence says that the cap was hit (`truncated`).
    return statement.where(*conditions).order_by(clause_id.desc()).limit(MAX_RANKED + 1)


def ranked_candidates(
    candidates: list[tuple[int, float]], after: list[Any] | None
) -> list[tuple[int, float]]:
    """(clause id, score) pairs in `RANKING` order and, given a cursor's `after` values, only
    those past it: what `ORDER BY score DESC, clause_id` and paginate()'s keyset condition
    would do in SQL, on the very floats the database returned (ids are unique, so the order is
    total, and -0.0 ties with 0.0 as in SQL)."""

    def position(clause_id: int, score: float) -> tuple[float, int]:
        return (-score, clause_id)

    ranked = sorted(candidates, key=lambda candidate: position(*candidate))
    if after is None:
        return ranked
    score, clause_id = after
    start = position(clause_id, score)
    return [candidate for candidate in ranked if position(*candidate) > start]


def _hit_rows(session: Session, query: SearchQuery, clause_ids: list[int]) -> dict[int, AnyRow]:
    """What the hits show of these clauses, by clause id: key, kind, their resolution and, on
    PostgreSQL, the highlighted snippet (built for the page's clauses only)."""
    statement = (
        select(Clause.id.label("clause_id"), Clause.key, Clause.kind, *REF_COLUMNS)
        .join(Resolution, Clause.resolution_id == Resolution.id)
        .where(among(session, Clause.id, clause_ids))
    )
    if _is_postgresql(session):
        options = bindparam("headline_options", POSTGRES_HEADLINE, type_=String)
        headline = func.ts_headline(_ENGLISH, Clause.text, _tsquery(query), options)
        statement = statement.add_columns(headline.label("snippet"))
    return {row.clause_id: row for row in session.execute(statement)}


def _sqlite_snippets(session: Session, query: SearchQuery, clause_ids: list[int]) -> dict[int, str]:
    """FTS5 snippets of these clauses: snippet() only runs inside a MATCH query, so the page's
    clauses get a small one of their own rather than a snippet built for every candidate."""
    if not clause_ids:
        return {}
    snippet = func.snippet(
        _FTS_NAME,
        0,
        bindparam("start_mark", MARK_START),
        bindparam("stop_mark", MARK_STOP),
        bindparam("ellipsis", "…"),
        SQLITE_SNIPPET_TOKENS,
    )
    # The page's rows lie among the candidates, the newest matches, so FTS5 walks the few
    # matches between the lowest and highest id. Given `rowid IN (...)` as a constraint, it
    # would run the whole MATCH once per id instead (`+ 0` keeps the list a plain filter).
    statement = select(_FTS.c.rowid, snippet).where(
        _fts_match(query),
        _FTS.c.rowid.between(min(clause_ids), max(clause_ids)),
        (_FTS.c.rowid + 0).in_(clause_ids),
    )
    return dict(session.execute(statement).all())


@contextmanager
def planned_for_the_words(session: Session) -> Iterator[None]:
    """Have PostgreSQL plan each search for its own words, never with a generic plan.

    psycopg prepares a statement once it has run five times on a connection, and PostgreSQL may
    then settle on one generic plan, made without the words. No plan suits every word here: the
    backward scan of the primary key that finds a common word's newest matches at once reads
    the whole table for a rare one, and the GIN index scan a rare word wants ranks every match
    of a common one (on 25,000 resolutions, `international` went from 14 ms to 330 ms on a
    connection that had run a few searches for a less common word). Unprepared, each statement
    is planned with its parameters; planning costs about a millisecond.
    """
    if not _is_postgresql(session):
        yield
        return
    dbapi_connection = session.connection().connection.dbapi_connection
    connection = typing.cast("psycopg.Connection[Any]", dbapi_connection)
    threshold = connection.prepare_threshold
    connection.prepare_threshold = None
    try:
        yield
    finally:
        connection.prepare_threshold = threshold


def search_clauses(session: Session, parameters: SearchParameters, links: Links) -> SearchResults:
    """Clauses matching `parameters.q`, best first, each with a highlighted snippet.

    Only the `MAX_RANKED` most recently loaded matches (after the filters) are ranked, so that
    a common word costs no more than a rare one; `truncated` says that there were more.

    The scan for the candidates is most of a search's time, so it runs once: one statement
    reads their (clause id, score), at most `MAX_RANKED + 1` small rows, which are counted,
    ranked and cut into the page here; a second reads what the page's hits show (on SQLite a
    third, their snippets). The statements read one snapshot (the API's read-only transaction),
    so every clause of the page is still there for the second.
    """
    query = parse_query(parameters.q)
    if query.matches_nothing:
        return SearchResults(KeysetPage.empty(parameters.limit), truncated=False)
    postgresql = _is_postgresql(session)
    statement = _candidates(session, query, parameters)
    after = decode_cursor(parameters.cursor, RANKING) if parameters.cursor is not None else None
    # The newest matches: on PostgreSQL a backward scan of the primary key that stops after
    # MAX_RANKED + 1 matches for a common word, the GIN index and a top-N sort for a rare one;
    # FTS5 walks its doclists backwards. Either way only the candidates are scored.
    with planned_for_the_words(session):
        candidates = [(clause_id, score) for clause_id, score in session.execute(statement)]
    # The page's statements look clauses up by id, a plan that suits every search, so they are
    # left outside: psycopg may prepare them.
    matched = len(candidates)
    limit = parameters.limit
    ranked = ranked_candidates(candidates[:MAX_RANKED], after)
    page = ranked[:limit]
    next_cursor = None
    if len(ranked) > limit:
        clause_id, score = page[-1]
        next_cursor = encode_cursor(RANKING, (score, clause_id))
    clause_ids = [clause_id for clause_id, _ in page]
    rows = _hit_rows(session, query, clause_ids) if page else {}
    snippets = (
        {clause_id: row.snippet for clause_id, row in rows.items()}
        if postgresql
        else _sqlite_snippets(session, query, clause_ids)
    )
    hits = []
    for clause_id, score in page:
        # Always there in the API's snapshot; a caller reading without one (READ COMMITTED)
        # may see a clause deleted between the two statements: it is left out, not a crash.
        if (row := rows.get(clause_id)) is None:
            continue
        hits.append(
            SearchHit(
                resolution=resolution_ref(row, links),
                clause=row.key,
                kind=row.kind,
                snippet=render_snippet(snippets.get(clause_id)),
                score=round(float(score), 6),
                href=links.clause(row.resolution_slug, row.key),
            )
        )
    return SearchResults(
        KeysetPage(
            items=hits,
            total=min(matched, MAX_RANKED),
            limit=limit,
            next_cursor=next_cursor,
        ),
        truncated=matched > MAX_RANKED,
    )
