"""Multi-part texts: one resolution per lettered part, numbered from 1, as the XML has them."""

from __future__ import annotations

from app.sources.akn import read_akn
from app.sources.text import parse_resolution, parse_resolutions
from bench.fidelity.compare import compare, outline_of
from tests.sources.akn.corpus import FILES

# The layout of the PDF of A/RES/75/101 A-B (the text of its first paragraphs, cut short):
# one heading, then each part's letter, title, enacting formula, paragraphs and closing.
TEXT = """\
United Nations A/RES/75/101 A-B
General Assembly Distr.: General
15 December 2020

Seventy-fifth session
Agenda item 56

Resolutions adopted by the General Assembly
on 10 December 2020

[on the report of the Special Political and Decolonization Committee
(Fourth Committee) (A/75/415)]

75/101. Questions relating to information

A

Information in the service of humanity

The General Assembly,

Taking note of the comprehensive and important report of the Committee on
Information,1

Taking note also of the report of the Secretary-General,2

Urges all countries, organizations of the United Nations system as a whole and
all others concerned:

(a) To cooperate and interact with a view to reducing existing disparities in
information flows at all levels;

(b) To ensure for journalists the free and effective performance of their
professional tasks and condemn resolutely all attacks against them;

41st plenary meeting
10 December 2020

B

United Nations global communications policies and activities

The General Assembly,

Reaffirming its resolution 13 (I) of 13 February 1946,3

1. Reaffirms that the United Nations remains the indispensable foundation of a
peaceful and just world;

2. Requests the Department of Global Communications to continue its work;

41st plenary meeting
10 December 2020
__________________
1 Official Records of the General Assembly, Seventy-fifth Session, Supplement No. 21
(A/75/21).
2 A/75/300.
3 See A/75/21.
"""


def test_each_part_is_a_resolution_of_its_own_numbered_from_one() -> None:
    part_a, part_b = parse_resolutions(TEXT)
    assert (part_a.metadata.symbol, part_b.metadata.symbol) == ("A/RES/75/101 A", "A/RES/75/101 B")
    assert (part_a.metadata.part, part_b.metadata.part) == ("A", "B")
    assert part_a.metadata.title == "Information in the service of humanity"
    assert part_b.metadata.title == "United Nations global communications policies and activities"
    assert (len(part_a.preamble), len(part_a.operative)) == (2, 1)
    assert [c.label for c in part_a.operative[0].children] == ["a", "b"]
    assert (len(part_b.preamble), len(part_b.operative)) == (1, 2)
    assert [c.number for c in part_b.operative] == [1, 2]
    for part in (part_a, part_b):
        assert part.metadata.plenary_meeting == 41
        assert part.metadata.agenda_item == "56"
    # Each part keeps the notes it cites, with the text's numbers.
    assert [(f.number, f.cited_in) for f in part_a.footnotes] == [(1, ("pp.1",)), (2, ("pp.2",))]
    assert [(f.number, f.cited_in) for f in part_b.footnotes] == [(3, ("pp.1",))]
    assert parse_resolution(TEXT) == part_a


def test_the_parts_compare_with_the_official_parts() -> None:
    official = {r.metadata.symbol: r for r in read_akn((FILES / "75_101A-B_E.xml").read_bytes())}
    part_a, _ = parse_resolutions(TEXT)
    got, want = outline_of(part_a), outline_of(official["A/RES/75/101 A"])
    assert got.symbol == want.symbol
    comparison = compare(got, want)
    # The text above gives pp.1, pp.2 and op.1.b in full and cuts op.1 and op.1.a short.
    assert comparison.identical == 3
    assert (got.preamble, got.operative) == (want.preamble, want.operative)


def test_a_letter_without_an_enacting_formula_after_it_is_not_a_part() -> None:
    text = TEXT.replace("\nB\n\nUnited Nations global", "\nUnited Nations global", 1)
    text = text.replace(
        "United Nations global communications policies and activities\n\nThe General Assembly,",
        "B\n\nReaffirms the above;",
        1,
    )
    (whole,) = parse_resolutions(text)
    assert whole.metadata.symbol == "A/RES/75/101"
