"""Upsert the curated gazetteer (treaties, organizations) and link each entry to its parent."""

# Runs at the start of every ingest, so a gazetteer edited in a release reaches the database with
# the next ingest. Only entries that differ are written (`updated_at` then means "changed").
# Entries no longer in the gazetteer stay: citations may still point at them.

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import Table, bindparam, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, aliased

from app.db.models import MemberState, Organization, Treaty
from app.db.version import advance_version
from app.document.model import Gazetteer
from app.ingest.rows import check_lengths
from app.ingest.stored_refresh import refresh_everything
from app.reference.loader import load_member_states
from app.reference.member_states import MemberStates

# Any constant works: it only has to differ from the per-resolution lock keys (see loader).
_REFERENCE_LOCK_KEY = 0x6D61_7265_6600_0001


@dataclass(frozen=True, slots=True)
class ReferenceIds:
    """Gazetteer key -> row id, for the citations and IACG listings of the resolutions, and
    the votes and sponsorships of their official record."""

    treaties: dict[str, int]
    organizations: dict[str, int]
    member_states: dict[str, int] = field(default_factory=dict)


def upsert_reference_data(
    session: Session, gazetteer: Gazetteer, states: MemberStates | None = None
) -> ReferenceIds:
    """Insert new entries, update changed ones, set parents; the caller commits."""
    if session.get_bind().dialect.name == "postgresql":
        # Two jobs starting together would otherwise race on the same keys.
        session.execute(select(func.pg_advisory_xact_lock(_REFERENCE_LOCK_KEY)))
    treaties, treaties_changed = _sync(
        session,
        Treaty,
        [
            {
                "key": entry.key,
                "name": entry.name,
                "short_name": entry.short_name,
                "aliases": list(entry.aliases),
                "year": entry.year,
                "treaty_series": entry.treaty_series,
            }
            for entry in gazetteer.treaties
        ],
        {entry.key: entry.parent for entry in gazetteer.treaties},
    )
    organizations, organizations_changed = _sync(
        session,
        Organization,
        [
            {
                "key": entry.key,
                "name": entry.name,
                "acronym": entry.acronym,
                "aliases": list(entry.aliases),
                "kind": entry.kind,
            }
            for entry in gazetteer.organizations
        ],
        {entry.key: entry.parent for entry in gazetteer.organizations},
    )
    member_states, states_changed = _sync_states(session, states or load_member_states())
    if treaties_changed or organizations_changed or states_changed:
        advance_version(session)  # names and aliases appear in the API's answers
        refresh_everything(session)  # and so in every stored detail
    return ReferenceIds(treaties=treaties, organizations=organizations, member_states=member_states)


def _sync_states(session: Session, states: MemberStates) -> tuple[dict[str, int], bool]:
    """Key -> id of every State of the gazetteer (upserted), and whether any row was written."""
    table = cast(Table, MemberState.__table__)
    wanted = [
        {
            "key": entry.key,
            "name": entry.name,
            "vote_name": entry.vote_name,
            "iso3": entry.iso3,
            "unterm": entry.unterm,
            "status": str(entry.status),
            "aliases": list(entry.aliases),
        }
        for entry in states.entries
    ]
    current = {row.key: row for row in session.execute(select(table))}
    for values in wanted:
        check_lengths(table, values, f"Member State {values['key']}")
    changed = _upsert_changed(session, table, wanted, current, datetime.now(UTC))
    return dict(session.execute(select(table.c.key, table.c.id)).all()), changed


def _sync(
    session: Session,
    model: type[Treaty] | type[Organization],
    wanted: Sequence[dict[str, Any]],
    parents: dict[str, str | None],
) -> tuple[dict[str, int], bool]:
    """Key -> id of every entry, and whether any row was written."""
    table = cast(Table, model.__table__)
    parent = aliased(model)
    current = {
        row.key: row
        for row in session.execute(
            select(table, parent.key.label("parent_key")).outerjoin(
                parent, parent.id == table.c.parent_id
            )
        )
    }
    for values in wanted:
        check_lengths(table, values, f"gazetteer entry {values['key']}")
    now = datetime.now(UTC)
    changed = _upsert_changed(session, table, wanted, current, now)
    ids = dict(session.execute(select(table.c.key, table.c.id)).all())
    relinks = []
    for key, parent_key in parents.items():
        linked = current[key].parent_key if key in current else None
        # A parent missing from the gazetteer leaves the entry without one rather than failing.
        wanted_parent = parent_key if parent_key in ids else None
        if linked != wanted_parent:
            new_parent_id = ids[wanted_parent] if wanted_parent else None
            relinks.append({"row_id": ids[key], "new_parent_id": new_parent_id})
    if relinks:
        session.execute(
            update(table)
            .where(table.c.id == bindparam("row_id"))
            .values(parent_id=bindparam("new_parent_id"), updated_at=now),
            relinks,
        )
    return ids, bool(changed or relinks)


def _upsert_changed(
    session: Session,
    table: Table,
    wanted: Sequence[dict[str, Any]],
    current: dict[str, Any],
    now: datetime,
) -> bool:
    """Write the entries of `wanted` that are new or differ from their `current` row (by key)."""
    columns = [name for name in wanted[0] if name != "key"] if wanted else []
    changed = [
        {**values, "updated_at": now}
        for values in wanted
        if values["key"] not in current
        or any(getattr(current[values["key"]], name) != values[name] for name in columns)
    ]
    if changed:
        insert = (
            postgresql.insert(table)
            if session.get_bind().dialect.name == "postgresql"
            else sqlite.insert(table)
        )
        session.execute(
            insert.on_conflict_do_update(
                index_elements=[table.c.key],
                set_={name: insert.excluded[name] for name in [*columns, "updated_at"]},
            ),
            changed,
        )
    return bool(changed)
