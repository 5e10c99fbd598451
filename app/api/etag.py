"""HTTP caching for GET: a strong ETag, `If-None-Match` answered with 304, and Cache-Control."""

# The ETag is a hash of the body as sent (after compression: gzip output is deterministic, so a
# gzip and a plain response have different, stable tags, as RFC 9110 wants). Deriving it from the
# body keeps the API stateless and always right: whatever changes the data changes the tag.
# HEAD is answered as GET without the body. Streamed responses pass through untouched.

from __future__ import annotations

import hashlib

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CACHEABLE_STATUSES = frozenset({200, 301, 304, 308})
_NO_STORE = (b"cache-control", b"no-store")


def entity_tag(body: bytes) -> str:
    return '"' + hashlib.blake2b(body, digest_size=16).hexdigest() + '"'


def matches(if_none_match: str, tag: str) -> bool:
    """RFC 9110 weak comparison, as If-None-Match uses: W/ prefixes ignored, `*` matches all."""
    if if_none_match.strip() == "*":
        return True
    wanted = tag.removeprefix("W/")
    return any(
        candidate.strip().removeprefix("W/") == wanted for candidate in if_none_match.split(",")
    )


class ETagMiddleware:
    def __init__(self, app: ASGIApp, *, max_age: int) -> None:
        self.app = app
        self.cache_control = f"public, max-age={max_age}"
        # The header pairs as sent, made once (the headers are read and added raw: a
        # MutableHeaders would rescan the list for each).
        self._cacheable = (b"cache-control", self.cache_control.encode())

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in {"GET", "HEAD"}:
            await self.app(scope, receive, send)
            return
        head = scope["method"] == "HEAD"
        if head:
            scope = {**scope, "method": "GET"}
        if_none_match = None
        for name, value in scope["headers"]:
            if name == b"if-none-match":
                if_none_match = value.decode("latin-1")
                break
        start: Message | None = None
        streaming = False

        async def send_cached(message: Message) -> None:
            nonlocal start, streaming
            if message["type"] == "http.response.start":
                start = message
                return
            if message["type"] != "http.response.body" or start is None:
                await send(message)
                return
            if streaming or message.get("more_body", False):
                if not streaming:
                    streaming = True
                    raw = list(start.get("headers", ()))
                    self._set_cache_control(raw, start["status"])
                    await send({**start, "headers": raw})
                await send({**message, "body": b""} if head else message)
                return
            body = message.get("body", b"")
            raw = list(start.get("headers", ()))
            start = {**start, "headers": raw}
            self._set_cache_control(raw, start["status"])
            if start["status"] == 200:
                sent = next((value for name, value in raw if name.lower() == b"etag"), None)
                tag = sent.decode("latin-1") if sent else entity_tag(body)
                if not sent:
                    raw[:] = [(name, value) for name, value in raw if name.lower() != b"etag"]
                    raw.append((b"etag", tag.encode("latin-1")))
                if if_none_match is not None and matches(if_none_match, tag):
                    await send(_not_modified(start))
                    await send({"type": "http.response.body", "body": b""})
                    return
            await send(start)
            await send({**message, "body": b""} if head else message)

        await self.app(scope, receive, send_cached)

    def _set_cache_control(self, raw: list[tuple[bytes, bytes]], status: int) -> None:
        if not any(name.lower() == b"cache-control" for name, _ in raw):
            raw.append(self._cacheable if status in CACHEABLE_STATUSES else _NO_STORE)


def _not_modified(start: Message) -> Message:
    """A 304 keeps the validators and caching headers of the 200 it stands for, no content."""
    kept = {b"etag", b"cache-control", b"vary", b"link", b"content-location", b"date"}
    headers = [(name, value) for name, value in start["headers"] if name.lower() in kept]
    return {"type": "http.response.start", "status": 304, "headers": headers}
