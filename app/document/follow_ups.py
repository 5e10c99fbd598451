"""Follow-up items: what an operative paragraph schedules for a later session."""

# "Requests the Secretary-General to submit to the General Assembly at its seventieth
#  session a report on ..."                                     -> report, session 70
# "Decides to include in the provisional agenda of its seventy-fourth session the item
#  entitled “Assistance in mine action”"                      -> agenda_item, session 74
# "... under the item entitled “General and complete disarmament”, the sub-item entitled
#  “Conventional arms control ...”"                            -> sub_item, session 81

from __future__ import annotations

import re

from app.document.dates import ORDINAL_PATTERN, ordinal_value
from app.document.model import FollowUp, FollowUpKind

_SESSION = re.compile(rf"\b(?:its|the)\s+({ORDINAL_PATTERN})\s+session\b", re.IGNORECASE)
_QUOTED = r"[“\"]([^”\"]+)[”\"]"
_AGENDA = re.compile(
    r"provisional agenda of its\s+(" + ORDINAL_PATTERN + r")\s+session", re.IGNORECASE
)
_ITEM = re.compile(r"\bthe item entitled\s+" + _QUOTED)
_SUB_ITEM = re.compile(r"\bthe sub-item entitled\s+" + _QUOTED)
_ACTOR = re.compile(
    r"\b(?:[Rr]equests|[Ii]nvites|[Ee]ncourages|[Cc]alls upon|[Aa]sks)\s+(?:also\s+)?"
    r"(?:the\s+)?((?:[A-Z][\w'-]*|of|the|and|for|on)(?:\s+(?:[A-Z][\w'-]*|of|the|and|for|on))*)"
)
_REPORT = re.compile(r"\b(?:submit|present|report|transmit)\b", re.IGNORECASE)
_CONVENE = re.compile(r"\b(?:convene|hold|organize)\b", re.IGNORECASE)


def find_follow_ups(clause_key: str, text: str, *, session: int) -> list[FollowUp]:
    """Items of `text` scheduled for a session after `session` (the resolution's own)."""
    items: list[FollowUp] = []
    agenda = _AGENDA.search(text)
    if agenda:
        target = ordinal_value(agenda.group(1))
        if target is None or target <= session:
            return items
        sub_item = _SUB_ITEM.search(text)
        item = _ITEM.search(text)
        if sub_item:
            items.append(
                FollowUp(
                    FollowUpKind.SUB_ITEM,
                    "General Assembly",
                    target,
                    sub_item.group(1).strip(),
                    clause_key,
                    text,
                )
            )
        elif item:
            items.append(
                FollowUp(
                    FollowUpKind.AGENDA_ITEM,
                    "General Assembly",
                    target,
                    item.group(1).strip(),
                    clause_key,
                    text,
                )
            )
        return items
    sessions = [
        m
        for m in _SESSION.finditer(text)
        if _later_session_context(text, m.start()) and (ordinal_value(m.group(1)) or 0) > session
    ]
    if not sessions:
        return items
    target = ordinal_value(sessions[0].group(1))
    actor_match = _ACTOR.search(text)
    actor = _clean_actor(actor_match.group(1)) if actor_match else None
    if re.search(r"\breport\b", text, re.IGNORECASE) and _REPORT.search(text):
        kind = FollowUpKind.REPORT
    elif _CONVENE.search(text):
        kind = FollowUpKind.MEETING
    else:
        kind = FollowUpKind.REVIEW
        actor = actor or "General Assembly"
    items.append(FollowUp(kind, actor, target, None, clause_key, text))
    return items


def _later_session_context(text: str, position: int) -> bool:
    """ "at its seventieth session", "to its eighty-first session": the Assembly's own."""
    before = text[max(0, position - 60) : position]
    return bool(re.search(r"\b(?:at|to|during|by|before|for|until)\s*$", before)) and bool(
        re.search(r"(General Assembly|Assembly|\bat\b|\bto\b)", before)
    )


def _clean_actor(words: str) -> str | None:
    words = re.sub(r"\s+(?:of|the|and|for|on)$", "", words.strip())
    words = re.sub(r"^(?:the)\s+", "", words)
    return words or None
