"""Pure pieces: the forms of a resolution id, and cursors that round-trip or are refused."""

from __future__ import annotations

from datetime import date

import pytest

from app.core.identifiers import canonical_slug, normalize_symbol
from app.db.models import Resolution
from app.errors import InvalidFilter
from app.services.pagination import Ordering, SortKey, decode_cursor, encode_cursor

ORDERING = Ordering(
    "test:adopted_on",
    (
        SortKey(Resolution.adopted_on, date, descending=True),
        SortKey(Resolution.title, str),
        SortKey(Resolution.id, int),
    ),
)


@pytest.mark.parametrize(
    ("raw", "symbol", "slug"),
    [
        ("A-RES-68-72", "A/RES/68/72", "A-RES-68-72"),
        ("A/RES/68/72", "A/RES/68/72", "A-RES-68-72"),
        ("a/res/68/72", "A/RES/68/72", "A-RES-68-72"),
        ("a-res-68-72", "A/RES/68/72", "A-RES-68-72"),
        ("68/72", "A/RES/68/72", "A-RES-68-72"),
        (" 68/72 ", "A/RES/68/72", "A-RES-68-72"),
        ("A/RES/54/54 B", "A/RES/54/54 B", "A-RES-54-54-B"),
        ("54/54B", "A/RES/54/54 B", "A-RES-54-54-B"),
        ("A-RES-54-54-B", "A/RES/54/54 B", "A-RES-54-54-B"),
        ("S/RES/2365 (2017)", "S/RES/2365 (2017)", "S-RES-2365-(2017)"),
    ],
)
def test_forms_of_a_resolution_id(raw: str, symbol: str, slug: str) -> None:
    assert normalize_symbol(raw) == symbol
    assert canonical_slug(raw) == slug


@pytest.mark.parametrize("raw", ["", "mine-action", "68", "A-RES-68", "x" * 100, "68-72"])
def test_what_is_not_a_resolution_id(raw: str) -> None:
    assert normalize_symbol(raw) is None
    assert canonical_slug(raw) is None


def test_a_cursor_round_trips() -> None:
    values = [date(2013, 12, 11), "Assistance in mine action", 47]
    cursor = encode_cursor(ORDERING, values)
    assert set(cursor).isdisjoint("=/+")
    assert decode_cursor(cursor, ORDERING) == values


def test_a_cursor_is_bound_to_its_ordering() -> None:
    other = Ordering("test:other", ORDERING.keys)
    cursor = encode_cursor(other, [date(2013, 12, 11), "x", 1])
    with pytest.raises(InvalidFilter) as raised:
        decode_cursor(cursor, ORDERING)
    assert raised.value.parameter == "cursor"
