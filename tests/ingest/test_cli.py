"""`python -m app.ingest`: refusals before reading, exit status, and the output formats."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from alembic import command

from app.config import CORPUS_DIR
from app.ingest import cli
from tests.databases import alembic_config, engine_for

ONE_FILE = CORPUS_DIR / "mine-action" / "A_RES_68_72.txt"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = cli.main(list(argv), stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


@pytest.fixture
def no_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if the job gets as far as looking for files."""

    def refuse(*_: object) -> None:
        raise AssertionError("files were looked at before the database was checked")

    monkeypatch.setattr(cli, "discover", refuse)


@pytest.mark.usefixtures("no_reading")
def test_database_behind_the_latest_migration_is_refused_before_reading(
    fresh_database_url: str,
) -> None:
    engine = engine_for(fresh_database_url)
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0001")
    engine.dispose()

    status, out, err = run("--database-url", fresh_database_url, str(ONE_FILE))

    assert status == 2
    assert out == ""
    assert err.count("\n") == 1
    assert "is at migration 0001, this code needs 0002: run `alembic upgrade head`" in err


@pytest.mark.usefixtures("no_reading")
def test_missing_sqlite_file_is_refused_and_not_created(tmp_path: Path) -> None:
    database = tmp_path / "absent.db"

    status, _, err = run("--database-url", f"sqlite:///{database}", str(ONE_FILE))

    assert status == 2
    assert err == (
        f"error: the database file {database} does not exist: "
        "run `alembic upgrade head` (or `make migrate`) to create it\n"
    )
    assert not database.exists()


@pytest.mark.usefixtures("no_reading")
def test_unreachable_server_is_one_line_without_the_password() -> None:
    url = "postgresql+psycopg://ingest:hunter2-secret@127.0.0.1:1/mine_action"

    status, out, err = run("--database-url", url, str(ONE_FILE))

    assert status == 2
    assert out == ""
    assert err.startswith(
        "error: cannot use the database postgresql+psycopg://ingest:***@127.0.0.1:1/mine_action: "
    )
    assert err.count("\n") == 1
    assert "hunter2-secret" not in err


@pytest.mark.usefixtures("no_reading")
def test_malformed_database_url_is_a_configuration_error() -> None:
    status, _, err = run("--database-url", "mysql://root:pw@localhost/x", str(ONE_FILE))

    assert status == 2
    assert "unsupported database 'mysql'" in err
    assert ":pw@" not in err


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    status, _, err = run("--dry-run", str(tmp_path / "nowhere"))

    assert status == 2
    assert err == f"error: no such file or folder: {tmp_path / 'nowhere'}\n"


def test_no_path_at_all_is_a_usage_error() -> None:
    with pytest.raises(SystemExit) as exited:
        run()

    assert exited.value.code == 2
