"""Ordinals, dates, resolution and document citations as the texts write them."""

from __future__ import annotations

from datetime import date

import pytest

from app.document.dates import ordinal_value, parse_date
from app.document.references import find_documents, find_resolutions


@pytest.mark.parametrize(
    ("word", "value"),
    [("seventieth", 70), ("seventy-fourth", 74), ("eighty-first", 81), ("80th", 80), ("first", 1)],
)
def test_ordinals(word: str, value: int) -> None:
    assert ordinal_value(word) == value


def test_dates() -> None:
    assert parse_date("66th plenary meeting 7 December 2017") == date(2017, 12, 7)
    assert parse_date("31 February 2020") is None


def test_resolution_lists() -> None:
    text = (
        "Recalling its resolutions 48/75 J of 16 December 1993, 36/87 A and B of 9 December 1981 "
        "and 57/77 of 22 November 2002, Security Council resolution 2365 (2017) and "
        "resolution 2200 A (XXI), annex,"
    )
    found = [(r.symbol, r.adopted_on) for r in find_resolutions(text)]
    assert found == [
        ("A/RES/48/75 J", date(1993, 12, 16)),
        ("A/RES/36/87 A", date(1981, 12, 9)),
        ("A/RES/36/87 B", date(1981, 12, 9)),
        ("A/RES/57/77", date(2002, 11, 22)),
        ("S/RES/2365 (2017)", None),
        ("A/RES/2200 A (XXI)", None),
    ]


def test_document_symbols() -> None:
    text = "A/72/226 and A/72/226/Corr.1; A/51/113-S/1996/276, annex; see A/CONF.189/12; COVID-19"
    assert [r.symbol for r in find_documents(text)] == [
        "A/72/226",
        "A/72/226/Corr.1",
        "A/51/113-S/1996/276",
        "A/CONF.189/12",
    ]
