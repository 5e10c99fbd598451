"""The resolution detail is served as serialised by the service, without the response model."""

# These tests hold the two together: for every bundled resolution, on both databases, the bytes of
# `GET /v1/resolutions/{id}` are what `ResolutionDetail` would have written. And the series links,
# found with a few bounded queries instead of every member of the series, are those of the whole
# series sorted by adoption (undated members last), on series with ties and gaps.

from __future__ import annotations

import itertools
import json
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.languages import ENGLISH_CHOICE
from app.core.links import Links
from app.db.models import Resolution, ResolutionVersion
from app.schemas.resolutions import ResolutionDetail
from app.services.detail import detail_document
from app.services.related import related_rows, series_members, series_neighbours, series_position
from app.services.stored import StoredDocument, stored_version
from tests.databases import engine_for


def test_every_detail_is_what_the_model_would_write(client: TestClient, corpus_url: str) -> None:
    engine = engine_for(corpus_url)
    try:
        with Session(engine) as session:
            slugs = session.scalars(select(Resolution.slug).order_by(Resolution.slug)).all()
            links = Links("http://testserver")
            expected = {
                slug: ResolutionDetail.model_validate(
                    detail_document(
                        stored := stored_version(session, slug, ENGLISH_CHOICE),
                        related_rows(session, [stored]),
                        links,
                    )
                ).model_dump(mode="json")
                for slug in slugs
            }
    finally:
        engine.dispose()
    assert len(slugs) == 49
    for slug in slugs:
        response = client.get(f"/v1/resolutions/{slug}")
        assert response.status_code == 200, response.text
        assert response.headers["content-type"] == "application/json"
        assert "Accept" in [part.strip() for part in response.headers["vary"].split(",")]
        body = response.json()
        assert body == expected[slug], slug
        # Same fields in the same order as the model (what /openapi.json documents).
        assert list(body) == list(expected[slug])
        assert "footnote_offsets" not in response.text


def test_a_mine_action_resolution_links_its_series(client: TestClient) -> None:
    body = client.get("/v1/resolutions/A-RES-72-75").json()
    # The neighbours in the database; the predecessor it recalls (70/80) is not bundled.
    assert body["links"]["previous"] == "http://testserver/v1/resolutions/A-RES-68-72"
    assert body["links"]["next"] == "http://testserver/v1/resolutions/A-RES-76-74"
    assert body["series"]["previous"]["symbol"] == "A/RES/70/80"
    assert body["series"]["previous"]["in_database"] is False
    assert body["updated_at"].endswith("Z")


# --- series links against the whole series --------------------------------------------------

_DATES = [date(2001, 12, 1), date(2001, 12, 1), date(2003, 12, 5), None, date(1999, 11, 30), None]


def _insert_series(session: Session, key: str, first: int = 700) -> list[Resolution]:
    """A series with equal dates, undated members and members recalling the same one."""
    rows = []
    for index, adopted_on in enumerate(_DATES):
        session_number = 90 + index % 3
        symbol = f"A/RES/{session_number}/{first + index}"
        recalls = f"A/RES/90/{first + (index - 2 if index >= 2 else 0)}" if index else None
        document = {"symbol": symbol, "references": {"resolutions": []}}
        row = Resolution(
            symbol=symbol,
            slug=symbol.replace("/", "-"),
            body="General Assembly",
            session=session_number,
            number=first + index,
            title=key,
            adopted_on=adopted_on,
            series_key=key,
            previous_symbol=recalls,
            versions=[
                ResolutionVersion(
                    language="en",
                    source_format="markdown",
                    source_file=f"{symbol}.md",
                    text_sha256="0" * 64,
                    title=key,
                    document=document,
                    served=True,
                )
            ],
        )
        session.add(row)
        rows.append(row)
    session.flush()
    return rows


def _whole_series(session: Session, key: str) -> list[Any]:
    return list(session.execute(select(Resolution).where(Resolution.series_key == key)).scalars())


def _expected(stored: StoredDocument, everything: list[Any]) -> tuple[Any, Any, Any]:
    previous, following = series_neighbours(everything, stored.id)
    recallers = sorted(
        (m for m in everything if m.previous_symbol == stored.member.symbol),
        key=lambda m: (m.adopted_on or date.max, m.session, m.number, m.id),
    )
    return (
        previous.id if previous else None,
        following.id if following else None,
        recallers[0].symbol if recallers else None,
    )


def _found(stored: StoredDocument, members: list[Any]) -> tuple[Any, Any, Any]:
    previous, following = series_neighbours(members, stored.id)
    related = {m.symbol: m for m in members}
    position = series_position(stored, members, related, Links("http://x"))
    assert position is not None
    recaller = position["next"]["symbol"] if position["next"] else None
    return (previous.id if previous else None, following.id if following else None, recaller)


def test_series_links_match_the_whole_series(db_session: Session) -> None:
    rows = _insert_series(db_session, "a series with ties and gaps")
    everything = _whole_series(db_session, "a series with ties and gaps")
    for row in rows:
        stored = stored_version(db_session, row.slug, ENGLISH_CHOICE)
        members = series_members(stored, related_rows(db_session, [stored]))
        # Bounded: the neighbours and a recaller, not the series.
        assert len(members) <= 5
        assert _found(stored, members) == _expected(stored, everything), row.symbol


def test_series_links_of_documents_fetched_together(db_session: Session) -> None:
    """The bulk export asks for many documents of several series at once."""
    rows = _insert_series(db_session, "first series") + _insert_series(db_session, "second", 800)
    everything = {key: _whole_series(db_session, key) for key in ("first series", "second")}
    for batch in itertools.combinations(rows, 3):
        stored = [stored_version(db_session, row.slug, ENGLISH_CHOICE) for row in batch]
        related = related_rows(db_session, stored)
        for each in stored:
            assert each.series_key is not None
            members = series_members(each, related)
            assert _found(each, members) == _expected(each, everything[each.series_key])


@pytest.mark.parametrize("slug", ["A-RES-68-72", "A-RES-76-74"])
def test_the_served_bytes_are_compact_json(client: TestClient, slug: str) -> None:
    response = client.get(f"/v1/resolutions/{slug}")
    assert (
        response.content
        == json.dumps(response.json(), ensure_ascii=False, separators=(",", ":")).encode()
    )
