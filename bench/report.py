"""Markdown tables for bench/README.md from bench/results/scale-*.json."""

# .venv/bin/python -m bench.report [SIZE ...]

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path

RESULTS = Path(__file__).parent / "results"
NAMES = {"postgresql": "PostgreSQL", "sqlite": "SQLite", "none": "-"}
SERVERS = {
    "ours": "ours",
    "ours-uncached": "ours, nothing kept",
    "datasette": "Datasette",
    "baseline": "bare Starlette",
}


def load(size: str) -> dict[str, object]:
    data: dict[str, object] = json.loads((RESULTS / f"scale-{size}.json").read_text("utf-8"))
    return data


def _runs(data: dict[str, object]) -> list[dict[str, object]]:
    return [run for run in data["runs"] if "refused" not in run]  # type: ignore[attr-defined]


def ours(data: dict[str, object], server: str = "ours") -> str:
    """Our API on each backend: every question at each connection count, against the ceiling
    (`server` "ours-uncached": with nothing kept, against the ceiling of the same run)."""
    runs = _runs(data)
    ceiling = {
        (r["backend"], r["connections"]): r["requests_per_second"]
        for r in runs
        if r["server"] == server and r["scenario"] == "ceiling"
    }
    lines = [
        "| database | question | conns | requests/s | p50 ms | p95 ms | p99 ms | % of ceiling "
        "| errors |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in runs:
        if r["server"] != server:
            continue
        top = ceiling.get((r["backend"], r["connections"]))
        share = f"{100 * r['requests_per_second'] / top:.0f}%" if top else "-"  # type: ignore[operator]
        latency = r["latency_ms"]
        lines.append(
            f"| {NAMES[r['backend']]} | {r['scenario']} | {r['connections']} | "  # type: ignore[index]
            f"{r['requests_per_second']:,.0f} | {latency['p50']:.1f} | {latency['p95']:.1f} | "  # type: ignore[index]
            f"{latency['p99']:.1f} | {share} | {r['errors']} |"  # type: ignore[index]
        )
    return "\n".join(lines)


def ceiling(data: dict[str, object]) -> str:
    """Our /healthz through the whole stack against the bare Starlette route of the same run
    (bench/baseline.py); issue 17 asks for at least 70%."""
    runs = _runs(data)
    bare = {
        r["connections"]: r["requests_per_second"]
        for r in runs
        if r["server"] == "baseline" and r["scenario"] == "ceiling"
    }
    lines = [
        "| database | conns | ours req/s | bare Starlette req/s | share |",
        "|---|---:|---:|---:|---:|",
    ]
    for r in runs:
        if r["server"] != "ours" or r["scenario"] != "ceiling" or r["connections"] not in bare:
            continue
        theirs = bare[r["connections"]]
        share = 100 * r["requests_per_second"] / theirs  # type: ignore[operator]
        lines.append(
            f"| {NAMES[r['backend']]} | {r['connections']} | {r['requests_per_second']:,.0f} | "  # type: ignore[index]
            f"{theirs:,.0f} | {share:.0f}% |"
        )
    return "\n".join(lines)


def peer(data: dict[str, object]) -> str:
    """Datasette and our API on the same SQLite file, the same question, the same load."""
    runs = _runs(data)
    by = {
        (r["server"], r["scenario"], r["connections"]): r for r in runs if r["backend"] == "sqlite"
    }
    lines = [
        "| question | conns | ours req/s | Datasette req/s | ratio | ours p50 / p99 ms "
        "| Datasette p50 / p99 ms | nothing kept req/s | ratio |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for (server, scenario, connections), theirs in by.items():
        if server != "datasette" or ("ours", scenario, connections) not in by:
            continue
        mine = by[("ours", scenario, connections)]
        a, b = mine["latency_ms"], theirs["latency_ms"]
        uncached = by.get(("ours-uncached", scenario, connections))
        bare = "- | -"
        if uncached is not None:
            rate = uncached["requests_per_second"]
            bare = f"{rate:,.0f} | {_ratio(rate, theirs['requests_per_second'])}"
        lines.append(
            f"| {scenario} | {connections} | {mine['requests_per_second']:,.0f} | "
            f"{theirs['requests_per_second']:,.0f} | "
            f"{_ratio(mine['requests_per_second'], theirs['requests_per_second'])} | "
            f"{a['p50']:.1f} / {a['p99']:.1f} | {b['p50']:.1f} / {b['p99']:.1f} | {bare} |"  # type: ignore[index]
        )
    for r in data["runs"]:  # type: ignore[attr-defined]
        if "refused" in r:
            lines.append(f"| {r['scenario']} | - | - | refused ({r['refused']}) | - | - | - |")
    return "\n".join(lines)


def _ratio(ours: object, theirs: object) -> str:
    return f"{ours / theirs:.2f}x" if theirs else "-"  # type: ignore[operator]


def growth(small: dict[str, object], large: dict[str, object], connections: int = 8) -> str:
    """Median and p99 at two sizes, and how much they grew."""

    def index(data: dict[str, object]) -> dict[tuple[str, str, str], dict[str, object]]:
        return {
            (r["server"], r["backend"], r["scenario"]): r  # type: ignore[misc]
            for r in _runs(data)
            if r["connections"] == connections
        }

    a, b = index(small), index(large)
    lines = [
        f"| server | database | question | p50 ms {small['size']} | p50 ms {large['size']} "
        f"| growth | p99 ms {small['size']} | p99 ms {large['size']} |",
        "|---|---|---|---:|---:|---:|---:|---:|",
    ]
    for key, r in b.items():
        if key not in a:
            continue
        before, after = a[key]["latency_ms"], r["latency_ms"]
        server = SERVERS.get(key[0], key[0])
        lines.append(
            f"| {server} | {NAMES[key[1]]} | {key[2]} | {before['p50']:.1f} | {after['p50']:.1f} "  # type: ignore[index]
            f"| {_ratio(after['p50'], before['p50'])} | {before['p99']:.1f} | {after['p99']:.1f} |"  # type: ignore[index]
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    sizes = list(argv if argv is not None else sys.argv[1:]) or ["2500", "25000"]
    loaded = [load(size) for size in sizes]
    for data in loaded:
        print(f"### {data['size']}\n\nmachine: {data['machine']}")
        print(f"ingest: {json.dumps(data['ingest'])}\nworkers: {data.get('worker_rss_mb')}\n")
        print(ours(data), "\n")
        if any(run["server"] == "baseline" for run in _runs(data)):
            print(ceiling(data), "\n")
        if any(run["server"] == "ours-uncached" for run in _runs(data)):
            print(ours(data, "ours-uncached"), "\n")
        print(peer(data), "\n")
    if len(loaded) >= 2:
        print(growth(loaded[0], loaded[-1]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
