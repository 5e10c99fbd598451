"""The arithmetic of two servers measured in turns (bench/pairs.py): no server needed."""

from __future__ import annotations

from bench.pairs import in_order, ratio, summarised


def test_the_first_of_a_round_alternates() -> None:
    assert [in_order(("a", "b"), n) for n in range(3)] == [["a", "b"], ["b", "a"], ["a", "b"]]


def test_the_ratio_is_the_median_of_the_rounds_ratios_not_of_the_medians() -> None:
    before = [{"requests_per_second": r, "p99_ms": 1.0} for r in (100.0, 200.0, 300.0)]
    after = [{"requests_per_second": r, "p99_ms": 2.0} for r in (110.0, 180.0, 450.0)]
    # Rounds: 1.1, 0.9, 1.5 -> 1.1; the medians' ratio would be 180 / 200 = 0.9.
    assert ratio(before, after) == 1.1
    side = summarised(after)
    assert side["requests_per_second"] == 180.0
    assert side["p99_ms"] == 2.0
    assert side["rounds"] == after
