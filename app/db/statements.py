"""Types for statements and rows of any columns (SQLAlchemy's are generic in each column)."""

from __future__ import annotations

from typing import Any, TypeAlias

from sqlalchemy import Row, Select

AnySelect: TypeAlias = Select[*tuple[Any, ...]]
AnyRow: TypeAlias = Row[*tuple[Any, ...]]
