"""Preambular and operative paragraphs, sub-paragraphs and footnotes of one AKN4UN statement."""

#     <preamble>
#       <formula name="enactingFormula"><p>The General Assembly,</p></formula>
#       <container name="Recalling"><p><i>Recalling</i> its resolution 78/70 ...,</p></container>
#     </preamble>
#     <mainBody>
#       <paragraph><num>5.</num>
#         <list><intro><p><i>Urges</i> all Member States ... by providing:</p></intro>
#           <point><num>(a)</num><content><p>Assistance to ...;</p></content></point>
#           <point><num>(e)</num><content><p>Technological assistance (i) ...</p></content></point>
#         </list></paragraph>
#     </mainBody>
#
# The structure is the markup's: a `point`, or a paragraph numbered "(a)", is a sub-paragraph,
# and nothing else is, so the "(i)" and "(ii)" inside the text of (e) stay text. The markup
# slips now and then, in one language and not the others; what is repaired, by rules about
# the shape of the text and never about one document:
#
# - a paragraph without a number whose text opens with a label ("(a)	To ...", "b) ...",
#   "(ii)"; older files mark items so) is that sub-paragraph, as if the label were its number,
#   when the label goes on from the paragraph's items (or opens them); any other paragraph
#   without a number continues the paragraph before it; the first paragraph of a body
#   without a number is paragraph 1;
# - one whose text opens with the next paragraph number ("3 - تؤكد", "3 Calls upon") is
#   that paragraph;
# - before paragraph 1, one that ends with a comma is a preambular paragraph, and a short
#   one without final punctuation ("I", "Activities of the Office of ...") is a heading;
# - numbered items in the preamble ("1.", "2." in a blockList) are operative paragraphs;
# - a nested list whose first label continues its parent's ((c) then (d), (e)) holds the
#   parent's siblings.

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.document.model import Clause, ClauseKind, Footnote
from app.document.phrases import embedded_operative_verb, operative_verb, preambular_lead
from app.sources.akn.labels import follows, paragraph_number, point_label
from app.sources.akn.text import Marked, leading_emphasis, note_number, read_text
from app.sources.akn.xml import Element, child, children, local, plain, q

# Containers that only group paragraphs: their paragraphs are read as if they stood alone.
_GROUPS = frozenset({"section", "part", "subsection", "chapter", "title", "division", "hcontainer"})
_NUMBER_IN_TEXT = re.compile(r"^(\d+)\s*[.\-–]?\s+")
# A sub-paragraph label opening an unnumbered paragraph's text: "(a) ", "b) ", "(ii) ", "（三）".
_LABEL_IN_TEXT = re.compile(r"^[(（]?([^\s()（）]{1,5})[)）]\s*")
_FINAL_PUNCTUATION = tuple(".,;:!?…。，；：、،؛؟)”»\"'")
_COMMAS = tuple(",，،")
_HEADING_LENGTH = 200


@dataclass(frozen=True, slots=True)
class Body:
    preamble: tuple[Clause, ...]
    operative: tuple[Clause, ...]
    footnotes: tuple[Footnote, ...]
    warnings: tuple[str, ...]


@dataclass
class _Draft:
    kind: ClauseKind
    number: int | None
    label: str | None
    name: str | None = None  # the container's @name: a preambular lead phrase
    emphasis: str | None = None
    parts: list[Marked] = field(default_factory=list)
    children: list[_Draft] = field(default_factory=list)


class _Reader:
    def __init__(self, english: bool) -> None:
        self.english = english
        self.preamble: list[_Draft] = []
        self.operative: list[_Draft] = []
        self.warnings: list[str] = []
        self.any_numbered = False
        self.headings: list[_Draft] = []

    def statement(self, statement: Element) -> None:
        self.any_numbered = any(
            paragraph_number(plain(child(p, "num"))) is not None
            for body in children(statement, "mainBody")
            for p in body.iter(q("paragraph"))
        )
        for part in statement:
            name = local(part)
            if name == "preamble":
                self._preamble(part)
            elif name == "mainBody":
                self._main_body(part)
        if not self.operative and self.headings:
            # Nothing but what looked like headings: they were the text after all.
            self.warnings.append("no operative paragraph but unpunctuated lines: read as text")
            first, *rest = self.headings
            self._numbered(first, 1, "")
            for draft in rest:
                self._continue(first, "", draft)

    def _preamble(self, preamble: Element) -> None:
        for item in preamble:
            name = local(item)
            if name == "container" and self._numbered_items(item):
                continue
            if name == "container" and self._numbered_text(item):
                continue
            if name == "container":
                self._preambular([item], item.get("name"))
            elif name == "p":
                self._preambular([item], None)
            elif name in ("blockList", "list") and self.preamble:
                self.preamble[-1].parts.append(read_text([item]))

    def _preambular(self, content: list[Element], name: str | None) -> None:
        marked = read_text(content)
        if not marked.text:
            return
        draft = _Draft(ClauseKind.PREAMBULAR, len(self.preamble) + 1, None, name)
        draft.emphasis = leading_emphasis(content)
        draft.parts.append(marked)
        self.preamble.append(draft)

    def _numbered_items(self, container: Element) -> bool:
        """Operative paragraphs set as numbered items of a preambular container's blockList."""
        items = [i for i in container.iter() if local(i) == "item"]
        first = plain(child(items[0], "num")) if items else ""
        if not items or paragraph_number(first) != self._last_number() + 1:
            return False
        self.warnings.append(
            f"operative paragraphs numbered from {first!r} inside the preamble: read as such"
        )
        own = [c for c in container if local(c) not in ("blockList", "list", "")]
        own += [
            i
            for c in container
            if local(c) in ("blockList", "list")
            for i in c
            if local(i) in ("listIntroduction", "intro")
        ]
        if own:
            self._preambular(own, container.get("name"))
        for item in items:
            num = plain(child(item, "num"))
            content = [c for c in item if local(c) not in ("num", "")]
            self._operative_item(num, None, None, content)
        return True

    def _numbered_text(self, container: Element) -> bool:
        """A preambular container opening with the next paragraph number, once paragraphs
        have started in the preamble ("14 Encourages ...")."""
        if not self.operative:
            return False
        marked = read_text([container])
        number = _number_in_text(marked.text)
        if number != self._last_number() + 1:
            return False
        self._operative_item("", None, None, [container])
        return True

    def _main_body(self, body: Element) -> None:
        for item in body:
            name = local(item)
            if name == "paragraph":
                self._paragraph(item)
            elif name in _GROUPS:
                self._main_body(item)

    def _last_number(self) -> int:
        number = self.operative[-1].number if self.operative else 0
        return number or 0

    def _paragraph(self, paragraph: Element) -> None:
        num = plain(child(paragraph, "num"))
        content = child(paragraph, "content")
        listing = child(paragraph, "list")
        direct = children(paragraph, "p")
        if content is None and listing is None and not direct:
            return  # a heading ("Human rights, governance and the rule of law")
        self._operative_item(num, content, listing, direct)

    def _operative_item(
        self,
        num: str,
        content: Element | None,
        listing: Element | None,
        direct: list[Element],
    ) -> None:
        draft = _Draft(ClauseKind.OPERATIVE, None, None)
        self._fill(draft, content, listing, direct)
        if not draft.parts and not draft.children:
            return
        number = paragraph_number(num) if num else None
        label = point_label(num) if num and number is None else None
        text = draft.parts[0].text if draft.parts else ""
        if number is None and not num and _number_in_text(text) == self._last_number() + 1:
            number = self._last_number() + 1
            draft.parts[0] = _strip_number(draft.parts[0])
        if number is None and label is None and not num and self.operative:
            label = _label_in_text(text)
            if label is not None:
                original = draft.parts[0]
                draft.parts[0] = _strip_label(original)
                if self._place(draft, label):
                    return
                draft.parts[0], label = original, None
        if number is not None:
            self._numbered(draft, number, num)
        elif label is not None and self.operative and self._place(draft, label):
            return
        elif not self.operative and self.any_numbered:
            self._before_first(draft, num)
        elif _is_heading(text, draft):
            self._heading(draft, text)
        elif self.operative:
            self._continue(self.operative[-1], num, draft)
        else:
            self._numbered(draft, 1, num)

    def _numbered(self, draft: _Draft, number: int, num: str) -> None:
        last = self._last_number()
        if number <= last:
            self.warnings.append(
                f"operative paragraph {num!r} follows paragraph {last}: keyed op.{last + 1}"
            )
            number = last + 1
        draft.number = number
        self.operative.append(draft)

    def _before_first(self, draft: _Draft, num: str) -> None:
        """An unnumbered paragraph before paragraph 1: preambular, a heading, or paragraph 1."""
        text = " ".join(part.text for part in draft.parts)
        if text.endswith(_COMMAS) and not draft.children:
            draft.kind = ClauseKind.PREAMBULAR
            draft.number = len(self.preamble) + 1
            self.preamble.append(draft)
        elif _is_heading(text, draft):
            self._heading(draft, text)
        else:
            self._numbered(draft, 1, num)

    def _heading(self, draft: _Draft, text: str) -> None:
        self.warnings.append(f"unnumbered line {text!r} read as a heading")
        self.headings.append(draft)

    def _place(self, draft: _Draft, label: str) -> bool:
        """A paragraph numbered "(b)": the next sub-paragraph of the paragraph before it."""
        parent = self.operative[-1]
        while True:
            last = parent.children[-1] if parent.children else None
            if last is None:
                if label not in ("a", "i", "A", "1"):
                    return False
                break
            if follows(last.label, label):
                break
            if label in ("i", "a") and not last.children:
                parent = last
                break
            parent = last
        draft.kind = ClauseKind.SUBPARAGRAPH
        draft.label = label
        _as_subparagraphs(draft.children)
        parent.children.append(draft)
        return True

    def _continue(self, draft: _Draft, num: str, extra: _Draft) -> None:
        if num and extra.parts:
            first = extra.parts[0]
            extra.parts[0] = Marked(
                f"{num} {first.text}", first.notes, tuple(o + len(num) + 1 for o in first.offsets)
            )
        if draft.children:
            # Text after sub-paragraphs has no place of its own: it joins the last of them.
            draft = _last_descendant(draft)
        draft.parts.extend(extra.parts)
        draft.children.extend(extra.children)

    def _fill(
        self,
        draft: _Draft,
        content: Element | None,
        listing: Element | None,
        direct: list[Element],
    ) -> None:
        if content is not None:
            self._text(draft, [content])
        if direct:
            self._text(draft, direct)
        if listing is not None:
            self._list(draft, listing)

    def _text(self, draft: _Draft, elements: list[Element]) -> None:
        marked = read_text(elements)
        if marked.text:
            if not draft.parts:
                draft.emphasis = leading_emphasis(elements)
            draft.parts.append(marked)

    def _list(self, draft: _Draft, listing: Element) -> None:
        for item in listing:
            name = local(item)
            if name in ("intro", "wrapUp", "listIntroduction", "listWrapUp"):
                target = (
                    draft
                    if name in ("intro", "listIntroduction") or not draft.children
                    else (_last_descendant(draft))
                )
                self._text(target, [item])
            elif name == "point":
                self._point(draft, item)
            elif name in ("sublist", "list"):
                # Points of a sub-list belong to the point before it, unless they go on
                # from its label ("(c)" then a sub-list "(d)", "(e)"): then they are siblings.
                owner = draft.children[-1] if draft.children else None
                if owner is None:
                    self._list(draft, item)
                    continue
                before = len(owner.children)
                self._list(owner, item)
                added = owner.children[before:]
                if added and follows(owner.label, added[0].label):
                    del owner.children[before:]
                    draft.children.extend(added)

    def _point(self, parent: _Draft, point: Element) -> None:
        num = plain(child(point, "num"))
        position = len(parent.children) + 1
        label = point_label(num) if num else None
        taken = {c.label for c in parent.children}
        if label is None or label in taken:
            fallback = str(position) if label is None else f"{label}{position}"
            self.warnings.append(
                f"sub-paragraph {num or '(no number)'!r} keyed {fallback!r} (position {position})"
            )
            label = fallback
        draft = _Draft(ClauseKind.SUBPARAGRAPH, None, label)
        self._fill(draft, child(point, "content"), child(point, "list"), children(point, "p"))
        for nested in children(point, "sublist"):
            self._list(draft, nested)
        parent.children.append(draft)
        if draft.children and follows(label, draft.children[0].label):
            # "(c)" holding "(d)", "(e)": a slip of the markup; they are its siblings.
            parent.children.extend(draft.children)
            draft.children = []


def _number_in_text(text: str) -> int | None:
    match = _NUMBER_IN_TEXT.match(text)
    return int(match.group(1)) if match else None


def _label_in_text(text: str) -> str | None:
    """The label a paragraph's text opens with, if any and followed by text: "(a) To" -> a."""
    match = _LABEL_IN_TEXT.match(text)
    if match is None or match.end() == len(text):
        return None
    return point_label(match.group(1))


def _strip_label(marked: Marked) -> Marked:
    match = _LABEL_IN_TEXT.match(marked.text)
    cut = match.end() if match else 0
    return Marked(marked.text[cut:], marked.notes, tuple(max(0, o - cut) for o in marked.offsets))


def _strip_number(marked: Marked) -> Marked:
    match = _NUMBER_IN_TEXT.match(marked.text)
    cut = match.end() if match else 0
    return Marked(marked.text[cut:], marked.notes, tuple(max(0, o - cut) for o in marked.offsets))


def _is_heading(text: str, draft: _Draft) -> bool:
    return (
        not draft.children
        and not any(part.notes for part in draft.parts)
        and len(text) < _HEADING_LENGTH
        # "... Credentials Committee.1": a footnote number left in the text after the stop
        and not text.rstrip().rstrip("0123456789").endswith(_FINAL_PUNCTUATION)
    )


def _as_subparagraphs(drafts: list[_Draft]) -> None:
    for draft in drafts:
        draft.kind = ClauseKind.SUBPARAGRAPH
        _as_subparagraphs(draft.children)


def _last_descendant(draft: _Draft) -> _Draft:
    while draft.children:
        draft = draft.children[-1]
    return draft


def read_body(statement: Element, *, language: str) -> Body:
    """The clauses and footnotes of `statement` (keys `pp.2`, `op.5`, `op.5.e`, `op.5.e.ii`)."""
    reader = _Reader(english=language == "en")
    reader.statement(statement)
    notes = _Notes()
    preamble = tuple(_clause(d, f"pp.{d.number}", notes, reader.english) for d in reader.preamble)
    operative = tuple(_clause(d, f"op.{d.number}", notes, reader.english) for d in reader.operative)
    for attachments in children(statement, "attachments"):
        # An annex's notes are the resolution's footnotes too (the printed text numbers them
        # on from the resolution's own), though no paragraph of the resolution cites them.
        for note in attachments.iter(q("authorialNote")):
            if not any(local(a) == "authorialNote" for a in note.iterancestors()):
                notes.add_uncited(note.get("marker", "").strip(), plain(note))
    return Body(preamble, operative, notes.footnotes(), tuple(reader.warnings + notes.warnings))


class _Notes:
    """Footnote numbers: the file's markers, in order; a marker that is not a new number is
    numbered after the highest so far (and said so), since numbers identify footnotes."""

    def __init__(self) -> None:
        self.texts: dict[int, str] = {}
        self.cited_in: dict[int, list[str]] = {}
        self.warnings: list[str] = []

    def add(self, marker: str, text: str | None, key: str) -> int | None:
        number = note_number(marker)
        if text is None:  # a second citation: of a note given before, or of nothing
            if number in self.texts:
                self.cited_in[number].append(key)
                return number
            return None  # a superscript that is not a note: it stays text
        if number is None or number in self.texts:
            if number is not None and self.texts[number] == text:
                self.cited_in[number].append(key)  # the same note cited again
                return number
            replacement = max(self.texts, default=0) + 1
            self.warnings.append(f"footnote marker {marker!r} numbered {replacement}")
            number = replacement
        self.texts[number] = text
        self.cited_in[number] = [key]
        return number

    def add_uncited(self, marker: str, text: str) -> None:
        """A note of an annex: numbered as the file numbers it, cited by no clause."""
        number = note_number(marker)
        if number is None or number in self.texts:
            if number is not None and self.texts[number] == text:
                return
            replacement = max(self.texts, default=0) + 1
            self.warnings.append(f"footnote marker {marker!r} of an annex numbered {replacement}")
            number = replacement
        self.texts[number] = text
        self.cited_in[number] = []

    def footnotes(self) -> tuple[Footnote, ...]:
        return tuple(
            Footnote(number, text, tuple(dict.fromkeys(self.cited_in[number])))
            for number, text in self.texts.items()
        )


def _clause(draft: _Draft, key: str, notes: _Notes, english: bool) -> Clause:
    text_parts: list[str] = []
    numbers: list[int] = []
    offsets: list[int] = []
    length = 0
    for marked in draft.parts:
        if text_parts:
            length += 1
        part, shift = marked.text, 0
        for note, offset in zip(marked.notes, marked.offsets, strict=True):
            number = notes.add(note.marker, note.text, key)
            if number is None:
                at = offset + shift
                part = part[:at] + note.marker + part[at:]
                shift += len(note.marker)
            else:
                numbers.append(number)
                offsets.append(length + offset + shift)
        text_parts.append(part)
        length += len(part)
    text = " ".join(text_parts)
    lead = verb = None
    if draft.kind is ClauseKind.PREAMBULAR:
        lead = _lead(draft, text, english)
    elif english:
        verb = operative_verb(text)
        if verb is None and draft.kind is ClauseKind.OPERATIVE:
            verb = embedded_operative_verb(text) or draft.emphasis
    else:
        verb = draft.emphasis
    children_clauses = tuple(_clause(c, f"{key}.{c.label}", notes, english) for c in draft.children)
    return Clause(
        key=key,
        kind=draft.kind,
        number=draft.number,
        label=draft.label,
        lead=lead,
        verb=verb,
        text=text,
        footnotes=tuple(numbers),
        children=children_clauses,
        footnote_offsets=tuple(offsets),
    )


def _lead(draft: _Draft, text: str, english: bool) -> str | None:
    name = (draft.name or "").strip()
    if name and text.casefold().startswith(name.casefold()):
        return text[: len(name)]
    if draft.emphasis and text.startswith(draft.emphasis):
        return draft.emphasis
    return preambular_lead(text) if english else None
