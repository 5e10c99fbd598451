"""Progress as the files go: a redrawn bar on a terminal, one plain line per file elsewhere."""

# Logs of CI and containers are not terminals; there a bar would be a single line of carriage
# returns, so each file gets a line of its own (`inserted  A/RES/68/72  path/to/file.txt`).

from __future__ import annotations

from typing import Protocol, TextIO

from tqdm import tqdm

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

    def start(self, total: int) -> None:  # noqa: ARG002 (the Reporter protocol)
        return None

    def file_done(self, result: FileResult) -> None:  # noqa: ARG002 (the Reporter protocol)
        return None

    def finish(self) -> None:
        return None


class ProgressBar:
    """A tqdm bar (count, rate, time left, current file); failures print above the bar."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.bar: tqdm[None] | None = None

    def start(self, total: int) -> None:
        self.bar = tqdm(total=total, file=self.stream, unit="file", dynamic_ncols=True)

    def file_done(self, result: FileResult) -> None:
        if self.bar is None:
            return
        if result.outcome is FileOutcome.FAILED:
            self.bar.write(describe(result), file=self.stream)
        self.bar.set_postfix_str(result.path.rsplit("/", 1)[-1], refresh=False)
        self.bar.update(1)

    def finish(self) -> None:
        if self.bar is not None:
            self.bar.close()
