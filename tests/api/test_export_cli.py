"""`python -m app.export`: the same bytes as the HTTP exports, and clean refusals."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.config import PROJECT_ROOT
from app.export import cli
from app.services.export import ExportName

BASE_URL = "http://testserver"


def run(*argv: str) -> tuple[int, bytes, str]:
    out, err = io.BytesIO(), io.StringIO()
    status = cli.main(list(argv), stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("name", [str(name) for name in ExportName])
def test_the_command_writes_what_the_api_serves(
    client: TestClient, corpus_url: str, name: str
) -> None:
    status, out, err = run(name, "--database-url", corpus_url, "--base-url", BASE_URL)
    assert status == 0, err
    assert out == client.get(f"/v1/export/{name}").content
    unit = "documents" if name.endswith(".jsonl") else "rows"
    assert err.startswith(f"{name}: ")
    assert err.endswith(f" {unit} written to standard output\n")


def test_output_file_updated_since_and_no_bom(
    client: TestClient, corpus_url: str, tmp_path: Path
) -> None:
    since = client.get("/v1/resolutions?sort=updated_at&limit=100").json()["items"][-1][
        "updated_at"
    ]
    target = tmp_path / "clauses.csv"
    status, out, err = run(
        "clauses.csv",
        "--database-url",
        corpus_url,
        "--updated-since",
        since,
        "--no-bom",
        "-o",
        str(target),
        "-q",
    )
    assert (status, out, err) == (0, b"", "")
    served = client.get(f"/v1/export/clauses.csv?updated_since={since}&bom=false").content
    assert target.read_bytes() == served
    assert not list(tmp_path.glob(".*partial"))


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["clauses.csv", "--updated-since", "2026-01-01T00:00:00"],
            "error: --updated-since must have a timezone",
        ),
        (["clauses.csv", "-o", "/no/such/folder/clauses.csv"], "error: no such folder"),
        (
            ["citations.csv", "--database-url", "postgresql://reader:s3cret@127.0.0.1:1/x"],
            "error: cannot use the database postgresql+psycopg://***@127.0.0.1:1/x",
        ),
        (["citations.csv", "--database-url", "mysql://x/y"], "error: DATABASE_URL uses"),
    ],
)
def test_refusals_are_one_line_and_exit_2(argv: list[str], message: str) -> None:
    status, out, err = run(*argv)
    assert status == 2
    assert out == b""
    assert err.startswith(message)
    assert err.count("\n") == 1
    assert "s3cret" not in err


def test_a_database_behind_the_migrations_is_refused(tmp_path: Path) -> None:
    missing = tmp_path / "absent.db"
    status, _, err = run("clauses.csv", "--database-url", f"sqlite:///{missing}")
    assert status == 2
    assert "does not exist: run `alembic upgrade head`" in err
    assert not missing.exists()


def test_a_closed_pipe_ends_quietly(corpus_url: str) -> None:
    command = [sys.executable, "-m", "app.export", "resolutions.jsonl", "-q"]
    export = subprocess.Popen(
        [*command, "--database-url", corpus_url],
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert export.stdout is not None
    export.stdout.read(100)
    export.stdout.close()
    _, err = export.communicate(timeout=60)
    assert export.returncode == 0
    assert b"Traceback" not in err
