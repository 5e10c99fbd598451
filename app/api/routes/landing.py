"""`/` and `/v1`: the landing document, JSON by default and a page for a browser."""

# A first request to the bare host, or to the API's prefix, gets what the API is and links to
# everything else instead of a 404. A client that ranks `text/html` above JSON (a browser) gets the
# same content as a small page with no script.

from __future__ import annotations

from html import escape

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse

from app import __version__
from app.api.deps import SessionDep, base_url
from app.core.attribution import SOURCE_NAME, SOURCE_NOTICE, SOURCE_REPOSITORY
from app.core.languages import LANGUAGES
from app.db.version import current_version
from app.schemas.landing import Landing, Provenance, SourceCredit

router = APIRouter(tags=["about"])

NAME = "Mine Action Resolutions API"
DESCRIPTION = (
    "United Nations General Assembly resolutions on mine action as structured, linked open "
    "data: paragraphs, footnotes, the treaties and organizations they cite, the Inter-Agency "
    "Coordination Group on Mine Action and the follow-ups scheduled for later sessions."
)
PROVENANCE = Provenance(
    source="United Nations General Assembly",
    source_url="https://documents.un.org",
    credit="Resolution texts: United Nations General Assembly, official documents "
    "(source: United Nations). Structure, links and gazetteers: this API.",
    terms="The resolution texts are official documents of the United Nations; their reuse is "
    "subject to the United Nations' terms of use. Credit the United Nations as their source.",
    terms_url="https://www.un.org/en/about-us/terms-of-use",
)
COLLECTIONS = (
    "resolutions",
    "clauses",
    "search",
    "series",
    "treaties",
    "organizations",
    "iacg-members",
    "follow-ups",
    "member-states",
    "subjects",
)
EXPORTS = ("resolutions.jsonl", "clauses.csv", "follow-ups.csv", "citations.csv", "votes.csv")
PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"


def landing(request: Request, session: SessionDep) -> Landing:
    base = base_url(request)
    return Landing(
        name=NAME,
        description=DESCRIPTION,
        api_version=__version__,
        data_version=current_version(session),
        documentation={
            "docs": f"{base}/docs",
            "redoc": f"{base}/redoc",
            "openapi": f"{base}/openapi.json",
        },
        collections={name: f"{base}/v1/{name}" for name in COLLECTIONS},
        exports={name: f"{base}/v1/export/{name}" for name in EXPORTS},
        changes=f"{base}/v1/changes",
        languages=list(LANGUAGES),
        provenance=PROVENANCE,
        official_xml=SourceCredit(name=SOURCE_NAME, url=SOURCE_REPOSITORY, notice=SOURCE_NOTICE),
    )


def wants_html(accept: str) -> bool:
    """Whether `accept` ranks text/html above JSON (a browser's does; a client's default,
    `*/*` or none, does not)."""
    ranks: dict[str, float] = {}
    for part in accept.split(","):
        media_type, *parameters = (piece.strip() for piece in part.split(";"))
        quality = 1.0
        for parameter in parameters:
            name, _, value = parameter.partition("=")
            if name.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        key = media_type.lower()
        ranks[key] = max(quality, ranks.get(key, 0.0))
    html = ranks.get("text/html", 0.0)
    json = max(ranks.get("application/json", 0.0), ranks.get("application/*", 0.0))
    return html > 0 and html > json


def render_page(document: Landing) -> str:
    """The landing document as a small HTML page (every value escaped, no script)."""

    def links(title: str, urls: dict[str, str]) -> str:
        items = "".join(
            f'<li><a href="{escape(url)}">{escape(name)}</a></li>' for name, url in urls.items()
        )
        return f"<h2>{escape(title)}</h2><ul>{items}</ul>"

    provenance = document.provenance
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(document.name)}</title>"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<style>body{font-family:system-ui,sans-serif;max-width:42rem;margin:2rem auto;"
        "padding:0 1rem;line-height:1.5}</style></head><body>"
        f"<h1>{escape(document.name)}</h1><p>{escape(document.description)}</p>"
        f"<p>API version {escape(document.api_version)}, "
        f"data version {document.data_version}.</p>"
        + links("Documentation", document.documentation)
        + links("Collections", document.collections)
        + links("Exports", document.exports)
        + links("Change feed", {"changes": document.changes})
        + "<h2>Provenance and terms</h2>"
        f"<p>{escape(provenance.credit)}</p><p>{escape(provenance.terms)} "
        f'<a href="{escape(provenance.terms_url)}">Terms of use</a>. Official documents: '
        f'<a href="{escape(provenance.source_url)}">{escape(provenance.source_url)}</a>.</p>'
        f"<p>{escape(document.official_xml.notice)}</p>"
        "</body></html>"
    )


def _answer(request: Request, document: Landing) -> JSONResponse | HTMLResponse:
    vary = {"Vary": "Accept"}
    if wants_html(request.headers.get("accept", "")):
        page = HTMLResponse(render_page(document), headers=vary)
        page.headers["Content-Security-Policy"] = PAGE_POLICY
        return page
    return JSONResponse(document.model_dump(mode="json"), headers=vary)


@router.get(
    "/v1",
    response_model=Landing,
    responses={200: {"content": {"text/html": {"schema": {"type": "string"}}}}},
)
def api_root(request: Request, session: SessionDep) -> JSONResponse | HTMLResponse:
    """The API's name and purpose, its version and its data's version, links to the
    documentation, the main collections, the exports and the change feed, and where the data
    comes from (the United Nations) and on what terms. JSON; an HTML page for a client that
    ranks `text/html` first (a browser)."""
    return _answer(request, landing(request, session))


@router.get("/", include_in_schema=False, response_model=None)
def site_root(request: Request, session: SessionDep) -> JSONResponse | HTMLResponse:
    return _answer(request, landing(request, session))
