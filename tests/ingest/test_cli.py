"""`python -m app.ingest`: refusals before reading, exit status, and the output formats."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import func, select

from app.config import CORPUS_DIR, PROJECT_ROOT
from app.db.models import Resolution, ResolutionVersion
from app.db.schema import head_revision
from app.ingest import cli
from app.ingest.sources import discover
from app.reference import load_gazetteer
from app.renderings.document import render_document
from app.sources.text import parse_resolution
from bench.corpus import distinct_copies
from tests.databases import alembic_config, engine_for
from tests.ingest.snapshots import children, table_counts
from tests.text_corpus import GA_80, TEXT_CORPUS

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

    monkeypatch.setattr(cli, "discover_inputs", refuse)


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
    assert f"is at migration 0001, this code needs {head_revision()}: run `alembic upgrade" in err


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
        "error: cannot use the database postgresql+psycopg://***@127.0.0.1:1/mine_action: "
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


# End to end: the real parser and gazetteer on the bundled corpus, on SQLite and PostgreSQL.

CORPUS_FILES = discover(TEXT_CORPUS)


def test_bundled_corpus_loads_then_a_second_run_changes_nothing(fresh_database_url: str) -> None:
    status, out, err = run("--json", "--database-url", fresh_database_url, *map(str, TEXT_CORPUS))

    summary = json.loads(out)
    assert status == 0, summary["failures"]
    assert (summary["files_seen"], summary["inserted"], summary["failed"]) == (
        len(CORPUS_FILES),
        len(CORPUS_FILES),
        0,
    )
    # Not a terminal: one plain line per file on standard error.
    assert f"inserted  A/RES/68/72  {ONE_FILE}\n" in err
    engine = engine_for(fresh_database_url)
    try:
        with engine.connect() as connection:
            before = table_counts(connection)
            stored = children(connection, "A/RES/68/72")
            document = connection.execute(
                select(ResolutionVersion.document)
                .join(Resolution)
                .where(Resolution.symbol == "A/RES/68/72", ResolutionVersion.language == "en")
            ).scalar_one()
        kinds = [row[2] for row in stored["clauses"]]
        assert (kinds.count("preambular"), kinds.count("operative")) == (13, 16)
        assert [row[1] for row in stored["clauses"] if row[8] == "op.3"] == [
            f"op.3.{label}" for label in "abcde"
        ]
        treaties_in_footnote_1 = {row[3] for row in stored["treaty_citations"] if row[2] == 1}
        assert {"apmbc", "ccw-protocol-v", "ccm", "crpd"} <= treaties_in_footnote_1
        assert len(stored["iacg_listings"]) == 14
        assert [(row[0], row[2], row[5]) for row in stored["follow_ups"]] == [
            ("agenda_item", 70, "op.16"),
            ("report", 70, "op.15"),
        ]
        gazetteer = load_gazetteer()
        parsed = parse_resolution(ONE_FILE.read_text(encoding="utf-8"), gazetteer=gazetteer)
        assert document == render_document(parsed, gazetteer)

        status, out, _ = run("--json", "--database-url", fresh_database_url, *map(str, TEXT_CORPUS))

        assert status == 0
        assert json.loads(out)["unchanged"] == len(CORPUS_FILES)
        with engine.connect() as connection:
            assert table_counts(connection) == before
            assert children(connection, "A/RES/68/72") == stored
    finally:
        engine.dispose()


def test_corrected_text_replaces_the_old_version(fresh_database_url: str, tmp_path: Path) -> None:
    copy = tmp_path / ONE_FILE.name
    text = ONE_FILE.read_text(encoding="utf-8")
    copy.write_text(text, encoding="utf-8")
    run("--database-url", fresh_database_url, str(copy))
    # The corrected edition drops operative paragraph 16 (the agenda item for session 70).
    start = text.index("16. Decides to include")
    copy.write_text(text[:start] + text[text.index("65th plenary meeting") :], encoding="utf-8")

    status, out, _ = run("--database-url", fresh_database_url, str(copy))

    assert status == 0
    assert out.startswith("1 file, 1 document: 0 inserted, 1 updated, 0 unchanged, 0 failed")
    engine = engine_for(fresh_database_url)
    try:
        with engine.connect() as connection:
            stored = children(connection, "A/RES/68/72")
            assert "op.16" not in {row[1] for row in stored["clauses"]}
            assert [row[0] for row in stored["follow_ups"]] == ["report"]
            assert connection.execute(select(func.count()).select_from(Resolution)).scalar() == 1
    finally:
        engine.dispose()


def test_bad_files_are_reported_and_the_good_one_loads(
    fresh_database_url: str, tmp_path: Path
) -> None:
    folder = tmp_path / "drop"
    folder.mkdir()
    (folder / ONE_FILE.name).write_bytes(ONE_FILE.read_bytes())
    markdown = (GA_80 / "A_RES_80_1.md").read_text(encoding="utf-8")
    (folder / "conflict.md").write_text(
        markdown.replace("symbol: A/RES/80/1", "symbol: A/RES/80/99"), encoding="utf-8"
    )
    (folder / "latin1.txt").write_bytes(ONE_FILE.read_text(encoding="utf-8").encode("cp1252"))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (folder / "huge.txt").write_bytes(ONE_FILE.read_bytes() * 200)
    (folder / "unreadable.txt").symlink_to(folder / "gone.txt")

    status, out, _ = run(
        "--json", "--max-file-size", "1", "--database-url", fresh_database_url, str(folder)
    )

    summary = json.loads(out)
    assert status == 1
    assert summary["inserted"] == 1
    reasons = {Path(failure["file"]).name: failure["reason"] for failure in summary["failures"]}
    assert reasons["conflict.md"].endswith(
        "the front matter says symbol 'A/RES/80/99' but the text is resolution 80/1 (A/RES/80/1)"
    )
    # Line 72 has the first non-ASCII character: the en dash of "2013–2018", 0x96 in cp1252.
    assert reasons["latin1.txt"] == (
        "file is not UTF-8: byte 0x96 at line 72 cannot be decoded; save it as UTF-8"
    )
    assert reasons["empty.txt"] == "file is empty"
    assert reasons["binary.txt"] == "file is binary (it contains NUL bytes), not a text"
    huge = (folder / "huge.txt").stat().st_size / (1024 * 1024)
    assert reasons["huge.txt"] == (
        f"file is {huge:.1f} MB, larger than the 1.0 MB limit for one resolution"
    )
    assert reasons["unreadable.txt"] == "cannot read the file: No such file or directory"
    assert len(reasons) == 6
    engine = engine_for(fresh_database_url)
    try:
        with engine.connect() as connection:
            symbols = connection.execute(select(Resolution.symbol)).scalars().all()
            assert symbols == ["A/RES/68/72"]
    finally:
        engine.dispose()


def test_dry_run_prints_documents_and_needs_no_database(tmp_path: Path) -> None:
    database = tmp_path / "never.db"

    status, out, err = run("--dry-run", "--database-url", f"sqlite:///{database}", str(ONE_FILE))

    assert status == 0
    (document,) = json.loads(out)
    assert document["id"] == "A-RES-68-72"
    assert len(document["operative"]) == 16
    assert "1 file, 1 document: 1 valid (dry run, nothing written), 0 failed" in err
    assert not database.exists()

    (tmp_path / "empty.txt").write_bytes(b"")
    status, out, _ = run("--dry-run", "--json", str(ONE_FILE), str(tmp_path / "empty.txt"))

    assert status == 1
    payload = json.loads(out)
    assert (payload["summary"]["valid"], payload["summary"]["failed"]) == (1, 1)
    assert [document["symbol"] for document in payload["documents"]] == ["A/RES/68/72"]


def test_two_processes_on_overlapping_folders_load_each_resolution_once(
    fresh_database_url: str, tmp_path: Path
) -> None:
    sources = [CORPUS_DIR / "mine-action", *sorted(GA_80.glob("A_RES_80_1*.md"))]
    files = distinct_copies(sources, tmp_path, copies=3)
    symbols_expected = len(files)
    # Both start with the shared folder, so that they meet on the same files at the same time.
    first = [str(tmp_path / "copy-2"), str(tmp_path / "copy-1")]
    second = [str(tmp_path / "copy-2"), str(tmp_path / "copy-3")]

    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "app.ingest",
                "--json",
                "-q",
                "--database-url",
                fresh_database_url,
                *paths,
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=PROJECT_ROOT,
        )
        for paths in (first, second)
    ]
    outputs = [process.communicate(timeout=300) for process in processes]

    for process, (_, err) in zip(processes, outputs, strict=True):
        assert process.returncode == 0, err
        assert "Traceback" not in err
    summaries = [json.loads(out) for out, _ in outputs]
    overlap = len(files) // 3
    assert sum(s["inserted"] for s in summaries) == symbols_expected
    assert sum(s["unchanged"] for s in summaries) == overlap
    engine = engine_for(fresh_database_url)
    try:
        with engine.connect() as connection:
            symbols = connection.execute(select(Resolution.symbol)).scalars().all()
            assert len(symbols) == len(set(symbols)) == symbols_expected
    finally:
        engine.dispose()


def test_the_start_and_the_summary_count_the_same_files(
    fresh_database_url: str, tmp_path: Path
) -> None:
    """A two-part XML file is one file and two documents; a broken zip, one file that failed."""
    files = PROJECT_ROOT / "tests" / "sources" / "akn" / "files"
    for name in ("75_101A-B_E.xml", "A_RES_ES-11_3-2205216E.xml"):
        (tmp_path / name).write_bytes((files / name).read_bytes())
    (tmp_path / "broken.zip").write_bytes(b"PK\x03\x04 not really a zip")

    status, out, err = run("--database-url", fresh_database_url, str(tmp_path))

    assert status == 1
    assert err.splitlines()[0] == "ingesting 3 files"
    assert out.startswith("3 files, 4 documents: 3 inserted, 0 updated, 0 unchanged, 1 failed")
    status, out, _ = run("--json", "--database-url", fresh_database_url, str(tmp_path))
    summary = json.loads(out)
    assert (summary["files_seen"], summary["documents"], summary["unchanged"]) == (3, 4, 3)
