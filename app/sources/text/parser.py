"""parse_resolution: raw text in, a complete ParsedResolution out (or one ParseError)."""

# The stages, each in its own module: normalise characters (text), split off what only one
# format has (source), remove page furniture and footnote blocks (layout), read the metadata
# (metadata), cut the body into paragraphs (paragraphs), take the footnote markers out
# (markers), repair damaged words (words), then hand the clean clauses to the document's
# `assemble` (app.document.extract), which finds what they refer to and schedule.

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from app.document.errors import MissingOperativePart, NotAResolution
from app.document.extract import assemble
from app.document.model import (
    Clause,
    ClauseKind,
    Footnote,
    Gazetteer,
    ParsedResolution,
    SourceFormat,
)
from app.document.phrases import embedded_operative_verb, operative_verb, preambular_lead
from app.sources.text.layout import read_layout
from app.sources.text.markers import take_markers
from app.sources.text.metadata import read_metadata
from app.sources.text.paragraphs import Block, segment
from app.sources.text.parts import split_parts
from app.sources.text.source import Source, split_source
from app.sources.text.text import normalize, squash
from app.sources.text.words import repair_words, repeated_words

MAX_TEXT_LENGTH = 2_000_000
# Control characters other than line ends, tab and form feed: a sign of binary data.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


def parse_resolution(text: str, *, gazetteer: Gazetteer | None = None) -> ParsedResolution:
    """Parse one resolution. `gazetteer` resolves treaty and organization names to keys.

    A text of several lettered parts gives its first part (`parse_resolutions` gives all).
    """
    return parse_resolutions(text, gazetteer=gazetteer)[0]


def parse_resolutions(
    text: str, *, gazetteer: Gazetteer | None = None
) -> tuple[ParsedResolution, ...]:
    """Every resolution of a text: one, or one per part of a multi-part text (A, B, ...)."""
    _check_is_text(text)
    source = split_source(normalize(text))
    parts = split_parts(source)
    if not parts:
        return (_parse_source(source, gazetteer),)
    # Notes are numbered through the whole text and printed where the page breaks, perhaps
    # in another part's lines: every part is read with all of them.
    notes = read_layout(source).footnotes
    parts = [
        dataclasses.replace(p, source=dataclasses.replace(p.source, footnotes=notes)) for p in parts
    ]
    first = [_parse_source(part.source, None) for part in parts]
    # Each part keeps the notes it cites; a note no part cites stays with the last part that
    # holds it (a list at the end of the text is read with every part).
    cited = {f.number for part in first for f in part.footnotes if f.cited_in}
    parsed = []
    for index, (part, read) in enumerate(zip(parts, first, strict=True)):
        later = {f.number for p in first[index + 1 :] for f in p.footnotes}
        drop = frozenset(
            f.number for f in read.footnotes if not f.cited_in and (f.number in cited | later)
        )
        parsed.append(_parse_source(part.source, gazetteer, drop=drop))
    return tuple(parsed)


def _parse_source(
    source: Source, gazetteer: Gazetteer | None, *, drop: frozenset[int] = frozenset()
) -> ParsedResolution:
    layout = read_layout(source)
    metadata, warnings = read_metadata(layout)
    segmentation = segment(layout.body)
    warnings.extend(segmentation.warnings)
    if not segmentation.operative:
        raise MissingOperativePart(
            "expected numbered operative paragraphs ('1. Takes note ...') after the preamble; "
            "found none (is the text truncated?)",
            line=layout.body[-1].line,
        )

    planned = _plan(segmentation.preamble, segmentation.operative)
    marked = take_markers(
        [item.block.text for item in planned],
        sorted(layout.footnotes),
        web=source.format is SourceFormat.WEB_TEXT,
    )
    # Only a PDF extraction drops line-end hyphens, and never the same one twice.
    repair = partial(
        repair_words,
        kept=repeated_words([r.text for r in marked]),
        restore=source.format is SourceFormat.PDF_TEXT,
    )
    cited_in: dict[int, list[str]] = {}
    texts: dict[str, str] = {}
    markers: dict[str, tuple[int, ...]] = {}
    offsets: dict[str, tuple[int, ...]] = {}
    for item, result in zip(planned, marked, strict=True):
        texts[item.key] = repair(result.text)
        markers[item.key] = result.markers
        offsets[item.key] = _repaired_offsets(result.text, result.offsets, texts[item.key], repair)
        for number in result.markers:
            cited_in.setdefault(number, []).append(item.key)

    clauses = {item.key: item for item in planned}
    preamble = tuple(
        _clause(i, texts, markers, offsets, clauses)
        for i in planned
        if i.depth == 0 and i.block.kind is ClauseKind.PREAMBULAR
    )
    operative = tuple(
        _clause(i, texts, markers, offsets, clauses)
        for i in planned
        if i.depth == 0 and i.block.kind is ClauseKind.OPERATIVE
    )

    footnotes = tuple(
        Footnote(
            number,
            repair(squash(note_text)),
            tuple(dict.fromkeys(cited_in.get(number, ()))),
        )
        for number, (note_text, _line) in sorted(layout.footnotes.items())
        if number not in drop
    )
    unmarked = [f.number for f in footnotes if not f.cited_in]
    if unmarked:
        warnings.append(f"footnotes not cited in any clause: {unmarked}")
    return assemble(
        metadata,
        source.format,
        preamble,
        operative,
        footnotes,
        gazetteer=gazetteer,
        warnings=warnings,
    )


def _check_is_text(text: str) -> None:
    if not text.strip():
        raise NotAResolution("the text is empty; expected a resolution", line=1)
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise NotAResolution("binary data (NUL bytes); expected plain text", line=line)
    controls = len(_CONTROLS.findall(text, 0, 10_000))
    if controls > 10:
        raise NotAResolution("binary data (control characters); expected plain text", line=1)
    if len(text) > MAX_TEXT_LENGTH:
        raise NotAResolution(
            f"the text has {len(text):,} characters; a resolution has far fewer "
            f"(limit {MAX_TEXT_LENGTH:,})"
        )


@dataclass(frozen=True)
class _Planned:
    key: str
    block: Block
    depth: int
    children: tuple[str, ...]


def _plan(preamble: list[Block], operative: list[Block]) -> list[_Planned]:
    """Every block with its key, in document order (a parent's own text before its children)."""
    planned: list[_Planned] = []

    def visit(block: Block, key: str, depth: int) -> None:
        child_keys = tuple(f"{key}.{child.label}" for child in block.children)
        planned.append(_Planned(key, block, depth, child_keys))
        for child, child_key in zip(block.children, child_keys, strict=True):
            visit(child, child_key, depth + 1)

    for block in preamble:
        visit(block, f"pp.{block.number}", 0)
    for block in operative:
        visit(block, f"op.{block.number}", 0)
    return planned


def _repaired_offsets(
    before: str, offsets: tuple[int, ...], after: str, repair: Callable[[str], str]
) -> tuple[int, ...]:
    """Carry marker offsets through word repair (which is local: a prefix repairs alike)."""
    if before == after:
        return offsets
    return tuple(min(len(repair(before[:offset])), len(after)) for offset in offsets)


def _clause(
    item: _Planned,
    texts: dict[str, str],
    markers: dict[str, tuple[int, ...]],
    offsets: dict[str, tuple[int, ...]],
    planned: dict[str, _Planned],
) -> Clause:
    block = item.block
    text = texts[item.key]
    lead = verb = None
    if block.kind is ClauseKind.PREAMBULAR:
        lead = preambular_lead(text)
    elif block.kind is ClauseKind.OPERATIVE:
        verb = operative_verb(text) or embedded_operative_verb(text)
    else:
        verb = operative_verb(text)
    return Clause(
        key=item.key,
        kind=block.kind,
        number=block.number,
        label=block.label,
        lead=lead,
        verb=verb,
        text=text,
        footnotes=markers[item.key],
        children=tuple(
            _clause(planned[k], texts, markers, offsets, planned) for k in item.children
        ),
        footnote_offsets=offsets[item.key],
    )
