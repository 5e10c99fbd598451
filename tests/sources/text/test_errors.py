"""Text that is not a resolution raises one ParseError subclass naming what and where."""

from __future__ import annotations

import pytest

from app.config import CORPUS_DIR
from app.document.errors import MetadataConflict, MissingOperativePart, NotAResolution
from app.sources.text import ParseError, parse_resolution
from tests.text_corpus import GA_80

MINE_ACTION = CORPUS_DIR / "mine-action" / "A_RES_72_75.txt"


def test_empty_text() -> None:
    with pytest.raises(NotAResolution, match="empty"):
        parse_resolution("  \n\n ")


def test_binary_data_names_the_line() -> None:
    with pytest.raises(NotAResolution, match=r"line 3: binary data") as caught:
        parse_resolution("United Nations\nA/RES/1/1\n\x00\x01\x02PK")
    assert caught.value.line == 3


def test_unrelated_document() -> None:
    text = "Minutes of the meeting\n\nThe committee met on Tuesday and agreed to meet again.\n"
    with pytest.raises(NotAResolution, match="enacting formula") as caught:
        parse_resolution(text)
    assert caught.value.line == 1


def test_truncated_file_without_operative_part() -> None:
    full = MINE_ACTION.read_text(encoding="utf-8")
    truncated = full[: full.index("1. \nTakes note")]
    with pytest.raises(MissingOperativePart, match="operative") as caught:
        parse_resolution(truncated)
    assert caught.value.line is not None
    assert isinstance(caught.value, ParseError)


def test_truncated_right_after_the_formula() -> None:
    full = MINE_ACTION.read_text(encoding="utf-8")
    with pytest.raises(MissingOperativePart, match=r"line \d+: expected preambular"):
        parse_resolution(full[: full.index("Recalling its resolution 70/80")])


def test_front_matter_symbol_that_contradicts_the_text() -> None:
    text = (GA_80 / "A_RES_80_14.md").read_text(encoding="utf-8")
    with pytest.raises(MetadataConflict, match=r"A/RES/80/99.*80/14"):
        parse_resolution(text.replace("symbol: A/RES/80/14", "symbol: A/RES/80/99", 1))


def test_every_error_is_a_parse_error_and_a_value_error() -> None:
    for cls in (NotAResolution, MissingOperativePart, MetadataConflict):
        assert issubclass(cls, ParseError)
        assert issubclass(cls, ValueError)
