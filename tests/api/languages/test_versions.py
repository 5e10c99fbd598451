"""A resolution in every language it has: `lang`, `Accept-Language`, the languages listed with
links, provenance and fallbacks, clauses by key, and the official XML served unchanged."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from app.config import CORPUS_DIR
from app.core.languages import LANGUAGES
from app.schemas.languages import Language

BASE = "http://testserver/v1"
SIX = ["ar", "zh", "en", "fr", "ru", "es"]
FAMILY = CORPUS_DIR / "akn-mine-family"


def get(client: TestClient, url: str, **headers: str) -> Any:
    response = client.get(url, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


def test_the_language_parameter_and_the_enum_name_the_same_languages() -> None:
    assert [str(code) for code in Language] == list(LANGUAGES)


def test_english_is_the_default_and_lists_the_six_languages(family: TestClient) -> None:
    response = family.get("/v1/resolutions/A-RES-80-74")
    assert response.headers["content-language"] == "en"
    assert response.headers["vary"].startswith("Accept, Accept-Language")
    detail = response.json()
    assert detail["language"] == "en"
    assert detail["title"] == "Assistance in mine action"
    assert [entry["code"] for entry in detail["languages"]] == SIX
    assert detail["languages"][3] == {
        "code": "fr",
        "name": "French",
        "href": f"{BASE}/resolutions/A-RES-80-74?lang=fr",
        "source": "akn4un",
    }
    source = detail["source"]
    assert source["format"] == "akn4un"
    # Relative to the folder the ingest was given, never the ingesting machine's path.
    assert source["file"] == "80session/English/A_RES_80_74-2520096E.xml"
    assert len(source["sha256"]) == 64
    assert detail["fallbacks"] == []


def test_french_detail_has_the_french_text_with_the_english_structure(family: TestClient) -> None:
    english = get(family, "/v1/resolutions/A-RES-80-74")
    french = get(family, "/v1/resolutions/A-RES-80-74?lang=fr")
    assert french["language"] == "fr"
    assert french["title"] == "Assistance à la lutte antimines"
    assert french["source"]["file"] == "80session/French/A_RES_80_74-2520096F.xml"
    assert (len(french["preamble"]), len(french["operative"]), len(french["footnotes"])) == (
        30,
        26,
        10,
    )
    assert [p["key"] for p in french["operative"]] == [p["key"] for p in english["operative"]]
    assert french["operative"][4]["subparagraphs"][4]["key"] == "op.5.e"
    assert french["preamble"][0]["text"].startswith("Rappelant sa résolution 78/70")
    # What is cited and where is the English version's, by clause key.
    assert french["references"] == english["references"]
    assert french["languages"] == english["languages"]


def test_accept_language_picks_the_best_language_the_resolution_has(
    family: TestClient,
) -> None:
    response = family.get(
        "/v1/resolutions/A-RES-80-74", headers={"Accept-Language": "de-CH, zh-Hans;q=0.8"}
    )
    assert response.headers["content-language"] == "zh"
    assert response.json()["title"] == "协助地雷行动"
    # None of those preferred: English.
    text_only = family.get("/v1/resolutions/A-RES-68-72", headers={"Accept-Language": "fr"})
    assert text_only.headers["content-language"] == "en"
    # The parameter wins over the header.
    both = family.get(
        "/v1/resolutions/A-RES-80-74?lang=ru", headers={"Accept-Language": "fr"}
    ).json()
    assert both["language"] == "ru"


def test_kept_renderings_and_etags_are_per_language(family: TestClient) -> None:
    tags = {}
    for lang in ("en", "fr", "en", "fr"):
        response = family.get(f"/v1/resolutions/A-RES-78-70?lang={lang}")
        assert response.json()["language"] == lang
        tags.setdefault(lang, set()).add(response.headers["etag"])
    assert len(tags["en"]) == len(tags["fr"]) == 1
    assert tags["en"] != tags["fr"]
    by_header = family.get("/v1/resolutions/A-RES-78-70", headers={"Accept-Language": "fr"})
    assert by_header.headers["etag"] in tags["fr"]


def test_an_unavailable_language_is_a_404_listing_those_there_are(family: TestClient) -> None:
    response = family.get("/v1/resolutions/A-RES-68-72?lang=fr")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["detail"] == (
        "Resolution A/RES/68/72 is not available in French (fr); available languages: en."
    )
    german = family.get("/v1/resolutions/A-RES-80-74/clauses?lang=de").json()
    assert german["detail"].endswith("available languages: ar, zh, en, fr, ru, es.")


def test_an_unsupported_language_code_is_a_422(family: TestClient) -> None:
    for url in (
        "/v1/resolutions/A-RES-80-74?lang=xx",
        "/v1/resolutions/A-RES-80-74/clauses?lang=english",
        "/v1/resolutions/A-RES-80-74/clauses/op.1?lang=FR",
        "/v1/clauses?lang=klingon",
    ):
        response = family.get(url)
        assert response.status_code == 422, url
        assert response.json()["errors"][0]["loc"][-1] == "lang"


def test_a_text_superseded_by_the_official_xml_is_kept_as_a_fallback(
    family: TestClient,
) -> None:
    detail = get(family, "/v1/resolutions/A-RES-76-74")
    assert detail["source"]["format"] == "akn4un"
    assert [(f["format"], f["file"]) for f in detail["fallbacks"]] == [
        ("pdf-text", "A_RES_76_74.txt")
    ]
    parsed = get(family, "/v1/resolutions/A-RES-72-75")
    assert parsed["source"]["format"] == "pdf-text"
    assert [entry["code"] for entry in parsed["languages"]] == ["en"]


def test_clause_lists_take_the_language_with_the_same_keys(family: TestClient) -> None:
    english = get(family, "/v1/resolutions/A-RES-80-74/clauses?limit=100")["items"]
    for lang in SIX:
        page = get(family, f"/v1/resolutions/A-RES-80-74/clauses?lang={lang}&limit=100")
        assert [item["key"] for item in page["items"]] == [item["key"] for item in english]
        assert page["total"] == len(english) == 30 + 26 + 5
    spanish = get(family, "/v1/resolutions/A-RES-80-74/clauses?lang=es&kind=operative&limit=1")
    item = spanish["items"][0]
    assert item["key"] == "op.1"
    assert item["links"]["self"] == f"{BASE}/resolutions/A-RES-80-74/clauses/op.1?lang=es"
    assert item["text"] != english[30]["text"]


def test_one_clause_in_russian_keeps_its_roman_numbered_items_in_its_text(
    family: TestClient,
) -> None:
    clause = get(family, "/v1/resolutions/A-RES-80-74/clauses/op.5.e?lang=ru")
    assert clause["key"] == "op.5.e"
    assert clause["text"].startswith("оказывать i) техническую помощь")
    assert " ii) " in clause["text"]
    assert clause["subparagraphs"] == []


def test_clauses_across_resolutions_in_a_language_are_those_that_have_it(
    family: TestClient,
) -> None:
    english = get(family, "/v1/clauses?limit=1")["total"]
    french = get(family, "/v1/clauses?lang=fr&limit=5")
    # The parsed English texts (68/72, 72/75) have no French.
    assert 0 < french["total"] < english
    assert {item["resolution"]["symbol"] for item in french["items"]} <= {
        "A/RES/80/35",
        "A/RES/80/52",
        "A/RES/80/68",
        "A/RES/80/74",
    }
    assert all(item["links"]["self"].endswith("?lang=fr") for item in french["items"])


def test_the_official_xml_is_served_unchanged_in_each_language(family: TestClient) -> None:
    for lang, folder, suffix in (("en", "English", "E"), ("fr", "French", "F")):
        response = family.get(f"/v1/resolutions/A-RES-80-74/akn?lang={lang}")
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("application/akn+xml")
        expected = (FAMILY / "80session" / folder / f"A_RES_80_74-2520096{suffix}.xml").read_bytes()
        assert response.content == expected
    by_header = family.get("/v1/resolutions/A-RES-80-74/akn", headers={"Accept-Language": "zh"})
    chinese = (FAMILY / "80session/Chinese/A_RES_80_74-2520096C.xml").read_bytes()
    assert by_header.content == chinese


def test_a_parsed_text_gets_the_projects_own_rendering(family: TestClient) -> None:
    response = family.get("/v1/resolutions/A-RES-68-72/akn")
    assert response.status_code == 200
    assert b'<statement name="resolution" contains="originalVersion">' in response.content
    assert family.get("/v1/resolutions/A-RES-68-72/akn?lang=ar").status_code == 404


def test_the_united_nations_is_credited_as_the_source(family: TestClient) -> None:
    landing = get(family, "/v1")
    source = landing["official_xml"]
    assert source["name"] == "United Nations"
    assert source["url"] == "https://github.com/UNxml/GAresolutions"
    assert "unofficial copies for informational purposes" in source["notice"]
    assert landing["languages"] == ["ar", "zh", "en", "fr", "ru", "es", "de"]
    assert landing["collections"]["resolutions"] == f"{BASE}/resolutions"
    description = get(family, "/openapi.json")["info"]["description"]
    assert source["notice"] in description
    page = family.get("/v1", headers={"Accept": "text/html"}).text
    assert "unofficial copies for informational purposes" in page
