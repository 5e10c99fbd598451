"""Footnote markers: glued, spaced, explicit; numbers that belong to the text stay."""

from __future__ import annotations

from app.sources.text.markers import take_markers


def test_glued_spaced_and_year_markers_in_order() -> None:
    texts = [
        "Recalling also all relevant treaties and conventions1 and their review processes,",
        "impact of mines and explosive remnants of war, 2 which have serious consequences,",
        "the Convention on Biological Weapons of 19723 and the Convention of 19934 have",
        "Takes note of the report of the Secretary-General; 5",
    ]
    result = take_markers(texts, [1, 2, 3, 4, 5])
    assert [r.markers for r in result] == [(1,), (2,), (3, 4), (5,)]
    assert (
        result[0].text
        == "Recalling also all relevant treaties and conventions and their review processes,"
    )
    assert (
        result[1].text
        == "impact of mines and explosive remnants of war, which have serious consequences,"
    )
    assert (
        result[2].text
        == "the Convention on Biological Weapons of 1972 and the Convention of 1993 have"
    )
    assert result[3].text == "Takes note of the report of the Secretary-General;"


def test_numbers_of_the_text_are_not_markers() -> None:
    texts = [
        "comprises 15 leading organizations in the sector, as stated in paragraph 3 of",
        "decisions C-24/DEC.4 and C-24/DEC.5 of 27 November 2019 on schedules 1 (A) and 1,",
        "held in Vienna on 8 and 9 December 2014,",
    ]
    result = take_markers(texts, [1, 2, 3, 4, 5, 8, 15])
    assert [r.text for r in result] == texts
    assert all(r.markers == () for r in result)


def test_markdown_markers_and_a_converter_artifact() -> None:
    texts = [
        "the Treaty on the Non-Proliferation of Nuclear Weapons[^1] that the Treaty",
        "the Young Professionals Network of P[^1] academics",
    ]
    result = take_markers(texts, [1])
    assert result[0].markers == (1,)
    assert (
        result[0].text == "the Treaty on the Non-Proliferation of Nuclear Weapons that the Treaty"
    )
    # A second "[^1]" for a footnote already cited was "P5"-style text: the number comes back.
    assert result[1].markers == ()
    assert result[1].text == "the Young Professionals Network of P1 academics"


def test_web_edition_markers() -> None:
    result = take_markers(
        ["on assistance in mine clearance, 1/ and resolution 48/7"], [1], web=True
    )
    assert result[0].markers == (1,)
    assert result[0].text == "on assistance in mine clearance, and resolution 48/7"


def test_a_note_cited_again_in_the_same_clause_or_set_apart_after_a_comma() -> None:
    # 74/76 pp.2 (PDF text): note 1 cited four times in one paragraph, glued and spaced.
    (first,) = take_markers(
        [
            "Injurious or to Have Indiscriminate Effects 1 and its amended article 1,2 the "
            "Protocol on Non-Detectable Fragments (Protocol I),1 the Protocol on Mines "
            "(Protocol II)1 and its amended version, 3 the Protocol on Incendiary Weapons "
            "(Protocol III), 1 the Protocol on Blinding Laser Weapons (Protocol IV)4 and"
        ],
        [1, 2, 3, 4],
    )
    assert first.markers == (1, 2, 1, 1, 3, 1, 4)
    assert "(Protocol I), the Protocol" in first.text
    assert "(Protocol III), the Protocol" in first.text
    # 74/90: the first citation set apart after a year, the second glued in a later clause.
    one, two = take_markers(
        [
            "Geneva Convention relative to the Protection of Civilian Persons in Time of War,2 "
            "of 12 August 1949, 3 to the occupied Syrian Golan,",
            "of 12 August 1949,3 and have no legal effect;",
        ],
        [2, 3],
    )
    assert (one.markers, two.markers) == ((2, 3), (3,))
    assert one.text.endswith("of 12 August 1949, to the occupied Syrian Golan,")


def test_a_number_after_a_comma_that_counts_or_has_a_leading_zero_stays() -> None:
    (marked,) = take_markers(
        ["the Convention,1 by 2017, 1 million people; a substance from 1.A.04 scheduled"],
        [1, 4],
    )
    assert marked.markers == (1,)
    assert marked.text.endswith("by 2017, 1 million people; a substance from 1.A.04 scheduled")


def test_a_number_between_two_years_is_a_marker() -> None:
    # 80/53 pp.2: "the reports of the Secretary-General of 1990[3] and 1995".
    (marked,) = take_markers(
        ["Taking note of the reports,2 the reports of the Secretary-General of 1990 3 and 1995,"],
        [2, 3],
    )
    assert marked.markers == (2, 3)
    assert marked.text.endswith("of the Secretary-General of 1990 and 1995,")
    (kept,) = take_markers(["Recalling its decisions,2 and paragraphs 1990 3 and 4,"], [2, 3])
    assert kept.markers == (2,)
