"""Input formats: detect which one a text is in, and split off what only that format has."""

# - Markdown with YAML front matter (``---`` / ``symbol: A/RES/80/14`` / ``---``), ``[^n]``
#   footnote markers and a ``[^n]: text`` list after a closing ``---``;
# - plain text of the older web editions: indented paragraph starts, ``1/`` footnote markers and
#   ``1/ A/49/357.`` footnote lines at the end;
# - text extracted from the official PDFs (everything else): page furniture and footnote blocks
#   in the flow of the text, handled by app.sources.text.layout.

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from app.document.model import SourceFormat

# libyaml's loader when PyYAML was built with it (the wheels are): the pure-Python one was a
# twentieth of the parse for a few lines of front matter.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---[ ]*\n", re.DOTALL)
# "1/" footnote markers of the web editions: a number and a slash not followed by a digit
# (which would make it a symbol such as 48/7).
_WEB_MARKER = re.compile(r"(?<=[\w,;.)])\s?\d{1,3}/(?![\d/\w])")
_WEB_FOOTNOTE_LINE = re.compile(r"^\s*\d{1,3}/\s+\S")


@dataclass(frozen=True)
class Source:
    """The text split into the parts every format has, with original line numbers kept."""

    format: SourceFormat
    lines: list[str]  # body lines (front matter and end-of-text footnote list removed)
    first_line: int  # 1-based number of lines[0] in the original text
    front_matter: dict[str, str] = field(default_factory=dict)
    # Footnote definitions found outside the flow of the text: number -> (text, line number).
    footnotes: dict[int, tuple[str, int]] = field(default_factory=dict)


def detect_format(text: str) -> SourceFormat:
    if _FRONT_MATTER.match(text):
        return SourceFormat.MARKDOWN
    lines = text.split("\n")
    web_footnotes = sum(1 for line in lines if _WEB_FOOTNOTE_LINE.match(line))
    if web_footnotes and _WEB_MARKER.search(text):
        return SourceFormat.WEB_TEXT
    indented = sum(1 for line in lines if re.match(r"^ {4,}\S", line))
    plain = sum(1 for line in lines if re.match(r"^\S", line))
    # The web editions indent the first line of every paragraph and start the rest flush left.
    if indented >= 5 and plain >= 5 and not re.search(r"^_{5,}\s*$", text, re.MULTILINE):
        return SourceFormat.WEB_TEXT
    return SourceFormat.PDF_TEXT


def split_source(text: str) -> Source:
    fmt = detect_format(text)
    if fmt is SourceFormat.MARKDOWN:
        return _markdown(text)
    if fmt is SourceFormat.WEB_TEXT:
        return _web(text)
    return Source(format=fmt, lines=text.split("\n"), first_line=1)


def _markdown(text: str) -> Source:
    match = _FRONT_MATTER.match(text)
    assert match is not None
    front = _front_matter(match.group(1))
    offset = match.group(0).count("\n")
    lines = text[match.end() :].split("\n")
    footnotes: dict[int, tuple[str, int]] = {}
    # The footnote list follows the last line that is only "---".
    separators = [i for i, line in enumerate(lines) if line.strip() == "---"]
    if separators:
        cut = separators[-1]
        tail = lines[cut + 1 :]
        if any(re.match(r"^\[\^\d+\]:", line) for line in tail):
            footnotes = _markdown_footnotes(tail, first_line=offset + cut + 2)
            lines = lines[:cut]
    return Source(
        format=SourceFormat.MARKDOWN,
        lines=lines,
        first_line=offset + 1,
        front_matter=front,
        footnotes=footnotes,
    )


def _front_matter(block: str) -> dict[str, str]:
    try:
        data = yaml.load(block, Loader=_YAML_LOADER)
    except yaml.YAMLError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(key): str(value) for key, value in data.items() if value is not None}


_DEFINITION = re.compile(r"^\[\^(\d+)\]:\s*(.*)$")


def _markdown_footnotes(lines: list[str], *, first_line: int) -> dict[int, tuple[str, int]]:
    """`[^n]: text` entries; indented lines continue the previous entry.

    The converter sometimes turns a wrapped line that starts with a number into a definition
    of its own ("[^1994]: (United Nations publication ...)"): a number that does not follow
    the previous one is taken back as text of the previous entry.
    """
    entries: dict[int, tuple[list[str], int]] = {}
    last: int | None = None
    for index, line in enumerate(lines):
        match = _DEFINITION.match(line)
        if match:
            number = int(match.group(1))
            if last is None or number == last + 1 or (last < number <= last + 3):
                entries[number] = ([match.group(2)], first_line + index)
                last = number
                continue
            if last is not None:
                entries[last][0].append(f"{number} {match.group(2)}")
                continue
        if last is not None and line.strip():
            entries[last][0].append(line.strip())
    return {n: (" ".join(parts).strip(), line) for n, (parts, line) in entries.items()}


_WEB_FOOTNOTE = re.compile(r"^\s*(\d{1,3})/\s+(.*)$")


def _web(text: str) -> Source:
    """Footnote lines ("1/ A/49/357 and Add.1.") gathered from after the closing lines."""
    lines = text.split("\n")
    closing = max(
        (i for i, line in enumerate(lines) if re.search(r"plenary meeting\s*$", line)), default=-1
    )
    start = next((i for i in range(closing + 1, len(lines)) if _WEB_FOOTNOTE.match(lines[i])), None)
    if start is None:
        return Source(format=SourceFormat.WEB_TEXT, lines=lines, first_line=1)
    footnotes: dict[int, tuple[list[str], int]] = {}
    last: int | None = None
    for index in range(start, len(lines)):
        line = lines[index]
        match = _WEB_FOOTNOTE.match(line)
        if match:
            last = int(match.group(1))
            footnotes[last] = ([match.group(2).strip()], index + 1)
        elif last is not None and line.strip() and not _RULE.match(line):
            footnotes[last][0].append(line.strip())
    return Source(
        format=SourceFormat.WEB_TEXT,
        lines=lines[:start],
        first_line=1,
        footnotes={n: (" ".join(parts), line) for n, (parts, line) in footnotes.items()},
    )


_RULE = re.compile(r"^\s*[-_]{5,}\s*$")
