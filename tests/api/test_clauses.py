"""Clauses one by one: within a resolution, across resolutions, and a single clause."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import walk

BASE = "http://testserver/v1"


def places(items: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(item["resolution"]["symbol"], item["key"]) for item in items]


def test_clauses_of_68_72_in_document_order(client: TestClient) -> None:
    items = walk(client, "/v1/resolutions/A-RES-68-72/clauses?limit=8")
    keys = [item["key"] for item in items]
    assert len(items) == 34
    assert keys[:13] == [f"pp.{n}" for n in range(1, 14)]
    assert keys[13:23] == [
        "op.1",
        "op.2",
        "op.3",
        "op.3.a",
        "op.3.b",
        "op.3.c",
        "op.3.d",
        "op.3.e",
        "op.4",
        "op.5",
    ]
    assert keys[-1] == "op.16"
    by_key = {item["key"]: item for item in items}
    assert by_key["op.3.e"]["parent"] == "op.3"
    assert by_key["pp.12"]["footnotes"] == [5, 6]
    assert by_key["op.3.e"] == {
        "resolution": {
            "id": "A-RES-68-72",
            "symbol": "A/RES/68/72",
            "title": "Assistance in mine action",
            "session": 68,
            "adopted_on": "2013-12-11",
            "href": f"{BASE}/resolutions/A-RES-68-72",
        },
        "language": "en",
        "key": "op.3.e",
        "kind": "subparagraph",
        "number": None,
        "label": "e",
        "lead": None,
        "verb": None,
        "text": "Technological assistance (i) to countries affected by mines and explosive "
        "remnants of war; and (ii) to promote user-oriented scientific research on and "
        "development of mine-action techniques and technology that are effective, sustainable, "
        "appropriate and environmentally sound;",
        "parent": "op.3",
        "footnotes": [],
        "links": {
            "self": f"{BASE}/resolutions/A-RES-68-72/clauses/op.3.e",
            "resolution": f"{BASE}/resolutions/A-RES-68-72",
        },
    }


@pytest.mark.parametrize(
    ("kind", "count"), [("preambular", 13), ("operative", 16), ("subparagraph", 5)]
)
def test_clauses_of_68_72_by_kind(client: TestClient, kind: str, count: int) -> None:
    body = client.get(f"/v1/resolutions/A-RES-68-72/clauses?kind={kind}&limit=100").json()
    assert body["total"] == count
    assert {item["kind"] for item in body["items"]} == {kind}


def test_one_clause_with_its_subparagraphs(client: TestClient) -> None:
    body = client.get("/v1/resolutions/A-RES-68-72/clauses/op.3").json()
    assert body["verb"] == "Urges"
    assert body["number"] == 3
    assert [sub["key"] for sub in body["subparagraphs"]] == [
        "op.3.a",
        "op.3.b",
        "op.3.c",
        "op.3.d",
        "op.3.e",
    ]
    assert body["subparagraphs"][4]["subparagraphs"] == []
    assert body["links"]["self"] == f"{BASE}/resolutions/A-RES-68-72/clauses/op.3"


def test_a_nested_subparagraph(client: TestClient) -> None:
    body = client.get("/v1/resolutions/A-RES-80-11/clauses/op.1.b.ii").json()
    assert body["kind"] == "subparagraph"
    assert body["label"] == "ii"
    assert body["parent"] == "op.1.b"
    assert body["text"].startswith("Inviting international financial institutions")
    assert body["subparagraphs"] == []


def test_a_clause_shows_its_footnotes_and_what_they_cite(client: TestClient) -> None:
    body = client.get("/v1/resolutions/A-RES-68-72/clauses/pp.2").json()
    assert body["footnotes"] == [1]
    assert [note["number"] for note in body["notes"]] == [1]
    assert body["notes"][0]["text"].startswith(
        "These include the Convention on the Prohibition of the Use, Stockpiling, Production"
    )
    assert [t["key"] for t in body["references"]["treaties"]] == [
        "apmbc",
        "ccw-amended-protocol-ii",
        "ccw-protocol-v",
        "ccm",
        "geneva-additional-protocol-i",
        "crpd",
    ]
    assert {place for t in body["references"]["treaties"] for place in t["cited_in"]} == {"fn.1"}
    assert body["references"]["resolutions"] == []


def test_a_clause_citing_a_resolution(client: TestClient) -> None:
    body = client.get("/v1/resolutions/A-RES-68-72/clauses/pp.1").json()
    assert [r["symbol"] for r in body["references"]["resolutions"]] == ["A/RES/66/69"]
    assert body["references"]["resolutions"][0]["in_database"] is False


@pytest.mark.parametrize(
    ("path", "detail"),
    [
        (
            "/v1/resolutions/A-RES-68-72/clauses/op.17",
            "Resolution A/RES/68/72 has no clause op.17.",
        ),
        (
            "/v1/resolutions/A-RES-68-72/clauses/op.3.f",
            "Resolution A/RES/68/72 has no clause op.3.f.",
        ),
        (
            "/v1/resolutions/A-RES-68-72/clauses/paragraph-3",
            "'paragraph-3' is not a clause key (e.g. pp.2, op.3, op.3.e.ii).",
        ),
        (
            "/v1/resolutions/A-RES-68-99/clauses/op.1",
            "There is no resolution A/RES/68/99 in the database.",
        ),
    ],
)
def test_unknown_clause_is_a_404_naming_it(client: TestClient, path: str, detail: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert response.json()["detail"] == detail


def test_clauses_across_resolutions_newest_first(client: TestClient) -> None:
    body = client.get("/v1/clauses?limit=3").json()
    assert body["total"] == 1312
    assert places(body["items"]) == [
        ("A/RES/80/55", "pp.1"),
        ("A/RES/80/55", "pp.2"),
        ("A/RES/80/55", "pp.3"),
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "lead=recalling also&session=72",
            [("A/RES/72/75", "pp.2")],
        ),
        (
            "verb=Urges&resolution=A-RES-68-72",
            [("A/RES/68/72", "op.3"), ("A/RES/68/72", "op.5")],
        ),
        (
            # pp.2 through its footnote 1; 72/75's pp.3 names the convention in its text.
            "treaty=apmbc",
            [
                ("A/RES/76/74", "pp.2"),
                ("A/RES/72/75", "pp.2"),
                ("A/RES/72/75", "pp.3"),
                ("A/RES/68/72", "pp.2"),
            ],
        ),
        (
            "organization=world-bank",
            [("A/RES/76/74", "pp.14"), ("A/RES/72/75", "pp.12"), ("A/RES/68/72", "pp.7")],
        ),
        (
            "kind=subparagraph&resolution=68/72",
            [
                ("A/RES/68/72", key)
                for key in (
                    "op.3.a",
                    "op.3.b",
                    "op.3.c",
                    "op.3.d",
                    "op.3.e",
                )
            ],
        ),
        (
            'q="explosive remnants of war"&resolution=A/RES/68/72&kind=subparagraph',
            [("A/RES/68/72", key) for key in ("op.3.a", "op.3.b", "op.3.d", "op.3.e")],
        ),
    ],
)
def test_clause_filters(client: TestClient, query: str, expected: list[tuple[str, str]]) -> None:
    body = client.get(f"/v1/clauses?{query}&limit=100").json()
    assert places(body["items"]) == expected
    assert body["total"] == len(expected)


def test_clause_pages_cover_the_list_without_gaps_or_repeats(client: TestClient) -> None:
    whole = walk(client, "/v1/clauses?session=80&limit=100")
    paged = walk(client, "/v1/clauses?session=80&limit=37")
    assert len(whole) == 1312 - 34 - 48 - 54  # all but the three mine-action resolutions
    assert places(paged) == places(whole)
    assert len(set(places(paged))) == len(paged)
