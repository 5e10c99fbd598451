"""Timestamps of the change feed: what a client may send, and how the API compares them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from app.core.timestamps import as_text, as_utc, parse_timestamp


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-01-01T00:00:00Z", datetime(2026, 1, 1, tzinfo=UTC)),
        ("2026-01-01T02:00:00+02:00", datetime(2026, 1, 1, tzinfo=UTC)),
        ("2026-01-01 00:00:00+00:00", datetime(2026, 1, 1, tzinfo=UTC)),
        ("2025-12-31T19:00-05:00", datetime(2026, 1, 1, tzinfo=UTC)),
        ("2026-11-28T01:55:09.123456Z", datetime(2026, 11, 28, 1, 55, 9, 123456, tzinfo=UTC)),
        # `+02:00` sent unencoded in a query string arrives as ` 02:00`.
        ("2026-01-01T02:00:00 02:00", datetime(2026, 1, 1, tzinfo=UTC)),
        ("  2026-01-01T00:00:00Z ", datetime(2026, 1, 1, tzinfo=UTC)),
    ],
)
def test_accepted_timestamps_come_out_in_utc(value: str, expected: datetime) -> None:
    parsed = parse_timestamp(value)
    assert parsed == expected
    assert parsed.tzinfo is UTC


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2026-01-01T00:00:00", "must have a timezone"),
        ("2026-01-01", "not a date"),
        ("yesterday", "ISO 8601"),
        ("2026-02-30T00:00:00Z", "ISO 8601"),
        ("", "ISO 8601"),
        (1767225600, "ISO 8601"),
    ],
)
def test_refused_timestamps_say_why(value: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_timestamp(value)


def test_comparable_text_is_fixed_width_utc() -> None:
    paris = timezone(timedelta(hours=1))
    assert as_text(datetime(2026, 1, 1, 1, 0, tzinfo=paris)) == "2026-01-01 00:00:00.000000"
    assert as_text(datetime(2026, 1, 1, 0, 0, 0, 5, tzinfo=UTC)) == "2026-01-01 00:00:00.000005"
    naive_utc = datetime(2026, 1, 1, 12, 0)
    assert as_utc(naive_utc) == datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
    assert as_utc(datetime(2026, 1, 1, 13, 0, tzinfo=paris)).hour == 12
