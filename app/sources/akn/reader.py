"""read_akn: AKN4UN XML bytes in, one ParsedResolution per resolution in the file out.

A file holds one `statement`, or a `documentCollection` whose `components` hold one
`statement` per part (75/101 A and B): each part is a resolution of its own, with the
collection's cover page, workflow and votes.
"""

from __future__ import annotations

import dataclasses

from app.document.extract import assemble
from app.document.model import Gazetteer, ParsedResolution, SourceFormat
from app.sources.akn.body import read_body
from app.sources.akn.errors import MissingBody
from app.sources.akn.metadata import read_metadata
from app.sources.akn.official import read_official
from app.sources.akn.xml import Element, child, local, parse_akn, q


def read_akn(data: bytes, *, gazetteer: Gazetteer | None = None) -> tuple[ParsedResolution, ...]:
    """Every resolution in `data`, or one AknError (a ParseError) saying why there is none."""
    root = parse_akn(data)
    statements = list(root.iter(q("statement")))
    if not statements:
        found = ", ".join(sorted({local(e) for e in root if local(e)})) or "nothing"
        raise MissingBody(
            f"no <statement> in the file (found {found}); a resolution is a statement",
            line=root.sourceline,
        )
    collections = [element for element in root if local(element) == "documentCollection"]
    return tuple(_resolution(s, collections, gazetteer) for s in statements)


def _resolution(
    statement: Element, collections: list[Element], gazetteer: Gazetteer | None
) -> ParsedResolution:
    main_body = child(statement, "mainBody")
    if main_body is None:
        raise MissingBody(
            "the statement has no <mainBody>: no operative paragraphs to read",
            line=statement.sourceline,
        )
    context = [statement, *collections]
    metadata = read_metadata(statement, context)
    body = read_body(statement, language=metadata.language)
    if not body.operative:
        raise MissingBody(
            f"{metadata.symbol}: <mainBody> has no paragraph with text",
            line=main_body.sourceline,
        )
    resolution = assemble(
        metadata,
        SourceFormat.AKN4UN,
        body.preamble,
        body.operative,
        body.footnotes,
        gazetteer=gazetteer,
        warnings=body.warnings,
    )
    official = read_official(context, language=metadata.language)
    return dataclasses.replace(resolution, official=official)
