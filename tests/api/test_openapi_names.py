"""The OpenAPI document as client generators read it: an id and a summary for people on every
operation, a description on every tag, examples of cursors that their own list accepts, and
the XML and JSON Lines media types."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.api.operations import OPERATIONS

_CAMEL_CASE = re.compile(r"[a-z]+(?:[A-Z][a-z0-9]*)+")


def _operations(client: TestClient) -> list[tuple[str, dict[str, Any]]]:
    schema = client.get("/openapi.json").json()
    paths = schema["paths"].items()
    return [(path, operation) for path, ops in paths for operation in ops.values()]


def test_every_operation_has_an_id_and_a_summary_for_people(client: TestClient) -> None:
    operations = _operations(client)
    ids = [operation["operationId"] for _, operation in operations]
    assert len(ids) == len(set(ids))
    for path, operation in operations:
        assert _CAMEL_CASE.fullmatch(operation["operationId"]), operation["operationId"]
        assert "_" not in operation["operationId"]  # not FastAPI's `get_x_v1_x_get`
        summary = operation["summary"]
        # A sentence, not a function name in title case ("List Resolutions").
        assert summary[0].isupper(), summary
        assert summary[1:] != summary[1:].title(), summary
        assert OPERATIONS[path].id == operation["operationId"]
    assert {"listResolutions", "getResolution", "searchClauses", "listChanges"} <= set(ids)


def test_every_tag_is_described(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    described = {tag["name"]: tag["description"] for tag in schema["tags"]}
    used = {tag for _, operation in _operations(client) for tag in operation.get("tags", [])}
    assert used <= set(described), used - set(described)
    assert all(len(text) > 20 for text in described.values())


def _cursor_lists(client: TestClient) -> list[tuple[str, str]]:
    """(URL of the list, its example cursor) for every list with a cursor."""
    lists = []
    for path, operation in _operations(client):
        for parameter in operation.get("parameters", []):
            if parameter["name"] == "cursor":
                key = "usa" if path.startswith("/v1/member-states/") else "apmbc"
                url = path.replace("{id}", "A-RES-68-72").replace("{key}", key)
                lists.append((url, parameter["example"]))
    return lists


def test_each_list_s_example_cursor_is_one_that_list_accepts(client: TestClient) -> None:
    lists = _cursor_lists(client)
    assert len(lists) == 16
    for url, cursor in lists:
        params = {"cursor": cursor, "q": "mine"} if url == "/v1/search" else {"cursor": cursor}
        response = client.get(url, params=params)
        assert response.status_code == 200, (url, response.text)
    # And another list's example is refused: one shared example would not do.
    (first, cursor), (second, _) = lists[0], lists[3]
    assert client.get(second, params={"cursor": cursor}).status_code == 422, (first, second)


@pytest.mark.parametrize(
    ("path", "media_type"),
    [
        ("/v1/resolutions/{id}", "application/akn+xml"),
        ("/v1/resolutions/{id}/akn", "application/akn+xml"),
        ("/v1/export/resolutions.jsonl", "application/x-ndjson"),
        ("/v1/export/clauses.csv", "text/csv"),
    ],
)
def test_the_xml_and_json_lines_media_types_are_documented(
    client: TestClient, path: str, media_type: str
) -> None:
    schema = client.get("/openapi.json").json()
    assert media_type in schema["paths"][path]["get"]["responses"]["200"]["content"]
