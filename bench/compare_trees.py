"""Two commits of the API served in turn on the same corpus and asked the same questions, rounds
alternating, in one run: what a change did to the speed of the API, free of the day's drift."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import create_engine, text

from app.config import PROJECT_ROOT
from bench.pairs import in_order, ratio, run_once, summarised
from bench.suite import (
    RESULTS_DIR,
    WORK_DIR,
    WORKERS,
    _free_port,
    _process,
    _say,
    corpus_dir,
    machine,
    search_words,
)

DETAILS = """\
python -m bench.compare_trees BEFORE AFTER [--size 2500] [--rounds 3] [--duration 5]

Each commit (any git revision) is checked out as a worktree under bench/work/trees/, and loads
its own SQLite file from the same corpus with its own migrations and ingest job (`python -m
app.ingest DIR --jobs 2`), so that each serves the schema it expects. Both are served at once,
each by its own `python -m app serve --workers 2` (one idles while the other is measured);
round after round, every question is asked of one then the other, back to back, the first
alternating, with wrk (8 connections by default, one warm-up second, then --duration
seconds). The questions use only what every version of the
API has answered the same way: /healthz, a resolution's detail spread over every resolution,
the list of each session, the clauses of each verb, searches for 200 words of the clauses.
Figures are the median of the rounds; the ratio is the median of the rounds' after / before
(on a shared machine single runs move by a third; a pair run back to back moves together).
The JSON goes to bench/results/compare-BEFORE-AFTER.json.
"""


@dataclass(frozen=True, slots=True)
class Question:
    name: str
    paths: tuple[str, ...]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.compare_trees",
        description=__doc__,
        epilog=DETAILS,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("before", help="git revision measured first")
    parser.add_argument("after", help="git revision compared with it")
    parser.add_argument("--size", default="2500", help="bundled, 2500 or 25000 (default 2500)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=int, default=5, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--questions", help="comma-separated subset of the questions")
    args = parser.parse_args(argv)

    revisions = {name: _commit(name) for name in (args.before, args.after)}
    corpus = corpus_dir(args.size)
    trees = {name: _worktree(commit) for name, commit in revisions.items()}
    databases = {name: _loaded_database(tree, corpus, args.size) for name, tree in trees.items()}
    questions = _questions(databases[args.before])
    if args.questions:
        wanted = set(args.questions.split(","))
        unknown = wanted - {question.name for question in questions}
        if unknown:
            parser.error(f"unknown questions: {', '.join(sorted(unknown))}")
        questions = [question for question in questions if question.name in wanted]

    figures: dict[str, dict[str, list[dict[str, float]]]] = {
        name: {question.name: [] for question in questions} for name in revisions
    }
    with ExitStack() as servers:
        bases = {
            name: servers.enter_context(_server(trees[name], databases[name])) for name in revisions
        }
        for round_number in range(args.rounds):
            for question in questions:
                for name in in_order((args.before, args.after), round_number):
                    run = run_once(
                        bases[name],
                        f"tree-{name}",
                        question.name,
                        question.paths,
                        args.connections,
                        args.duration,
                    )
                    figures[name][question.name].append(run)
                    _say(
                        f"round {round_number + 1} {name} {question.name}: "
                        f"{run['requests_per_second']:,.0f} req/s, p99 {run['p99_ms']:.1f} ms"
                    )

    report = _report(args, revisions, questions, figures)
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    out = RESULTS_DIR / f"compare-{revisions[args.before][:7]}-{revisions[args.after][:7]}.json"
    out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(_table(report, args.before, args.after))
    _say(f"figures in {out}")
    return 0


def _commit(revision: str) -> str:
    found = subprocess.run(
        ["git", "rev-parse", "--verify", f"{revision}^{{commit}}"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
    )
    if found.returncode:
        raise SystemExit(f"not a commit of this repository: {revision}")
    return found.stdout.strip()


def _worktree(commit: str) -> Path:
    tree = WORK_DIR / "trees" / commit[:12]
    if not (tree / "app").is_dir():
        tree.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["git", "worktree", "add", "--force", "--detach", str(tree), commit],
            cwd=PROJECT_ROOT,
            check=True,
            capture_output=True,
        )
    return tree


def _tree_env(tree: Path, url: str) -> dict[str, str]:
    """The environment that runs `tree`'s code (ahead of this checkout's) on `url`."""
    return {**os.environ, "PYTHONPATH": str(tree), "DATABASE_URL": url, "LOG_LEVEL": "WARNING"}


def _loaded_database(tree: Path, corpus: Path, size: str) -> str:
    """`tree`'s SQLite file of the corpus, migrated and loaded by its own code (once)."""
    path = tree.with_suffix(f".{size}.db")
    url = f"sqlite:///{path}"
    if path.exists():
        return url
    _say(f"loading {corpus} into {path} with {tree.name}'s ingest")
    env = _tree_env(tree, url)
    partial = path.with_suffix(".loading")
    env["DATABASE_URL"] = f"sqlite:///{partial}"
    partial.unlink(missing_ok=True)
    for command in (
        [sys.executable, "-m", "alembic", "upgrade", "head"],
        [sys.executable, "-m", "app.ingest", str(corpus), "--jobs", "2", "-q"],
    ):
        subprocess.run(command, cwd=tree, env=env, check=True, stdout=subprocess.DEVNULL)
    partial.rename(path)
    return url


def _questions(url: str) -> list[Question]:
    """Paths every version of the API answers alike, spread as a portal's visitors ask."""
    engine = create_engine(url)
    with engine.connect() as connection:
        slugs = connection.execute(text("SELECT slug FROM resolutions ORDER BY id")).scalars()
        details = tuple(f"/v1/resolutions/{slug}" for slug in slugs)
        sessions = connection.execute(
            text("SELECT DISTINCT session FROM resolutions ORDER BY session")
        ).scalars()
        lists = tuple(f"/v1/resolutions?session={number}" for number in sessions)
        verbs = connection.execute(
            text("SELECT DISTINCT verb FROM clauses WHERE verb IS NOT NULL ORDER BY verb")
        ).scalars()
        clauses = tuple(f"/v1/clauses?verb={urllib.parse.quote(verb)}" for verb in verbs)
        words = search_words(
            connection.execute(text("SELECT text FROM clauses ORDER BY id LIMIT 500")).scalars()
        )
    engine.dispose()
    return [
        Question("ceiling", ("/healthz",)),
        Question("detail-spread", details),
        Question("list-spread", lists),
        Question("clauses-spread", clauses),
        Question("search-spread", tuple(f"/v1/search?q={word}" for word in words)),
    ]


@contextmanager
def _server(tree: Path, url: str) -> Iterator[str]:
    port = _free_port()
    command = [sys.executable, "-m", "app", "serve", "--port", str(port)]
    command += ["--workers", str(WORKERS)]
    base = f"http://127.0.0.1:{port}"
    with _process(command, _tree_env(tree, url), base + "/readyz", cwd=tree):
        time.sleep(1)  # both workers up, not only the first to answer
        yield base


def _report(
    args: argparse.Namespace,
    revisions: dict[str, str],
    questions: list[Question],
    figures: dict[str, dict[str, list[dict[str, float]]]],
) -> dict[str, object]:
    rows = []
    for question in questions:
        row: dict[str, object] = {"question": question.name, "paths": len(question.paths)}
        for name in revisions:
            row[name] = summarised(figures[name][question.name])
        row["ratio"] = ratio(
            figures[args.before][question.name], figures[args.after][question.name]
        )
        rows.append(row)
    return {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "size": args.size,
        "connections": args.connections,
        "duration_seconds": args.duration,
        "rounds": args.rounds,
        "revisions": revisions,
        "questions": rows,
    }


def _table(report: dict[str, object], before: str, after: str) -> str:
    lines = [
        f"| question | {before}, req/s (p99 ms) | {after}, req/s (p99 ms) | after / before |",
        "|---|---:|---:|---:|",
    ]
    for row in report["questions"]:  # type: ignore[attr-defined]
        cells = [
            f"{row[name]['requests_per_second']:,.0f} ({row[name]['p99_ms']:.1f})"
            for name in (before, after)
        ]
        lines.append(f"| {row['question']} | {cells[0]} | {cells[1]} | {row['ratio']:.2f}x |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
