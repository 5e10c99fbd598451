"""Command line of the ingestion job: arguments, database checks, output and exit status."""

# Exit status: 0 when every file loaded (or was unchanged), 1 when any file failed or the
# database went away during the run, 2 for usage or configuration errors (bad arguments, a
# database that cannot be reached or is not migrated) -- those stop before any file is read.
# `--delete SYMBOL` removes resolutions instead (app.ingest.removal); 1 when one was not there.
# `--render-only` renders every stored detail again (app.ingest.stored_refresh).

from __future__ import annotations

import argparse
import json
import os
import sys
from functools import partial
from pathlib import Path
from typing import TextIO

from sqlalchemy import Engine
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
from app.core.identifiers import normalize_symbol
from app.db.schema import check_schema_is_current
from app.db.session import build_engine
from app.ingest.inputs import discover_inputs, read_extracts
from app.ingest.job import run_ingest
from app.ingest.json_log import JsonLogReporter
from app.ingest.progress import Reporter, SilentReporter, reporter_for
from app.ingest.removal import delete_resolutions
from app.ingest.sources import MAX_FILE_BYTES
from app.ingest.stored_refresh import render_all
from app.ingest.summary import Summary
from app.logging import configure_logging
from app.reference import GazetteerError, load_gazetteer
from app.sources.text import parse_resolutions


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m app.ingest",
        description="Load resolution texts (.txt, .md) into the database named by DATABASE_URL.",
        epilog="Exit status: 0 all loaded, 1 some file failed, 2 usage or configuration error.",
    )
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="files or folders")
    parser.add_argument(
        "--delete",
        action="append",
        metavar="SYMBOL",
        help="remove this resolution (A/RES/80/1, 80/1 or A-RES-80-1) and everything it holds, "
        "leaving a `deleted` event for GET /v1/changes; repeat for several; no PATH then",
    )
    parser.add_argument(
        "--render-only",
        action="store_true",
        help="render every resolution's stored detail again (after an upgrade that changes "
        "the rendering: migration 0010 asks for it); no PATH then",
    )
    parser.add_argument(
        "--database-url", help="database to load into (default: the DATABASE_URL setting)"
    )
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="parse and check only; print the documents as JSON, write nothing",
    )
    parser.add_argument(
        "--json", action="store_true", help="print the summary as JSON on standard output"
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="rewrite resolutions whose text is unchanged (after a parser upgrade)",
    )
    parser.add_argument(
        "--max-file-size",
        type=float,
        default=MAX_FILE_BYTES / (1024 * 1024),
        metavar="MB",
        help="refuse files larger than this (default: %(default)g MB)",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        metavar="N",
        help="parse in N processes (default: one per core, %(default)s here); 1 parses in this one",
    )
    parser.add_argument(
        "-q", "--quiet", action="store_true", help="no progress bar or per-file lines"
    )
    parser.add_argument(
        "--log-format",
        choices=["text", "json"],
        default="text",
        help="text: a progress bar on a terminal, a line per file elsewhere (default); "
        "json: one JSON log line per file on standard error, for log collectors",
    )
    return parser


def main(
    argv: list[str] | None = None, *, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.render_only:
        if args.paths or args.delete or args.dry_run or args.force:
            parser.error("--render-only takes no PATH, --delete, --dry-run or --force")
        return _render(args, out, err)
    if bool(args.paths) == bool(args.delete):
        parser.error("give files or folders to load, or --delete SYMBOL, not both")
    if args.delete and (args.dry_run or args.force):
        parser.error("--dry-run and --force do not apply to --delete")
    if args.delete:
        return _delete(args, out, err)
    missing = [str(path) for path in args.paths if not path.exists() and not path.is_symlink()]
    if missing:
        print(f"error: no such file or folder: {', '.join(missing)}", file=err)
        return EXIT_USAGE
    if args.max_file_size <= 0:
        print("error: --max-file-size must be positive", file=err)
        return EXIT_USAGE
    if args.jobs < 1:
        print("error: --jobs must be at least 1", file=err)
        return EXIT_USAGE

    engine = None
    try:
        if not args.dry_run:
            settings = Settings(database_url=args.database_url) if args.database_url else Settings()
            engine = build_engine(settings, ping=False)  # a round trip per file saved
            check_schema_is_current(engine)
        gazetteer = load_gazetteer()
        inputs = discover_inputs(args.paths)
        if not inputs.documents:
            print("warning: no resolution texts, AKN4UN XML or zip archives found", file=err)
        # An extract anywhere among the inputs applies to the whole run: read before any XML.
        extracts, refused = read_extracts(inputs.extracts)
        summary = run_ingest(
            inputs.documents,
            extracts=extracts,
            engine=engine,
            gazetteer=gazetteer,
            # A partial, not a lambda: worker processes receive it pickled.
            parse=partial(parse_resolutions, gazetteer=gazetteer),
            reporter=_reporter(args, err),
            force=args.force,
            max_bytes=int(args.max_file_size * 1024 * 1024),
            jobs=args.jobs,
            # Inputs refused before any document was read (a broken zip, an unreadable extract).
            refused=inputs.refused + refused,
        )
    except SETUP_ERRORS as exc:
        print(f"error: {setup_error(exc)}", file=err)
        return EXIT_USAGE
    except GazetteerError as exc:  # shipped data that does not load: a broken installation
        print(f"error: cannot load the gazetteer: {exc}", file=err)
        return EXIT_USAGE
    finally:
        if engine is not None:
            engine.dispose()
    _print_outcome(summary, args, out, err)
    return EXIT_OK if summary.ok else EXIT_FAILED


def _delete(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """`--delete SYMBOL ...`: each resolution removed in a transaction of its own."""
    symbols = [normalize_symbol(value) for value in args.delete]
    invalid = [value for value, symbol in zip(args.delete, symbols, strict=True) if not symbol]
    if invalid:
        print(f"error: not a resolution symbol: {', '.join(invalid)}", file=err)
        return EXIT_USAGE
    engine: Engine | None = None
    try:
        settings = Settings(database_url=args.database_url) if args.database_url else Settings()
        engine = build_engine(settings)
        check_schema_is_current(engine)
        deleted = delete_resolutions(engine, [symbol for symbol in symbols if symbol])
    except SETUP_ERRORS as exc:
        print(f"error: {setup_error(exc)}", file=err)
        return EXIT_USAGE
    except DBAPIError as exc:
        print(f"error: the deletion stopped: {stopped_reason(exc, engine)}", file=err)
        return EXIT_FAILED
    finally:
        if engine is not None:
            engine.dispose()
    absent = [symbol for symbol, slug in deleted.items() if slug is None]
    if args.json:
        gone = [symbol for symbol, slug in deleted.items() if slug is not None]
        json.dump({"deleted": gone, "not_found": absent}, out, indent=2)
        out.write("\n")
    else:
        for symbol, slug in deleted.items():
            line = f"deleted {symbol}" if slug else f"not found: {symbol} is not in the database"
            print(line, file=out)
    return EXIT_FAILED if absent else EXIT_OK


def _render(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """`--render-only`: every stored detail rendered again from the rows."""
    engine: Engine | None = None
    try:
        settings = Settings(database_url=args.database_url) if args.database_url else Settings()
        engine = build_engine(settings)
        check_schema_is_current(engine)
        written = render_all(engine)
    except SETUP_ERRORS as exc:
        print(f"error: {setup_error(exc)}", file=err)
        return EXIT_USAGE
    except DBAPIError as exc:
        print(f"error: the rendering stopped: {stopped_reason(exc, engine)}", file=err)
        return EXIT_FAILED
    finally:
        if engine is not None:
            engine.dispose()
    if args.json:
        json.dump({"rendered": written}, out)
        out.write("\n")
    else:
        print(f"rendered {written} stored details", file=out)
    return EXIT_OK


def _reporter(args: argparse.Namespace, err: TextIO) -> Reporter:
    if args.quiet:
        return SilentReporter()
    if args.log_format == "json":
        configure_logging(Settings().log_level, "json", stream=err)
        return JsonLogReporter()
    return reporter_for(err)


def _print_outcome(summary: Summary, args: argparse.Namespace, out: TextIO, err: TextIO) -> None:
    if args.dry_run and args.json:
        payload: object = {"summary": summary.to_json(), "documents": summary.documents}
    elif args.dry_run:
        payload = summary.documents
    elif args.json:
        payload = summary.to_json()
    else:
        print(summary.to_text(), file=out)
        return
    json.dump(payload, out, indent=2, ensure_ascii=False)
    out.write("\n")
    if not args.json:
        print(summary.to_text(), file=err)
