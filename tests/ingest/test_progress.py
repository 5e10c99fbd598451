"""Progress output: a redrawn bar on a terminal, one line per file in logs, summaries."""

from __future__ import annotations

import io

from app.ingest.progress import LineReporter, ProgressBar, reporter_for
from app.ingest.summary import FileOutcome, FileResult, Summary

RESULTS = [
    FileResult("corpus/A_RES_68_72.txt", FileOutcome.INSERTED, symbol="A/RES/68/72"),
    FileResult("corpus/empty.txt", FileOutcome.FAILED, reason="file is empty"),
    FileResult("corpus/A_RES_80_5.md", FileOutcome.UNCHANGED, symbol="A/RES/80/5", warnings=("w",)),
    FileResult("corpus/later.txt", FileOutcome.SKIPPED, reason="not attempted: the job stopped"),
]


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_plain_lines_when_not_a_terminal() -> None:
    stream = io.StringIO()
    reporter = reporter_for(stream)
    assert isinstance(reporter, LineReporter)

    reporter.start(len(RESULTS))
    for result in RESULTS:
        reporter.file_done(result)
    reporter.finish()

    assert stream.getvalue().splitlines() == [
        "ingesting 4 files",
        "inserted  A/RES/68/72  corpus/A_RES_68_72.txt",
        "failed    corpus/empty.txt: file is empty",
        "unchanged A/RES/80/5  corpus/A_RES_80_5.md",
        "  warning: w",  # what the warning says, not only that there is one
    ]


def test_bar_on_a_terminal_keeps_failures_on_lines_of_their_own() -> None:
    stream = Terminal()
    reporter = reporter_for(stream)
    assert isinstance(reporter, ProgressBar)

    reporter.start(len(RESULTS))
    for result in RESULTS:
        reporter.file_done(result)
    reporter.finish()

    output = stream.getvalue()
    lines = output.split("\n")
    # The failure has a line of its own; the bar is redrawn in place (carriage returns).
    assert "\rfailed    corpus/empty.txt: file is empty" in lines[0]
    assert len(lines) == 3
    assert "| 4/4 " in lines[1]
    assert "later.txt" in lines[1]


def test_summary_text_and_json() -> None:
    summary = Summary(
        files=4, results=list(RESULTS), stopped="cannot use the database ...", seconds=1.25
    )

    assert summary.to_text().splitlines() == [
        "4 files, 4 documents: 1 inserted, 0 updated, 1 unchanged, 1 failed, 1 skipped (1.2 s)",
        "  failed: corpus/empty.txt: file is empty",
        "stopped: cannot use the database ...",
    ]
    data = summary.to_json()
    assert (data["files_seen"], data["documents"], data["inserted"], data["failed"]) == (4, 4, 1, 1)
    assert data["failures"] == [{"file": "corpus/empty.txt", "reason": "file is empty"}]
    assert data["files"][2]["warnings"] == ["w"]
    assert not summary.ok


def test_summary_says_how_many_details_it_rendered() -> None:
    summary = Summary(files=1, results=[RESULTS[0]], seconds=0.5, rendered=6)

    assert summary.to_text().splitlines()[1] == "6 stored details rendered"
    assert summary.to_json()["details_rendered"] == 6
