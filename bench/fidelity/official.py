"""The official side of a pair: outlines of the English resolutions in AKN4UN XML files.

Provisional walk of the XML until the project's reader (app.sources.akn) is merged.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from bench.fidelity.compare import Outline, normalise

_NS = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
_AKN = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"
_URI = re.compile(r"/(\d+)-(\d+)([A-Z])?/")


def read_official(data: bytes) -> list[Outline]:
    """One outline per English resolution (per part of a multi-part one) in one XML file."""
    root = etree.fromstring(data)
    language = root.find(".//a:FRBRExpression/a:FRBRlanguage", _NS)
    if language is None or language.get("language") != "eng":
        return []
    components = root.findall(".//a:components/a:component", _NS)
    documents = [c for c in components if c.find(".//a:mainBody", _NS) is not None]
    if not documents:
        documents = [root]
    return [outline for doc in documents if (outline := _outline(doc)) is not None]


def _outline(document: etree._Element) -> Outline | None:
    uri = document.find(".//a:FRBRWork/a:FRBRuri", _NS)
    match = _URI.search(uri.get("value", "")) if uri is not None else None
    if match is None:
        return None
    symbol = f"A/RES/{match.group(1)}/{match.group(2)}" + (
        f" {match.group(3)}" if match.group(3) else ""
    )
    texts: dict[str, str] = {}
    labels: dict[str, tuple[str, ...]] = {}
    preamble = document.find(".//a:preamble", _NS)
    body = document.find(".//a:mainBody", _NS)
    number = 0
    if preamble is not None:
        for element in preamble:
            if element.tag == f"{_AKN}container":
                number += 1
                texts[f"pp.{number}"] = _text(element)
            elif element.tag == f"{_AKN}blockList" and number:
                _items(element, f"pp.{number}", texts, labels)
    preamble_count = number
    number = 0
    letter: str | None = None  # the open lettered item, under which "(i)" items nest
    if body is not None:
        for paragraph in body.iter(f"{_AKN}paragraph"):
            if _inside_paragraph(paragraph):
                continue
            # Some files mark the items of a list as paragraphs without a number whose text
            # opens with the label: they are the sub-paragraphs of the numbered one before.
            item = _UNNUMBERED_ITEM.match(_text(paragraph, skip_num=True))
            if item and number and paragraph.find("a:num", _NS) is None:
                label, rest = item.group(1), item.group(2)
                parent = f"op.{number}"
                roman = letter is not None and label in _ROMANS and label != _next(letter)
                if roman:
                    parent = f"{parent}.{letter}"
                else:
                    letter = label
                labels[parent] = (*labels.get(parent, ()), label)
                texts[f"{parent}.{label}"] = rest
                continue
            if _is_heading(paragraph):
                continue
            number += 1
            letter = None
            _paragraph(paragraph, f"op.{number}", texts, labels)
    notes = sum(
        1
        for part in (preamble, body)
        if part is not None
        for _ in part.iter(f"{_AKN}authorialNote")
    )
    return Outline(symbol, preamble_count, number, notes, texts, labels)


_UNNUMBERED_ITEM = re.compile(r"^\(([a-z]{1,2}|[ivx]{1,5})\)\s*(.*)$")
_ROMANS = frozenset("i ii iii iv v vi vii viii ix x xi xii".split())


def _is_heading(paragraph: etree._Element) -> bool:
    """A sub-heading marked as a paragraph: no number, and nothing but bold text."""
    if paragraph.find("a:num", _NS) is not None or paragraph.find(".//a:list", _NS) is not None:
        return False
    spans = paragraph.findall(".//a:span[@class='bold']", _NS)
    bold = normalise(" ".join("".join(span.itertext()) for span in spans))
    return bool(bold) and bold == _text(paragraph)


def _next(label: str) -> str:
    return chr(ord(label[-1]) + 1) if len(label) == 1 else label


def _inside_paragraph(element: etree._Element) -> bool:
    parent = element.getparent()
    while parent is not None:
        if parent.tag == f"{_AKN}paragraph":
            return True
        parent = parent.getparent()
    return False


def _paragraph(
    element: etree._Element, key: str, texts: dict[str, str], labels: dict[str, tuple[str, ...]]
) -> None:
    lists = element.findall("a:list", _NS)
    if not lists:
        content = element.find("a:content", _NS)
        texts[key] = _text(content if content is not None else element, skip_num=True)
        return
    intro = lists[0].find("a:intro", _NS)
    texts[key] = _text(intro) if intro is not None else ""
    _points([e for lst in lists for e in lst], key, texts, labels)


def _points(
    elements: list[etree._Element],
    key: str,
    texts: dict[str, str],
    labels: dict[str, tuple[str, ...]],
) -> None:
    # A "sublist" after a point holds that point's own sub-points.
    children: list[str] = []
    for element in elements:
        if element.tag == f"{_AKN}point":
            label = _label(element)
            children.append(label)
            _paragraph(element, f"{key}.{label}", texts, labels)
        elif element.tag == f"{_AKN}sublist" and children:
            _points(list(element), f"{key}.{children[-1]}", texts, labels)
    labels[key] = tuple(children)


def _items(
    element: etree._Element, key: str, texts: dict[str, str], labels: dict[str, tuple[str, ...]]
) -> None:
    children: list[str] = []
    for item in element.findall("a:item", _NS):
        label = _label(item)
        children.append(label)
        texts[f"{key}.{label}"] = _text(item, skip_num=True)
    labels[key] = tuple(children)


def _label(element: etree._Element) -> str:
    num = element.find("a:num", _NS)
    return (num.text or "").strip().strip("()") if num is not None else ""


def _text(element: etree._Element, *, skip_num: bool = False) -> str:
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        if node.tag in (f"{_AKN}authorialNote", f"{_AKN}list", f"{_AKN}sublist") or (
            skip_num and node.tag == f"{_AKN}num"
        ):
            if node.tail:
                parts.append(node.tail)
            return
        if node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
        if node.tail and node is not element:
            parts.append(node.tail)

    walk(element)
    return normalise("".join(parts))


def official_files(folder: Path) -> Iterator[tuple[str, bytes]]:
    """(name, content) of every XML file under `folder`, inside zip archives too."""
    for path in sorted(folder.rglob("*")):
        if path.suffix.lower() == ".xml":
            yield str(path), path.read_bytes()
        elif path.suffix.lower() == ".zip":
            with zipfile.ZipFile(path) as archive:
                for name in sorted(archive.namelist()):
                    if name.lower().endswith(".xml"):
                        yield f"{path}!{name}", archive.read(name)
