"""Pure parsing: raw resolution text in, frozen dataclasses out (no database, no web)."""

from app.parsing.errors import ParseError
from app.parsing.model import ParsedResolution
from app.parsing.parser import parse_resolution

__all__ = ["ParseError", "ParsedResolution", "parse_resolution"]
