"""bench.fidelity: outlines of real texts and official XML, and how they are compared."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from app.sources.text import parse_resolution
from bench.fidelity.compare import compare, normalise, outline_of
from bench.fidelity.harness import index_official, measure, text_files
from bench.fidelity.official import read_official

PAIRS = Path(__file__).parents[1] / "sources" / "text" / "fidelity"
TEXT_80_74 = PAIRS / "texts" / "regression" / "raw" / "A-RES-80-74__undocs-downloader.txt"
XML_80_74 = PAIRS / "akn" / "80session" / "A_RES_80_74-2520096E.xml"


def test_normalise_straightens_quotes_hyphens_and_spaces() -> None:
    assert normalise("  “leaving  no one\u00a0behind” non\u2011technical\n ") == (
        '"leaving no one behind" non-technical'
    )


def test_the_official_outline_of_80_74() -> None:
    (want,) = read_official(XML_80_74.read_bytes())
    assert want.symbol == "A/RES/80/74"
    assert (want.preamble, want.operative, want.footnotes) == (30, 26, 10)
    assert want.labels == {"op.5": ("a", "b", "c", "d", "e")}
    # The markup keeps "(i) ... and (ii) ..." inside sub-paragraph (e) as text.
    assert "(i) to countries" in want.texts["op.5.e"]
    # Lead words included, footnote bodies left out.
    assert want.texts["pp.2"] == (
        "Recalling also all relevant treaties and conventions and their review processes,"
    )


def test_a_parsed_text_compared_with_its_official_xml() -> None:
    (want,) = read_official(XML_80_74.read_bytes())
    got = outline_of(parse_resolution(TEXT_80_74.read_text(encoding="utf-8")))
    comparison = compare(got, want)
    assert comparison.total == len(want.texts) == 30 + 26 + 5
    assert comparison.identical >= 60
    assert compare(want, want).fully_identical


def test_every_difference_is_listed_with_got_and_want() -> None:
    (want,) = read_official(XML_80_74.read_bytes())
    texts = dict(want.texts)
    texts["pp.1"] = f"{texts['pp.1']} {texts.pop('pp.2')}"  # two paragraphs merged
    merged = replace(want, preamble=29, texts=texts)
    comparison = compare(merged, want)
    assert not comparison.counts_right
    assert comparison.identical == comparison.total - 2
    whats = [d.what for d in comparison.differences]
    assert whats == ["preambular paragraphs", "text of pp.1", "text of pp.2"]
    assert comparison.differences[0].got == "29"
    assert comparison.differences[0].want == "30"
    assert comparison.differences[2].got == "(missing)"


def test_wrong_labels_make_the_counts_wrong() -> None:
    (want,) = read_official(XML_80_74.read_bytes())
    labels = {"op.5": ("a", "b", "c", "d", "e"), "op.5.e": ("i", "ii")}
    comparison = compare(replace(want, labels=labels), want)
    assert not comparison.counts_right
    assert [(d.what, d.got, d.want) for d in comparison.differences] == [
        ("labels of op.5.e", "i, ii", "(none)")
    ]


@pytest.mark.parametrize("name", ["75_101A-B_E.xml"])
def test_multi_part_documents_give_one_outline_per_part(name: str) -> None:
    path = Path("/tmp/unxml/GAresolutions/75session/English") / name
    if not path.exists():
        pytest.skip("the UN XML snapshot is not unpacked here")
    outlines = read_official(path.read_bytes())
    assert [o.symbol for o in outlines] == ["A/RES/75/101 A", "A/RES/75/101 B"]


def test_the_harness_pairs_texts_with_xml_by_symbol() -> None:
    report = measure([TEXT_80_74], index_official([PAIRS / "akn"]))
    assert [p.comparison.symbol for p in report.pairs] == ["A/RES/80/74"]
    assert report.totals.resolutions == 1
    assert text_files([PAIRS / "texts" / "regression"])
