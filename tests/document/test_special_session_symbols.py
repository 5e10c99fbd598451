"""Resolutions of special and emergency special sessions cited in real texts."""

from __future__ import annotations

from pathlib import Path

from app.document.references import find_resolutions
from app.sources.text import parse_resolution

RAW = Path(__file__).parents[1] / "sources" / "text" / "fidelity" / "texts" / "regression" / "raw"


def test_a_special_session_resolution_in_a_footnote() -> None:
    parsed = parse_resolution((RAW / "A-RES-80-25__railcar.md").read_text(encoding="utf-8"))
    cited = {(r.symbol, r.anchor.footnote) for r in parsed.resolutions}
    assert ("A/RES/S-10/2", 1) in cited


def test_emergency_session_symbols_with_a_non_breaking_hyphen() -> None:
    # As the official XML prints them: "ES‑10/19" with U+2011.
    found = find_resolutions(
        "Recalling its resolutions ES\u201110/19 of 21 December 2017 and ES-10/20 of 13 June 2018,"
    )
    assert [r.symbol for r in found] == ["A/RES/ES-10/19", "A/RES/ES-10/20"]
    assert found[0].adopted_on is not None
