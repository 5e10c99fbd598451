"""Search in each language on the bundled official XML, on both databases: French with stemming
(or, on SQLite, words found by their beginning), Chinese cut into words, Russian, Arabic and
Spanish words, and `GET /v1/clauses?q=...&lang=...`."""

from __future__ import annotations

import re
from typing import Any

from fastapi.testclient import TestClient

from tests.api.conftest import walk


def search(client: TestClient, query: str) -> dict[str, Any]:
    response = client.get(f"/v1/search?{query}")
    assert response.status_code == 200, response.text
    return response.json()


def clause_text(client: TestClient, href: str) -> str:
    response = client.get(href)
    assert response.status_code == 200, response.text
    return str(response.json()["text"])


def test_french_deminage_finds_the_french_clauses_that_say_it(family: TestClient) -> None:
    results = search(family, "q=déminage&lang=fr&in=clause&limit=100")
    assert results["total"] == 24
    for hit in results["items"]:
        assert hit["href"].endswith("?lang=fr")
        assert "<mark>déminage</mark>" in hit["snippet"].lower()
        assert "déminage" in clause_text(family, hit["href"]).lower()
    # The same clauses in English say "demining", not "déminage".
    assert search(family, "q=déminage&limit=5")["total"] == 0


def test_a_french_singular_finds_the_plural(family: TestClient) -> None:
    """`mine` finds the paragraphs that only speak of `mines` (stemming on PostgreSQL, the
    word's beginning on SQLite)."""
    results = search(family, "q=mine&lang=fr&in=clause&limit=100")
    texts = [clause_text(family, hit["href"]) for hit in results["items"]]
    assert texts
    plural_only = [text for text in texts if not re.search(r"\bmine\b", text, re.IGNORECASE)]
    assert plural_only
    assert all(re.search(r"\bmines\b", text, re.IGNORECASE) for text in plural_only)


def test_french_plural_stems_to_the_singular_on_postgresql(
    family: TestClient, backend: str
) -> None:
    results = search(family, "q=déminages&lang=fr&in=clause&limit=5")
    if backend == "postgresql":
        assert results["total"] == 24  # french stemming: déminages -> déminag
    else:
        assert results["total"] == 0  # FTS5 has no French stemmer; déminage* is the way


def test_chinese_words_are_found_in_the_chinese_text(family: TestClient) -> None:
    landmines = search(family, "q=地雷&lang=zh&in=clause&limit=100")
    assert landmines["total"] > 100
    for hit in landmines["items"][:10]:
        assert "<mark>地雷</mark>" in hit["snippet"]
        # A passage of the text as written, not of the words the index holds.
        passage = hit["snippet"].replace("<mark>", "").replace("</mark>", "").strip("…")
        assert passage in clause_text(family, hit["href"])
    demining = search(family, "q=排雷&lang=zh&in=clause&limit=100")
    assert demining["total"] == 8
    assert all("排雷" in clause_text(family, hit["href"]) for hit in demining["items"])
    # A compound is cut into its words: both must be there.
    both = search(family, "q=排雷行动&lang=zh&in=clause&limit=100")
    assert 0 < both["total"] <= demining["total"]
    for hit in both["items"]:
        text = clause_text(family, hit["href"])
        assert "排雷" in text
        assert "行动" in text


def test_russian_arabic_and_spanish_words(family: TestClient) -> None:
    for lang, word in (("ru", "мины"), ("ar", "الألغام"), ("es", "minas")):
        results = search(family, f"q={word}&lang={lang}&limit=20")
        assert results["total"] > 10, lang
        for hit in results["items"]:
            assert hit["href"].endswith(f"?lang={lang}")
            assert "<mark>" in hit["snippet"]


def test_search_filters_apply_in_a_language(family: TestClient) -> None:
    results = search(family, "q=地雷&lang=zh&resolution=A/RES/80/74&kind=operative&limit=100")
    assert results["total"] > 0
    assert {hit["resolution"]["symbol"] for hit in results["items"]} == {"A/RES/80/74"}
    assert {hit["kind"] for hit in results["items"]} == {"operative"}


def test_search_pages_in_a_language_cover_the_results(family: TestClient) -> None:
    first = search(family, "q=мины&lang=ru&limit=100")
    paged = walk(family, "/v1/search?q=мины&lang=ru&limit=7")
    assert len(paged) == first["total"]
    keys = [(hit["href"], hit["in"], hit["footnote"]) for hit in paged]
    assert len(set(keys)) == len(keys)
    assert keys[: len(first["items"])] == [
        (hit["href"], hit["in"], hit["footnote"]) for hit in first["items"]
    ]


def test_clause_list_query_in_a_language(family: TestClient) -> None:
    listed = walk(family, "/v1/clauses?q=排雷&lang=zh&limit=100")
    assert len(listed) == 8
    assert all("排雷" in item["text"] for item in listed)
    assert all(item["links"]["self"].endswith("?lang=zh") for item in listed)


def test_a_french_footnote_is_found_and_cited_as_in_english(family: TestClient) -> None:
    french = search(family, 'q="Recueil des Traités"&lang=fr&resolution=A/RES/80/74')
    [hit] = french["items"]
    assert (hit["in"], hit["footnote"]) == ("footnote", 6)
    # PostgreSQL marks each word of the phrase, FTS5 the phrase.
    assert "<mark>Recueil</mark> des <mark>Traités</mark>" in hit["snippet"].replace(
        "<mark>Recueil des Traités</mark>", "<mark>Recueil</mark> des <mark>Traités</mark>"
    )
    assert hit["href"] == "http://testserver/v1/resolutions/A-RES-80-74?lang=fr"
    # The clauses citing it are those citing the English footnote of the same number.
    english = search(family, 'q="Treaty Series"&resolution=A/RES/80/74&in=footnote&limit=100')
    cited = {item["footnote"]: item["cited_by"] for item in english["items"]}
    assert hit["cited_by"] == cited[6] != []


def test_a_chinese_footnote_and_title_are_found_by_their_words(family: TestClient) -> None:
    footnotes = search(family, "q=条约汇编&lang=zh&resolution=A/RES/80/74")
    [hit] = footnotes["items"]
    assert (hit["in"], hit["footnote"]) == ("footnote", 6)
    assert "《<mark>条约</mark><mark>汇编</mark>》" in hit["snippet"]
    assert hit["href"].endswith("/resolutions/A-RES-80-74?lang=zh")
    titles = search(family, "q=地雷&lang=zh&in=title&resolution=A/RES/80/74")
    [title] = titles["items"]
    assert (title["in"], title["snippet"]) == ("title", "协助<mark>地雷</mark>行动")


def test_accept_language_chooses_the_language_and_lang_wins(family: TestClient) -> None:
    url = "/v1/search?q=déminage&limit=3"
    french = family.get(url, headers={"Accept-Language": "fr-CH, en;q=0.5"})
    assert french.status_code == 200
    assert "Accept-Language" in french.headers["vary"]
    assert french.headers["content-language"] == "fr"
    assert french.json()["items"] == search(family, "q=déminage&lang=fr&limit=3")["items"]
    assert french.json()["total"] > 0
    # The next page says which language it continues, so it needs no header.
    assert "lang=fr" in french.json()["next"]
    assert family.get(french.json()["next"]).json()["items"][0]["href"].endswith("?lang=fr")
    # Kept per language: the same URL without the header is the English search (no French).
    assert family.get(url).json()["total"] == 0
    explicit = family.get(url + "&lang=en", headers={"Accept-Language": "fr"}).json()
    assert explicit["total"] == 0
