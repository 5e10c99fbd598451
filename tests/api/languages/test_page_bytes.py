"""The new parameters held to their models, byte for byte, on both databases: lists in a
language page like the English ones (tests/api/test_page_bytes.py), and a detail in a language
is what ResolutionDetail writes."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.schemas.clauses import ClausePage
from app.schemas.common import Page
from app.schemas.member_states import StateSponsorshipPage
from app.schemas.resolutions import ResolutionDetail
from app.schemas.search import SearchPage
from app.schemas.subjects import SubjectPage
from app.schemas.votes import StateVotePage
from tests.api.test_page_bytes import page_through

pytestmark = pytest.mark.filterwarnings("error:Pydantic serializer warnings")

LISTINGS = [
    ("/v1/resolutions/A-RES-80-74/clauses?lang=fr&limit=11", ClausePage),
    ("/v1/clauses?lang=zh&session=80&limit=13", ClausePage),
    ("/v1/clauses?q=minas&lang=es&limit=9", ClausePage),
    ("/v1/search?q=地雷&lang=zh&limit=17", SearchPage),
    ("/v1/search?q=mines&lang=fr&limit=9", SearchPage),
    ("/v1/search?q=الألغام&lang=ar&limit=8", SearchPage),
    ("/v1/member-states/aut/sponsorships?limit=3", StateSponsorshipPage),
    ("/v1/member-states/usa/votes?limit=4", StateVotePage),
    ("/v1/subjects?limit=9", SubjectPage),
]


@pytest.mark.parametrize(("url", "model"), LISTINGS, ids=[url for url, _ in LISTINGS])
def test_pages_in_a_language_are_what_the_model_writes(
    family: TestClient, url: str, model: type[Page[Any]]
) -> None:
    pages = page_through(family, url, model)
    assert len(pages) > 1
    items = [item for page in pages for item in page["items"]]
    larger = url.replace(f"limit={pages[0]['limit']}", "limit=100")
    whole = [item for page in page_through(family, larger, model) for item in page["items"]]
    assert items == whole
    total = pages[0]["total"]
    assert total == len(items)


@pytest.mark.parametrize("lang", ["ar", "zh", "en", "fr", "ru", "es"])
def test_a_detail_in_a_language_is_what_the_model_writes(family: TestClient, lang: str) -> None:
    for slug in ("A-RES-80-74", "A-RES-79-53", "A-RES-76-74"):
        response = family.get(f"/v1/resolutions/{slug}?lang={lang}")
        assert response.status_code == 200, response.text
        written = ResolutionDetail.model_validate_json(response.content).model_dump_json()
        assert response.content == written.encode("utf-8")
