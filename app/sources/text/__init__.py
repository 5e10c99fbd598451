"""The text parser: raw resolution text in, a ParsedResolution out (no database, no web)."""

from app.document.errors import ParseError
from app.document.model import ParsedResolution
from app.sources.text.parser import parse_resolution, parse_resolutions

__all__ = ["ParseError", "ParsedResolution", "parse_resolution", "parse_resolutions"]
