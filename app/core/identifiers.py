"""Public identifiers: a resolution's URL-safe id (`A-RES-68-72`) and the forms users type for
it."""

# `A-RES-68-72`, `A/RES/68/72`, `a-res-68-72`, `68/72` and `A/RES/54/54 B` all name a resolution;
# so do those of special (`A/RES/S-27/2`, `A-RES-S-27-2`) and emergency special sessions
# (`A/RES/ES-10/21`, `ES-10/21`, `A-RES-ES-10-21`);
# `canonical_slug` turns any of them into the id the database stores, so a route can redirect to
# the canonical URL. A clause key is `pp.N`, `op.N` and then sub-paragraph labels (`op.3.e.ii`).

from __future__ import annotations

import re
import unicodedata

# A session: 68, a special session S-27, an emergency special session ES-10.
_SESSION = r"(?:E?S-)?\d{1,3}"
# A General Assembly resolution number without the "A/RES/" prefix: 68/72, 54/54 B, ES-10/21.
_SHORT_SYMBOL = re.compile(rf"^{_SESSION}/\d{{1,5}}(?:\s?[A-Z])?$", re.IGNORECASE)
_SLUG = re.compile(rf"^[A-Z]+(?:-[A-Z]+)*-RES-{_SESSION}-\d{{1,5}}(?:-[A-Z])?$")
_SLUG_PARTS = re.compile(rf"^([A-Z]+(?:-[A-Z]+)*)-RES-({_SESSION})-(\d{{1,5}})(?:-([A-Z]))?$")
# The official XML prints "ES\u201110/19" (a non-breaking hyphen); a user may paste it.
_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-"})
CLAUSE_KEY = re.compile(r"^(?:pp|op)\.\d{1,3}(?:\.[a-z]{1,8})*$")
MAX_IDENTIFIER_LENGTH = 64


# A UN document symbol at the start of a text: bodies, then slash-separated elements.
_LEADING_SYMBOL = re.compile(r"^[A-Z]+/[\w./-]+")


def leading_symbol(text: str | None) -> str | None:
    """The document symbol a text starts with: "A/75/L.87/Rev.1 (as amended in A/75/L.90)"
    -> "A/75/L.87/Rev.1"; None when it starts with none."""
    found = _LEADING_SYMBOL.match((text or "").strip())
    return found.group().rstrip(".,") if found else None


def normalize_symbol(raw: str) -> str | None:
    """A resolution symbol as stored (`A/RES/68/72`, `A/RES/54/54 B`) from any accepted form.

    Returns None when `raw` is neither a symbol, a short `68/72`, nor a URL-safe id.
    """
    text = " ".join(raw.translate(_HYPHENS).split())
    if not text or len(text) > MAX_IDENTIFIER_LENGTH:
        return None
    if _SHORT_SYMBOL.match(text):
        text = "A/RES/" + text
    if "/" in text:
        head, _, tail = text.rpartition("/")
        # The part letter is written after a space in stored symbols: "54/54 B", never "54/54B".
        tail = re.sub(r"^(\d+)\s?([A-Za-z])$", r"\1 \2", tail)
        return f"{head.upper()}/{tail.upper()}" if "RES/" in head.upper() else text
    parts = _SLUG_PARTS.match(text.upper())
    if parts is None:
        return None
    prefix, session, number, part = parts.groups()
    symbol = f"{prefix.replace('-', '/')}/RES/{session}/{number}"
    return f"{symbol} {part}" if part else symbol


def canonical_slug(raw: str) -> str | None:
    """The stored id for any accepted form of a resolution identifier, None if it is not one."""
    if _SLUG.match(raw):
        return raw
    symbol = normalize_symbol(raw)
    return slug_for_symbol(symbol) if symbol else None


def slug_for_symbol(symbol: str) -> str:
    """`A/RES/68/72` -> `A-RES-68-72`; `A/RES/54/54 B` -> `A-RES-54-54-B`."""
    return "-".join(symbol.replace("/", " ").split())


def subject_key(label: str, uri: str | None = None) -> str:
    """`MINE CLEARANCE` -> `mine-clearance`; `UN. Mine Action Service` -> `un-mine-action-service`.

    Case, accents and punctuation differ between the files for one heading ("Mine Clearance" in
    the session-74 extract): the key is the same. A label of no Latin letters keys by its URI.
    """
    folded = unicodedata.normalize("NFKD", label.casefold())
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    words = "-".join(re.findall(r"[a-z0-9]+", plain))[:200]
    if words:
        return words
    return (uri or label).rstrip("/").rsplit("/", 1)[-1][:200]
