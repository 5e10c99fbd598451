"""Bad input is refused with a ParseError that says what is wrong, and where."""

from __future__ import annotations

import pytest

from app.document.errors import ParseError
from app.sources.akn import AknError, MissingBody, NotAkn, NotXml, read_akn
from tests.sources.akn.corpus import FILES


def _error(data: bytes) -> AknError:
    with pytest.raises(AknError) as caught:
        read_akn(data)
    assert isinstance(caught.value, ParseError)
    return caught.value


def test_truncated_xml() -> None:
    error = _error((FILES / "broken-truncated_A_RES_ES-11_3.xml").read_bytes())
    assert isinstance(error, NotXml)
    assert error.line == 166
    assert str(error) == (
        "line 166: not well-formed XML (Premature end of data in tag voters line 155, "
        "line 166, column 2); the file is cut short"
    )


def test_another_akoma_ntoso_namespace() -> None:
    error = _error((FILES / "broken-akn2-namespace_A_RES_ES-11_3.xml").read_bytes())
    assert isinstance(error, NotAkn)
    assert error.message == (
        "<akomaNtoso> is in namespace http://www.akomantoso.org/2.0 (another Akoma Ntoso "
        "version); expected Akoma Ntoso 3.0 (http://docs.oasis-open.org/legaldocml/ns/akn/3.0)"
    )


def test_xml_that_is_not_akoma_ntoso() -> None:
    error = _error(b'<?xml version="1.0" encoding="UTF-8"?>\n<resolution symbol="A/RES/80/74"/>')
    assert isinstance(error, NotAkn)
    assert error.message == "the root element is <resolution>; an AKN4UN document has <akomaNtoso>"
    assert error.line == 2


def test_no_main_body() -> None:
    error = _error((FILES / "broken-no-mainbody_74_179.xml").read_bytes())
    assert isinstance(error, MissingBody)
    assert error.message == "the statement has no <mainBody>: no operative paragraphs to read"


def test_no_statement() -> None:
    data = (FILES / "A_RES_ES-11_3-2205216E.xml").read_bytes()
    data = data.replace(b"<statement ", b"<debate ").replace(b"</statement>", b"</debate>")
    error = _error(data)
    assert isinstance(error, MissingBody)
    assert error.message == "no <statement> in the file (found debate); a resolution is a statement"


def test_empty_and_text_files() -> None:
    assert _error(b"  \n").message == "the file is empty; expected AKN4UN XML"
    text = b"Resolution adopted by the General Assembly on 5 December 2025\n80/74. ..."
    assert _error(text).message == (
        "not XML: the file does not start with '<' (a text or binary file?)"
    )


def test_entities_are_not_expanded_and_nothing_is_fetched() -> None:
    data = (FILES / "A_RES_ES-11_3-2205216E.xml").read_bytes()
    doctype = (
        b'<!DOCTYPE akomaNtoso [<!ENTITY secret SYSTEM "file:///etc/passwd">'
        b'<!ENTITY remote SYSTEM "http://example.invalid/x">]>\n'
    )
    data = doctype + data.replace(b"Decides to suspend", b"Decides &secret;&remote; to suspend", 1)
    (resolution,) = read_akn(data)
    text = resolution.operative[0].text
    assert text.startswith("Decides to suspend")
    assert "root:" not in text
