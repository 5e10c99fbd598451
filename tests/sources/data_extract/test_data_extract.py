"""The UN's data extract (JSON Lines beside the AKN4UN files) read into official records."""

# The files here are real lines of `data_extract/<session>.json` of the UN snapshot (commit
# 42a69b6), kept whole: the mine-action family's resolutions and one multi-part document.

from __future__ import annotations

from pathlib import Path

import pytest

from app.document.model import Adoption, AdoptionOutcome, OfficialRecord, StateName
from app.sources.data_extract import NotAnExtract, complete, is_data_extract, read_data_extract

FILES = Path(__file__).parent


def records(session: str) -> dict[str, OfficialRecord]:
    return read_data_extract((FILES / f"{session}.json").read_bytes())


def names(states: tuple[StateName, ...]) -> list[str]:
    return [state.name for state in states]


def test_a_recorded_vote_with_its_lists_and_counts() -> None:
    record = records("79")["A/RES/79/34"]
    adoption = record.adoption
    assert adoption is not None
    assert adoption.outcome is AdoptionOutcome.RECORDED_VOTE
    counts = (adoption.in_favour_count, adoption.against_count, adoption.abstaining_count)
    assert counts == (173, 1, 14)
    assert (len(adoption.in_favour), len(adoption.against), len(adoption.abstaining)) == counts
    assert "UNITED STATES" not in names(adoption.in_favour)
    assert "UNITED STATES" in names(adoption.abstaining)
    assert names(adoption.against) == ["RUSSIAN FEDERATION"]
    assert record.agenda_item == "98 (l)"
    assert record.committee_report == "A/79/408"
    assert record.report_paragraph == "114"
    assert record.plenary_record == "A/79/PV.43"
    assert record.sponsorship is not None
    assert record.sponsorship.sponsors == ("CAMBODIA", "GERMANY", "JAPAN")


def test_80_74_went_to_a_recorded_vote_with_the_united_states_against() -> None:
    adoption = records("80")["A/RES/80/74"].adoption
    assert adoption is not None
    assert adoption.outcome is AdoptionOutcome.RECORDED_VOTE
    assert (adoption.in_favour_count, adoption.against_count, adoption.abstaining_count) == (
        166,
        1,
        2,
    )
    assert names(adoption.against) == ["UNITED STATES"]


@pytest.mark.parametrize(("session", "symbol"), [("74", "A/RES/74/80"), ("78", "A/RES/78/70")])
def test_without_a_vote_has_no_counts_and_no_lists(session: str, symbol: str) -> None:
    adoption = records(session)[symbol].adoption
    assert adoption == Adoption(AdoptionOutcome.WITHOUT_VOTE, "Without a vote")


def test_74_json_writes_the_former_names_and_na_counts() -> None:
    adoption = records("74")["A/RES/74/61"].adoption
    assert adoption is not None
    assert "TURKEY" in names(adoption.in_favour)
    assert adoption.against == ()
    assert adoption.against_count is None  # "N.A." in this file
    assert adoption.in_favour_count == len(adoption.in_favour) == 169


def test_subjects_and_goals() -> None:
    record = records("74")["A/RES/74/80"]
    assert [s.label for s in record.subjects][:2] == ["Mine Clearance", "Landmines"]
    assert all(s.uri is None for s in record.subjects)
    assert record.sdgs == (3, 5, 17)


def test_a_multi_part_document_gives_each_part_its_record() -> None:
    found = records("75")
    assert set(found) == {"A/RES/75/101 A", "A/RES/75/101 B"}
    assert found["A/RES/75/101 A"] is found["A/RES/75/101 B"]


def test_the_xml_record_keeps_its_own_facts_and_takes_the_lists_it_lacks() -> None:
    extract = records("79")["A/RES/79/34"]
    assert extract.adoption is not None
    own = OfficialRecord(
        adoption=Adoption(
            AdoptionOutcome.RECORDED_VOTE,
            "adoptedRecordedVote",
            in_favour_count=173,
            against_count=1,
            abstaining_count=14,
        ),
        sponsorship=None,
        agenda_item="98 (l)",
    )
    merged = complete(own, extract)
    assert merged.adoption is not None
    assert merged.adoption.outcome_text == "adoptedRecordedVote"
    assert merged.adoption.in_favour == extract.adoption.in_favour
    assert merged.sponsorship == extract.sponsorship
    assert complete(None, extract) is extract


def test_detected_by_content() -> None:
    assert is_data_extract((FILES / "80.json").read_bytes()[:4096])
    assert not is_data_extract(b'{"symbol": "A/RES/80/74"}\n')
    assert not is_data_extract(b"<akomaNtoso/>")


def test_a_broken_line_is_refused_with_its_number() -> None:
    data = (FILES / "80.json").read_bytes() + b'{"symbol": "A/RES/80/75", "MS_in_f\n'
    with pytest.raises(NotAnExtract, match=r"line 2: not JSON"):
        read_data_extract(data)
    with pytest.raises(NotAnExtract, match=r"line 1: an object with a symbol expected"):
        read_data_extract(b'{"title": "x"}\n')
