"""Follow-ups worded in the ways real resolutions word them (a real text, 80/53)."""

from __future__ import annotations

from pathlib import Path

from app.document.model import FollowUpKind
from app.sources.text import parse_resolution

TEXT = (
    Path(__file__).parents[1]
    / "sources"
    / "text"
    / "fidelity"
    / "texts"
    / "regression"
    / "raw"
    / "A-RES-80-53__railcar.md"
)


def test_an_item_entitled_and_a_briefing_at_a_named_session() -> None:
    parsed = parse_resolution(TEXT.read_text(encoding="utf-8"))
    found = [(f.clause, f.kind, f.actor, f.target_session, f.title) for f in parsed.follow_ups]
    assert found == [
        (
            "op.9",
            FollowUpKind.REPORT,
            "High Representative for Disarmament Affairs",
            81,
            None,
        ),
        ("op.10", FollowUpKind.REPORT, "Group of Scientific and Technical Experts", 84, None),
        (
            "op.12",
            FollowUpKind.AGENDA_ITEM,
            "General Assembly",
            81,
            "Group of Scientific and Technical Experts on Nuclear Disarmament Verification",
        ),
    ]
