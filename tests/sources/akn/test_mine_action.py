"""80/74 "Assistance in mine action" from the UN's XML, English and French: structure as marked."""

from __future__ import annotations

from datetime import date

import pytest

from app.document.model import ClauseKind, ParsedResolution, SourceFormat
from tests.sources.akn.corpus import family_file, read_one


@pytest.fixture(scope="module", params=["English", "French"])
def resolution(request: pytest.FixtureRequest) -> ParsedResolution:
    return read_one(family_file(80, 74, request.param))


def test_paragraph_and_footnote_counts(resolution: ParsedResolution) -> None:
    assert len(resolution.preamble) == 30
    assert len(resolution.operative) == 26
    assert len(resolution.footnotes) == 10
    assert [c.key for c in resolution.preamble] == [f"pp.{n}" for n in range(1, 31)]
    assert [c.key for c in resolution.operative] == [f"op.{n}" for n in range(1, 27)]
    assert resolution.source_format is SourceFormat.AKN4UN


def test_sub_paragraphs_are_the_points_and_nothing_else(resolution: ParsedResolution) -> None:
    op5 = resolution.operative[4]
    assert [c.key for c in op5.children] == [f"op.5.{x}" for x in "abcde"]
    assert [c.label for c in op5.children] == list("abcde")
    assert all(c.kind is ClauseKind.SUBPARAGRAPH for c in op5.children)
    e = op5.children[4]
    # "(i) to countries ..., and (ii) to promote ...": one sub-paragraph, as the markup has it.
    assert e.children == ()
    assert "i)" in e.text
    assert "ii)" in e.text
    assert sum(len(c.children) for c in resolution.operative) == 5


def test_intro_is_the_parent_text_and_children_are_not_in_it(resolution: ParsedResolution) -> None:
    op5 = resolution.operative[4]
    assert op5.text.endswith(":")
    assert op5.children[0].text not in op5.text


def test_footnotes_are_taken_out_and_anchored(resolution: ParsedResolution) -> None:
    by_number = {f.number: f for f in resolution.footnotes}
    assert list(by_number) == list(range(1, 11))
    assert by_number[1].cited_in == ("pp.2",)
    assert by_number[10].cited_in == ("op.1",)
    assert by_number[7].cited_in == by_number[8].cited_in == by_number[9].cited_in == ("pp.30",)
    pp2 = resolution.preamble[1]
    assert pp2.footnotes == (1,)
    # The note's text is not in the clause, and the marker stood right after "conventions".
    assert by_number[1].text[:20] not in pp2.text
    (offset,) = pp2.footnote_offsets
    assert pp2.text[:offset].endswith(("conventions", "conventions sur la question"))
    op1 = resolution.operative[0]
    assert op1.footnotes == (10,)
    assert "A/80/272" in by_number[10].text
    assert "A/80/272" not in op1.text
    for clause in resolution.clauses():
        assert len(clause.footnotes) == len(clause.footnote_offsets)
        assert all(0 < o <= len(clause.text) for o in clause.footnote_offsets)
        assert "  " not in clause.text
        assert clause.text == clause.text.strip()


def test_official_metadata(resolution: ParsedResolution) -> None:
    m = resolution.metadata
    assert (m.symbol, m.body, m.session, m.number, m.part) == (
        "A/RES/80/74",
        "General Assembly",
        80,
        74,
        None,
    )
    assert m.adopted_on == date(2025, 12, 5)
    assert m.distributed_on == date(2025, 12, 8)
    assert m.plenary_meeting == 55
    assert m.agenda_item == "46"
    assert m.committee_report == "A/80/537"
    assert m.committee is not None
    assert "(Fourth Committee)" in m.committee.replace(
        "(Quatrième Commission)", "(Fourth Committee)"
    )


def test_english_version_leads_verbs_and_what_it_cites() -> None:
    resolution = read_one(family_file(80, 74))
    m = resolution.metadata
    assert m.language == "en"
    assert m.title == "Assistance in mine action"
    assert m.agenda_title == "Assistance in mine action"
    assert m.committee == "Special Political and Decolonization Committee (Fourth Committee)"
    leads = [c.lead for c in resolution.preamble]
    assert leads[:3] == ["Recalling", "Recalling also", "Noting with appreciation"]
    assert all(leads)
    verbs = [c.verb for c in resolution.operative]
    assert verbs[:5] == ["Takes note", "Calls upon", "Urges", "Calls", "Urges"]
    assert verbs[-1] == "Decides"
    cited = {r.symbol for r in resolution.resolutions}
    assert {"A/RES/78/70", "A/RES/70/1", "A/RES/46/182"} <= cited
    assert "apmbc" in {t.key for t in resolution.treaties}
    members = [e for e in resolution.iacg if e.role.value == "member"]
    assert len(members) == 12
    assert len(resolution.iacg) == 14
    assert {f.target_session for f in resolution.follow_ups} == {82}


def test_french_version_has_its_own_words_under_the_same_keys() -> None:
    resolution = read_one(family_file(80, 74, "French"))
    assert resolution.metadata.language == "fr"
    assert resolution.metadata.title == "Assistance à la lutte antimines"
    assert resolution.preamble[0].lead == "Rappelant"
    assert resolution.operative[4].verb == "Prie instamment"
    assert resolution.metadata.committee == (
        "Commission des questions politiques spéciales et de la décolonisation "
        "(Quatrième Commission)"
    )
