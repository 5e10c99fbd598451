"""Keep the stored details (app/services/stored_details.py) equal to the rows: the transaction of
a change deletes those of the resolution changed and of every one whose detail shows something of
it (served live meanwhile); the job renders what is missing once, after its last file."""

# What another resolution's detail shows of a resolution R is R's identity (its row's
# MEMBER_COLUMNS: id, slug, symbol, series, recalled symbol, adoption date, session, number)
# and whether it exists: a resolution citing R says whether R is here and links to it; the
# one R recalls names R as `series.next`; one recalling R names it as `series.previous`; the
# neighbours of R in adoption order within its series link to it as `links.previous`/`next`.
# Nothing else of R (its text, languages, citations) appears in another detail. So a change
# that leaves R's identity as it was re-renders R alone; a new, deleted or re-identified R
# re-renders those related to it as it was and as it is.
#
# The version is advanced (its row locked until the commit) before the dependents are read:
# on PostgreSQL two jobs then re-render one after the other, and the second sees what the
# first committed; on SQLite a writer holds the database from its first statement anyway.

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import cast

from sqlalchemy import Engine, Table, delete, select
from sqlalchemy.orm import Session

from app.db.models import Resolution, ResolutionCitation
from app.db.session import build_sessionmaker
from app.db.version import advance_version, lock_version
from app.services.related import series_neighbour_candidates, series_neighbours
from app.services.stored import MEMBER_COLUMNS, Member
from app.services.stored_details import (
    STORED_DETAILS,
    all_resolution_ids,
    missing_resolution_ids,
    store_details,
)

_RESOLUTIONS = cast(Table, Resolution.__table__)
_CITATIONS = cast(Table, ResolutionCitation.__table__)


def identity_of(session: Session, symbol: str) -> Member | None:
    """What other details show of the resolution `symbol` (None: it is not in the database)."""
    row = session.execute(select(*MEMBER_COLUMNS).where(Resolution.symbol == symbol)).first()
    return Member.of(row) if row is not None else None


def invalidate_after_change(
    session: Session, symbol: str, before: Member | None, after: Member | None = None
) -> set[int]:
    """Delete the stored details that changing the resolution `symbol` (whose identity was
    `before`, and is `after` if the caller knows it) makes stale; the ids of their
    resolutions. Call it last, after every write of the change."""
    advance_version(session)
    if after is None:
        after = identity_of(session, symbol)
    affected = {state.id for state in (before, after) if state is not None}
    if before != after:
        states = [state for state in (before, after) if state is not None]
        affected |= dependents(session, symbol, states)
    session.execute(delete(STORED_DETAILS).where(STORED_DETAILS.c.resolution_id.in_(affected)))
    return affected


def refresh_after_change(session: Session, symbol: str, before: Member | None) -> int:
    """As `invalidate_after_change`, then render those details again in the same transaction;
    how many bodies were written."""
    return store_details(session, invalidate_after_change(session, symbol, before))


def refresh_everything(session: Session) -> int:
    """Re-render every detail (the reference data changed, or the rendering did)."""
    advance_version(session)
    return store_details(session, all_resolution_ids(session))


def dependents(session: Session, symbol: str, states: Iterable[Member]) -> set[int]:
    """The resolutions whose detail shows the resolution `symbol` in any of these `states`."""
    found = set(
        session.scalars(
            select(_CITATIONS.c.resolution_id).where(_CITATIONS.c.cited_symbol == symbol)
        )
    )
    found.update(
        session.scalars(select(_RESOLUTIONS.c.id).where(_RESOLUTIONS.c.previous_symbol == symbol))
    )
    for state in states:
        if state.previous_symbol:
            found.update(
                session.scalars(
                    select(_RESOLUTIONS.c.id).where(_RESOLUTIONS.c.symbol == state.previous_symbol)
                )
            )
        if state.series_key:
            found.update(_neighbours(session, state))
    return found


def _neighbours(session: Session, state: Member) -> set[int]:
    """The members just before and after `state` in its series, the others as they are now
    (a few indexed rows, not the whole series: reading every member made each new resolution
    of a long series cost more than the one before)."""
    members = series_neighbour_candidates(session, state)
    previous, following = series_neighbours([*members, state], state.id)
    return {member.id for member in (previous, following) if member is not None}


# Resolutions rendered per transaction: each transaction holds the data version's row (and so
# other writers) for about as long as a batch of ingested files would.
RENDER_BATCH = 100


def render_all(engine: Engine) -> int:
    """`python -m app.ingest --render-only`: every stored detail rendered again (the rendering
    changed, so the data version advances); how many bodies were written."""
    return _render(engine, all_resolution_ids, advance_version)


def missing_batches(engine: Engine) -> list[list[int]]:
    """The resolutions with no stored detail (those a change made stale, and any an interrupted
    job left), by batch: each one for `render_batch`, in any order or side by side (on
    PostgreSQL; on SQLite each waits for the other). Their bodies are those the API renders
    live meanwhile, so the data version stays."""
    return _batches(engine, missing_resolution_ids)


def render_batch(engine: Engine, ids: list[int]) -> int:
    """Render the details of the resolutions `ids` in one transaction, holding the data
    version (app.db.version.lock_version) from the start: a concurrent change then commits
    either before the batch reads its rows or after it stored them, and deletes what it made
    stale. How many bodies were written."""
    with build_sessionmaker(engine).begin() as session:
        lock_version(session)
        return store_details(session, ids)


def _render(
    engine: Engine, select_ids: Callable[[Session], list[int]], lock: Callable[[Session], None]
) -> int:
    """Render the resolutions `select_ids` names, a batch per transaction, each after `lock`."""
    sessions = build_sessionmaker(engine)
    written = 0
    for ids in _batches(engine, select_ids):
        with sessions.begin() as session:
            lock(session)
            written += store_details(session, ids)
    return written


def _batches(engine: Engine, select_ids: Callable[[Session], list[int]]) -> list[list[int]]:
    with build_sessionmaker(engine)() as session:
        ids = select_ids(session)
    return [ids[start : start + RENDER_BATCH] for start in range(0, len(ids), RENDER_BATCH)]
