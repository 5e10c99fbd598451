"""`/v1/resolutions`: the list, one resolution in full (JSON or Akoma Ntoso), its clauses, and what
changed since the previous resolution of its series."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request, Response
from sqlalchemy.orm import Session

from app.api.deps import (
    LazySessionDep,
    LinksDep,
    ResolutionIdDep,
    SessionDep,
    in_thread,
    redirect_symbol_path,
)
from app.api.formats import AKN_XML, AknXmlResponse, JsonBytesResponse, prefers
from app.api.languages import LangQuery
from app.api.pages import PagerDep
from app.api.render_cache.cache import Body, Rendered
from app.api.render_cache.kept import kept_entry, rendered
from app.api.render_cache.stored import stored_detail
from app.api.responses import MOVED, NOT_FOUND, Responses, item_responses, list_responses
from app.core.languages import LanguageChoice, choose_language
from app.schemas.clauses import ClauseDetail, ClausePage, ResolutionClauseFilters
from app.schemas.resolutions import ResolutionDetail, ResolutionFilters, ResolutionPage
from app.schemas.series import ResolutionChanges
from app.schemas.votes import ResolutionVotes
from app.services import clauses, detail, resolutions, series, votes

router = APIRouter(prefix="/v1/resolutions", tags=["resolutions"])

_AKN_EXAMPLE = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">\n'
    '  <statement name="resolution" contains="originalVersion">...</statement>\n'
    "</akomaNtoso>\n"
)
AKN_CONTENT = {AKN_XML: {"schema": {"type": "string"}, "example": _AKN_EXAMPLE}}


def _with_akn(responses: Responses, *, only: bool = False) -> Responses:
    """`responses` whose 200 also (or only) offers the Akoma Ntoso XML."""
    ok = dict(responses[200])
    ok["content"] = AKN_CONTENT
    if only:
        ok["description"] = "The resolution as Akoma Ntoso 3.0 XML."
    return {**responses, 200: ok}


@router.get("", response_model=ResolutionPage, responses=list_responses())
async def list_resolutions(
    filters: Annotated[ResolutionFilters, Query()],
    session: SessionDep,
    links: LinksDep,
    pager: PagerDep,
) -> JsonBytesResponse:
    """Resolutions, newest first by default, with their paragraph and follow-up counts.

    Filters combine with AND. `q` keeps resolutions with at least one clause matching the
    full-text search; `treaty`, `organization` and `cites` keep those that cite it anywhere
    (clauses or footnotes).
    """
    return await pager(
        session, ResolutionPage, lambda s: resolutions.list_resolutions(s, filters, links)
    )


@router.get(
    "/{id}",
    response_model=ResolutionDetail,
    responses=_with_akn(item_responses(NOT_FOUND, MOVED)),
)
async def get_resolution(
    id: ResolutionIdDep,
    request: Request,
    sessions: LazySessionDep,
    links: LinksDep,
    lang: LangQuery = None,
) -> Any:
    """One resolution in full, in a language.

    Metadata; preambular and operative paragraphs with nested sub-paragraphs; footnotes and
    the clauses citing them; the resolutions, UN documents, treaties and organizations it cites
    and where (a cited resolution says whether it is in the database); the entities it lists in
    the Inter-Agency Coordination Group on Mine Action; what it schedules for later sessions;
    its place in its series (what it recalls, what recalls it); and links, including the
    previous and next resolution of the same series in the database.

    The language is `lang`, else the best of `Accept-Language` the resolution has, else
    English; `language` says which, `source` where its text came from (the UN's official
    XML or a parsed text, the file and its SHA-256), and `languages` lists every language it
    has, with links. Clause keys are the same in every language; what is cited and where is
    the English version's.

    With `Accept: application/akn+xml` (ranked above `application/json`) the answer is the
    Akoma Ntoso XML of `GET /v1/resolutions/{id}/akn`.
    """
    vary = DETAIL_VARY
    choice = choose_language(lang, request.headers.get("accept-language"))
    if prefers(request.headers.get("accept"), AKN_XML):
        akn = await in_thread(await sessions.open(), detail.resolution_akn, id, choice)
        return AknXmlResponse(akn, headers={"Vary": vary})

    # Sent as serialised by the service: the route's response_model documents it, and
    # tests/api/test_detail_document.py holds the bytes to that model. Kept in memory per data
    # version, worker and language asked for; else read from the body stored at ingest; else
    # (no current stored row: a 404, a new rendering format) rendered (app/api/render_cache).
    def render(session: Session) -> Body:
        body, language = detail.resolution_json(session, id, links, choice)
        return body, {"Content-Language": language}

    entry = await kept_or_stored_detail(request, id, choice, links.base)
    if entry is None:
        key = ("detail", id, links.base, *choice.key)
        entry = await rendered(request, await sessions.open(), key, render)
    return entry.response(request, vary=vary)


DETAIL_VARY = "Accept, Accept-Language"


async def kept_or_stored_detail(
    request: Request, slug: str, choice: LanguageChoice, base: str
) -> Rendered | None:
    """The detail of `slug` kept in memory, else from its stored row; None when it must be
    rendered. Also what app.api.hot answers with, before FastAPI's routing."""
    key = ("detail", slug, base, *choice.key)
    entry = await kept_entry(request, key)
    return entry if entry is not None else await stored_detail(request, slug, choice, base)


@router.get(
    "/{id}/akn",
    response_class=AknXmlResponse,
    responses=_with_akn(item_responses(NOT_FOUND, MOVED), only=True),
)
def get_resolution_akn(
    id: ResolutionIdDep, request: Request, session: SessionDep, lang: LangQuery = None
) -> AknXmlResponse:
    """The resolution as Akoma Ntoso 3.0 XML (OASIS LegalDocML), in the language of `lang`
    (or `Accept-Language`, else English).

    For a text that came from the United Nations' official AKN4UN XML, that XML exactly as
    published (an unofficial copy for informational purposes; source: United Nations,
    UNxml/GAresolutions). For a parsed text, the project's own rendering, as the UN's AKN4UN
    guidelines apply it: `akomaNtoso/statement[@name='resolution']` with FRBR identification
    (`/akn/un/statement/deliberation/un-ga/2013-12-11/68-72`), TLC references for the
    organizations and treaties, preface, preamble, mainBody (paragraphs, nested points),
    conclusions, footnotes as `authorialNote` where they are cited, and `ref` elements for
    cited resolutions. Valid against the official `akomantoso30.xsd`.
    """
    choice = choose_language(lang, request.headers.get("accept-language"))
    return AknXmlResponse(
        detail.resolution_akn(session, id, choice), headers={"Vary": "Accept-Language"}
    )


@router.get(
    "/{id}/changes",
    response_model=ResolutionChanges,
    responses=item_responses(NOT_FOUND, MOVED),
)
def get_resolution_changes(
    id: ResolutionIdDep, session: SessionDep, links: LinksDep
) -> ResolutionChanges:
    """What changed from the previous resolution of the same series **in the database** to
    this one, paragraph by paragraph.

    The resolution compared against is `links.previous` of `GET /v1/resolutions/{id}`: the
    latest earlier resolution of the series that this API has. That is the predecessor the
    resolution recalls (`recalls`) when that one is in the database (`consecutive: true`);
    otherwise the changes span the missing versions too. In the bundled corpus A/RES/76/74
    recalls A/RES/74/80, which is absent, so it is compared with A/RES/72/75.

    Paragraphs are matched by wording, not by number (paragraphs are inserted, dropped and
    renumbered from one year to the next), preambular with preambular and operative with
    operative. Each is `new`, `removed`, `unchanged` or `changed`; a changed one has a
    word-level `diff`, and `moved` says it changed places. A 404 says why when there is no
    earlier resolution of the series in the database.
    """
    return series.compare_with_previous(session, id, links)


@router.get(
    "/{id}/clauses",
    response_model=ClausePage,
    responses=list_responses(NOT_FOUND, MOVED),
)
async def list_resolution_clauses(
    id: ResolutionIdDep,
    filters: Annotated[ResolutionClauseFilters, Query()],
    request: Request,
    session: SessionDep,
    links: LinksDep,
    pager: PagerDep,
) -> JsonBytesResponse:
    """The clauses of one resolution in document order: preamble, then each operative paragraph
    followed by its sub-paragraphs.

    In the language of `lang`, else the best of `Accept-Language` the resolution has, else
    English (`Content-Language` says which; each item's `language` too)."""
    choice = choose_language(filters.lang, request.headers.get("accept-language"))
    return await pager(
        session,
        ClausePage,
        lambda s: clauses.list_resolution_clauses(s, id, filters, links, choice),
        choice=choice,
    )


@router.get(
    "/{id}/clauses/{key}",
    response_model=ClauseDetail,
    responses=item_responses(NOT_FOUND, MOVED),
)
def get_clause(
    id: ResolutionIdDep,
    request: Request,
    response: Response,
    key: Annotated[
        str,
        Path(
            description="Clause key: `pp.N`, `op.N`, then sub-paragraph labels.",
            examples=["op.3.e.ii"],
            max_length=64,
        ),
    ],
    session: SessionDep,
    links: LinksDep,
    lang: LangQuery = None,
) -> ClauseDetail:
    """One clause with its nested sub-paragraphs, the text of its footnotes, and what it cites
    in its text or its footnotes, in the language of `lang`, else the best of
    `Accept-Language` the resolution has, else English (`Content-Language` and `language` say
    which; the key is the same in every language, and what it cites is the English clause's)."""
    choice = choose_language(lang, request.headers.get("accept-language"))
    clause = clauses.get_clause(session, id, key, links, choice)
    response.headers["Content-Language"] = str(clause.language)
    response.headers["Vary"] = "Accept-Language"
    return clause


@router.get(
    "/{id}/votes",
    response_model=ResolutionVotes,
    responses=item_responses(NOT_FOUND, MOVED),
)
def get_resolution_votes(id: ResolutionIdDep, session: SessionDep, links: LinksDep) -> Any:
    """How the resolution was adopted and, for a recorded vote, the States in favour, against
    and abstaining (by name, with their keys), with the counts the official record states.

    A resolution adopted without a vote has no lists. A resolution read from a text (before
    the UN's official XML, session 74) has no official record: `adoption` is null and
    `reason` says so. Where the stated counts and the lists disagree, the lists are given and
    `discrepancy` says how.
    """
    return votes.resolution_votes(session, id, links)


@router.get("/{reference:path}", include_in_schema=False)
def resolve_symbol(reference: str, request: Request, session: SessionDep) -> None:
    """A symbol with its slashes (`A/RES/68/72`, `68/72`, optionally followed by `/clauses`)
    redirects to the canonical URL."""
    raise redirect_symbol_path(request, session, reference)
