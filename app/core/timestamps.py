"""Change timestamps as the change feed compares and pages them: UTC, to the microsecond."""

# A timestamp column is compared through `utc_text(column)`, its UTC value as fixed-width text
# (`2026-11-28 01:55:09.123456`), because the two backends store it differently: PostgreSQL as
# `timestamptz`, SQLite as the text SQLAlchemy wrote (microseconds) or `CURRENT_TIMESTAMP` wrote
# (none). Fixed-width text sorts in time order, compares exactly (a client that sends back the
# `updated_at` it was given gets that row again), and round-trips through a keyset cursor.

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import String
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

# `...T10:00:00 01:00`: a `+` sent unencoded in a query string arrives as a space.
_UNENCODED_PLUS = re.compile(r"(T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?) (\d{2}:?\d{2})$")
_PLAIN_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
EXAMPLE = "2026-01-01T00:00:00Z"


class utc_text(FunctionElement[str]):
    """`utc_text(column)`: the column's UTC time as `YYYY-MM-DD HH:MM:SS.ffffff` text."""

    type = String()
    inherit_cache = True
    name = "utc_text"


@compiles(utc_text, "postgresql")
def _utc_text_postgresql(element: utc_text, compiler: SQLCompiler, **kw: Any) -> str:
    column = compiler.process(element.clauses, **kw)
    return f"to_char(({column}) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')"


@compiles(utc_text, "sqlite")
def _utc_text_sqlite(element: utc_text, compiler: SQLCompiler, **kw: Any) -> str:
    # SQLAlchemy writes `... HH:MM:SS.ffffff` (26 characters), CURRENT_TIMESTAMP `... HH:MM:SS`
    # (19): padding the shorter form gives both the same width. Both are UTC wall time.
    column = compiler.process(element.clauses, **kw)
    return f"substr(({column}) || '.000000', 1, 26)"


def as_text(moment: datetime) -> str:
    """A timezone-aware datetime as `utc_text` renders a column."""
    # Not strftime: its `%Y` drops the leading zeros of years before 1000 on glibc, and the
    # text would no longer sort in time order.
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")


def as_utc(value: datetime) -> datetime:
    """A stored timestamp as an aware UTC datetime (SQLite returns naive UTC wall time)."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def parse_timestamp(value: object) -> datetime:
    """An ISO 8601 timestamp with a timezone (`2026-01-01T00:00:00Z`, `...+02:00`), or a
    plain date (`2026-01-01`, its start in UTC, as the date filters read dates), as UTC.

    Raises ValueError, with a message fit for a client, for anything else: a timestamp
    without a timezone is ambiguous for a sync, so it is refused.
    """
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, str):
        text = _UNENCODED_PLUS.sub(r"\1+\2", value.strip())
        if _PLAIN_DATE.fullmatch(text):
            # A day, as the date filters take it: from its start, in UTC.
            try:
                return datetime.combine(date.fromisoformat(text), time(), UTC)
            except ValueError:
                raise ValueError(f"must be a real date or timestamp, e.g. {EXAMPLE}") from None
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            raise ValueError(
                f"must be an ISO 8601 timestamp with a timezone, e.g. {EXAMPLE}"
            ) from None
    else:
        raise ValueError(f"must be an ISO 8601 timestamp with a timezone, e.g. {EXAMPLE}")
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(
            f"must have a timezone (`Z` or an offset such as `+02:00`), e.g. {EXAMPLE}"
        )
    try:
        return moment.astimezone(UTC)
    except OverflowError:
        # `9999-12-31T23:59:59-14:00` is a valid timestamp whose UTC time is past year 9999.
        raise ValueError(
            f"must fall within the years 1 to 9999 once in UTC, e.g. {EXAMPLE}"
        ) from None
