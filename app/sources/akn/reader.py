"""read_akn: AKN4UN XML bytes in, one ParsedResolution per resolution in the file out."""

#     <akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
#       <statement name="resolution">
#         <meta> identification (FRBR .../unga/2025-12-05/80-74/), classification, workflow,
#                analysis/parliamentary/voting </meta>
#         <coverPage/> <preface/> <preamble/> <mainBody/> <conclusions/>
#       </statement>
#     </akomaNtoso>
#
# A file holds one `statement`, or a `documentCollection` (cover page, workflow, votes) whose
# `components` hold one `statement` per part (75/101 A and B): each part is a resolution of
# its own, with what the collection says of the whole.

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
    context = [statement, *collections]
    metadata = read_metadata(statement, context)
    body = read_body(statement, language=metadata.language)
    main_body = child(statement, "mainBody")
    if not body.operative:
        if main_body is None:
            raise MissingBody(
                "the statement has no <mainBody>: no operative paragraphs to read",
                line=statement.sourceline,
            )
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
