"""The loader on SQLite and PostgreSQL: insert, unchanged, replace, reference data, statements."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from sqlalchemy import delete, event, select
from sqlalchemy.orm import Session

from app.db.models import Organization, Resolution, ResolutionVersion, Treaty
from app.db.version import current_version
from app.document.model import Clause, ClauseKind, Gazetteer, ParsedResolution
from app.ingest.loader import load_resolution
from app.ingest.reference_data import ReferenceIds, upsert_reference_data
from app.ingest.rows import ResolutionRows, build_rows
from app.ingest.summary import FileOutcome
from app.renderings.document import render_document
from tests.ingest import factories
from tests.ingest.snapshots import children, table_counts


def rows_for(parsed: ParsedResolution, sha: str = "a" * 64) -> ResolutionRows:
    document = render_document(parsed, factories.gazetteer())
    return build_rows(
        parsed, source_file="corpus/A_RES_68_72.txt", text_sha256=sha, document=document
    )


@pytest.fixture
def reference(db_session: Session) -> ReferenceIds:
    return upsert_reference_data(db_session, factories.gazetteer())


def test_insert_writes_every_child_with_its_links(
    db_session: Session, reference: ReferenceIds
) -> None:
    outcome = load_resolution(db_session, rows_for(factories.resolution()), reference)

    assert outcome is FileOutcome.INSERTED
    stored = db_session.execute(
        select(Resolution).where(Resolution.symbol == "A/RES/68/72")
    ).scalar_one()
    assert (stored.slug, stored.session, stored.number) == ("A-RES-68-72", 68, 72)
    assert stored.series_key == "assistance-in-mine-action"
    [version] = stored.versions
    assert (version.language, version.source_format, version.served) == ("en", "pdf-text", True)
    assert version.document is not None
    assert version.document["operative"][1]["subparagraphs"][1]["key"] == "op.3.e"

    rows = children(db_session, "A/RES/68/72")
    clauses = {row[1]: row for row in rows["clauses"]}
    assert len(clauses) == 9
    assert "op.3.e.ii" not in clauses  # "(ii)" is text of op.3.e
    assert clauses["op.3.e"][-1] == "op.3"  # parent key
    assert clauses["op.3"][-1] is None
    assert [row[0] for row in sorted(rows["clauses"])] == list(range(1, 10))  # positions
    assert rows["clause_footnotes"] == [("op.1", 7), ("pp.2", 1), ("pp.6", 3)]
    assert rows["treaty_citations"] == sorted(
        [
            (
                "Convention on the Prohibition of the Use, Stockpiling, Production and Transfer "
                "of Anti-personnel Mines and on Their Destruction, 1997",
                None,
                1,
                "apmbc",
            ),
            ("Protocol on Explosive Remnants of War, 2003", None, 1, "ccw-protocol-v"),
            ("Convention on the Rights of Persons with Disabilities, 2006", None, 1, None),
        ],
        key=repr,
    )
    assert rows["organization_citations"] == sorted(
        [
            ("United Nations Mine Action Service", "pp.6", None, "unmas"),
            ("United Nations Mine Action Service", None, 3, "unmas"),
        ],
        key=repr,
    )
    assert rows["document_citations"] == [("A/68/305", None, 7, "A/68/305")]
    assert rows["resolution_citations"][0][:4] == (
        "resolution 66/69 of 9 December 2011",
        "pp.1",
        None,
        "A/RES/66/69",
    )
    assert [row[3] for row in rows["iacg_listings"]] == ["unmas", "unoda", "undp", "unicef"]
    assert {row[4] for row in rows["iacg_listings"]} == {3}
    assert [(row[0], row[2], row[5]) for row in rows["follow_ups"]] == [
        ("agenda_item", 70, "op.16"),
        ("report", 70, "op.15"),
    ]


def test_same_text_again_is_unchanged_and_writes_nothing(
    db_session: Session, reference: ReferenceIds
) -> None:
    load_resolution(db_session, rows_for(factories.resolution()), reference)
    before = (children(db_session, "A/RES/68/72"), table_counts(db_session))
    updated_at = db_session.execute(select(Resolution.updated_at)).scalar_one()

    outcome = load_resolution(db_session, rows_for(factories.resolution()), reference)

    assert outcome is FileOutcome.UNCHANGED
    assert (children(db_session, "A/RES/68/72"), table_counts(db_session)) == before
    assert db_session.execute(select(Resolution.updated_at)).scalar_one() == updated_at


def test_changed_text_replaces_all_children_and_nothing_lingers(
    db_session: Session, reference: ReferenceIds
) -> None:
    load_resolution(db_session, rows_for(factories.resolution()), reference)
    first = db_session.execute(
        select(Resolution.id, Resolution.created_at, Resolution.updated_at)
    ).one()

    corrected = factories.resolution(corrected=True)
    outcome = load_resolution(db_session, rows_for(corrected, sha="b" * 64), reference)

    assert outcome is FileOutcome.UPDATED
    after = db_session.execute(
        select(
            Resolution.id, Resolution.created_at, Resolution.updated_at, ResolutionVersion.document
        ).join(ResolutionVersion)
    ).one()
    assert after.id == first.id
    assert after.created_at == first.created_at
    assert after.updated_at > first.updated_at
    assert after.document["operative"][0]["text"] == "Takes note with appreciation of the report;"
    rows = children(db_session, "A/RES/68/72")
    assert [row[:2] for row in rows["clauses"]] == [(1, "pp.1"), (2, "op.1")]
    assert rows["footnotes"] == [(7, "A/68/305.")]
    assert rows["clause_footnotes"] == [("op.1", 7)]
    assert rows["treaty_citations"] == []
    assert rows["organization_citations"] == []
    assert rows["follow_ups"] == []
    assert rows["iacg_listings"] == [(1, "World Bank", "observer", None, None)]
    assert len(rows["resolution_citations"]) == 1
    assert len(rows["document_citations"]) == 1
    # Exactly what loading the corrected text alone gives: compare with a fresh load.
    replaced, counts = rows, table_counts(db_session)
    db_session.execute(delete(Resolution))
    load_resolution(db_session, rows_for(corrected, sha="b" * 64), reference)
    assert children(db_session, "A/RES/68/72") == replaced
    assert table_counts(db_session) == counts


def test_force_rewrites_an_unchanged_text(db_session: Session, reference: ReferenceIds) -> None:
    load_resolution(db_session, rows_for(factories.resolution()), reference)
    before = children(db_session, "A/RES/68/72")

    outcome = load_resolution(db_session, rows_for(factories.resolution()), reference, force=True)

    assert outcome is FileOutcome.UPDATED
    assert children(db_session, "A/RES/68/72") == before


def test_statements_do_not_grow_with_the_size_of_the_resolution(
    db_session: Session, reference: ReferenceIds
) -> None:
    small = factories.resolution("A/RES/68/72")
    extra = tuple(
        Clause(
            key=f"pp.{100 + n}",
            kind=ClauseKind.PREAMBULAR,
            number=100 + n,
            label=None,
            lead="Noting",
            verb=None,
            text=f"Noting paragraph {n},",
            footnotes=(1,),
        )
        for n in range(200)
    )
    # The same resolution, larger: each loaded into the same database (undone after), so that
    # the stored details re-rendered beside it (its series, what cites it) are the same.
    large = replace(small, preamble=small.preamble + extra)

    def statements(parsed: ParsedResolution) -> int:
        seen: list[Any] = []
        undo = db_session.begin_nested()
        connection = db_session.connection()
        listener = lambda *args: seen.append(args[2])  # noqa: E731
        event.listen(connection, "before_cursor_execute", listener)
        try:
            load_resolution(db_session, rows_for(parsed), reference)
        finally:
            event.remove(connection, "before_cursor_execute", listener)
            undo.rollback()
        return len(seen)

    small_count = statements(small)
    large_count = statements(large)
    assert large_count == small_count
    # Then the stored details made stale (app/ingest/stored_refresh.py), 6 statements whatever
    # the size: the data version, what shows it (citing it, recalling it, its series, and its
    # predecessor where it recalls one), and those details deleted (the job renders them after
    # its last file).
    if db_session.get_bind().dialect.name == "postgresql":
        # lock + lookup + resolution + ids drawn + every child table at once + the version
        # + the other languages' documents to refresh + the change feed's event (a new
        # resolution: no versions to look up), then the stale details
        assert small_count == 8 + 6, small_count
    else:
        # write lock + lookup + resolution + 3 clause levels + footnotes + links + 4 citation
        # tables + IACG + follow-ups + the version + the other languages' documents + the
        # change feed's event, then the stale details
        assert small_count <= 17 + 6, small_count


def test_reference_data_is_upserted_with_parents_and_left_alone_when_unchanged(
    db_session: Session,
) -> None:
    ids = upsert_reference_data(db_session, factories.gazetteer())

    protocol = db_session.execute(select(Treaty).where(Treaty.key == "ccw-protocol-v")).scalar_one()
    assert protocol.parent is not None
    assert protocol.parent.key == "ccw"
    assert protocol.aliases == ["Protocol V to the 1980 Convention"]
    unmas = db_session.execute(select(Organization).where(Organization.key == "unmas")).scalar_one()
    assert unmas.parent is not None
    assert unmas.parent.key == "dpko"
    assert set(ids.organizations) == {"dpko", "unmas", "unoda", "undp", "unicef"}
    stamps = dict(db_session.execute(select(Treaty.key, Treaty.updated_at)).all())
    version = current_version(db_session)
    assert version > 0

    again = upsert_reference_data(db_session, factories.gazetteer())

    assert again == ids
    assert dict(db_session.execute(select(Treaty.key, Treaty.updated_at)).all()) == stamps
    assert current_version(db_session) == version  # nothing written: answers stay valid


def test_reference_data_update_renames_and_relinks(db_session: Session) -> None:
    upsert_reference_data(db_session, factories.gazetteer())
    version = current_version(db_session)
    original = factories.gazetteer()
    edited = Gazetteer(
        treaties=tuple(
            replace(entry, parent=None, short_name="CCW Protocol V")
            if entry.key == "ccw-protocol-v"
            else entry
            for entry in original.treaties
        ),
        organizations=original.organizations,
    )

    upsert_reference_data(db_session, edited)
    db_session.expire_all()
    assert current_version(db_session) > version

    protocol = db_session.execute(select(Treaty).where(Treaty.key == "ccw-protocol-v")).scalar_one()
    assert protocol.parent_id is None
    assert protocol.short_name == "CCW Protocol V"
    assert db_session.execute(select(Treaty).where(Treaty.key == "ccw")).scalar_one().children == []
