"""Metadata from the header, the heading and the closing lines of a resolution."""

# Header (PDF)::                         Closing::
#     A/RES/72/75                            66th plenary meeting
#     Distr.: General 14 December 2017       7 December 2017
#     Seventy-second session
#     Agenda item 50
#     Resolution adopted by the General Assembly on 7 December 2017
#     [on the report of the Special Political and Decolonization Committee
#     (Fourth Committee) (A/72/444)]
#     72/75. Assistance in mine action
#
# Front matter (Markdown) is a hint only: the body wins, and it fills a gap (a title the
# heading line cut short) only where it agrees with what the body says.

from __future__ import annotations

import re
from datetime import date

from app.document.dates import parse_date
from app.document.errors import MetadataConflict
from app.document.model import Metadata
from app.sources.text.layout import CLOSING, FORMULA, HEADING, Layout
from app.sources.text.text import fold, squash

_BODIES = {
    "General Assembly": "A/RES",
    "Security Council": "S/RES",
    "Economic and Social Council": "E/RES",
    "Human Rights Council": "A/HRC/RES",
}
_SYMBOL = re.compile(r"^(?:[A-Z]/)?(?:[A-Z]+/)?RES/\d+/\d+(?:\s?[A-Z])?$")
_AGENDA = re.compile(r"\bAgenda items?\s+(\d{1,3}(?:\s*\([a-z]{1,2}\))?)\s*(.*)$")
_COMMITTEE = re.compile(
    r"\[(on the report of (?:the )?(.+?)|without reference to a Main Committee)"
    r"\s*\(([^()]*(?:\([^()]*\))?[^()]*)\)\s*\]"
)
_FUNCTION_WORDS = frozenset("of the and in on for to a an with by at from or its".split())


def read_metadata(layout: Layout) -> tuple[Metadata, list[str]]:
    warnings: list[str] = []
    heading = HEADING.match(layout.heading)
    assert heading is not None
    session, number = int(heading.group(1)), int(heading.group(2))
    part = heading.group(3)
    formula = FORMULA.match(layout.formula)
    body = formula.group(2) if formula else "General Assembly"
    prefix = _BODIES.get(body, "A/RES")
    symbol = f"{prefix}/{session}/{number}" + (f" {part}" if part else "")

    header_text = [text for text, _ in layout.header]
    header_symbol = next((squash(t) for t in header_text if _SYMBOL.match(squash(t))), None)
    if header_symbol and _canonical(header_symbol) != _canonical(symbol):
        warnings.append(
            f"header symbol {header_symbol} disagrees with the resolution number {session}/{number}"
        )
    hinted = layout.front_matter.get("symbol")
    if hinted and _canonical(hinted) != _canonical(symbol):
        raise MetadataConflict(
            f"the front matter says symbol {hinted!r} but the text is resolution "
            f"{session}/{number} ({symbol})",
            line=layout.heading_line,
        )

    title = _title(layout, warnings)
    joined_header = " ".join(header_text)
    agenda_item, agenda_title = _agenda(layout.header)
    committee, report = _committee(joined_header)
    meeting, adopted_on = _closing(layout)
    if adopted_on is None:
        adopted_match = re.search(r"Resolutions? adopted by the .+? on (.+)$", joined_header)
        adopted_on = parse_date(adopted_match.group(1)) if adopted_match else None
    distributed = re.search(r"Distr\.:\s*\w+\s+(.*)$", joined_header)
    distributed_on = parse_date(distributed.group(1)[:40]) if distributed else None
    if adopted_on is None:
        warnings.append("no adoption date found")
    return (
        Metadata(
            symbol=symbol,
            body=body,
            session=session,
            number=number,
            part=part,
            title=title,
            adopted_on=adopted_on,
            plenary_meeting=meeting,
            agenda_item=agenda_item,
            agenda_title=agenda_title,
            committee=committee,
            committee_report=report,
            distributed_on=distributed_on,
        ),
        warnings,
    )


def _canonical(symbol: str) -> str:
    return re.sub(r"\s+", "", symbol).upper()


def _title(layout: Layout, warnings: list[str]) -> str:
    heading = HEADING.match(layout.heading)
    assert heading is not None
    parts = [heading.group(4) or "", *layout.title_lines]
    title = squash(" ".join(p for p in parts if p))
    hint = layout.front_matter.get("title", "")
    # Catalogue titles end with " :" and join a subtitle with " : ".
    hint = squash(re.sub(r"\s+:\s*$", "", hint).replace(" : ", ": "))
    if hint and title and len(hint) > len(title) and fold(hint).startswith(fold(title)):
        # The heading line was cut; the rest of the title comes from the hint, the start
        # (with the body's capitalisation) from the heading.
        return title + hint[len(title) :]
    if not title:
        if hint:
            return hint
        warnings.append("no title found")
        return ""
    last_word = title.split()[-1].lower()
    if last_word in _FUNCTION_WORDS:
        warnings.append(f"the title seems cut short: {title!r}")
    return title


def _agenda(header: list[tuple[str, int]]) -> tuple[str | None, str | None]:
    for index, (text, _) in enumerate(header):
        match = _AGENDA.search(text)
        if match is None:
            continue
        item = re.sub(r"\s+", " ", match.group(1))
        title = match.group(2).strip() or None
        if title is None and index + 1 < len(header):
            following = header[index + 1][0]
            if not re.match(r"^(Resolution adopted|\[|\d+/\d+\.)", following, re.IGNORECASE):
                title = following
        return item, title
    return None, None


def _committee(header: str) -> tuple[str | None, str | None]:
    match = _COMMITTEE.search(header)
    if match is None:
        return None, None
    committee = squash(match.group(2)) if match.group(2) else None
    documents = match.group(3)
    report = None
    if committee is not None:
        symbol = re.match(r"\s*([A-Z]/\d+/[\w./-]+?)(?:,|\s|$)", documents)
        report = symbol.group(1).rstrip(".") if symbol else None
    return committee, report


def _closing(layout: Layout) -> tuple[int | None, date | None]:
    text = " ".join(t for t, _ in layout.closing)
    match = CLOSING.search(text)
    meeting = int(match.group(1)) if match else None
    return meeting, parse_date(text)
