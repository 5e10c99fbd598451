"""What a version stores as its file: the path below the folder the run was given (a zip member
under its archive), never where the ingesting machine keeps it; the same files ingested from
elsewhere are unchanged, and paths an earlier job stored whole are put right by a rerun."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, update

from app.db.models import DataVersion, Resolution, ResolutionEvent, ResolutionVersion
from app.ingest import cli
from tests.databases import engine_for

ROOT = Path(__file__).resolve().parents[2]
FILES = ROOT / "tests" / "sources" / "akn" / "files"
EMERGENCY = "Emergency sessions/ES-11/English/A_RES_ES-11_3-2205216E.xml"
ZIP = "74session/GA resolutions_74session_English (excerpt).zip"
TEXT = "mine-action/A_RES_68_72.txt"


def ingest(url: str, *paths: Path) -> dict[str, Any]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(
        ["--json", "-q", "--database-url", url, *map(str, paths)], stdout=out, stderr=err
    )
    assert code == 0, err.getvalue()
    summary: dict[str, Any] = json.loads(out.getvalue())
    return summary


def clone(where: Path) -> Path:
    """A folder laid out as the UN repository (plus a parsed text), at `where`."""
    for name, source in (
        (EMERGENCY, FILES / "A_RES_ES-11_3-2205216E.xml"),
        (ZIP, FILES / "GA resolutions_74session_English (excerpt).zip"),
        (TEXT, ROOT / "data" / "corpus" / "mine-action" / "A_RES_68_72.txt"),
    ):
        (where / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, where / name)
    return where


def stored_files(url: str) -> dict[str, tuple[str, str]]:
    engine = engine_for(url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                select(
                    Resolution.symbol,
                    ResolutionVersion.source_file,
                    ResolutionVersion.text_sha256,
                ).join(Resolution)
            ).all()
    finally:
        engine.dispose()
    return {symbol: (file, sha256) for symbol, file, sha256 in rows}


def test_files_are_stored_relative_to_the_folder_given(
    fresh_database_url: str, tmp_path: Path
) -> None:
    first = clone(tmp_path / "one" / "GAresolutions")
    summary = ingest(fresh_database_url, first)
    assert summary["inserted"] == 5
    files = stored_files(fresh_database_url)
    assert {symbol: file for symbol, (file, _) in files.items()} == {
        "A/RES/ES-11/3": EMERGENCY,
        "A/RES/74/1": f"{ZIP}/English/74_1.xml",
        "A/RES/74/179": f"{ZIP}/English/74_179.xml",
        "A/RES/74/296": f"{ZIP}/English/74_296_E.xml",
        "A/RES/68/72": TEXT,
    }
    assert all(len(sha256) == 64 for _, sha256 in files.values())
    # The report still names the files as the operator did.
    assert {d["file"] for d in summary["files"]} >= {str(first / EMERGENCY)}

    # The same files somewhere else: nothing changed, nothing written.
    elsewhere = clone(tmp_path / "two" / "copy")
    again = ingest(fresh_database_url, elsewhere)
    assert again["unchanged"] == 5
    assert again["inserted"] == again["updated"] == 0
    assert stored_files(fresh_database_url) == files

    # A file named directly is stored by its name.
    named = ingest(fresh_database_url, elsewhere / TEXT)
    assert named["unchanged"] == 1
    assert stored_files(fresh_database_url)["A/RES/68/72"][0] == TEXT


def test_a_rerun_replaces_the_absolute_paths_an_earlier_job_stored(
    fresh_database_url: str, tmp_path: Path
) -> None:
    folder = clone(tmp_path / "GAresolutions")
    ingest(fresh_database_url, folder)
    engine = engine_for(fresh_database_url)
    try:
        with engine.begin() as connection:
            connection.execute(
                update(ResolutionVersion).values(
                    source_file=func.concat("/work/old/", ResolutionVersion.source_file)
                    if engine.dialect.name == "postgresql"
                    else "/work/old/" + ResolutionVersion.source_file
                )
            )
        with engine.connect() as connection:
            events = connection.scalar(select(func.count()).select_from(ResolutionEvent))
            version = connection.scalar(select(DataVersion.version))
        summary = ingest(fresh_database_url, folder)
        assert summary["unchanged"] == 5
        files = stored_files(fresh_database_url)
        assert files["A/RES/ES-11/3"][0] == EMERGENCY
        assert files["A/RES/74/1"][0] == f"{ZIP}/English/74_1.xml"
        with engine.connect() as connection:
            # Not a change of text: no event; but the API's kept answers show the new path.
            assert connection.scalar(select(func.count()).select_from(ResolutionEvent)) == events
            assert connection.scalar(select(DataVersion.version)) > version
    finally:
        engine.dispose()
