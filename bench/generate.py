"""Scale corpus: N realistic resolutions recombined from the real texts of data/corpus/."""

from __future__ import annotations

import argparse
import bisect
import hashlib
import json
import random
import re
import shutil
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from app.config import CORPUS_DIR, PROJECT_ROOT
from app.document.dates import ORDINAL_PATTERN, ordinal_value
from app.document.model import Clause, ParsedResolution
from app.document.phrases import preambular_lead
from app.ingest.sources import discover
from app.reference import load_gazetteer
from app.sources.text import parse_resolution
from app.sources.text.paragraphs import LETTERS as _LETTERS
from app.sources.text.paragraphs import ROMANS as _ROMANS
from app.sources.text.text import normalize, squash

# The rest of the --help text.
DETAILS = """\
    .venv/bin/python -m bench.generate --count 25000 --out bench/work/scale-25000 [--seed 1]

Each generated resolution takes a real one as its template (title, number of preambular and
operative paragraphs, last operative paragraph) and fills the other places with real
paragraphs: the template's own or, one time in two, a paragraph of the same kind from any text
of the corpus. Sub-paragraphs stay with their paragraph, footnotes travel with the paragraphs
that cite them (renumbered in order; the IACG list among them), and session ordinals ("at its
seventieth session") move with the new session, so a follow-up keeps its distance from the
session that schedules it. Symbols, sessions (1 to 80), December adoption dates, meetings,
agenda items and committees are new.

Most files are Markdown with front matter, the format of the 80th-session folder; about one in
ten is laid out like a PDF extraction (page headers, footnote blocks at the page foot, markers
glued to the words), like the mine-action texts. `manifest.jsonl` in the output folder says
what each file holds (clauses, footnotes, follow-ups, IACG entries), so that a test can parse
a sample back and compare. The same seed writes the same files.
"""

WORK_DIR = PROJECT_ROOT / "bench" / "work"
MANIFEST = "manifest.jsonl"
SIGNATURE = "corpus.json"  # what the corpus was made from (is_current)
SESSIONS = range(1, 81)
PDF_SHARE = 0.1  # the mine-action texts are PDF extractions; the 80th session is Markdown

_SESSION_ORDINAL = re.compile(rf"\b((?:its|the)\s+)({ORDINAL_PATTERN})(\s+session)\b", re.I)
_COMMITTEES = (
    "on the report of the First Committee",
    "on the report of the Special Political and Decolonization Committee (Fourth Committee)",
    "on the report of the Second Committee",
    "on the report of the Third Committee",
    "on the report of the Sixth Committee",
    "without reference to a Main Committee",
)


@dataclass(frozen=True, slots=True)
class Note:
    """A footnote travelling with the paragraph that cites it."""

    text: str
    iacg: int  # entries the parser reads from it when it lists the IACG members, else 0


@dataclass(frozen=True, slots=True)
class Piece:
    """A real paragraph or sub-paragraph, its text cut where its footnote markers stand."""

    label: str | None  # sub-paragraphs: "a", "ii"
    parts: tuple[str, ...]  # the text between markers: one more part than notes
    notes: tuple[Note, ...]
    children: tuple[Piece, ...]
    follow_ups: int  # what the parser schedules from it and its sub-paragraphs
    session: int  # of the resolution it comes from: its session ordinals are relative to it
    names_sessions: bool

    @property
    def clauses(self) -> int:
        return 1 + sum(child.clauses for child in self.children)

    def walk(self) -> Iterator[Piece]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True, slots=True)
class Template:
    title: str
    preamble: tuple[Piece, ...]
    operative: tuple[Piece, ...]


@dataclass(frozen=True, slots=True)
class Resolution:
    """One generated resolution, before it is written."""

    session: int
    number: int
    title: str
    adopted_on: date
    distributed_on: date
    meeting: int
    agenda_item: int
    committee: str
    report: str
    preamble: tuple[Piece, ...]
    operative: tuple[Piece, ...]

    @property
    def symbol(self) -> str:
        return f"A/RES/{self.session}/{self.number}"

    def pieces(self) -> Iterator[Piece]:
        for piece in (*self.preamble, *self.operative):
            yield from piece.walk()

    def facts(self) -> dict[str, object]:
        """What the parser must find in the written file."""
        notes = [note for piece in self.pieces() for note in piece.notes]
        return {
            "symbol": self.symbol,
            "session": self.session,
            "adopted_on": self.adopted_on.isoformat(),
            "preambular": len(self.preamble),
            "operative": len(self.operative),
            "clauses": sum(piece.clauses for piece in (*self.preamble, *self.operative)),
            "footnotes": len(notes),
            "follow_ups": sum(piece.follow_ups for piece in (*self.preamble, *self.operative)),
            # The parser reads the first footnote that lists the IACG.
            "iacg": next((note.iacg for note in notes if note.iacg), 0),
        }


# -- reading the real corpus ---------------------------------------------------------------


def load_templates(sources: Sequence[Path] = (CORPUS_DIR,)) -> list[Template]:
    """Every real resolution under `sources`, parsed, as a template of paragraphs."""
    gazetteer = load_gazetteer()
    templates = []
    for path in discover(sources):
        raw = path.read_text(encoding="utf-8")
        parsed = parse_resolution(raw, gazetteer=gazetteer)
        templates.append(_template(parsed, _Source(squash(normalize(raw)))))
    return templates


def _template(parsed: ParsedResolution, source: _Source) -> Template:
    iacg = Counter(entry.footnote for entry in parsed.iacg)
    notes = {f.number: Note(f.text, iacg.get(f.number, 0)) for f in parsed.footnotes}
    follow_ups = Counter(item.clause for item in parsed.follow_ups)
    session = parsed.metadata.session

    def piece(clause: Clause) -> Piece:
        parts, cited = _cut_at_markers(clause.text, clause.footnotes, source)
        children = tuple(piece(child) for child in clause.children)
        return Piece(
            label=clause.label,
            parts=parts,
            notes=tuple(notes[number] for number in cited),
            children=children,
            follow_ups=follow_ups[clause.key] + sum(child.follow_ups for child in children),
            session=session,
            names_sessions=bool(_SESSION_ORDINAL.search(clause.text)),
        )

    return Template(
        title=parsed.metadata.title,
        preamble=tuple(
            piece(c) for c in parsed.preamble if preambular_lead(c.text) and _portable(c)
        ),
        operative=tuple(piece(c) for c in parsed.operative if _portable(c)),
    )


def _portable(clause: Clause) -> bool:
    """Whether the paragraph reads the same wherever it is put.

    Not so for what the parser took in from a damaged source: a preambular paragraph without
    its leading phrase, a paragraph that runs on without final punctuation (the next one
    would join it), sub-paragraphs whose labels do not run from "(a)" or "(i)" (the
    extraction lost the first ones) or a lone one inside the text.
    """
    last = clause.walk()[-1]
    if not re.search(r"[,;:.]\W*$", last.text):
        return False
    for parent in clause.walk():
        labels = [child.label for child in parent.children]
        if labels and labels not in (_LETTERS[: len(labels)], _ROMANS[: len(labels)]):
            return False
        if len(labels) == 1 and not parent.text.endswith(":"):
            return False  # written in the paragraph's text, one label alone is not a list
    return True


_TOKEN = re.compile(r"[\w’'-]+")
_CLOSERS = ",;:)”’\"'"


class _Source:
    """The words of a source text on one line, to find what stood before each marker."""

    def __init__(self, flat: str) -> None:
        self.flat = flat
        # The number inside an explicit "[^4]" is a marker, not a word.
        found = [m for m in _TOKEN.finditer(flat) if flat[m.start() - 2 : m.start()] != "[^"]
        self.starts = [m.start() for m in found]
        self.ends = [m.end() for m in found]
        self.words = [m.group(0).lower() for m in found]

    def words_before(self, position: int, count: int) -> list[str]:
        index = bisect.bisect_left(self.starts, position)
        words = self.words[max(0, index - count) : index]
        if words and self.ends[index - 1] > position:
            # The word a marker is glued to ("conventions1") ends where the marker starts.
            words[-1] = self.flat[self.starts[index - 1] : position].lower()
        return words


def _cut_at_markers(
    text: str, numbers: Sequence[int], source: _Source
) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """The clause text cut where its footnote markers stood in the source, and their numbers.

    The parser gives the clean text and the numbers only, so each marker is placed after the
    words that preceded it in the source: the first place where the number stands after a
    run of words that the clean text also has. A marker whose words cannot be found (a word
    the parser repaired) goes at the end of the clause.
    """
    tokens = [(m.group(0).lower(), m.end()) for m in _TOKEN.finditer(text)]
    runs: dict[tuple[str, ...], int] = {}
    for size in (4, 3, 2):
        for start in range(len(tokens) - size + 1):
            run = tuple(word for word, _ in tokens[start : start + size])
            runs.setdefault(run, tokens[start + size - 1][1])
    placed: list[tuple[int, int]] = []
    for number in dict.fromkeys(numbers):
        position = _marker_position(runs, number, source)
        if position is None:
            position = len(text)
        while position < len(text) and text[position] in _CLOSERS:
            position += 1
        placed.append((position, number))
    placed.sort()
    parts, last = [], 0
    for position, _ in placed:
        parts.append(text[last:position])
        last = position
    parts.append(text[last:])
    return tuple(parts), tuple(number for _, number in placed)


def _marker_position(runs: dict[tuple[str, ...], int], number: int, source: _Source) -> int | None:
    marker = re.compile(rf"\[\^{number}\]|(?<![\d/]){number}(?![\d/])|(?<=\d{{4}}){number}(?!\d)")
    for match in marker.finditer(source.flat):
        context = source.words_before(match.start(), 4)
        for size in (4, 3, 2):
            if len(context) >= size and (found := runs.get(tuple(context[-size:]))) is not None:
                return found
    return None


# -- recombining -----------------------------------------------------------------------------


class Generator:
    """Draws resolutions from the templates; the same seed draws the same ones."""

    def __init__(self, templates: Sequence[Template], seed: int) -> None:
        self.templates = list(templates)
        self.rng = random.Random(seed)
        self.preambular = [piece for t in self.templates for piece in t.preamble]
        self.operative = [piece for t in self.templates for piece in t.operative]
        self.next_number: dict[int, int] = {}
        # Real symbols stay free, so that a generated corpus can sit next to the real one.
        self.taken = {
            (int(m.group(1)), int(m.group(2)))
            for path in discover([CORPUS_DIR])
            if (m := re.match(r"A_RES_(\d+)_(\d+)$", path.stem))
        }

    def draw(self) -> Resolution:
        rng = self.rng
        template = rng.choice(self.templates)
        session = rng.choice(SESSIONS)
        number = self._number(session)
        year = 1945 + session  # the first session met in 1946, the eightieth opened in 2025
        adopted_on = date(year, 12, rng.randint(1, 22))
        committee = rng.choice(_COMMITTEES)
        if committee.startswith("without"):
            report = f"A/{session}/L.{rng.randint(2, 60)}"
        else:
            report = f"A/{session}/{rng.randint(300, 650)}, para. {rng.randint(5, 40)}"
        return Resolution(
            session=session,
            number=number,
            title=template.title,
            adopted_on=adopted_on,
            distributed_on=adopted_on + timedelta(days=rng.randint(2, 12)),
            meeting=rng.randint(35, 85),
            agenda_item=rng.randint(5, 140),
            committee=committee,
            report=report,
            preamble=self._mix(template.preamble, self.preambular, session, keep_last=False),
            operative=self._mix(template.operative, self.operative, session, keep_last=True),
        )

    def _number(self, session: int) -> int:
        number = self.next_number.get(session, 0) + 1
        while (session, number) in self.taken:
            number += 1
        self.next_number[session] = number
        return number

    def _mix(
        self, own: tuple[Piece, ...], pool: list[Piece], session: int, *, keep_last: bool
    ) -> tuple[Piece, ...]:
        """The template's paragraphs, one in two replaced by one drawn from the whole corpus."""
        chosen: list[Piece] = []
        used: set[int] = set()
        for index, piece in enumerate(own):
            last = keep_last and index == len(own) - 1
            if not last and self.rng.random() < 0.5:
                for _ in range(3):  # a resolution does not say the same thing twice
                    candidate = self.rng.choice(pool)
                    if id(candidate) not in used:
                        piece = candidate
                        break
            if id(piece) in used:
                continue
            used.add(id(piece))
            chosen.append(_shifted(piece, session))
        return tuple(chosen)


def _shifted(piece: Piece, session: int) -> Piece:
    """The piece with its session ordinals moved by the distance between the two sessions."""
    if session == piece.session or not any(p.names_sessions for p in piece.walk()):
        return piece
    delta = session - piece.session

    def move(match: re.Match[str]) -> str:
        value = ordinal_value(match.group(2)) or 0
        word = ordinal(max(1, value + delta))
        if match.group(2)[0].isupper():
            word = word[0].upper() + word[1:]
        return f"{match.group(1)}{word}{match.group(3)}"

    def visit(p: Piece) -> Piece:
        parts = tuple(_SESSION_ORDINAL.sub(move, part) for part in p.parts)
        children = tuple(visit(child) for child in p.children)
        return Piece(p.label, parts, p.notes, children, p.follow_ups, session, p.names_sessions)

    return visit(piece)


_UNITS = "first second third fourth fifth sixth seventh eighth ninth".split()
_TEENS = (
    "tenth eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth "
    "nineteenth".split()
)
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()


def ordinal(value: int) -> str:
    """3 -> "third", 70 -> "seventieth", 81 -> "eighty-first" (1 to 99)."""
    if not 1 <= value <= 99:
        raise ValueError(f"no session ordinal for {value}")
    if value < 10:
        return _UNITS[value - 1]
    if value < 20:
        return _TEENS[value - 10]
    tens, unit = divmod(value, 10)
    if unit == 0:
        return f"{_TENS[tens - 2][:-1]}ieth"
    return f"{_TENS[tens - 2]}-{_UNITS[unit - 1]}"


def _numbered(value: int) -> str:
    """52 -> "52nd"."""
    suffix = "th" if 10 <= value % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
    return f"{value}{suffix}"


def _day(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


# -- writing ----------------------------------------------------------------------------------


class _Numbering:
    """Footnote numbers in order of citation, and the notes themselves."""

    def __init__(self) -> None:
        self.notes: list[Note] = []

    def text(self, piece: Piece, marker: str) -> str:
        """The piece's own text with its markers written as `marker` formats them."""
        out = [piece.parts[0]]
        for note, part in zip(piece.notes, piece.parts[1:], strict=True):
            self.notes.append(note)
            out.append(marker.format(len(self.notes)))
            out.append(part)
        return "".join(out)


def _inline(piece: Piece, numbering: _Numbering, marker: str) -> str:
    """A sub-paragraph's own sub-paragraphs, written in its text: "... (i) ...; and (ii) ..."."""
    text = numbering.text(piece, marker)
    for child in piece.children:
        text += f" ({child.label}) {_inline(child, numbering, marker)}"
    return text


def _paragraphs(resolution: Resolution, numbering: _Numbering, marker: str) -> list[str]:
    """The body as paragraphs; sub-paragraphs on lines of their own after a colon."""
    out: list[str] = []

    def visit(piece: Piece, opening: str) -> None:
        own = numbering.text(piece, marker)
        if piece.children and own.rstrip().endswith(":"):
            out.append(opening + own)
            for child in piece.children:
                visit(child, f"({child.label}) ")
        else:
            text = own
            for child in piece.children:
                text += f" ({child.label}) {_inline(child, numbering, marker)}"
            out.append(opening + text)

    for piece in resolution.preamble:
        visit(piece, "")
    for number, piece in enumerate(resolution.operative, start=1):
        visit(piece, f"{number}. ")
    return out


def markdown(resolution: Resolution, seed: int) -> str:
    """The resolution as the Markdown converter writes it: front matter, body, [^n] notes."""
    r = resolution
    numbering = _Numbering()
    body = _paragraphs(r, numbering, "[^{}]")
    front = [
        "---",
        f"symbol: {r.symbol}",
        f"title: {json.dumps(r.title + ' :', ensure_ascii=False)}",
        f'date: "{r.distributed_on.isoformat()}"',
        "language: EN",
        f'generated: "bench.generate, seed {seed}"',
        "---",
        "",
    ]
    head = [
        "United Nations",
        f"General Assembly Distr.: General {_day(r.distributed_on)}",
        f"{ordinal(r.session).capitalize()} session Agenda item {r.agenda_item}",
        f"Resolution adopted by the General Assembly on {_day(r.adopted_on)}",
        f"[{r.committee} ({r.report})]",
        f"{r.session}/{r.number}. {r.title}",
        "The General Assembly,",
        *body,
        f"{_numbered(r.meeting)} plenary meeting {_day(r.adopted_on)}",
    ]
    text = "\n".join(front) + "\n" + "\n\n".join(head) + "\n"
    if numbering.notes:
        notes = [f"[^{n}]: {note.text}" for n, note in enumerate(numbering.notes, start=1)]
        text += "\n---\n\n" + "\n\n".join(notes) + "\n"
    return text


_PAGE_LINES = 44
_WIDTH = 84
_GLUE = "\x00{}\x00"  # a marker while laying out; glued to the word before when written
_GLUED = re.compile(r"\x00(\d+)\x00")


def pdf_text(resolution: Resolution, job: str) -> str | None:
    """The resolution laid out like a PDF extraction, or None when a marker would not read.

    Markers are bare numbers glued to the word or punctuation before them ("war,2"), as the
    extraction leaves superscripts; after a digit or a code ("A/68/305") a bare number would
    be part of the word, so such a resolution is written as Markdown instead.
    """
    r = resolution
    numbering = _Numbering()
    paragraphs = _paragraphs(r, numbering, _GLUE)
    for paragraph in paragraphs:
        for match in _GLUED.finditer(paragraph):
            after = paragraph[match.end() : match.end() + 1]
            if not _glues(paragraph[: match.start()]) or re.match(r"[\w/\x00]", after):
                return None
    heading = _wrap(f"{r.session}/{r.number}. {r.title}")
    lines: list[str] = [
        "United Nations",
        r.symbol,
        "",
        "",
        "General Assembly",
        "Distr.: General",
        _day(r.distributed_on),
        "",
        f"{job} (E)    {r.distributed_on:%d%m%y}",
        f"*{job.replace('-', '')}*",
        "",
        "",
        f"{ordinal(r.session).capitalize()} session",
        f"Agenda item {r.agenda_item}",
        *(_wrap(r.title) if len(r.title) <= 80 else []),
        "",
        "",
        " Resolution adopted by the General Assembly",
        f"on {_day(r.adopted_on)}",
        "",
        *_wrap(f"[{r.committee} ({r.report})]", 70),
        "",
        "",
        *heading,
        "",
        "The General Assembly,",
        "",
    ]
    body: list[str] = []
    for paragraph in paragraphs:
        body.extend(_wrap(paragraph))
        body.append("")

    pages: list[list[str]] = []
    page, notes = lines, []
    room = _PAGE_LINES - 8  # the first page carries the header
    for line in body:
        page.append(_GLUED.sub(r"\1", line))
        notes += [int(n) for n in _GLUED.findall(line)]
        room -= 1
        if room <= 0 and line:
            page += _footnote_block(notes, numbering.notes)
            pages.append(page)
            page, notes, room = [], [], _PAGE_LINES
    # The closing lines stay together: the date alone atop a page could read as a footnote.
    page += [f"{_numbered(r.meeting)} plenary meeting", _day(r.adopted_on), ""]
    page += _footnote_block(notes, numbering.notes)
    pages.append(page)

    # The running title is the title as the heading's first line has it: the parser knows a
    # title line by the heading's lines, and a longer one would read as text.
    running = heading[0].partition(" ")[2]
    out = pages[0]
    for index, page in enumerate(pages[1:], start=2):
        header = [r.symbol, running] if running else [r.symbol]
        out += ["", *header, "", job, f"{index}/{len(pages)}", "", *page]
    return "\n".join(out) + "\n"


def _glues(before: str) -> bool:
    """Whether a bare number right after `before` reads as a footnote marker (as the parser
    reads them: after punctuation, a year or a word that is not a code such as "CO2")."""
    if before[-1:] in {",", ";", ":", ")", "]", "’", "”", '"', "'"}:
        return True
    if re.search(r"(?<![\d/.])(?:1[89]|20)\d\d$", before):
        return True  # "of 19721" is 1972 and marker 1
    if not re.search(r"[A-Za-z.]$", before):
        return False
    word = before.split()[-1]
    bare = word.rstrip(".")
    if "/" in word or re.search(r"[A-Za-z]\d|\d[A-Za-z]", bare):
        return False
    return not (bare == word and bare.isupper() and len(bare) <= 5)


def _footnote_block(numbers: list[int], notes: list[Note]) -> list[str]:
    if not numbers:
        return []
    block = ["__________________", ""]
    for number in numbers:
        wrapped = _wrap(f"{number}  {notes[number - 1].text}")
        block += [*wrapped, ""]
    return block


def _wrap(text: str, width: int = _WIDTH) -> list[str]:
    """Lines of about `width` characters, broken only where a line cannot be misread.

    A line never starts with a digit, a bracket or a symbol (it could read as an operative
    number, a label, a footnote or page furniture), and never follows one that ends with
    punctuation (the next line could read as a new paragraph).
    """
    words = text.split(" ")
    lines: list[str] = []
    current: list[str] = []
    length = 0
    for word in words:
        if not word:
            continue
        if current and length + 1 + len(word) > width and _breakable(current[-1], word):
            lines.append(" ".join(current))
            current, length = [], 0
        length += len(word) + (1 if current else 0)
        current.append(word)
    if current:
        lines.append(" ".join(current))
    return lines


def _breakable(last: str, following: str) -> bool:
    plain = _GLUED.sub("", last)
    return (
        following[:1].isalpha()
        and not re.match(r"[A-Z]+/", following)
        and plain[-1:] not in {",", ";", ":", "."}
        and not _GLUED.search(following)
    )


# -- the command -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Written:
    files: int
    markdown: int
    pdf_text: int
    clauses: int
    footnotes: int
    follow_ups: int
    seconds: float


def generate(count: int, out: Path, *, seed: int = 1, pdf_share: float = PDF_SHARE) -> Written:
    """Write `count` resolutions under `out` (emptied first) and their manifest."""
    started = time.perf_counter()
    if out.exists():
        if any(out.iterdir()) and not (out / MANIFEST).exists():
            raise SystemExit(f"{out} is not empty and holds no generated corpus: not touching it")
        shutil.rmtree(out)
    out.mkdir(parents=True)
    generator = Generator(load_templates(), seed)
    layout = random.Random(seed + 1)
    totals: Counter[str] = Counter()
    folders: set[Path] = set()
    with (out / MANIFEST).open("w", encoding="utf-8") as manifest:
        for _ in range(count):
            resolution = generator.draw()
            job = f"{resolution.distributed_on:%y}-{layout.randint(10000, 99999)}"
            text = pdf_text(resolution, job) if layout.random() < pdf_share else None
            kind = "pdf-text" if text is not None else "markdown"
            if text is None:
                text = markdown(resolution, seed)
            folder = out / f"session-{resolution.session:02d}"
            if folder not in folders:
                folder.mkdir()
                folders.add(folder)
            name = f"A_RES_{resolution.session}_{resolution.number}"
            path = folder / f"{name}{'.txt' if kind == 'pdf-text' else '.md'}"
            path.write_text(text, encoding="utf-8")
            facts = resolution.facts()
            record = {"file": str(path.relative_to(out)), "format": kind, **facts}
            manifest.write(json.dumps(record, ensure_ascii=False) + "\n")
            totals[kind] += 1
            for key in ("clauses", "footnotes", "follow_ups"):
                totals[key] += int(str(facts[key]))
    (out / SIGNATURE).write_text(
        json.dumps(signature(count, seed, pdf_share)) + "\n", encoding="utf-8"
    )
    return Written(
        files=count,
        markdown=totals["markdown"],
        pdf_text=totals["pdf-text"],
        clauses=totals["clauses"],
        footnotes=totals["footnotes"],
        follow_ups=totals["follow_ups"],
        seconds=time.perf_counter() - started,
    )


def signature(count: int, seed: int, pdf_share: float = PDF_SHARE) -> dict[str, object]:
    """What a corpus was made from: a different generator, parser or real corpus makes another."""
    digest = hashlib.sha256()
    parser = [*(PROJECT_ROOT / "app" / "sources" / "text").glob("*.py")]
    sources = [
        Path(__file__),
        *sorted([*parser, *(PROJECT_ROOT / "app" / "document").glob("*.py")]),
    ]
    for path in [*sources, *discover([CORPUS_DIR])]:
        digest.update(path.read_bytes())
    return {"count": count, "seed": seed, "pdf_share": pdf_share, "sources": digest.hexdigest()}


def is_current(out: Path, count: int, seed: int = 1) -> bool:
    """Whether `out` holds the corpus this code would generate for `count` and `seed`."""
    try:
        made = json.loads((out / SIGNATURE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return bool(made == signature(count, seed))


def read_manifest(out: Path) -> list[dict[str, object]]:
    with (out / MANIFEST).open(encoding="utf-8") as manifest:
        return [json.loads(line) for line in manifest]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.generate", description=f"{__doc__}\n\n{DETAILS}"
    )
    parser.add_argument("--count", type=int, required=True, help="resolutions to write")
    parser.add_argument("--out", type=Path, help="folder (default: bench/work/scale-COUNT)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if args.count < 1:
        parser.error("--count must be at least 1")
    out = args.out or WORK_DIR / f"scale-{args.count}"
    written = generate(args.count, out, seed=args.seed)
    print(
        f"{written.files} resolutions in {out} ({written.markdown} Markdown, "
        f"{written.pdf_text} PDF text): {written.clauses} clauses, {written.footnotes} "
        f"footnotes, {written.follow_ups} follow-ups, in {written.seconds:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
