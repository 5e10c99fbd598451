"""`python -m app.ingest --delete SYMBOL`: the resolution goes, its deletion stays in the feed."""

from __future__ import annotations

import io
import json

import pytest
from sqlalchemy import func, select

from app.config import CORPUS_DIR
from app.db.models import Clause, Resolution, ResolutionEvent
from app.ingest import cli
from tests.databases import engine_for

ONE_FILE = CORPUS_DIR / "mine-action" / "A_RES_68_72.txt"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = cli.main(list(argv), stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


def test_delete_removes_the_resolution_and_records_it(fresh_database_url: str) -> None:
    assert run("-q", "--database-url", fresh_database_url, str(ONE_FILE))[0] == 0

    status, out, err = run("--database-url", fresh_database_url, "--delete", "68/72")

    assert (status, out, err) == (0, "deleted A/RES/68/72\n", "")
    engine = engine_for(fresh_database_url)
    try:
        with engine.connect() as connection:
            assert connection.scalar(select(func.count()).select_from(Resolution)) == 0
            assert connection.scalar(select(func.count()).select_from(Clause)) == 0
            events = connection.execute(
                select(ResolutionEvent.action, ResolutionEvent.symbol).order_by(ResolutionEvent.id)
            ).all()
    finally:
        engine.dispose()
    assert [tuple(event) for event in events] == [
        ("created", "A/RES/68/72"),
        ("deleted", "A/RES/68/72"),
    ]


def test_a_symbol_not_in_the_database_is_reported_and_exits_1(fresh_database_url: str) -> None:
    status, out, _ = run("--json", "--database-url", fresh_database_url, "--delete", "A-RES-68-72")
    assert status == 1
    assert json.loads(out) == {"deleted": [], "not_found": ["A/RES/68/72"]}


@pytest.mark.parametrize(
    "argv",
    [
        ["--delete", "A/RES/68/72", str(ONE_FILE)],
        ["--delete", "A/RES/68/72", "--dry-run"],
        [],
    ],
)
def test_delete_with_files_or_dry_run_is_a_usage_error(argv: list[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        run(*argv)
    assert exited.value.code == 2


def test_a_malformed_symbol_is_refused_before_connecting() -> None:
    status, out, err = run(
        "--database-url", "postgresql://x:secret@127.0.0.1:1/y", "--delete", "not-a-symbol"
    )
    assert (status, out) == (2, "")
    assert err == "error: not a resolution symbol: not-a-symbol\n"
