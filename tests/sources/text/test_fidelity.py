"""The parser's fidelity to the official XML on the pairs the project carries: a ratchet."""

from __future__ import annotations

import json
from pathlib import Path

from bench.fidelity.harness import index_official, measure, text_files

PAIRS = Path(__file__).parent / "fidelity"


def test_fidelity_never_falls_below_the_recorded_score() -> None:
    report = measure(text_files([PAIRS / "texts"]), index_official([PAIRS / "akn"]))
    recorded = json.loads((PAIRS / "score.json").read_text())
    totals = report.totals
    assert not report.refused
    assert not report.without_xml
    assert totals.resolutions == len(text_files([PAIRS / "texts"]))
    reached = {
        "fully_identical": totals.fully_identical,
        "counts_right": totals.counts_right,
        "paragraphs_identical": totals.identical,
    }
    fallen = {k: (reached[k], v) for k, v in recorded.items() if reached[k] < v}
    assert not fallen, f"fidelity fell below the recorded score (reached, recorded): {fallen}"
