"""Numbers and labels as the six languages write them, read as one key."""

from __future__ import annotations

import pytest

from app.sources.akn.labels import follows, paragraph_number, point_label


@pytest.mark.parametrize(
    ("num", "label"),
    [
        ("(e)", "e"),  # English, Chinese
        ("e)", "e"),  # French, Russian, Spanish
        ("а)", "a"),  # Russian with a Cyrillic letter
        ("с)", "c"),
        ("(ه)", "e"),  # Arabic, abjad order: أ ب ج د ه
        ("(ﻫ)", "e"),  # the same letter in its presentation form
        ("(ب ب)", "bb"),
        ("’6‘", "vi"),  # Arabic roman level
        ("㈥", "vi"),  # Chinese roman level
        ("(ii)", "ii"),
        ("(aa)", "aa"),
        ("A.", "A"),
        ("", None),
    ],
)
def test_point_labels(num: str, label: str | None) -> None:
    assert point_label(num) == label


@pytest.mark.parametrize(
    ("num", "number"),
    [("5.", 5), ("26.", 26), ("5 -", 5), ("(a)", None), ("1.1", None), ("IV", None), ("A.", None)],
)
def test_paragraph_numbers(num: str, number: int | None) -> None:
    assert paragraph_number(num) == number


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        ("a", "b", True),
        ("c", "d", True),
        ("i", "ii", True),
        ("iv", "v", True),
        ("h", "i", True),
        ("z", "aa", True),
        ("aa", "bb", True),
        ("a", "c", False),
        ("c", "i", False),
        (None, "a", False),
    ],
)
def test_follows(before: str | None, after: str, expected: bool) -> None:
    assert follows(before, after) is expected
