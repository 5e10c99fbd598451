"""`/v1/resolutions` on the real corpus, on SQLite and PostgreSQL: list, filters, detail, ids."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.db.models import Resolution
from app.ingest.stored_refresh import render_all
from app.main import create_app
from tests.api.conftest import CORPUS_FILES, ingest_corpus, walk
from tests.databases import engine_for

BASE = "http://testserver/v1"
MINE_ACTION = ["A/RES/76/74", "A/RES/72/75", "A/RES/68/72"]


def symbols(items: list[dict[str, Any]]) -> list[str]:
    return [item["symbol"] for item in items]


def test_list_is_newest_first_with_counts_and_links(client: TestClient) -> None:
    body = client.get("/v1/resolutions").json()
    assert body["total"] == CORPUS_FILES
    assert body["limit"] == 20
    assert len(body["items"]) == 20
    # 80/12 to 80/55 were all adopted on 1 December 2025: then by number, highest first.
    assert symbols(body["items"])[:3] == ["A/RES/80/55", "A/RES/80/54", "A/RES/80/50"]
    everything = walk(client, "/v1/resolutions?limit=100")
    assert symbols(everything)[-3:] == MINE_ACTION
    dates = [item["adopted_on"] for item in everything]
    assert dates == sorted(dates, reverse=True)
    assert everything[-1].pop("updated_at").endswith("Z")
    assert everything[-1] == {
        "id": "A-RES-68-72",
        "symbol": "A/RES/68/72",
        "body": "General Assembly",
        "session": 68,
        "number": 72,
        "title": "Assistance in mine action",
        "adopted_on": "2013-12-11",
        # Read from a text: no official record, so no adoption summary.
        "adoption": None,
        "counts": {"preambular": 13, "operative": 16, "subparagraphs": 5, "follow_ups": 2},
        "links": {
            "self": f"{BASE}/resolutions/A-RES-68-72",
            "clauses": f"{BASE}/resolutions/A-RES-68-72/clauses",
        },
    }


@pytest.mark.parametrize(
    "sort",
    ["-adopted_on", "adopted_on", "symbol", "updated_at"],
    ids=["newest", "oldest", "symbol", "updated"],
)
def test_pages_cover_the_list_without_gaps_or_repeats(client: TestClient, sort: str) -> None:
    whole = client.get(f"/v1/resolutions?sort={sort}&limit=100").json()["items"]
    paged = walk(client, f"/v1/resolutions?sort={sort}&limit=7")
    assert len(whole) == CORPUS_FILES
    assert symbols(paged) == symbols(whole)


def test_sort_orders(client: TestClient) -> None:
    oldest = symbols(client.get("/v1/resolutions?sort=adopted_on&limit=4").json()["items"])
    assert oldest == ["A/RES/68/72", "A/RES/72/75", "A/RES/76/74", "A/RES/80/1"]
    by_symbol = symbols(client.get("/v1/resolutions?sort=symbol&limit=100").json()["items"])
    # Session then number, as numbers: 80/2 before 80/10.
    assert by_symbol[:6] == [*reversed(MINE_ACTION), "A/RES/80/1", "A/RES/80/2", "A/RES/80/3"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("session=68", ["A/RES/68/72"]),
        ("year=2017", ["A/RES/72/75"]),
        ("adopted_after=2013-12-11&adopted_before=2021-12-09", MINE_ACTION),
        ("adopted_after=2014-01-01&adopted_before=2021-12-08", ["A/RES/72/75"]),
        ("symbol=A/RES/72/75", ["A/RES/72/75"]),
        ("symbol=A-RES-72-75", ["A/RES/72/75"]),
        ("symbol=72/75", ["A/RES/72/75"]),
        ("treaty=apmbc", MINE_ACTION),
        ("treaty=ccm", MINE_ACTION),
        ("organization=unidir", ["A/RES/80/55", *MINE_ACTION]),
        ("organization=world-bank", MINE_ACTION),
        ("cites=A/RES/66/69", ["A/RES/68/72"]),
        ("cites=70/80", ["A/RES/72/75"]),
        ("cites=A-RES-74-80", ["A/RES/76/74"]),
        ("q=landmines", ["A/RES/68/72"]),
        ('q="victim assistance"', ["A/RES/76/74", "A/RES/72/75", "A/RES/68/72"]),
        ("q=the", []),
        ("body=general assembly&session=76", ["A/RES/76/74"]),
        ("treaty=no-such-treaty", []),
    ],
)
def test_filters(client: TestClient, query: str, expected: list[str]) -> None:
    body = client.get(f"/v1/resolutions?{query}&limit=100").json()
    assert symbols(body["items"]) == expected
    assert body["total"] == len(expected)


def test_session_and_year_filters_on_the_eightieth_session(client: TestClient) -> None:
    body = client.get("/v1/resolutions?session=80&year=2025").json()
    assert body["total"] == 46
    assert len(walk(client, "/v1/resolutions?session=80&limit=10")) == 46


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("session=0", "session"),
        ("year=abc", "year"),
        ("adopted_after=2013-13-01", "adopted_after"),
        ("adopted_after=2020-01-01&adopted_before=2019-01-01", "adopted_before"),
        ("symbol=hello", "symbol"),
        ("cites=not a symbol", "cites"),
        ("treaty=Not%20A%20Key", "treaty"),
        ("sort=title", "sort"),
        ("q=-victims", "q"),
        ("q=" + "mine+" * 300, "q"),
        ("body=a%00b", "body"),
        ("colour=blue", "colour"),
    ],
)
def test_bad_filters_are_422_naming_the_parameter(
    client: TestClient, query: str, parameter: str
) -> None:
    response = client.get(f"/v1/resolutions?{query}")
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 422
    assert parameter in body["detail"] or parameter in str(body["errors"])
    assert [error["loc"][-1] for error in body["errors"]] == [parameter]


def test_detail_of_68_72(client: TestClient) -> None:
    response = client.get("/v1/resolutions/A-RES-68-72")
    assert response.status_code == 200
    body = response.json()
    assert {key: body[key] for key in ("id", "symbol", "body", "session", "number")} == {
        "id": "A-RES-68-72",
        "symbol": "A/RES/68/72",
        "body": "General Assembly",
        "session": 68,
        "number": 72,
    }
    assert body["title"] == "Assistance in mine action"
    assert body["adopted_on"] == "2013-12-11"
    assert body["plenary_meeting"] == 65

    assert len(body["preamble"]) == 13
    assert [p["key"] for p in body["preamble"]] == [f"pp.{n}" for n in range(1, 14)]
    assert body["preamble"][1] == {
        "key": "pp.2",
        "number": 2,
        "lead": "Recalling also",
        "text": "Recalling also all relevant treaties and conventions and their review processes,",
        "footnotes": [1],
    }
    assert len(body["operative"]) == 16
    op3 = body["operative"][2]
    assert op3["verb"] == "Urges"
    assert [sub["label"] for sub in op3["subparagraphs"]] == ["a", "b", "c", "d", "e"]
    e = op3["subparagraphs"][4]
    # "(i) ... and (ii) ..." is part of the sentence of (e), as the UN's own markup has it.
    assert e["text"].startswith("Technological assistance (i) to countries affected by mines")
    assert e["subparagraphs"] == []

    assert [note["number"] for note in body["footnotes"]] == [1, 2, 3, 4, 5, 6, 7]
    assert body["footnotes"][0]["cited_in"] == ["pp.2"]
    treaties = {t["key"]: t for t in body["references"]["treaties"]}
    assert {key for key, t in treaties.items() if "fn.1" in t["cited_in"]} == {
        "apmbc",
        "ccw-amended-protocol-ii",
        "ccw-protocol-v",
        "ccm",
        "geneva-additional-protocol-i",
        "crpd",
    }
    assert treaties["ccm"]["href"] == f"{BASE}/treaties/ccm"
    assert [d["symbol"] for d in body["references"]["documents"]] == [
        "A/68/63",
        "A/68/63/Add.1",
        "A/68/305",
    ]

    assert len(body["iacg"]) == 14
    assert {entity["role"] for entity in body["iacg"]} == {"member"}
    assert body["iacg"][0] == {
        "key": "unmas",
        "name": "United Nations Mine Action Service",
        "acronym": "UNMAS",
        "role": "member",
    }
    assert body["follow_ups"] == [
        {
            "kind": "report",
            "actor": "Secretary-General",
            "target_session": 70,
            "title": None,
            "clause": "op.15",
        },
        {
            "kind": "agenda_item",
            "actor": "General Assembly",
            "target_session": 70,
            "title": "Assistance in mine action",
            "clause": "op.16",
        },
    ]
    assert body["links"] == {
        "self": f"{BASE}/resolutions/A-RES-68-72",
        "clauses": f"{BASE}/resolutions/A-RES-68-72/clauses",
        "akn": f"{BASE}/resolutions/A-RES-68-72/akn",
        "previous": None,
        "next": f"{BASE}/resolutions/A-RES-72-75",
        "changes": None,
    }


def test_cited_resolution_outside_the_database_has_no_link(client: TestClient) -> None:
    cited = client.get("/v1/resolutions/A-RES-68-72").json()["references"]["resolutions"]
    assert cited == [
        {
            "symbol": "A/RES/66/69",
            "id": "A-RES-66-69",
            "adopted_on": "2011-12-09",
            "mentions": ["66/69 of 9 December 2011"],
            "cited_in": ["pp.1"],
            "in_database": False,
            "href": None,
        }
    ]


def test_series_links_run_through_the_mine_action_resolutions(client: TestClient) -> None:
    links = {
        slug: client.get(f"/v1/resolutions/{slug}").json()["links"]
        for slug in ("A-RES-68-72", "A-RES-72-75", "A-RES-76-74")
    }
    assert links["A-RES-72-75"]["previous"] == f"{BASE}/resolutions/A-RES-68-72"
    assert links["A-RES-72-75"]["next"] == f"{BASE}/resolutions/A-RES-76-74"
    assert links["A-RES-76-74"]["previous"] == f"{BASE}/resolutions/A-RES-72-75"
    assert links["A-RES-76-74"]["next"] is None
    assert links["A-RES-76-74"]["changes"] == f"{BASE}/resolutions/A-RES-76-74/changes"
    alone = client.get("/v1/resolutions/A-RES-80-14").json()["links"]
    assert (alone["previous"], alone["next"]) == (None, None)


@pytest.mark.parametrize("slug", ["A-RES-72-75", "A-RES-76-74"])
def test_later_resolutions_list_unidir_and_the_world_bank_as_observers(
    client: TestClient, slug: str
) -> None:
    iacg = client.get(f"/v1/resolutions/{slug}").json()["iacg"]
    assert len(iacg) == 14
    assert [entity["key"] for entity in iacg if entity["role"] == "observer"] == [
        "unidir",
        "world-bank",
    ]


@pytest.mark.parametrize(
    ("path", "location"),
    [
        ("/v1/resolutions/A%2FRES%2F68%2F72", "/v1/resolutions/A-RES-68-72"),
        ("/v1/resolutions/A/RES/68/72", "/v1/resolutions/A-RES-68-72"),
        ("/v1/resolutions/68/72", "/v1/resolutions/A-RES-68-72"),
        ("/v1/resolutions/a-res-68-72", "/v1/resolutions/A-RES-68-72"),
        ("/v1/resolutions/68%2F72/clauses?kind=operative", "/v1/resolutions/A-RES-68-72/clauses"),
        ("/v1/resolutions/A/RES/68/72/clauses/op.3", "/v1/resolutions/A-RES-68-72/clauses/op.3"),
        ("/v1/resolutions/?session=68", "/v1/resolutions"),
    ],
)
def test_other_forms_of_the_id_redirect_to_the_canonical_url(
    client: TestClient, path: str, location: str
) -> None:
    response = client.get(path, follow_redirects=False)
    assert response.status_code == 301
    query = path.partition("?")[2]
    assert response.headers["location"] == f"http://testserver{location}" + (
        f"?{query}" if query else ""
    )
    assert client.get(path).json() == client.get(location + (f"?{query}" if query else "")).json()


@pytest.mark.parametrize(
    ("path", "detail"),
    [
        ("/v1/resolutions/A-RES-68-99", "There is no resolution A/RES/68/99 in the database."),
        ("/v1/resolutions/68/99", "There is no resolution A/RES/68/99 in the database."),
        ("/v1/resolutions/A%2FRES%2F99%2F1", "There is no resolution A/RES/99/1 in the database."),
        (
            "/v1/resolutions/mine-action",
            "'mine-action' is not a resolution id or symbol (e.g. A-RES-68-72 or A/RES/68/72).",
        ),
        (
            "/v1/resolutions/A-RES-68-99/clauses",
            "There is no resolution A/RES/68/99 in the database.",
        ),
    ],
)
def test_unknown_resolution_is_a_404_naming_it(client: TestClient, path: str, detail: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["detail"] == detail


def test_cited_resolution_in_the_database_links_to_it(fresh_database_url: str) -> None:
    """66/69 is not in the bundled corpus; once a row for it exists, 68/72's citation links it."""
    ingest_corpus(fresh_database_url)
    engine = engine_for(fresh_database_url)
    with engine.begin() as connection:
        connection.execute(
            Resolution.__table__.insert().values(
                symbol="A/RES/66/69",
                slug="A-RES-66-69",
                body="General Assembly",
                session=66,
                number=69,
                title="Assistance in mine action",
                adopted_on=date(2011, 12, 9),
                series_key="assistance-in-mine-action",
            )
        )
    # A row written by hand: the stored details are rendered again, as README says to.
    render_all(engine)
    engine.dispose()
    with TestClient(create_app(Settings(database_url=fresh_database_url))) as client:
        body = client.get("/v1/resolutions/A-RES-68-72").json()
        # The row alone, no text in any language: nothing stored, and a 404 that says so.
        bare = client.get("/v1/resolutions/A-RES-66-69")
    assert bare.status_code == 404
    assert bare.json()["detail"].endswith("has no text to serve yet.")
    assert body["references"]["resolutions"][0]["in_database"] is True
    assert body["references"]["resolutions"][0]["href"] == f"{BASE}/resolutions/A-RES-66-69"
    assert body["links"]["previous"] == f"{BASE}/resolutions/A-RES-66-69"
    assert body["series"]["previous"] == {
        "symbol": "A/RES/66/69",
        "id": "A-RES-66-69",
        "adopted_on": "2011-12-09",
        "in_database": True,
        "href": f"{BASE}/resolutions/A-RES-66-69",
    }
