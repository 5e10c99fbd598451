"""The short names of series (series.yaml): one per series, each a key-like name."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.reference.loader import GazetteerError, load_series_aliases


def test_the_shipped_names_stand_for_title_keys() -> None:
    aliases = load_series_aliases()
    assert aliases["ccm-implementation"] == "implementation-of-the-convention-on-cluster-munitions"
    assert aliases["assistance-in-mine-action"] == "assistance-in-mine-action"
    assert len(set(aliases.values())) == len(aliases)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: one\nb: one\n", "has two short names"),
        ("Bad Name: one\n", "is not a key"),
        ("one: two\ntwo: three\n", "is the key of another series"),
        ("- a\n", "expected a mapping"),
    ],
)
def test_inconsistent_names_are_refused(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "series.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GazetteerError, match=message):
        load_series_aliases(path)
