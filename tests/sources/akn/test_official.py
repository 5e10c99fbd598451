"""The official record beside the text: how each State voted, who sponsored, subjects, agenda."""

from __future__ import annotations

from datetime import date

from app.document.model import AdoptionOutcome, StateName
from tests.sources.akn.corpus import FILES, family_file, read_file, read_one


def _names(states: tuple[StateName, ...]) -> list[str]:
    return [s.name for s in states]


def test_79_34_recorded_vote_173_1_14_without_the_united_states_in_favour() -> None:
    adoption = read_one(family_file(79, 34)).official.adoption  # type: ignore[union-attr]
    assert adoption is not None
    assert adoption.outcome is AdoptionOutcome.RECORDED_VOTE
    assert adoption.outcome_text == "adoptedRecordedVote"
    counts = (adoption.in_favour_count, adoption.against_count, adoption.abstaining_count)
    assert counts == (173, 1, 14)
    assert (len(adoption.in_favour), len(adoption.against), len(adoption.abstaining)) == counts
    assert "UNITED STATES" not in _names(adoption.in_favour)
    assert "UNITED STATES" in _names(adoption.abstaining)
    assert _names(adoption.against) == ["RUSSIAN FEDERATION"]
    # This file names the States without their UNTERM records; 80/74 gives them.
    assert all(s.unterm is None for s in adoption.in_favour)


def test_80_74_recorded_vote_166_1_2_with_the_united_states_against() -> None:
    official = read_one(family_file(80, 74)).official
    assert official is not None
    assert official.adoption is not None
    adoption = official.adoption
    assert adoption.outcome is AdoptionOutcome.RECORDED_VOTE
    assert (adoption.in_favour_count, adoption.against_count, adoption.abstaining_count) == (
        166,
        1,
        2,
    )
    assert len(adoption.in_favour) == 166
    (against,) = adoption.against
    assert against.name == "UNITED STATES"
    assert against.unterm == (
        "https://unterm.un.org/unterm2/en/view/9e7f3347-8c9f-491b-8c7c-efd8be043c78"
    )
    assert _names(adoption.abstaining) == [
        "DEMOCRATIC PEOPLE'S REPUBLIC OF KOREA",
        "RUSSIAN FEDERATION",
    ]
    assert "TÜRKİYE" in _names(adoption.in_favour)
    voters = adoption.in_favour + adoption.against + adoption.abstaining
    assert all(s.unterm and s.unterm.startswith("https://unterm.un.org/") for s in voters)
    assert len({s.unterm for s in voters}) == 169


def test_the_vote_is_the_same_in_every_language() -> None:
    english = read_one(family_file(80, 74)).official
    for language in ("French", "Arabic", "Chinese"):
        other = read_one(family_file(80, 74, language)).official
        assert other is not None
        assert english is not None
        assert other.adoption == english.adoption


def test_78_70_adopted_without_a_vote() -> None:
    adoption = read_one(family_file(78, 70)).official.adoption  # type: ignore[union-attr]
    assert adoption is not None
    assert adoption.outcome is AdoptionOutcome.WITHOUT_VOTE
    assert adoption.outcome_text == "adoptedWithoutVote"
    assert (adoption.in_favour_count, adoption.against_count, adoption.abstaining_count) == (
        None,
        None,
        None,
    )
    assert adoption.in_favour == adoption.against == adoption.abstaining == ()


def test_an_outcome_written_as_free_text_is_kept_with_its_counts() -> None:
    # 75/290 A writes its outcome as a sentence, with the lists beside it.
    (resolution,) = read_file(FILES / "75_290 A_E.xml")
    adoption = resolution.official.adoption  # type: ignore[union-attr]
    assert adoption is not None
    assert adoption.outcome_text == "Adopted 90-0-47, 87th plenary meeting"
    assert adoption.outcome is AdoptionOutcome.RECORDED_VOTE
    assert (adoption.in_favour_count, adoption.against_count, adoption.abstaining_count) == (
        90,
        0,
        47,
    )
    assert len(adoption.in_favour) == 90
    assert len(adoption.abstaining) == 47
    assert "TURKEY" in _names(adoption.in_favour)


def test_80_74_sponsors_draft_and_workflow() -> None:
    official = read_one(family_file(80, 74)).official
    assert official is not None
    assert official.sponsorship is not None
    sponsorship = official.sponsorship
    assert sponsorship.draft_symbol == "A/C.4/80/L.7"
    assert sponsorship.draft_on == date(2025, 10, 16)
    assert {"Austria", "Canada"} <= set(sponsorship.sponsors)
    assert len(sponsorship.sponsors) == 33
    # The last two names were joined by "and"; a name with "and" in it stays whole.
    assert sponsorship.sponsors[-2:] == (
        "Sweden",
        "United Kingdom of Great Britain and Northern Ireland",
    )
    assert "Netherlands (Kingdom of the)" in sponsorship.sponsors
    assert sponsorship.sponsors_text.startswith("Austria, Belgium, Bulgaria, Canada,")
    assert sponsorship.additional_sponsors[-2:] == ("Switzerland", "Ukraine")
    assert "Bosnia and Herzegovina" in sponsorship.additional_sponsors
    assert len(sponsorship.additional_sponsors) == 19
    assert official.committee_report == "A/80/537"
    assert official.report_paragraph == "15"
    assert official.plenary_record == "A/80/PV.55"
    assert (official.agenda_item, official.agenda_title) == ("46", "Assistance in mine action")


def test_sponsors_named_in_english_in_a_french_file_split_alike() -> None:
    english = read_one(family_file(80, 74)).official
    french = read_one(family_file(80, 74, "French")).official
    assert english is not None
    assert french is not None
    assert french.sponsorship == english.sponsorship


def test_subjects_are_the_library_headings_not_the_sdg_keywords() -> None:
    official = read_one(family_file(79, 34)).official
    assert official is not None
    unbis = {s.label: s.uri for s in official.subjects if s.vocabulary == "UNBIS Thesaurus"}
    assert unbis["LANDMINES"] == "http://metadata.un.org/thesaurus/1003608"
    assert set(unbis) == {
        "MINE CLEARANCE",
        "LANDMINES",
        "DISARMAMENT AGREEMENTS",
        "TREATY COMPLIANCE",
        "CONFERENCES",
    }
    authority = [s for s in official.subjects if s.vocabulary == "DHLAUTH"]
    assert len(authority) == 2
    assert all(s.uri is None for s in authority)
    assert official.sdgs == (4, 5, 8, 12, 16)
    assert official.agenda_item == "98 (l)"
