"""The "Assistance in mine action" texts: what the corpus notes state, checked exactly."""

from __future__ import annotations

from datetime import date

import pytest

from app.document.model import FollowUpKind, IacgRole, ParsedResolution
from app.reference import load_gazetteer
from app.sources.text import parse_resolution
from tests.sources.text.golden import CASES


def _parse(name: str) -> ParsedResolution:
    return parse_resolution((CASES / name).read_text(encoding="utf-8"), gazetteer=load_gazetteer())


@pytest.fixture(scope="module")
def r68() -> ParsedResolution:
    return _parse("A_RES_68_72.txt")


@pytest.fixture(scope="module")
def r72() -> ParsedResolution:
    return _parse("A_RES_72_75.txt")


@pytest.fixture(scope="module")
def r76() -> ParsedResolution:
    return _parse("A_RES_76_74.txt")


def _clause(parsed: ParsedResolution, key: str) -> str:
    return next(c.text for c in parsed.clauses() if c.key == key)


@pytest.mark.parametrize(
    ("name", "symbol", "adopted", "meeting", "preambular", "operative", "footnotes", "session"),
    [
        ("A_RES_68_72.txt", "A/RES/68/72", date(2013, 12, 11), 65, 13, 16, 7, 70),
        ("A_RES_72_75.txt", "A/RES/72/75", date(2017, 12, 7), 66, 23, 20, 11, 74),
        ("A_RES_76_74.txt", "A/RES/76/74", date(2021, 12, 9), 49, 27, 22, 11, 78),
    ],
)
def test_counts_and_metadata(
    name: str,
    symbol: str,
    adopted: date,
    meeting: int,
    preambular: int,
    operative: int,
    footnotes: int,
    session: int,
) -> None:
    parsed = _parse(name)
    assert parsed.metadata.symbol == symbol
    assert parsed.metadata.title == "Assistance in mine action"
    assert parsed.metadata.adopted_on == adopted
    assert parsed.metadata.plenary_meeting == meeting
    assert len(parsed.preamble) == preambular
    assert len(parsed.operative) == operative
    assert len(parsed.footnotes) == footnotes
    assert [(f.kind, f.target_session) for f in parsed.follow_ups] == [
        (FollowUpKind.REPORT, session),
        (FollowUpKind.AGENDA_ITEM, session),
    ]
    assert parsed.follow_ups[0].actor == "Secretary-General"
    assert parsed.follow_ups[1].title == "Assistance in mine action"
    assert parsed.warnings == ()


def test_68_72_starts_at_the_resolution_number(r68: ParsedResolution) -> None:
    assert r68.metadata.session == 68
    assert r68.metadata.number == 72
    assert r68.metadata.body == "General Assembly"
    assert r68.metadata.committee_report is None


def test_68_72_scrambled_paragraph_is_restored(r68: ParsedResolution) -> None:
    # The PDF tool moved "and their review" after the footnote marker on a line of its own.
    assert r68.preamble[1].text == (
        "Recalling also all relevant treaties and conventions and their review processes,"
    )
    assert r68.preamble[1].lead == "Recalling also"
    assert r68.preamble[1].footnotes == (1,)


def test_68_72_paragraph_split_by_a_footnote_block(r68: ParsedResolution) -> None:
    text = r68.preamble[5].text
    assert r68.preamble[5].lead == "Deeply alarmed"
    assert (
        "explosive remnants of war as a result of armed conflicts, and therefore remaining" in text
    )
    assert "These include" not in text


def test_68_72_dropped_hyphens_are_restored(r68: ParsedResolution) -> None:
    assert "are gender- and age-sensitive, so that" in _clause(r68, "op.8")
    assert "The members are the Inter-Agency Coordination Group" in r68.footnotes[3].text


def test_68_72_sub_paragraphs_with_inline_items(r68: ParsedResolution) -> None:
    paragraph = r68.operative[2]
    assert paragraph.verb == "Urges"
    assert [c.label for c in paragraph.children] == ["a", "b", "c", "d", "e"]
    item_e = paragraph.children[4]
    assert item_e.key == "op.3.e"
    assert item_e.text == "Technological assistance"
    assert [c.key for c in item_e.children] == ["op.3.e.i", "op.3.e.ii"]
    assert item_e.children[1].text.startswith("to promote user-oriented scientific research")


def test_68_72_footnotes_and_their_anchors(r68: ParsedResolution) -> None:
    assert [(f.number, f.cited_in) for f in r68.footnotes] == [
        (1, ("pp.2",)),
        (2, ("pp.4",)),
        (3, ("pp.7",)),
        (4, ("pp.8",)),
        (5, ("pp.12",)),
        (6, ("pp.12",)),
        (7, ("op.1",)),
    ]
    documents = [(d.symbol, d.anchor.footnote) for d in r68.documents]
    assert documents == [("A/68/63", 5), ("A/68/63/Add.1", 6), ("A/68/305", 7)]
    assert r68.resolutions[0].symbol == "A/RES/66/69"
    assert r68.resolutions[0].adopted_on == date(2011, 12, 9)


def test_68_72_footnote_1_lists_six_treaties(r68: ParsedResolution) -> None:
    keys = {t.key for t in r68.treaties if t.anchor.footnote == 1}
    assert keys == {
        "apmbc",
        "ccw-amended-protocol-ii",
        "ccw-protocol-v",
        "ccm",
        "geneva-additional-protocol-i",
        "crpd",
    }


def test_68_72_lists_fourteen_iacg_members(r68: ParsedResolution) -> None:
    assert len(r68.iacg) == 14
    assert all(entry.role is IacgRole.MEMBER for entry in r68.iacg)
    assert all(entry.footnote == 3 for entry in r68.iacg)
    assert all(entry.key for entry in r68.iacg)
    assert r68.iacg[0].key == "unmas"
    assert r68.iacg[-1].key == "world-bank"


@pytest.mark.parametrize("fixture", ["r72", "r76"])
def test_observers_from_72_75_on(fixture: str, request: pytest.FixtureRequest) -> None:
    parsed: ParsedResolution = request.getfixturevalue(fixture)
    roles = [(entry.key, entry.role) for entry in parsed.iacg]
    assert len(roles) == 14
    assert roles[-2:] == [("unidir", IacgRole.OBSERVER), ("world-bank", IacgRole.OBSERVER)]
    assert all(role is IacgRole.MEMBER for _, role in roles[:-2])


def test_72_75_paragraph_across_a_page_break(r72: ParsedResolution) -> None:
    text = r72.preamble[14].text
    assert text.startswith("Noting with appreciation the cooperation and coordination")
    assert "non-governmental organizations and other stakeholders through meetings" in text
    assert "Assistance in mine action" not in text
    assert "17-22099" not in text


def test_72_75_justified_line_split_word_by_word(r72: ParsedResolution) -> None:
    assert _clause(r72, "op.4.c").startswith(
        "Reliable, predictable, timely and, where possible, multi-annual contributions for"
    )


def test_72_75_compound_hyphens_at_line_ends_are_kept(r72: ParsedResolution) -> None:
    assert "sustainability and capacity-building, as well as" in _clause(r72, "op.9")
    assert "informal donor information-sharing forum" in _clause(r72, "pp.22")
    assert "as a peace- and confidence-building measure" in _clause(r72, "op.16")


def test_72_75_header(r72: ParsedResolution) -> None:
    assert r72.metadata.agenda_item == "50"
    assert r72.metadata.committee_report == "A/72/444"
    assert r72.metadata.committee == (
        "Special Political and Decolonization Committee (Fourth Committee)"
    )
    assert r72.metadata.distributed_on == date(2017, 12, 14)


def test_76_74_paragraph_split_by_a_footnote_block(r76: ParsedResolution) -> None:
    text = r76.preamble[4].text
    assert "and which hinder the access of people in need to humanitarian assistance" in text
    assert "These include" not in text
    assert r76.preamble[4].footnotes == (2,)


def test_76_74_spaced_words_are_rejoined(r76: ParsedResolution) -> None:
    assert "the Protocol Additional to the Geneva Conventions" in r76.footnotes[0].text
    assert "Disarmament Research and the World Bank are observers" in r76.footnotes[2].text


def test_76_74_treaty_series_references(r76: ParsedResolution) -> None:
    by_footnote = {
        t.anchor.footnote: (t.key, t.treaty_series) for t in r76.treaties if t.anchor.footnote
    }
    assert by_footnote[7] == ("crpd", "vol. 2515, No. 44910")
    assert by_footnote[8] == ("ccw-amended-protocol-ii", "vol. 2048, No. 22495")
    assert by_footnote[10] == ("ccw", "vol. 1342, No. 22495")


def test_marker_offsets_mark_the_point_of_citation(r76: ParsedResolution) -> None:
    paragraph = r76.preamble[26]
    assert paragraph.footnotes == (8, 9, 10)
    before = [paragraph.text[:offset] for offset in paragraph.footnote_offsets]
    assert before[0].endswith("as amended on 3 May 1996 (Amended Protocol II),")
    assert before[1].endswith("the Protocol on Explosive Remnants of War (Protocol V)")
    assert before[2] == paragraph.text
