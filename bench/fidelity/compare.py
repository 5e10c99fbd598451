"""Pure comparison of two outlines of one resolution: the parsed text's and the official XML's."""

# An outline keeps what fidelity is about: the paragraphs by key (`pp.3`, `op.5`, `op.5.e`) with
# their normalised text, the sub-paragraph labels under each paragraph, and the footnote count.

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field

from app.document.model import Clause, ParsedResolution


@dataclass(frozen=True, slots=True)
class Outline:
    symbol: str
    preamble: int
    operative: int
    footnotes: int
    texts: dict[str, str]  # clause key -> normalised text, in document order
    labels: dict[str, tuple[str, ...]]  # clause key -> labels of its sub-paragraphs


@dataclass(frozen=True, slots=True)
class Difference:
    what: str  # "preambular paragraphs", "labels of op.5", "text of pp.3"
    got: str
    want: str


@dataclass(frozen=True, slots=True)
class Comparison:
    symbol: str
    counts_right: bool
    identical: int  # paragraphs (and sub-paragraphs) of the official text found identical
    total: int
    differences: tuple[Difference, ...]

    @property
    def fully_identical(self) -> bool:
        return not self.differences


@dataclass(slots=True)
class Totals:
    resolutions: int = 0
    fully_identical: int = 0
    counts_right: int = 0
    identical: int = 0
    paragraphs: int = 0
    symbols: list[str] = field(default_factory=list)

    def add(self, comparison: Comparison) -> None:
        self.resolutions += 1
        self.fully_identical += comparison.fully_identical
        self.counts_right += comparison.counts_right
        self.identical += comparison.identical
        self.paragraphs += comparison.total
        self.symbols.append(comparison.symbol)

    @property
    def share(self) -> float:
        return self.identical / self.paragraphs if self.paragraphs else 1.0


# Curly quotes and primes the typesetting chose, and the hyphens that only stop a line break.
_CHARACTERS = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2033": '"',
        "\u2011": "-",
        "\u2010": "-",
        "\u00ad": "",
        "\u00a0": " ",
        "\u202f": " ",
        # Invisible formatting (zero-width spaces, direction marks): not text.
        "\u200b": "",
        "\u200e": "",
        "\u200f": "",
        "\ufeff": "",
    }
)


def normalise(text: str) -> str:
    """Text as compared: quotes straightened, non-breaking hyphens plain, invisible marks
    dropped, whitespace single."""
    return " ".join(text.translate(_CHARACTERS).split())


def outline_of(parsed: ParsedResolution) -> Outline:
    """The outline of a parsed resolution (from a text or from the XML reader alike)."""
    texts: dict[str, str] = {}
    labels: dict[str, tuple[str, ...]] = {}

    def visit(clause: Clause) -> None:
        texts[clause.key] = normalise(clause.text)
        if clause.children:
            labels[clause.key] = tuple(child.label or "" for child in clause.children)
        for child in clause.children:
            visit(child)

    for clause in (*parsed.preamble, *parsed.operative):
        visit(clause)
    symbol = parsed.metadata.symbol
    if parsed.metadata.part and not symbol.endswith(parsed.metadata.part):
        symbol = f"{symbol} {parsed.metadata.part}"
    return Outline(
        symbol=symbol,
        preamble=len(parsed.preamble),
        operative=len(parsed.operative),
        footnotes=len(parsed.footnotes),
        texts=texts,
        labels=labels,
    )


def compare(got: Outline, want: Outline) -> Comparison:
    """Every way `got` (the parsed text) differs from `want` (the official XML)."""
    differences: list[Difference] = []
    for what, got_count, want_count in (
        ("preambular paragraphs", got.preamble, want.preamble),
        ("operative paragraphs", got.operative, want.operative),
        ("footnotes", got.footnotes, want.footnotes),
    ):
        if got_count != want_count:
            differences.append(Difference(what, str(got_count), str(want_count)))
    counts_right = not differences
    for key in _ordered_keys(want.labels, got.labels):
        got_labels, want_labels = got.labels.get(key, ()), want.labels.get(key, ())
        if got_labels != want_labels:
            counts_right = False
            differences.append(
                Difference(f"labels of {key}", _labels(got_labels), _labels(want_labels))
            )
    # Paragraphs are matched by text in document order, so that one merged or split paragraph
    # costs the paragraphs involved, not every paragraph after it (the counts say the rest).
    got_items, want_items = list(got.texts.items()), list(want.texts.items())
    matcher = difflib.SequenceMatcher(
        None, [text for _, text in got_items], [text for _, text in want_items], autojunk=False
    )
    identical = 0
    for tag, g1, g2, w1, w2 in matcher.get_opcodes():
        if tag == "equal":
            identical += w2 - w1
            continue
        pairs = list(zip(got_items[g1:g2], want_items[w1:w2], strict=False))
        for (got_key, got_text), (want_key, want_text) in pairs:
            shown_got, shown_want = excerpt(got_text, want_text)
            what = f"text of {want_key}"
            if got_key != want_key:
                what += f" (parsed as {got_key})"
            differences.append(Difference(what, shown_got, shown_want))
        for want_key, want_text in want_items[w1 + len(pairs) : w2]:
            differences.append(Difference(f"text of {want_key}", "(missing)", want_text))
        for got_key, got_text in got_items[g1 + len(pairs) : g2]:
            differences.append(Difference(f"text of parsed {got_key}", got_text, "(none)"))
    return Comparison(want.symbol, counts_right, identical, len(want.texts), tuple(differences))


def excerpt(got: str, want: str, *, context: int = 40, width: int = 120) -> tuple[str, str]:
    """Both texts around their first difference, so a long paragraph's one slip is visible."""
    start = 0
    while start < min(len(got), len(want)) and got[start] == want[start]:
        start += 1
    begin = max(0, start - context)

    def cut(text: str) -> str:
        part = text[begin : begin + width]
        return ("…" if begin else "") + part + ("…" if begin + width < len(text) else "")

    return cut(got), cut(want)


def _ordered_keys(*mappings: dict[str, tuple[str, ...]]) -> Iterable[str]:
    return dict.fromkeys(key for mapping in mappings for key in mapping)


def _labels(labels: tuple[str, ...]) -> str:
    return ", ".join(labels) if labels else "(none)"
