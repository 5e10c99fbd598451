"""The wrk script of a spread scenario: every request picks one of the paths (no wrk needed)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bench import suite, wrkout


def test_a_spread_script_lists_every_path_below_the_base_and_keeps_the_summary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(suite, "WORK_DIR", tmp_path)
    paths = ["/v1/resolutions/A-RES-68-72", '/v1/search?q="cluster munitions"']
    script = suite._script("detail-spread", "ours", "http://127.0.0.1:8000/api", paths)
    lua = script.read_text(encoding="utf-8")
    listed = re.search(r"local paths = \{\n(.*?)\n\}", lua, re.DOTALL)
    assert listed is not None
    assert listed[1].split(",\n") == [
        '"/api/v1/resolutions/A-RES-68-72"',
        '"/api/v1/search?q=\\"cluster munitions\\""',
    ]
    assert "wrk.format(nil, paths[math.random(#paths)])" in lua
    assert lua.endswith(wrkout.SCRIPT.read_text(encoding="utf-8"))


def test_a_scenario_of_one_path_uses_the_summary_script_alone() -> None:
    assert suite._script("detail", "ours", "http://127.0.0.1:8000", ()) == wrkout.SCRIPT


def test_search_words_sample_the_vocabulary_evenly() -> None:
    texts = ["Urges all States to support mine clearance", "Welcomes the States' support"]
    assert suite.search_words(texts, count=100) == ["clearance", "states", "support", "welcomes"]
    assert suite.search_words(texts, count=2) == ["clearance", "support"]
