"""Akoma Ntoso 3.0 rendering of one resolution document, following the UN's AKN4UN guidelines."""

# Input is the JSON document of one resolution (app.renderings.document.render_document, as the
# API serves it); output is the XML of ``akomaNtoso/statement[@name='resolution']`` with FRBR
# identification, TLC references, preface, preamble, mainBody and conclusions; footnotes are
# ``authorialNote`` elements where their markers stood, cited resolutions ``ref`` elements.

from __future__ import annotations

import re
from datetime import date
from typing import Any

from lxml import etree

AKN_NAMESPACE = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
# AKN4UN leaves the actor code open ("un-ga" in its naming table, "ga" in one example); this
# project uses the naming table's codes everywhere.
ACTORS = {"A/RES": "un-ga", "S/RES": "un-sc", "E/RES": "un-ecosoc", "A/HRC/RES": "un-hrc"}
ACTOR_NAMES = {
    "un-ga": "General Assembly",
    "un-sc": "Security Council",
    "un-ecosoc": "Economic and Social Council",
    "un-hrc": "Human Rights Council",
}
ONTOLOGY = "/ontology"
SOURCE = "mine-action-resolutions"

Document = dict[str, Any]


def _tag(name: str) -> str:
    return f"{{{AKN_NAMESPACE}}}{name}"


def _element(
    parent: etree._Element, tag: str, text: str | None = None, /, **attributes: str
) -> etree._Element:
    child = etree.SubElement(parent, _tag(tag), attributes)
    if text is not None:
        child.text = text
    return child


def actor_for(symbol: str) -> str:
    prefix = symbol.rsplit("/", 2)[0] if symbol.count("/") >= 2 else symbol
    for series, actor in ACTORS.items():
        if symbol.startswith(series + "/") or prefix == series:
            return actor
    return "un-ga"


def work_iri(symbol: str, adopted_on: str | None) -> str:
    """`/akn/un/statement/deliberation/un-ga/2013-12-11/68-72` (a "/" in a number becomes "-")."""
    actor = actor_for(symbol)
    number = symbol.split("/RES/", 1)[-1]
    number = re.sub(r"[\s/]+", "-", number.replace("(", "").replace(")", "")).strip("-")
    parts = ["", "akn", "un", "statement", "deliberation", actor]
    if adopted_on:
        parts.append(adopted_on)
    parts.append(number)
    return "/".join(parts)


# ISO 639-2 codes, as the UN's own files write FRBRlanguage; a document stored before it said
# its language is English.
AKN_LANGUAGES = {
    "ar": "ara",
    "zh": "zho",
    "en": "eng",
    "fr": "fra",
    "ru": "rus",
    "es": "spa",
    "de": "deu",
}


def render_akn(document: Document, *, generated_on: date | None = None) -> bytes:
    """The resolution as an Akoma Ntoso 3.0 XML document (UTF-8 bytes with a declaration)."""
    root = etree.Element(_tag("akomaNtoso"), nsmap={None: AKN_NAMESPACE})
    statement = _element(root, "statement", name="resolution", contains="originalVersion")
    _meta(statement, document, generated_on or date.today())
    _preface(statement, document)
    _preamble(statement, document)
    _main_body(statement, document)
    _conclusions(statement, document)
    xml: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return xml


def _meta(statement: etree._Element, document: Document, generated_on: date) -> None:
    symbol = document["symbol"]
    adopted = document.get("adopted_on")
    actor = actor_for(symbol)
    work = work_iri(symbol, adopted)
    language = AKN_LANGUAGES.get(document.get("language") or "en", "eng")
    expression = f"{work}/{language}@{adopted or ''}".rstrip("@")
    work_date = adopted or generated_on.isoformat()
    date_name = "adoption" if adopted else "generation"

    meta = _element(statement, "meta")
    identification = _element(meta, "identification", source=f"#{SOURCE}")
    frbr_work = _element(identification, "FRBRWork")
    _element(frbr_work, "FRBRthis", value=f"{work}/!main")
    _element(frbr_work, "FRBRuri", value=work)
    _element(frbr_work, "FRBRdate", date=work_date, name=date_name)
    _element(frbr_work, "FRBRauthor", href=f"#{actor}")
    _element(frbr_work, "FRBRcountry", value="un")
    _element(frbr_work, "FRBRnumber", value=symbol.split("/RES/", 1)[-1])
    _element(frbr_work, "FRBRname", value=document.get("title") or symbol)

    frbr_expression = _element(identification, "FRBRExpression")
    _element(frbr_expression, "FRBRthis", value=f"{expression}/!main")
    _element(frbr_expression, "FRBRuri", value=expression)
    _element(frbr_expression, "FRBRdate", date=work_date, name=date_name)
    _element(frbr_expression, "FRBRauthor", href=f"#{actor}")
    _element(frbr_expression, "FRBRlanguage", language=language)

    frbr_manifestation = _element(identification, "FRBRManifestation")
    _element(frbr_manifestation, "FRBRthis", value=f"{expression}/!main.xml")
    _element(frbr_manifestation, "FRBRuri", value=f"{expression}/!main.xml")
    _element(frbr_manifestation, "FRBRdate", date=generated_on.isoformat(), name="generation")
    _element(frbr_manifestation, "FRBRauthor", href=f"#{SOURCE}")
    _element(frbr_manifestation, "FRBRformat", value="application/akn+xml")

    references = _element(meta, "references", source=f"#{SOURCE}")
    _element(
        references,
        "TLCOrganization",
        eId=actor,
        href=f"{ONTOLOGY}/organizations/un/{actor}",
        showAs=ACTOR_NAMES.get(actor, "General Assembly"),
    )
    _element(
        references,
        "TLCOrganization",
        eId=SOURCE,
        href=f"{ONTOLOGY}/organizations/{SOURCE}",
        showAs="Mine Action Resolutions",
    )
    seen = {actor, SOURCE}
    organizations = [*document.get("iacg", []), *document["references"]["organizations"]]
    for organization in organizations:
        key = organization.get("key")
        if not key or key in seen:
            continue
        seen.add(key)
        _element(
            references,
            "TLCOrganization",
            eId=key,
            href=f"{ONTOLOGY}/organizations/un/{key}",
            showAs=organization.get("name") or key,
        )
    for treaty in document["references"]["treaties"]:
        key = treaty.get("key")
        if not key or key in seen:
            continue
        seen.add(key)
        _element(
            references,
            "TLCConcept",
            eId=key,
            href=f"{ONTOLOGY}/concepts/treaties/{key}",
            showAs=treaty.get("short_name") or treaty.get("name") or key,
        )
    if document.get("plenary_meeting") is not None:
        _element(
            references,
            "TLCEvent",
            eId="plenaryMeeting",
            href=f"{ONTOLOGY}/events/un/{actor}/plenary-meeting-{document['plenary_meeting']}",
            showAs=f"{_ordinal(document['plenary_meeting'])} plenary meeting",
        )
    _element(
        references,
        "TLCConcept",
        eId="adoptionDate",
        href=f"{ONTOLOGY}/concepts/adoption-date",
        showAs="Adoption date",
    )


def _preface(statement: etree._Element, document: Document) -> None:
    preface = _element(statement, "preface")
    p = _element(preface, "p")
    _element(p, "docNumber", document["symbol"].split("/RES/", 1)[-1]).tail = ". "
    _element(p, "docTitle", document.get("title") or "")


def _preamble(statement: etree._Element, document: Document) -> None:
    if not document["preamble"] and not document.get("body"):
        return
    preamble = _element(statement, "preamble")
    formula = _element(preamble, "formula", name="enactingFormula")
    _element(formula, "p", f"The {document.get('body') or 'General Assembly'},")
    notes = _notes(document)
    refs = _resolution_refs(document)
    for clause in document["preamble"]:
        eid = f"preamble__para_{clause['number']}"
        container = _element(preamble, "container", name="preambularParagraph", eId=eid)
        _paragraph_text(_element(container, "p"), clause, clause.get("lead"), notes, refs, eid)


def _main_body(statement: etree._Element, document: Document) -> None:
    body = _element(statement, "mainBody")
    notes = _notes(document)
    refs = _resolution_refs(document)
    for clause in document["operative"]:
        eid = f"para_{clause['number']}"
        paragraph = _element(body, "paragraph", eId=eid)
        _element(paragraph, "num", f"{clause['number']}.")
        _body_of(paragraph, clause, clause.get("verb"), notes, refs, eid)


def _body_of(
    parent: etree._Element,
    clause: Document,
    emphasis: str | None,
    notes: dict[int, str],
    refs: dict[str, list[tuple[str, str]]],
    eid: str,
) -> None:
    """`content` for a clause without sub-paragraphs; `list` with `intro` and `point`s otherwise."""
    children = clause.get("subparagraphs") or []
    if not children:
        content = _element(parent, "content")
        _paragraph_text(_element(content, "p"), clause, emphasis, notes, refs, eid)
        return
    list_eid = f"{eid}__list_1"
    items = _element(parent, "list", eId=list_eid)
    if clause["text"]:
        intro = _element(items, "intro")
        _paragraph_text(_element(intro, "p"), clause, emphasis, notes, refs, list_eid)
    for child in children:
        point_eid = f"{list_eid}__point_{child['label']}"
        point = _element(items, "point", eId=point_eid)
        _element(point, "num", f"({child['label']})")
        _body_of(point, child, None, notes, refs, point_eid)


def _paragraph_text(
    p: etree._Element,
    clause: Document,
    emphasis: str | None,
    notes: dict[int, str],
    refs: dict[str, list[tuple[str, str]]],
    eid: str,
) -> None:
    """Fill `p` with the clause text: the lead in <i>, <ref> for cited resolutions, notes."""
    text: str = clause["text"]
    inserts: list[tuple[int, int, str, str]] = []  # (start, end, kind, payload)
    if emphasis and text.startswith(emphasis):
        inserts.append((0, len(emphasis), "i", ""))
    cursor = 0
    for mention, href in refs.get(clause["key"], []):
        position = text.find(mention, cursor)
        if position < 0:
            position = text.find(mention)
        if position < 0 or any(
            s < position + len(mention) and position < e for s, e, *_ in inserts
        ):
            continue
        inserts.append((position, position + len(mention), "ref", href))
        cursor = position + len(mention)
    numbers = clause.get("footnotes") or []
    offsets = clause.get("footnote_offsets") or [len(text)] * len(numbers)
    for number, offset in zip(numbers, offsets, strict=False):
        inserts.append((offset, offset, "note", str(number)))
    inserts.sort(key=lambda item: (item[0], item[1] - item[0] == 0, item[1]))

    last: etree._Element | None = None
    position = 0

    def append_text(value: str) -> None:
        if not value:
            return
        if last is None:
            p.text = (p.text or "") + value
        else:
            last.tail = (last.tail or "") + value

    cited: set[int] = set()
    for start, end, kind, payload in inserts:
        if start < position:
            start = position
        append_text(text[position:start])
        if kind == "note" and int(payload) in cited:
            # A note cited again in the same paragraph: a bare superscript, as AKN4UN writes a
            # second citation (one authorialNote per note, its eId unique in the document).
            last = _element(p, "sup", payload)
            position = start
        elif kind == "note":
            number = int(payload)
            cited.add(number)
            note = _element(
                p,
                "authorialNote",
                marker=payload,
                placement="bottom",
                eId=f"{eid}__authorialNote_{number}",
            )
            _element(note, "p", notes.get(number, ""))
            last = note
            position = start
        else:
            element = _element(
                p, kind, text[start:end], **({"href": payload} if kind == "ref" else {})
            )
            last = element
            position = end
    append_text(text[position:])


def _notes(document: Document) -> dict[int, str]:
    return {note["number"]: note["text"] for note in document["footnotes"]}


def _resolution_refs(document: Document) -> dict[str, list[tuple[str, str]]]:
    """Clause key -> [(mention, href)] for every cited resolution."""
    by_clause: dict[str, list[tuple[str, str]]] = {}
    for reference in document["references"]["resolutions"]:
        href = work_iri(reference["symbol"], reference.get("adopted_on"))
        for place in reference.get("cited_in", []):
            for mention in reference.get("mentions", []):
                by_clause.setdefault(place, []).append((mention, href))
    return by_clause


def _conclusions(statement: etree._Element, document: Document) -> None:
    meeting = document.get("plenary_meeting")
    adopted = document.get("adopted_on")
    if meeting is None and not adopted:
        return
    conclusions = _element(statement, "conclusions")
    p = _element(conclusions, "p")
    if meeting is not None:
        event = _element(
            p, "event", f"{_ordinal(meeting)} plenary meeting", refersTo="#plenaryMeeting"
        )
        event.tail = " "
    if adopted:
        day = date.fromisoformat(adopted)
        _element(
            p, "date", f"{day.day} {day:%B} {day.year}", date=adopted, refersTo="#adoptionDate"
        )


def _ordinal(number: int) -> str:
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"
