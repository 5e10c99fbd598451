"""Character-level normalisation shared by every input format."""

# Input is any decoded text; output uses `\n` line ends, plain spaces and ASCII hyphens, e.g.
# "Non\u2011Proliferation\u00a0Treaty \r\n" -> "Non-Proliferation Treaty".

from __future__ import annotations

import re

# Characters PDF and HTML tools use for what is, in the text, a plain space or hyphen.
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2002\u2003\u2007\u2009\u200a\u202f\u3000"), " ")
_HYPHENS = dict.fromkeys(map(ord, "\u2010\u2011\u00ad"), "-")
# Zero-width characters and the left-to-right and right-to-left marks: formatting, not text.
_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u200c\u200d\u2060\u200e\u200f"), None)
# The soft hyphen marks a possible break, not a character: it must disappear, not become "-".
_TRANSLATION = {**_SPACES, **_HYPHENS, **_INVISIBLE, ord("\u00ad"): None, ord("\t"): " "}
_TRANSLATED = [chr(code) for code in _TRANSLATION]

# A form feed (pdftotext and others end each page with one) becomes a line of its own that
# the layout reads as page furniture.
PAGE_BREAK = "\ue000"
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_SUPERSCRIPT_RUN = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+")


def normalize(text: str) -> str:
    """Line ends, odd spaces and hyphens, invisible characters; trailing blanks on each line.

    Superscript digits, which some tools keep for footnote markers ("conventions¹"), are
    written as explicit markers ("conventions[^1]").
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", f"\n{PAGE_BREAK}\n")
    # Most texts have none of these: looking for each is far quicker than translating.
    if any(character in text for character in _TRANSLATED):
        text = text.translate(_TRANSLATION)
    text = _SUPERSCRIPT_RUN.sub(lambda m: f"[^{m.group(0).translate(_SUPERSCRIPTS)}]", text)
    return "\n".join(line.rstrip() for line in text.split("\n"))


def squash(text: str) -> str:
    """Collapse runs of whitespace into single spaces and trim."""
    return " ".join(text.split())


def fold(text: str) -> str:
    """A comparison key: lower case, straight quotes, single spaces, no trailing colon."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"')
    text = text.replace("\u201d", '"')
    return squash(text).lower().rstrip(" :")
