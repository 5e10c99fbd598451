"""Votes, sponsors, subjects and Member States on the bundled official record, on both databases."""

# The bundle holds the UN's AKN4UN XML of the mine-action family (sessions 74 to 80) with the lines
# of the UN's data extract for the same resolutions, which name the States of every recorded vote
# (the XML lists them only from session 79 on).

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from fastapi.testclient import TestClient

APMBC = (
    "implementation-of-the-convention-on-the-prohibition-of-the-use-stockpiling-production-"
    "and-transfer-of-anti-personnel-mines-and-on-their-destruction"
)
MINE_ACTION = "assistance-in-mine-action"


def get(family: TestClient, url: str) -> Any:
    response = family.get(url)
    assert response.status_code == 200, response.text
    return response.json()


def keys(states: list[dict[str, Any]]) -> list[str]:
    return [state["key"] for state in states]


def test_79_34_counts_and_the_united_states_not_in_favour(family: TestClient) -> None:
    votes = get(family, "/v1/resolutions/A-RES-79-34/votes")
    assert votes["adoption"] == "recorded-vote"
    assert votes["counts"] == {"in_favour": 173, "against": 1, "abstaining": 14}
    assert len(votes["in_favour"]) == 173
    assert len(votes["against"]) == 1
    assert len(votes["abstaining"]) == 14
    assert "usa" not in keys(votes["in_favour"])
    assert "usa" in keys(votes["abstaining"])
    assert keys(votes["against"]) == ["rus"]
    assert votes["discrepancy"] is None
    assert votes["unresolved"] == []
    assert votes["reason"] is None


def test_80_74_went_to_a_recorded_vote_with_the_united_states_against(
    family: TestClient,
) -> None:
    votes = get(family, "/v1/resolutions/A-RES-80-74/votes")
    assert votes["adoption"] == "recorded-vote"
    assert votes["counts"] == {"in_favour": 166, "against": 1, "abstaining": 2}
    assert votes["against"] == [
        {
            "key": "usa",
            "name": "United States of America",
            "href": "http://testserver/v1/member-states/usa",
        }
    ]
    assert sorted(keys(votes["abstaining"])) == ["prk", "rus"]


def test_78_70_adopted_without_a_vote_has_no_lists(family: TestClient) -> None:
    votes = get(family, "/v1/resolutions/A-RES-78-70/votes")
    assert votes["adoption"] == "without-vote"
    assert votes["counts"] is None
    assert votes["in_favour"] is votes["against"] is votes["abstaining"] is None


def test_a_resolution_read_from_a_text_has_no_votes_and_says_why(family: TestClient) -> None:
    votes = get(family, "/v1/resolutions/A-RES-68-72/votes")
    assert votes["adoption"] is None
    assert votes["in_favour"] is None
    assert "read from a text" in votes["reason"]
    detail = get(family, "/v1/resolutions/A-RES-68-72")
    assert detail["adoption"] is None
    assert detail["sponsors"] == []


def test_the_adoption_summary_in_the_detail_and_the_list(family: TestClient) -> None:
    detail = get(family, "/v1/resolutions/A-RES-80-74")
    assert detail["adoption"] == {
        "type": "recorded-vote",
        "stated_as": "adoptedRecordedVote",
        "counts": {"in_favour": 166, "against": 1, "abstaining": 2},
        "votes": "http://testserver/v1/resolutions/A-RES-80-74/votes",
    }
    assert detail["draft_symbol"] == "A/C.4/80/L.7"
    listed = get(family, "/v1/resolutions?symbol=A/RES/80/74")["items"]
    assert listed[0]["adoption"] == detail["adoption"]


@pytest.mark.parametrize("adoption", ["recorded-vote", "without-vote"])
def test_the_adoption_filter(family: TestClient, adoption: str) -> None:
    page = get(family, f"/v1/resolutions?adoption={adoption}&limit=100")
    assert page["total"] > 3
    assert {item["adoption"]["type"] for item in page["items"]} == {adoption}


def test_turkiye_is_one_state_across_its_three_spellings(family: TestClient) -> None:
    state = get(family, "/v1/member-states/tur")
    assert state["name"] == "Türkiye"
    assert {"TURKEY", "TÜRKÝYE"} <= set(state["aliases"])
    assert get(family, "/v1/member-states/TUR")["key"] == "tur"
    # 74/61 lists TURKEY, 77/63 TURKIYE (77.json), 79/34 TÜRKİYE: all one State's votes.
    record = get(family, f"/v1/member-states/tur/votes?series={APMBC}&limit=50")["items"]
    by_symbol = {item["resolution"]["symbol"]: item["vote"] for item in record}
    assert by_symbol["A/RES/74/61"] == "in-favour"
    assert by_symbol["A/RES/77/63"] == "in-favour"
    assert by_symbol["A/RES/79/34"] == "in-favour"
    assert state["recorded_votes"] >= len([v for v in by_symbol.values() if v == "in-favour"])


def test_a_states_record_in_series_order(family: TestClient) -> None:
    record = get(family, f"/v1/member-states/usa/votes?series={MINE_ACTION}")["items"]
    symbols = [item["resolution"]["symbol"] for item in record]
    assert symbols[0] == "A/RES/68/72"  # oldest first; read from a text
    assert record[0]["vote"] == "unknown"
    votes = {item["resolution"]["symbol"]: item["vote"] for item in record}
    assert votes["A/RES/78/70"] == "without-vote"
    assert votes["A/RES/80/74"] == "against"


def test_the_apmbc_table_equals_the_counts_of_the_files(family: TestClient) -> None:
    table = get(family, f"/v1/series/{APMBC}/votes")
    columns = table["resolutions"]
    assert [c["resolution"]["session"] for c in columns] == [74, 75, 76, 77, 78, 79, 80]
    assert len(table["states"]) == 193
    for index, column in enumerate(columns):
        cells = [row["votes"][index] for row in table["states"]]
        assert column["adoption"] == "recorded-vote", column
        # A file leaves out the count of a column nobody stands in (no State against 74/61).
        stated = {name: count or 0 for name, count in column["counts"].items()}
        assert cells.count("in-favour") == stated["in_favour"], column["resolution"]["symbol"]
        assert cells.count("against") == stated["against"]
        assert cells.count("abstaining") == stated["abstaining"]


def test_the_series_table_as_csv(family: TestClient) -> None:
    response = family.get(f"/v1/series/{APMBC}/votes.csv")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.text)))
    assert rows[0][:3] == ["state", "name", "A/RES/74/61"]
    assert len(rows) == 1 + 193
    usa = next(row for row in rows if row[0] == "usa")
    assert usa[2:] == ["abstaining"] * 7
    by_accept = family.get(f"/v1/series/{APMBC}/votes", headers={"Accept": "text/csv"})
    assert by_accept.text == response.text


def test_sponsors_of_80_74(family: TestClient) -> None:
    detail = get(family, "/v1/resolutions/A-RES-80-74")
    sponsors = {s["state"] for s in detail["sponsors"] if s["role"] == "sponsor"}
    assert {"aut", "can"} <= sponsors
    additional = {s["state"] for s in detail["sponsors"] if s["role"] == "additional"}
    assert "jpn" in additional
    sponsored = get(family, "/v1/member-states/aut/sponsorships?limit=100")["items"]
    assert "A/RES/80/74" in {item["resolution"]["symbol"] for item in sponsored}


def test_subjects_with_counts_and_the_subject_filters(family: TestClient) -> None:
    subjects = {s["key"]: s for s in get(family, "/v1/subjects?limit=100")["items"]}
    landmines = subjects["landmines"]
    assert landmines["uri"] == "http://metadata.un.org/thesaurus/1003608"
    assert landmines["vocabulary"] == "UNBIS Thesaurus"
    listed = get(family, "/v1/resolutions?subject=landmines&limit=100")
    assert listed["total"] == landmines["resolutions"] > 0
    clauses = get(family, "/v1/clauses?subject=landmines&limit=5")
    assert clauses["total"] > 0
    detail = get(family, "/v1/resolutions/A-RES-80-74")
    assert "landmines" in {s["key"] for s in detail["subjects"]}


def test_the_votes_export(family: TestClient) -> None:
    response = family.get("/v1/export/votes.csv?bom=false")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.text)))
    of_80_74 = [row for row in rows if row["resolution_symbol"] == "A/RES/80/74"]
    assert len(of_80_74) == 166 + 1 + 2
    assert {row["vote"] for row in of_80_74 if row["state"] == "usa"} == {"against"}
    assert not [row for row in rows if row["resolution_symbol"] == "A/RES/78/70"]


def test_an_unknown_state_is_a_404_problem(family: TestClient) -> None:
    response = family.get("/v1/member-states/xyz")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert "xyz" in response.json()["detail"]
    assert family.get("/v1/member-states/toolong").status_code == 422
