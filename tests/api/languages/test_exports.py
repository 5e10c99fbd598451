"""Exports in a language: clauses.csv with its `language` column (one language or all), and
the JSON Lines documents of the versions served in a language."""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from typing import Any

from fastapi.testclient import TestClient

from tests.api.conftest import walk


def csv_rows(client: TestClient, url: str) -> list[dict[str, str]]:
    response = client.get(url)
    assert response.status_code == 200, response.text
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_clauses_csv_in_french_is_the_french_clause_list(family: TestClient) -> None:
    rows = csv_rows(family, "/v1/export/clauses.csv?lang=fr")
    assert {row["language"] for row in rows} == {"fr"}
    api = walk(family, "/v1/clauses?lang=fr&limit=100")
    assert len(rows) == len(api)
    exported = {(row["resolution_id"], row["key"]): row for row in rows}
    for item in api:
        row = exported[(item["resolution"]["id"], item["key"])]
        assert (row["text"], row["kind"], row["parent"]) == (
            item["text"],
            item["kind"],
            item["parent"] or "",
        )


def test_clauses_csv_in_every_language_aligns_keys(family: TestClient) -> None:
    rows = csv_rows(family, "/v1/export/clauses.csv?lang=all&bom=false")
    keys: dict[str, list[str]] = defaultdict(list)
    languages: list[str] = []
    for row in rows:
        if row["resolution_id"] != "A-RES-80-74":
            continue
        keys[row["language"]].append(row["key"])
        if row["language"] not in languages:
            languages.append(row["language"])
    assert languages == ["en", "ar", "zh", "fr", "ru", "es"]
    assert all(found == keys["en"] for found in keys.values())
    assert len(keys["en"]) == 61
    # The treaties are the English clause's in every language.
    treaties = {
        row["language"]: row["treaties"]
        for row in rows
        if (row["resolution_id"], row["key"]) == ("A-RES-80-74", "pp.3")
    }
    assert len(set(treaties.values())) == 1
    english_only = csv_rows(family, "/v1/export/clauses.csv")
    assert {row["language"] for row in english_only} == {"en"}
    assert len(rows) > 5 * len(english_only) // 2


def test_documents_in_a_language_are_the_details_in_that_language(family: TestClient) -> None:
    response = family.get("/v1/export/resolutions.jsonl?lang=zh")
    assert response.status_code == 200
    documents: list[dict[str, Any]] = [json.loads(line) for line in response.text.splitlines()]
    assert len(documents) == 28  # the official XML's resolutions; the parsed texts are English
    for document in documents:
        assert document["language"] == "zh"
        detail = family.get(f"/v1/resolutions/{document['id']}?lang=zh").json()
        assert document == detail


def test_an_unknown_export_language_is_a_422(family: TestClient) -> None:
    assert family.get("/v1/export/clauses.csv?lang=xx").status_code == 422
    assert family.get("/v1/export/resolutions.jsonl?lang=all").status_code == 422
