"""Parse errors: one base class; the message says what was expected and where (line number)."""

from __future__ import annotations


class ParseError(ValueError):
    """The text is not a resolution the parser can read. `line` is 1-based when known."""

    def __init__(self, message: str, *, line: int | None = None) -> None:
        self.message = message
        self.line = line
        super().__init__(f"line {line}: {message}" if line is not None else message)


class NotAResolution(ParseError):
    """Empty, binary, or an unrelated document: no resolution symbol or enacting formula."""


class MissingOperativePart(ParseError):
    """A resolution that starts well but has no operative paragraphs (truncated file)."""


class MalformedStructure(ParseError):
    """Paragraph numbering or footnotes contradict themselves beyond repair."""


class MetadataConflict(ParseError):
    """The text contradicts the metadata that came with it (front matter symbol)."""
