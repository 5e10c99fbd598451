"""Refresh the query planner's statistics after a run that wrote resolutions."""

# Right after a bulk load the planner knows nothing of the new rows (PostgreSQL's autovacuum
# gets to them a minute or so later; SQLite never does): it then picks plans for empty tables,
# such as a sequential scan of every clause for a verb filter, and counts cannot use
# index-only scans until the visibility map is set. A run that wrote anything ends with:
#
# - PostgreSQL: `VACUUM (ANALYZE)` of the tables the job writes. VACUUM skips the pages that
#   are already all-visible, so after a small run it costs little; after a full load it sets
#   the visibility map the counts of the API rely on. Without the right to vacuum (a role that
#   does not own the tables) PostgreSQL warns and skips: nothing fails.
# - SQLite: `ANALYZE` with a sample (`analysis_limit`), which bounds its cost on a large file.
#
# A failure here never fails the run (the data is committed): it is reported as a warning.

from __future__ import annotations

import time
from collections.abc import Sequence

from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

from app.db.session import describe_connection_error

# Where ingest writes; resolution_events and the gazetteer tables are small or append-only.
TABLES: Sequence[str] = (
    "resolutions",
    "clauses",
    "footnotes",
    "clause_footnotes",
    "resolution_citations",
    "document_citations",
    "treaty_citations",
    "organization_citations",
    "iacg_listings",
    "follow_ups",
)
# Rows SQLite reads per index to estimate it (its documentation suggests a few hundred).
SQLITE_ANALYSIS_LIMIT = 1000


def refresh_statistics(engine: Engine) -> float:
    """Bring the planner's statistics up to date; the seconds it took. Raises DBAPIError."""
    started = time.monotonic()
    if engine.dialect.name == "postgresql":
        # VACUUM cannot run in a transaction; nor may the API's statement timeout stop it.
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("SET statement_timeout = 0"))
            connection.execute(text(f"VACUUM (ANALYZE) {', '.join(TABLES)}"))
    else:
        with engine.begin() as connection:
            connection.execute(text(f"PRAGMA analysis_limit = {SQLITE_ANALYSIS_LIMIT}"))
            connection.execute(text("ANALYZE"))
    return time.monotonic() - started


def refresh_statistics_safely(engine: Engine) -> str | None:
    """`refresh_statistics`, with a failure returned as a one-line warning instead."""
    try:
        refresh_statistics(engine)
    except DBAPIError as exc:
        reason = describe_connection_error(exc, engine.url)
        return f"could not refresh the query planner's statistics: {reason}"
    return None
