"""What the clauses refer to, found by the text parser's own extraction (one rule for both)."""

from __future__ import annotations

from app.parsing import parser
from app.parsing.model import (
    Anchor,
    Clause,
    Footnote,
    Gazetteer,
    Metadata,
    ParsedResolution,
    SourceFormat,
)


def assemble(
    metadata: Metadata,
    source_format: SourceFormat,
    preamble: tuple[Clause, ...],
    operative: tuple[Clause, ...],
    footnotes: tuple[Footnote, ...],
    *,
    gazetteer: Gazetteer | None = None,
    warnings: tuple[str, ...] = (),
) -> ParsedResolution:
    gazetteer = gazetteer or Gazetteer()
    clauses = [c for p in preamble for c in p.walk()] + [c for p in operative for c in p.walk()]
    cited_in: dict[int, list[str]] = {f.number: list(f.cited_in) for f in footnotes}
    texts = [(Anchor(clause=c.key), c.text) for c in clauses]
    texts += [(Anchor(footnote=f.number), f.text) for f in footnotes]
    return ParsedResolution(
        metadata=metadata,
        source_format=source_format,
        preamble=preamble,
        operative=operative,
        footnotes=footnotes,
        resolutions=parser._resolutions(texts, metadata.symbol),
        documents=parser._documents(texts),
        treaties=parser._treaties(texts, footnotes, cited_in, gazetteer),
        organizations=parser._organizations(texts, gazetteer, own_body=metadata.body),
        iacg=parser._iacg(footnotes, gazetteer),
        follow_ups=parser._follow_ups(operative, metadata.session),
        warnings=warnings,
    )
