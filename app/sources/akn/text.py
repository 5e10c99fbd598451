"""Clean text of marked-up paragraphs, with footnotes taken out at their point of citation."""

#     <p><span class="italic">Recalling also </span>all relevant treaties and conventions
#        <authorialNote marker="1"><p>These include ...</p></authorialNote> and their review
#        processes,</p>
#
# reads as "Recalling also all relevant treaties and conventions and their review processes,"
# with note 1 ("These include ...") cited at offset 52, right after "conventions". A note cited
# a second time is a bare superscript, `<sup>1</sup>`: a citation, not text.

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from app.sources.akn.xml import Element, local, plain

_MARK = "\x00"  # stands for a note while the text is assembled; never in XML text
_SPACES = re.compile(r"\s+")
_SUPERSCRIPT_NUMBER = re.compile(r"^\(?(\d+)\)?$")
# Elements that end a line: a word on each side must stay apart.
_BREAKS = frozenset({"eol", "eop", "br", "p", "blockList", "item", "listIntroduction"})


@dataclass(frozen=True, slots=True)
class Note:
    marker: str  # as the file writes it: "1" (a superscript may read "(1)")
    text: str | None  # None: a second citation of a note given earlier (<sup>1</sup>)


@dataclass(frozen=True, slots=True)
class Marked:
    text: str
    notes: tuple[Note, ...]
    offsets: tuple[int, ...]  # where each note is cited in `text`


def read_text(elements: Iterable[Element]) -> Marked:
    """The text of `elements` (one paragraph), joined by spaces, its notes set apart."""
    pieces: list[str] = []
    notes: list[Note] = []
    for element in elements:
        pieces.append(" ")
        _collect(element, pieces, notes)
    raw = _SPACES.sub(" ", "".join(pieces))
    # A note cited after a space belongs to the word before it: "war, [2] which".
    raw = re.sub(f" ({_MARK}+)", r"\1 ", raw)
    raw = _SPACES.sub(" ", raw).strip()
    text_parts = raw.split(_MARK)
    offsets: list[int] = []
    length = 0
    for part in text_parts[:-1]:
        length += len(part)
        offsets.append(length)
    return Marked("".join(text_parts), tuple(notes), tuple(offsets))


def _collect(element: Element, pieces: list[str], notes: list[Note]) -> None:
    name = local(element)
    if name == "authorialNote":
        notes.append(Note(element.get("marker", "").strip(), _note_text(element)))
        pieces.append(_MARK)
        return
    if name == "sup" and _SUPERSCRIPT_NUMBER.match(plain(element)) and not len(element):
        # A note cited again is a bare superscript number: "Committee.<sup>1</sup>", "(1)".
        notes.append(Note(plain(element), None))
        pieces.append(_MARK)
        return
    if name in _BREAKS:
        pieces.append(" ")
    if element.text and name:
        pieces.append(element.text)
    for sub in element:
        if local(sub):
            _collect(sub, pieces, notes)
        if sub.tail:
            pieces.append(sub.tail)
    if name in _BREAKS:
        pieces.append(" ")


def note_number(marker: str) -> int | None:
    """1 for "1" or "(1)"; None for "*" or "a"."""
    match = _SUPERSCRIPT_NUMBER.match(marker.strip())
    return int(match.group(1)) if match else None


def _note_text(note: Element) -> str:
    """A footnote's own text; a note inside a note (never seen) would be read inline."""
    return plain(note)


def leading_emphasis(elements: Iterable[Element]) -> str | None:
    """The italic words a paragraph opens with (its lead phrase or verb), if it opens so.

    UN typography sets the preambular lead and the operative verb in italics in every
    language, so this finds "Urges" as well as "Prie instamment" or "Призывает".
    """
    for element in elements:
        found = _first_emphasis(element)
        if found is not None:
            return found or None
        if plain(element):
            return None
    return None


def _first_emphasis(element: Element) -> str | None:
    """ "" when text comes before any emphasis, the emphasis when it comes first, None if empty."""
    if element.text and element.text.strip():
        return ""
    for sub in element:
        name = local(sub)
        if name in ("i", "em") or (name == "span" and "italic" in (sub.get("class") or "")):
            return plain(sub).strip(" ,;:.")
        if name and name != "authorialNote":
            found = _first_emphasis(sub)
            if found is not None:
                return found
        if sub.tail and sub.tail.strip():
            return ""
    return None
