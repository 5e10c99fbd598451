"""The same real resolutions as other extraction tools render them must parse the same."""

# Each variant rewrites a bundled text the way another tool lays it out (form feeds instead of page
# headers, superscript digits, footnotes gathered at the end, no resolution-number line) and must
# give the same clauses, footnotes and anchors as the original.

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from app.document.model import ParsedResolution
from app.reference import load_gazetteer
from app.sources.text import parse_resolution
from app.sources.text.layout import is_furniture
from tests.sources.text.golden import CASES


def _parse(text: str) -> ParsedResolution:
    return parse_resolution(text, gazetteer=load_gazetteer())


def _essence(parsed: ParsedResolution) -> tuple[object, ...]:
    clauses = tuple((c.key, c.lead, c.verb, c.text, c.footnotes) for c in parsed.clauses())
    notes = tuple((f.number, f.text, f.cited_in) for f in parsed.footnotes)
    iacg = tuple((e.key, e.role) for e in parsed.iacg)
    follow = tuple((f.kind, f.target_session) for f in parsed.follow_ups)
    return parsed.metadata.symbol, parsed.metadata.adopted_on, clauses, notes, iacg, follow


def form_feeds_instead_of_page_headers(text: str) -> str:
    """A tool that prints no running header: each page ends with a form feed."""
    lines = text.split("\n")
    out: list[str] = []
    in_header = False
    for line in lines:
        stripped = line.strip()
        if is_furniture(stripped) or (in_header and stripped == "Assistance in mine action"):
            if not in_header:
                out.append("\f")
            in_header = True
            continue
        if stripped:
            in_header = False
        out.append(line)
    return "\n".join(out)


def superscript_markers(text: str) -> str:
    """A tool that keeps superscripts: "conventions¹", "war,³"."""
    digits = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
    for word, number in (("conventions", "1"), ("Destruction,", "2"), ("war,", "3")):
        text = text.replace(f"{word}{number} ", f"{word}{number.translate(digits)} ", 1)
    return text


def glued_footnote_numbers(text: str) -> str:
    """A tool that glues the note number to its text in the footnote block: "1These include"."""
    return re.sub(r"^(\d{1,2})  (?=[A-Z])", r"\1", text, flags=re.MULTILINE)


def symbol_without_number_line(text: str) -> str:
    """A header with the symbol but no "72/75." before the title."""
    return text.replace("72/75. Assistance in mine action", "Assistance in mine action", 1)


def one_line_page_header(text: str) -> str:
    """A tool that prints the symbol and the running title on one line."""
    return re.sub(r"(A/RES/72/75) *\n(Assistance in mine action) *\n", r"\1 \2\n", text)


def paragraphs_without_blank_lines(text: str) -> str:
    """A tool that puts no empty line between paragraphs (as the 68/72 extraction does)."""
    return re.sub(r"\n[ \t]*\n", "\n", text)


def windows_line_ends(text: str) -> str:
    return text.replace("\n", "\r\n")


VARIANTS: list[Callable[[str], str]] = [
    one_line_page_header,
    paragraphs_without_blank_lines,
    windows_line_ends,
    form_feeds_instead_of_page_headers,
    superscript_markers,
    glued_footnote_numbers,
    symbol_without_number_line,
]


@pytest.fixture(scope="module")
def original() -> tuple[str, ParsedResolution]:
    text = (CASES / "A_RES_72_75.txt").read_text(encoding="utf-8")
    return text, _parse(text)


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda v: v.__name__)
def test_pdf_variants_parse_the_same(
    variant: Callable[[str], str], original: tuple[str, ParsedResolution]
) -> None:
    text, parsed = original
    changed = variant(text)
    assert changed != text, "the variant must change the text"
    assert _essence(_parse(changed)) == _essence(parsed)


def test_plain_text_with_bracket_markers_and_notes_at_the_end() -> None:
    """Text saved from a web page: no front matter, "[4]" markers, numbered notes at the end."""
    markdown = (CASES / "A_RES_80_14.md").read_text(encoding="utf-8")
    parsed = _parse(markdown)
    body = markdown.split("---", 2)[2]
    body, _, notes = body.rpartition("\n---\n")
    body = re.sub(r"\[\^(\d+)\]", r"[\1]", body)
    notes = re.sub(r"^\[\^(\d+)\]:\s*", r"[\1] ", notes.strip(), flags=re.MULTILINE)
    plain = f"{body}\n\n{notes}\n"
    assert _essence(_parse(plain)) == _essence(parsed)


def test_markdown_footnote_left_where_the_page_broke() -> None:
    """A converter that leaves a footnote as a plain "n text" line in the body."""
    markdown = (CASES / "A_RES_80_14.md").read_text(encoding="utf-8")
    parsed = _parse(markdown)
    stray = markdown.replace(
        "\n\n4. Expresses its appreciation",
        "\n\n3 S/PRST/1996/17; see Resolutions and Decisions of the Security Council, 1996 "
        "(S/INF/52).\n\n4. Expresses its appreciation",
    )
    stray = re.sub(r"\n\[\^3\]: S/PRST/1996/17[^\n]*\n", "\n", stray)
    assert stray.count("S/PRST/1996/17") == 1
    assert _essence(_parse(stray)) == _essence(parsed)
