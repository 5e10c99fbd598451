"""Two servers measured back to back, round after round, the first alternating: what
bench.compare_trees (two commits) and bench.growth (two corpus sizes) share. A drift of the
machine falls on both sides of each pair, so the median of the rounds' ratios is the figure."""

from __future__ import annotations

import statistics
from collections.abc import Sequence

from bench import wrkout
from bench.suite import WARM_UP_SECONDS, _script, _wrk

Run = dict[str, float]


def run_once(
    base: str, label: str, name: str, paths: Sequence[str], connections: int, duration: int
) -> Run:
    """One wrk run of `paths` (spread at random when more than one) after a warm-up second; a
    run with any failed request stops the comparison."""
    script = _script(name, label, base, paths if len(paths) > 1 else ())
    url = base + paths[0]
    _wrk(url, connections, WARM_UP_SECONDS, script)
    result = wrkout.parse(_wrk(url, connections, duration, script))
    if result.errors:
        raise SystemExit(f"{label} {name}: {result.errors} errors (e.g. at {url})")
    return {
        "requests_per_second": round(result.requests_per_second, 1),
        "p50_ms": result.latency_ms["p50"],
        "p99_ms": result.latency_ms["p99"],
    }


def in_order(pair: tuple[str, str], round_number: int) -> list[str]:
    """The two sides of a round, the first alternating from round to round."""
    return list(pair) if round_number % 2 == 0 else list(reversed(pair))


def summarised(runs: Sequence[Run]) -> dict[str, object]:
    """One side's rounds: the median rate and p99, and every round."""
    return {
        "requests_per_second": statistics.median(r["requests_per_second"] for r in runs),
        "p99_ms": statistics.median(r["p99_ms"] for r in runs),
        "rounds": list(runs),
    }


def ratio(before: Sequence[Run], after: Sequence[Run]) -> float:
    """The median of each round's after / before (the two sides of a round ran back to back)."""
    pairs = zip(before, after, strict=True)
    return round(
        statistics.median(b["requests_per_second"] / a["requests_per_second"] for a, b in pairs),
        3,
    )
