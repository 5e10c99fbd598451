"""Reading wrk's output: its report and the JSON line that bench/wrk_summary.lua's done() prints."""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path

SCRIPT = Path(__file__).with_name("wrk_summary.lua")
_MARK = "WRK_SUMMARY "
_RATE = re.compile(r"Requests/sec:\s+([\d.]+)")


@dataclass(frozen=True, slots=True)
class WrkResult:
    """One wrk run: throughput, latency percentiles in milliseconds, and what failed."""

    requests: int
    seconds: float
    requests_per_second: float
    latency_ms: dict[str, float]  # mean, max, p50, p75, p90, p95, p99, p99.9
    errors: int  # socket errors (connect, read, write, timeout) and non-2xx/3xx answers
    non_2xx: int

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def parse(output: str) -> WrkResult:
    """The figures of one run; ValueError when the done() line is missing."""
    line = next((ln for ln in output.splitlines() if ln.startswith(_MARK)), None)
    if line is None:
        raise ValueError(f"no {_MARK.strip()} line in wrk's output:\n{output}")
    summary = json.loads(line[len(_MARK) :])
    seconds = summary["duration_us"] / 1e6
    rate = _RATE.search(output)
    errors = summary["errors"]
    latency = {key: value / 1000 for key, value in summary["latency_us"].items() if key != "stdev"}
    return WrkResult(
        requests=summary["requests"],
        seconds=round(seconds, 3),
        # wrk's own figure where it printed one; the same division otherwise
        requests_per_second=float(rate.group(1))
        if rate
        else summary["requests"] / seconds
        if seconds
        else 0.0,
        latency_ms={key: round(value, 3) for key, value in latency.items()},
        errors=sum(errors.values()),
        non_2xx=errors["status"],
    )
