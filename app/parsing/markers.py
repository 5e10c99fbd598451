"""Footnote markers: find them in paragraph text, record where they are, and take them out.

PDF extraction loses superscripts, so a marker is a bare number: glued to the word before
("conventions1", "war,3", "of 19721" for "of 1972" + marker 1), or between spaces
("war, 2 which"), or written as "[^4]" (Markdown) or "4/" (older web editions). Footnotes
are numbered in the order they are cited, so the parser looks for the next expected number
only; that is what tells a marker from a number that belongs to the text.
"""

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
    per protocol resolution resolutions rule rules section sections session some target targets
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
    markers: tuple[int, ...]  # footnote numbers in the order they were found


def _candidates(text: str, number: int, start: int, web: bool) -> list[tuple[int, int, int]]:
    """(start, end, keep) spans where `number` may stand as a marker; `keep` chars survive."""
    n = str(number)
    found: list[tuple[int, int, int]] = []
    for match in re.finditer(rf"\[\^{n}\]", text[start:]):
        found.append((start + match.start(), start + match.end(), 0))
    if web:
        for match in re.finditer(rf"\s?(?<![\d/]){n}/(?![\d\w/])", text[start:]):
            found.append((start + match.start(), start + match.end(), 0))
        return found
    # Glued to a word or punctuation: "conventions1", "war,3", "(UN-Women)4".
    for match in re.finditer(
        rf"(?<=[A-Za-z)\].,;:’”\"'])(?<![A-Z]{{2}}){n}(?![\d/])", text[start:]
    ):
        position = start + match.start()
        if _glued_word_is_code(text, position):
            continue
        found.append((position, position + len(n), 0))
    # Glued to a year: "Destruction of 19721 and" is 1972 and marker 1.
    for match in re.finditer(rf"(?<!\d)((?:1[89]|20)\d\d){n}(?![\d/])", text[start:]):
        position = start + match.start() + 4
        found.append((position, position + len(n), 0))
    # Between spaces: "war, 2 which", "the Secretary-General; 7".
    for match in re.finditer(rf"(?<=\S) {n}(?=\s|$)", text[start:]):
        position = start + match.start()
        before = text[:position]
        after = text[position + 1 + len(n) :]
        if _MONTH.match(after) or re.match(r"^\s*(and|or|to)\s+\d", after):
            continue
        previous_word = re.search(r"([A-Za-z]+)[^A-Za-z]*$", before)
        if (
            before[-1:].isalpha()
            and previous_word
            and previous_word.group(1).lower() in (_NUMBER_CONTEXT)
        ):
            continue
        if before[-1:].isdigit():
            continue
        found.append((position, position + 1 + len(n), 0))
    return sorted(found)


def _glued_word_is_code(text: str, position: int) -> bool:
    """A number glued to an acronym or code ("CO2", "G7", "COVID-19") is not a marker."""
    word = re.search(r"[A-Za-z-]+$", text[:position])
    return bool(word and (word.group(0).isupper() and len(word.group(0)) <= 5))


def take_markers(
    texts: Sequence[str], numbers: Sequence[int], *, web: bool = False
) -> list[MarkedText]:
    """Find the markers of `numbers` (footnote numbers, ascending) across `texts` in order."""
    expected = sorted(numbers)
    position_in_expected = 0
    results: list[MarkedText] = []
    for text in texts:
        spans: list[tuple[int, int, int]] = []
        found: list[int] = []
        cursor = 0
        while position_in_expected < len(expected):
            hit = None
            # Look for the expected number first, then allow one or two to be missing
            # (cited only in an annex, or lost by the extraction).
            for skip in range(3):
                index = position_in_expected + skip
                if index >= len(expected):
                    break
                candidates = _candidates(text, expected[index], cursor, web)
                if candidates:
                    hit = (index, candidates[0])
                    break
            if hit is None:
                break
            index, span = hit
            spans.append(span)
            found.append(expected[index])
            cursor = span[1]
            position_in_expected = index + 1
        # Explicit Markdown markers of any number are always markers.
        for match in re.finditer(r"\[\^(\d+)\]", text):
            if not any(start <= match.start() < end for start, end, _ in spans):
                spans.append((match.start(), match.end(), 0))
                number = int(match.group(1))
                if number not in found:
                    found.append(number)
        results.append(MarkedText(_remove(text, spans), tuple(found)))
    return results


def _remove(text: str, spans: list[tuple[int, int, int]]) -> str:
    out = []
    last = 0
    for start, end, _ in sorted(spans):
        out.append(text[last:start])
        last = end
    out.append(text[last:])
    cleaned = "".join(out)
    cleaned = re.sub(r"\s+([,;:.)])", r"\1", cleaned)
    return re.sub(r"\s{2,}", " ", cleaned).strip()
