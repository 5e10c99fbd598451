"""One input up to the point of writing: parse (text) or read (AKN4UN XML), check, render."""

# All of it happens outside any transaction, so that a transaction lasts only as long as its
# writes. Every refusal is a FileFailed whose message is the reason reported for the input. An
# XML file gives one document per resolution it holds (the parts of a multi-part document).

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache

from isal import igzip

from app.document.errors import ParseError
from app.document.model import Gazetteer, OfficialRecord, ParsedResolution
from app.ingest.errors import FileFailed
from app.ingest.inputs import Source, XmlSource, extract_for
from app.ingest.official_rows import official_rows
from app.ingest.rows import InvalidRows, ResolutionRows, build_rows
from app.ingest.sources import SourceText
from app.reference.loader import load_member_states
from app.reference.member_states import MemberStates
from app.renderings.document import Document, render_document
from app.sources.akn import read_akn
from app.sources.data_extract import complete

# A text gives one resolution, or one per part of a multi-part text (parse_resolutions).
Parse = Callable[[str], ParsedResolution | tuple[ParsedResolution, ...]]
Extracts = Mapping[str, OfficialRecord]


@dataclass(frozen=True, slots=True)
class Prepared:
    """A resolution ready to write: its rows, and the document stored with them."""

    rows: ResolutionRows
    document: Document


@cache
def _states() -> MemberStates:
    return load_member_states()


def prepare(
    source: Source, *, parse: Parse, gazetteer: Gazetteer, extracts: Extracts | None = None
) -> tuple[Prepared, ...]:
    """Parse, check and render one input; raises FileFailed with the reason."""
    if isinstance(source, XmlSource):
        return prepare_xml(source, gazetteer=gazetteer, extracts=extracts or {})
    return prepare_text(source, parse=parse, gazetteer=gazetteer)


def prepare_text(source: SourceText, *, parse: Parse, gazetteer: Gazetteer) -> tuple[Prepared, ...]:
    try:
        result = parse(source.text)
    except ParseError as exc:
        raise FileFailed(f"not a readable resolution: {exc}") from None
    except Exception as exc:  # a parser bug must not stop the batch; say what it was
        raise FileFailed(f"the parser failed: {type(exc).__name__}: {exc}") from None
    resolutions = result if isinstance(result, tuple) else (result,)
    prepared = []
    for parsed in resolutions:
        symbol = parsed.metadata.symbol
        whole = symbol.removesuffix(f" {parsed.metadata.part}") if parsed.metadata.part else symbol
        said = source.front_matter_symbol
        # The front matter of a multi-part text names the whole ("A/RES/80/84 A-B").
        whole_named = (
            len(resolutions) > 1
            and said is not None
            and (said == whole or said.startswith(f"{whole} "))
        )
        if said is not None and said != " ".join(symbol.split()) and not whole_named:
            raise FileFailed(
                f"the text is resolution {symbol} but its front matter says symbol: {said}"
            )
        document = render_document(parsed, gazetteer)
        try:
            rows = build_rows(
                parsed, source_file=source.path, text_sha256=source.sha256, document=document
            )
        except InvalidRows as exc:
            raise FileFailed(f"cannot be stored: {exc}") from None
        prepared.append(Prepared(rows=rows, document=document))
    return tuple(prepared)


def prepare_xml(
    source: XmlSource, *, gazetteer: Gazetteer, extracts: Extracts
) -> tuple[Prepared, ...]:
    """Every resolution of an AKN4UN file, its record completed by the run's data extracts."""
    try:
        resolutions = read_akn(source.data, gazetteer=gazetteer)
    except ParseError as exc:
        raise FileFailed(f"not readable AKN4UN XML: {exc}") from None
    except Exception as exc:  # a reader bug must not stop the batch; say what it was
        raise FileFailed(f"the XML reader failed: {type(exc).__name__}: {exc}") from None
    # Kept exactly as read, for the API to serve; compressed, as XML shrinks about tenfold (by
    # ISA-L at level 2: a twelfth of zlib's time at level 6, for 12 % more bytes).
    compressed = igzip.compress(source.data, compresslevel=2, mtime=0)
    prepared = []
    for parsed in resolutions:
        symbol = parsed.metadata.symbol
        record = parsed.official
        extract = extract_for(extracts, symbol)
        if extract is not None:
            record = complete(record, extract)
        document = render_document(parsed, gazetteer)
        try:
            rows = build_rows(
                parsed,
                source_file=source.path,
                text_sha256=source.sha256,
                document=document,
                source_xml=compressed,
                official=official_rows(symbol, record, _states()) if record else None,
            )
        except InvalidRows as exc:
            raise FileFailed(f"{symbol} cannot be stored: {exc}") from None
        prepared.append(Prepared(rows=rows, document=document))
    return tuple(prepared)
