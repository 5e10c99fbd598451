"""The outermost layer of every request: id, limits, time limit, security headers, access log."""

# - `X-Request-ID`: a valid incoming id (1 to 128 of `A-Z a-z 0-9 . _ : -`) is kept, anything
#   else is replaced by a new one; it is echoed in the response and in every log line.
# - Limits: a URL (path and query) longer than `max_url_length` is a 414, a request body larger
#   than `max_body_bytes` a 413 (this API reads no body; the limit stops a client from making the
#   server buffer one), both as problem+json.
# - Time limit (`TimeLimit`, innermost in the app, or here when given `timeout_seconds`): a
#   request whose answer has not begun after `timeout_seconds` is answered 503 problem+json
#   with `Retry-After`; the work behind it is left to finish in the background (a query on a
#   worker thread cannot be interrupted from here; PostgreSQL's statement_timeout ends it). An
#   answer that has begun (a streamed export) is left to finish.
# - Headers suited to a JSON API: `X-Content-Type-Options: nosniff`, `Referrer-Policy:
#   no-referrer`, `Cross-Origin-Resource-Policy: cross-origin` (the data is open to any origin,
#   as CORS says), and for JSON a `Content-Security-Policy` that allows nothing (the HTML of
#   `/docs` keeps its own).
# - One access log line per request (`app.access`): method, path, status, duration, request id.

from __future__ import annotations

import asyncio
import logging
import re
import time
import uuid
from collections import Counter
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.errors import RETRY_AFTER_SECONDS, problem
from app.logging import request_id_var

access_logger = logging.getLogger("app.access")
logger = logging.getLogger("app.requests")

REQUEST_ID_HEADER = "X-Request-ID"
_VALID_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Resource-Policy": "cross-origin",
}
JSON_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'"
# The same, as the raw header pairs added to every answer (made once, not per request).
_SECURITY_PAIRS = tuple(
    (name.lower().encode(), value.encode()) for name, value in SECURITY_HEADERS.items()
)
_REQUEST_ID_NAME = REQUEST_ID_HEADER.lower().encode()
_CSP_PAIR = (b"content-security-policy", JSON_CONTENT_SECURITY_POLICY.encode())
_NO_STORE_PAIR = (b"cache-control", b"no-store")

CACHE_BUSTER = b"_"
DEFAULT_MAX_URL_LENGTH = 4096
DEFAULT_MAX_BODY_BYTES = 16 * 1024


# RFC 9110's names (Python's HTTPStatus still has the RFC 2616 "Request-URI Too Long").
_TITLES = {
    404: ("not-found", "Not found"),
    413: ("content-too-large", "Content too large"),
    414: ("uri-too-long", "URI too long"),
    422: ("invalid-parameter", "Invalid parameter"),
    503: ("service-unavailable", "Service unavailable"),
}
_CONTROL_CHARACTER = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True, slots=True)
class Refusal:
    """A request answered by this layer without reaching a route."""

    status: int
    detail: str
    errors: list[dict[str, Any]] | None = None


class BodyTooLarge(Exception):
    """The client sent more body than the limit while the app was reading it."""


class RequestGuard:
    def __init__(
        self,
        app: ASGIApp,
        *,
        timeout_seconds: float | None,
        max_url_length: int = DEFAULT_MAX_URL_LENGTH,
        max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
    ) -> None:
        # The time limit needs a task of its own per request: in the app it sits innermost, in
        # front of the routes that need it only (app.api.hot answers the others without one).
        self.app = app if timeout_seconds is None else TimeLimit(app, seconds=timeout_seconds)
        self.max_url_length = max_url_length
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        scope = _without_cache_buster(scope)
        incoming = length = None
        for name, value in scope["headers"]:  # one pass for both; the first of each counts
            if name == b"x-request-id" and incoming is None:
                incoming = value.decode("latin-1")
            elif name == b"content-length" and length is None:
                length = value.decode("latin-1")
        valid = incoming is not None and _VALID_REQUEST_ID.fullmatch(incoming)
        request_id = incoming if valid and incoming else uuid.uuid4().hex
        token = request_id_var.set(request_id)
        exchange = _Exchange(send, request_id)
        try:
            refusal = self._refusal(scope, length)
            if refusal is not None:
                await exchange.answer(scope, refusal.status, refusal.detail, refusal.errors)
            else:
                await self._serve(scope, _limited(receive, self.max_body_bytes), exchange)
        finally:
            if access_logger.isEnabledFor(logging.INFO):
                self._log(scope, exchange, request_id, started)
            request_id_var.reset(token)

    @staticmethod
    def _log(scope: Scope, exchange: _Exchange, request_id: str, started: float) -> None:
        duration_ms = round((time.perf_counter() - started) * 1000, 2)
        path = scope.get("path", "")
        # The record is made here rather than by `info()`, which would also walk up the stack
        # for the caller's file and line: always this line, and a sixth of an access line's cost.
        record = access_logger.makeRecord(
            access_logger.name,
            logging.INFO,
            __file__,
            0,
            "%s %s %s",
            (scope.get("method", ""), path, exchange.status),
            None,
            extra={
                "request_id": request_id,
                "method": scope.get("method", ""),
                "path": path,
                "query": _query(scope),
                "status": exchange.status,
                "duration_ms": duration_ms,
                "client": (scope.get("client") or (None,))[0],
            },
        )
        access_logger.handle(record)

    def _refusal(self, scope: Scope, length: str | None) -> Refusal | None:
        url_length = len(scope.get("raw_path") or scope.get("path", "").encode()) + len(
            scope.get("query_string", b"")
        )
        if url_length > self.max_url_length:
            return Refusal(414, f"The URL is longer than {self.max_url_length} bytes.")
        if length is not None and (not length.isdigit() or int(length) > self.max_body_bytes):
            return Refusal(413, f"The request body is larger than {self.max_body_bytes} bytes.")
        if _CONTROL_CHARACTER.search(scope.get("path", "")):
            # No resource has one in its name; PostgreSQL would refuse a NUL in a lookup.
            return Refusal(404, "There is no resource at a path with a control character in it.")
        if not scope.get("query_string"):
            return None
        repeated = sorted(
            {name for name, count in Counter(_query_names(scope)).items() if count > 1}
        )
        if repeated and scope.get("path", "").startswith("/v1/"):
            # One value per parameter: a proxy that reads the first and an app that reads the
            # last would not agree on what was asked.
            return Refusal(
                422,
                f"Give each query parameter once: {', '.join(repeated)} came more than once.",
                errors=[
                    {"loc": ["query", name], "msg": "given more than once", "type": "repeated"}
                    for name in repeated
                ],
            )
        return None

    async def _serve(self, scope: Scope, receive: Receive, exchange: _Exchange) -> None:
        try:
            await self.app(scope, receive, exchange.send)
        except BodyTooLarge:
            if not exchange.started:
                await exchange.answer(
                    scope, 413, f"The request body is larger than {self.max_body_bytes} bytes."
                )
        except Exception:
            # Starlette's last-resort handler sits outside this middleware; answering here keeps
            # the request id, the headers and the access log line on a 500 too.
            if exchange.started:
                raise
            logger.exception("unhandled error on %s", scope.get("path", ""))
            await exchange.answer(scope, 500, "The server could not complete the request.")


class TimeLimit:
    """A request whose answer has not begun after `seconds` is answered 503 (see above)."""

    def __init__(self, app: ASGIApp, *, seconds: float) -> None:
        self.app = app
        self.seconds = seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        late = _Late(send)
        # A task of its own, so that the answer can be given at the deadline even though the
        # route is still waiting for its worker thread (which cannot be cancelled).
        task = asyncio.ensure_future(self.app(scope, receive, late.send))
        try:
            await _within(task, self.seconds)
        except TimeoutError:
            if late.started:
                # The answer has begun (a long export streaming): let it finish.
                await task
                return
            task.add_done_callback(_log_late_failure)
            late.abandoned = True  # from now on, whatever the app still sends is dropped
            await answer_time_limit(scope, send, self.seconds)


async def answer_time_limit(scope: Scope, send: Send, seconds: float) -> None:
    """The 503 of a request that took longer than `seconds`."""
    logger.warning("request took longer than %ss", seconds, extra={"path": scope["path"]})
    detail = f"The request took longer than {seconds:g} seconds; try again shortly."
    await refusal_response(scope, 503, detail)(scope, _no_body, send)


class _Late:
    """The send of an app that may be answered for at its time limit."""

    def __init__(self, send: Send) -> None:
        self._send = send
        self.started = False
        self.abandoned = False

    async def send(self, message: Message) -> None:
        if self.abandoned:
            return
        if message["type"] == "http.response.start":
            self.started = True
        await self._send(message)


class _Exchange:
    """The response side of one request: adds the headers, remembers the status."""

    def __init__(self, send: Send, request_id: str) -> None:
        self._send = send
        self.request_id = request_id
        self.status: int | None = None
        self.started = False
        self.finished = False
        self.abandoned = False  # answered by the time limit; the late app's messages are dropped

    async def send(self, message: Message) -> None:
        """What the app sends; dropped once this layer has answered in its place."""
        if not self.abandoned:
            await self._emit(message)

    async def _emit(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.started = True
            self.status = status = message["status"]
            # One pass over the raw headers, then the missing ones appended (lower-case names,
            # as ASGI servers send them; MutableHeaders would rescan the list for each).
            raw = list(message.get("headers", ()))
            present: set[bytes] = set()
            content_type = b""
            kept: list[tuple[bytes, bytes]] = []
            for pair in raw:
                name = pair[0].lower()
                if name == _REQUEST_ID_NAME:
                    continue  # replaced by this request's id
                present.add(name)
                if name == b"content-type":
                    content_type = pair[1]
                kept.append(pair)
            kept.append((_REQUEST_ID_NAME, self.request_id.encode("latin-1")))
            for pair in _SECURITY_PAIRS:
                if pair[0] not in present:
                    kept.append(pair)
            if b"json" in content_type and b"content-security-policy" not in present:
                kept.append(_CSP_PAIR)
            if status >= 400 and b"cache-control" not in present:
                kept.append(_NO_STORE_PAIR)
            message = {**message, "headers": kept}
        elif message["type"] == "http.response.body" and not message.get("more_body", False):
            self.finished = True
        await self._send(message)

    async def answer(
        self,
        scope: Scope,
        status: int,
        detail: str,
        errors: list[dict[str, Any]] | None = None,
    ) -> None:
        response = refusal_response(scope, status, detail, errors)
        self.abandoned = True  # from now on, whatever the app still sends is dropped
        await response(scope, _no_body, self._emit)


def refusal_response(
    scope: Scope, status: int, detail: str, errors: list[dict[str, Any]] | None = None
) -> Response:
    """The problem+json this layer answers with."""
    headers = {"Retry-After": str(RETRY_AFTER_SECONDS)} if status == 503 else None
    slug, title = _TITLES.get(status, (None, None))
    return problem(
        status,
        detail,
        slug=slug,
        title=title,
        errors=errors,
        headers=headers,
        instance=scope.get("path") or None,
    )


async def _no_body() -> Message:
    return {"type": "http.request", "body": b"", "more_body": False}


def _limited(receive: Receive, limit: int) -> Receive:
    """`receive`, raising BodyTooLarge once more than `limit` bytes of body have come."""
    received = 0

    async def wrapped() -> Message:
        nonlocal received
        message = await receive()
        if message["type"] == "http.request":
            received += len(message.get("body", b""))
            if received > limit:
                raise BodyTooLarge
        return message

    return wrapped


def _without_cache_buster(scope: Scope) -> Scope:
    """The request without its `_` query parameters: the value browser libraries (jQuery's
    `cache: false`) add to defeat caches. It means nothing here, so it is dropped rather than
    refused as an unknown parameter."""
    raw: bytes = scope.get("query_string", b"")
    if b"_" not in raw:
        return scope
    pairs = raw.split(b"&")
    kept = [pair for pair in pairs if pair.split(b"=", 1)[0] != CACHE_BUSTER]
    return scope if len(kept) == len(pairs) else {**scope, "query_string": b"&".join(kept)}


def _query_names(scope: Scope) -> list[str]:
    raw: bytes = scope.get("query_string", b"")
    return [name for name, _ in parse_qsl(raw.decode("latin-1"), keep_blank_values=True)]


def _query(scope: Scope) -> str | None:
    raw: bytes = scope.get("query_string", b"")
    # Logged as sent (percent-encoded), cut short: a log line stays one readable line.
    return raw[:512].decode("latin-1") if raw else None


async def _within(task: asyncio.Future[Any], seconds: float) -> None:
    """Wait for `task` at most `seconds` (TimeoutError then), leaving it running; its error, if
    it failed, is raised. What `wait_for(shield(task))` does, with one future and one timer."""
    loop = asyncio.get_running_loop()
    waiter = loop.create_future()

    def release(_: object = None) -> None:
        if not waiter.done():
            waiter.set_result(None)

    timer = loop.call_later(seconds, release)
    task.add_done_callback(release)
    try:
        await waiter
    finally:
        timer.cancel()
        task.remove_done_callback(release)
    if not task.done():
        raise TimeoutError
    task.result()


def _log_late_failure(task: asyncio.Future[Any]) -> None:
    if not task.cancelled() and task.exception() is not None:
        logger.warning(
            "a request answered at its time limit failed later: %s",
            type(task.exception()).__name__,
        )


def document_guard_responses(schema: dict[str, Any]) -> dict[str, Any]:
    """Every operation may answer what this layer answers: 414, and 503 at the time limit;
    and every error it documents is a problem+json, whatever its 200 is (CSV, XML)."""
    problem_content = {
        "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
    }
    retry_after = {
        "Retry-After": {
            "description": "Seconds to wait before trying again.",
            "schema": {"type": "integer"},
            "example": RETRY_AFTER_SECONDS,
        }
    }
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            responses.setdefault(
                "414",
                {
                    "description": "The URL is longer than the server accepts.",
                    "content": problem_content,
                },
            )
            unavailable = responses.setdefault(
                "503",
                {"description": "The database is unavailable, or the request took too long."},
            )
            unavailable.setdefault("headers", retry_after)
            for status, response in responses.items():
                if str(status)[0] in "45":
                    response["content"] = problem_content
    return schema
