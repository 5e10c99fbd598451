"""Clauses one by one: across all resolutions, within one, and one clause with what it cites."""

# Lists read the `clauses` rows (three queries: count, page, footnote numbers); one clause is cut
# out of the resolution's stored document, which already nests its sub-paragraphs and groups its
# references (one query, two if it cites resolutions).

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select, true
from sqlalchemy.orm import Session, aliased

from app.core.identifiers import CLAUSE_KEY
from app.core.languages import ENGLISH, ENGLISH_CHOICE, LanguageChoice
from app.core.links import Links
from app.db.models import (
    Clause,
    ClauseTranslation,
    Footnote,
    Organization,
    OrganizationCitation,
    Resolution,
    ResolutionVersion,
    Treaty,
    TreatyCitation,
    clause_footnotes,
)
from app.db.models.translation import TRANSLATED_CLAUSE_TEXT
from app.db.statements import AnyRow, AnySelect
from app.errors import NotFound
from app.schemas.clauses import (
    ClauseDetail,
    ClauseFilters,
    ClauseItem,
    ClauseLinks,
    ResolutionClauseFilters,
)
from app.schemas.common import ResolutionRef
from app.schemas.languages import Language
from app.services import search
from app.services.detail import cited_in_database, decorate_references
from app.services.lookup import symbol_filter
from app.services.pagination import KeysetPage, Ordering, ParentWindow, SortKey, among, paginate
from app.services.refs import REF_COLUMNS, resolution_ref
from app.services.stored import served_languages, stored_document, stored_version
from app.services.votes import resolutions_with_subject

# Newest resolutions first (by session and number, never null), each in document order.
ACROSS_RESOLUTIONS = Ordering(
    "clauses:resolution,position",
    (
        SortKey(Resolution.session, int, descending=True),
        SortKey(Resolution.number, int, descending=True),
        SortKey(Resolution.id, int, descending=True),
        SortKey(Clause.position, int),
        SortKey(Clause.id, int),
    ),
)
BY_RESOLUTION = ParentWindow(Resolution.id, width=3)
IN_DOCUMENT_ORDER = Ordering(
    "clauses:position", (SortKey(Clause.position, int), SortKey(Clause.id, int))
)

_PARENT = aliased(Clause)


_REF_WITHOUT_TITLE = tuple(column for column in REF_COLUMNS if column.name != "resolution_title")


def _clause_rows(language: str = ENGLISH) -> AnySelect:
    """The columns of clause items; in another language than English, its text (label, lead,
    verb, text) from `clause_translations`, matched by key, for the clauses that have one, and
    the resolution's title in that language (its English title if that version has none)."""
    if language == ENGLISH:
        texts: tuple[Any, ...] = (Clause.label, Clause.lead, Clause.verb, Clause.text)
        refs: tuple[Any, ...] = REF_COLUMNS
    else:
        texts = TRANSLATED_CLAUSE_TEXT
        refs = (
            *_REF_WITHOUT_TITLE,
            func.coalesce(ResolutionVersion.title, Resolution.title).label("resolution_title"),
        )
    statement = (
        select(
            Clause.id,
            Clause.resolution_id,
            Clause.key,
            Clause.kind,
            Clause.number,
            *texts,
            _PARENT.key.label("parent_key"),
            *refs,
        )
        .join(Resolution, Clause.resolution_id == Resolution.id)
        .outerjoin(_PARENT, Clause.parent_id == _PARENT.id)
    )
    if language != ENGLISH:
        statement = statement.join(ClauseTranslation, _translated(language)).outerjoin(
            ResolutionVersion,
            and_(
                ResolutionVersion.resolution_id == Clause.resolution_id,
                ResolutionVersion.language == language,
                ResolutionVersion.served == true(),
            ),
        )
    return statement


def _translated(language: str) -> ColumnElement[bool]:
    return and_(
        ClauseTranslation.resolution_id == Clause.resolution_id,
        ClauseTranslation.key == Clause.key,
        ClauseTranslation.language == language,
    )


_OTHER = aliased(ClauseTranslation)


def _has_translation(language: str) -> ColumnElement[bool]:
    """The clause has a text in `language` (an alias: the page's query joins the table too)."""
    return (
        select(_OTHER.id)
        .where(
            _OTHER.resolution_id == Clause.resolution_id,
            _OTHER.key == Clause.key,
            _OTHER.language == language,
        )
        .exists()
    )


def _language(lang: Language | None) -> str:
    return ENGLISH if lang is None else str(lang)


def _preferred(choice: LanguageChoice) -> tuple[str, ...]:
    """The languages a choice that is not strict (`Accept-Language`) prefers to English."""
    if choice.strict:
        return ()
    wanted = choice.wanted
    return wanted[: wanted.index(ENGLISH)] if ENGLISH in wanted else wanted


def list_clauses(
    session: Session,
    filters: ClauseFilters,
    links: Links,
    choice: LanguageChoice = ENGLISH_CHOICE,
) -> KeysetPage[ClauseItem]:
    """Clauses across resolutions, newest resolution first, each in document order: in the
    language `lang` names (only the clauses that have it), else each in the best language of
    `choice` its resolution is served in, else in English."""
    language = _language(filters.lang)
    conditions = _conditions(session, filters)
    if conditions is None:
        return KeysetPage.empty(filters.limit)
    if language != ENGLISH:
        conditions.append(_has_translation(language))
    in_window = _conditions(session, filters, within_resolutions=True) or []
    resolution_ids = BY_RESOLUTION.ids(
        session,
        ACROSS_RESOLUTIONS,
        select(Clause.id).where(Clause.resolution_id == Resolution.id, *conditions).exists(),
        limit=filters.limit,
        cursor=filters.cursor,
    )
    counted = select(Clause.id).where(*conditions)
    if filters.session is not None or filters.resolution is not None:
        counted = counted.join(Resolution, Clause.resolution_id == Resolution.id)
    return _page(
        session,
        _clause_rows(language).where(
            *in_window, among(session, Clause.resolution_id, resolution_ids)
        ),
        counted,
        ACROSS_RESOLUTIONS,
        filters.limit,
        filters.cursor,
        links,
        language,
        preferred=() if filters.lang is not None else _preferred(choice),
    )


def list_resolution_clauses(
    session: Session,
    slug: str,
    filters: ResolutionClauseFilters,
    links: Links,
    choice: LanguageChoice = ENGLISH_CHOICE,
) -> KeysetPage[ClauseItem]:
    """The clauses of one resolution in document order, in the language `lang` names, else
    the best of `choice` the resolution is served in, else English; NotFound if there is no
    such resolution (or none of its text in the language `lang` names)."""
    language = _language(filters.lang)
    if filters.lang is None and _preferred(choice):
        language = choice.pick(served_languages(session, slug)) or ENGLISH
    conditions: list[ColumnElement[bool]] = [Resolution.slug == slug]
    if filters.kind is not None:
        conditions.append(Clause.kind == filters.kind)
    if language != ENGLISH:
        conditions.append(_has_translation(language))
    page = _page(
        session,
        _clause_rows(language).where(*conditions),
        select(Clause.id)
        .join(Resolution, Clause.resolution_id == Resolution.id)
        .where(*conditions),
        IN_DOCUMENT_ORDER,
        filters.limit,
        filters.cursor,
        links,
        language,
    )
    if page.total == 0:
        # Nothing listed: no such resolution, or none of its text in that language.
        stored_version(session, slug, LanguageChoice((language,), strict=True))
    return page


def _page(
    session: Session,
    statement: AnySelect,
    count_statement: AnySelect,
    ordering: Ordering,
    limit: int,
    cursor: str | None,
    links: Links,
    language: str,
    *,
    preferred: tuple[str, ...] = (),
) -> KeysetPage[ClauseItem]:
    """The page of clause items; with `preferred` languages (the page read in English), each
    item in the first of them its resolution is served in, where the clause has that text."""
    page = paginate(
        session, statement, ordering, limit=limit, cursor=cursor, count_statement=count_statement
    )
    footnotes = _footnote_numbers(session, [row.id for row in page.items])
    localised = _localised(session, page.items, preferred) if preferred else {}
    return page.with_items(
        [
            _item(row, footnotes.get(row.id, []), links, language, localised.get(row.id))
            for row in page.items
        ]
    )


def _localised(
    session: Session, rows: list[AnyRow], preferred: tuple[str, ...]
) -> dict[int, tuple[str, str, AnyRow]]:
    """(language, resolution title, translated clause row) by clause id, for the clauses of
    `rows` whose resolution is served in one of `preferred` (the first it has); two queries."""
    resolution_ids = sorted({row.resolution_id for row in rows})
    if not resolution_ids:
        return {}
    titles: dict[int, dict[str, str]] = defaultdict(dict)
    for resolution_id, language, title in session.execute(
        select(
            ResolutionVersion.resolution_id, ResolutionVersion.language, ResolutionVersion.title
        ).where(
            ResolutionVersion.resolution_id.in_(resolution_ids),
            ResolutionVersion.language.in_(preferred),
            ResolutionVersion.served == true(),
        )
    ):
        titles[resolution_id][language] = title
    chosen = {
        resolution_id: next(code for code in preferred if code in by_language)
        for resolution_id, by_language in titles.items()
    }
    if not chosen:
        return {}
    translations = {
        (row.resolution_id, row.key): row
        for row in session.execute(
            select(
                ClauseTranslation.resolution_id,
                ClauseTranslation.language,
                ClauseTranslation.key,
                *TRANSLATED_CLAUSE_TEXT,
            ).where(
                ClauseTranslation.resolution_id.in_(list(chosen)),
                ClauseTranslation.language.in_(sorted(set(chosen.values()))),
                ClauseTranslation.key.in_(sorted({row.key for row in rows})),
            )
        )
        if chosen.get(row.resolution_id) == row.language
    }
    localised: dict[int, tuple[str, str, AnyRow]] = {}
    for row in rows:
        translated = translations.get((row.resolution_id, row.key))
        if translated is not None:
            language = chosen[row.resolution_id]
            localised[row.id] = (language, titles[row.resolution_id][language], translated)
    return localised


def _footnote_numbers(session: Session, clause_ids: list[int]) -> dict[int, list[int]]:
    if not clause_ids:
        return {}
    rows = session.execute(
        select(clause_footnotes.c.clause_id, Footnote.number)
        .join(Footnote, clause_footnotes.c.footnote_id == Footnote.id)
        .where(clause_footnotes.c.clause_id.in_(clause_ids))
        .order_by(clause_footnotes.c.clause_id, Footnote.number)
    )
    numbers: dict[int, list[int]] = defaultdict(list)
    for clause_id, number in rows:
        numbers[clause_id].append(number)
    return numbers


def _item(
    row: AnyRow,
    footnotes: list[int],
    links: Links,
    language: str,
    localised: tuple[str, str, AnyRow] | None = None,
) -> ClauseItem:
    resolution = resolution_ref(row, links)
    texts = row
    if localised is not None:
        language, title, texts = localised
        resolution = resolution.model_copy(update={"title": title})
    return ClauseItem(
        resolution=resolution,
        language=Language(language),
        key=row.key,
        kind=row.kind,
        number=row.number,
        label=texts.label,
        lead=texts.lead,
        verb=texts.verb,
        text=texts.text,
        parent=row.parent_key,
        footnotes=footnotes,
        links=ClauseLinks(
            self=links.clause(
                row.resolution_slug, row.key, None if language == ENGLISH else language
            ),
            resolution=links.resolution(row.resolution_slug),
        ),
    )


def _conditions(
    session: Session, filters: ClauseFilters, *, within_resolutions: bool = False
) -> list[ColumnElement[bool]] | None:
    """WHERE conditions for the filters; None when they can match nothing.

    `within_resolutions`: for a query that reads the clauses of a few resolutions (the page of
    `list_clauses`): the verb and lead are then compared through an expression that
    ix_clauses_verb_lower and ix_clauses_lead_lower do not cover (same result), or PostgreSQL
    intersects those resolutions' clauses with every clause of the verb (3 ms at 25,000
    resolutions, against 0.5 ms for reading the resolutions' clauses).
    """
    conditions: list[ColumnElement[bool]] = []
    if filters.kind is not None:
        conditions.append(Clause.kind == filters.kind)
    if filters.verb is not None:
        verb = func.coalesce(Clause.verb, "") if within_resolutions else Clause.verb
        conditions.append(func.lower(verb) == filters.verb.lower())
    if filters.lead is not None:
        lead = func.coalesce(Clause.lead, "") if within_resolutions else Clause.lead
        conditions.append(func.lower(lead) == filters.lead.lower())
    if filters.treaty is not None:
        conditions.append(_cites(TreatyCitation, TreatyCitation.treaty_id, Treaty, filters.treaty))
    if filters.organization is not None:
        conditions.append(
            _cites(
                OrganizationCitation,
                OrganizationCitation.organization_id,
                Organization,
                filters.organization,
            )
        )
    if filters.session is not None:
        conditions.append(Resolution.session == filters.session)
    if filters.resolution is not None:
        conditions.append(Resolution.symbol == symbol_filter(filters.resolution, "resolution"))
    if filters.subject is not None:
        conditions.append(Clause.resolution_id.in_(resolutions_with_subject(filters.subject)))
    if filters.q is not None:
        language = _language(filters.lang)
        query = search.language_query(filters.q, language)
        matching = search.matching_clause_ids(session, query, language)
        if query.matches_nothing:
            return None
        conditions.append(Clause.id.in_(matching))
    return conditions


def _cites(
    citation: type[TreatyCitation] | type[OrganizationCitation],
    target_id: Any,
    target: type[Treaty] | type[Organization],
    key: str,
) -> ColumnElement[bool]:
    """The clause cites `key` in its own text, or in a footnote it carries (pp.2 of 68/72 cites
    the mine-ban convention through footnote 1)."""
    in_text = (
        select(citation.clause_id)
        .join(target, target_id == target.id)
        .where(target.key == key, citation.clause_id.is_not(None))
    )
    in_footnote = (
        select(clause_footnotes.c.clause_id)
        .join(citation, citation.footnote_id == clause_footnotes.c.footnote_id)
        .join(target, target_id == target.id)
        .where(target.key == key)
    )
    return or_(Clause.id.in_(in_text), Clause.id.in_(in_footnote))


def get_clause(
    session: Session,
    slug: str,
    key: str,
    links: Links,
    choice: LanguageChoice = ENGLISH_CHOICE,
) -> ClauseDetail:
    """One clause, cut out of its resolution's stored document in the language `choice` picks
    (English by default); NotFound when the resolution has no text in the language a strict
    choice names."""
    if not CLAUSE_KEY.match(key):
        raise NotFound(f"{key!r} is not a clause key (e.g. pp.2, op.3, op.3.e.ii).")
    stored = stored_document(session, slug, choice)
    document, language = stored.document, stored.language
    found = _find(document, key)
    if found is None:
        raise NotFound(f"Resolution {document['symbol']} has no clause {key}.")
    clause, kind, parent = found
    footnotes = clause["footnotes"]
    places = {key} | {f"fn.{number}" for number in footnotes}
    references = {
        group: [
            {**entry, "cited_in": [place for place in entry["cited_in"] if place in places]}
            for entry in entries
            if places.intersection(entry["cited_in"])
        ]
        for group, entries in document["references"].items()
    }
    in_database = cited_in_database(
        session, [entry["symbol"] for entry in references["resolutions"]]
    )
    resolution = ResolutionRef(
        id=document["id"],
        symbol=document["symbol"],
        title=document["title"],
        session=document["session"],
        adopted_on=document["adopted_on"],
        href=links.resolution(document["id"]),
    )
    return ClauseDetail.model_validate(
        {
            "resolution": resolution,
            "language": language,
            "key": key,
            "kind": kind,
            "number": clause.get("number"),
            "label": clause.get("label"),
            "lead": clause.get("lead"),
            "verb": clause.get("verb"),
            "text": clause["text"],
            "parent": parent,
            "footnotes": footnotes,
            "links": {
                "self": links.clause(
                    document["id"], key, None if language == ENGLISH else language
                ),
                "resolution": resolution.href,
            },
            "subparagraphs": clause.get("subparagraphs", []),
            "notes": [
                {"number": note["number"], "text": note["text"]}
                for note in document["footnotes"]
                if note["number"] in footnotes
            ],
            "references": decorate_references(references, in_database, links),
        }
    )


def _find(document: dict[str, Any], key: str) -> tuple[dict[str, Any], str, str | None] | None:
    """(clause, kind, parent key) for `key` in the document's paragraph tree."""
    for clause, kind, parent in _walk(document):
        if clause["key"] == key:
            return clause, kind, parent
    return None


def _walk(document: dict[str, Any]) -> Iterator[tuple[dict[str, Any], str, str | None]]:
    for paragraph in document["preamble"]:
        yield paragraph, "preambular", None
    for paragraph in document["operative"]:
        yield paragraph, "operative", None
        yield from _walk_subparagraphs(paragraph)


def _walk_subparagraphs(
    parent: dict[str, Any],
) -> Iterator[tuple[dict[str, Any], str, str | None]]:
    for child in parent.get("subparagraphs", []):
        yield child, "subparagraph", parent["key"]
        yield from _walk_subparagraphs(child)
