"""`--log-format json`: the job's progress as JSON log lines (app.logging), one per file."""

#     {"time": "...", "level": "info", "logger": "app.ingest", "message": "updated A/RES/68/72",
#      "event": "file", "file": "data/corpus/mine-action/A_RES_68_72.txt", "outcome": "updated",
#      "symbol": "A/RES/68/72", "reason": null, "warnings": 0, "elapsed_ms": 41.2}
#
# A line when the job starts (`files`), one per file (a failure at level warning, with its
# reason), and one when it ends, with the totals: what a log collector needs to follow a run.

from __future__ import annotations

import logging
import time
from collections import Counter

from app.ingest.summary import FileOutcome, FileResult

logger = logging.getLogger("app.ingest")


class JsonLogReporter:
    """A Reporter (app.ingest.progress) that writes log records instead of a bar or lines."""

    def __init__(self) -> None:
        self.outcomes: Counter[str] = Counter()
        self.started = self.last = time.perf_counter()

    def start(self, total: int) -> None:
        self.started = self.last = time.perf_counter()
        logger.info("ingesting %d files", total, extra={"event": "start", "files": total})

    def file_done(self, result: FileResult) -> None:
        now = time.perf_counter()
        self.outcomes[str(result.outcome)] += 1
        failed = result.outcome in {FileOutcome.FAILED, FileOutcome.SKIPPED}
        logger.log(
            logging.WARNING if failed else logging.INFO,
            "%s %s",
            result.outcome,
            result.symbol or result.path,
            extra={
                "event": "file",
                "file": result.path,
                "outcome": str(result.outcome),
                "symbol": result.symbol,
                "reason": result.reason,
                "warnings": len(result.warnings),
                # Since the previous file: with parallel parsing, the pace of the writes.
                "elapsed_ms": round((now - self.last) * 1000, 1),
            },
        )
        self.last = now

    def finish(self) -> None:
        logger.info(
            "ingest finished",
            extra={
                "event": "finish",
                "seconds": round(time.perf_counter() - self.started, 3),
                **{str(outcome): self.outcomes[str(outcome)] for outcome in FileOutcome},
            },
        )
