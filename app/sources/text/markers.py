"""Footnote markers: find them in paragraph text, record where they are, and take them out."""

# PDF extraction loses superscripts, so a marker is a bare number: glued to the word before
# ("conventions1", "war,3", "of 19721" for "of 1972" + marker 1), or between spaces
# ("war, 2 which"), or written as "[^4]" (Markdown) or "4/" (older web editions). Footnotes
# are numbered in the order they are cited, so the parser looks for the next expected number
# only; that is what tells a marker from a number that belongs to the text.

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

# Words after which a number is part of the text, not a marker ("paragraph 3", "on 12 and
# 13 November", "comprises 15 leading organizations").
_NUMBER_CONTEXT = frozenset(
    """
    a about above after against all almost and any approximately around article articles at
    below between by chapter chapters comprise comprises comprising each every for from goal
    goals in including into less more nearly no number of on or over para paragraph paragraphs
    per protocol resolution resolutions rule rules schedule schedules section sections session some
    target targets
    than the to under until up vol volume with within year years
    """.split()
)
_MONTH = re.compile(
    r"^\s*(January|February|March|April|May|June|July|August|September|October|November|"
    r"December|per\s+cent|%)",
)


@dataclass(frozen=True)
class MarkedText:
    text: str  # the text with the markers removed
    markers: tuple[int, ...]  # footnote numbers in the order they stand in the text
    offsets: tuple[int, ...] = ()  # where each marker stood in `text` (after the word before)


_EXPLICIT, _GLUED, _SPACED = 3, 2, 1


_EXPLICIT_MARKER = re.compile(r"\[\^(\d+)\]")
# "[1]" as word processors and web pages write a footnote reference.
_BRACKET_MARKER = re.compile(r"(?<=\S)\[(\d{1,3})\]")
_WEB_MARKER = re.compile(r"\s?(?<![\d/])(\d{1,3})/(?![\d\w/])")
_GLUED_MARKER = re.compile(r"(?<=[A-Za-z)\].,;:’”\"'])(?!0)(\d{1,3})(?![\d/])")
_LEADING_MARKER = re.compile(r"(?<=[\s])(\d{1,3})(?=[a-z]{2,})(?!st\b|nd\b|rd\b|th\b)")
_YEAR_MARKER = re.compile(r"(?<![\d/.])(?:1[89]|20)\d\d(\d{1,3})(?![\d/])")
_SPACED_MARKER = re.compile(r"(?<=\S) (\d{1,3})(?=\s|$)")
# A marker may follow a year or a range of years: "Lausanne Action Plan 2021–2026 3 to support",
# "the reports of the Secretary-General of 1990 3 and 1995"; a number after another number
# is otherwise part of the text.
_ENDS_WITH_YEAR = re.compile(r"(?:^|[\s–-])(?:1[89]|20)\d\d$")
_REFERENCE_AFTER = re.compile(r"^\s*(?:(?:and|or|to)\s+\d|\([A-Za-z]{1,3}\))")


# The tests of what follows a number, applied in place (match at a position) rather than to a
# copy of the rest of the text, which for long paragraphs cost more than the search itself.
_MONTH_AT = re.compile(_MONTH.pattern.removeprefix("^"))
_REFERENCE_AFTER_AT = re.compile(_REFERENCE_AFTER.pattern.removeprefix("^"))
_DIGIT = re.compile(r"\d")
_YEAR_AFTER_AT = re.compile(r"\s*(?:and|or|to)\s+(?:1[89]|20)\d\d\b")


def _candidates(text: str, numbers: set[int], web: bool) -> list[tuple[int, int, int, int]]:
    """(start, end, number, strength) for every place a footnote number may be a marker."""
    found: list[tuple[int, int, int, int]] = []
    if _DIGIT.search(text) is None:
        return found  # every kind of marker has a digit, and many clauses none
    for match in _EXPLICIT_MARKER.finditer(text):
        found.append((match.start(), match.end(), int(match.group(1)), _EXPLICIT))
    for match in _BRACKET_MARKER.finditer(text):
        found.append((match.start(), match.end(), int(match.group(1)), _EXPLICIT))
    if web:
        for match in _WEB_MARKER.finditer(text):
            found.append((match.start(), match.end(), int(match.group(1)), _EXPLICIT))
        return [c for c in found if c[2] in numbers]
    # Glued to a word or punctuation: "conventions1", "war,3", "(UN-Women)4".
    for match in _GLUED_MARKER.finditer(text):
        if int(match.group(1)) in numbers and not _glued_to_code(text, match.start()):
            found.append((match.start(), match.end(), int(match.group(1)), _GLUED))
    # Glued to the word after it, the space on the wrong side: "States Parties, 8and welcomes".
    for match in _LEADING_MARKER.finditer(text):
        found.append((match.start(), match.end(), int(match.group(1)), _GLUED))
    # Glued to a year: "Destruction of 19721 and" is 1972 and marker 1.
    for match in _YEAR_MARKER.finditer(text):
        found.append((match.start(1), match.end(1), int(match.group(1)), _GLUED))
    # Between spaces: "war, 2 which", "the Secretary-General; 7".
    for match in _SPACED_MARKER.finditer(text):
        if int(match.group(1)) not in numbers:
            continue
        start = match.start()
        before = text[max(0, start - 40) : start]
        after_year = before[-1:].isdigit() and _ENDS_WITH_YEAR.search(before)
        if (
            _MONTH_AT.match(text, match.end())
            or (
                _REFERENCE_AFTER_AT.match(text, match.end())
                # "of 1990 3 and 1995": a number between two years is a marker.
                and not (after_year and _YEAR_AFTER_AT.match(text, match.end()))
            )
            or (before[-1:].isdigit() and not after_year)
        ):
            continue
        previous_word = re.search(r"([A-Za-z]+)[^A-Za-z]*$", before)
        if (
            before[-1:].isalpha()
            and previous_word
            and previous_word.group(1).lower() in _NUMBER_CONTEXT
        ):
            continue
        found.append((match.start(), match.end(), int(match.group(1)), _SPACED))
    return [c for c in found if c[2] in numbers]


def _glued_to_code(text: str, position: int) -> bool:
    """A number glued to a code ("CO2", "G7", "C-24/DEC.4", "COVID-19") is not a marker."""
    if text[position - 1 : position] in {",", ";", ":", ")", "]", "’", "”", '"', "'"}:
        return False  # clause punctuation, then the marker: "decision EC-94/DEC.2;22"
    if text[position - 1 : position] == "\n":  # "$" also matches before a final newline
        token = re.search(r"\S+$", text[:position])
        if token is None:
            return False
        word = token.group(0)
    else:
        # The run of non-spaces before the number, found from the number backwards.
        start = position
        while start and not text[start - 1].isspace():
            start -= 1
        if start == position:
            return False
        word = text[start:position]
    bare = word.rstrip(".,;:)]’”\"'")
    if "/" in word or re.search(r"[A-Za-z]\d|\d[A-Za-z]", bare):
        return True
    # "paragraph 3.4", "resolution ... A.2": a number or a part letter, a point, then a digit
    # is a decimal or a sub-part, not the end of a sentence and a marker.
    if word.endswith(".") and (
        (bare.isdigit() and len(bare) <= 3) or (len(bare) == 1 and bare.isupper())
    ):
        return True
    return bare == word and bare.isupper() and len(bare) <= 5


def take_markers(
    texts: Sequence[str], numbers: Sequence[int], *, web: bool = False
) -> list[MarkedText]:
    """Find the markers of `numbers` (footnote numbers) across `texts`, read in order.

    Every place where a footnote number could stand as a marker is a candidate; the markers
    are the longest chain of candidates whose numbers increase along the text (footnotes are
    numbered in the order they are cited), preferring explicit and glued forms to spaced ones.
    """
    wanted = set(numbers)
    candidates: list[tuple[int, int, int, int, int]] = []  # (text, start, end, number, strength)
    for index, text in enumerate(texts):
        for start, end, number, strength in _candidates(text, wanted, web):
            candidates.append((index, start, end, number, strength))
    candidates.sort()
    chosen = _best_chain(candidates)
    # Per text: (start, end, number, restore): `restore` spans give a number back as text.
    spans: list[list[tuple[int, int, int, bool]]] = [[] for _ in texts]
    for index, start, end, number, _ in chosen:
        spans[index].append((start, end, number, False))
    chained = {number for *_, number, _strength in chosen}
    for index, start, end, number in _repeated(candidates, chosen, texts):
        spans[index].append((start, end, number, False))
    results: list[MarkedText] = []
    for index, text in enumerate(texts):
        for match in re.finditer(r"\[\^(\d+)\]", text):
            if any(start <= match.start() < end for start, end, *_ in spans[index]):
                continue
            number = int(match.group(1))
            # A second "[^5]" for a footnote already cited is the converter's reading of a
            # number in the text ("P5" became "P[^5]"): give the number back.
            spans[index].append((match.start(), match.end(), number, number in chained))
        results.append(_remove(text, sorted(spans[index])))
    return results


def _repeated(
    candidates: list[tuple[int, int, int, int, int]],
    chosen: list[tuple[int, int, int, int, int]],
    texts: Sequence[str],
) -> list[tuple[int, int, int, int]]:
    """Markers of a footnote cited again ("... session.1" where note 1 stood before).

    The chain takes each number once; a later number glued to a word or to the punctuation
    after a word, equal to a note already cited, is that note cited again, in a later clause
    or later in the same one ("(Protocol I),1 the Protocol ... (Protocol II)1 and"). So is a
    number set apart after a comma that closes a name or a year ("Weapons, 1 given",
    "12 August 1949, 3 to the"), once the note before it has been cited.
    """
    first = {number: (index, start) for index, start, _, number, _ in chosen}
    taken = {(index, start) for index, start, *_ in chosen}
    found = []
    for index, start, end, number, strength in candidates:
        if (index, start) in taken or number not in first:
            continue
        text = texts[index]
        if strength == _SPACED:
            previous = first.get(number - 1)
            if number > 1 and (previous is None or previous >= (index, start)):
                continue
            if _SPACED_REPEAT_BEFORE.search(text, 0, start) and _SPACED_REPEAT_AFTER.match(
                text, end
            ):
                found.append((index, start, end, number))
            continue
        if strength != _GLUED or (index, start) <= first[number]:
            continue
        before = text[max(0, start - 2) : start]
        after = text[end : end + 1]
        if not after.isalpha() and re.fullmatch(r"[a-z]{2}|[A-Za-z)][,;:.)]|\d[;:]", before):
            found.append((index, start, end, number))
    return found


# A spaced marker cited again: after a comma closing a word, a bracket or a year, and before
# a word that is not a quantity ("2017, 1 million" is a number).
_SPACED_REPEAT_BEFORE = re.compile(r"(?:[A-Za-z]{2}|[A-Za-z]\)|\b(?:1[89]|20)\d\d),$")
_SPACED_REPEAT_AFTER = re.compile(r" (?!(?:million|billion|thousand|per|of|in|out)\b)[a-z]+\b")


def _best_chain(
    candidates: list[tuple[int, int, int, int, int]],
) -> list[tuple[int, int, int, int, int]]:
    """The chain with strictly increasing positions and numbers that scores highest."""
    if not candidates:
        return []
    score = [0] * len(candidates)
    previous = [-1] * len(candidates)
    for i, (text_i, start_i, _, number_i, strength_i) in enumerate(candidates):
        weight = 10 + strength_i
        score[i] = weight
        for j in range(i):
            text_j, _, end_j, number_j, _ = candidates[j]
            ordered = number_j < number_i and (text_j, end_j) <= (text_i, start_i)
            if ordered and score[j] + weight > score[i]:
                score[i] = score[j] + weight
                previous[i] = j
    best = max(range(len(candidates)), key=lambda i: score[i])
    chain = []
    while best != -1:
        chain.append(candidates[best])
        best = previous[best]
    return chain[::-1]


_SENTINEL = "\ue001"


def _remove(text: str, spans: list[tuple[int, int, int, bool]]) -> MarkedText:
    """Take the marker spans out of `text`, noting where each stood in the cleaned text."""
    out = []
    last = 0
    numbers: list[int] = []
    for start, end, number, restore in spans:
        out.append(text[last:start])
        if restore:
            out.append(str(number))
        else:
            out.append(_SENTINEL)
            numbers.append(number)
            if text[end : end + 1].isalpha():
                out.append(" ")  # "Parties, 8and welcomes": the word after keeps its space
        last = end
    out.append(text[last:])
    marked = "".join(out)
    marked = re.sub(r"\s+([,;:.)])", r"\1", marked)
    # "war, 2 which" -> the marker attaches to what precedes it: "war,|2 which".
    marked = re.sub(rf"\s+({_SENTINEL})", r"\1", marked)
    marked = re.sub(r"\s{2,}", " ", marked).strip()
    offsets: list[int] = []
    pieces = marked.split(_SENTINEL)
    cleaned = pieces[0]
    for piece in pieces[1:]:
        offsets.append(len(cleaned))
        cleaned += piece
    cleaned = cleaned.strip()
    offsets = [min(offset, len(cleaned)) for offset in offsets]
    return MarkedText(cleaned, tuple(numbers), tuple(offsets))
