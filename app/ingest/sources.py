"""Finding resolution files and reading them as text, refusing what is not clean UTF-8 text."""

# Every refusal is a `SourceError` whose message names the reason in words an operator can act
# on ("not UTF-8: byte 0xe9 at line 3 ..."); the job reports it with the file name and goes on.

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

SUFFIXES = frozenset({".txt", ".md"})
# The longest resolution in the corpus is under 100 kB; 5 MB leaves room for a very long one
# while refusing a mistaken dump (a whole PDF, a log) before it is read into memory.
MAX_FILE_BYTES = 5 * 1024 * 1024

_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


class SourceError(ValueError):
    """The file cannot be read as a resolution text; the message is the reason."""


@dataclass(frozen=True, slots=True)
class SourceText:
    path: str  # as stored: relative to the path the run was given (app.ingest.inputs.Input.file)
    text: str
    sha256: str  # of the text as read (UTF-8, without a byte order mark)
    front_matter_symbol: str | None  # `symbol:` of a Markdown file's front matter


def discover(paths: Iterable[Path]) -> list[Path]:
    """Files named directly, plus every .txt and .md file under the folders, each once, in order.

    Hidden files and folders (`.git`, `.DS_Store`) are skipped. Folders are walked in sorted
    order so that runs and their reports are reproducible.
    """
    found: list[Path] = []
    seen: set[Path] = set()

    def add(path: Path) -> None:
        identity = Path(os.path.abspath(path))
        if identity not in seen:
            seen.add(identity)
            found.append(path)

    for path in paths:
        if not path.is_dir():
            add(path)
            continue
        for folder, subfolders, files in os.walk(path):
            subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
            for name in sorted(files):
                candidate = Path(folder) / name
                if not name.startswith(".") and candidate.suffix.lower() in SUFFIXES:
                    add(candidate)
    return found


def read_source(path: Path, *, max_bytes: int = MAX_FILE_BYTES) -> SourceText:
    """Read one file as UTF-8 text (a UTF-8 byte order mark is allowed), or raise SourceError."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise SourceError(
                f"file is {megabytes(size)}, larger than the {megabytes(max_bytes)} limit "
                "for one resolution"
            )
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)
    except OSError as exc:
        raise SourceError(f"cannot read the file: {exc.strerror or exc}") from None
    if len(raw) > max_bytes:  # it grew between stat() and read()
        raise SourceError(f"file is larger than the {megabytes(max_bytes)} limit")
    text = decode(raw)
    return SourceText(
        path=str(path),
        text=text,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        front_matter_symbol=front_matter_symbol(text),
    )


def decode(raw: bytes) -> str:
    """UTF-8, or UTF-8 with a byte order mark; anything else is refused, never guessed."""
    if not raw.strip():
        raise SourceError("file is empty")
    if raw.startswith(b"%PDF"):
        raise SourceError("file is a PDF, not text: extract its text first (pdftotext -layout)")
    if raw.startswith(_UTF16_BOMS):
        raise SourceError("file is UTF-16 text; save it as UTF-8")
    if b"\x00" in raw:
        raise SourceError("file is binary (it contains NUL bytes), not a text")
    body = raw.removeprefix(_BOM)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = body.count(b"\n", 0, exc.start) + 1
        raise SourceError(
            f"file is not UTF-8: byte 0x{body[exc.start]:02x} at line {line} cannot be decoded; "
            "save it as UTF-8"
        ) from None
    if not text.strip():
        raise SourceError("file is empty")
    return text


def front_matter_symbol(text: str) -> str | None:
    """The `symbol:` value of a leading `---` front matter block, whitespace normalised.

    ```
    ---
    symbol: A/RES/80/1
    title: "..."
    ---
    ```
    """
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        return None
    for line in lines[1:]:
        if line.strip() == "---":
            return None
        name, sep, value = line.partition(":")
        if sep and name.strip() == "symbol":
            symbol = " ".join(value.strip().strip("\"'").split())
            return symbol or None
    return None


def megabytes(size: int) -> str:
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} kB"
    return f"{size / (1024 * 1024):.1f} MB"
