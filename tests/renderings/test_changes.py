"""What changed from A/RES/72/75 to A/RES/76/74, hand-checked paragraph by paragraph."""

from __future__ import annotations

import pytest

from app.config import CORPUS_DIR
from app.reference import load_gazetteer
from app.renderings.changes import ChangeStatus, ParagraphChange, compare, word_diff
from app.renderings.document import render_document
from app.sources.text import parse_resolution


def _document(name: str) -> dict:
    gazetteer = load_gazetteer()
    text = (CORPUS_DIR / "mine-action" / name).read_text(encoding="utf-8")
    return render_document(parse_resolution(text, gazetteer=gazetteer), gazetteer)


@pytest.fixture(scope="module")
def changes() -> list[ParagraphChange]:
    return compare(_document("A_RES_72_75.txt"), _document("A_RES_76_74.txt"))


def _by_key(changes: list[ParagraphChange], key: str) -> ParagraphChange:
    return next(c for c in changes if c.key == key)


def _by_previous(changes: list[ParagraphChange], key: str) -> ParagraphChange:
    return next(c for c in changes if c.previous_key == key)


def test_every_paragraph_of_both_is_accounted_for(changes: list[ParagraphChange]) -> None:
    assert len([c for c in changes if c.key]) == 27 + 22
    assert len([c for c in changes if c.previous_key]) == 23 + 20


def test_recalled_resolution_changes_word_by_word(changes: list[ParagraphChange]) -> None:
    change = _by_key(changes, "pp.1")
    assert change.status is ChangeStatus.CHANGED
    assert change.previous_key == "pp.1"
    edits = [(s.op, s.text) for s in change.diff if s.op != "equal"]
    assert edits == [
        ("delete", "70/80"),
        ("insert", "74/80"),
        ("delete", "9"),
        ("insert", "13"),
        ("delete", "2015"),
        ("insert", "2019"),
    ]


def test_renumbered_but_unchanged(changes: list[ParagraphChange]) -> None:
    # "Noting with appreciation the extent to which the International Day ..." was pp.4.
    change = _by_key(changes, "pp.3")
    assert change.status is ChangeStatus.UNCHANGED
    assert change.previous_key == "pp.4"
    assert _by_key(changes, "op.2").status is ChangeStatus.UNCHANGED


def test_new_and_removed_paragraphs(changes: list[ParagraphChange]) -> None:
    assert _by_key(changes, "pp.6").status is ChangeStatus.NEW  # the COVID-19 resilience
    assert _by_key(changes, "pp.7").status is ChangeStatus.NEW  # children disproportionately
    assert _by_key(changes, "op.14").status is ChangeStatus.NEW  # localization of mine action
    assert _by_previous(changes, "pp.3").status is ChangeStatus.REMOVED  # twentieth anniversary
    assert _by_previous(changes, "pp.8").status is ChangeStatus.REMOVED  # "Expressing alarm"


def test_member_states_and_next_session(changes: list[ParagraphChange]) -> None:
    urges = _by_key(changes, "op.4")
    assert urges.previous_key == "op.4"
    assert ("insert", "Member") in [(s.op, s.text) for s in urges.diff]
    report = _by_key(changes, "op.21")
    assert report.previous_key == "op.19"
    assert [(s.op, s.text) for s in report.diff if s.op != "equal"] == [
        ("delete", "seventy-fourth"),
        ("insert", "seventy-eighth"),
    ]


def test_moved_paragraph_is_matched_and_flagged(changes: list[ParagraphChange]) -> None:
    # "Encourages the United Nations to continue to take measures ..." moved before op.18.
    change = _by_key(changes, "op.17")
    assert change.previous_key == "op.17"
    assert change.status is ChangeStatus.CHANGED
    assert change.moved


def test_word_diff_round_trip() -> None:
    old, new = "Urges all States to act;", "Urges all Member States to act now;"
    segments = word_diff(old, new)
    assert " ".join(s.text for s in segments if s.op != "insert") == old
    assert " ".join(s.text for s in segments if s.op != "delete") == new
