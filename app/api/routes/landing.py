"""`GET /`: the landing document, crediting the United Nations as the source of the XML."""

from __future__ import annotations

from fastapi import APIRouter

from app.api.deps import LinksDep
from app.core.attribution import SOURCE_NAME, SOURCE_NOTICE, SOURCE_REPOSITORY
from app.core.languages import LANGUAGES
from app.schemas.landing import Landing, LandingLinks, SourceCredit

router = APIRouter(tags=["about"])


@router.get("/", response_model=Landing)
async def landing(links: LinksDep) -> Landing:
    """What the API serves, where to start, and the source of the official texts."""
    return Landing(
        name="Mine Action Resolutions API",
        languages=list(LANGUAGES),
        source=SourceCredit(name=SOURCE_NAME, url=SOURCE_REPOSITORY, notice=SOURCE_NOTICE),
        links=LandingLinks(
            resolutions=links.resolutions(),
            clauses=f"{links.base}/v1/clauses",
            search=f"{links.base}/v1/search",
            docs=f"{links.base}/docs",
            openapi=f"{links.base}/openapi.json",
        ),
    )
