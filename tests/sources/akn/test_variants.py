"""What varies between files: multi-part documents, session-74 zips, German, emergency sessions."""

from __future__ import annotations

from datetime import date

from lxml import etree

from app.document.model import AdoptionOutcome, ParsedResolution
from app.reference import load_gazetteer
from app.sources.akn import AknSource, iter_akn, read_akn
from app.sources.akn.body import read_body
from app.sources.akn.xml import AKN_NS
from tests.sources.akn.corpus import FILES, read_file, read_one

EXCERPT = FILES / "GA resolutions_74session_English (excerpt).zip"


def _zip_members() -> dict[str, ParsedResolution]:
    found: dict[str, ParsedResolution] = {}
    for item in iter_akn(EXCERPT):
        assert isinstance(item, AknSource)
        (resolution,) = read_akn(item.data, gazetteer=load_gazetteer())
        found[item.name.split("!")[1]] = resolution
    return found


def test_a_multi_part_document_gives_one_resolution_per_part() -> None:
    part_a, part_b = read_file(FILES / "75_101A-B_E.xml")
    assert (part_a.metadata.symbol, part_b.metadata.symbol) == ("A/RES/75/101 A", "A/RES/75/101 B")
    assert (part_a.metadata.part, part_b.metadata.part) == ("A", "B")
    assert part_a.metadata.number == part_b.metadata.number == 101
    assert part_a.metadata.title == "Information in the service of humanity"
    assert part_b.metadata.title == "United Nations global communications policies and activities"
    for part in (part_a, part_b):
        # What only the collection carries: cover page, workflow, vote.
        assert part.metadata.agenda_item == "56"
        assert part.metadata.committee_report == "A/75/415"
        assert part.metadata.adopted_on == date(2020, 12, 10)
        assert part.metadata.plenary_meeting == 41
        assert part.official is not None
        assert part.official.adoption is not None
        assert part.official.adoption.outcome is AdoptionOutcome.WITHOUT_VOTE
    assert (len(part_a.preamble), len(part_a.operative)) == (2, 1)
    assert (len(part_b.preamble), len(part_b.operative)) == (10, 135)


def test_items_marked_as_unnumbered_paragraphs_are_the_sub_paragraphs_they_are_labelled() -> None:
    # 75/101 A has one operative paragraph whose items (a) to (f), and (i) to (iv) under (e),
    # the file marks as paragraphs without a number, the label opening their text: the label
    # is read as their number would be, so they are the paragraph's sub-paragraphs.
    part_a, _ = read_file(FILES / "75_101A-B_E.xml")
    (paragraph,) = part_a.operative
    assert paragraph.key == "op.1"
    assert paragraph.text.startswith("Urges all countries")
    assert "(a)" not in paragraph.text
    assert [c.key for c in paragraph.children] == [f"op.1.{x}" for x in "abcdef"]
    item_e = paragraph.children[4]
    assert [c.label for c in item_e.children] == ["i", "ii", "iii", "iv"]
    assert paragraph.children[0].text.startswith("To cooperate and interact")
    assert item_e.children[2].text.startswith("Assistance in establishing")
    assert paragraph.children[5].text.startswith("To provide full support")


def test_an_unnumbered_paragraph_opening_with_a_label_out_of_sequence_stays_text() -> None:
    statement = etree.fromstring(
        f"""<statement xmlns="{AKN_NS}"><mainBody>
        <paragraph><num>1.</num><content><p>Decides that:</p></content></paragraph>
        <paragraph><content><p>(c) the text goes on here;</p></content></paragraph>
        <paragraph><content><p>(a)\tFirst item;</p></content></paragraph>
        <paragraph><content><p>(b)\tSecond item.</p></content></paragraph>
        </mainBody></statement>""".encode()
    )
    body = read_body(statement, language="en")
    (paragraph,) = body.operative
    assert paragraph.text == "Decides that: (c) the text goes on here;"
    assert [(c.key, c.text) for c in paragraph.children] == [
        ("op.1.a", "First item;"),
        ("op.1.b", "Second item."),
    ]


def test_footnotes_of_the_second_part_keep_their_numbers() -> None:
    part_a, part_b = read_file(FILES / "75_101A-B_E.xml")
    assert [f.number for f in part_a.footnotes] == [1, 2]
    assert part_b.footnotes[0].number == 3


def test_a_session_74_zip_is_read_member_by_member() -> None:
    members = _zip_members()
    assert list(members) == ["English/74_1.xml", "English/74_179.xml", "English/74_296_E.xml"]
    assert [r.metadata.symbol for r in members.values()] == [
        "A/RES/74/1",
        "A/RES/74/179",
        "A/RES/74/296",
    ]
    assert members["English/74_1.xml"].metadata.committee == "Fifth Committee"


def test_a_note_cited_again_as_a_superscript_is_a_citation() -> None:
    credentials = _zip_members()["English/74_179.xml"]
    (note,) = credentials.footnotes
    assert note.cited_in == ("pp.1", "op.1")
    (paragraph,) = credentials.operative
    assert paragraph.text == "Approves the report of the Credentials Committee."
    assert paragraph.footnotes == (1,)
    assert paragraph.footnote_offsets == (len(paragraph.text),)


def test_adoption_by_silence_procedure_has_no_plenary_record() -> None:
    resolution = _zip_members()["English/74_296_E.xml"]
    assert resolution.official is not None
    assert resolution.official.plenary_record is None
    assert resolution.metadata.plenary_meeting is None
    assert resolution.metadata.adopted_on == date(2020, 7, 13)  # its FRBR date and closing line


def test_german_version() -> None:
    resolution = read_one(FILES / "A_RES_80_8-2518947G.xml")
    m = resolution.metadata
    assert (m.symbol, m.language) == ("A/RES/80/8", "de")
    assert m.title.startswith("Schaffung einer friedlichen und besseren Welt")
    assert resolution.preamble[0].lead == "unter Hinweis"
    assert resolution.operative[0].verb == "fordert"
    assert (len(resolution.preamble), len(resolution.operative)) == (32, 9)


def test_emergency_special_session() -> None:
    resolution = read_one(FILES / "A_RES_ES-11_3-2205216E.xml")
    m = resolution.metadata
    assert m.symbol == "A/RES/ES-11/3"
    assert (m.session, m.number) == (11, 3)
    assert m.adopted_on == date(2022, 4, 7)
    assert resolution.operative[0].text.startswith("Decides to suspend the rights of membership")
    adoption = resolution.official.adoption  # type: ignore[union-attr]
    assert adoption is not None
    assert (adoption.in_favour_count, adoption.against_count, adoption.abstaining_count) == (
        93,
        24,
        58,
    )


def test_a_work_iri_without_its_date_still_names_the_resolution() -> None:
    # A few files leave the date out of the FRBR IRI: "/unga//75-1/" (75/1, 78/41, 79/26).
    data = (FILES / "A_RES_ES-11_3-2205216E.xml").read_bytes()
    data = data.replace(b"/unga/2022-04-07/ES-11-3/", b"/unga//ES-11-3/")
    (resolution,) = read_akn(data)
    assert resolution.metadata.symbol == "A/RES/ES-11/3"
    assert resolution.metadata.adopted_on == date(2022, 4, 7)


def test_a_part_the_work_iri_leaves_out_is_taken_from_the_printed_symbol() -> None:
    (part_b,) = read_file(FILES / "75_245B_E.xml")
    assert (part_b.metadata.symbol, part_b.metadata.part) == ("A/RES/75/245 B", "B")
    assert part_b.metadata.adopted_on == date(2021, 4, 16)


def test_a_draft_named_with_its_amendments_is_the_draft_symbol_alone() -> None:
    (resolution,) = read_file(FILES / "75_282_E.xml")
    assert resolution.metadata.draft_symbol == "A/75/L.87/Rev.1"
    assert resolution.official is not None
    assert resolution.official.sponsorship is not None
    assert resolution.official.sponsorship.draft_symbol == "A/75/L.87/Rev.1"
