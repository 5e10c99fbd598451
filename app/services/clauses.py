"""Clauses one by one: across all resolutions, within one, and one clause with what it cites."""

# Lists read the `clauses` rows (three queries: count, page, footnote numbers); one clause is cut
# out of the resolution's stored document, which already nests its sub-paragraphs and groups its
# references (one query, two if it cites resolutions).

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session, aliased

from app.core.identifiers import CLAUSE_KEY
from app.core.languages import ENGLISH, LanguageChoice
from app.core.links import Links
from app.db.models import (
    Clause,
    ClauseTranslation,
    Footnote,
    Organization,
    OrganizationCitation,
    Resolution,
    Treaty,
    TreatyCitation,
    clause_footnotes,
)
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
from app.services.stored import stored_document, stored_version
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


def _clause_rows(language: str = ENGLISH) -> AnySelect:
    """The columns of clause items; in another language than English, its text (label, lead,
    verb, text) from `clause_translations`, matched by key, for the clauses that have one."""
    if language == ENGLISH:
        texts: tuple[Any, ...] = (Clause.label, Clause.lead, Clause.verb, Clause.text)
    else:
        texts = (
            ClauseTranslation.label,
            ClauseTranslation.lead,
            ClauseTranslation.verb,
            ClauseTranslation.text,
        )
    statement = (
        select(
            Clause.id,
            Clause.key,
            Clause.kind,
            Clause.number,
            *texts,
            _PARENT.key.label("parent_key"),
            *REF_COLUMNS,
        )
        .join(Resolution, Clause.resolution_id == Resolution.id)
        .outerjoin(_PARENT, Clause.parent_id == _PARENT.id)
    )
    if language != ENGLISH:
        statement = statement.join(ClauseTranslation, _translated(language))
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


def list_clauses(session: Session, filters: ClauseFilters, links: Links) -> KeysetPage[ClauseItem]:
    """Clauses across resolutions, newest resolution first, each in document order."""
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
    )


def list_resolution_clauses(
    session: Session, slug: str, filters: ResolutionClauseFilters, links: Links
) -> KeysetPage[ClauseItem]:
    """The clauses of one resolution in document order; NotFound if there is no such resolution."""
    language = _language(filters.lang)
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
) -> KeysetPage[ClauseItem]:
    page = paginate(
        session, statement, ordering, limit=limit, cursor=cursor, count_statement=count_statement
    )
    footnotes = _footnote_numbers(session, [row.id for row in page.items])
    return page.with_items(
        [_item(row, footnotes.get(row.id, []), links, language) for row in page.items]
    )


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


def _item(row: AnyRow, footnotes: list[int], links: Links, language: str) -> ClauseItem:
    return ClauseItem(
        resolution=resolution_ref(row, links),
        key=row.key,
        kind=row.kind,
        number=row.number,
        label=row.label,
        lead=row.lead,
        verb=row.verb,
        text=row.text,
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
    session: Session, slug: str, key: str, links: Links, lang: Language | None = None
) -> ClauseDetail:
    """One clause, cut out of its resolution's stored document in `lang` (English by
    default); NotFound when the resolution has no text in that language."""
    if not CLAUSE_KEY.match(key):
        raise NotFound(f"{key!r} is not a clause key (e.g. pp.2, op.3, op.3.e.ii).")
    if lang is None:
        document = stored_document(session, slug).document
    else:
        choice = LanguageChoice((str(lang),), strict=True)
        document = stored_version(session, slug, choice).document
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
            "key": key,
            "kind": kind,
            "number": clause.get("number"),
            "label": clause.get("label"),
            "lead": clause.get("lead"),
            "verb": clause.get("verb"),
            "text": clause["text"],
            "parent": parent,
            "footnotes": footnotes,
            "links": {"self": links.clause(document["id"], key), "resolution": resolution.href},
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
