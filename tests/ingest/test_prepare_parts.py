"""A text of lettered parts is prepared as one resolution per part, ready to store."""

from __future__ import annotations

import pytest

from app.ingest.errors import FileFailed
from app.ingest.prepare import prepare_text
from app.ingest.sources import SourceText
from app.reference import load_gazetteer
from app.sources.text import parse_resolutions
from tests.sources.text.test_parts import TEXT


def _source(front_matter_symbol: str | None) -> SourceText:
    return SourceText("75-101.txt", TEXT, "0" * 64, front_matter_symbol)


def test_every_part_is_prepared_with_its_own_symbol_and_clauses() -> None:
    prepared = prepare_text(_source(None), parse=parse_resolutions, gazetteer=load_gazetteer())
    assert [p.rows.resolution["symbol"] for p in prepared] == ["A/RES/75/101 A", "A/RES/75/101 B"]
    assert [p.rows.resolution["slug"] for p in prepared] == ["A-RES-75-101-A", "A-RES-75-101-B"]
    keys = [[row.values["key"] for row in p.rows.clauses] for p in prepared]
    assert keys == [["pp.1", "pp.2", "op.1", "op.1.a", "op.1.b"], ["pp.1", "op.1", "op.2"]]


@pytest.mark.parametrize("said", ["A/RES/75/101 A-B", "A/RES/75/101"])
def test_front_matter_naming_the_whole_document_is_accepted(said: str) -> None:
    prepared = prepare_text(_source(said), parse=parse_resolutions, gazetteer=load_gazetteer())
    assert len(prepared) == 2


def test_front_matter_naming_another_resolution_is_refused() -> None:
    with pytest.raises(FileFailed, match="front matter says symbol: A/RES/75/102"):
        prepare_text(_source("A/RES/75/102"), parse=parse_resolutions, gazetteer=load_gazetteer())
