"""A resolution's official record (votes, sponsors, subjects, counts) -> rows, still pure."""

# States are named by gazetteer key (the loader turns keys into ids): a vote's State by its
# UNTERM identifier first, then by name; a sponsor list split by `MemberStates.sponsors`. Names
# that match no State are kept as written, with a warning; so are counts that differ from lists.

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.core.identifiers import subject_key
from app.db.models import SponsorRole, VoteCast
from app.document.model import OfficialRecord, StateName
from app.reference.member_states import MemberStates

Values = dict[str, Any]


@dataclass(frozen=True, slots=True)
class OfficialRows:
    """What the record writes: columns of `resolutions`, votes, sponsorships, subjects.

    Votes and sponsorships carry `state_key` (a gazetteer key, or None) in place of an id.
    """

    resolution: Values
    votes: tuple[Values, ...]
    sponsorships: tuple[Values, ...]
    subjects: tuple[Values, ...]
    warnings: tuple[str, ...] = ()


def official_rows(symbol: str, record: OfficialRecord, states: MemberStates) -> OfficialRows:
    warnings: list[str] = []
    adoption = record.adoption
    sponsorship = record.sponsorship
    resolution: Values = {
        "draft_symbol": sponsorship.draft_symbol if sponsorship else None,
        "plenary_record": record.plenary_record,
        "adoption": str(adoption.outcome) if adoption else None,
        "adoption_text": adoption.outcome_text if adoption else None,
        "in_favour_count": adoption.in_favour_count if adoption else None,
        "against_count": adoption.against_count if adoption else None,
        "abstaining_count": adoption.abstaining_count if adoption else None,
    }
    votes: list[Values] = []
    unresolved: list[str] = []
    if adoption is not None:
        columns = (
            (VoteCast.IN_FAVOUR, adoption.in_favour, adoption.in_favour_count, "in favour"),
            (VoteCast.AGAINST, adoption.against, adoption.against_count, "against"),
            (VoteCast.ABSTAINING, adoption.abstaining, adoption.abstaining_count, "abstaining"),
        )
        listed = any(names for _, names, _, _ in columns)
        for cast, listed_names, count, words in columns:
            for name in listed_names:
                key = _state_key(name, states)
                if key is None:
                    unresolved.append(name.name)
                votes.append(
                    {
                        "name": name.name,
                        "vote": str(cast),
                        "position": len(votes) + 1,
                        "state_key": key,
                    }
                )
            if listed and count is not None and count != len(listed_names):
                warnings.append(
                    f"{symbol}: the record states {count} {words} but lists "
                    f"{len(listed_names)} States "
                    "(the lists are kept)"
                )
    sponsorships: list[Values] = []
    if sponsorship is not None:
        for role, text, names in (
            (SponsorRole.SPONSOR, sponsorship.sponsors_text, sponsorship.sponsors),
            (
                SponsorRole.ADDITIONAL,
                sponsorship.additional_sponsors_text,
                sponsorship.additional_sponsors,
            ),
        ):
            found = (
                states.sponsors(text)
                if text.strip()
                else tuple(sponsor for name in names for sponsor in states.sponsors(name))
            )
            for sponsor in found:
                if sponsor.key is None:
                    unresolved.append(sponsor.name)
                sponsorships.append(
                    {
                        "name": sponsor.name,
                        "on_behalf_of": sponsor.on_behalf_of,
                        "role": str(role),
                        "position": len(sponsorships) + 1,
                        "state_key": sponsor.key,
                    }
                )
    if unresolved:
        shown = ", ".join(repr(name[:60]) for name in dict.fromkeys(unresolved))
        warnings.append(f"{symbol}: no Member State found for {shown} (kept as written)")
    subjects: dict[str, Values] = {}
    for subject in record.subjects:
        key = subject_key(subject.label, subject.uri)
        subjects.setdefault(
            key,
            {
                "key": key,
                "label": subject.label,
                "uri": subject.uri,
                "vocabulary": subject.vocabulary,
            },
        )
    return OfficialRows(
        resolution=resolution,
        votes=tuple(votes),
        sponsorships=tuple(sponsorships),
        subjects=tuple(subjects.values()),
        warnings=tuple(warnings),
    )


def _state_key(name: StateName, states: MemberStates) -> str | None:
    entry = states.by_unterm(name.unterm) if name.unterm else None
    if entry is None:
        entry = states.find(name.name)
    return entry.key if entry is not None else None
