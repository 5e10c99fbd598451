"""Declarative base with a constraint naming convention (Alembic batch mode on SQLite needs it)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, MetaData, func
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


# Full-text search artefacts are created by hand-written migrations in backend-specific form
# (a generated tsvector column and GIN index on PostgreSQL, an FTS5 table on SQLite). They are
# not part of the portable model, so comparisons between models and migrations leave them out.
SEARCH_ONLY_NAMES = frozenset(
    {
        "search_vector",
        "ix_clauses_search_vector",
        "ix_clause_translations_search_vector",
        "ix_footnotes_search_vector",
        "ix_footnote_translations_search_vector",
        "ix_resolution_versions_search_vector",
    }
)
SEARCH_ONLY_TABLES = (
    "clauses_fts",
    "clause_translations_fts",
    "footnotes_fts",
    "footnote_translations_fts",
    "resolution_versions_fts",
)


def include_in_model_comparison(name: str | None, type_: str, _parent_names: object) -> bool:
    """Alembic `include_name` hook: skip the backend-specific full-text search objects."""
    if type_ == "table" and name is not None and name.startswith(SEARCH_ONLY_TABLES):
        return False
    return name not in SEARCH_ONLY_NAMES


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class TimestampMixin:
    """`created_at` set on insert, `updated_at` on every change (both UTC, timezone-aware)."""

    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), nullable=False
    )
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), nullable=False
    )
