"""Command line of the bulk exports: the same bytes as `GET /v1/export/NAME`, without a server."""

# Exit status: 0 when the export was written, 1 when the database failed during it (an output
# file is then not left behind half-written), 2 for usage or configuration errors (bad
# arguments, a database that cannot be reached or is not migrated), before anything is written.

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, TextIO

from sqlalchemy.exc import DBAPIError

from app.cli import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    SETUP_ERRORS,
    setup_error,
    stopped_reason,
)
from app.config import Settings
from app.core.links import Links
from app.core.timestamps import parse_timestamp
from app.db.schema import check_schema_is_current
from app.db.session import (
    build_engine,
    build_sessionmaker,
)
from app.services.export import Export, ExportName

# Links inside the JSON documents need a base; without a configured public URL, the address
# `python -m app serve` listens on by default.
DEFAULT_BASE_URL = "http://127.0.0.1:8000"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m app.export",
        description="Write one of the API's bulk exports from the database named by "
        "DATABASE_URL: the same bytes as GET /v1/export/NAME.",
        epilog="Exit status: 0 written, 1 the database failed during the export, "
        "2 usage or configuration error.",
    )
    parser.add_argument("name", choices=[str(name) for name in ExportName], help="the export")
    parser.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write to FILE (default: stdout)"
    )
    parser.add_argument(
        "--database-url", help="database to read (default: the DATABASE_URL setting)"
    )
    parser.add_argument(
        "--updated-since",
        metavar="TIMESTAMP",
        help="only resolutions created or changed at or after this ISO 8601 moment, with a "
        "timezone (2026-01-01T00:00:00Z)",
    )
    parser.add_argument(
        "--base-url",
        help="base of the links in JSON documents (default: the PUBLIC_BASE_URL setting, "
        f"else {DEFAULT_BASE_URL})",
    )
    parser.add_argument(
        "--no-bom", action="store_true", help="CSV without the UTF-8 byte order mark"
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="no summary line on stderr")
    return parser


def main(
    argv: list[str] | None = None, *, stdout: BinaryIO | None = None, stderr: TextIO | None = None
) -> int:
    out = stdout or sys.stdout.buffer
    err = stderr or sys.stderr
    args = build_parser().parse_args(argv)
    name = ExportName(args.name)
    try:
        since = parse_timestamp(args.updated_since) if args.updated_since else None
    except ValueError as exc:
        print(f"error: --updated-since {exc}", file=err)
        return EXIT_USAGE
    if args.output is not None and not args.output.parent.is_dir():
        print(f"error: no such folder: {args.output.parent}", file=err)
        return EXIT_USAGE

    engine = None
    try:
        settings = Settings(database_url=args.database_url) if args.database_url else Settings()
        # Read-only connections: on PostgreSQL one snapshot for the whole export, as the API's.
        engine = build_engine(settings, read_only=True)
        check_schema_is_current(engine)
        base = args.base_url or settings.public_base_url or DEFAULT_BASE_URL
        with build_sessionmaker(engine)() as session:
            export = Export(
                session, name, Links(base.rstrip("/")), updated_since=since, bom=not args.no_bom
            )
            with _destination(args.output, out) as target:
                for chunk in export.chunks():
                    target.write(chunk)
    except SETUP_ERRORS as exc:
        print(f"error: {setup_error(exc)}", file=err)
        return EXIT_USAGE
    except DBAPIError as exc:
        print(f"error: the export stopped: {stopped_reason(exc, engine)}", file=err)
        return EXIT_FAILED
    finally:
        if engine is not None:
            engine.dispose()
    if not args.quiet:
        where = str(args.output) if args.output is not None else "standard output"
        unit = "documents" if name is ExportName.RESOLUTIONS else "rows"
        print(f"{name}: {export.rows} {unit} written to {where}", file=err)
    return EXIT_OK


@contextmanager
def _destination(path: Path | None, stdout: BinaryIO) -> Iterator[BinaryIO]:
    """`path` written through a temporary file renamed at the end, so that a failed export
    leaves no partial file; or standard output."""
    if path is None:
        yield stdout
        return
    partial = path.with_name(f".{path.name}.partial")
    try:
        with partial.open("wb") as file:
            yield file
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
