"""What a run did: one result per document (a resolution in one language, read from a file or
a zip member; two for a two-part XML file) or per file that failed whole, the totals, and their
human and JSON renderings."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class FileOutcome(StrEnum):
    INSERTED = "inserted"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    VALID = "valid"  # --dry-run: parsed and checked, nothing written
    FAILED = "failed"
    SKIPPED = "skipped"  # not attempted: the job stopped before reaching it


@dataclass(frozen=True, slots=True)
class FileResult:
    path: str
    outcome: FileOutcome
    symbol: str | None = None
    reason: str | None = None  # why it failed or was skipped
    warnings: tuple[str, ...] = ()
    language: str | None = None  # of the document (ISO 639-1), once read

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.path,
            "outcome": str(self.outcome),
            "symbol": self.symbol,
            "language": self.language,
            "reason": self.reason,
            "warnings": list(self.warnings),
        }


@dataclass
class Summary:
    dry_run: bool = False
    database: str | None = None  # the URL without its password
    # Files of the run (a zip member is one), as the start of the run announced them; the
    # results are per document, so there can be more of them.
    files: int = 0
    results: list[FileResult] = field(default_factory=list)
    stopped: str | None = None  # why the job stopped early (the database went away)
    seconds: float = 0.0
    # Stored details rendered after the files (app/ingest/writer.py: Writer.render_missing).
    rendered: int = 0
    # Problems after the files were written (e.g. refreshing the planner's statistics).
    warnings: list[str] = field(default_factory=list)
    # --dry-run only: the rendered documents, in file order (not part of the JSON summary).
    documents: list[dict[str, Any]] = field(default_factory=list)

    def count(self, outcome: FileOutcome) -> int:
        return sum(1 for result in self.results if result.outcome is outcome)

    @property
    def failures(self) -> list[FileResult]:
        return [result for result in self.results if result.outcome is FileOutcome.FAILED]

    @property
    def ok(self) -> bool:
        return self.stopped is None and not self.failures

    def to_json(self) -> dict[str, Any]:
        return {
            "dry_run": self.dry_run,
            "database": self.database,
            "files_seen": self.files,
            "documents": len(self.results),
            **{str(outcome): self.count(outcome) for outcome in FileOutcome},
            "stopped": self.stopped,
            "seconds": round(self.seconds, 3),
            "details_rendered": self.rendered,
            "warnings": self.warnings,
            "failures": [{"file": r.path, "reason": r.reason} for r in self.failures],
            "files": [result.to_json() for result in self.results],
        }

    def to_text(self) -> str:
        """A few lines for a person: the totals, then each failure with its reason."""
        files, documents = self.files, len(self.results)
        if self.dry_run:
            totals = f"{self.count(FileOutcome.VALID)} valid (dry run, nothing written)"
        else:
            totals = ", ".join(
                f"{self.count(outcome)} {outcome}"
                for outcome in (FileOutcome.INSERTED, FileOutcome.UPDATED, FileOutcome.UNCHANGED)
            )
        lines = [
            f"{files} file{'s' if files != 1 else ''}, "
            f"{documents} document{'s' if documents != 1 else ''}: {totals}, "
            f"{self.count(FileOutcome.FAILED)} failed"
            + (f", {self.count(FileOutcome.SKIPPED)} skipped" if self.stopped else "")
            + f" ({self.seconds:.1f} s)"
        ]
        if self.rendered:
            lines.append(
                f"{self.rendered} stored detail{'s' if self.rendered != 1 else ''} rendered"
            )
        lines.extend(f"  failed: {result.path}: {result.reason}" for result in self.failures)
        if self.stopped:
            lines.append(f"stopped: {self.stopped}")
        lines.extend(f"warning: {warning}" for warning in self.warnings)
        return "\n".join(lines)
