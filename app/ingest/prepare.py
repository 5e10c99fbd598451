"""One file up to the point of writing: read, parse, check against its front matter, render.

All of it happens outside any transaction, so that a transaction lasts only as long as its
writes. Every refusal is a FileFailed whose message is the reason reported for the file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.document.errors import ParseError
from app.document.model import Gazetteer, ParsedResolution
from app.ingest.errors import FileFailed
from app.ingest.rows import InvalidRows, ResolutionRows, build_rows
from app.ingest.sources import SourceError, SourceText, read_source
from app.renderings.document import Document, render_document

Parse = Callable[[str], ParsedResolution]


@dataclass(frozen=True, slots=True)
class Prepared:
    """A resolution ready to write: its rows, and the document stored with them."""

    rows: ResolutionRows
    document: Document


def read(path: Path, *, max_bytes: int) -> SourceText:
    try:
        return read_source(path, max_bytes=max_bytes)
    except SourceError as exc:
        raise FileFailed(str(exc)) from None


def prepare(source: SourceText, *, parse: Parse, gazetteer: Gazetteer) -> Prepared:
    """Parse, check and render one text; raises FileFailed with the reason."""
    try:
        parsed = parse(source.text)
    except ParseError as exc:
        raise FileFailed(f"not a readable resolution: {exc}") from None
    except Exception as exc:  # a parser bug must not stop the batch; say what it was
        raise FileFailed(f"the parser failed: {type(exc).__name__}: {exc}") from None
    symbol = parsed.metadata.symbol
    if source.front_matter_symbol not in {None, " ".join(symbol.split())}:
        raise FileFailed(
            f"the text is resolution {symbol} but its front matter says "
            f"symbol: {source.front_matter_symbol}"
        )
    document = render_document(parsed, gazetteer)
    try:
        rows = build_rows(
            parsed, source_file=source.path, text_sha256=source.sha256, document=document
        )
    except InvalidRows as exc:
        raise FileFailed(f"cannot be stored: {exc}") from None
    return Prepared(rows=rows, document=document)
