"""The ingest's trace for the change feed, on SQLite and PostgreSQL: an event per insert and
replacement, none for an unchanged text, and a deletion that removes everything but the event;
the data version advanced with each of them."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app.core.timestamps import as_utc
from app.db.models import DataVersion, Resolution, ResolutionEvent
from app.db.version import current_version
from app.ingest.loader import load_resolution
from app.ingest.reference_data import ReferenceIds, upsert_reference_data
from app.ingest.removal import delete_resolution
from app.ingest.summary import FileOutcome
from tests.ingest import factories
from tests.ingest.snapshots import CHILD_TABLES, table_counts
from tests.ingest.test_loader import rows_for


@pytest.fixture
def reference(db_session: Session) -> ReferenceIds:
    return upsert_reference_data(db_session, factories.gazetteer())


def events(session: Session) -> list[tuple[str, str, str]]:
    rows = session.execute(
        select(ResolutionEvent.action, ResolutionEvent.symbol, ResolutionEvent.slug).order_by(
            ResolutionEvent.id
        )
    )
    return [(row.action, row.symbol, row.slug) for row in rows]


def test_insert_and_replace_leave_an_event_at_the_resolutions_updated_at(
    db_session: Session, reference: ReferenceIds
) -> None:
    parsed = factories.resolution()
    assert load_resolution(db_session, rows_for(parsed), reference) is FileOutcome.INSERTED
    assert load_resolution(db_session, rows_for(parsed), reference) is FileOutcome.UNCHANGED
    assert load_resolution(db_session, rows_for(parsed, "b" * 64), reference) is FileOutcome.UPDATED
    assert events(db_session) == [
        ("created", "A/RES/68/72", "A-RES-68-72"),
        ("updated", "A/RES/68/72", "A-RES-68-72"),
    ]
    updated_at = db_session.scalar(select(Resolution.updated_at))
    last = db_session.scalar(select(func.max(ResolutionEvent.occurred_at)))
    assert updated_at is not None
    assert last is not None
    assert as_utc(last) == as_utc(updated_at)


def test_the_predecessor_is_stored_with_the_resolution(
    db_session: Session, reference: ReferenceIds
) -> None:
    load_resolution(db_session, rows_for(factories.resolution()), reference)
    stored = db_session.scalar(select(Resolution.previous_symbol))
    assert stored == "A/RES/66/69"


def test_delete_removes_every_row_and_records_the_deletion(
    db_session: Session, reference: ReferenceIds
) -> None:
    load_resolution(db_session, rows_for(factories.resolution()), reference)
    assert any(table_counts(db_session)[table] for table in CHILD_TABLES)
    at = datetime(2026, 11, 28, 12, 0, 0, 123456, tzinfo=UTC)

    assert delete_resolution(db_session, "A/RES/68/72", at=at) == "A-RES-68-72"

    assert db_session.scalar(select(Resolution.id)) is None
    assert all(table_counts(db_session)[table] == 0 for table in CHILD_TABLES)
    assert events(db_session)[-1] == ("deleted", "A/RES/68/72", "A-RES-68-72")
    occurred = db_session.scalar(
        select(ResolutionEvent.occurred_at).where(ResolutionEvent.action == "deleted")
    )
    assert occurred is not None
    assert as_utc(occurred) == at
    assert delete_resolution(db_session, "A/RES/68/72") is None
    assert len(events(db_session)) == 2


def test_every_change_advances_the_data_version_and_nothing_else_does(
    db_session: Session, reference: ReferenceIds
) -> None:
    seen = [current_version(db_session)]

    def advanced() -> bool:
        seen.append(current_version(db_session))
        return seen[-1] > seen[-2]

    parsed = factories.resolution()
    load_resolution(db_session, rows_for(parsed), reference)
    assert advanced()
    load_resolution(db_session, rows_for(parsed), reference)  # unchanged
    assert not advanced()
    load_resolution(db_session, rows_for(parsed, "b" * 64), reference)
    assert advanced()
    load_resolution(db_session, rows_for(parsed, "b" * 64), reference, force=True)
    assert advanced()
    delete_resolution(db_session, "A/RES/68/72")
    assert advanced()
    delete_resolution(db_session, "A/RES/68/72")  # absent
    assert not advanced()


def test_a_version_set_back_by_a_restore_is_never_issued_again(
    db_session: Session, reference: ReferenceIds
) -> None:
    """After a restore, the next change gets a number above every one issued before it: the
    database clock in microseconds, never reached again."""
    load_resolution(db_session, rows_for(factories.resolution()), reference)
    issued = current_version(db_session)
    assert issued > 1_700_000_000 * 10**6  # microseconds since 1970: after November 2023
    time.sleep(0.002)  # SQLite's clock counts milliseconds
    db_session.execute(update(DataVersion).values(version=1))  # the backup's number
    load_resolution(db_session, rows_for(factories.resolution("A/RES/69/69")), reference)
    assert current_version(db_session) > issued
