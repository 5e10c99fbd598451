"""Full-text search over clauses, footnotes and titles in every language, with one query
syntax on PostgreSQL and SQLite, ranked and paged as one list of hits."""

# The syntax is PostgreSQL's `websearch_to_tsquery`: words (all required), `"quoted phrases"`,
# `or` between alternatives and `-word` / `-"a phrase"` to exclude. `parse_query` reads it once;
# PostgreSQL gets it back as a normalized websearch string (the server does the stemming), SQLite
# gets an FTS5 MATCH expression in which every term is a quoted string of plain word characters,
# so no user input is ever FTS5 syntax, and neither is ever SQL (both are bound parameters).
#
#   landmines "cluster munitions" -victims or "explosive remnants"
#   -> PostgreSQL: "landmines" "cluster munitions" -"victims" or "explosive remnants"
#   -> FTS5:       (("landmines" AND "cluster munitions") NOT ("victims")) OR ("explosive remnants")
#
# Where the texts are (`index_of`): English clauses and footnotes in `clauses` and `footnotes`,
# the other languages' in `clause_translations` and `footnote_translations`, every language's
# titles in `resolution_versions` (the served version). PostgreSQL stems with the language's
# text-search configuration (generated `search_vector` columns, migrations 0001, 0008, 0009);
# SQLite's FTS5 stems English clauses and footnotes (porter) and nothing else, so there a word
# of another language, or of a title, also matches the words it begins. Chinese is cut into
# words on both sides (app.core.segmentation); its snippets are cut from the text as written.

from __future__ import annotations

import html
import re
import typing
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from enum import IntEnum
from functools import cache
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    ARRAY,
    ColumnElement,
    Double,
    Integer,
    String,
    Table,
    Text,
    any_,
    bindparam,
    cast,
    column,
    func,
    literal_column,
    null,
    select,
    table,
    true,
    union_all,
)
from sqlalchemy.orm import Session

from app.core.languages import ENGLISH
from app.core.links import Links
from app.core.segmentation import CHINESE, query_words
from app.db.models import (
    Clause,
    ClauseTranslation,
    Footnote,
    FootnoteTranslation,
    Resolution,
    ResolutionVersion,
)
from app.db.models.clause import clause_footnotes
from app.db.statements import AnyRow, AnySelect
from app.errors import InvalidFilter
from app.schemas.search import SearchHit, SearchParameters, SearchPlace
from app.services.lookup import symbol_filter
from app.services.pagination import (
    KeysetPage,
    Ordering,
    SortKey,
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

# How many matches of each place (clauses, footnotes, titles) a search ranks: the most recently
# loaded ones (the highest ids). Ranking every match costs time in proportion to how many there
# are (`international` is in a quarter of all clauses); a bounded set of candidates keeps a
# common word about as fast as a rare phrase. Filters (`resolution`, `session`, `kind`, `in`)
# apply before the cap, and a search that matches more reports `truncated`, so the cut is never
# silent.
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


# --- Where the texts are ----------------------------------------------------------------------

# PostgreSQL's configuration per language, as in migrations 0008 and 0009 (`simple` for the
# others: Arabic, and Chinese once cut into words).
CONFIGURATIONS = {
    "en": "english",
    "fr": "french",
    "es": "spanish",
    "ru": "russian",
    "de": "german",
}


class Place(IntEnum):
    """Where a hit is; the value orders the places of a page's statements."""

    CLAUSE = 0
    FOOTNOTE = 1
    TITLE = 2

    @property
    def label(self) -> SearchPlace:
        return typing.cast("SearchPlace", self.name.lower())


@dataclass(frozen=True, slots=True)
class Index:
    """The texts of one place in one language: their table, the column shown, and the rows of
    the language (the served version, for titles)."""

    place: Place
    table: Table
    text: str
    conditions: tuple[ColumnElement[bool], ...]
    # Its FTS5 table stems English (porter); the others match a word by its beginning.
    stemmed_on_sqlite: bool

    @property
    def vector(self) -> ColumnElement[Any]:
        return literal_column(f"{self.table.name}.search_vector")

    @property
    def fts(self) -> Any:
        return _fts_table(self.table.name)

    @property
    def fts_name(self) -> ColumnElement[Any]:
        return literal_column(f"{self.table.name}_fts")


@cache
def _fts_table(name: str) -> Any:
    # One object per table: SQLAlchemy takes two objects of one name for two tables.
    return table(f"{name}_fts", column("rowid"))


def index_of(place: Place, language: str) -> Index:
    """Where the texts of `place` in `language` are searched."""
    if place is Place.TITLE:
        versions = typing.cast(Table, ResolutionVersion.__table__)
        served = (versions.c.language == language, versions.c.served == true())
        return Index(place, versions, "title", served, stemmed_on_sqlite=False)
    if language == ENGLISH:
        english = Clause if place is Place.CLAUSE else Footnote
        return Index(place, typing.cast(Table, english.__table__), "text", (), True)
    translated = ClauseTranslation if place is Place.CLAUSE else FootnoteTranslation
    rows = typing.cast(Table, translated.__table__)
    return Index(place, rows, "text", (rows.c.language == language,), stemmed_on_sqlite=False)


def language_query(text: str, language: str, *, parameter: str = "q") -> SearchQuery:
    """The query in `language`: Chinese cut into words first."""
    return parse_query(query_words(text) if language == CHINESE else text, parameter=parameter)


# --- SQL -------------------------------------------------------------------------------------


def _is_postgresql(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def _configuration(language: str) -> ColumnElement[Any]:
    # A name from the fixed table above, never from the request.
    return literal_column(f"'{CONFIGURATIONS.get(language, 'simple')}'::regconfig")


def _tsquery(query: SearchQuery, language: str) -> ColumnElement[Any]:
    return func.websearch_to_tsquery(
        _configuration(language), bindparam("websearch", query.to_postgres(), type_=String)
    )


def _fts_match(query: SearchQuery, index: Index, language: str) -> ColumnElement[bool]:
    expression = query.to_fts5(prefix=not index.stemmed_on_sqlite and language != CHINESE)
    # One name per place: a statement over several places binds each its own expression.
    name = f"fts_{index.place.name.lower()}"
    return index.fts_name.op("MATCH")(bindparam(name, expression, type_=String))


def _among(session: Session, column: Any, ids: Sequence[int], name: str) -> ColumnElement[bool]:
    """app.services.pagination.among, with a parameter name of its own per place."""
    if _is_postgresql(session):
        return typing.cast(
            ColumnElement[bool],
            column == any_(bindparam(name, list(ids), type_=ARRAY(Integer))),
        )
    return typing.cast(ColumnElement[bool], column.in_(list(ids)))


def matching_clause_ids(session: Session, query: SearchQuery, language: str = ENGLISH) -> AnySelect:
    """SELECT of the ids of the (English) clauses whose text in `language` matches `query` (use
    with `Clause.id.in_(...)`)."""
    index = index_of(Place.CLAUSE, language)
    if language == ENGLISH:
        if _is_postgresql(session):
            return select(Clause.id).where(index.vector.op("@@")(_tsquery(query, language)))
        return select(index.fts.c.rowid).where(_fts_match(query, index, language))
    rows = index.table
    statement = select(Clause.id).join(
        rows, (rows.c.resolution_id == Clause.resolution_id) & (rows.c.key == Clause.key)
    )
    if _is_postgresql(session):
        return statement.where(*index.conditions, index.vector.op("@@")(_tsquery(query, language)))
    return statement.join(index.fts, index.fts.c.rowid == rows.c.id).where(
        *index.conditions, _fts_match(query, index, language)
    )


def matching_resolution_ids(session: Session, query: SearchQuery) -> AnySelect:
    """SELECT of the ids of the resolutions that match `query` (in English) in a clause, a
    footnote or their title."""
    selects = []
    for place in Place:
        index = index_of(place, ENGLISH)
        rows = index.table
        if _is_postgresql(session):
            statement = select(rows.c.resolution_id).where(
                *index.conditions, index.vector.op("@@")(_tsquery(query, ENGLISH))
            )
        else:
            statement = (
                select(rows.c.resolution_id)
                .join(index.fts, index.fts.c.rowid == rows.c.id)
                .where(*index.conditions, _fts_match(query, index, ENGLISH))
            )
        selects.append(statement)
    return union_all(*selects)  # type: ignore[return-value]


def render_snippet(raw: str | None) -> str:
    """The database's snippet as HTML: text escaped, highlights as <mark>...</mark>."""
    escaped = html.escape(raw or "", quote=False)
    return escaped.replace(MARK_START, "<mark>").replace(MARK_STOP, "</mark>")


# Characters of a Chinese snippet around its first match.
_CHINESE_SNIPPET_CHARS = 60


def chinese_snippet(text: str, query: SearchQuery) -> str:
    """The passage of a Chinese text around its first match, the query's words marked."""
    words = sorted(
        {
            token
            for alternative in query.alternatives
            for term in alternative.required
            for token in term.tokens
        },
        key=len,
        reverse=True,
    )
    first = min((text.find(word) for word in words if word in text), default=0)
    start = max(0, first - _CHINESE_SNIPPET_CHARS // 3)
    passage = text[start : start + _CHINESE_SNIPPET_CHARS]
    if words:
        # One pass, longest words first: a word inside a longer one is not marked twice.
        pattern = re.compile("|".join(re.escape(word) for word in words))
        passage = pattern.sub(lambda match: f"{MARK_START}{match[0]}{MARK_STOP}", passage)
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + _CHINESE_SNIPPET_CHARS < len(text) else ""
    return prefix + passage + suffix


# --- Ranked search ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SearchResults:
    """A page of hits, and whether more matched than were ranked (`MAX_RANKED` per place)."""

    page: KeysetPage[SearchHit]
    truncated: bool


# The order of the hits, under the name their cursors carry: best score first, then the lowest
# hit number (`hit_number`). The ranking is done in Python (`ranked_candidates`), so the keys'
# expressions only label them. A clause's hit number is its id, so cursors have the shape and
# meaning they had when only clauses were searched, and those clients hold stay valid.
RANKING = Ordering(
    "search:score",
    (SortKey(column("score"), float, descending=True), SortKey(column("clause_id"), int)),
)


def hit_number(place: Place, row_id: int) -> int:
    """One integer per hit, unique across places: a clause's id; below zero, a footnote's
    (even) or a title's (odd), so that they never collide with a clause."""
    if place is Place.CLAUSE:
        return row_id
    return -2 * row_id - (place is Place.TITLE)


def hit_place(number: int) -> tuple[Place, int]:
    """The place and row id of a hit number (the inverse of `hit_number`)."""
    if number > 0:
        return Place.CLAUSE, number
    place = Place.TITLE if -number % 2 else Place.FOOTNOTE
    return place, -number // 2


def _places(parameters: SearchParameters) -> tuple[Place, ...]:
    if parameters.kind is not None:  # a kind of clause: footnotes and titles have none
        return () if parameters.in_ not in (None, "clause") else (Place.CLAUSE,)
    if parameters.in_ is not None:
        return (Place[parameters.in_.upper()],)
    return tuple(Place)


def _candidates(
    session: Session,
    query: SearchQuery,
    parameters: SearchParameters,
    language: str,
    places: tuple[Place, ...],
) -> AnySelect:
    """SELECT of the (`place`, `id`, `score`) of the newest `MAX_RANKED + 1` matches of each
    place; the score is the relevance (higher is better). The filters apply inside, so that the
    cap never drops a match that a filter keeps; the texts' own table is joined (on SQLite) and
    resolutions are, only for a condition on them."""
    branches = []
    for place in places:
        index = index_of(place, language)
        rows = index.table
        conditions = list(index.conditions)
        if parameters.kind is not None:
            conditions.append(rows.c.kind == parameters.kind)
        on_resolutions: list[ColumnElement[bool]] = []
        if parameters.resolution is not None:
            symbol = symbol_filter(parameters.resolution, "resolution")
            on_resolutions.append(Resolution.symbol == symbol)
        if parameters.session is not None:
            on_resolutions.append(Resolution.session == parameters.session)
        code: ColumnElement[int] = literal_column(str(int(place))).label("place")
        score: ColumnElement[float]
        if _is_postgresql(session):
            tsquery = _tsquery(query, language)
            row_id: Any = rows.c.id
            # ts_rank is a float4, which the driver reads back rounded; as a float8 the score
            # round-trips exactly through a cursor, so the next page compares the same floats.
            score = cast(func.ts_rank(index.vector, tsquery), Double)
            statement = select(code, row_id.label("id"), score.label("score")).where(
                index.vector.op("@@")(tsquery)
            )
        else:
            row_id = index.fts.c.rowid
            # bm25 is lower for better matches; negated so that both backends rank descending.
            score = -func.bm25(index.fts_name)
            statement = (
                select(code, row_id.label("id"), score.label("score"))
                .select_from(index.fts)
                .where(_fts_match(query, index, language))
            )
            if conditions or on_resolutions:
                statement = statement.join(rows, rows.c.id == row_id)
        if on_resolutions:
            statement = statement.join(Resolution, rows.c.resolution_id == Resolution.id)
        # One row beyond the cap: its presence says that the cap was hit (`truncated`).
        statement = statement.where(*conditions, *on_resolutions)
        branches.append(statement.order_by(row_id.desc()).limit(MAX_RANKED + 1))
    if len(branches) == 1:
        return branches[0]
    # Each branch keeps its own ORDER BY and LIMIT inside a subquery.
    return union_all(*(select(*branch.subquery().c) for branch in branches))  # type: ignore[return-value]


def ranked_candidates(
    candidates: list[tuple[int, float]], after: list[Any] | None
) -> list[tuple[int, float]]:
    """(hit number, score) pairs in `RANKING` order and, given a cursor's `after` values, only
    those past it: what `ORDER BY score DESC, hit number` and paginate()'s keyset condition
    would do in SQL, on the very floats the database returned (hit numbers are unique, so the
    order is total, and -0.0 ties with 0.0 as in SQL)."""

    def position(number: int, score: float) -> tuple[float, int]:
        return (-score, number)

    ranked = sorted(candidates, key=lambda candidate: position(*candidate))
    if after is None:
        return ranked
    score, number = after
    start = position(number, score)
    return [candidate for candidate in ranked if position(*candidate) > start]


def _cited_by(index: Index) -> ColumnElement[Any]:
    """The clauses citing each footnote, as `position:key` words (ordered in Python): the
    English footnote's citations, for a translated footnote of the same number."""
    rows = index.table
    keys = func.aggregate_strings(cast(Clause.position, String) + ":" + Clause.key, " ")
    statement = select(keys).join(clause_footnotes, clause_footnotes.c.clause_id == Clause.id)
    if rows.name == Footnote.__tablename__:
        statement = statement.where(clause_footnotes.c.footnote_id == rows.c.id)
    else:
        statement = statement.join(Footnote, Footnote.id == clause_footnotes.c.footnote_id).where(
            Footnote.resolution_id == rows.c.resolution_id, Footnote.number == rows.c.number
        )
    return statement.correlate(rows).scalar_subquery()


def _hit_rows(
    session: Session, query: SearchQuery, language: str, ids: dict[Place, list[int]]
) -> dict[tuple[Place, int], AnyRow]:
    """What the hits show, by (place, row id), in one statement: clause key and kind, footnote
    number and citing clauses, the text, the resolution and, on PostgreSQL, the highlighted
    snippet (built for the page's hits only)."""
    headlines = _is_postgresql(session) and language != CHINESE
    branches = []
    for place, row_ids in ids.items():
        index = index_of(place, language)
        rows = index.table
        clause = place is Place.CLAUSE
        footnote = place is Place.FOOTNOTE
        columns: list[Any] = [
            literal_column(str(int(place))).label("place"),
            rows.c.id.label("id"),
            (rows.c.key if clause else cast(null(), String)).label("key"),
            (rows.c.kind if clause else cast(null(), String)).label("kind"),
            (rows.c.number if footnote else cast(null(), Integer)).label("number"),
            (_cited_by(index) if footnote else cast(null(), Text)).label("cited"),
            cast(rows.c[index.text], Text).label("text"),
            *REF_COLUMNS,
        ]
        if headlines:
            options = bindparam("headline_options", POSTGRES_HEADLINE, type_=String)
            headline = func.ts_headline(
                _configuration(language), rows.c[index.text], _tsquery(query, language), options
            )
            columns.append(headline.label("snippet"))
        branches.append(
            select(*columns)
            .join(Resolution, rows.c.resolution_id == Resolution.id)
            .where(_among(session, rows.c.id, row_ids, f"ids_{place.name.lower()}"))
        )
    statement = branches[0] if len(branches) == 1 else union_all(*branches)
    return {(Place(row.place), row.id): row for row in session.execute(statement)}


def _sqlite_snippets(
    session: Session, query: SearchQuery, language: str, ids: dict[Place, list[int]]
) -> dict[tuple[Place, int], str]:
    """FTS5 snippets of the page's hits, in one statement: snippet() only runs inside a MATCH
    query, so the page's rows get a small one of their own rather than a snippet built for
    every candidate."""
    branches = []
    for place, row_ids in ids.items():
        index = index_of(place, language)
        snippet = func.snippet(
            index.fts_name,
            0,
            bindparam("start_mark", MARK_START),
            bindparam("stop_mark", MARK_STOP),
            bindparam("ellipsis", "…"),
            SQLITE_SNIPPET_TOKENS,
        )
        fts = index.fts
        # The page's rows lie among the candidates, the newest matches, so FTS5 walks the few
        # matches between the lowest and highest id. Given `rowid IN (...)` as a constraint, it
        # would run the whole MATCH once per id instead (`+ 0` keeps the list a plain filter).
        branches.append(
            select(literal_column(str(int(place))).label("place"), fts.c.rowid, snippet).where(
                _fts_match(query, index, language),
                fts.c.rowid.between(min(row_ids), max(row_ids)),
                (fts.c.rowid + 0).in_(row_ids),
            )
        )
    statement = branches[0] if len(branches) == 1 else union_all(*branches)
    return {(Place(place), row_id): text for place, row_id, text in session.execute(statement)}


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


def _cited_keys(cited: str | None) -> list[str]:
    """`12:op.3 2:pp.2` as `["pp.2", "op.3"]`: the keys in document order."""
    pairs = {
        (int(position), key)
        for position, _, key in (w.partition(":") for w in (cited or "").split())
    }
    return [key for _, key in sorted(pairs)]


def search_texts(
    session: Session, parameters: SearchParameters, links: Links, language: str = ENGLISH
) -> SearchResults:
    """Clauses, footnotes and titles in `language` matching `parameters.q`, best first, each
    with a highlighted snippet and where it is.

    Only the `MAX_RANKED` most recently loaded matches of each place (after the filters) are
    ranked, so that a common word costs no more than a rare one; `truncated` says that there
    were more.

    The scan for the candidates is most of a search's time, so it runs once: one statement
    reads their (place, id, score), at most `MAX_RANKED + 1` small rows a place, which are
    counted, ranked and cut into the page here; a second reads what the page's hits show (on
    SQLite a third, their snippets). The statements read one snapshot (the API's read-only
    transaction), so every hit of the page is still there for the second.
    """
    query = language_query(parameters.q, language)
    places = _places(parameters)
    if query.matches_nothing or not places:
        return SearchResults(KeysetPage.empty(parameters.limit), truncated=False)
    statement = _candidates(session, query, parameters, language, places)
    after = decode_cursor(parameters.cursor, RANKING) if parameters.cursor is not None else None
    # The newest matches: on PostgreSQL a backward scan of the primary key that stops after
    # MAX_RANKED + 1 matches for a common word, the GIN index and a top-N sort for a rare one;
    # FTS5 walks its doclists backwards. Either way only the candidates are scored.
    with planned_for_the_words(session):
        found = session.execute(statement).all()
    # The page's statements look rows up by id, a plan that suits every search, so they are
    # left outside: psycopg may prepare them.
    by_place: dict[Place, list[tuple[int, float]]] = {}
    for place, row_id, score in found:
        by_place.setdefault(Place(place), []).append((row_id, score))
    candidates: list[tuple[int, float]] = []
    truncated = False
    for place, matches in by_place.items():
        matches.sort(reverse=True)  # newest first: the cap keeps the newest
        truncated = truncated or len(matches) > MAX_RANKED
        candidates += [(hit_number(place, row_id), score) for row_id, score in matches[:MAX_RANKED]]
    limit = parameters.limit
    ranked = ranked_candidates(candidates, after)
    page = ranked[:limit]
    next_cursor = None
    if len(ranked) > limit:
        number, score = page[-1]
        next_cursor = encode_cursor(RANKING, (score, number))
    ids: dict[Place, list[int]] = {}
    for number, _ in page:
        place, row_id = hit_place(number)
        ids.setdefault(place, []).append(row_id)
    ids = dict(sorted(ids.items()))
    rows = _hit_rows(session, query, language, ids) if page else {}
    if language == CHINESE:
        snippets = {key: chinese_snippet(row.text, query) for key, row in rows.items()}
    elif _is_postgresql(session):
        snippets = {key: row.snippet for key, row in rows.items()}
    else:
        snippets = _sqlite_snippets(session, query, language, ids) if page else {}
    lang = None if language == ENGLISH else language
    hits = []
    for number, score in page:
        key = hit_place(number)
        # Always there in the API's snapshot; a caller reading without one (READ COMMITTED)
        # may see a row deleted between the two statements: it is left out, not a crash.
        if (row := rows.get(key)) is None:
            continue
        place = key[0]
        hits.append(
            SearchHit(
                resolution=resolution_ref(row, links),
                in_=place.label,
                clause=row.key,
                kind=row.kind,
                footnote=row.number,
                cited_by=_cited_keys(row.cited),
                snippet=render_snippet(snippets.get(key)),
                score=round(float(score), 6),
                href=(
                    links.clause(row.resolution_slug, row.key, lang)
                    if place is Place.CLAUSE
                    else links.resolution(row.resolution_slug, lang)
                ),
            )
        )
    return SearchResults(
        KeysetPage(items=hits, total=len(candidates), limit=limit, next_cursor=next_cursor),
        truncated=truncated,
    )


def search_clauses(session: Session, parameters: SearchParameters, links: Links) -> SearchResults:
    """`search_texts` in English (the name the search has had)."""
    return search_texts(session, parameters, links, ENGLISH)
