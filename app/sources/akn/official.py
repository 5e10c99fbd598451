"""The official record around the text: adoption and votes, sponsors, subjects, agenda."""

#     <workflow>
#       <step date="2025-10-16" outcome="draftResolution" as="A/C.4/80/L.7" by="Austria, ... and
#             United Kingdom of Great Britain and Northern Ireland"/>
#       <step outcome="draftResolutionAdditionalSponsors" by="Albania, ... and Ukraine"/>
#       <step outcome="recommendedForAdoption" as="A/80/537" refersTo="15"/>
#       <step outcome="adopted" as="A/80/PV.55"/>
#     </workflow>
#     <analysis><parliamentary><voting outcome="adoptedRecordedVote">
#       <count value="1" refersTo="against"><akn4un:voters>
#         <organization refersTo="memberState" GUID="https://unterm.un.org/...">UNITED STATES</...>
#     <classification><keyword value="LANDMINES" href="http://metadata.un.org/thesaurus/1003608"
#                              showAs="LANDMINES" dictionary="UNBIS Thesaurus"/>
#
# Counts are kept as the file states them, beside the lists: the two may disagree.

from __future__ import annotations

import re
from datetime import date

from app.core.identifiers import leading_symbol
from app.document.model import (
    Adoption,
    AdoptionOutcome,
    OfficialRecord,
    Sponsorship,
    StateName,
    Subject,
)
from app.sources.akn.metadata import read_agenda
from app.sources.akn.xml import Element, find_all, local, plain

_OUTCOMES = {
    "adoptedrecordedvote": AdoptionOutcome.RECORDED_VOTE,
    "adoptedwithoutvote": AdoptionOutcome.WITHOUT_VOTE,
}
_WRITTEN_COUNTS = re.compile(r"(\d+)\s*-\s*(\d+)\s*-\s*(\d+)")
_SYMBOL = re.compile(r"^[A-Z]+/\S+$")
_WITHOUT_VOTE = re.compile(r"without (?:a )?vote", re.IGNORECASE)
_SDG_ONTOLOGY = "http://metadata.un.org/sdg"
_COLUMNS = ("inFavour", "against", "abstaining")
# Member State names with "and" in them, so that "X, Y and Trinidad and Tobago" splits right.
_NAMES_WITH_AND = (
    "Antigua and Barbuda",
    "Bosnia and Herzegovina",
    "Saint Kitts and Nevis",
    "Saint Vincent and the Grenadines",
    "Sao Tome and Principe",
    "Trinidad and Tobago",
    "United Kingdom of Great Britain and Northern Ireland",
)
_CONJUNCTIONS = {"en": " and ", "fr": " et ", "es": " y ", "ru": " и ", "de": " und "}


def read_official(context: list[Element], *, language: str) -> OfficialRecord:
    """`context`: the statement, then the collections enclosing it, nearest first."""
    agenda_item, agenda_title = read_agenda(context)
    report = _step(context, "recommendedForAdoption")
    adopted = _step(context, "adopted")
    return OfficialRecord(
        adoption=_adoption(context),
        sponsorship=_sponsorship(context, language),
        subjects=_subjects(context),
        sdgs=_sdgs(context),
        agenda_item=agenda_item,
        agenda_title=agenda_title,
        committee_report=_attribute(report, "as"),
        report_paragraph=_attribute(report, "refersTo"),
        plenary_record=_symbol(_attribute(adopted, "as")),
    )


def _nearest(context: list[Element], path: str) -> list[Element]:
    for element in context:
        found = find_all(element, path)
        if found:
            return found
    return []


def _step(context: list[Element], outcome: str) -> Element | None:
    for step in _nearest(context, "meta/workflow/step"):
        if step.get("outcome") == outcome:
            return step
    return None


def _symbol(value: str | None) -> str | None:
    """A document symbol ("A/80/PV.55"); not a phrase such as "Adopted through silence ..."."""
    return value if value and _SYMBOL.match(value) else None


def _attribute(element: Element | None, name: str) -> str | None:
    value = (element.get(name) or "").strip() if element is not None else ""
    return value or None


def _adoption(context: list[Element]) -> Adoption | None:
    votings = _nearest(context, "meta/analysis/parliamentary/voting")
    if not votings:
        return None
    voting = votings[0]
    written = (voting.get("outcome") or "").strip()
    counts: dict[str, int | None] = {}
    lists: dict[str, tuple[StateName, ...]] = {}
    for count in voting:
        if local(count) != "count":
            continue
        column = count.get("refersTo", "").lstrip("#")
        if column not in _COLUMNS:
            continue
        value = (count.get("value") or "").strip()
        counts[column] = int(value) if value.isdigit() else None
        lists[column] = tuple(
            StateName(plain(org), (org.get("GUID") or "").strip() or None)
            for org in count.iter()
            if local(org) == "organization" and plain(org)
        )
    outcome = _OUTCOMES.get(written.casefold())
    if outcome is None:
        numbers = _WRITTEN_COUNTS.search(written)
        if numbers:
            outcome = AdoptionOutcome.RECORDED_VOTE
            for column, value in zip(_COLUMNS, numbers.groups(), strict=True):
                counts.setdefault(column, int(value))
        elif _WITHOUT_VOTE.search(written):
            outcome = AdoptionOutcome.WITHOUT_VOTE
        elif not written and not lists:
            return None
        else:
            outcome = AdoptionOutcome.OTHER
    return Adoption(
        outcome=outcome,
        outcome_text=written,
        in_favour_count=counts.get("inFavour"),
        against_count=counts.get("against"),
        abstaining_count=counts.get("abstaining"),
        in_favour=lists.get("inFavour", ()),
        against=lists.get("against", ()),
        abstaining=lists.get("abstaining", ()),
    )


def _sponsorship(context: list[Element], language: str) -> Sponsorship | None:
    draft = _step(context, "draftResolution")
    additional = _step(context, "draftResolutionAdditionalSponsors")
    if draft is None and additional is None:
        return None
    sponsors = _attribute(draft, "by") or ""
    more = _attribute(additional, "by") or ""
    draft_on = None
    if draft is not None:
        try:
            draft_on = date.fromisoformat(draft.get("date", ""))
        except ValueError:
            draft_on = None
    return Sponsorship(
        # "A/75/L.87/Rev.1 (as amended in A/75/L.90 ...)": the draft is the first symbol.
        draft_symbol=leading_symbol(_attribute(draft, "as")),
        draft_on=draft_on if draft_on is None or draft_on.year >= 1900 else None,
        sponsors_text=sponsors,
        sponsors=split_names(sponsors, language),
        additional_sponsors_text=more,
        additional_sponsors=split_names(more, language),
    )


def split_names(text: str, language: str) -> tuple[str, ...]:
    """ "Austria, Belgium and Trinidad and Tobago" -> ("Austria", "Belgium", "Trinidad and ...")."""
    items = [item.strip() for item in re.split(r"\s*[,،、;]\s*", text) if item.strip()]
    if not items:
        return ()
    last = items.pop()
    # The names are often in English whatever the language of the file.
    for conjunction in dict.fromkeys((_CONJUNCTIONS["en"], _CONJUNCTIONS.get(language, ""))):
        if conjunction and conjunction in last:
            items.extend(_split_last(last, conjunction))
            return tuple(items)
    items.append(last)
    return tuple(items)


def _split_last(last: str, conjunction: str) -> list[str]:
    """The last item of a list is "X and Y"; X or Y may itself be a name with "and"."""
    if last in _NAMES_WITH_AND:
        return [last]
    for name in _NAMES_WITH_AND:
        if last.endswith(conjunction + name):
            return [last[: -len(conjunction + name)], name]
        if last.startswith(name + conjunction):
            return [name, last[len(name + conjunction) :]]
    head, _, tail = last.partition(conjunction)
    return [head, tail]


def _subjects(context: list[Element]) -> tuple[Subject, ...]:
    """The library's subject headings; the keywords derived from the SDGs are left out."""
    found: dict[str, Subject] = {}
    for classification in _nearest(context, "meta/classification"):
        if (classification.get("source") or "").startswith(_SDG_ONTOLOGY):
            continue
        for keyword in classification:
            if local(keyword) != "keyword" or keyword.get("refersTo") == "agenda":
                continue
            label = (keyword.get("showAs") or keyword.get("value") or "").strip()
            uri = (keyword.get("href") or "").strip() or None
            vocabulary = (keyword.get("dictionary") or "").strip()
            if label:
                found.setdefault(uri or label, Subject(label, uri, vocabulary))
    return tuple(found.values())


def _sdgs(context: list[Element]) -> tuple[int, ...]:
    goals = {
        int(value)
        for keyword in _nearest(context, "meta/classification/keyword")
        if keyword.get("dictionary") == "SDGO" and (value := keyword.get("value", "")).isdigit()
    }
    return tuple(sorted(goals))
