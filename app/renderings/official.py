"""The official record's part of a stored document: adoption, draft and sponsors, subjects
(pure)."""

# `{"adoption": {"type": "recorded-vote", "stated_as": "adoptedRecordedVote", "counts": {...}},
# "draft_symbol": "A/C.4/80/L.7", "sponsors": [{"name": "Austria", "role": "sponsor", "state":
# "aut", "on_behalf_of": null}, ...], "subjects": [{"key": "landmines", ...}]}`; empty for a text.

from __future__ import annotations

from typing import Any

from app.core.identifiers import subject_key
from app.document.model import AdoptionOutcome, OfficialRecord
from app.reference.loader import load_member_states

Rendered = dict[str, Any]


def render_official(official: OfficialRecord | None) -> Rendered:
    """What the detail of a resolution says of its adoption, sponsors and subjects."""
    if official is None:
        return {"adoption": None, "draft_symbol": None, "sponsors": [], "subjects": []}
    adoption = official.adoption
    rendered_adoption = None
    if adoption is not None:
        recorded = adoption.outcome is AdoptionOutcome.RECORDED_VOTE
        rendered_adoption = {
            "type": str(adoption.outcome),
            "stated_as": adoption.outcome_text,
            "counts": {
                "in_favour": adoption.in_favour_count,
                "against": adoption.against_count,
                "abstaining": adoption.abstaining_count,
            }
            if recorded
            else None,
        }
    sponsorship = official.sponsorship
    sponsors: list[Rendered] = []
    if sponsorship is not None:
        states = load_member_states()
        for role, listing in (
            ("sponsor", sponsorship.sponsors_text),
            ("additional", sponsorship.additional_sponsors_text),
        ):
            sponsors.extend(
                {
                    "name": sponsor.name,
                    "role": role,
                    "state": sponsor.key,
                    "on_behalf_of": sponsor.on_behalf_of,
                }
                for sponsor in states.sponsors(listing)
            )
    return {
        "adoption": rendered_adoption,
        "draft_symbol": sponsorship.draft_symbol if sponsorship else None,
        "sponsors": sponsors,
        "subjects": [
            {
                "key": subject_key(subject.label, subject.uri),
                "label": subject.label,
                "uri": subject.uri,
                "vocabulary": subject.vocabulary,
            }
            for subject in official.subjects
        ],
    }
