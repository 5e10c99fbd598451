"""What changed between two resolutions of a series, paragraph by paragraph (pure: no database)."""

# Paragraphs are matched by wording, not by number: from one year to the next, paragraphs are
# inserted, dropped, moved and renumbered. Preambular paragraphs are matched with preambular
# ones and operative with operative, the most similar pairs first; a pair matches when enough of
# its words agree. Each paragraph is then new, removed, unchanged or changed (a changed one
# carries a word-level diff), and `moved` says whether it changed places relative to the others.

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import StrEnum
from typing import Any

Document = dict[str, Any]

# Below this share of common words two paragraphs are different paragraphs, not versions of one.
MATCH_THRESHOLD = 0.4
# Paragraphs that open with a different word ("Expressing alarm" / "Deeply concerned") are
# different paragraphs on the same subject unless nearly all their words agree.
OTHER_OPENING_THRESHOLD = 0.7
_WORDS = re.compile(r"\S+")


class ChangeStatus(StrEnum):
    UNCHANGED = "unchanged"
    CHANGED = "changed"
    NEW = "new"
    REMOVED = "removed"


@dataclass(frozen=True)
class Paragraph:
    key: str
    kind: str  # preambular | operative
    text: str  # the paragraph with its sub-paragraphs, labels included


@dataclass(frozen=True)
class DiffSegment:
    op: str  # equal | insert | delete
    text: str


@dataclass(frozen=True)
class ParagraphChange:
    status: ChangeStatus
    kind: str
    key: str | None  # in the newer resolution (None when removed)
    previous_key: str | None  # in the older resolution (None when new)
    similarity: float
    text: str | None
    previous_text: str | None
    diff: tuple[DiffSegment, ...] = ()
    moved: bool = False


def paragraphs(document: Document) -> list[Paragraph]:
    out = [Paragraph(p["key"], "preambular", p["text"]) for p in document.get("preamble", [])]
    for paragraph in document.get("operative", []):
        out.append(Paragraph(paragraph["key"], "operative", _with_children(paragraph)))
    return out


def _with_children(clause: Document) -> str:
    parts = [clause["text"]]
    for child in clause.get("subparagraphs") or []:
        parts.append(f"({child['label']}) {_with_children(child)}")
    return " ".join(part for part in parts if part)


def _words(text: str) -> list[str]:
    return _WORDS.findall(text)


def similarity(a: str, b: str) -> float:
    if a == b:
        return 1.0
    return SequenceMatcher(None, _words(a), _words(b), autojunk=False).ratio()


def compare(previous: Document, current: Document) -> list[ParagraphChange]:
    """Every paragraph of `current` and every removed paragraph of `previous`, in reading order."""
    changes: list[ParagraphChange] = []
    for kind in ("preambular", "operative"):
        old = [p for p in paragraphs(previous) if p.kind == kind]
        new = [p for p in paragraphs(current) if p.kind == kind]
        changes.extend(_align(old, new, kind))
    return changes


def _align(old: list[Paragraph], new: list[Paragraph], kind: str) -> list[ParagraphChange]:
    """Match the most similar pairs first; report in the newer text's order."""
    candidates = sorted(
        ((similarity(a.text, b.text), i, j) for i, a in enumerate(old) for j, b in enumerate(new)),
        key=lambda item: (-item[0], abs(item[1] - item[2]), item[2]),
    )
    match_of_new: dict[int, tuple[int, float]] = {}
    matched_old: set[int] = set()
    for score, i, j in candidates:
        if score < MATCH_THRESHOLD:
            break
        if i in matched_old or j in match_of_new:
            continue
        if _opening(old[i].text) != _opening(new[j].text) and score < OTHER_OPENING_THRESHOLD:
            continue
        match_of_new[j] = (i, score)
        matched_old.add(i)

    # A matched paragraph moved when its predecessor among matched ones changed.
    order = [match_of_new[j][0] for j in range(len(new)) if j in match_of_new]
    stays = _longest_increasing(order)

    changes: list[ParagraphChange] = []
    removed = [i for i in range(len(old)) if i not in matched_old]
    for j, paragraph in enumerate(new):
        if j not in match_of_new:
            changes.append(_new(paragraph, kind))
            continue
        i, score = match_of_new[j]
        # Removed paragraphs appear where they stood: before the first later match.
        while removed and removed[0] < i:
            changes.append(_removed(old[removed.pop(0)], kind))
        change = _pair(old[i], paragraph, score, kind)
        if i not in stays:
            change = ParagraphChange(**{**change.__dict__, "moved": True})
        changes.append(change)
    changes.extend(_removed(old[i], kind) for i in removed)
    return changes


def _opening(text: str) -> str:
    words = _words(text)
    return words[0].lower().strip(",") if words else ""


def _longest_increasing(values: list[int]) -> set[int]:
    """The members of a longest increasing subsequence (the paragraphs that kept their order)."""
    if not values:
        return set()
    lengths = [1] * len(values)
    previous = [-1] * len(values)
    for k in range(len(values)):
        for m in range(k):
            if values[m] < values[k] and lengths[m] + 1 > lengths[k]:
                lengths[k] = lengths[m] + 1
                previous[k] = m
    k = max(range(len(values)), key=lambda index: lengths[index])
    members: set[int] = set()
    while k != -1:
        members.add(values[k])
        k = previous[k]
    return members


def _pair(old: Paragraph, new: Paragraph, score: float, kind: str) -> ParagraphChange:
    if old.text == new.text:
        return ParagraphChange(
            ChangeStatus.UNCHANGED, kind, new.key, old.key, 1.0, new.text, old.text
        )
    return ParagraphChange(
        ChangeStatus.CHANGED,
        kind,
        new.key,
        old.key,
        round(score, 3),
        new.text,
        old.text,
        word_diff(old.text, new.text),
    )


def _removed(old: Paragraph, kind: str) -> ParagraphChange:
    return ParagraphChange(ChangeStatus.REMOVED, kind, None, old.key, 0.0, None, old.text)


def _new(new: Paragraph, kind: str) -> ParagraphChange:
    return ParagraphChange(ChangeStatus.NEW, kind, new.key, None, 0.0, new.text, None)


def word_diff(old: str, new: str) -> tuple[DiffSegment, ...]:
    """Runs of equal, deleted and inserted words turning `old` into `new`."""
    a, b = _words(old), _words(new)
    segments: list[DiffSegment] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            segments.append(DiffSegment("equal", " ".join(a[i1:i2])))
            continue
        if tag in {"delete", "replace"}:
            segments.append(DiffSegment("delete", " ".join(a[i1:i2])))
        if tag in {"insert", "replace"}:
            segments.append(DiffSegment("insert", " ".join(b[j1:j2])))
    return tuple(segments)
