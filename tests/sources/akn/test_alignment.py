"""The six language versions of a resolution have the same clause keys, so they align."""

from __future__ import annotations

from collections import defaultdict

import pytest

from app.document.model import ParsedResolution
from app.sources.akn import AknSource, iter_akn, read_akn
from tests.sources.akn.corpus import FAMILY, LANGUAGES, family_file, read_one


def _versions() -> dict[str, dict[str, ParsedResolution]]:
    by_symbol: dict[str, dict[str, ParsedResolution]] = defaultdict(dict)
    for item in iter_akn(FAMILY):
        if isinstance(item, AknSource):
            for resolution in read_akn(item.data):
                language = resolution.metadata.language
                assert language not in by_symbol[resolution.metadata.symbol]
                by_symbol[resolution.metadata.symbol][language] = resolution
    return by_symbol


VERSIONS = _versions()


def test_the_bundle_holds_28_resolutions_in_six_languages() -> None:
    assert len(VERSIONS) == 28
    assert all(set(v) == set(LANGUAGES.values()) for v in VERSIONS.values())


@pytest.mark.parametrize("symbol", sorted(VERSIONS))
def test_every_language_has_the_english_keys_and_footnotes(symbol: str) -> None:
    english = VERSIONS[symbol]["en"]
    keys = [c.key for c in english.clauses()]
    notes = [(f.number, f.cited_in) for f in english.footnotes]
    for language, version in VERSIONS[symbol].items():
        assert [c.key for c in version.clauses()] == keys, language
        assert [(f.number, f.cited_in) for f in version.footnotes] == notes, language
        assert [c.footnotes for c in version.clauses()] == [c.footnotes for c in english.clauses()]
        assert version.metadata.symbol == symbol
        assert version.metadata.adopted_on == english.metadata.adopted_on


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_op_5_e_of_80_74_in_every_language(language: str) -> None:
    resolution = read_one(family_file(80, 74, language))
    assert resolution.metadata.language == LANGUAGES[language]
    clause = {c.key: c for c in resolution.clauses()}["op.5.e"]
    assert clause.label == "e"
    assert clause.children == ()
