"""Resolution identifiers of regular, special and emergency special sessions: every accepted
form normalises to the stored symbol, and the URL-safe id round-trips."""

from __future__ import annotations

import pytest

from app.core.identifiers import canonical_slug, normalize_symbol, slug_for_symbol


@pytest.mark.parametrize(
    ("forms", "symbol", "slug"),
    [
        (["A/RES/68/72", "68/72", "a-res-68-72", "A-RES-68-72"], "A/RES/68/72", "A-RES-68-72"),
        (["A/RES/54/54 B", "54/54B", "A-RES-54-54-B"], "A/RES/54/54 B", "A-RES-54-54-B"),
        (
            ["A/RES/ES-10/21", "ES-10/21", "es-10/21", "ES\u201110/21", "a-res-es-10-21"],
            "A/RES/ES-10/21",
            "A-RES-ES-10-21",
        ),
        (["A/RES/S-27/2", "S-27/2", "s-27/2", "A-RES-S-27-2"], "A/RES/S-27/2", "A-RES-S-27-2"),
        (["A/RES/ES-10/22 B", "A-RES-ES-10-22-B"], "A/RES/ES-10/22 B", "A-RES-ES-10-22-B"),
    ],
)
def test_every_form_names_the_same_resolution(forms: list[str], symbol: str, slug: str) -> None:
    for form in forms:
        assert normalize_symbol(form) == symbol, form
        assert canonical_slug(form) == slug, form
    assert slug_for_symbol(symbol) == slug
    assert canonical_slug(slug) == slug  # the id is its own canonical form
    assert normalize_symbol(slug) == symbol


@pytest.mark.parametrize(
    "text", ["ES-10-21", "A-RES-ES-10", "A-RES-X-10-21", "A-RES-ES-1000-2", ""]
)
def test_what_is_not_an_identifier(text: str) -> None:
    assert canonical_slug(text) is None
