"""A resolution's detail from its stored rendering (app/services/stored_details.py): one row read
on the event loop, the request's base filled in, compressed once; kept like any rendering."""

# The row is read with the data version of its own snapshot (app/db/detail_reads.py), so it is
# kept under the label of exactly the data it was rendered from. Its ETag is derived from the
# stored body's hash, the base and the coding, without hashing the bytes sent: the same three
# always give the same bytes (the compressor and its level are part of the coding), which is
# what a strong ETag promises; a gzip and a plain body, or two bases, never share one.

from __future__ import annotations

import hashlib

import orjson
from starlette.requests import Request

from app.api.render_cache.cache import GZIP_CODER, Rendered, gzip
from app.api.state import state_of
from app.core.languages import ENGLISH, LanguageChoice
from app.db.detail_reads import DetailRow
from app.services.stored_details import PLACEHOLDER_LINK, RENDERING_FORMAT


def candidate_languages(choice: LanguageChoice) -> tuple[str, ...]:
    """The languages whose stored row may answer `choice`, best first: the one asked for
    (`lang=`), else those of Accept-Language and then English. A resolution with none of
    them (one without English) is rendered live, which picks as always."""
    if choice.strict:
        return choice.wanted[:1]
    return tuple(dict.fromkeys((*choice.wanted, ENGLISH)))


def fill_base(body: bytes, base: str) -> bytes:
    """The stored body with every link's placeholder replaced by `base`, JSON-escaped."""
    return body.replace(PLACEHOLDER_LINK, b'"' + orjson.dumps(base)[1:-1] + b"/v1/")


def stored_tag(content_hash: str, base: str, coding: str) -> str:
    """A strong ETag for the stored body `content_hash` sent with links on `base`, coded as
    `coding` (`identity`, or the gzip compressor and level)."""
    label = f"{content_hash}\n{base}\n{coding}".encode()
    return '"' + hashlib.blake2b(label, digest_size=16).hexdigest() + '"'


def rendered_from_row(row: DetailRow, base: str, *, compress: bool) -> Rendered:
    """The answer a stored row gives for `base`: gzip-compressed when `compress`."""
    body = fill_base(row.body, base)
    headers = (("Content-Language", row.language),)
    plain_tag = stored_tag(row.content_hash, base, "identity")
    if not compress:
        return Rendered(row.version, body, False, plain_tag, headers, plain_tag)
    gzip_tag = stored_tag(row.content_hash, base, GZIP_CODER)
    return Rendered(row.version, gzip(body), True, gzip_tag, headers, plain_tag)


async def stored_detail(
    request: Request, slug: str, choice: LanguageChoice, base: str
) -> Rendered | None:
    """The detail of `slug` from its stored row, or None when there is no current one (no
    such resolution or language, a row of another format, no reader): then it is rendered
    live. Not kept in memory: over a corpus spread wider than the memory of kept renderings
    (a crawl), keeping each answer cost more than reading and compressing the row again
    (bench/README.md, 2026-12-02); the memory is for what is rendered live."""
    state = state_of(request.app)
    reader = state.database.detail_reader
    if reader is None:
        return None
    row = await reader.read(slug, candidate_languages(choice))
    if row is None or row.format != RENDERING_FORMAT:
        return None
    compress = "gzip" in request.headers.get("accept-encoding", "")
    return rendered_from_row(row, base, compress=compress)
