"""Layout: from the lines of a source to the parts of a resolution, page furniture removed."""

# A PDF extraction interleaves the text with page furniture and footnote blocks, e.g.::
#
#     ...explosive remnants of war,2 in affected countries, which have
#     __________________
#     1  These include the Convention on the Prohibition of ...
#     2  As defined by Protocol V to the 1980 Convention.
#     A/RES/76/74
#     Assistance in mine action
#     21-18616
#     2/7
#     hinder the access of people in need to humanitarian assistance ...
#
# `read_layout` returns the heading, the header and closing lines, the footnotes, and the body
# as fragments (one per kept line) that remember what separated them from the previous one.

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum

from app.document.errors import MissingOperativePart, NotAResolution
from app.document.model import SourceFormat
from app.sources.text.source import Source
from app.sources.text.text import PAGE_BREAK, fold, squash
from app.sources.text.words import join_hyphenated


class Gap(Enum):
    WRAP = "wrap"  # the previous line simply wrapped
    BLANK = "blank"  # one or more empty lines
    BREAK = "break"  # removed page furniture or a footnote block


@dataclass(frozen=True)
class Fragment:
    text: str
    line: int  # 1-based line number in the original text
    gap: Gap


@dataclass(frozen=True)
class Layout:
    format: SourceFormat
    header: list[tuple[str, int]]
    heading: str  # the resolution-number line: "72/75. Assistance in mine action"
    heading_line: int
    title_lines: list[str]  # more title, between the heading and the enacting formula
    formula: str  # "The General Assembly,"
    formula_line: int
    body: list[Fragment]
    closing: list[tuple[str, int]]
    annex: list[tuple[str, int]]
    footnotes: dict[int, tuple[str, int]]
    front_matter: dict[str, str] = field(default_factory=dict)
    last_line: int = 0


HEADING = re.compile(r"^\s*(\d{1,3})/(\d{1,4})(?:\s?([A-Z]))?\s*\.(?:\s+(\S.*))?$")
FORMULA = re.compile(
    r"^\s*(The\s+(General Assembly|Security Council|Economic and Social Council|"
    r"Human Rights Council))\s*,?\s*$"
)
CLOSING = re.compile(
    r"^\s*(\d{1,3})\s*(?:st|nd|rd|th)\s+(?:\(resumed\)\s+)?plenary\s+meeting\b", re.IGNORECASE
)
_UNDERSCORES = re.compile(r"^\s*_{5,}\s*$")
_PAGE_NUMBER = re.compile(r"^\s*\d{1,3}\s*/\s*\d{1,3}\s*$")
_JOB_NUMBER = re.compile(r"^\s*\d{2}-\d{5}\b")
_BARCODE = re.compile(r"^\s*\*\d{5,}\*\s*$")
_SYMBOL_LINE = re.compile(r"^\s*[A-Z]/RES/\d+/\d+(?:\s?[A-Z])?\*?\s*$")
_PAGE_LABEL = re.compile(r"^\s*(?:-\s*\d{1,3}\s*-|Page\s+\d{1,3}(?:\s+of\s+\d{1,3})?)\s*$", re.I)
_RECYCLE = re.compile(r"^\s*Please recycle\b", re.IGNORECASE)
_OPERATIVE_NUMBER_ALONE = re.compile(r"^\s*\d{1,3}\.(?:\s*$|\s+[A-Z][a-z]+s\b)")
_LABEL_LINE = re.compile(r"^\s*\((?:[a-z]{1,2}|[ivxlc]{1,6})\)")
# "1  These include ...", "1" alone, or the number glued to the text ("1These include").
_FOOTNOTE_ENTRY = re.compile(r"^(\d{1,3})(?:\s+(\S.*)|(?=[A-Z“\"(])(.*))?$")
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_TERMINATOR = re.compile(r"[,;:.]\s*$")


def is_furniture(line: str) -> bool:
    """Page numbers, job numbers, bar codes and symbol lines: never part of the text."""
    return bool(
        line.strip() == PAGE_BREAK
        or _PAGE_NUMBER.match(line)
        or _PAGE_LABEL.match(line)
        or _RECYCLE.match(line)
        or _JOB_NUMBER.match(line)
        or _BARCODE.match(line)
        or _SYMBOL_LINE.match(line)
    )


def read_layout(source: Source) -> Layout:
    numbered = [(line, source.first_line + i) for i, line in enumerate(source.lines)]
    heading_index, formula_index = _locate_heading(numbered, source.first_line)
    heading_text = squash(numbered[heading_index][0])
    title_lines = [squash(t) for t, _ in numbered[heading_index + 1 : formula_index] if t.strip()]
    titles = {fold(heading_text.split(".", 1)[1])} if "." in heading_text else set()
    titles |= {fold(" ".join(title_lines))} if title_lines else set()
    if "." in heading_text and title_lines:
        # A title wrapped under the heading line is one title, as the page headers print it.
        titles.add(fold(" ".join([heading_text.split(".", 1)[1], *title_lines])))
    if source.front_matter.get("title"):
        titles.add(fold(source.front_matter["title"]))
    titles.discard("")

    footnotes = dict(source.footnotes)
    if source.format is SourceFormat.MARKDOWN:
        numbered, stray = _take_stray_notes(numbered, formula_index, footnotes)
        for number, note in stray.items():
            footnotes.setdefault(number, note)
    if source.format is SourceFormat.PDF_TEXT:
        numbered, in_flow = _take_footnote_blocks(numbered, titles)
        footnotes.update(in_flow)
        numbered = _restore_superscript_order(numbered)
        heading_index, formula_index = _locate_heading(numbered, source.first_line)

    closing_index = next(
        (i for i in range(formula_index + 1, len(numbered)) if CLOSING.match(numbered[i][0])),
        None,
    )
    if closing_index is None:
        closing_index = _closing_date(numbered, formula_index)
    last_line = numbered[-1][1] if numbered else source.first_line
    body_end = closing_index if closing_index is not None else len(numbered)
    closing: list[tuple[str, int]] = []
    annex: list[tuple[str, int]] = []
    if closing_index is not None:
        closing = [(squash(numbered[closing_index][0]), numbered[closing_index][1])]
        rest = numbered[closing_index + 1 :]
        # The adoption date follows the meeting line when it is not on the same line.
        nonblank = [
            (squash(t), n) for t, n in rest if t.strip() and t != _REMOVED and not is_furniture(t)
        ]
        if nonblank and re.match(rf"^\d{{1,2}} ({_MONTHS}) \d{{4}}$", nonblank[0][0]):
            closing.append(nonblank[0])
            nonblank = nonblank[1:]
        annex = nonblank
        if source.format is SourceFormat.PDF_TEXT:
            annex, trailing = _trailing_notes(annex, first=max(footnotes, default=0) + 1)
            footnotes.update(trailing)

    body = _fragments(numbered[formula_index + 1 : body_end], titles, source.format)
    if not body:
        raise MissingOperativePart(
            "expected preambular and operative paragraphs after the enacting formula; "
            "the text ends there",
            line=numbered[formula_index][1],
        )
    return Layout(
        format=source.format,
        header=[(squash(t), n) for t, n in numbered[:heading_index] if t.strip()],
        heading=heading_text,
        heading_line=numbered[heading_index][1],
        title_lines=title_lines,
        formula=squash(numbered[formula_index][0]),
        formula_line=numbered[formula_index][1],
        body=body,
        closing=closing,
        annex=annex,
        footnotes=footnotes,
        front_matter=source.front_matter,
        last_line=last_line,
    )


_DATE_LINE = re.compile(rf"^\s*\d{{1,2}} ({_MONTHS}) \d{{4}}\s*$")


def _closing_date(numbered: list[tuple[str, int]], formula_index: int) -> int | None:
    """The index of a closing that gives only the adoption date, with no meeting line.

    Resolutions adopted without a meeting (by silence procedure, in 2020) end with the date
    alone after the last paragraph: "... as appropriate." then "20 April 2020".
    """
    texts = [
        i
        for i in range(formula_index + 1, len(numbered))
        if numbered[i][0].strip() and numbered[i][0] != _REMOVED
    ]
    for position in range(len(texts) - 1, 0, -1):
        index = texts[position]
        if _OPERATIVE_NUMBER_ALONE.match(numbered[index][0]):
            return None  # the date must come after the last paragraph
        if _DATE_LINE.match(numbered[index][0]):
            before = numbered[texts[position - 1]][0].rstrip()
            if before.endswith((".", ";")) and not is_furniture(before.strip()):
                return index
    return None


def _locate_heading(numbered: list[tuple[str, int]], first_line: int) -> tuple[int, int]:
    """Indexes of the resolution-number line and of the enacting formula after it.

    Without a number line ("68/72."), a symbol line in the header ("A/RES/68/72") stands in
    for it; the title is then the text just above the enacting formula.
    """
    heading_index = next((i for i, (t, _) in enumerate(numbered) if HEADING.match(t)), None)
    formula_index = next(
        (
            i
            for i, (t, _) in enumerate(numbered)
            if FORMULA.match(t) and (heading_index is None or i > heading_index)
        ),
        None,
    )
    if formula_index is None:
        raise NotAResolution(
            "expected an enacting formula such as 'The General Assembly,' on a line of its own; "
            "found none",
            line=first_line,
        )
    if heading_index is None:
        symbol_index = next(
            (i for i, (t, _) in enumerate(numbered[:formula_index]) if _SYMBOL_LINE.match(t)),
            None,
        )
        if symbol_index is None:
            raise NotAResolution(
                "expected a resolution number line such as '68/72.' or a symbol such as "
                "'A/RES/68/72' before the enacting formula",
                line=numbered[formula_index][1],
            )
        heading_index = _synthesize_heading(numbered, symbol_index, formula_index)
        formula_index = next(
            i for i in range(heading_index + 1, len(numbered)) if FORMULA.match(numbered[i][0])
        )
    return heading_index, formula_index


_HEADER_LINE = re.compile(
    r"^\s*(United Nations|General Assembly|Distr\.|\[|Resolutions? adopted|\w+(-\w+)? session|"
    r"Agenda item|on \d|\d{1,2} \w+ \d{4}$)",
    re.IGNORECASE,
)


def _synthesize_heading(
    numbered: list[tuple[str, int]], symbol_index: int, formula_index: int
) -> int:
    """Rewrite the title line above the formula as "68/72. Title" and return its index."""
    symbol = re.search(r"/RES/(\d+)/(\d+)(?:\s?([A-Z]))?", numbered[symbol_index][0])
    assert symbol is not None
    number = f"{symbol.group(1)}/{symbol.group(2)}" + (
        f" {symbol.group(3)}" if symbol.group(3) else ""
    )
    title_index = next(
        (
            i
            for i in range(formula_index - 1, symbol_index, -1)
            if numbered[i][0].strip()
            and not _HEADER_LINE.match(numbered[i][0])
            and not is_furniture(numbered[i][0])
        ),
        None,
    )
    if title_index is None:
        numbered.insert(formula_index, (f"{number}.", numbered[formula_index][1]))
        return formula_index
    text, line = numbered[title_index]
    numbered[title_index] = (f"{number}. {text.strip()}", line)
    return title_index


# A note's text opens with a capital, a quotation mark, a bracket or a year and a name
# ("11 2010 Review Conference of the Parties ...").
_STRAY_NOTE = re.compile(
    rf"^(\d{{1,3}})\s+(?!(?:{_MONTHS})\b)((?:[A-Z]|“|\"|\(|(?:1[89]|20)\d\d [A-Z]).*)$"
)


def _take_stray_notes(
    lines: list[tuple[str, int]], start: int, known: dict[int, tuple[str, int]]
) -> tuple[list[tuple[str, int]], dict[int, tuple[str, int]]]:
    """Footnote lines a converter left where the page broke ("4 See A/50/426, annex.").

    Such a line stands alone between blank lines in the body, starts with a note number and
    a capital, and does not open like a paragraph (which would have a leading phrase, an
    operative verb, or a number followed by a full stop).
    """
    from app.document.phrases import operative_verb, preambular_lead

    kept = list(lines)
    notes: dict[int, tuple[str, int]] = {}
    for index in range(start + 1, len(lines)):
        text, line = lines[index]
        match = _STRAY_NOTE.match(text.strip())
        if match is None:
            continue
        before = lines[index - 1][0].strip() if index > 0 else ""
        after = lines[index + 1][0].strip() if index + 1 < len(lines) else ""
        if before or after:
            continue
        body = match.group(2)
        if preambular_lead(body) or operative_verb(body):
            continue
        number = int(match.group(1))
        if number in known and fold(known[number][0]) != fold(body):
            continue
        notes[number] = (body, line)
        kept[index] = (_REMOVED, line)
    return kept, notes


_TRAILING_NOTE = re.compile(r"^(?:\[(\d{1,3})\]|(\d{1,3})/?)\s+(\S.*)$")


def _trailing_notes(
    lines: list[tuple[str, int]], *, first: int
) -> tuple[list[tuple[str, int]], dict[int, tuple[str, int]]]:
    """Notes gathered after the closing lines ("1 A/68/305.", "[1] A/68/305."), numbered on.

    Texts converted from web pages or word processors put all footnotes at the end. They
    start with the next footnote number and run in sequence to the end; anything before
    them is annex text.
    """
    starts = [
        i
        for i, (text, _) in enumerate(lines)
        if (m := _TRAILING_NOTE.match(text)) and int(m.group(1) or m.group(2)) == first
    ]
    if not starts:
        return lines, {}
    notes: dict[int, tuple[list[str], int]] = {}
    current: int | None = None
    for text, line in lines[starts[-1] :]:
        match = _TRAILING_NOTE.match(text)
        number = int(match.group(1) or match.group(2)) if match else None
        if match and number is not None and (current is None or number == current + 1):
            current = number
            notes[current] = ([match.group(3)], line)
        elif current is not None:
            notes[current][0].append(text)
    return lines[: starts[-1]], {n: (_join(parts), line) for n, (parts, line) in notes.items()}


def _is_running_title(line: str, titles: set[str]) -> bool:
    """A line that repeats the title (or its first words, when the header cut it short)."""
    key = fold(line)
    if len(key.split()) < 3 and key not in titles:
        return False
    return any(title == key or title.startswith(key) for title in titles if title)


_SYMBOL_TOKEN = re.compile(r"\b[A-Z]/RES/\d+/\d+(?:\s?[A-Z]\b)?\*?")


def _is_symbol_and_title(line: str, titles: set[str]) -> bool:
    """A page header printed on one line: "A/RES/72/75 Assistance in mine action" (or reversed)."""
    if not _SYMBOL_TOKEN.search(line):
        return False
    rest = _SYMBOL_TOKEN.sub(" ", line).strip()
    return bool(rest) and _is_running_title(rest, titles)


def _title_run(lines: list[tuple[str, int]], index: int, titles: set[str]) -> int:
    """How many lines from `index` print the running title (0 if that line does not start it).

    A long title wraps in the page header as in the heading, over two to four lines
    ("Convention on Prohibitions ... Certain" / "Conventional Weapons ..." / "Injurious ..."):
    the run is the longest one whose lines, read together, are the title or its beginning.
    """
    if not _is_running_title(lines[index][0], titles):
        return 0
    run, joined = 1, lines[index][0].strip()
    for end in range(index + 1, min(index + _MAX_TITLE_LINES, len(lines))):
        text = lines[end][0].strip()
        if not text or text == _REMOVED or is_furniture(text):
            break
        joined = f"{joined} {text}"
        key = fold(joined)
        if not any(title.startswith(key) for title in titles):
            break
        run = end - index + 1
    return run


_MAX_TITLE_LINES = 5


def _fragments(lines: list[tuple[str, int]], titles: set[str], fmt: SourceFormat) -> list[Fragment]:
    fragments: list[Fragment] = []
    gap = Gap.WRAP
    skip_to = 0
    for index, (raw, number) in enumerate(lines):
        if index < skip_to:
            continue
        text = raw.strip()
        if raw == _REMOVED:
            gap = Gap.BREAK
            continue
        if not text:
            if gap is Gap.WRAP:
                gap = Gap.BLANK
            continue
        if is_furniture(text):
            gap = Gap.BREAK
            continue
        run = _title_run(lines, index, titles)
        if run and _standalone(lines, index, fmt, last=index + run - 1):
            gap = Gap.BREAK
            skip_to = index + run
            continue
        if _is_symbol_and_title(text, titles):
            gap = Gap.BREAK
            continue
        if fmt is SourceFormat.WEB_TEXT and re.match(r"^ {3,}\S", raw) and gap is Gap.WRAP:
            gap = Gap.BLANK  # an indented first line starts a paragraph in the web editions
        fragments.append(Fragment(text=squash(text), line=number, gap=gap))
        gap = Gap.WRAP
    return fragments


_REMOVED = "\x00removed"


def _standalone(
    lines: list[tuple[str, int]], index: int, fmt: SourceFormat, *, last: int | None = None
) -> bool:
    """Running titles (lines `index` to `last`) stand between blank lines, furniture or blocks."""

    def neighbour(step: int) -> str | None:
        j = (index if step < 0 else last if last is not None else index) + step
        while 0 <= j < len(lines):
            text = lines[j][0]
            if text == _REMOVED or is_furniture(text.strip()):
                return "furniture"
            if not text.strip():
                return "blank"
            return "text"
        return "edge"

    before, after = neighbour(-1), neighbour(1)
    if fmt is SourceFormat.PDF_TEXT:
        return "furniture" in (before, after) or (before, after) == ("blank", "blank")
    return before != "text" and after != "text"


def _take_footnote_blocks(
    lines: list[tuple[str, int]], titles: set[str]
) -> tuple[list[tuple[str, int]], dict[int, tuple[str, int]]]:
    """Remove footnote blocks (a rule of underscores, then numbered notes) from the flow.

    A block ends where the text resumes: at page furniture, at a line the extraction indented
    by one space (one tool marks a new page that way), or at an operative number or
    sub-paragraph label on its own line. Note numbers run on from block to block.
    """
    kept: list[tuple[str, int]] = []
    notes: dict[int, tuple[list[str], int]] = {}
    expected: int | None = None
    index = 0
    while index < len(lines):
        text, number = lines[index]
        if not _UNDERSCORES.match(text):
            kept.append((text, number))
            index += 1
            continue
        kept.append((_REMOVED, number))
        index += 1
        current: int | None = None
        while index < len(lines):
            text, number = lines[index]
            stripped = text.strip()
            if not stripped:
                index += 1
                continue
            if (
                is_furniture(stripped)
                or (text.startswith(" ") and not text.startswith("  "))
                or _OPERATIVE_NUMBER_ALONE.match(stripped)
                or _LABEL_LINE.match(stripped)
                or _UNDERSCORES.match(stripped)
                or (
                    (run := _title_run(lines, index, titles))
                    and _next_is_furniture(lines, index + run - 1)
                )
                or _is_symbol_and_title(stripped, titles)
            ):
                break
            entry = _FOOTNOTE_ENTRY.match(stripped)
            if entry and (expected is None or int(entry.group(1)) == expected):
                rest = entry.group(2) or entry.group(3) or ""
                if not re.match(rf"^({_MONTHS})\b", rest):
                    current = int(entry.group(1))
                    notes[current] = ([rest] if rest else [], number)
                    expected = current + 1
                    index += 1
                    continue
            if current is not None:
                notes[current][0].append(stripped)
            index += 1
        kept.append((_REMOVED, number))
    return kept, {n: (_join(parts), line) for n, (parts, line) in notes.items()}


def _next_is_furniture(lines: list[tuple[str, int]], index: int) -> bool:
    for text, _ in lines[index + 1 :]:
        if text.strip():
            return is_furniture(text.strip())
    return False


def _join(parts: list[str]) -> str:
    text = ""
    for part in parts:
        part = squash(part)
        if not text:
            text = part
        elif text.endswith("-") and not text.endswith(" -"):
            text = join_hyphenated(text, part)
        else:
            text = f"{text} {part}"
    return text


def _restore_superscript_order(lines: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Put back text that one PDF tool moved after a footnote marker on a line of its own.

    The tool emits the rest of a line that carries a superscript marker after the next line::

        Recalling also all relevant treaties and conventions      (text before the marker)
        processes,                                              (the next line)
        1                                                       (the marker)
        and their review                                        (the rest of the first line)

    which read in order is "... conventions 1 and their review processes,". The pattern: a
    line without final punctuation, a line ending the paragraph, a lone number, a short
    lower-case fragment without final punctuation, then a new paragraph.
    """
    nonblank = [i for i, (text, _) in enumerate(lines) if text.strip() and text != _REMOVED]
    moves: dict[int, list[int]] = {}
    for position in range(len(nonblank) - 3):
        first, second, marker, rest = nonblank[position : position + 4]
        first_text = lines[first][0].strip()
        second_text = lines[second][0].strip()
        marker_text = lines[marker][0].strip()
        rest_text = lines[rest][0].strip()
        if not (
            re.fullmatch(r"\d{1,3}", marker_text)
            and second == first + 1
            and marker > second + 1
            and not _TERMINATOR.search(first_text)
            and _TERMINATOR.search(second_text)
            and rest_text[:1].islower()
            and not _TERMINATOR.search(rest_text)
            and len(rest_text.split()) <= 8
        ):
            continue
        following = nonblank[position + 4] if position + 4 < len(nonblank) else None
        if following is not None and not lines[following][0].strip()[:1].isupper():
            continue
        moves[second] = [marker, rest, second]
    if not moves:
        return lines
    skip = {i for order in moves.values() for i in order}
    out: list[tuple[str, int]] = []
    for index, item in enumerate(lines):
        if index in moves:
            out.extend(lines[i] for i in moves[index])
        elif index not in skip:
            out.append(item)
    return out
