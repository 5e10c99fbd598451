"""`Accept-Language` beyond the detail: clause lists, one clause and the exports choose their
language by it as the detail does (`lang` wins), and each clause item says its language and
carries its resolution's title in it."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select

from app.db.models import Resolution, ResolutionVersion
from app.renderings.akn import render_akn
from tests.databases import engine_for

FRENCH_TITLE = "Assistance à la lutte antimines"
RUSSIAN_TITLE = "Помощь в деятельности, связанной с разминированием"


def get(client: TestClient, url: str, **headers: str) -> Any:
    response = client.get(url, headers=headers)
    assert response.status_code == 200, response.text
    return response


def test_clauses_of_a_resolution_follow_accept_language(family: TestClient) -> None:
    response = get(
        family, "/v1/resolutions/A-RES-80-74/clauses?limit=3", **{"Accept-Language": "fr-CA, en"}
    )
    assert response.headers["content-language"] == "fr"
    assert "Accept-Language" in response.headers["vary"]
    items = response.json()["items"]
    assert {item["language"] for item in items} == {"fr"}
    assert items[0]["text"].startswith("Rappelant sa résolution 78/70")
    assert items[0]["resolution"]["title"] == FRENCH_TITLE
    assert items[0]["links"]["self"].endswith("/clauses/pp.1?lang=fr")
    # `lang` wins over the header.
    spanish = get(
        family, "/v1/resolutions/A-RES-80-74/clauses?lang=es&limit=1", **{"Accept-Language": "fr"}
    )
    assert spanish.headers["content-language"] == "es"
    assert spanish.json()["items"][0]["language"] == "es"
    # A resolution without the language preferred is listed in English, and says so.
    parsed = get(family, "/v1/resolutions/A-RES-68-72/clauses?limit=2", **{"Accept-Language": "fr"})
    assert parsed.headers["content-language"] == "en"
    assert [item["language"] for item in parsed.json()["items"]] == ["en", "en"]


def test_kept_clause_pages_are_per_language(family: TestClient) -> None:
    url = "/v1/resolutions/A-RES-78-70/clauses?limit=2"
    english = get(family, url).json()
    chinese = get(family, url, **{"Accept-Language": "zh"}).json()
    again = get(family, url).json()
    assert english == again
    assert [item["language"] for item in english["items"]] == ["en", "en"]
    assert [item["language"] for item in chinese["items"]] == ["zh", "zh"]
    assert chinese["items"][0]["text"] != english["items"][0]["text"]


def test_clauses_across_resolutions_take_each_resolutions_best_language(
    family: TestClient,
) -> None:
    languages: dict[str, set[str]] = {}
    url: str | None = "/v1/clauses?kind=operative&limit=100"
    while url is not None:
        response = get(family, url, **{"Accept-Language": "ru;q=0.9, de"})
        page = response.json()
        order = list(dict.fromkeys(item["language"] for item in page["items"]))
        assert response.headers["content-language"] == ", ".join(order)
        for item in page["items"]:
            languages.setdefault(item["resolution"]["symbol"], set()).add(item["language"])
            if item["resolution"]["symbol"] == "A/RES/80/74":
                assert item["resolution"]["title"] == RUSSIAN_TITLE
        url = page["next"]
    # The official XML's resolutions in Russian, the parsed English-only texts in English.
    assert languages["A/RES/80/74"] == {"ru"}
    assert languages["A/RES/76/74"] == {"ru"}
    assert languages["A/RES/68/72"] == languages["A/RES/72/75"] == {"en"}


def test_clause_items_in_a_language_have_the_title_in_it(family: TestClient) -> None:
    french = get(family, "/v1/clauses?lang=fr&resolution=A-RES-80-74&limit=2").json()
    assert [item["language"] for item in french["items"]] == ["fr", "fr"]
    assert {item["resolution"]["title"] for item in french["items"]} == {FRENCH_TITLE}
    english = get(family, "/v1/clauses?resolution=A-RES-80-74&limit=1").json()["items"][0]
    assert (english["language"], english["resolution"]["title"]) == (
        "en",
        "Assistance in mine action",
    )


def test_one_clause_follows_accept_language(family: TestClient) -> None:
    response = get(
        family, "/v1/resolutions/A-RES-80-74/clauses/op.5.e", **{"Accept-Language": "ru"}
    )
    assert response.headers["content-language"] == "ru"
    assert "Accept-Language" in response.headers["vary"]
    clause = response.json()
    assert clause["language"] == "ru"
    assert clause["text"].startswith("оказывать i) техническую помощь")
    assert clause["resolution"]["title"] == RUSSIAN_TITLE
    assert clause["links"]["self"].endswith("/clauses/op.5.e?lang=ru")
    text_only = get(family, "/v1/resolutions/A-RES-68-72/clauses/op.1", **{"Accept-Language": "ru"})
    assert text_only.headers["content-language"] == "en"
    assert text_only.json()["language"] == "en"
    assert family.get("/v1/resolutions/A-RES-68-72/clauses/op.1?lang=ru").status_code == 404


def test_exports_follow_accept_language(family: TestClient) -> None:
    response = get(family, "/v1/export/clauses.csv?bom=false", **{"Accept-Language": "es, fr"})
    assert response.headers["content-language"] == "es"
    assert "Accept-Language" in response.headers["vary"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert {row["language"] for row in rows} == {"es"}
    assert rows == list(
        csv.DictReader(io.StringIO(get(family, "/v1/export/clauses.csv?bom=false&lang=es").text))
    )
    documents = get(family, "/v1/export/resolutions.jsonl", **{"Accept-Language": "zh"})
    assert documents.headers["content-language"] == "zh"
    lines = [json.loads(line) for line in documents.text.splitlines()]
    assert len(lines) == 28
    assert {line["language"] for line in lines} == {"zh"}
    # `lang` wins; `all` lists every language.
    both = get(family, "/v1/export/resolutions.jsonl?lang=en", **{"Accept-Language": "zh"})
    assert both.headers["content-language"] == "en"
    every = get(family, "/v1/export/clauses.csv?lang=all", **{"Accept-Language": "zh"})
    assert every.headers["content-language"] == "ar, zh, en, fr, ru, es, de"
    assert "content-language" not in get(family, "/v1/export/votes.csv").headers


def test_every_stored_version_says_its_language(family_url: str) -> None:
    engine = engine_for(family_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                select(ResolutionVersion.language, ResolutionVersion.document)
                .join(Resolution)
                .where(Resolution.slug.in_(["A-RES-80-74", "A-RES-68-72"]))
            ).all()
    finally:
        engine.dispose()
    assert sorted(language for language, _ in rows) == ["ar", "en", "en", "es", "fr", "ru", "zh"]
    for language, document in rows:
        assert document["language"] == language
    french = next(document for language, document in rows if language == "fr")
    rendered = render_akn(french).decode()
    assert '<FRBRlanguage language="fra"/>' in rendered
    assert "/fra@2025-12-05/!main" in rendered
