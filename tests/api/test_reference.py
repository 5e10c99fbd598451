"""Treaties, organizations, the IACG, follow-ups and sessions on the real corpus."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import walk

BASE = "http://testserver/v1"
OBSERVERS = {"unidir", "world-bank"}


def test_treaties_list_every_gazetteer_entry_by_key(client: TestClient) -> None:
    treaties = walk(client, "/v1/treaties?limit=25")
    keys = [treaty["key"] for treaty in treaties]
    assert len(treaties) == 69
    assert keys == sorted(keys)
    by_key = {treaty["key"]: treaty for treaty in treaties}
    assert by_key["apmbc"] == {
        "key": "apmbc",
        "name": "Convention on the Prohibition of the Use, Stockpiling, Production and "
        "Transfer of Anti-Personnel Mines and on Their Destruction",
        "short_name": "Anti-Personnel Mine Ban Convention",
        "year": 1997,
        "treaty_series": "vol. 2056, No. 35597",
        "parent": None,
        "cited_by": 3,
        "links": {
            "self": f"{BASE}/treaties/apmbc",
            "citations": f"{BASE}/treaties/apmbc/citations",
        },
    }
    assert by_key["ccw-protocol-v"]["parent"] == "ccw"


def test_treaty_detail_with_aliases_parent_and_children(client: TestClient) -> None:
    ccw = client.get("/v1/treaties/ccw").json()
    assert "CCW" in ccw["aliases"]
    assert ccw["parent_treaty"] is None
    assert [child["key"] for child in ccw["children"]] == [
        "ccw-amended-protocol-ii",
        "ccw-protocol-i",
        "ccw-protocol-ii",
        "ccw-protocol-iii",
        "ccw-protocol-iv",
        "ccw-protocol-v",
    ]
    protocol = client.get("/v1/treaties/ccw-protocol-v").json()
    assert protocol["parent_treaty"] == {
        "key": "ccw",
        "name": ccw["name"],
        "href": f"{BASE}/treaties/ccw",
    }
    assert protocol["year"] == 2003


def test_treaty_citations_name_the_clause_or_footnote(client: TestClient) -> None:
    citations = walk(client, "/v1/treaties/apmbc/citations?limit=2")
    assert [(c["resolution"]["symbol"], c["place"]) for c in citations] == [
        ("A/RES/76/74", "fn.1"),
        ("A/RES/72/75", "pp.3"),
        ("A/RES/72/75", "fn.1"),
        ("A/RES/72/75", "fn.2"),
        ("A/RES/68/72", "fn.1"),
    ]
    in_footnote = citations[-1]
    assert in_footnote["footnote"] == 1
    assert in_footnote["clause"] is None
    assert in_footnote["cited_from"] == ["pp.2"]
    assert in_footnote["text"].startswith("These include the Convention on the Prohibition")
    assert in_footnote["href"] == f"{BASE}/resolutions/A-RES-68-72/clauses/pp.2"
    in_clause = citations[1]
    assert (in_clause["clause"], in_clause["footnote"], in_clause["cited_from"]) == (
        "pp.3",
        None,
        [],
    )
    assert in_clause["text"].startswith("Noting the twentieth anniversary of the Convention")


def test_a_treaty_nobody_cites_has_no_citations(client: TestClient) -> None:
    body = client.get("/v1/treaties/ccw-protocol-iv").json()
    assert body["cited_by"] == 0
    assert client.get("/v1/treaties/ccw-protocol-iv/citations").json()["items"] == []


@pytest.mark.parametrize("path", ["/v1/treaties/ottawa", "/v1/treaties/ottawa/citations"])
def test_unknown_treaty_is_404(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert response.json()["detail"] == "There is no treaty with key 'ottawa'; see /v1/treaties."


def test_organizations_and_the_iacg_filter(client: TestClient) -> None:
    everything = walk(client, "/v1/organizations?limit=50")
    assert len(everything) == 73
    iacg = walk(client, "/v1/organizations?iacg=true")
    assert len(iacg) == 14
    assert {o["key"] for o in iacg} >= {"unmas", "unicef", *OBSERVERS}
    assert all(o["iacg"] for o in iacg)
    others = walk(client, "/v1/organizations?iacg=false&limit=100")
    assert len(others) == 73 - 14
    assert not any(o["iacg"] for o in others)


def test_organization_detail_lists_its_iacg_roles(client: TestClient) -> None:
    body = client.get("/v1/organizations/unidir").json()
    assert body["name"] == "United Nations Institute for Disarmament Research"
    assert body["acronym"] == "UNIDIR"
    assert [(item["resolution"]["symbol"], item["role"]) for item in body["iacg_listings"]] == [
        ("A/RES/68/72", "member"),
        ("A/RES/72/75", "observer"),
        ("A/RES/76/74", "observer"),
    ]
    unmas = client.get("/v1/organizations/unmas").json()
    assert unmas["parent_organization"]["key"] == "dpo"
    assert "Mine Action Service" in unmas["aliases"]
    assert unmas["cited_by"] == 3


def test_unknown_organization_is_404(client: TestClient) -> None:
    response = client.get("/v1/organizations/unmass")
    assert response.status_code == 404
    assert "unmass" in response.json()["detail"]


def test_iacg_members_default_to_the_latest_list(client: TestClient) -> None:
    body = client.get("/v1/iacg-members?limit=100").json()
    assert body["resolution"]["symbol"] == "A/RES/76/74"
    assert body["total"] == 14
    assert {m["key"] for m in body["items"] if m["role"] == "observer"} == OBSERVERS
    assert body["items"][0] == {
        "key": "unmas",
        "name": "United Nations Mine Action Service",
        "acronym": "UNMAS",
        "role": "member",
        "listed_as": "Mine Action Service of the Department of Peace Operations of the Secretariat",
        "href": f"{BASE}/organizations/unmas",
    }
    assert walk(client, "/v1/iacg-members?limit=5") == body["items"]


@pytest.mark.parametrize(
    ("query", "symbol", "observers"),
    [
        ("resolution=A-RES-68-72", "A/RES/68/72", set()),
        ("resolution=68/72", "A/RES/68/72", set()),
        ("session=72", "A/RES/72/75", OBSERVERS),
    ],
)
def test_iacg_members_of_a_given_resolution(
    client: TestClient, query: str, symbol: str, observers: set[str]
) -> None:
    body = client.get(f"/v1/iacg-members?{query}&limit=100").json()
    assert body["resolution"]["symbol"] == symbol
    assert len(body["items"]) == 14
    assert {m["key"] for m in body["items"] if m["role"] == "observer"} == observers


def test_iacg_members_of_resolutions_without_a_list(client: TestClient) -> None:
    without = client.get("/v1/iacg-members?resolution=A-RES-80-14").json()
    assert (without["resolution"]["symbol"], without["items"], without["total"]) == (
        "A/RES/80/14",
        [],
        0,
    )
    assert client.get("/v1/iacg-members?session=80").json()["resolution"] is None
    missing = client.get("/v1/iacg-members?resolution=A-RES-70-80")
    assert missing.status_code == 404
    assert missing.json()["detail"] == "There is no resolution A/RES/70/80 in the database."


def test_iacg_history_shows_who_became_an_observer(client: TestClient) -> None:
    first = client.get("/v1/iacg-members/history").json()
    assert [r["symbol"] for r in first["resolutions"]] == [
        "A/RES/68/72",
        "A/RES/72/75",
        "A/RES/76/74",
    ]
    entries = walk(client, "/v1/iacg-members/history?limit=4")
    assert len(entries) == 14
    by_key = {entry["key"]: entry for entry in entries}
    for key in OBSERVERS:
        assert [item["role"] for item in by_key[key]["listings"]] == [
            "member",
            "observer",
            "observer",
        ]
        assert by_key[key]["latest_role"] == "observer"
    assert [item["role"] for item in by_key["unicef"]["listings"]] == ["member"] * 3
    assert by_key["unicef"]["latest_role"] == "member"


def test_follow_ups_for_the_seventieth_session(client: TestClient) -> None:
    body = client.get("/v1/follow-ups?target_session=70").json()
    assert body["total"] == 2
    report, item = body["items"]
    assert (report["kind"], report["actor"], report["clause"]) == (
        "report",
        "Secretary-General",
        "op.15",
    )
    assert report["resolution"]["symbol"] == "A/RES/68/72"
    assert report["text"].startswith("Requests the Secretary-General to submit")
    assert report["href"] == f"{BASE}/resolutions/A-RES-68-72/clauses/op.15"
    assert (item["kind"], item["title"], item["clause"]) == (
        "agenda_item",
        "Assistance in mine action",
        "op.16",
    )


@pytest.mark.parametrize(
    ("query", "total"),
    [
        ("", 68),
        ("target_session=81", 49),
        ("kind=agenda_item", 10),  # 80/23 op.4 is a sub-item ("a sub-item entitled")
        ("actor=secretary-general&resolution=A-RES-76-74", 1),
        ("resolution=72/75", 2),
    ],
)
def test_follow_up_filters(client: TestClient, query: str, total: int) -> None:
    body = client.get(f"/v1/follow-ups?{query}").json()
    assert body["total"] == total
    assert len(walk(client, f"/v1/follow-ups?{query}&limit=6")) == total


def test_session_seventy_has_the_mine_action_report_due(client: TestClient) -> None:
    body = client.get("/v1/sessions/70").json()
    assert body["number"] == 70
    assert [(f["kind"], f["clause"]) for f in body["scheduled"]] == [
        ("report", "op.15"),
        ("agenda_item", "op.16"),
    ]
    assert body["adopted"] == []
    assert body["links"] == {
        "resolutions": f"{BASE}/resolutions?session=70",
        "follow_ups": f"{BASE}/follow-ups?target_session=70",
    }


def test_session_eighty_adopted_the_bundled_eightieth_session_texts(client: TestClient) -> None:
    body = client.get("/v1/sessions/80").json()
    assert len(body["adopted"]) == 46
    assert [r["symbol"] for r in body["adopted"][:3]] == ["A/RES/80/1", "A/RES/80/2", "A/RES/80/3"]
    assert body["scheduled"] == []


@pytest.mark.parametrize(("number", "status"), [(999, 404), (0, 422), (1000, 422)])
def test_session_errors(client: TestClient, number: int, status: int) -> None:
    assert client.get(f"/v1/sessions/{number}").status_code == status
