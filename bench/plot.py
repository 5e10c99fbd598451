"""Latency against corpus size, from bench/results/scale-*.json, drawn to
bench/latency-vs-size.png."""

# bench/work/tools-venv/bin/python -m bench.plot     (matplotlib lives in the tools venv)

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

BENCH = Path(__file__).parent
RESULTS = Path(os.environ.get("BENCH_RESULTS", BENCH / "results"))
OUT = BENCH / "latency-vs-size.png"
CONNECTIONS = 8
SCENARIOS = (
    "detail",
    "detail-spread",
    "list-spread",
    "clauses-spread",
    "search-spread",
    "search-rare",
    "citations",
    "ceiling",
)
# As deployed and the peer above, with nothing kept below.
PANELS = (
    ("postgresql", "ours"),
    ("sqlite", "ours"),
    ("sqlite", "datasette"),
    ("postgresql", "ours-uncached"),
    ("sqlite", "ours-uncached"),
)
WHO = {"ours": "our API", "ours-uncached": "our API, nothing kept", "datasette": "Datasette"}


def main() -> int:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    results = []
    for path in RESULTS.glob("scale-*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        if data["size"] == "snapshot":  # six languages per resolution: not on this scale
            continue
        if data.get("log_level", "WARNING") != "WARNING":  # with access lines: another question
            continue
        ingest = data.get("ingest", {}).get("sqlite") or data.get("ingest", {}).get("postgresql")
        resolutions = ingest["resolutions"] if ingest else data.get("resolutions")
        if not resolutions and str(data["size"]).isdigit():  # databases reused (--keep)
            resolutions = int(data["size"])
        if resolutions:
            results.append((resolutions, data))
    if len(results) < 2:
        print("fewer than two sizes measured: nothing to plot", file=sys.stderr)
        return 0
    results.sort(key=lambda item: item[0])
    figure, grid = plt.subplots(2, 3, figsize=(16, 10), sharey=True)
    axes = list(grid.flat)
    axes[-1].axis("off")
    for axis, (backend, server) in zip(axes, PANELS, strict=False):
        for scenario in SCENARIOS:
            points = []
            for resolutions, data in results:
                for run in data["runs"]:
                    wanted = (backend, server, scenario, CONNECTIONS)
                    key = (run["backend"], run["server"], run["scenario"], run.get("connections"))
                    if key == wanted and run["requests"] and run["latency_ms"]["p50"] > 0:
                        points.append((resolutions, run["latency_ms"]["p50"]))
            if len(points) >= 2:
                xs, ys = zip(*points, strict=True)
                style = ":" if scenario == "ceiling" else "-"
                color = f"C{SCENARIOS.index(scenario)}"
                axis.plot(xs, ys, style, marker="o", color=color, label=scenario)
        name = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}[backend]
        axis.set_title(f"{WHO[server]}, {name}")
        axis.set_xscale("log")
        sizes = [resolutions for resolutions, _ in results]
        axis.set_xticks(sizes, [f"{size:,}" for size in sizes])
        axis.minorticks_off()
        axis.set_yscale("log")
        axis.set_xlabel("resolutions in the database (log)")
        axis.grid(True, which="both", alpha=0.3)
        axis.legend(fontsize=8)
    for axis in (axes[0], axes[3]):
        axis.set_ylabel(f"median latency, ms (log), {CONNECTIONS} connections")
    figure.suptitle(
        "Median latency against corpus size (wrk, 8 connections, 2 server workers; "
        "a flat line does not grow with the data; runs that completed no request are left out)"
    )
    figure.tight_layout()
    figure.savefig(OUT, dpi=110)
    print(f"wrote {OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
