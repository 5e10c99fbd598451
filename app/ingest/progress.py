"""Progress as the files go: a redrawn bar on a terminal, one plain line per file elsewhere.

Logs of CI and containers are not terminals; there a bar would be a single line of carriage
returns, so each file gets a line of its own (`inserted  A/RES/68/72  path/to/file.txt`).
"""

from __future__ import annotations

import shutil
import time
from typing import Protocol, TextIO

from app.ingest.summary import FileOutcome, FileResult


class Reporter(Protocol):
    def start(self, total: int) -> None: ...

    def file_done(self, result: FileResult) -> None: ...

    def finish(self) -> None: ...


def reporter_for(stream: TextIO) -> Reporter:
    """A bar when `stream` is a terminal, plain lines otherwise."""
    return ProgressBar(stream) if stream.isatty() else LineReporter(stream)


def describe(result: FileResult) -> str:
    """`inserted  A/RES/68/72  data/corpus/A_RES_68_72.txt`, or the failure with its reason."""
    if result.outcome in {FileOutcome.FAILED, FileOutcome.SKIPPED}:
        return f"{result.outcome:<9} {result.path}: {result.reason}"
    line = f"{result.outcome:<9} {result.symbol or '-'}  {result.path}"
    if result.warnings:
        line += f"  ({len(result.warnings)} warning{'s' if len(result.warnings) > 1 else ''})"
    return line


class LineReporter:
    """One line per file, flushed at once so that a log shows where a long run is."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def start(self, total: int) -> None:
        print(f"ingesting {total} file{'s' if total != 1 else ''}", file=self.stream, flush=True)

    def file_done(self, result: FileResult) -> None:
        if result.outcome is not FileOutcome.SKIPPED:  # the summary counts those; no line each
            print(describe(result), file=self.stream, flush=True)

    def finish(self) -> None:
        return None


class SilentReporter:
    """Reports nothing (library use, tests)."""

    def start(self, total: int) -> None:
        return None

    def file_done(self, result: FileResult) -> None:
        return None

    def finish(self) -> None:
        return None


class ProgressBar:
    """`[=========>          ] 23/49  14.2/s  A_RES_80_3.md`; failures print above the bar."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.total = 0
        self.done = 0
        self.started = time.monotonic()

    def start(self, total: int) -> None:
        self.total = total
        self.started = time.monotonic()
        self._draw("")

    def file_done(self, result: FileResult) -> None:
        self.done += 1
        if result.outcome is FileOutcome.FAILED:
            self.stream.write("\r\x1b[K" + describe(result) + "\n")
        self._draw(result.path.rsplit("/", 1)[-1])

    def finish(self) -> None:
        self.stream.write("\r\x1b[K")
        self.stream.flush()

    def _draw(self, current: str) -> None:
        columns = shutil.get_terminal_size((80, 20)).columns
        elapsed = max(time.monotonic() - self.started, 1e-6)
        counts = f" {self.done}/{self.total}  {self.done / elapsed:.1f}/s  "
        width = max(10, min(40, columns - len(counts) - 20))
        filled = width * self.done // self.total if self.total else width
        bar = "=" * filled + (">" if filled < width else "") + " " * max(0, width - filled - 1)
        line = f"[{bar}]{counts}{current}"
        self.stream.write("\r\x1b[K" + line[: columns - 1])
        self.stream.flush()
