"""`/v1/export/...`: the whole dataset in one download each, streamed as it is read."""

from __future__ import annotations

import logging
import threading
import weakref
from collections.abc import Iterator
from datetime import datetime
from typing import Annotated, Any

import anyio
from fastapi import APIRouter, Query, Request
from fastapi.responses import StreamingResponse
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.types import Receive, Scope, Send

from app.api.deps import LinksDep
from app.api.formats import CsvResponse, JsonLinesResponse
from app.api.responses import EXPORT_UNAVAILABLE, INVALID, Responses
from app.api.state import state_of
from app.core.languages import ALL, ENGLISH, LANGUAGES, parse_accept_language
from app.core.links import Links
from app.errors import ServiceUnavailable
from app.schemas.export import ClauseExportQuery, CsvExportQuery, DocumentExportQuery
from app.services.export import (
    CITATION_COLUMNS,
    CLAUSE_COLUMNS,
    FOLLOW_UP_COLUMNS,
    VOTE_COLUMNS,
    Export,
    ExportName,
)

logger = logging.getLogger("app.export")

router = APIRouter(prefix="/v1/export", tags=["export"])

_CONTENT_DISPOSITION = {
    "description": "`attachment`, with the file name to save it under.",
    "schema": {"type": "string"},
    "example": 'attachment; filename="clauses.csv"',
}


def _responses(media_type: str, example: str) -> Responses:
    return {
        200: {
            "description": "The export, streamed (no Content-Length, no ETag).",
            "content": {media_type: {"schema": {"type": "string"}, "example": example}},
            "headers": {"Content-Disposition": _CONTENT_DISPOSITION},
        },
        **INVALID,
        **EXPORT_UNAVAILABLE,
    }


def _csv_example(columns: tuple[str, ...], *rows: str) -> str:
    return "\r\n".join([",".join(columns), *rows]) + "\r\n"


@router.get(
    "/resolutions.jsonl",
    response_class=JsonLinesResponse,
    responses=_responses(
        "application/x-ndjson", '{"id":"A-RES-68-72","symbol":"A/RES/68/72",...}\n'
    ),
)
def export_resolutions(
    query: Annotated[DocumentExportQuery, Query()], request: Request, links: LinksDep
) -> StreamingResponse:
    """Every resolution served in the language `lang` (English by default), one JSON document
    per line (JSON Lines), each exactly what `GET /v1/resolutions/{id}?lang=...` returns; in
    symbol order (session, then number)."""
    return _stream(
        request,
        ExportName.RESOLUTIONS,
        links,
        query.updated_since,
        bom=False,
        language=_export_language(query.lang, request),
    )


@router.get(
    "/clauses.csv",
    response_class=CsvResponse,
    responses=_responses(
        "text/csv",
        _csv_example(
            CLAUSE_COLUMNS,
            "A-RES-68-72,A/RES/68/72,68,2013-12-11,en,pp.2,preambular,2,,Recalling also,,"
            '"Recalling also all relevant treaties and conventions and their review '
            'processes,",,1,apmbc;ccm;ccw-amended-protocol-ii;ccw-protocol-v;crpd;'
            "geneva-additional-protocol-i",
        ),
    ),
)
def export_clauses(
    query: Annotated[ClauseExportQuery, Query()], request: Request, links: LinksDep
) -> StreamingResponse:
    """One row per clause (preambular, operative, sub-paragraph), resolutions in symbol order,
    clauses in document order: the same clauses as `GET /v1/clauses`.

    CSV as RFC 4180 has it (a header row, fields quoted when they need it, CRLF line ends),
    UTF-8 with a byte order mark unless `bom=false`. Columns: `resolution_id`,
    `resolution_symbol`, `session`, `adopted_on`, `language` (of the text: `lang`, English by
    default, or `all` for every language), `key`, `kind`, `number` (paragraphs),
    `label` (sub-paragraphs), `lead` (preambular), `verb` (operative), `text`, `parent` (key of
    the enclosing clause), `footnotes` (numbers, `;`-separated) and `treaties` (keys of the
    treaties cited in the clause or its footnotes, `;`-separated; the English clause's in
    every language). Empty means null.
    """
    return _stream(
        request,
        ExportName.CLAUSES,
        links,
        query.updated_since,
        bom=query.bom,
        language=_export_language(query.lang, request),
    )


@router.get(
    "/follow-ups.csv",
    response_class=CsvResponse,
    responses=_responses(
        "text/csv",
        _csv_example(
            FOLLOW_UP_COLUMNS,
            "A-RES-68-72,A/RES/68/72,68,2013-12-11,op.15,report,Secretary-General,70,,"
            '"Requests the Secretary-General to submit ... on assistance in mine action;"',
        ),
    ),
)
def export_follow_ups(
    query: Annotated[CsvExportQuery, Query()], request: Request, links: LinksDep
) -> StreamingResponse:
    """One row per follow-up item (a report requested, an agenda item scheduled), as
    `GET /v1/follow-ups` lists them: `resolution_id`, `resolution_symbol`, `session`,
    `adopted_on`, `clause`, `kind`, `actor`, `target_session`, `title`, `text`. CSV as for
    `clauses.csv`."""
    return _stream(request, ExportName.FOLLOW_UPS, links, query.updated_since, bom=query.bom)


@router.get(
    "/citations.csv",
    response_class=CsvResponse,
    responses=_responses(
        "text/csv",
        _csv_example(
            CITATION_COLUMNS,
            "A-RES-68-72,A/RES/68/72,68,2013-12-11,pp.1,,resolution,A/RES/66/69,"
            "66/69 of 9 December 2011",
            "A-RES-68-72,A/RES/68/72,68,2013-12-11,,1,treaty,ccm,Convention on Cluster Munitions",
        ),
    ),
)
def export_citations(
    query: Annotated[CsvExportQuery, Query()], request: Request, links: LinksDep
) -> StreamingResponse:
    """Every citation, in the order of the text: `resolution_id`, `resolution_symbol`,
    `session`, `adopted_on`; where: `clause` (a key) or `footnote` (a number); what:
    `target_type` (`resolution`, `document`, `treaty`, `organization`) and `target` (a symbol,
    or a gazetteer key; empty for a name the gazetteer does not know); and `mention`, the words
    of the text. CSV as for `clauses.csv`."""
    return _stream(request, ExportName.CITATIONS, links, query.updated_since, bom=query.bom)


@router.get(
    "/votes.csv",
    response_class=CsvResponse,
    responses=_responses(
        "text/csv",
        _csv_example(
            VOTE_COLUMNS,
            "A-RES-80-74,A/RES/80/74,80,2025-12-05,alb,Albania,in-favour",
            "A-RES-80-74,A/RES/80/74,80,2025-12-05,usa,United States of America,against",
        ),
    ),
)
def export_votes(
    query: Annotated[CsvExportQuery, Query()], request: Request, links: LinksDep
) -> StreamingResponse:
    """One row per resolution adopted by recorded vote and State its lists name:
    `resolution_id`, `resolution_symbol`, `session`, `adopted_on`, `state` (key), `state_name`,
    `vote` (`in-favour`, `against`, `abstaining`); resolutions in symbol order, States as the
    record lists them. A resolution adopted without a vote has no rows. CSV as for
    `clauses.csv`."""
    return _stream(request, ExportName.VOTES, links, query.updated_since, bom=query.bom)


def _export_language(lang: str | None, request: Request) -> str:
    """`lang`, else the first language of `Accept-Language` the API serves, else English: an
    export is in one language (or `all`), whichever each resolution has."""
    if lang is not None:
        return str(lang)
    preferred = parse_accept_language(request.headers.get("accept-language"))
    return preferred[0] if preferred else ENGLISH


def _stream(
    request: Request,
    name: ExportName,
    links: Links,
    updated_since: datetime | None,
    *,
    bom: bool,
    language: str = ENGLISH,
) -> StreamingResponse:
    """The export as a streamed response, on a session of its own that lives as long as the
    stream does, and one of the process's export slots (app/main.py): when they are all
    taken, a 503 problem at once. The first chunk is read here, so that a database that does
    not answer is a 503 problem rather than a broken download."""
    database = state_of(request.app).database
    slots = database.export_slots
    if not slots.acquire(blocking=False):
        raise ServiceUnavailable(
            "This server is already streaming as many exports as it keeps database "
            "connections for; retry after `Retry-After` seconds."
        )
    held = _Held(database.sessionmaker(), slots)
    try:
        export = Export(
            held.session, name, links, updated_since=updated_since, bom=bom, language=language
        )
        chunks = export.chunks()
        first = next(chunks)
    except BaseException:
        held.give_back()
        raise

    def body() -> Iterator[bytes]:
        try:
            yield first
            yield from chunks
        except Exception:
            # The status line is gone: all that can be done is to cut the download short.
            logger.exception("export %s stopped after %d rows", name, export.rows)
            raise

    stream = body()
    # The response gives the session and the slot back as its sending ends (`_Download`); one
    # never sent (nothing asked for it) gives them back when its stream is collected.
    weakref.finalize(stream, held.give_back)
    return _Download(
        held,
        stream,
        media_type=name.media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            # The texts are in one language (or all, for clauses.csv), chosen by `lang` or
            # the request's Accept-Language; the other exports have no text in a language.
            **(
                {
                    "Content-Language": ", ".join(LANGUAGES) if language == ALL else language,
                    "Vary": "Accept-Language",
                }
                if name in _IN_A_LANGUAGE
                else {}
            ),
        },
    )


_IN_A_LANGUAGE = frozenset({ExportName.RESOLUTIONS, ExportName.CLAUSES})


class _Held:
    """The session and the export slot a stream holds, given back once, whoever asks first."""

    def __init__(self, session: Session, slots: threading.BoundedSemaphore) -> None:
        self.session = session
        self.slots = slots
        self._lock = threading.Lock()
        self._given_back = False

    def give_back(self) -> None:
        with self._lock:
            if self._given_back:
                return
            self._given_back = True
        try:
            self.session.close()
        finally:
            self.slots.release()


class _Download(StreamingResponse):
    """A streamed export that gives its session and slot back however its sending ends: to
    the last byte, on an error, or when the client goes away mid-download (the stream is then
    left suspended, and would only be closed whenever the garbage collector came by)."""

    def __init__(self, held: _Held, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.held = held

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            # Shielded: after a disconnect the task is being cancelled, and this must still run.
            with anyio.CancelScope(shield=True):
                await run_in_threadpool(self.held.give_back)
