"""Every bundled 80th-session text parses into a sane structure; the body wins over front matter."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from app.document.model import ClauseKind, ParsedResolution
from app.reference import load_gazetteer
from app.sources.text import parse_resolution
from tests.text_corpus import GA_80

GA80 = sorted(GA_80.glob("*.md"))
# What must never survive into clause text: markers, furniture, footnote rules.
LEFTOVERS = re.compile(
    r"\[\^\d+\]|_{3,}|^\d{2}-\d{5}|\b\d{1,2}/\d{1,2}\s*$|A/RES/\d+/\d+\s*$|\*\d{6,}\*"
)


def _front_matter(path: Path) -> dict[str, str]:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---", 2)[1])


@pytest.fixture(scope="module")
def parsed() -> dict[str, ParsedResolution]:
    gazetteer = load_gazetteer()
    return {
        p.name: parse_resolution(p.read_text(encoding="utf-8"), gazetteer=gazetteer) for p in GA80
    }


def test_the_whole_80th_session_folder_is_bundled() -> None:
    assert len(GA80) == 46


@pytest.mark.parametrize("path", GA80, ids=[p.stem for p in GA80])
def test_sane_structure(path: Path, parsed: dict[str, ParsedResolution]) -> None:
    result = parsed[path.name]
    front = _front_matter(path)
    assert result.metadata.symbol == front["symbol"]
    assert result.metadata.session == 80
    assert result.metadata.title
    assert result.metadata.adopted_on is not None
    assert result.metadata.plenary_meeting is not None

    assert result.operative, "at least one operative paragraph"
    numbers = [p.number for p in result.operative]
    assert numbers == list(range(1, len(numbers) + 1))
    assert [p.number for p in result.preamble] == list(range(1, len(result.preamble) + 1))

    for clause in result.clauses():
        assert clause.text, clause.key
        assert not LEFTOVERS.search(clause.text), (clause.key, clause.text)
        if clause.kind is ClauseKind.PREAMBULAR:
            assert clause.lead, clause.key
            assert clause.text.startswith(clause.lead), clause.key
        if clause.kind is ClauseKind.OPERATIVE:
            assert clause.verb, clause.key
            assert clause.verb.lower() in clause.text.lower(), clause.key

    # Every marker found points at a footnote that exists, and no footnote is cited twice.
    footnote_numbers = {f.number for f in result.footnotes}
    cited = [n for clause in result.clauses() for n in clause.footnotes]
    assert set(cited) <= footnote_numbers
    assert len(cited) == len(set(cited))
    assert cited == sorted(cited), "markers are found in footnote order"


def test_title_cut_by_the_heading_is_completed_from_the_front_matter(
    parsed: dict[str, ParsedResolution],
) -> None:
    # The heading reads "80/16. Open-ended working group on security of and in the use of".
    title = parsed["A_RES_80_16.md"].metadata.title
    assert title.startswith("Open-ended working group on security of and in the use of ")
    assert title.endswith("established pursuant to General Assembly resolution 75/240")


def test_front_matter_title_does_not_override_the_body(parsed: dict[str, ParsedResolution]) -> None:
    # The front matter says "during the 80th session"; the heading says "eightieth".
    assert parsed["A_RES_80_1.md"].metadata.title == (
        "Participation by the State of Palestine during the eightieth session"
    )


def test_adoption_date_falls_back_on_the_header(parsed: dict[str, ParsedResolution]) -> None:
    # "51st plenary meeting" has no date line; the header says "adopted ... on 26 November 2025".
    assert parsed["A_RES_80_10.md"].metadata.adopted_on.isoformat() == "2025-11-26"
    assert parsed["A_RES_80_10.md"].metadata.plenary_meeting == 51


def test_markers_glued_to_years_are_separated(parsed: dict[str, ParsedResolution]) -> None:
    # "Bacteriological (Biological) and Toxin Weapons and on Their Destruction of 19721 and".
    clause = next(c for c in parsed["A_RES_80_24.md"].preamble if c.number == 3)
    assert "Their Destruction of 1972 and" in clause.text
    assert "on Their Destruction of 1993 have already" in clause.text
    assert clause.footnotes == (1, 2)


def test_lost_operative_number_is_inferred(parsed: dict[str, ParsedResolution]) -> None:
    # 80/3 lost the "2." of its second operative paragraph; the annex is not operative.
    result = parsed["A_RES_80_3.md"]
    assert [p.number for p in result.operative] == [1, 2]
    assert result.operative[1].verb == "Expresses"
    assert all(not f.cited_in for f in result.footnotes)  # all cited in the annex


def test_single_unnumbered_paragraph_is_operative_paragraph_1(
    parsed: dict[str, ParsedResolution],
) -> None:
    result = parsed["A_RES_80_5.md"]
    assert result.preamble == ()
    assert len(result.operative) == 1
    assert result.operative[0].verb == "Adopts"


def test_sub_items_and_agenda_follow_ups(parsed: dict[str, ParsedResolution]) -> None:
    follow_ups = parsed["A_RES_80_29.md"].follow_ups
    assert [(f.kind.value, f.target_session, f.clause) for f in follow_ups] == [
        ("report", 81, "op.3"),
        ("sub_item", 81, "op.4"),
    ]
    assert follow_ups[1].title == "Conventional arms control at the regional and subregional levels"
