"""The suite's parts that need no server: spread scenarios' scripts and words, merged results."""

from __future__ import annotations

import argparse
import json
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


def test_a_partial_run_keeps_what_it_did_not_measure(tmp_path: Path) -> None:
    earlier = {
        "measured_at": "2026-11-28T08:00:00+00:00",
        "ingest": {"sqlite": {"resolutions_per_second": 130}},
        "worker_rss_mb": {"sqlite": [{"now": 150}]},
        "runs": [
            {"server": "ours", "backend": "sqlite", "scenario": "detail"},
            {"server": "datasette", "backend": "sqlite", "scenario": "detail"},
        ],
    }
    path = tmp_path / "scale-25000.json"
    path.write_text(json.dumps(earlier), encoding="utf-8")
    now = {
        "measured_at": "2026-11-28T09:00:00+00:00",
        "ingest": {},
        "runs": [{"server": "ours-uncached", "backend": "sqlite", "scenario": "detail"}],
    }
    combined = suite.merged(path, now)
    assert [run["server"] for run in combined["runs"]] == ["ours", "datasette", "ours-uncached"]
    assert combined["ingest"] == earlier["ingest"]
    assert combined["worker_rss_mb"] == earlier["worker_rss_mb"]
    assert combined["measured_at"] == "2026-11-28T08:00:00+00:00 and 2026-11-28T09:00:00+00:00"
    # Measured again: the new runs replace the old ones of that server and database.
    again = suite.merged(path, {**now, "runs": [earlier["runs"][0]]})
    assert [run["server"] for run in again["runs"]] == ["datasette", "ours"]
    # Another question of the same server (--questions): the earlier question stays.
    ceiling = {"server": "ours", "backend": "sqlite", "scenario": "ceiling"}
    other = suite.merged(path, {**now, "runs": [ceiling]})
    assert [run["scenario"] for run in other["runs"]] == ["detail", "detail", "ceiling"]


def test_results_count_a_spread_scenarios_paths_instead_of_listing_them() -> None:
    scenario = suite.Scenario("detail-spread", "/a", "/b", ("/a", "/c"), ("/b", "/d", "/e"))
    assert suite.described(scenario) == {
        "name": "detail-spread",
        "path": "/a",
        "datasette": "/b",
        "spread": 2,
        "datasette_spread": 3,
    }


def test_questions_pick_scenarios_by_name_and_refuse_unknown_ones() -> None:
    scenarios = [
        suite.Scenario("ceiling", "/healthz", "/-/versions.json"),
        suite.spread("detail-spread", [("/v1/resolutions/A-RES-68-72?lang=en", "/db/r/1.json")]),
        suite.Scenario("list", "/v1/resolutions", None),
    ]
    parser = argparse.ArgumentParser()
    assert suite.chosen(scenarios, None, parser) == scenarios
    picked = suite.chosen(scenarios, "detail-spread,ceiling", parser)
    assert [scenario.name for scenario in picked] == ["ceiling", "detail-spread"]
    with pytest.raises(SystemExit):
        suite.chosen(scenarios, "ceiling,detail", parser)


def test_the_snapshot_size_reads_the_un_snapshot_or_says_where_it_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(suite, "DEFAULT_SNAPSHOT", tmp_path / "GAresolutions")
    with pytest.raises(SystemExit) as stopped:
        suite.main(["--size", "snapshot"])
    assert stopped.value.code == 2
    assert f"no AKN4UN snapshot at {tmp_path / 'GAresolutions'}" in capsys.readouterr().err

    (tmp_path / "GAresolutions").mkdir()
    assert suite.corpus_dir("snapshot") == tmp_path / "GAresolutions"
