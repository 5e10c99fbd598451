"""Phenomena measured against the official XML: page headers, closings (real texts)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app.document.model import ParsedResolution
from app.sources.text import parse_resolution

TEXTS = Path(__file__).parent / "fidelity" / "texts"


def parse(relative: str) -> ParsedResolution:
    return parse_resolution((TEXTS / relative).read_text(encoding="utf-8"))


def test_a_running_title_over_two_lines_leaves_the_paragraph_it_interrupts() -> None:
    parsed = parse("ga-72-79/A_RES_74_300.txt")
    assert len(parsed.preamble) == 8
    assert parsed.preamble[5].text.endswith("related to forced displacement in Georgia,")
    assert parsed.preamble[6].text.startswith("Underlining the importance of the discussions")


def test_a_running_title_over_three_lines_leaves_the_paragraph_it_interrupts() -> None:
    parsed = parse("mine-family/A_RES_77_92.txt")
    assert len(parsed.preamble) == 9
    assert parsed.preamble[1].text.endswith("Explosive Remnants of War (Protocol V),")
    assert "Conventional Weapons" not in parsed.operative[8].text
    assert "in this context, to keep under review" in parsed.operative[8].text


def test_a_resumed_plenary_meeting_closes_the_text() -> None:
    parsed = parse("ga-72-79/A_RES_79_256.txt")
    assert parsed.metadata.plenary_meeting == 55
    assert parsed.metadata.adopted_on == date(2024, 12, 24)
    assert parsed.operative[-1].text.endswith("consistent levels of voluntary funding.")


def test_a_closing_with_the_date_alone_is_not_paragraph_text() -> None:
    parsed = parse("ga-72-79/A_RES_74_270.txt")
    assert parsed.metadata.plenary_meeting is None
    assert parsed.metadata.adopted_on == date(2020, 4, 2)
    assert parsed.operative[-1].text.endswith("impact on all societies.")


def test_a_lead_word_followed_by_a_name_opens_a_preambular_paragraph() -> None:
    parsed = parse("ga-72-79/A_RES_74_90.txt")
    third = parsed.preamble[2]
    assert third.text == "Recalling Security Council resolution 497 (1981) of 17 December 1981,"
    assert third.lead == "Recalling"
    noting = parse("ga-80/A_RES_80_10.md").preamble[6]
    assert noting.text.startswith("Noting Committee on the Elimination of Discrimination")
    assert noting.lead == "Noting"


def test_being_and_ever_open_preambular_paragraphs() -> None:
    being = parse("ga-80/A_RES_80_40.md").preamble[11]
    assert being.lead == "Being gravely concerned"
    ever = parse("ga-80/A_RES_80_39.md").preamble[11]
    assert ever.lead == "Ever mindful"


def test_list_items_whose_labels_were_lost_are_still_sub_paragraphs() -> None:
    parsed = parse("ga-80/A_RES_80_12.md")
    requests = parsed.operative[6]
    assert requests.text == "Requests the Secretary-General, within available resources:"
    assert [c.label for c in requests.children] == list("abcdefghi")
    assert requests.children[0].text.startswith("To continue the practice of sending")
    assert [c.label for c in parsed.operative[7].children] == ["a", "b"]


def test_an_explicit_label_puts_unlabelled_items_back_on_their_level() -> None:
    first = parse("ga-80/A_RES_80_11.md").operative[0]
    assert [c.label for c in first.children] == list("abcdefghi")
    assert [c.label for c in first.children[1].children] == ["i", "ii"]
    assert first.children[2].text.startswith("Taking note of the decision of the Security Council")


def test_a_sub_heading_between_paragraphs_is_not_paragraph_text() -> None:
    parsed = parse("ga-80/A_RES_80_11.md")
    assert parsed.preamble[-1].text.endswith("activities at the field level,")
    assert parsed.operative[11].text.endswith("in peacebuilding and sustaining peace;")


def test_a_footnote_marker_after_a_range_of_years_is_taken_out() -> None:
    parsed = parse("mine-family/A_RES_78_32.txt")
    paragraph = parsed.preamble[13]
    assert "Lausanne Action Plan 2021–2026 to support" in paragraph.text
    assert 3 in paragraph.footnotes


def test_a_digit_after_a_part_letter_and_a_point_is_text_not_a_marker() -> None:
    parsed = parse("ga-80/A_RES_80_7.md")
    assert "comprising GC(69)/RES/9 A.2, entitled" in parsed.operative[1].text


def test_a_marker_glued_to_the_word_after_it() -> None:
    paragraph = parse("ga-80/A_RES_80_46.md").operative[1]
    assert "endorsed by the relevant States Parties, and welcomes the adoption" in paragraph.text
    assert 8 in paragraph.footnotes


def test_a_note_left_at_a_page_break_may_open_with_a_year() -> None:
    parsed = parse("regression/raw/A-RES-80-53__railcar.md")
    notes = {note.number: note.text for note in parsed.footnotes}
    assert notes[11].startswith("2010 Review Conference of the Parties to the Treaty")
    assert parsed.preamble[12].text.endswith("especially the nuclear-weapon States,")


def test_quoted_items_are_text_of_the_paragraph_that_quotes_them() -> None:
    paragraph = parse("ga-72-79/A_RES_79_280.txt").operative[0]
    assert paragraph.children == ()
    assert "continues to read as follows: “(a) On appointment" in paragraph.text


def test_a_name_cut_by_a_page_break_does_not_open_a_paragraph() -> None:
    paragraph = parse("ga-80/A_RES_80_34.md").preamble[3]
    assert "Development, Production, Stockpiling and Use of Chemical Weapons" in paragraph.text


def test_a_footnote_cited_again_later_is_taken_out_there_too() -> None:
    parsed = parse("ga-72-79/A_RES_74_187.txt")
    last = parsed.operative[-1]
    assert last.text.endswith("on the work of its seventy-first session.")
    assert last.footnotes == (1,)
    assert parsed.footnotes[0].cited_in == ("pp.1", "op.3")


def test_a_digit_inside_a_name_is_not_a_footnote_cited_again() -> None:
    paragraph = parse("ga-80/A_RES_80_55.md").operative[3]
    assert "the Youth4Disarmament initiative" in paragraph.text


def test_a_lead_opening_with_an_adverb_starts_a_paragraph() -> None:
    from app.document.phrases import preambular_lead

    # Leads of 79/96 and 79/145 pp.43 in the official XML.
    assert preambular_lead("Solemnly proclaiming the necessity of bringing") == (
        "Solemnly proclaiming"
    )
    assert preambular_lead("Particularly concerned that illegal fishing") == (
        "Particularly concerned"
    )
    assert preambular_lead("Early warning systems are") is None
    assert preambular_lead("Only concerned States") is None


def test_a_direction_mark_after_the_comma_still_ends_the_paragraph() -> None:
    text = (TEXTS / "ga-72-79" / "A_RES_77_7.txt").read_text(encoding="utf-8")
    plain = parse_resolution(text)
    # A right-to-left or left-to-right mark left after the final comma (79/146 pp.8 has one).
    marked = parse_resolution(
        text.replace("legal instruments, \n", "legal instruments,\u200e \n", 1)
    )
    assert marked.preamble[1].text.endswith("legal instruments,")
    assert len(marked.preamble) == len(plain.preamble)
    assert [c.text for c in marked.preamble] == [c.text for c in plain.preamble]


# The layout of a Fifth Committee resolution in sections (A/RES/79/258 B: "I" and a title,
# paragraphs 1, 2, ...; "II" and a title, paragraphs from 1 again), shortened.
SECTIONS = """\
United Nations A/RES/79/258 B
General Assembly Distr.: General
15 April 2025

Resolution adopted by the General Assembly on 11 April 2025

[on the report of the Fifth Committee (A/79/700)]

79/258 B. Special subjects relating to the programme budget for 2025

The General Assembly,

I

Revised estimates relating to the Office of the Under-Secretary-General

1. Takes note of the report of the Secretary-General;

2. Endorses the conclusions and recommendations contained in the report of the
Advisory Committee, subject to the provisions of the present resolution;

II

Residual Special Court for Sierra Leone

1. Reaffirms the high priority accorded to the work of the Residual Special Court;

2. Approves additional appropriations in the amount of 774,200 dollars, comprising:

(a) 743,400 dollars under section 1;

(b) 30,800 dollars under section 2;

III

Extraordinary Chambers in the Courts of Cambodia

1. Takes note of the report of the Secretary-General.

70th plenary meeting
11 April 2025
"""


def test_sections_numbered_from_one_are_keyed_in_sequence_as_the_official_reader_keys_them() -> (
    None
):
    parsed = parse_resolution(SECTIONS)
    assert parsed.preamble == ()
    assert [c.key for c in parsed.operative] == ["op.1", "op.2", "op.3", "op.4", "op.5"]
    assert parsed.operative[2].text.startswith("Reaffirms the high priority")
    assert [c.key for c in parsed.operative[3].children] == ["op.4.a", "op.4.b"]
    assert parsed.operative[4].text == "Takes note of the report of the Secretary-General."
    # The headings ("II", "Residual Special Court for Sierra Leone") are not paragraph text.
    assert not any("Sierra Leone\n" in c.text or c.text.endswith("Leone") for c in parsed.operative)
    assert "Residual Special Court for Sierra Leone" not in parsed.operative[1].text
    assert sum("start again at 1" in w for w in parsed.warnings) == 2


def test_a_numbered_list_after_a_colon_is_not_a_new_section() -> None:
    text = SECTIONS.replace(
        "2. Approves additional appropriations in the amount of 774,200 dollars, comprising:",
        "2. Approves the following:\n\n1. Decides to approve the first item;",
    )
    parsed = parse_resolution(text)
    assert len(parsed.operative) == 5
    assert (
        parsed.operative[3].text == "Approves the following: 1. Decides to approve the first item;"
    )
