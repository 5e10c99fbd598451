"""Member States as the General Assembly's records name them, and finding them in those records."""

# Recorded votes write `TÜRKİYE`, older extracts `TURKEY`, sponsor lists "Austria, ..., Sweden and
# United Kingdom of Great Britain and Northern Ireland": all resolve to one entry (key `tur`,
# `gbr`).

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class StateStatus(StrEnum):
    MEMBER = "member"
    OBSERVER = "observer"  # a non-member observer State: may sponsor, never votes


@dataclass(frozen=True, slots=True)
class MemberStateEntry:
    key: str  # ISO 3166-1 alpha-3, lower case: "tur"
    name: str  # "Türkiye", "Netherlands (Kingdom of the)"
    vote_name: str  # "TÜRKİYE", as the recorded-vote lists write it
    iso3: str  # "TUR"
    unterm: str | None  # UNTERM identifier (the GUID of the recorded-vote lists)
    status: StateStatus
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SponsorName:
    """One sponsor as a sponsor list writes it, resolved to a State where it names one."""

    name: str  # "Uganda (on behalf of the States Members ... Group of 77 and China)"
    key: str | None  # "uga"; None for "submitted by the Chair of the Committee ..."
    on_behalf_of: str | None = None  # "the States Members ... of the Group of 77 and China"


UNTERM_PREFIX = "https://unterm.un.org/unterm2/en/view/"

# Letters that Unicode does not decompose into a base letter and an accent, but that the records
# use for one: the dotted capital I of TÜRKİYE decomposes; Ý stands for İ in one extract.
_LETTERS = str.maketrans({"İ": "I", "Ý": "I", "ı": "i", "’": "'", "‘": "'"})
_BEHALF = re.compile(r"^(?P<state>.+?)\s*[,(]\s*on behalf of (?P<group>.+?)\)?$", re.IGNORECASE)


def name_form(name: str) -> str:
    """The form in which two spellings are one name: case, accents and a leading "the" ignored."""
    decomposed = unicodedata.normalize("NFKD", name.translate(_LETTERS))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    folded = " ".join(plain.casefold().split())
    return folded.removeprefix("the ")


class MemberStates:
    """The States of the gazetteer, found by any of their names or by their UNTERM identifier."""

    def __init__(self, entries: Iterable[MemberStateEntry]) -> None:
        self.entries = tuple(entries)
        self._by_name: dict[str, MemberStateEntry] = {}
        self._by_unterm: dict[str, MemberStateEntry] = {}
        for entry in self.entries:
            for name in (entry.name, entry.vote_name, *entry.aliases):
                self._by_name.setdefault(name_form(name), entry)
            if entry.unterm:
                self._by_unterm[entry.unterm] = entry

    def find(self, name: str) -> MemberStateEntry | None:
        """The State a name (any spelling the records use) stands for, or None."""
        return self._by_name.get(name_form(name))

    def by_unterm(self, identifier: str) -> MemberStateEntry | None:
        """The State of a UNTERM identifier, given bare or as its full URL."""
        return self._by_unterm.get(identifier.removeprefix(UNTERM_PREFIX).strip())

    def sponsors(self, listing: str) -> tuple[SponsorName, ...]:
        """Split a sponsor list ("A, B and C") into sponsors, keeping names that hold "and".

        Commas inside brackets do not separate ("Uganda (on behalf of ... 77 and China)"); an
        "and" separates only where both sides are names of their own, so "Bosnia and
        Herzegovina" and "Trinidad and Tobago" stay whole.
        """
        found: list[SponsorName] = []
        for chunk in _top_level_split(listing):
            found.extend(self._chunk(chunk))
        return tuple(found)

    def _chunk(self, chunk: str) -> list[SponsorName]:
        chunk = re.sub(r"^and\s+", "", chunk.strip())
        if not chunk:
            return []
        whole = self._sponsor(chunk)
        if whole.key is not None:
            return [whole]
        for match in _top_level_ands(chunk):
            left, right = chunk[: match.start()], chunk[match.end() :]
            first, rest = self._sponsor(left), self._chunk(right)
            if first.key is not None and rest and rest[0].key is not None:
                return [first, *rest]
        return [whole]

    def _sponsor(self, text: str) -> SponsorName:
        text = " ".join(text.split()).strip(" ,;")
        entry = self.find(text)
        if entry is not None:
            return SponsorName(text, entry.key)
        behalf = _BEHALF.match(text)
        if behalf:
            entry = self.find(behalf.group("state"))
            if entry is not None:
                return SponsorName(text, entry.key, behalf.group("group").strip())
        return SponsorName(text, None)


def _top_level_split(listing: str) -> list[str]:
    """Split at commas outside brackets."""
    parts: list[str] = []
    depth = 0
    start = 0
    for index, char in enumerate(listing):
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        elif char == "," and depth == 0:
            parts.append(listing[start:index])
            start = index + 1
    parts.append(listing[start:])
    return [part for part in parts if part.strip()]


def _top_level_ands(chunk: str) -> list[re.Match[str]]:
    """The " and " separators of a chunk that stand outside brackets, first one first."""
    found = []
    for match in re.finditer(r"\s+and\s+", chunk):
        before = chunk[: match.start()]
        if before.count("(") == before.count(")"):
            found.append(match)
    return found
