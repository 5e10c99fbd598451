"""Citations of other resolutions and of UN documents in clause and footnote text."""

# "its resolution 66/69 of 9 December 2011"              -> A/RES/66/69, 2011-12-09
# "resolutions 54/54 B of 1 December 1999, 55/33 P ..."  -> A/RES/54/54 B, A/RES/55/33 P
# "Security Council resolution 2365 (2017)"              -> S/RES/2365 (2017)
# "resolution 2200 A (XXI), annex"                       -> A/RES/2200 (XXI) A
# "A/68/63/Add.1", "A/51/113-S/1996/276", "CEDAW/C/GC/39" -> document symbols

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from app.document.dates import DATE_PATTERN, parse_date


@dataclass(frozen=True)
class Reference:
    symbol: str
    mention: str
    adopted_on: date | None = None


_COUNCILS = (
    ("Security Council", "S/RES"),
    ("Economic and Social Council", "E/RES"),
    ("Human Rights Council", "A/HRC/RES"),
    ("Trusteeship Council", "T/RES"),
)
# One item of a list of resolutions: "66/69", "54/54 B", "36/87 A and B", "2365 (2017)",
# "2200 A (XXI)", "169 (II)", "1980/67" (Economic and Social Council).
_ITEM = (
    r"(?P<number>\d{1,4}/\d{1,4}(?:\s(?:[A-Z](?:\s(?:and|to)\s[A-Z])?)(?![\w/]))?"
    r"|\d{1,4}(?:\s[A-Z])?\s\((?:\d{4}|[IVXL]+)\))"
    rf"(?:\s+of\s+(?P<date>{DATE_PATTERN}))?"
)
_ITEM_BARE = _ITEM.replace("(?P<number>", "(?:").replace("(?P<date>", "(?:")
_LIST = re.compile(
    r"(?P<council>(?:Security|Economic and Social|Human Rights|Trusteeship)\s+Council\s+)?"
    r"(?:General\s+Assembly\s+|Assembly\s+)?"
    r"(?P<keyword>[Rr]esolutions?)\s+"
    rf"(?P<items>{_ITEM_BARE}(?:(?:,\s*|,?\s+and\s+|\s+and\s+){_ITEM_BARE})*)"
)
_ITEM_RE = re.compile(_ITEM)


_RESOLUTION_SYMBOL = re.compile(r"(?<![\w/])((?:A/HRC|[ASE])/RES/\d+/\d+(?:\s?[A-Z]\b)?)")


def find_resolutions(text: str) -> list[Reference]:
    # Both patterns need these words: most clauses cite no resolution, and scanning them with
    # the patterns was most of the time spent here.
    found: list[Reference] = (
        [
            Reference(symbol=m.group(1), mention=m.group(1))
            for m in _RESOLUTION_SYMBOL.finditer(text)
        ]
        if "/RES/" in text
        else []
    )
    if "esolution" not in text:
        return found
    for match in _LIST.finditer(text):
        prefix = "A/RES"
        council = match.group("council")
        if council:
            for name, code in _COUNCILS:
                if council.strip() == name:
                    prefix = code
        for item in _ITEM_RE.finditer(match.group("items")):
            number = item.group("number")
            adopted = parse_date(item.group("date")) if item.group("date") else None
            mention = item.group(0).strip()
            for symbol in _symbols(prefix, number):
                found.append(Reference(symbol=symbol, mention=mention, adopted_on=adopted))
    return found


def _symbols(prefix: str, number: str) -> list[str]:
    multi = re.fullmatch(r"(\d+/\d+) ([A-Z]) (and|to) ([A-Z])", number)
    if multi:
        base, first, joiner, last = multi.groups()
        letters = (
            [chr(c) for c in range(ord(first), ord(last) + 1)] if joiner == "to" else [first, last]
        )
        return [f"{prefix}/{base} {letter}" for letter in letters]
    old = re.fullmatch(r"(\d+)(?: ([A-Z]))? \(([IVXL]+|\d{4})\)", number)
    if old:
        base, letter, bracket = old.groups()
        if bracket.isdigit():  # Security Council style: "2365 (2017)"
            code = prefix if prefix != "A/RES" else "S/RES"
            return [f"{code}/{base} ({bracket})"]
        return [f"{prefix}/{base}" + (f" {letter}" if letter else "") + f" ({bracket})"]
    return [f"{prefix}/{number}"]


# UN document symbols: series letters, then slash-separated parts with at least one digit.
_DOCUMENT = re.compile(
    r"(?<![\w/])(?:A|S|E|T|ST|CEDAW|CRC|CCPR|CERD|CAT|CRPD|DP|UNEP|TD|FCCC|CBD|[A-Z]{2,6})"
    r"(?:/[A-Za-z0-9][A-Za-z0-9.]*)+(?:-[A-Z]+(?:/[A-Za-z0-9][A-Za-z0-9.]*)+)?"
)


def find_documents(text: str) -> list[Reference]:
    found: list[Reference] = []
    if "/" not in text:  # every symbol has one
        return found
    for match in _DOCUMENT.finditer(text):
        symbol = match.group(0).rstrip(".")
        if not re.search(r"\d", symbol) or "/RES/" in symbol or symbol.count("/") < 1:
            continue
        if re.fullmatch(r"[A-Z]+/\d{1,4}", symbol) and not symbol.startswith(("A/", "S/", "E/")):
            continue
        found.append(Reference(symbol=symbol, mention=symbol))
        # "A/72/226 and A/72/226/Corr.1", "A/49/357 and Add.1": the short form names a
        # document of the same root.
        rest = text[match.end() : match.end() + 20]
        addendum = re.match(r"\s+and\s+((?:Add|Corr|Rev)\.\d+)\b", rest)
        if addendum:
            found.append(Reference(symbol=f"{symbol}/{addendum.group(1)}", mention=symbol))
    return found
