"""Writes, each in a transaction of its own: lock waits retried, a lost server recognised."""

# A database error that looks like the server going away is checked with a new connection: if
# that fails too the job stops (DatabaseGone), otherwise the write is tried again.

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import TypeVar

from sqlalchemy import Engine, select, update
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from app.db.models import Resolution, ResolutionVersion
from app.db.session import build_sessionmaker, describe_connection_error
from app.db.version import advance_version
from app.document.model import Gazetteer
from app.ingest.errors import DatabaseGone, FileFailed, JobStopped
from app.ingest.loader import load_resolution
from app.ingest.reference_data import ReferenceIds, upsert_reference_data
from app.ingest.rows import InvalidRows, ResolutionRows
from app.ingest.statistics import analyze_grown
from app.ingest.stored_refresh import missing_batches, render_batch
from app.ingest.summary import FileOutcome

T = TypeVar("T")
# A stored language version: (symbol, language, source format).
StoredVersion = tuple[str, str, str]
# Renders batches of stored details side by side: (database URL, batches) -> bodies written.
SideBySide = Callable[[str, list[list[int]]], int]

# The start of the message of a failed rendering of the stored details (here or in a worker).
RENDERING_REFUSED = "the database refused the rendering of the stored details"
# Lock waits (SQLite's busy database, PostgreSQL deadlocks) are retried this many times.
ATTEMPTS = 3
_TRANSIENT_SQLSTATES = frozenset({"40001", "40P01"})  # serialization failure, deadlock


class Writer:
    """The job's only door to the database."""

    def __init__(self, engine: Engine, *, force: bool = False) -> None:
        self.engine = engine
        self.sessions: sessionmaker[Session] = build_sessionmaker(engine)
        self.force = force
        self.reference = ReferenceIds(treaties={}, organizations={})
        # Hashes of inputs stored under an absolute path (by an earlier version of the job).
        self.machine_paths: set[str] = set()

    def sync_reference_data(self, gazetteer: Gazetteer) -> None:
        """Upsert the gazetteer; raises JobStopped when it cannot, as nothing loads without it."""

        def write(session: Session) -> ReferenceIds:
            return upsert_reference_data(session, gazetteer)

        try:
            self.reference = self._transaction(write, what="the gazetteer")
        except FileFailed as exc:
            raise JobStopped(str(exc)) from None

    def stored_symbols(self, text_sha256s: Sequence[str]) -> dict[str, list[StoredVersion]]:
        """Input hash -> the stored versions read from exactly that input (no parse needed):
        one for a text, one per part for a multi-part XML file.

        One indexed query for a chunk of inputs; hashes not stored are absent.
        """

        def read(session: Session) -> dict[str, list[StoredVersion]]:
            statement = (
                select(
                    ResolutionVersion.text_sha256,
                    Resolution.symbol,
                    ResolutionVersion.language,
                    ResolutionVersion.source_format,
                    ResolutionVersion.source_file,
                )
                .join(Resolution, Resolution.id == ResolutionVersion.resolution_id)
                .where(ResolutionVersion.text_sha256.in_(sorted(set(text_sha256s))))
                .order_by(Resolution.symbol)
            )
            found: dict[str, list[StoredVersion]] = {}
            for sha256, symbol, language, source_format, file in session.execute(statement):
                found.setdefault(sha256, []).append((symbol, language, source_format))
                if is_machine_path(file):
                    self.machine_paths.add(sha256)
            return found

        return self._transaction(read, what="the lookup of the text")

    def relocate(self, files: dict[str, str]) -> None:
        """Store `files` (input hash -> its path relative to the run's root) in place of the
        absolute paths of the ingesting machine that earlier versions of the job stored for
        those inputs. Not a change of text: no event, but the data version advances, as the
        API shows the file."""
        files = {sha256: file for sha256, file in files.items() if sha256 in self.machine_paths}
        if not files:
            return

        def write(session: Session) -> None:
            for sha256, file in files.items():
                session.execute(
                    update(ResolutionVersion)
                    .where(ResolutionVersion.text_sha256 == sha256)
                    .values(source_file=file)
                )
            advance_version(session)

        self._transaction(write, what="the paths of unchanged inputs")
        self.machine_paths.difference_update(files)

    def load(self, rows: ResolutionRows) -> FileOutcome:
        def write(session: Session) -> FileOutcome:
            return load_resolution(session, rows, self.reference, force=self.force)

        return self._transaction(write, what=rows.symbol)

    def analyze(self) -> str | None:
        """Update the planner's statistics of the tables that grew (mid-run); a one-line
        warning if the database refuses."""
        try:
            analyze_grown(self.engine)
        except DBAPIError as exc:
            reason = first_line(exc)
            return f"could not update the query planner's statistics during the run: {reason}"
        return None

    def render_missing(self, side_by_side: SideBySide | None = None) -> int:
        """Render the stored details the run's changes deleted (and any an interrupted run
        left missing), on PostgreSQL by `side_by_side` when given; how many bodies were
        written. FileFailed when the database refuses."""
        try:
            batches = missing_batches(self.engine)
            if side_by_side is not None and len(batches) > 1 and self._postgresql:
                url = self.engine.url.render_as_string(hide_password=False)
                return side_by_side(url, batches)
            return sum(render_batch(self.engine, ids) for ids in batches)
        except DBAPIError as exc:
            raise FileFailed(f"{RENDERING_REFUSED}: {first_line(exc)}") from None

    @property
    def _postgresql(self) -> bool:
        return self.engine.dialect.name == "postgresql"

    def _transaction(self, work: Callable[[Session], T], *, what: str) -> T:
        for attempt in range(1, ATTEMPTS + 1):
            try:
                with self.sessions.begin() as session:
                    return work(session)
            except (OperationalError, InterfaceError) as exc:
                self._stop_if_gone()
                retry = exc.connection_invalidated or _is_transient(exc)
                if not retry or attempt == ATTEMPTS:
                    raise FileFailed(f"the database refused {what}: {first_line(exc)}") from None
                time.sleep(0.1 * attempt)
            except DBAPIError as exc:
                if not _is_transient(exc) or attempt == ATTEMPTS:
                    raise FileFailed(f"the database refused {what}: {first_line(exc)}") from None
                time.sleep(0.1 * attempt)
            except InvalidRows as exc:
                raise FileFailed(str(exc)) from None
            except Exception as exc:  # a loader bug: this file fails, the batch goes on
                raise FileFailed(f"could not load {what}: {type(exc).__name__}: {exc}") from None
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _stop_if_gone(self) -> None:
        """Raise DatabaseGone when a fresh connection cannot run `SELECT 1` either."""
        try:
            with self.engine.connect() as connection:
                connection.execute(select(1))
        except DBAPIError as probe:
            raise DatabaseGone(describe_connection_error(probe, self.engine.url)) from None


def is_machine_path(file: str) -> bool:
    """An absolute path (`/work/...`, `C:\\data\\...`), which the job no longer stores."""
    return file.startswith(("/", "\\")) or (len(file) > 2 and file[1] == ":" and file[0].isalpha())


def _is_transient(exc: DBAPIError) -> bool:
    sqlstate = getattr(exc.orig, "sqlstate", None)
    return sqlstate in _TRANSIENT_SQLSTATES or "database is locked" in str(exc.orig)


def first_line(exc: DBAPIError) -> str:
    """The database's own message, first line (no SQL, no parameters), for a one-line reason."""
    message = str(exc.orig).strip() if exc.orig is not None else ""
    return message.splitlines()[0] if message else type(exc).__name__
