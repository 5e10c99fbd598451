"""Multi-part resolutions ("80/84." then "A", its title, "The General Assembly," ... "B", ...)."""

# Each part is a resolution of its own, numbered from 1, as the official XML models it
# (A/RES/80/84 A, A/RES/80/84 B): one source per part, the other parts' lines left blank.

from __future__ import annotations

import dataclasses
import re

from app.sources.text.layout import CLOSING, FORMULA, HEADING
from app.sources.text.source import Source

# A part's letter on a line of its own, as PDF text or Markdown ("## B", "**B**") writes it.
_PART_LETTER = re.compile(r"^\s*[#*]*\s*([A-H])\s*[*]*\s*$")
# How far below its letter a part's enacting formula may stand (the part's title between).
_TITLE_LINES = 8


@dataclasses.dataclass(frozen=True, slots=True)
class Part:
    letter: str
    source: Source


def split_parts(source: Source) -> list[Part]:
    """One source per part when the text holds lettered parts A, B, ...; else none."""
    lines = source.lines
    heading = next((i for i, line in enumerate(lines) if HEADING.match(line)), None)
    if heading is None:
        return []
    match = HEADING.match(lines[heading])
    if match is None or match.group(3):
        return []  # a text of one part ("54/54 B.") is a resolution like any other
    starts: list[tuple[int, str]] = []
    for index in range(heading + 1, len(lines)):
        found = _PART_LETTER.match(lines[index])
        expected = chr(ord("A") + len(starts))
        if found and found.group(1) == expected and _formula_follows(lines, index):
            starts.append((index, expected))
    if len(starts) < 2:
        return []
    prefix = f"{match.group(1)}/{match.group(2)}"
    closing = _last_closing(lines, starts[-1][0])
    parts = []
    for position, (start, letter) in enumerate(starts):
        end = starts[position + 1][0] if position + 1 < len(starts) else len(lines)
        kept = [""] * len(lines)
        kept[:heading] = lines[:heading]  # the header every part shares
        kept[start] = f"{prefix} {letter}."
        kept[start + 1 : end] = lines[start + 1 : end]
        if closing and not any(CLOSING.match(line) for line in lines[start:end]):
            # Parts that share one closing (meeting and date) at the end of the last part.
            for index in closing:
                kept[index] = lines[index]
        parts.append(Part(letter, dataclasses.replace(source, lines=kept)))
    return parts


def _formula_follows(lines: list[str], index: int) -> bool:
    seen = 0
    for line in lines[index + 1 :]:
        if not line.strip():
            continue
        if FORMULA.match(line):
            return True
        seen += 1
        if seen > _TITLE_LINES or HEADING.match(line):
            return False
    return False


def _last_closing(lines: list[str], start: int) -> list[int]:
    """The meeting line of the last part and the date line after it, if any."""
    found = [i for i in range(start, len(lines)) if CLOSING.match(lines[i])]
    if not found:
        return []
    after = [i for i in range(found[0] + 1, len(lines)) if lines[i].strip()][:1]
    return [found[0], *after]
