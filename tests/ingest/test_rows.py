"""Rows from a parsed document, and the checks that make SQLite refuse what PostgreSQL would."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from app.document.model import Anchor, DocumentReference, ParsedResolution
from app.ingest.rows import InvalidRows, ResolutionRows, build_rows, series_key
from app.sources.text import parse_resolution
from tests.ingest import factories

PAIRS = Path(__file__).parents[1] / "sources" / "text" / "fidelity" / "texts"


def rows_of(parsed: ParsedResolution) -> ResolutionRows:
    return build_rows(parsed, source_file="a.txt", text_sha256="0" * 64, document=None)


def test_clauses_in_document_order_with_depth_and_parent() -> None:
    rows = rows_of(factories.resolution())

    assert [
        (row.values["position"], row.values["key"], row.depth, row.parent_key)
        for row in rows.clauses
    ] == [
        (1, "pp.1", 0, None),
        (2, "pp.2", 0, None),
        (3, "pp.6", 0, None),
        (4, "op.1", 0, None),
        (5, "op.3", 0, None),
        (6, "op.3.a", 1, "op.3"),
        (7, "op.3.e", 1, "op.3"),
        (8, "op.15", 0, None),
        (9, "op.16", 0, None),
    ]
    assert rows.max_depth == 1
    assert rows.resolution["slug"] == "A-RES-68-72"
    assert rows.resolution["series_key"] == "assistance-in-mine-action"
    assert rows.clause_footnotes == (("pp.2", 1), ("pp.6", 3), ("op.1", 7))


def test_a_second_level_of_sub_paragraphs_has_depth_two_and_its_parent() -> None:
    # A/RES/74/265 op.1 has (a) to (c), and (i) to (v) under (b): the official structure.
    text = (PAIRS / "ga-72-79" / "A_RES_74_265.txt").read_text(encoding="utf-8")
    rows = rows_of(parse_resolution(text))
    placed = [(row.values["key"], row.depth, row.parent_key) for row in rows.clauses]
    assert placed[:3] == [("op.1", 0, None), ("op.1.a", 1, "op.1"), ("op.1.b", 1, "op.1")]
    assert placed[3:8] == [(f"op.1.b.{n}", 2, "op.1.b") for n in ("i", "ii", "iii", "iv", "v")]
    assert placed[8] == ("op.1.c", 1, "op.1")
    assert rows.max_depth == 2


def test_series_key() -> None:
    assert series_key("Assistance in mine action") == "assistance-in-mine-action"
    assert series_key("“Assistance in mine clearance”,") == "assistance-in-mine-clearance"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda p: replace(
                p,
                preamble=(replace(p.preamble[0], lead="Recalling " + "x" * 130), *p.preamble[1:]),
            ),
            "clause pp.1: lead is 140 characters long, the database takes 120",
        ),
        (
            lambda p: replace(p, preamble=(*p.preamble, p.preamble[0])),
            "clause key pp.1 appears twice",
        ),
        (
            lambda p: replace(
                p,
                documents=(DocumentReference("A/68/63", "A/68/63", Anchor(footnote=5)),),
            ),
            "the citation 'A/68/63' points to footnote 5, which does not exist",
        ),
        (
            lambda p: replace(
                p, footnotes=(*p.footnotes, replace(p.footnotes[0], cited_in=("op.9",)))
            ),
            "footnote 1 appears twice",
        ),
        (
            lambda p: replace(p, metadata=replace(p.metadata, agenda_item="9" * 40)),
            "the resolution: agenda_item is 40 characters long, the database takes 32",
        ),
    ],
    ids=["long-lead", "duplicate-key", "dangling-anchor", "duplicate-footnote", "long-agenda-item"],
)
def test_what_the_database_would_refuse_is_refused_first(
    change: Callable[[ParsedResolution], ParsedResolution], message: str
) -> None:
    with pytest.raises(InvalidRows) as refused:
        rows_of(change(factories.resolution()))

    assert str(refused.value).startswith(message)
