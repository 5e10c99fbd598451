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
#
# A long run also analyses as it goes (PostgreSQL; `analyze_grown`): every ANALYSIS_EVERY
# documents written, the tables whose rows changed by more than they held at their last
# analysis (autovacuum's rule, with a scale factor of 1 instead of 0.2: each analysis samples
# up to 30,000 rows, and at 0.2 the analyses of the growing translation tables took 10 s of a
# 5-minute load). The job's own lookups (the hash of each input, a subject by its URI, the
# neighbours of a resolution in its series) were otherwise planned for the empty tables of a
# new database, a sequential scan each: 11 million rows of `resolution_versions` read for the
# 13,412 documents of the UN snapshot on a server with autovacuum off. Analysing at fixed
# points instead left a table analysed while it was still nearly empty planned that way
# until the next point. SQLite's planner, with no statistics, assumes large tables and uses
# the indexes.

from __future__ import annotations

import time
from collections.abc import Sequence

from sqlalchemy import Engine, bindparam, text
from sqlalchemy.exc import DBAPIError

import app.db.models  # noqa: F401  (registers every table)
from app.db.base import Base
from app.db.session import describe_connection_error

# Every table of the model: the job writes nearly all of them, and the others are small.
TABLES: Sequence[str] = tuple(table.name for table in Base.metadata.sorted_tables)
# During a run, how often (documents written) the tables that grew are analysed: those whose
# rows changed by more than 50 plus the rows they held at their last analysis (none before).
ANALYSIS_EVERY = 200
_GROWN = (
    "SELECT s.relname FROM pg_stat_user_tables AS s JOIN pg_class AS c ON c.oid = s.relid "
    "WHERE s.schemaname = current_schema() AND s.relname IN :tables "
    "AND s.n_mod_since_analyze > 50 + greatest(c.reltuples, 0) ORDER BY s.relname"
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


def analyze_grown(engine: Engine) -> list[str]:
    """Analyse the tables whose rows changed by more than they held at their last analysis
    (PostgreSQL; nothing elsewhere); their names. Raises DBAPIError."""
    if engine.dialect.name != "postgresql":
        return []
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        statement = text(_GROWN).bindparams(bindparam("tables", expanding=True))
        grown = list(connection.execute(statement, {"tables": list(TABLES)}).scalars())
        if grown:
            connection.execute(text("SET statement_timeout = 0"))
            connection.execute(text(f"ANALYZE {', '.join(grown)}"))
    return grown


def refresh_statistics_safely(engine: Engine) -> str | None:
    """`refresh_statistics`, with a failure returned as a one-line warning instead."""
    try:
        refresh_statistics(engine)
    except DBAPIError as exc:
        reason = describe_connection_error(exc, engine.url)
        return f"could not refresh the query planner's statistics: {reason}"
    return None
