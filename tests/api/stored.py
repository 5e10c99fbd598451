"""Reading the stored details (app/services/stored_details.py) of a test database, and comparing
them with a live rendering of the same rows."""

from __future__ import annotations

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from app.api.render_cache.stored import fill_base
from app.core.languages import LanguageChoice
from app.core.links import Links
from app.db.models import Resolution, StoredDetail
from app.services.detail import resolution_json
from app.services.stored import versions_of
from app.services.stored_details import STORED_DETAILS
from tests.databases import engine_for

BASE = "http://testserver"


def stored_hash(url: str, slug: str, language: str) -> str:
    engine = engine_for(url)
    try:
        with engine.connect() as connection:
            found = connection.execute(
                select(StoredDetail.content_hash).where(
                    StoredDetail.slug == slug, StoredDetail.language == language
                )
            ).scalar_one()
    finally:
        engine.dispose()
    return str(found)


def stored_bodies(reader: Session | Connection, base: str = BASE) -> dict[tuple[str, str], bytes]:
    """(slug, language) -> the stored body with its links on `base`."""
    rows = reader.execute(
        select(STORED_DETAILS.c.slug, STORED_DETAILS.c.language, STORED_DETAILS.c.body)
    )
    return {(slug, language): fill_base(bytes(body), base) for slug, language, body in rows}


def live_bodies(session: Session, base: str = BASE) -> dict[tuple[str, str], bytes]:
    """(slug, language) -> the live rendering, for every language each resolution is served in."""
    resolutions = session.execute(select(Resolution.id, Resolution.slug)).all()
    versions = versions_of(session, [row.id for row in resolutions])
    links = Links(base)
    bodies = {}
    for resolution_id, slug in resolutions:
        for language in sorted({v.language for v in versions.get(resolution_id, ()) if v.served}):
            choice = LanguageChoice((language,), strict=True)
            bodies[slug, language] = resolution_json(session, slug, links, choice)[0]
    return bodies
