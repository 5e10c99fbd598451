"""Why an AKN4UN input is refused: ParseError subclasses whose message names the problem."""

from __future__ import annotations

from app.document.errors import ParseError


class AknError(ParseError):
    """The input is not an AKN4UN resolution the reader can use."""


class NotXml(AknError):
    """Not well-formed XML: binary, text, or cut short (the parser's own reason and line)."""


class NotAkn(AknError):
    """Well-formed XML, but not Akoma Ntoso 3.0 (another root, another namespace or version)."""


class MissingBody(AknError):
    """An Akoma Ntoso document without a resolution in it: no statement, or no mainBody."""


class BadArchive(AknError):
    """A zip archive that cannot be read, or a member in it that is not AKN4UN XML."""
