"""Series and what changed between two of their resolutions, over HTTP on the real corpus."""

# The bundled mine-action resolutions are 68/72, 72/75 and 76/74; each recalls one that is not in
# the corpus (66/69, 70/80, 74/80). So 76/74's predecessor in the database is 72/75, and its changes
# are measured against 72/75 across the missing 74/80.

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import CORPUS_FILES, walk

BASE = "http://testserver/v1"
MINE_ACTION = "assistance-in-mine-action"


def absent(symbol: str, adopted_on: str) -> dict[str, Any]:
    return {
        "symbol": symbol,
        "id": symbol.replace("/", "-"),
        "adopted_on": adopted_on,
        "in_database": False,
        "href": None,
    }


def test_each_resolution_names_the_predecessor_it_recalls(client: TestClient) -> None:
    series = {
        slug: client.get(f"/v1/resolutions/{slug}").json()["series"]
        for slug in ("A-RES-68-72", "A-RES-72-75", "A-RES-76-74")
    }
    assert series["A-RES-68-72"] == {
        "key": MINE_ACTION,
        "href": f"{BASE}/series/{MINE_ACTION}",
        "previous": absent("A/RES/66/69", "2011-12-09"),
        "next": None,
    }
    assert series["A-RES-72-75"]["previous"] == absent("A/RES/70/80", "2015-12-09")
    assert series["A-RES-76-74"]["previous"] == absent("A/RES/74/80", "2019-12-13")
    # None of them recalls another one of the corpus.
    assert all(position["next"] is None for position in series.values())


def test_the_latest_of_several_recalled_resolutions_is_the_predecessor(client: TestClient) -> None:
    # "Recalling its resolutions 3263 (XXIX) of 9 December 1974, ... and 79/16 of 2 December
    # 2024 on the establishment of a nuclear-weapon-free zone in the region of the Middle East"
    previous = client.get("/v1/resolutions/A-RES-80-17").json()["series"]["previous"]
    assert previous == absent("A/RES/79/16", "2024-12-02")
    # "Expressing ..." does not recall a predecessor.
    assert client.get("/v1/resolutions/A-RES-80-1").json()["series"]["previous"] is None


def test_series_list(client: TestClient) -> None:
    everything = walk(client, "/v1/series?limit=7")
    assert len(everything) == CORPUS_FILES - 2  # three mine-action resolutions, one series
    keys = [item["key"] for item in everything]
    assert keys == sorted(keys)
    several = client.get("/v1/series?min_members=2").json()
    assert several["total"] == 1
    assert several["items"][0] == {
        "key": MINE_ACTION,
        "alias": MINE_ACTION,
        "title": "Assistance in mine action",
        "members_in_database": 3,
        "members_absent": 3,
        "earliest": {
            "id": "A-RES-68-72",
            "symbol": "A/RES/68/72",
            "title": "Assistance in mine action",
            "session": 68,
            "adopted_on": "2013-12-11",
            "href": f"{BASE}/resolutions/A-RES-68-72",
        },
        "latest": {
            "id": "A-RES-76-74",
            "symbol": "A/RES/76/74",
            "title": "Assistance in mine action",
            "session": 76,
            "adopted_on": "2021-12-09",
            "href": f"{BASE}/resolutions/A-RES-76-74",
        },
        "href": f"{BASE}/series/{MINE_ACTION}",
    }


def test_series_in_order_with_the_predecessors_not_in_the_database(client: TestClient) -> None:
    body = client.get(f"/v1/series/{MINE_ACTION}").json()
    assert (body["members_in_database"], body["members_absent"]) == (3, 3)
    assert [
        (m["symbol"], m["adopted_on"], m["in_database"], m["recalls"], m["recalled_by"])
        for m in body["resolutions"]
    ] == [
        ("A/RES/66/69", "2011-12-09", False, None, ["A/RES/68/72"]),
        ("A/RES/68/72", "2013-12-11", True, "A/RES/66/69", []),
        ("A/RES/70/80", "2015-12-09", False, None, ["A/RES/72/75"]),
        ("A/RES/72/75", "2017-12-07", True, "A/RES/70/80", []),
        ("A/RES/74/80", "2019-12-13", False, None, ["A/RES/76/74"]),
        ("A/RES/76/74", "2021-12-09", True, "A/RES/74/80", []),
    ]
    present = body["resolutions"][1]
    assert present["href"] == f"{BASE}/resolutions/A-RES-68-72"
    assert present["title"] == "Assistance in mine action"
    assert (present["session"], present["number"]) == (68, 72)
    missing = body["resolutions"][0]
    assert (missing["title"], missing["href"], missing["session"], missing["number"]) == (
        None,
        None,
        66,
        69,
    )
    assert body["links"] == {
        "self": f"{BASE}/series/{MINE_ACTION}",
        "latest": f"{BASE}/resolutions/A-RES-76-74",
    }


@pytest.mark.parametrize(
    ("url", "status"),
    [("/v1/series/no-such-series", 404), ("/v1/series/Not%20A%20Key", 422)],
)
def test_unknown_series(client: TestClient, url: str, status: int) -> None:
    response = client.get(url)
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"


@pytest.fixture(scope="module")
def changes(client: TestClient) -> dict[str, Any]:
    response = client.get("/v1/resolutions/A-RES-76-74/changes")
    assert response.status_code == 200, response.text
    return dict(response.json())


def by_key(changes: dict[str, Any], key: str) -> dict[str, Any]:
    return next(p for p in changes["paragraphs"] if p["key"] == key)


def by_previous(changes: dict[str, Any], key: str) -> dict[str, Any]:
    return next(p for p in changes["paragraphs"] if p["previous_key"] == key)


def edits(paragraph: dict[str, Any]) -> list[tuple[str, str]]:
    return [(s["op"], s["text"]) for s in paragraph["diff"] if s["op"] != "equal"]


def test_76_74_is_compared_with_72_75_the_previous_one_in_the_database(
    changes: dict[str, Any],
) -> None:
    assert changes["resolution"]["symbol"] == "A/RES/76/74"
    assert changes["compared_with"] == {
        "id": "A-RES-72-75",
        "symbol": "A/RES/72/75",
        "title": "Assistance in mine action",
        "session": 72,
        "adopted_on": "2017-12-07",
        "href": f"{BASE}/resolutions/A-RES-72-75",
    }
    assert changes["recalls"] == absent("A/RES/74/80", "2019-12-13")
    assert changes["consecutive"] is False
    paragraphs = changes["paragraphs"]
    # 27 preambular and 22 operative paragraphs in 76/74; 23 and 20 in 72/75.
    assert len([p for p in paragraphs if p["key"]]) == 27 + 22
    assert len([p for p in paragraphs if p["previous_key"]]) == 23 + 20
    counts = changes["counts"]
    assert counts["new"] + counts["changed"] + counts["unchanged"] == 49
    assert counts["removed"] + counts["changed"] + counts["unchanged"] == 43
    assert counts["moved"] == sum(1 for p in paragraphs if p["moved"])


def test_the_recalled_resolution_changes_word_by_word(changes: dict[str, Any]) -> None:
    pp1 = by_key(changes, "pp.1")
    assert pp1["status"] == "changed"
    assert pp1["previous_key"] == "pp.1"
    assert edits(pp1) == [
        ("delete", "70/80"),
        ("insert", "74/80"),
        ("delete", "9"),
        ("insert", "13"),
        ("delete", "2015"),
        ("insert", "2019"),
    ]
    assert pp1["text"].startswith("Recalling its resolution 74/80 of 13 December 2019")
    assert pp1["previous_text"].startswith("Recalling its resolution 70/80 of 9 December 2015")
    assert pp1["href"] == f"{BASE}/resolutions/A-RES-76-74/clauses/pp.1"
    assert pp1["previous_href"] == f"{BASE}/resolutions/A-RES-72-75/clauses/pp.1"


def test_renumbered_but_unchanged(changes: dict[str, Any]) -> None:
    # "Noting with appreciation the extent to which the International Day ..." was pp.4.
    pp3 = by_key(changes, "pp.3")
    assert (pp3["status"], pp3["previous_key"], pp3["similarity"]) == ("unchanged", "pp.4", 1.0)
    assert pp3["diff"] == []
    assert pp3["text"] == pp3["previous_text"]
    assert by_key(changes, "op.2")["status"] == "unchanged"


def test_new_and_removed_paragraphs(changes: dict[str, Any]) -> None:
    pp6 = by_key(changes, "pp.6")
    assert pp6["status"] == "new"
    assert "COVID-19" in pp6["text"]
    assert (pp6["previous_key"], pp6["previous_text"], pp6["previous_href"]) == (None, None, None)
    assert by_key(changes, "pp.7")["status"] == "new"  # children disproportionately affected
    assert by_key(changes, "op.14")["status"] == "new"  # localization of mine action
    anniversary = by_previous(changes, "pp.3")
    assert anniversary["status"] == "removed"
    assert "twentieth anniversary" in anniversary["previous_text"]
    assert (anniversary["key"], anniversary["text"], anniversary["href"]) == (None, None, None)
    alarm = by_previous(changes, "pp.8")
    assert alarm["status"] == "removed"
    assert alarm["previous_text"].startswith("Expressing alarm")


def test_member_states_and_the_next_report(changes: dict[str, Any]) -> None:
    urges = by_key(changes, "op.4")
    assert urges["previous_key"] == "op.4"
    assert ("insert", "Member") in edits(urges)
    report = by_key(changes, "op.21")
    assert report["previous_key"] == "op.19"
    assert edits(report) == [("delete", "seventy-fourth"), ("insert", "seventy-eighth")]


def test_a_moved_paragraph_is_matched_and_flagged(changes: dict[str, Any]) -> None:
    # "Encourages the United Nations to continue to take measures ..." moved before op.18.
    op17 = by_key(changes, "op.17")
    assert (op17["previous_key"], op17["status"], op17["moved"]) == ("op.17", "changed", True)
    # The diff turns the older text into the newer one.
    older = " ".join(s["text"] for s in op17["diff"] if s["op"] != "insert")
    newer = " ".join(s["text"] for s in op17["diff"] if s["op"] != "delete")
    assert " ".join(op17["previous_text"].split()) == older
    assert " ".join(op17["text"].split()) == newer


def test_paragraphs_come_in_reading_order(changes: dict[str, Any]) -> None:
    kinds = [p["kind"] for p in changes["paragraphs"]]
    assert kinds == sorted(kinds, key=["preambular", "operative"].index)
    keys = [p["key"] for p in changes["paragraphs"] if p["key"] and p["kind"] == "operative"]
    assert keys == [f"op.{n}" for n in range(1, 23)]


def test_72_75_against_68_72(client: TestClient) -> None:
    body = client.get("/v1/resolutions/A-RES-72-75/changes").json()
    assert body["compared_with"]["symbol"] == "A/RES/68/72"
    assert body["consecutive"] is False  # 72/75 recalls 70/80
    pp1 = by_key(body, "pp.1")
    assert ("delete", "66/69") in edits(pp1)
    assert ("insert", "70/80") in edits(pp1)


@pytest.mark.parametrize(
    ("slug", "detail"),
    [
        (
            "A-RES-68-72",
            "There is no earlier resolution of the series 'assistance-in-mine-action' in the "
            "database to compare A/RES/68/72 with (it recalls A/RES/66/69, which is not in the "
            "database).",
        ),
        (
            "A-RES-80-1",
            "There is no earlier resolution of the series "
            "'participation-by-the-state-of-palestine-during-the-eightieth-session' in the "
            "database to compare A/RES/80/1 with.",
        ),
        ("A-RES-68-99", "There is no resolution A/RES/68/99 in the database."),
    ],
)
def test_no_previous_resolution_is_a_404_saying_why(
    client: TestClient, slug: str, detail: str
) -> None:
    response = client.get(f"/v1/resolutions/{slug}/changes")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["detail"] == detail


def test_changes_are_cached_and_redirected_like_other_resources(client: TestClient) -> None:
    url = "/v1/resolutions/A-RES-76-74/changes"
    tag = client.get(url).headers["etag"]
    assert client.get(url, headers={"If-None-Match": tag}).status_code == 304
    moved = client.get("/v1/resolutions/76/74/changes", follow_redirects=False)
    assert moved.status_code == 301
    assert moved.headers["location"] == f"{BASE}/resolutions/A-RES-76-74/changes"


def test_openapi_says_which_resolution_changes_compare_against(client: TestClient) -> None:
    operation = client.get("/openapi.json").json()["paths"]["/v1/resolutions/{id}/changes"]["get"]
    assert "in the database" in operation["description"]
    assert "A/RES/74/80" in operation["description"]
    ok = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert ok["$ref"].endswith("/ResolutionChanges")
    assert "404" in operation["responses"]
