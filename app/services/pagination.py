"""Keyset pagination: a deterministic ORDER BY, a `limit`, and an opaque cursor naming the last
row."""

# A cursor is the base64url of `{"o": ordering, "k": [sort key values of the last row]}`. It is
# opaque to clients but not secret: a forged one can only start a page somewhere else, so it is
# checked for shape and types (a bad one is an `InvalidFilter` on `cursor`, never a crash).

from __future__ import annotations

import base64
import binascii
import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Generic, TypeVar

from sqlalchemy import (
    ARRAY,
    ColumnElement,
    Integer,
    and_,
    any_,
    bindparam,
    func,
    literal_column,
    or_,
    select,
)
from sqlalchemy.orm import QueryableAttribute, Session

from app.core.pagination import MAX_CURSOR_LENGTH
from app.db.statements import AnyRow, AnySelect
from app.errors import InvalidFilter

T = TypeVar("T")
U = TypeVar("U")

_CURSOR_ALPHABET = re.compile(r"[A-Za-z0-9_-]+")  # base64url, without padding


@dataclass(frozen=True, slots=True)
class SortKey:
    """One ORDER BY term; `kind` is the Python type its values have (int, str, float or date)."""

    expression: ColumnElement[Any] | QueryableAttribute[Any]
    kind: type
    descending: bool = False


@dataclass(frozen=True, slots=True)
class Ordering:
    """A named, total order: the last key must make rows unique (an id)."""

    name: str
    keys: tuple[SortKey, ...]


@dataclass(frozen=True, slots=True)
class KeysetPage(Generic[T]):
    """One page of results; `next_cursor` is None on the last page."""

    items: list[T]
    total: int | None
    limit: int
    next_cursor: str | None

    @classmethod
    def empty(cls, limit: int) -> KeysetPage[T]:
        """The page of a list that can have no items (a filter naming nothing in the database)."""
        return cls(items=[], total=0, limit=limit, next_cursor=None)

    def with_items(self, items: list[U]) -> KeysetPage[U]:
        """The same page with its rows turned into what the list returns."""
        return KeysetPage(
            items=items, total=self.total, limit=self.limit, next_cursor=self.next_cursor
        )


def paginate(
    session: Session,
    statement: AnySelect,
    ordering: Ordering,
    *,
    limit: int,
    cursor: str | None,
    count_statement: AnySelect | None = None,
) -> KeysetPage[AnyRow]:
    """Run `statement` (filters applied, no ORDER BY) for one page of rows.

    Each row carries the sort key values as extra trailing columns; the caller reads the
    columns it selected by name and ignores those. `total` counts the rows of
    `count_statement` (the same filters with fewer columns) or, without it, of `statement`.
    """
    after = decode_cursor(cursor, ordering) if cursor is not None else None
    counted = count_statement if count_statement is not None else statement
    total = session.scalar(select(func.count()).select_from(counted.subquery()))
    keyed = statement.add_columns(
        *(key.expression.label(f"_sort_{index}") for index, key in enumerate(ordering.keys))
    )
    if after is not None:
        keyed = keyed.where(_after(ordering, after))
    keyed = keyed.order_by(
        *(
            key.expression.desc() if key.descending else key.expression.asc()
            for key in ordering.keys
        )
    ).limit(limit + 1)
    rows = list(session.execute(keyed).all())
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        last = rows[-1]
        width = len(ordering.keys)
        next_cursor = encode_cursor(ordering, tuple(last)[-width:])
    return KeysetPage(items=rows, total=total, limit=limit, next_cursor=next_cursor)


@dataclass(frozen=True, slots=True)
class ParentWindow:
    """For a list of child rows ordered first by their parent's keys (clauses by resolution,
    newest first), the parents that can hold the next page: of the first `limit + 2` parents
    at or after the cursor's that have a matching child, the cursor's own may have none left,
    and the others hold at least the `limit + 1` rows a page reads.

    Reading them first (an ordered index scan that stops early, probing each parent for a
    match) lets the page query read those parents' children only, instead of sorting every
    match by its parent's keys: a page then costs what it returns, however many rows match.
    Both SQLite, whose planner does not weigh a LIMIT when it orders joins, and PostgreSQL
    run it that way.
    """

    parent_id: QueryableAttribute[int]
    width: int  # how many leading keys of the ordering are the parent's (its id the last)

    def ids(
        self,
        session: Session,
        ordering: Ordering,
        has_match: ColumnElement[bool],
        *,
        limit: int,
        cursor: str | None,
    ) -> list[int]:
        keys = ordering.keys[: self.width]
        statement = select(self.parent_id).where(has_match)
        if cursor is not None:
            values = decode_cursor(cursor, ordering)[: self.width]
            window = Ordering(ordering.name, keys)
            same = and_(*(key.expression == value for key, value in zip(keys, values, strict=True)))
            statement = statement.where(or_(same, _after(window, values)))
        statement = statement.order_by(
            *(key.expression.desc() if key.descending else key.expression.asc() for key in keys)
            # The limit written in the SQL: PostgreSQL can then keep one plan for the statement.
        ).limit(literal_column(str(int(limit) + 2)))
        return list(session.scalars(statement))


def among(session: Session, column: Any, ids: Sequence[int]) -> ColumnElement[bool]:
    """`column IN ids`; on PostgreSQL `column = ANY(:ids)`, one array parameter, so that the
    statement has the same text whatever the ids and PostgreSQL prepares and plans it once."""
    condition: ColumnElement[bool]
    if session.get_bind().dialect.name == "postgresql":
        condition = column == any_(bindparam("ids", list(ids), type_=ARRAY(Integer)))
    else:
        condition = column.in_(list(ids))
    return condition


def _after(ordering: Ordering, values: Sequence[Any]) -> ColumnElement[bool]:
    """Rows strictly after `values` in `ordering`: (a > x) or (a = x and b > y) or ..."""
    alternatives = []
    for index, key in enumerate(ordering.keys):
        equal = [ordering.keys[i].expression == values[i] for i in range(index)]
        beyond = (
            key.expression < values[index] if key.descending else key.expression > values[index]
        )
        alternatives.append(and_(*equal, beyond))
    return or_(*alternatives)


def encode_cursor(ordering: Ordering, values: Sequence[Any]) -> str:
    encoded = [value.isoformat() if isinstance(value, date) else value for value in values]
    payload = json.dumps({"o": ordering.name, "k": encoded}, separators=(",", ":"))
    return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, ordering: Ordering) -> list[Any]:
    """The sort key values in `cursor`; raises InvalidFilter on anything this API did not issue."""
    problem = InvalidFilter(
        "cursor",
        "The cursor is not one this endpoint issued for this sort order; "
        "start again without it and follow the `next` links.",
    )
    # The alphabet first: the base64 decoder would skip a stray character and read the rest.
    if len(cursor) > MAX_CURSOR_LENGTH or not _CURSOR_ALPHABET.fullmatch(cursor):
        raise problem
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        payload = json.loads(raw.decode())
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise problem from None
    if not isinstance(payload, dict) or payload.get("o") != ordering.name:
        raise problem
    values = payload.get("k")
    if not isinstance(values, list) or len(values) != len(ordering.keys):
        raise problem
    decoded = []
    for key, value in zip(ordering.keys, values, strict=True):
        converted = _convert(value, key.kind)
        if converted is None:
            raise problem
        decoded.append(converted)
    return decoded


def _convert(value: object, kind: type) -> Any:
    if isinstance(value, bool):
        return None
    if kind is int:
        # Every integer sort key is an INTEGER column (32 bits): a larger number was never
        # issued, and PostgreSQL would refuse it as a parameter of that type (a 500).
        return value if isinstance(value, int) and -(2**31) <= value < 2**31 else None
    if kind is float:
        if isinstance(value, int | float) and math.isfinite(value):
            return float(value)
        return None
    if kind is str:
        return value if isinstance(value, str) and "\x00" not in value else None
    if kind is date and isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None
