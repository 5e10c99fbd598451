"""Segmentation: body fragments into preambular paragraphs, operative paragraphs, sub-paragraphs."""

# Input is the body as fragments that know what separated them (a wrap, a blank line, a page
# break); output is a flat list of blocks in document order, each with its kind, number or label
# and nesting level. The decision "new paragraph or continuation?" rests on how the fragment
# opens (an operative number in sequence, a sub-paragraph label in sequence, a preambular
# leading phrase) and on how the text before it ended.

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from app.document.model import ClauseKind
from app.document.phrases import operative_verb, preambular_lead
from app.sources.text.layout import Fragment, Gap
from app.sources.text.words import join_hyphenated

_NUMBER = re.compile(r"^(\d{1,3})\.(?:\s*(\S.*))?$")
_LABEL = re.compile(r"^\(([a-z]{1,2}|[ivxlc]{1,6})\)(?:\s*(\S.*))?$")
_ENDS_CLAUSE = re.compile(r"(?:[,;:.]|\band|\bor)\s*$")
_HEADING_WORDS = 12
_ENDS_SENTENCE = re.compile(r"[;:.]\s*$")
# A section number on a line of its own: "II", "IV", "A".
_SECTION = re.compile(r"^(?:[IVX]{1,5}|[A-H])\.?$")
_HEADING_LINES = 3

ROMANS = (
    "i ii iii iv v vi vii viii ix x xi xii xiii xiv xv xvi xvii xviii xix xx "
    "xxi xxii xxiii xxiv xxv"
).split()
LETTERS = [chr(c) for c in range(ord("a"), ord("z") + 1)] + [c * 2 for c in "abcdefghij"]


@dataclass
class Block:
    kind: ClauseKind
    level: int  # 0 paragraph, 1 lettered sub-paragraph, 2 roman, ...
    number: int | None
    label: str | None
    line: int
    text: str = ""
    inferred_number: bool = False
    inferred_label: bool = False  # a sub-paragraph whose label the extraction lost
    children: list[Block] = field(default_factory=list)

    def append(self, fragment: str) -> None:
        if not self.text:
            self.text = fragment
        elif re.search(r"[A-Za-z]-$", self.text):
            self.text = join_hyphenated(self.text, fragment)
        else:
            self.text = f"{self.text} {fragment}"


@dataclass
class Segmentation:
    preamble: list[Block]
    operative: list[Block]  # top-level paragraphs; sub-paragraphs are their children
    warnings: list[str]


def next_label(label: str, level_kind: str) -> str | None:
    sequence = ROMANS if level_kind == "roman" else LETTERS
    try:
        return sequence[sequence.index(label) + 1]
    except (ValueError, IndexError):
        return None


class _Segmenter:
    def __init__(self) -> None:
        self.preamble: list[Block] = []
        self.operative: list[Block] = []
        self.warnings: list[str] = []
        self.current: Block | None = None
        # Open sub-paragraph levels of the current operative (or preambular) paragraph:
        # a list of (kind "letter"/"roman", block).
        self.levels: list[tuple[str, Block]] = []
        # Numbers that restart at 1 (sections I, II, ... each numbered from 1) are keyed in
        # sequence, as the official reader keys them: the key is the printed number + offset.
        self.offset = 0

    @property
    def in_operative(self) -> bool:
        return bool(self.operative)

    def last_number(self) -> int:
        return self.operative[-1].number or 0 if self.operative else 0

    def run(self, fragments: list[Fragment]) -> Segmentation:
        like = [self._heading_like(f) for f in fragments]
        skip = 0
        for index, fragment in enumerate(fragments):
            if index < skip:
                continue
            if like[index]:
                skip = self._headings_end(fragments, like, index)
                if skip > index:
                    continue
            self.feed(fragment)
        return Segmentation(self.preamble, self.operative, self.warnings)

    def _headings_end(self, fragments: list[Fragment], like: list[bool], index: int) -> int:
        """The index after the heading lines that start at `index` (`index` if none do).

        A section's heading may take two or three lines ("II", then its title)."""
        run = 1
        while run < _HEADING_LINES and index + run < len(fragments) and like[index + run]:
            run += 1
        section = bool(_SECTION.match(fragments[index].text))
        for size in range(run, 0, -1):
            end = index + size
            following = fragments[end] if end < len(fragments) else None
            if self._is_heading(fragments[end - 1], following, section=size > 1 or section):
                return end
        return index

    def feed(self, fragment: Fragment) -> None:
        text = fragment.text
        previous = _without_trailing_marker(self.current.text) if self.current else ""
        if self._operative_number(fragment, previous):
            return
        if self._sub_paragraph(fragment, previous):
            return
        if self._unlabelled_item(fragment, previous):
            return
        if not self.in_operative and self._preambular(fragment, previous):
            return
        if self._unnumbered_operative(fragment, previous):
            return
        if self.current is None:
            # Text before any recognisable paragraph: keep it as a preambular paragraph.
            self._open_preambular(fragment)
            self.warnings.append(f"line {fragment.line}: paragraph without a leading phrase")
            return
        self.current.append(text)

    def _heading_like(self, fragment: Fragment) -> bool:
        text = fragment.text
        return (
            fragment.gap is not Gap.WRAP
            and len(text.split()) <= _HEADING_WORDS
            and text[:1].isupper()
            and not _ENDS_CLAUSE.search(_without_trailing_marker(text))
            and not re.search(r"\d$", text)
            and not _NUMBER.match(text)
        )

    def _is_heading(
        self, fragment: Fragment, following: Fragment | None, *, section: object = False
    ) -> bool:
        """A sub-heading between paragraphs ("Peacebuilding financing"): not paragraph text.

        It stands on its own line between blank lines, after a finished paragraph and before
        one that opens like a paragraph, and reads like a title: short, with no final stop.
        A section's heading ("II" and its title) may also open the body, and be followed by
        paragraph 1 of the section.
        """
        text = fragment.text
        if section and self.current is None and following is not None:
            number = _NUMBER.match(following.text)
            return bool(number and int(number.group(1)) == 1 and following.gap is not Gap.WRAP)
        if (
            self.current is None
            or following is None
            or fragment.gap is Gap.WRAP
            or following.gap is Gap.WRAP
            or len(text.split()) > _HEADING_WORDS
            or not text[:1].isupper()
            or _ENDS_CLAUSE.search(_without_trailing_marker(text))
            or re.search(r"\d$", text)
            or not _ENDS_CLAUSE.search(_without_trailing_marker(self.current.text))
        ):
            return False
        number = _NUMBER.match(following.text)
        return bool(
            (
                number
                and (
                    int(number.group(1)) + self.offset == self.last_number() + 1
                    or (int(number.group(1)) == 1 and self.in_operative and bool(section))
                )
            )
            or (not self.in_operative and preambular_lead(following.text))
        )

    # -- operative paragraphs ------------------------------------------------------------

    def _operative_number(self, fragment: Fragment, previous: str) -> bool:
        match = _NUMBER.match(fragment.text)
        if match is None:
            return False
        number = int(match.group(1)) + self.offset
        restart = False
        if number != self.last_number() + 1 and not self._demote_inferred(number):
            if not self._restarts(fragment, previous, int(match.group(1))):
                return False
            restart = True
            number = self.last_number() + 1
        if (
            fragment.gap is Gap.WRAP
            and previous
            and not _ENDS_CLAUSE.search(previous)
            and self.current is not None
            and self.current.text
        ):
            return False
        block = Block(ClauseKind.OPERATIVE, 0, number, None, fragment.line)
        if match.group(2):
            block.append(match.group(2))
        if restart:
            self.offset = number - 1
            self.warnings.append(
                f"line {fragment.line}: operative numbers start again at 1; keyed op.{number}"
            )
        self.operative.append(block)
        self.current = block
        self.levels = []
        return True

    def _restarts(self, fragment: Fragment, previous: str, printed: int) -> bool:
        """ "1. Decides ..." after a finished operative paragraph: a section numbered from 1."""
        match = _NUMBER.match(fragment.text)
        return (
            printed == 1
            and self.in_operative
            and fragment.gap is not Gap.WRAP
            and bool(re.search(r"[;.]\s*$", previous))
            and match is not None
            and operative_verb(match.group(2) or "") is not None
        )

    def _demote_inferred(self, number: int) -> bool:
        """An explicit number contradicts numbers we inferred: those were not paragraphs.

        Items whose labels the extraction lost ("...in this regard:" then "Decides ...",
        "Requests ...") look like unnumbered operative paragraphs until the next explicit
        number shows otherwise; they become lettered sub-paragraphs of the paragraph before.
        """
        explicit = [i for i, block in enumerate(self.operative) if not block.inferred_number]
        if not explicit:
            return False
        anchor = self.operative[explicit[-1]]
        inferred = self.operative[explicit[-1] + 1 :]
        if not inferred or anchor.number is None or number != anchor.number + 1:
            return False
        del self.operative[explicit[-1] + 1 :]
        lettered = anchor.text.rstrip().endswith(":") and not anchor.children
        for index, block in enumerate(inferred):
            if lettered and index < len(LETTERS):
                anchor.children.append(
                    Block(ClauseKind.SUBPARAGRAPH, 1, None, LETTERS[index], block.line, block.text)
                )
            else:
                anchor.append(block.text)
        self.warnings.append(
            f"line {inferred[0].line}: {len(inferred)} unnumbered item(s) after paragraph "
            f"{anchor.number} taken as its sub-paragraphs (labels lost in extraction)"
        )
        self.warnings = [w for w in self.warnings if "without its number" not in w]
        return True

    def _unnumbered_operative(self, fragment: Fragment, previous: str) -> bool:
        """An operative paragraph whose number the extraction lost (or a lone, unnumbered one)."""
        if fragment.gap is Gap.WRAP and self.current is not None:
            return False
        verb = operative_verb(fragment.text)
        if verb is None or preambular_lead(fragment.text) is not None:
            return False
        if self.in_operative:
            if not _ENDS_SENTENCE.search(previous) or self.levels:
                return False
        elif previous and not re.search(r"[,;:.]\s*$", previous):
            return False
        number = self.last_number() + 1
        block = Block(ClauseKind.OPERATIVE, 0, number, None, fragment.line, inferred_number=True)
        block.append(fragment.text)
        self.operative.append(block)
        self.current = block
        self.levels = []
        if number > 1 or len(self.operative) > 1:
            self.warnings.append(
                f"line {fragment.line}: operative paragraph without its number; taken as {number}"
            )
        return True

    # -- sub-paragraphs ------------------------------------------------------------------

    def _sub_paragraph(self, fragment: Fragment, previous: str) -> bool:
        match = _LABEL.match(fragment.text)
        if match is None or self.current is None:
            return False
        label = match.group(1)
        placement = self._place_label(label, previous)
        if placement is None:
            return False
        depth, kind = placement
        parent = self._parent_for(depth)
        if parent is None:
            return False
        block = Block(ClauseKind.SUBPARAGRAPH, depth, None, label, fragment.line)
        if match.group(2):
            block.append(match.group(2))
        parent.children.append(block)
        self.levels = [*self.levels[: depth - 1], (kind, block)]
        self.current = block
        return True

    def _unlabelled_item(self, fragment: Fragment, previous: str) -> bool:
        """An item of an operative list whose label the extraction lost.

        Some conversions drop labels ("7. Requests ...:" then "To continue ...;" and "To
        circulate ...;" on lines of their own, then "(c) To continue ..."). A paragraph of its
        own after "...:" opens a list; after "...;" it is the next item of the open list.
        """
        text = fragment.text
        if (
            not self.in_operative
            or self.current is None
            or fragment.gap is Gap.WRAP
            # A quotation ("“(a) On appointment ...") is quoted text, not an item of the list.
            or not text[:1].isupper()
            or _NUMBER.match(text)
        ):
            return False
        if previous.rstrip().endswith(":"):
            depth = len(self.levels) + 1
            roman = bool(self.levels) and self.levels[-1][0] == "letter"
            kind, label = ("roman", "i") if roman else ("letter", "a")
        elif self.levels and re.search(r"[;,]\s*(?:and|or)?$", previous):
            depth = len(self.levels)
            kind, last = self.levels[-1]
            following = next_label(last.label or "", kind)
            if following is None:
                return False
            label = following
        else:
            return False
        parent = self._parent_for(depth)
        if parent is None:
            return False
        block = Block(ClauseKind.SUBPARAGRAPH, depth, None, label, fragment.line)
        block.inferred_label = True
        block.append(text)
        parent.children.append(block)
        self.levels = [*self.levels[: depth - 1], (kind, block)]
        self.current = block
        return True

    def _relabel_lost(self, label: str) -> tuple[int, str] | None:
        """An explicit label shows that items taken as sub-items belong to the level above.

        "(b) ... by:", "(i) ...;", "(ii) ...;", then two unlabelled items, then "(e)": the two
        were (c) and (d), whose labels were lost, not (iii) and (iv).
        """
        for depth in range(len(self.levels) - 1, 0, -1):
            kind, block = self.levels[depth - 1]
            sequence = ROMANS if kind == "roman" else LETTERS
            if block.label not in sequence or label not in sequence:
                continue
            gap = sequence.index(label) - sequence.index(block.label) - 1
            moved = list(itertools.takewhile(lambda b: b.inferred_label, reversed(block.children)))
            parent = self._parent_for(depth)
            if gap < 1 or len(moved) != gap or parent is None:
                continue
            del block.children[-gap:]
            for offset, item in enumerate(reversed(moved)):
                item.label = sequence[sequence.index(block.label) + 1 + offset]
                item.level = depth
                parent.children.append(item)
            self.levels = [*self.levels[: depth - 1], (kind, parent.children[-1])]
            return depth, kind
        return None

    def _place_label(self, label: str, previous: str) -> tuple[int, str] | None:
        """(depth, kind) for a label that continues or opens a level, None otherwise."""
        continues = bool(_ENDS_CLAUSE.search(previous))
        # Continue an open level, deepest first: "(ii)" after "(i)", "(b)" after "(a)".
        for depth in range(len(self.levels), 0, -1):
            kind, block = self.levels[depth - 1]
            if block.label is not None and next_label(block.label, kind) == label and continues:
                return depth, kind
        if continues and (relabelled := self._relabel_lost(label)):
            return relabelled
        opens = bool(re.search(r"[:;,]\s*$|\band\s*$", previous)) or not previous
        if not opens:
            return None
        depth = len(self.levels) + 1
        if label == "a" and depth <= 2 and (not self.levels or self.levels[-1][0] != "letter"):
            return depth, "letter"
        if label == "i":
            return depth, "roman"
        if label == "a" and self.levels:
            return depth, "letter"
        return None

    def _parent_for(self, depth: int) -> Block | None:
        if depth == 1:
            if self.operative:
                return self.operative[-1]
            return self.preamble[-1] if self.preamble else None
        return self.levels[depth - 2][1] if len(self.levels) >= depth - 1 else None

    # -- preambular paragraphs -----------------------------------------------------------

    def _preambular(self, fragment: Fragment, previous: str) -> bool:
        if preambular_lead(fragment.text) is None:
            return False
        if previous:
            ends = previous.rstrip()[-1:]
            if fragment.gap is Gap.WRAP and ends != ",":
                return False
            if ends not in {",", ";", ":", "."}:
                return False
        self._open_preambular(fragment)
        return True

    def _open_preambular(self, fragment: Fragment) -> None:
        block = Block(ClauseKind.PREAMBULAR, 0, len(self.preamble) + 1, None, fragment.line)
        block.append(fragment.text)
        self.preamble.append(block)
        self.current = block
        self.levels = []


_TRAILING_MARKER = re.compile(
    r"(?:\s*\[\^\d+\]|\s?\d{1,3}/|(?<=[,;:.])\s?\d{1,3}|(?<=[a-z)])\s\d{1,3})+\s*$"
)


def _without_trailing_marker(text: str) -> str:
    """How a paragraph ends, ignoring a footnote marker after its last word or comma."""
    # A marker is made of spaces, digits, "[^]" and "/" only, so it lies in the run of those
    # that ends the text: searching from there finds the same match as searching the whole
    # text, which, done for every line of a long paragraph, was most of the segmentation.
    start = len(text)
    while start and (
        text[start - 1] in "[]^/" or text[start - 1].isspace() or text[start - 1].isdecimal()
    ):
        start -= 1
    match = _TRAILING_MARKER.search(text, start)
    return text if match is None else text[: match.start()] + text[match.end() :]


def segment(fragments: list[Fragment]) -> Segmentation:
    return _Segmenter().run(fragments)
