"""Full-text search of the clauses of a language other than English (`clause_translations`), with
the query syntax of app.services.search, ranked and paged the same way.

PostgreSQL stems with the language's configuration (the generated `search_vector`, migration
0008); SQLite's FTS5 cannot stem French or Russian, so there a word also matches the words it
begins. Chinese is cut into words on both sides (app.core.segmentation); its snippets are cut
from the text as written, since the index holds it cut into words.
"""

from __future__ import annotations

import re
from typing import Any

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
from sqlalchemy.orm import Session

from app.core.links import Links
from app.core.segmentation import CHINESE, query_words
from app.db.models import Clause, ClauseTranslation, Resolution
from app.db.statements import AnyRow, AnySelect
from app.schemas.search import SearchHit, SearchParameters
from app.services.lookup import symbol_filter
from app.services.pagination import KeysetPage, among, decode_cursor, encode_cursor
from app.services.refs import REF_COLUMNS, resolution_ref
from app.services.search import (
    MARK_START,
    MARK_STOP,
    MAX_RANKED,
    POSTGRES_HEADLINE,
    RANKING,
    SQLITE_SNIPPET_TOKENS,
    SearchQuery,
    SearchResults,
    parse_query,
    planned_for_the_words,
    ranked_candidates,
    render_snippet,
)

# PostgreSQL's configuration per language, as in migration 0008 (`simple` for the others).
CONFIGURATIONS = {
    "en": "english",
    "fr": "french",
    "es": "spanish",
    "ru": "russian",
    "de": "german",
}
_VECTOR: ColumnElement[Any] = literal_column("clause_translations.search_vector")
_FTS = table("clause_translations_fts", column("rowid"))
_FTS_NAME: ColumnElement[Any] = literal_column("clause_translations_fts")
_T = ClauseTranslation
# Characters of a Chinese snippet around its first match.
_CHINESE_SNIPPET_CHARS = 60


def language_query(text: str, language: str, *, parameter: str = "q") -> SearchQuery:
    """The query in `language`: Chinese cut into words first."""
    return parse_query(query_words(text) if language == CHINESE else text, parameter=parameter)


def _configuration(language: str) -> ColumnElement[Any]:
    # A name from the fixed table above, never from the request.
    return literal_column(f"'{CONFIGURATIONS.get(language, 'simple')}'::regconfig")


def _is_postgresql(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def _tsquery(query: SearchQuery, language: str) -> ColumnElement[Any]:
    return func.websearch_to_tsquery(
        _configuration(language), bindparam("websearch", query.to_postgres(), type_=String)
    )


def _fts_match(query: SearchQuery, language: str) -> ColumnElement[bool]:
    expression = query.to_fts5(prefix=language != CHINESE)
    return _FTS_NAME.op("MATCH")(bindparam("fts_query", expression, type_=String))


def matching_translated_clause_ids(
    session: Session, query: SearchQuery, language: str
) -> AnySelect:
    """SELECT of the ids of the (English) clauses whose text in `language` matches `query`: for
    `Clause.id.in_(...)`, as app.services.search.matching_clause_ids in English."""
    statement = select(Clause.id).join(
        _T, (_T.resolution_id == Clause.resolution_id) & (_T.key == Clause.key)
    )
    if _is_postgresql(session):
        return statement.where(_T.language == language, _VECTOR.op("@@")(_tsquery(query, language)))
    return statement.join(_FTS, _FTS.c.rowid == _T.id).where(
        _T.language == language, _fts_match(query, language)
    )


def _candidates(
    session: Session, query: SearchQuery, parameters: SearchParameters, language: str
) -> AnySelect:
    """(`clause_id`, `score`) of the newest `MAX_RANKED + 1` matches in `language`; the ids are
    those of `clause_translations`."""
    conditions: list[ColumnElement[bool]] = [_T.language == language]
    if parameters.kind is not None:
        conditions.append(_T.kind == parameters.kind)
    on_resolutions: list[ColumnElement[bool]] = []
    if parameters.resolution is not None:
        on_resolutions.append(
            Resolution.symbol == symbol_filter(parameters.resolution, "resolution")
        )
    if parameters.session is not None:
        on_resolutions.append(Resolution.session == parameters.session)
    if _is_postgresql(session):
        tsquery = _tsquery(query, language)
        score = cast(func.ts_rank(_VECTOR, tsquery), Double)
        statement = select(_T.id.label("clause_id"), score.label("score")).where(
            _VECTOR.op("@@")(tsquery)
        )
    else:
        statement = (
            select(_T.id.label("clause_id"), (-func.bm25(_FTS_NAME)).label("score"))
            .select_from(_FTS)
            .join(_T, _T.id == _FTS.c.rowid)
            .where(_fts_match(query, language))
        )
    if on_resolutions:
        statement = statement.join(Resolution, _T.resolution_id == Resolution.id)
    return (
        statement.where(*conditions, *on_resolutions).order_by(_T.id.desc()).limit(MAX_RANKED + 1)
    )


def _hit_rows(
    session: Session, query: SearchQuery, ids: list[int], language: str
) -> dict[int, AnyRow]:
    statement = (
        select(_T.id.label("clause_id"), _T.key, _T.kind, _T.text, *REF_COLUMNS)
        .join(Resolution, _T.resolution_id == Resolution.id)
        .where(among(session, _T.id, ids))
    )
    if _is_postgresql(session) and language != CHINESE:
        options = bindparam("headline_options", POSTGRES_HEADLINE, type_=String)
        headline = func.ts_headline(
            _configuration(language), _T.text, _tsquery(query, language), options
        )
        statement = statement.add_columns(headline.label("snippet"))
    return {row.clause_id: row for row in session.execute(statement)}


def _sqlite_snippets(
    session: Session, query: SearchQuery, ids: list[int], language: str
) -> dict[int, str]:
    if not ids:
        return {}
    snippet = func.snippet(
        _FTS_NAME,
        0,
        bindparam("start_mark", MARK_START),
        bindparam("stop_mark", MARK_STOP),
        bindparam("ellipsis", "…"),
        SQLITE_SNIPPET_TOKENS,
    )
    statement = select(_FTS.c.rowid, snippet).where(
        _fts_match(query, language),
        _FTS.c.rowid.between(min(ids), max(ids)),
        (_FTS.c.rowid + 0).in_(ids),
    )
    return dict(session.execute(statement).all())


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


def search_translations(
    session: Session, parameters: SearchParameters, links: Links, language: str
) -> SearchResults:
    """`GET /v1/search?lang=...`: as app.services.search.search_clauses, in `language`."""
    query = language_query(parameters.q, language)
    if query.matches_nothing:
        return SearchResults(KeysetPage.empty(parameters.limit), truncated=False)
    after = decode_cursor(parameters.cursor, RANKING) if parameters.cursor is not None else None
    with planned_for_the_words(session):
        candidates = [
            (clause_id, score)
            for clause_id, score in session.execute(
                _candidates(session, query, parameters, language)
            )
        ]
    matched = len(candidates)
    limit = parameters.limit
    ranked = ranked_candidates(candidates[:MAX_RANKED], after)
    page = ranked[:limit]
    next_cursor = None
    if len(ranked) > limit:
        clause_id, score = page[-1]
        next_cursor = encode_cursor(RANKING, (score, clause_id))
    ids = [clause_id for clause_id, _ in page]
    rows = _hit_rows(session, query, ids, language) if page else {}
    if language == CHINESE:
        snippets = {clause_id: chinese_snippet(row.text, query) for clause_id, row in rows.items()}
    elif _is_postgresql(session):
        snippets = {clause_id: row.snippet for clause_id, row in rows.items()}
    else:
        snippets = _sqlite_snippets(session, query, ids, language)
    hits = [
        SearchHit(
            resolution=resolution_ref(row, links),
            clause=row.key,
            kind=row.kind,
            snippet=render_snippet(snippets.get(clause_id)),
            score=round(float(score), 6),
            href=links.clause(row.resolution_slug, row.key, language),
        )
        for clause_id, score in page
        if (row := rows.get(clause_id)) is not None
    ]
    return SearchResults(
        KeysetPage(
            items=hits, total=min(matched, MAX_RANKED), limit=limit, next_cursor=next_cursor
        ),
        truncated=matched > MAX_RANKED,
    )
