"""The scale corpus generator: what it writes, the real parser reads back as it said."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from app.document.dates import ordinal_value
from app.ingest.sources import discover
from app.reference import load_gazetteer
from app.sources.text import parse_resolution
from bench.generate import (
    MANIFEST,
    Generator,
    generate,
    is_current,
    load_templates,
    ordinal,
    pdf_text,
    read_manifest,
)

SAMPLE = 200


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("scale")
    generate(SAMPLE, out, seed=7)
    return out


def test_every_generated_file_parses_into_the_structure_the_manifest_announces(
    sample: Path,
) -> None:
    gazetteer = load_gazetteer()
    records = read_manifest(sample)
    assert len(records) == SAMPLE
    for record in records:
        parsed = parse_resolution((sample / str(record["file"])).read_text(), gazetteer=gazetteer)
        found = {
            "symbol": parsed.metadata.symbol,
            "session": parsed.metadata.session,
            "adopted_on": parsed.metadata.adopted_on.isoformat()
            if parsed.metadata.adopted_on
            else None,
            "format": str(parsed.source_format),
            "preambular": len(parsed.preamble),
            "operative": len(parsed.operative),
            "clauses": len(parsed.clauses()),
            "footnotes": len(parsed.footnotes),
            "follow_ups": len(parsed.follow_ups),
            "iacg": len(parsed.iacg),
        }
        assert found == {key: record[key] for key in found}, record["file"]
        # Every footnote is cited where its paragraph went, in order.
        assert all(note.cited_in for note in parsed.footnotes), record["file"]
        assert [note.number for note in parsed.footnotes] == list(
            range(1, len(parsed.footnotes) + 1)
        )


def test_the_sample_has_the_shape_of_the_real_record(sample: Path) -> None:
    records = read_manifest(sample)
    symbols = [record["symbol"] for record in records]
    assert len(set(symbols)) == len(symbols)
    assert {path.name for path in discover([sample])} == {
        Path(str(record["file"])).name for record in records
    }
    formats = Counter(record["format"] for record in records)
    assert formats["markdown"] > formats["pdf-text"] > 0
    sessions = {int(str(record["session"])) for record in records}
    assert min(sessions) >= 1
    assert max(sessions) <= 80
    assert len(sessions) > 60
    assert all(str(record["adopted_on"])[5:7] == "12" for record in records)
    totals: Counter[str] = Counter()
    for record in records:
        totals.update({key: int(str(record[key])) for key in ("footnotes", "follow_ups", "iacg")})
    assert totals["footnotes"] > SAMPLE
    assert totals["follow_ups"] > SAMPLE // 2
    assert totals["iacg"] > 0  # the mine-action paragraphs bring the IACG list along


def test_the_same_seed_writes_the_same_files(sample: Path, tmp_path: Path) -> None:
    generate(40, tmp_path / "again", seed=7)
    generate(40, tmp_path / "other", seed=8)

    again = read_manifest(tmp_path / "again")
    assert again == read_manifest(sample)[:40]
    for record in again:
        name = str(record["file"])
        assert (tmp_path / "again" / name).read_bytes() == (sample / name).read_bytes()
    assert read_manifest(tmp_path / "other") != again


def test_a_folder_that_is_not_a_generated_corpus_is_left_alone(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine\n")

    with pytest.raises(SystemExit):
        generate(1, tmp_path)

    assert (tmp_path / "notes.txt").exists()
    assert not (tmp_path / MANIFEST).exists()


@pytest.mark.parametrize("value", range(1, 100))
def test_session_ordinals_read_back(value: int) -> None:
    assert ordinal_value(ordinal(value)) == value


def test_a_title_that_wraps_in_the_pdf_layout_reads_back() -> None:
    # Too long for one line of the heading with its number ("30/1. Assistance ..."), short
    # enough for one line of a page header.
    title = "Assistance in mine action, with a title that is long enough to wrap onto a line"
    gazetteer = load_gazetteer()
    generator = Generator(load_templates(), seed=3)
    checked = 0
    while checked < 20:
        resolution = replace(generator.draw(), title=title)
        text = pdf_text(resolution, "21-18616")
        if text is None:
            continue  # markers this layout cannot glue: written as Markdown instead
        parsed = parse_resolution(text, gazetteer=gazetteer)
        facts = resolution.facts()
        assert parsed.metadata.title == title
        # The page headers' running title is furniture, never text of a paragraph.
        assert not [c.key for c in parsed.clauses() if "title that is long" in c.text]
        assert (len(parsed.preamble), len(parsed.clauses()), len(parsed.footnotes)) == (
            facts["preambular"],
            facts["clauses"],
            facts["footnotes"],
        )
        checked += 1


def test_a_corpus_knows_what_it_was_made_from(sample: Path) -> None:
    assert is_current(sample, SAMPLE, seed=7)
    assert not is_current(sample, SAMPLE, seed=8)
    assert not is_current(sample, SAMPLE + 1, seed=7)
