"""Metadata of one AKN4UN statement: symbol, part, dates, meeting, agenda item, committee."""

#     <FRBRWork><FRBRthis value="/akn/un/statement/deliberation/unga/2025-12-05/80-74/!main/"/>
#     <coverPage> ... <inline title="46" name="agenda item">Agenda item 46</inline>
#       <docProponent>[on the report of the Special Political and Decolonization Committee
#         (Fourth Committee) (<inline name="originating document">A/80/537, para. 15</inline>)]
#     <preface><p><docNumber>80/74.</docNumber><docTitle>Assistance in mine action</docTitle>
#     <conclusions> <location title="55th">55th plenary meeting</location>
#       <docDate date="2025-12-05">5 December 2025</docDate>
#
# The FRBR work IRI names the resolution ("80-74", "75-101A" for part A, "ES-10-24" for an
# emergency special session); where it names no part, the symbol printed on the cover page
# (`<docNumber refersTo="#symbol">A/RES/75/245 B</docNumber>`) may add one (a part adopted
# later). A part of a multi-part document takes what only the whole carries (cover page,
# workflow) from the enclosing collection.

from __future__ import annotations

import re
from datetime import date

from app.core.identifiers import leading_symbol
from app.document.model import Metadata
from app.sources.akn.errors import MissingBody
from app.sources.akn.xml import Element, child, find, find_all, local, plain, q

_WORK = re.compile(r"^(?:(?P<special>ES|S)-)?(?P<session>\d+)-(?P<number>\d+)\s*(?P<part>[A-Z])?$")
# A printed symbol that names one resolution (or one part): "A/RES/ES-10/24", "A/RES/75/245 B".
_PRINTED = re.compile(
    r"^A/RES/(?:(?P<special>ES|S)-)?(?P<session>\d+)/(?P<number>\d+)(?: (?P<part>[A-Z]))?$"
)
_LANGUAGES = {
    "ara": "ar",
    "ar": "ar",
    "zho": "zh",
    "chi": "zh",
    "zh": "zh",
    "eng": "en",
    "en": "en",
    "fra": "fr",
    "fre": "fr",
    "fr": "fr",
    "rus": "ru",
    "ru": "ru",
    "spa": "es",
    "es": "es",
    "deu": "de",
    "ger": "de",
    "de": "de",
}
_DIGITS = re.compile(r"\d+")
BODY = "General Assembly"  # the FRBR actor of every file (unga): the same in every language


def read_metadata(statement: Element, context: list[Element]) -> Metadata:
    """`context`: the statement, then the collections enclosing it, nearest first."""
    work = find(statement, "meta/identification/FRBRWork/FRBRthis")
    iri = work.get("value", "") if work is not None else ""
    segment = _work_segment(iri)
    match = _WORK.match(segment)
    if match is None:
        raise MissingBody(
            f"the FRBR work IRI {iri or '(none)'!r} does not name a resolution "
            "('.../unga/2025-12-05/80-74/'); cannot tell its symbol"
        )
    printed = _PRINTED.match(_printed_symbol(context))
    if (
        printed is not None
        and printed.group("part")
        and not match.group("part")
        and printed.group("special", "session", "number")
        == match.group("special", "session", "number")
    ):
        match = printed  # a part the IRI leaves out
    special = match.group("special")
    session = int(match.group("session"))
    number = int(match.group("number"))
    part = match.group("part")
    session_code = f"{special}-{session}" if special else str(session)
    symbol = f"A/RES/{session_code}/{number}" + (f" {part}" if part else "")
    adopted_on = _date(find(statement, "meta/identification/FRBRWork/FRBRdate"))
    conclusions = _first(context, "conclusions")
    if adopted_on is None and conclusions is not None:
        adopted_on = _date(find(conclusions, ".//docDate"))
    agenda_item, agenda_title = read_agenda(context)
    committee, report = _committee(context)
    return Metadata(
        symbol=symbol,
        body=BODY,
        session=session,
        number=number,
        part=part,
        title=_title(statement),
        adopted_on=adopted_on,
        plenary_meeting=_meeting(context, conclusions),
        agenda_item=agenda_item,
        agenda_title=agenda_title,
        committee=committee,
        committee_report=report,
        distributed_on=_distributed_on(context),
        draft_symbol=_draft_symbol(context),
        language=read_language(statement, context),
    )


def _printed_symbol(context: list[Element]) -> str:
    """The symbol on the nearest cover page ("A/RES/75/245 B"), whitespace collapsed; "" if
    none. A multi-part document's cover names the whole ("A/RES/80/84 A-B"), not one part."""
    for element in context:
        cover = child(element, "coverPage")
        if cover is None:
            continue
        for number in cover.iter(q("docNumber")):
            if number.get("refersTo") == "#symbol":
                return " ".join(plain(number).split())
    return ""


def _work_segment(iri: str) -> str:
    """ "80-74" of "/akn/un/statement/deliberation/unga/2025-12-05/80-74/!main/".

    The segment after the date names the work; a few files leave the date out
    ("/unga//74-100/"), so the last segment that reads as a resolution is taken.
    """
    for part in reversed([p for p in iri.split("/") if p]):
        if _WORK.match(part):
            return part
    return ""


def read_language(statement: Element, context: list[Element]) -> str:
    for element in [statement, *context]:
        found = find(element, "meta/identification/FRBRExpression/FRBRlanguage")
        if found is not None:
            code = found.get("language", "").strip().lower()
            return _LANGUAGES.get(code, code or "en")
    return "en"


def _first(context: list[Element], path: str) -> Element | None:
    for element in context:
        found = find(element, path)
        if found is not None:
            return found
    return None


def _date(element: Element | None) -> date | None:
    if element is None:
        return None
    try:
        value = date.fromisoformat(element.get("date", ""))
    except ValueError:
        return None
    return None if value.year < 1900 else value  # "0001-01-01" stands for no date


def _title(statement: Element) -> str:
    title = find(statement, "preface//docTitle")
    return plain(title)


def _meeting(context: list[Element], conclusions: Element | None) -> int | None:
    if conclusions is not None:
        for element in conclusions.iter():
            if local(element) in ("location", "inline") and (
                "adoptionMeeting" in (element.get("refersTo") or "")
                or element.get("name") == "adoptionMeeting"
            ):
                found = _DIGITS.search(element.get("title") or plain(element))
                if found:
                    return int(found.group())
    for step in _steps(context, "adopted"):
        record = re.search(r"/PV\.(\d+)", step.get("as") or "")
        if record:
            return int(record.group(1))
    return None


def read_agenda(context: list[Element]) -> tuple[str | None, str | None]:
    item = title = None
    for element in context:
        for inline in find_all(element, "coverPage//inline"):
            if inline.get("name") == "agenda item" and item is None:
                item = _agenda_number(inline.get("title") or plain(inline))
            elif inline.get("name") == "agenda item name" and title is None:
                title = plain(inline) or None
        for keyword in find_all(element, "meta/classification/keyword"):
            if keyword.get("refersTo") == "agenda":
                item = item or _agenda_number(keyword.get("value") or "")
                title = title or keyword.get("showAs") or None
    return item, title


def _agenda_number(text: str) -> str | None:
    """ "46", "20 (a)", "15 and 118" from "Agenda item 46" or "Point 46 de l'ordre du jour"."""
    found = re.search(r"\d.*?(?=\s+[^\d\s(]{4,}|$)", text.strip())
    return found.group().strip() if found else None


def _steps(context: list[Element], outcome: str) -> list[Element]:
    for element in context:
        steps = [s for s in find_all(element, "meta/workflow/step") if s.get("outcome") == outcome]
        if steps:
            return steps
    return []


def _committee(context: list[Element]) -> tuple[str | None, str | None]:
    """The Main Committee that recommended it and its report; None for plenary drafts."""
    report = None
    for step in _steps(context, "recommendedForAdoption"):
        report = leading_symbol(step.get("as")) or report
    proponent = _first(context, "coverPage//docProponent")
    if report is None or proponent is None:
        return None, report
    if "noMainCommittee" in (proponent.get("refersTo") or ""):
        return None, report
    text = plain(proponent).strip("[] ")
    if text.startswith("without reference"):
        return None, report
    origin = find(proponent, ".//inline")
    if origin is not None:
        text = text.replace(f"({plain(origin)})", "").strip()
    text = re.sub(r"^on the report of (?:the )?", "", text)
    # Other languages: drop the words before the committee's capitalised name.
    words = text.split(" ")
    if words[0][:1].islower() and any(w[:1].isupper() for w in words):
        while words and not words[0][:1].isupper():
            words.pop(0)
        text = " ".join(words)
    return (text or None), report


def _draft_symbol(context: list[Element]) -> str | None:
    for step in _steps(context, "draftResolution"):
        symbol = leading_symbol(step.get("as"))
        if symbol:
            return symbol
    return None


def _distributed_on(context: list[Element]) -> date | None:
    for element in context:
        for doc_date in find_all(element, "coverPage//docDate"):
            if "dateOfIssuance" in (doc_date.get("refersTo") or ""):
                return _date(doc_date)
    return None
