"""The suite's parts that need no server: spread scenarios' scripts and words, merged results."""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

import pytest

from bench import suite, wrkout
from tests.bench.test_wrkout import OUTPUT


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
    # Another server's paths (another corpus, measured in turns) get a script of their own.
    other = suite._script("detail-spread", "ours", "http://127.0.0.1:8001", paths[:1])
    assert other != script
    assert script.read_text(encoding="utf-8") == lua


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
    # The same question at another load (--connections 8 after 1,8,32): the others stay.
    loads = {**now, "runs": [{**earlier["runs"][0], "connections": 8}]}
    path.write_text(
        json.dumps(
            {**earlier, "runs": [{**r, "connections": c} for r in earlier["runs"] for c in (1, 8)]}
        ),
        encoding="utf-8",
    )
    mixed = suite.merged(path, loads)
    assert [(r["server"], r["connections"]) for r in mixed["runs"]] == [
        ("ours", 1), ("datasette", 1), ("datasette", 8), ("ours", 8)
    ]  # fmt: skip
    # Refused now (no load): none of its earlier figures stay; measured again: nor its refusal.
    refusal = {"server": "datasette", "backend": "sqlite", "scenario": "detail", "refused": "504"}
    now_refused = suite.merged(path, {**now, "runs": [refusal]})
    assert [r["server"] for r in now_refused["runs"]] == ["ours", "ours", "datasette"]
    path.write_text(json.dumps(now_refused), encoding="utf-8")
    answered = {**refusal, "connections": 8}
    del answered["refused"]
    again_measured = suite.merged(path, {**now, "runs": [answered]})
    assert [r["server"] for r in again_measured["runs"]] == ["ours", "ours", "datasette"]
    assert "refused" not in again_measured["runs"][-1]


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


def test_servers_take_each_question_in_turns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Run 1 of every server, then run 2 of every server, the first of a round moving along;
    the bare route answers the ceiling only, and each server is asked at its own loads."""
    monkeypatch.setattr(suite, "WORK_DIR", tmp_path)
    monkeypatch.setattr(suite, "_check", lambda _url: None)
    asked: list[tuple[str, int, int]] = []

    def wrk(url: str, connections: int, seconds: int, script: Path = wrkout.SCRIPT) -> str:
        assert script.exists()
        asked.append((url.split("/")[2], connections, seconds))
        return OUTPUT

    monkeypatch.setattr(suite, "_wrk", wrk)
    servers = [
        suite.Served("ours", "sqlite", "http://ours", (1, 8)),
        suite.Served("ours-uncached", "sqlite", "http://uncached", (8,)),
        suite.Served("baseline", "none", "http://bare", (1, 8)),
    ]
    scenarios = [
        suite.Scenario("ceiling", "/healthz", "/-/versions.json"),
        suite.Scenario("detail", "/v1/resolutions/A-RES-68-72", None),
    ]
    args = argparse.Namespace(repeat=3, duration=5)
    with (tmp_path / "wrk.txt").open("w") as log:
        runs = suite._measure(servers, scenarios, args, log)
    measured = [(url, count) for url, count, seconds in asked if seconds == 5]
    assert measured[:4] == [("ours", 1), ("bare", 1), ("bare", 1), ("ours", 1)]
    assert measured[6:15] == [
        ("ours", 8), ("uncached", 8), ("bare", 8),
        ("uncached", 8), ("bare", 8), ("ours", 8),
        ("bare", 8), ("ours", 8), ("uncached", 8),
    ]  # fmt: skip
    assert ("bare", 1, suite.WARM_UP_SECONDS) in asked
    summary = [(r["server"], r["scenario"], r["connections"]) for r in runs]
    assert summary == [
        ("ours", "ceiling", 1), ("baseline", "ceiling", 1),
        ("ours", "ceiling", 8), ("ours-uncached", "ceiling", 8), ("baseline", "ceiling", 8),
        ("ours", "detail", 1),
        ("ours", "detail", 8), ("ours-uncached", "detail", 8),
    ]  # fmt: skip
    assert all(len(r["runs_requests_per_second"]) == 3 for r in runs)
