"""The JSON Lines extract beside the UN's AKN4UN files: votes, sponsors and subjects per symbol."""

# `data_extract/<session>.json` holds one object per resolution, e.g. `{"symbol": "A/RES/79/34",
# "adoption_type": "By a recorded vote", "MS_in_favour": ["ALBANIA", ...], "MS_in_favour_count":
# "173", "sponsors": ["CAMBODIA", ...], "subjects": [["MINE CLEARANCE", "UNBIS Thesaurus"]], ...}`.
# It names the States of every recorded vote, where the XML lists them only from session 79 on.

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from app.core.identifiers import leading_symbol
from app.document.errors import ParseError
from app.document.model import (
    Adoption,
    AdoptionOutcome,
    OfficialRecord,
    Sponsorship,
    StateName,
    Subject,
)

# A resolution of a multi-part document shares the document's record: "A/RES/75/101 A-B".
_PARTS = re.compile(r"^(?P<base>.+?) (?P<first>[A-Z])-(?P<last>[A-Z])$")
_DRAFT = re.compile(r"/L\.\d+")
_OUTCOMES = {
    "adoptedrecordedvote": AdoptionOutcome.RECORDED_VOTE,
    "by a recorded vote": AdoptionOutcome.RECORDED_VOTE,
    "adoptedwithoutvote": AdoptionOutcome.WITHOUT_VOTE,
    "without a vote": AdoptionOutcome.WITHOUT_VOTE,
}


class NotAnExtract(ParseError):
    """The file is not a data extract, or one of its lines cannot be read."""


def is_data_extract(head: bytes) -> bool:
    """Whether a file's first bytes are a data extract's first line (read by content, not name)."""
    line = head.lstrip().split(b"\n", 1)[0]
    return line.startswith(b"{") and b'"symbol"' in line and b'"MS_in_favour' in line


def read_data_extract(data: bytes) -> dict[str, OfficialRecord]:
    """Every line's record, by symbol; a multi-part document's record under each part's symbol."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise NotAnExtract(f"not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    records: dict[str, OfficialRecord] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise NotAnExtract(f"not JSON ({exc.msg})", line=number) from exc
        if not isinstance(item, dict) or not isinstance(item.get("symbol"), str):
            raise NotAnExtract("an object with a symbol expected", line=number)
        record = _record(item)
        for symbol in _symbols(" ".join(item["symbol"].split())):
            records[symbol] = record
    return records


def complete(official: OfficialRecord | None, extract: OfficialRecord) -> OfficialRecord:
    """The XML's own record, with what only the extract gives filled in (the States' lists)."""
    if official is None:
        return extract
    adoption = official.adoption
    listed = adoption and (adoption.in_favour or adoption.against or adoption.abstaining)
    if adoption is None:
        adoption = extract.adoption
    elif not listed and extract.adoption and adoption.outcome == extract.adoption.outcome:
        adoption = replace(
            adoption,
            in_favour=extract.adoption.in_favour,
            against=extract.adoption.against,
            abstaining=extract.adoption.abstaining,
        )
    return replace(
        official,
        adoption=adoption,
        sponsorship=official.sponsorship or extract.sponsorship,
        subjects=official.subjects or extract.subjects,
        sdgs=official.sdgs or extract.sdgs,
        agenda_item=official.agenda_item or extract.agenda_item,
        agenda_title=official.agenda_title or extract.agenda_title,
        committee_report=official.committee_report or extract.committee_report,
        report_paragraph=official.report_paragraph or extract.report_paragraph,
        plenary_record=official.plenary_record or extract.plenary_record,
    )


def _symbols(symbol: str) -> Iterator[str]:
    parts = _PARTS.match(symbol)
    if not parts:
        yield symbol
        return
    for code in range(ord(parts["first"]), ord(parts["last"]) + 1):
        yield f"{parts['base']} {chr(code)}"


def _record(item: dict[str, Any]) -> OfficialRecord:
    origin = _text(item.get("originating_document"))
    report = None if origin is None or _DRAFT.search(origin) else origin.split(",")[0].strip()
    draft = leading_symbol(origin) if origin and _DRAFT.search(origin) else None
    agenda = _text(item.get("agenda_item"))
    return OfficialRecord(
        adoption=_adoption(item),
        sponsorship=_sponsorship(item, draft),
        subjects=tuple(_subjects(item.get("subjects"))),
        sdgs=tuple(sorted({int(g) for g in item.get("SDGs") or [] if str(g).strip().isdigit()})),
        agenda_item=re.sub(r"^Agenda item\s+", "", agenda) if agenda else None,
        agenda_title=_text(item.get("agenda_item_name")),
        committee_report=report,
        report_paragraph=_text(item.get("report_paragraph")),
        plenary_record=_text(item.get("pv")),
    )


def _adoption(item: dict[str, Any]) -> Adoption | None:
    stated = _text(item.get("voting_type")) or _text(item.get("adoption_type"))
    if stated is None:
        return None
    outcome = _OUTCOMES.get(stated.casefold(), AdoptionOutcome.OTHER)
    if outcome is not AdoptionOutcome.RECORDED_VOTE:
        return Adoption(outcome, stated)
    return Adoption(
        outcome,
        stated,
        in_favour_count=_count(item.get("MS_in_favour_count")),
        against_count=_count(item.get("MS_against_count")),
        abstaining_count=_count(item.get("MS_abstaining_count")),
        in_favour=_states(item.get("MS_in_favour")),
        against=_states(item.get("MS_against")),
        abstaining=_states(item.get("MS_abstaining")),
    )


def _sponsorship(item: dict[str, Any], draft: str | None) -> Sponsorship | None:
    sponsors = _names(item.get("sponsors"))
    additional = _names(item.get("additional_sponsors"))
    if not sponsors and not additional:
        return None
    return Sponsorship(
        draft_symbol=draft,
        draft_on=None,
        sponsors_text=", ".join(sponsors),
        sponsors=sponsors,
        additional_sponsors_text=", ".join(additional),
        additional_sponsors=additional,
    )


def _subjects(value: object) -> Iterator[Subject]:
    """`[["MINE CLEARANCE", "UNBIS Thesaurus"], ...]`: labels without the thesaurus' URIs."""
    for entry in value if isinstance(value, list) else []:
        names = _names(entry)
        if names:
            yield Subject(names[0], None, names[1] if len(names) > 1 else "UNBIS Thesaurus")


def _text(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    return None if not text or text.upper() == "N.A." else text


def _count(value: object) -> int | None:
    text = _text(value)
    return int(text) if text and text.isdigit() else None


def _names(value: object) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(" ".join(v.split()) for v in value if isinstance(v, str) and v.strip())


def _states(value: object) -> tuple[StateName, ...]:
    return tuple(StateName(name, None) for name in _names(value))
