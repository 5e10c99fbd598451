"""Reading wrk's report and the done() line of bench/wrk_summary.lua (no wrk needed)."""

from __future__ import annotations

import pytest

from bench import wrkout

OUTPUT = """Running 2s test @ http://127.0.0.1:52163/healthz
  1 threads and 8 connections
  Latency Distribution
     50%    1.57ms
     99%  140.49ms
  5862 requests in 2.13s, 2.39MB read
  Non-2xx or 3xx responses: 3
Requests/sec:   2758.29
Transfer/sec:      1.13MB
WRK_SUMMARY {"requests": 5862, "duration_us": 2125226, "bytes": 2508936, "errors": {"connect": 0, \
"read": 1, "write": 0, "status": 3, "timeout": 0}, "latency_us": {"mean": 7572.0, \
"stdev": 23905.0, "max": 163740, "p50": 1567, "p75": 2141, "p90": 7411, "p95": 44683, \
"p99": 140487, "p99.9": 163708}}
"""


def test_figures_come_from_the_done_line_and_wrks_rate() -> None:
    result = wrkout.parse(OUTPUT)
    assert result.requests == 5862
    assert result.requests_per_second == pytest.approx(2758.29)
    assert result.latency_ms["p50"] == pytest.approx(1.567)
    assert result.latency_ms["p95"] == pytest.approx(44.683)
    assert result.latency_ms["p99.9"] == pytest.approx(163.708)
    assert "stdev" not in result.latency_ms
    assert (result.errors, result.non_2xx) == (4, 3)


def test_output_without_the_done_line_is_refused() -> None:
    with pytest.raises(ValueError, match="WRK_SUMMARY"):
        wrkout.parse("Requests/sec: 10\n")
