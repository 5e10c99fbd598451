"""The official AKN4UN XML through the ingest job, on SQLite and PostgreSQL, with real files:
language versions and their alignment, the official record, source precedence, zips, reruns
and refusals (the bundled mine-action family and the reader's extra files)."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from collections.abc import Iterator
from gzip import decompress
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, Engine, func, select

from app.db.models import (
    ClauseTranslation,
    FootnoteTranslation,
    MemberState,
    Resolution,
    ResolutionEvent,
    ResolutionVersion,
    Sponsorship,
    Subject,
    Vote,
    resolution_subjects,
)
from app.ingest import cli
from tests.databases import engine_for
from tests.ingest.snapshots import children, table_counts

ROOT = Path(__file__).resolve().parents[2]
FAMILY = ROOT / "data" / "corpus" / "akn-mine-family"
TEXTS = ROOT / "data" / "corpus" / "mine-action"
EXTRACTS = ROOT / "tests" / "sources" / "data_extract"
FILES = ROOT / "tests" / "sources" / "akn" / "files"
LANGUAGES = ("ar", "en", "es", "fr", "ru", "zh")


def ingest(url: str, *paths: Path, jobs: int = 1) -> tuple[int, dict[str, Any]]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(
        ["--json", "-q", "--jobs", str(jobs), "--database-url", url, *map(str, paths)],
        stdout=out,
        stderr=err,
    )
    assert "Traceback" not in err.getvalue()
    return code, json.loads(out.getvalue())


@pytest.fixture
def engine(fresh_database_url: str) -> Iterator[Engine]:
    engine = engine_for(fresh_database_url)
    yield engine
    engine.dispose()


def _extracts(tmp_path: Path) -> Path:
    """The data extract lines of the family, in a folder of their own (found by content)."""
    folder = tmp_path / "data_extract"
    shutil.copytree(
        EXTRACTS, folder, ignore=shutil.ignore_patterns("*.py", "__pycache__"), dirs_exist_ok=True
    )
    return folder


def _resolution_id(connection: Connection, symbol: str) -> int:
    return connection.execute(select(Resolution.id).where(Resolution.symbol == symbol)).scalar_one()


def _keys(connection: Connection, symbol: str, language: str) -> list[str]:
    if language == "en":
        return [row[1] for row in sorted(children(connection, symbol)["clauses"])]  # by position
    resolution_id = _resolution_id(connection, symbol)
    return list(
        connection.execute(
            select(ClauseTranslation.key)
            .where(
                ClauseTranslation.resolution_id == resolution_id,
                ClauseTranslation.language == language,
            )
            .order_by(ClauseTranslation.position)
        ).scalars()
    )


def _votes(connection: Connection, symbol: str) -> dict[str, list[str]]:
    rows = connection.execute(
        select(Vote.vote, MemberState.key, Vote.name)
        .join(Resolution, Resolution.id == Vote.resolution_id)
        .outerjoin(MemberState, MemberState.id == Vote.member_state_id)
        .where(Resolution.symbol == symbol)
        .order_by(Vote.position)
    ).all()
    table: dict[str, list[str]] = {}
    for vote, key, name in rows:
        table.setdefault(vote, []).append(key or f"?{name}")
    return table


def test_the_family_in_six_languages_with_its_official_record(
    engine: Engine, fresh_database_url: str, tmp_path: Path
) -> None:
    sessions = [FAMILY / f"{session}session" for session in (74, 76, 78, 79, 80)]
    code, summary = ingest(fresh_database_url, *sessions, _extracts(tmp_path))
    assert code == 0, summary["failures"]
    documents = summary["files"]
    assert {d["language"] for d in documents} == set(LANGUAGES)
    assert all(d["outcome"] == "inserted" for d in documents)
    by_symbol = {(d["symbol"], d["language"]) for d in documents}
    assert len(by_symbol) == len(documents) == 20 * 6

    with engine.connect() as connection:
        # 80/74 in English and French: the official structure, the same keys.
        for language in ("en", "fr"):
            keys = _keys(connection, "A/RES/80/74", language)
            assert sum(key.startswith("pp.") for key in keys) == 30
            assert sum(key.count(".") == 1 and key.startswith("op.") for key in keys) == 26
            assert [key for key in keys if key.startswith("op.5.")] == [
                f"op.5.{label}" for label in "abcde"
            ]
        english = children(connection, "A/RES/80/74")
        assert len(english["footnotes"]) == 10
        resolution_id = _resolution_id(connection, "A/RES/80/74")
        french_notes = connection.execute(
            select(func.count()).where(
                FootnoteTranslation.resolution_id == resolution_id,
                FootnoteTranslation.language == "fr",
            )
        ).scalar_one()
        assert french_notes == 10
        french_op5e = connection.execute(
            select(ClauseTranslation.text).where(
                ClauseTranslation.resolution_id == resolution_id,
                ClauseTranslation.language == "fr",
                ClauseTranslation.key == "op.5.e",
            )
        ).scalar_one()
        assert " i) " in french_op5e
        assert " ii) " in french_op5e

        # Every resolution: the six languages hold the same clause keys in the same order.
        symbols = connection.execute(select(Resolution.symbol)).scalars().all()
        assert len(symbols) == 20
        for symbol in symbols:
            english_keys = _keys(connection, symbol, "en")
            for language in LANGUAGES:
                assert _keys(connection, symbol, language) == english_keys, (symbol, language)

        # The official record: the XML's own lists (79/34, 80/74) and the extract's (74, 76).
        votes = _votes(connection, "A/RES/79/34")
        assert [len(votes.get(v, [])) for v in ("in-favour", "against", "abstaining")] == [
            173,
            1,
            14,
        ]
        assert "usa" not in votes["in-favour"]
        votes = _votes(connection, "A/RES/80/74")
        assert [len(votes.get(v, [])) for v in ("in-favour", "against", "abstaining")] == [
            166,
            1,
            2,
        ]
        assert votes["against"] == ["usa"]
        counts = connection.execute(
            select(
                Resolution.adoption,
                Resolution.in_favour_count,
                Resolution.against_count,
                Resolution.abstaining_count,
            ).where(Resolution.symbol == "A/RES/80/74")
        ).one()
        assert tuple(counts) == ("recorded-vote", 166, 1, 2)
        assert _votes(connection, "A/RES/78/70") == {}
        adoption = connection.execute(
            select(Resolution.adoption).where(Resolution.symbol == "A/RES/78/70")
        ).scalar_one()
        assert adoption == "without-vote"
        # Every name of a vote list is a State of the gazetteer.
        assert (
            connection.execute(
                select(func.count()).where(Vote.member_state_id.is_(None))
            ).scalar_one()
            == 0
        )
        # Türkiye, whatever the year's spelling, is one State.
        spellings = connection.execute(
            select(Vote.name)
            .join(MemberState, MemberState.id == Vote.member_state_id)
            .where(MemberState.key == "tur")
            .distinct()
        ).scalars()
        assert {"TURKEY", "TÜRKİYE"} <= set(spellings)
        sponsors = connection.execute(
            select(MemberState.key)
            .join(Sponsorship, Sponsorship.member_state_id == MemberState.id)
            .join(Resolution, Resolution.id == Sponsorship.resolution_id)
            .where(Resolution.symbol == "A/RES/80/74")
        ).scalars()
        assert {"aut", "can"} <= set(sponsors)
        subjects = connection.execute(
            select(Subject.label)
            .join(resolution_subjects, resolution_subjects.c.subject_id == Subject.id)
            .where(resolution_subjects.c.resolution_id == resolution_id)
        ).scalars()
        assert "landmines" in {label.lower() for label in subjects}

        # The stored documents say what the rows say, in every language; the entities of the
        # other languages are the English ones.
        versions = connection.execute(
            select(Resolution.symbol, ResolutionVersion.language, ResolutionVersion.document)
            .join(Resolution)
            .where(ResolutionVersion.served.is_(True))
        ).all()
        assert len(versions) == 120
        english_documents = {s: d for s, language, d in versions if language == "en"}
        for symbol, language, document in versions:
            keys = [c["key"] for c in document["preamble"]] + [
                key for c in document["operative"] for key in _walk(c)
            ]
            assert keys == _keys(connection, symbol, language), (symbol, language)
            for section in ("references", "iacg", "follow_ups"):
                assert document[section] == english_documents[symbol][section]
        xml = connection.execute(
            select(ResolutionVersion.source_xml).where(
                ResolutionVersion.resolution_id == resolution_id,
                ResolutionVersion.language == "en",
            )
        ).scalar_one()
        source = next((FAMILY / "80session" / "English").glob("A_RES_80_74-*.xml"))
        assert decompress(xml) == source.read_bytes()

    # Unchanged inputs are known by their hash: nothing is written again.
    with engine.connect() as connection:
        before = table_counts(connection)
    code, again = ingest(fresh_database_url, *sessions, _extracts(tmp_path))
    assert code == 0
    assert {d["outcome"] for d in again["files"]} == {"unchanged"}
    assert len(again["files"]) == 120
    with engine.connect() as connection:
        assert table_counts(connection) == before


def _walk(clause: dict[str, Any]) -> Iterator[str]:
    yield clause["key"]
    for child in clause.get("subparagraphs", []):
        yield from _walk(child)


def test_the_official_xml_wins_over_a_parsed_text_in_either_order(
    engine: Engine, fresh_database_url: str, tmp_path: Path
) -> None:
    xml = next((FAMILY / "76session" / "English").glob("A_RES_76_74-*.xml"))
    text = TEXTS / "A_RES_76_74.txt"
    (tmp_path / "text").mkdir()
    shutil.copy(text, tmp_path / "text")
    (tmp_path / "xml").mkdir()
    shutil.copy(xml, tmp_path / "xml")

    code, _first = ingest(fresh_database_url, tmp_path / "text")
    assert code == 0
    with engine.connect() as connection:
        served = connection.execute(
            select(ResolutionVersion.source_format, ResolutionVersion.served)
        ).all()
        assert served == [("pdf-text", True)]
    code, second = ingest(fresh_database_url, tmp_path / "xml")
    assert code == 0
    assert [(d["symbol"], d["language"], d["outcome"]) for d in second["files"]] == [
        ("A/RES/76/74", "en", "inserted")
    ]
    with engine.connect() as connection:
        versions = dict(
            connection.execute(
                select(ResolutionVersion.source_format, ResolutionVersion.served)
            ).all()
        )
        assert versions == {"pdf-text": False, "akn4un": True}
        event = connection.execute(
            select(ResolutionEvent.languages, ResolutionEvent.source_switch)
            .order_by(ResolutionEvent.id.desc())
            .limit(1)
        ).one()
        assert tuple(event) == (["en"], "pdf-text -> akn4un")
        # The structure is the XML's now.
        english_from_xml = children(connection, "A/RES/76/74")["clauses"]

    # The other order: XML first, then the text, which is kept unserved and changes nothing.
    other = f"{fresh_database_url}"
    with engine.begin() as connection:
        connection.execute(Resolution.__table__.delete())
    code, _ = ingest(other, tmp_path / "xml")
    assert code == 0
    code, third = ingest(other, tmp_path / "text")
    assert code == 0
    assert [d["outcome"] for d in third["files"]] == ["inserted"]
    with engine.connect() as connection:
        versions = dict(
            connection.execute(
                select(ResolutionVersion.source_format, ResolutionVersion.served)
            ).all()
        )
        assert versions == {"pdf-text": False, "akn4un": True}
        assert children(connection, "A/RES/76/74")["clauses"] == english_from_xml


def test_zips_multi_part_german_and_emergency_files_and_bad_xml_per_file(
    engine: Engine, fresh_database_url: str, tmp_path: Path
) -> None:
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    for name in (
        "75_101A-B_E.xml",
        "A_RES_80_8-2518947G.xml",
        "A_RES_ES-11_3-2205216E.xml",
        "GA resolutions_74session_English (excerpt).zip",
        "broken-truncated_A_RES_ES-11_3.xml",
        "broken-akn2-namespace_A_RES_ES-11_3.xml",
        "broken-no-mainbody_74_179.xml",
        "README.md",
    ):
        shutil.copy(FILES / name, inputs / name)
    with zipfile.ZipFile(inputs / "junk.zip", "w") as archive:
        archive.write(FILES / "A_RES_ES-11_3-2205216E.xml", "English/es11_3.xml")
        archive.writestr("English/picture.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")

    code, summary = ingest(fresh_database_url, inputs)
    assert code == 1  # something failed, the rest went on
    results = {
        (d["file"].removeprefix(str(inputs) + "/"), d["symbol"]): d for d in summary["files"]
    }
    outcomes = {key: d["outcome"] for key, d in results.items()}
    zip_name = "GA resolutions_74session_English (excerpt).zip"
    assert outcomes[(f"{zip_name}:English/74_1.xml", "A/RES/74/1")] == "inserted"
    assert outcomes[(f"{zip_name}:English/74_179.xml", "A/RES/74/179")] == "inserted"
    assert outcomes[("75_101A-B_E.xml", "A/RES/75/101 A")] == "inserted"
    assert outcomes[("75_101A-B_E.xml", "A/RES/75/101 B")] == "inserted"
    assert results[("A_RES_80_8-2518947G.xml", "A/RES/80/8")]["language"] == "de"
    assert outcomes[("A_RES_ES-11_3-2205216E.xml", "A/RES/ES-11/3")] == "inserted"
    # The same resolution in the junk zip is a second copy of the same version: refused.
    failures = {f["file"].removeprefix(str(inputs) + "/"): f["reason"] for f in summary["failures"]}
    assert "not readable AKN4UN XML" in failures["broken-truncated_A_RES_ES-11_3.xml"]
    assert "namespace" in failures["broken-akn2-namespace_A_RES_ES-11_3.xml"]
    assert "mainBody" in failures["broken-no-mainbody_74_179.xml"]
    assert "binary" in failures["junk.zip:English/picture.png"]
    assert "already read from" in failures["junk.zip:English/es11_3.xml"]
    assert not any("README" in name for name in failures)
    assert "README.md" not in {name for name, _ in results}

    with engine.connect() as connection:
        german = connection.execute(
            select(ResolutionVersion.language, ResolutionVersion.served, Resolution.title)
            .join(Resolution)
            .where(Resolution.symbol == "A/RES/80/8")
        ).one()
        # No English version yet: the resolution holds its German text as a translation.
        assert (german.language, german.served) == ("de", True)
        assert _keys(connection, "A/RES/80/8", "de")
        assert children(connection, "A/RES/80/8")["clauses"] == []
        votes = _votes(connection, "A/RES/ES-11/3")
        assert len(votes["in-favour"]) == 93


def test_parallel_preparation_reads_xml_and_texts_alike(
    fresh_database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, engine: Engine
) -> None:
    from app.ingest import job

    monkeypatch.setattr(job, "FILES_PER_WORKER", 1)
    code, summary = ingest(
        fresh_database_url,
        FAMILY / "80session",
        TEXTS,
        FILES / "75_101A-B_E.xml",
        _extracts(tmp_path),
        jobs=2,
    )
    assert code == 0, summary["failures"]
    assert len(summary["files"]) == 4 * 6 + 3 + 2
    with engine.connect() as connection:
        assert len(_votes(connection, "A/RES/80/74")["in-favour"]) == 166
        assert (
            connection.execute(
                select(func.count()).where(ResolutionVersion.served.is_(True))
            ).scalar_one()
            == 4 * 6 + 3 + 2
        )
