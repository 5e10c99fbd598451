"""The predecessor a resolution recalls, read from its first preambular paragraph."""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from app.config import CORPUS_DIR, PROJECT_ROOT
from app.reference import load_gazetteer
from app.renderings.document import render_document
from app.renderings.predecessor import recalled_predecessor
from app.sources.text import parse_resolution
from tests.text_corpus import GA_80, TEXT_CORPUS


def _path(relative: str) -> Path:
    """`ga-80/...` is the tests' own copy; `mine-action/...` the bundle's."""
    folder, name = relative.split("/")
    return (GA_80 if folder == "ga-80" else CORPUS_DIR / folder) / name


@cache
def document(path: str) -> dict[str, Any]:
    gazetteer = load_gazetteer()
    text = _path(path).read_text(encoding="utf-8")
    return render_document(parse_resolution(text, gazetteer=gazetteer), gazetteer)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("mine-action/A_RES_68_72.txt", "A/RES/66/69"),
        ("mine-action/A_RES_72_75.txt", "A/RES/70/80"),
        ("mine-action/A_RES_76_74.txt", "A/RES/74/80"),
        # "Recalling its resolutions 3263 (XXIX) of 9 December 1974, ..., 79/16 of ...": the
        # latest of many, older forms of symbol left aside.
        ("ga-80/A_RES_80_17.md", "A/RES/79/16"),
        # "... 78/21 ..., 79/20 ..., 45/55 B ... and 48/74 B": the latest, not the last named.
        ("ga-80/A_RES_80_20.md", "A/RES/79/20"),
        # "Expressing ...": nothing recalled.
        ("ga-80/A_RES_80_1.md", None),
        # "Reaffirming ..." that names no resolution.
        ("ga-80/A_RES_80_10.md", None),
    ],
)
def test_recalled_predecessor_in_the_corpus(path: str, expected: str | None) -> None:
    assert recalled_predecessor(document(path)) == expected


def test_a_later_or_same_session_resolution_is_not_a_predecessor() -> None:
    base = document("mine-action/A_RES_68_72.txt")
    cited = {**base["references"]["resolutions"][0], "symbol": "A/RES/68/1"}
    same_session = {**base, "references": {**base["references"], "resolutions": [cited]}}
    assert recalled_predecessor(same_session) is None
    other_body = {**cited, "symbol": "S/RES/2365 (2017)"}
    security_council = {**base, "references": {**base["references"], "resolutions": [other_body]}}
    assert recalled_predecessor(security_council) is None


def test_the_migration_keeps_the_same_rule() -> None:
    """Migration 0003 fills `previous_symbol` with a frozen copy of the rule: same answers."""
    path = PROJECT_ROOT / "migrations" / "versions" / "2026_11_28_0003_change_feed_and_series.py"
    spec = importlib.util.spec_from_file_location("migration_0003", path)
    assert spec is not None
    assert spec.loader is not None
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    for source in sorted(path for folder in TEXT_CORPUS for path in folder.rglob("*")):
        if source.suffix in {".txt", ".md"}:
            relative = f"{source.parent.name}/{source.name}"
            assert migration._recalled_predecessor(document(relative)) == recalled_predecessor(
                document(relative)
            ), relative
