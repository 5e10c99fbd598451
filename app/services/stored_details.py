"""Each resolution's detail rendered once per language and stored (`stored_details`): what
`GET /v1/resolutions/{id}` sends, with a placeholder for the base of its links."""

# The body is the live rendering (app.services.detail.resolution_json) made with the links'
# base set to a NUL character, which JSON writes `\u0000`: a link is then `"\u0000/v1/...`, and
# filling in a request's base is one bytes.replace of that token (app/api/stored_bodies.py).
# No text holds a NUL (XML cannot; a body where `\u0000` appears other than as a link's base is
# not stored and that detail is rendered live), so the token only ever marks a link.
#
# Callers own the transaction: the ingest deletes what a change makes stale in the transaction
# of the change and renders it after (app/ingest/stored_refresh.py), so a stored body never
# disagrees with the rows.

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import cast

from sqlalchemy import Table, delete, insert, select
from sqlalchemy.orm import Session

from app.core.languages import ENGLISH_CHOICE, LanguageChoice
from app.core.links import Links
from app.db.models import Resolution, StoredDetail
from app.errors import NotFound
from app.services.detail import detail_document, dump_json
from app.services.related import related_rows
from app.services.stored import stored_version

# Raise it whenever the rendering changes (a field, an order, a link): rows of another format
# are ignored by the API and re-rendered by `python -m app.ingest --render-only`.
RENDERING_FORMAT = 1

PLACEHOLDER_BASE = "\x00"
# How a link's base looks in a stored body: the opening quote, the escaped NUL, the API prefix.
PLACEHOLDER_LINK = b'"\\u0000/v1/'
_ESCAPED_NUL = b"\\u0000"

STORED_DETAILS = cast(Table, StoredDetail.__table__)
_RESOLUTIONS = cast(Table, Resolution.__table__)


@dataclass(frozen=True, slots=True)
class DetailBody:
    """One stored detail: its key, the body with placeholders, and that body's SHA-256."""

    slug: str
    language: str
    body: bytes
    content_hash: str


def render_details(session: Session, slug: str) -> list[DetailBody]:
    """The detail of `slug` in every language it is served in, as stored; none when it has
    no text to serve (the API then answers as the live rendering does)."""
    links = Links(PLACEHOLDER_BASE)
    try:
        first = stored_version(session, slug, ENGLISH_CHOICE)
    except NotFound:
        return []
    # What the detail takes from other rows is the same in every language.
    related = related_rows(session, [first])
    bodies = []
    for language in first.available:
        stored = (
            first
            if language == first.language
            else stored_version(session, slug, LanguageChoice((language,), strict=True))
        )
        body = dump_json(detail_document(stored, related, links))
        if body.count(_ESCAPED_NUL) != body.count(PLACEHOLDER_LINK):
            continue  # a NUL in the text itself: rendered live
        bodies.append(DetailBody(slug, language, body, hashlib.sha256(body).hexdigest()))
    return bodies


def store_details(session: Session, resolution_ids: Iterable[int]) -> int:
    """Render and store again the details of these resolutions (those that no longer exist
    are skipped); how many bodies were written."""
    ids = sorted(set(resolution_ids))
    written = 0
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        session.execute(delete(STORED_DETAILS).where(STORED_DETAILS.c.resolution_id.in_(chunk)))
        rows = session.execute(
            select(_RESOLUTIONS.c.id, _RESOLUTIONS.c.slug).where(_RESOLUTIONS.c.id.in_(chunk))
        ).all()
        for resolution_id, slug in rows:
            written += _insert(session, resolution_id, render_details(session, slug))
    return written


def _insert(session: Session, resolution_id: int, bodies: Sequence[DetailBody]) -> int:
    if bodies:
        session.execute(
            insert(STORED_DETAILS),
            [
                {
                    "slug": detail.slug,
                    "language": detail.language,
                    "resolution_id": resolution_id,
                    "format": RENDERING_FORMAT,
                    "content_hash": detail.content_hash,
                    "body": detail.body,
                }
                for detail in bodies
            ],
        )
    return len(bodies)


def all_resolution_ids(session: Session) -> list[int]:
    return list(session.scalars(select(_RESOLUTIONS.c.id).order_by(_RESOLUTIONS.c.id)))


def missing_resolution_ids(session: Session) -> list[int]:
    """The resolutions with no stored detail in any language."""
    stored = select(STORED_DETAILS.c.resolution_id).where(
        STORED_DETAILS.c.resolution_id == _RESOLUTIONS.c.id
    )
    return list(
        session.scalars(
            select(_RESOLUTIONS.c.id).where(~stored.exists()).order_by(_RESOLUTIONS.c.id)
        )
    )
