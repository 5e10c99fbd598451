"""The stored JSON document has the shape issue 5 gives for GET /v1/resolutions/{id}."""

from __future__ import annotations

import json

from app.renderings.document import render_document
from tests.ingest import factories


def test_metadata_and_clauses() -> None:
    document = render_document(factories.resolution(), factories.gazetteer())

    assert document["id"] == "A-RES-68-72"
    assert document["symbol"] == "A/RES/68/72"
    assert (document["session"], document["number"]) == (68, 72)
    assert document["adopted_on"] == "2013-12-11"
    assert document["plenary_meeting"] == 65
    assert document["agenda_item"] == "50"
    assert document["committee_report"] == "A/68/411"
    assert document["preamble"][1] == {
        "key": "pp.2",
        "number": 2,
        "lead": "Recalling also",
        "text": "Recalling also all relevant treaties and conventions and their review processes,",
        "footnotes": [1],
        "footnote_offsets": [],
    }
    op3 = document["operative"][1]
    assert (op3["key"], op3["verb"]) == ("op.3", "Urges")
    assert [sub["label"] for sub in op3["subparagraphs"]] == ["a", "e"]
    sub_e = op3["subparagraphs"][1]
    # "(i)" and "(ii)" stay inside the sentence of (e), as the official markup has them.
    assert sub_e["key"] == "op.3.e"
    assert "(i) to countries affected" in sub_e["text"]
    assert "; and (ii) to promote" in sub_e["text"]
    assert sub_e["subparagraphs"] == []
    assert document["footnotes"][0]["cited_in"] == ["pp.2"]


def test_references_group_by_target_with_every_place() -> None:
    references = render_document(factories.resolution(), factories.gazetteer())["references"]

    assert references["resolutions"] == [
        {
            "symbol": "A/RES/66/69",
            "id": "A-RES-66-69",
            "adopted_on": "2011-12-09",
            "mentions": ["resolution 66/69 of 9 December 2011"],
            "cited_in": ["pp.1"],
        }
    ]
    assert references["documents"] == [
        {"symbol": "A/68/305", "mentions": ["A/68/305"], "cited_in": ["fn.7"]}
    ]
    treaties = references["treaties"]
    assert [treaty["key"] for treaty in treaties] == ["apmbc", "ccw-protocol-v", None]
    assert treaties[0]["short_name"] == "Anti-Personnel Mine Ban Convention"
    assert treaties[2]["name"] is None  # unresolved: only the words of the text
    assert treaties[2]["mentions"] == [
        "Convention on the Rights of Persons with Disabilities, 2006"
    ]
    (unmas,) = references["organizations"]
    assert unmas["acronym"] == "UNMAS"
    assert unmas["cited_in"] == ["pp.6", "fn.3"]
    assert unmas["mentions"] == ["United Nations Mine Action Service"]


def test_iacg_and_follow_ups() -> None:
    document = render_document(factories.resolution(), factories.gazetteer())

    assert document["iacg"][0] == {
        "key": "unmas",
        "name": "United Nations Mine Action Service",
        "acronym": "UNMAS",
        "role": "member",
    }
    assert [entry["key"] for entry in document["iacg"]] == ["unmas", "unoda", "undp", "unicef"]
    assert document["follow_ups"] == [
        {
            "kind": "report",
            "actor": "Secretary-General",
            "target_session": 70,
            "title": None,
            "clause": "op.15",
        },
        {
            "kind": "agenda_item",
            "actor": "General Assembly",
            "target_session": 70,
            "title": "Assistance in mine action",
            "clause": "op.16",
        },
    ]


def test_document_is_plain_json_without_request_time_parts() -> None:
    document = render_document(factories.resolution(), factories.gazetteer())

    assert json.loads(json.dumps(document)) == document
    assert "links" not in document
    assert "in_database" not in json.dumps(document)


def test_unknown_iacg_entity_keeps_the_name_of_the_text() -> None:
    corrected = factories.resolution(corrected=True)
    document = render_document(corrected, factories.gazetteer())

    assert document["iacg"] == [
        {"key": None, "name": "World Bank", "acronym": None, "role": "observer"}
    ]
