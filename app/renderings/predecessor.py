"""The predecessor a resolution recalls, the link between members of a series: each year's
"Assistance in mine action" opens "Recalling its resolution 66/69 of 9 December 2011 and all its
previous resolutions ...": `recalled_predecessor` reads that into `resolutions.previous_symbol`."""

from __future__ import annotations

import re
from typing import Any

Document = dict[str, Any]

# `A/RES/66/69`, `A/RES/45/55 B`: prefix, session, number. Older forms (`3263 (XXIX)`) never
# follow a current one in a series, so they are never a predecessor here.
SYMBOL = re.compile(r"^(?P<prefix>[A-Z]+(?:/[A-Z]+)*/RES)/(?P<session>\d+)/(?P<number>\d+)")
# The first preambular paragraph of a series member recalls (or reaffirms) its predecessors.
_RECALLING_LEADS = ("recalling", "reaffirming")


def recalled_predecessor(document: Document) -> str | None:
    """The resolution `document` recalls as its predecessor, or None.

    That is the latest resolution of an earlier session (same symbol prefix) cited in the first
    preambular paragraph, when that paragraph opens with "Recalling" or "Reaffirming": 68/72
    recalls 66/69; 80/17 recalls "resolutions 3263 (XXIX) of 9 December 1974, ... and 79/16 of
    2 December 2024" and so 79/16. Migration 0003 keeps a copy of this rule: change both.
    """
    preamble = document.get("preamble") or []
    own = SYMBOL.match(document.get("symbol") or "")
    if not preamble or own is None:
        return None
    first = preamble[0]
    opening = (first.get("lead") or first.get("text") or "").lower()
    if not opening.startswith(_RECALLING_LEADS):
        return None
    best: tuple[int, int] | None = None
    found = None
    for entry in document["references"]["resolutions"]:
        match = SYMBOL.match(entry["symbol"])
        if match is None or first["key"] not in entry["cited_in"]:
            continue
        if match["prefix"] != own["prefix"] or int(match["session"]) >= int(own["session"]):
            continue
        order = (int(match["session"]), int(match["number"]))
        if best is None or order > best:
            best, found = order, entry["symbol"]
    return found
