"""Dates and ordinal numbers as UN texts write them: "9 December 2011", "seventy-fourth"."""

from __future__ import annotations

import re
from datetime import date

MONTHS = {
    name: index
    for index, name in enumerate(
        "January February March April May June July August September October November "
        "December".split(),
        start=1,
    )
}
DATE_PATTERN = r"(\d{1,2})\s+(" + "|".join(MONTHS) + r")\s+(\d{4})"
_DATE = re.compile(DATE_PATTERN)


def parse_date(text: str) -> date | None:
    """The first "9 December 2011" in `text`, or None (also for impossible dates)."""
    match = _DATE.search(text)
    if match is None:
        return None
    try:
        return date(int(match.group(3)), MONTHS[match.group(2)], int(match.group(1)))
    except ValueError:
        return None


_UNITS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
}
_TEENS = {
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_TENS_ORDINAL = {f"{word[:-1]}ieth": value for word, value in _TENS.items()}

ORDINAL_PATTERN = (
    r"(?:(?:"
    + "|".join(_TENS)
    + r")-(?:"
    + "|".join(_UNITS)
    + r")|"
    + "|".join([*_TENS_ORDINAL, *_TEENS, *_UNITS])
    + r"|hundredth|\d{1,3}(?:st|nd|rd|th))"
)


def ordinal_value(word: str) -> int | None:
    """ "seventieth" -> 70, "seventy-fourth" -> 74, "eighty-first" -> 81, "80th" -> 80."""
    word = word.lower().strip()
    digits = re.fullmatch(r"(\d{1,3})(?:st|nd|rd|th)", word)
    if digits:
        return int(digits.group(1))
    if word in _UNITS:
        return _UNITS[word]
    if word in _TEENS:
        return _TEENS[word]
    if word in _TENS_ORDINAL:
        return _TENS_ORDINAL[word]
    if word == "hundredth":
        return 100
    tens, _, unit = word.partition("-")
    if tens in _TENS and unit in _UNITS:
        return _TENS[tens] + _UNITS[unit]
    return None


def cardinal_session(text: str) -> int | None:
    """ "Seventy-second session" -> 72 (the session line of a header)."""
    match = re.match(rf"^\s*({ORDINAL_PATTERN})\s+session\b", text, re.IGNORECASE)
    return ordinal_value(match.group(1)) if match else None
