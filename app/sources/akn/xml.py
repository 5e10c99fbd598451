"""Parse bytes into an Akoma Ntoso tree safely; the few helpers every part of the reader uses."""

# The parser resolves no entities, reads no DTD, never touches the network and refuses huge
# trees: the files come from outside the project.

from __future__ import annotations

import re
from typing import TypeAlias

from lxml import etree

from app.sources.akn.errors import NotAkn, NotXml

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
AKN4UN_NS = "http://un.org/akn4un"
_AKN = f"{{{AKN_NS}}}"
# Other Akoma Ntoso versions and drafts: named in the refusal, so the reason is precise.
_AKN_FAMILY = re.compile(r"akn|akomantoso|legaldocml", re.IGNORECASE)

Element: TypeAlias = etree._Element


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def parse_akn(data: bytes) -> Element:
    """The root `akomaNtoso` element of `data`, or NotXml / NotAkn saying why not."""
    start = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not start:
        raise NotXml("the file is empty; expected AKN4UN XML")
    if not start.startswith(b"<"):
        raise NotXml("not XML: the file does not start with '<' (a text or binary file?)", line=1)
    try:
        root = etree.fromstring(data, parser=_parser())
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if exc.lineno else None
        reason = exc.msg or str(exc)
        hint = "; the file is cut short" if "Premature end of data" in reason else ""
        raise NotXml(f"not well-formed XML ({reason}){hint}", line=line) from None
    name = etree.QName(root)
    if name.localname != "akomaNtoso":
        raise NotAkn(
            f"the root element is <{name.localname}>; an AKN4UN document has <akomaNtoso>",
            line=root.sourceline,
        )
    if name.namespace != AKN_NS:
        found = name.namespace or "no namespace"
        known = " (another Akoma Ntoso version)" if _AKN_FAMILY.search(found) else ""
        raise NotAkn(
            f"<akomaNtoso> is in namespace {found}{known}; expected Akoma Ntoso 3.0 ({AKN_NS})",
            line=root.sourceline,
        )
    return root


def q(name: str) -> str:
    """The qualified tag of an Akoma Ntoso element: q("mainBody")."""
    return _AKN + name


def local(element: Element) -> str:
    """The element's name without its namespace ("" for comments and the like)."""
    tag = element.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def children(element: Element, name: str) -> list[Element]:
    found: list[Element] = element.findall(q(name))
    return found


def child(element: Element, name: str) -> Element | None:
    return element.find(q(name))


def find(element: Element, path: str) -> Element | None:
    """First match of a slash path of Akoma Ntoso names ("meta/identification"); // allowed."""
    return element.find(_qualify(path))


def find_all(element: Element, path: str) -> list[Element]:
    found: list[Element] = element.findall(_qualify(path))
    return found


def _qualify(path: str) -> str:
    return "/".join(
        _AKN + step if step and step not in (".", "..") else step for step in path.split("/")
    )


def plain(element: Element | None) -> str:
    """All the text under `element`, whitespace collapsed (footnotes included)."""
    if element is None:
        return ""
    return " ".join("".join(element.itertext()).split())
