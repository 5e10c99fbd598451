"""Two corpus sizes served at once and asked the same questions in turns, in one run: whether a
request costs more on a larger corpus, free of the machine's drift between two suite runs.
`python -m bench.growth [--small 2500] [--large 25000]`, after `python -m bench --size
2500,25000 --keep` has left both sizes' databases in bench/work/ (SQLite) and on PostgreSQL."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from contextlib import ExitStack
from datetime import UTC, datetime

from bench.pairs import Run, in_order, ratio, run_once, summarised
from bench.suite import (
    DEFAULT_POSTGRES_URL,
    RESULTS_DIR,
    Scenario,
    _loaded,
    _our_server,
    _postgres_url,
    _say,
    _sqlite_url,
    machine,
    pick_scenarios,
)

QUESTIONS = ("detail-spread", "list-spread", "clauses-spread", "search-spread")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.growth", description=__doc__)
    parser.add_argument("--small", default="2500")
    parser.add_argument("--large", default="25000")
    parser.add_argument("--rounds", type=_positive, default=3)
    parser.add_argument("--duration", type=int, default=5, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--questions", default=",".join(QUESTIONS))
    parser.add_argument("--postgres-url", default=DEFAULT_POSTGRES_URL)
    parser.add_argument("--no-postgres", action="store_true", help="SQLite only")
    args = parser.parse_args(argv)
    sizes = (args.small, args.large)
    questions = args.questions.split(",")
    if unknown := set(questions) - set(QUESTIONS):
        parser.error(f"unknown question {', '.join(sorted(unknown))}: choose from {QUESTIONS}")
    databases = {"sqlite": {size: _sqlite_url(size) for size in sizes}}
    if not args.no_postgres:
        databases["postgresql"] = {size: _postgres_url(args.postgres_url, size) for size in sizes}
    missing = [url for urls in databases.values() for url in urls.values() if not _loaded(url)]
    if missing:
        parser.error(
            f"not loaded: {', '.join(missing)}; run `python -m bench --size "
            f"{args.small},{args.large} --keep` first"
        )
    figures: list[dict[str, object]] = []
    with ExitStack() as stack:
        for backend, urls in databases.items():
            bases = {size: stack.enter_context(_our_server(url))[0] for size, url in urls.items()}
            scenarios = {
                size: {s.name: s for s in pick_scenarios(url, size)} for size, url in urls.items()
            }
            for question in questions:
                figures.append(_ask(backend, question, bases, scenarios, sizes, args))
    asked = "" if questions == list(QUESTIONS) else "-" + "-".join(questions)
    out = RESULTS_DIR / f"growth-{args.small}-{args.large}{asked}.json"
    report = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "connections": args.connections,
        "duration_s": args.duration,
        "rounds": args.rounds,
        "figures": figures,
    }
    out.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    print(table(figures, args.small, args.large))
    _say(f"figures in {out}")
    return 0


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("at least 1")
    return value


def _ask(
    backend: str,
    question: str,
    bases: dict[str, str],
    scenarios: dict[str, dict[str, Scenario]],
    sizes: tuple[str, str],
    args: argparse.Namespace,
) -> dict[str, object]:
    """`question` of both sizes in turns, round after round."""
    runs: dict[str, list[Run]] = {size: [] for size in sizes}
    for round_number in range(args.rounds):
        for size in in_order(sizes, round_number):
            scenario = scenarios[size][question]
            paths = scenario.spread or (scenario.path,)
            label = f"ours-{backend}-{size}"
            runs[size].append(
                run_once(bases[size], label, question, paths, args.connections, args.duration)
            )
    figure: dict[str, object] = {"backend": backend, "question": question}
    for size in sizes:
        figure[size] = summarised(runs[size])
    figure["large_over_small"] = ratio(runs[sizes[0]], runs[sizes[1]])
    _say(f"{backend} {question}: {figure['large_over_small']:.2f} of the small size's rate")
    return figure


def table(figures: Sequence[dict[str, object]], small: str, large: str) -> str:
    lines = [
        f"| database | question | req/s {small} | req/s {large} | {large} / {small} "
        f"| p99 ms {small} | p99 ms {large} |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for figure in figures:
        a, b = figure[small], figure[large]
        lines.append(
            f"| {figure['backend']} | {figure['question']} | {a['requests_per_second']:,.0f} | "  # type: ignore[index]
            f"{b['requests_per_second']:,.0f} | {figure['large_over_small']:.2f} | "  # type: ignore[index]
            f"{a['p99_ms']:.1f} | {b['p99_ms']:.1f} |"  # type: ignore[index]
        )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
