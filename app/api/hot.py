"""The two requests asked most, answered before FastAPI's routing and dependencies: `/healthz`
and a resolution's detail that a kept or stored rendering answers. Anything else goes on."""

# FastAPI's routing and dependency solving cost several times what answering these does
# (bench/README.md, the stack's costs). The routes stay declared in FastAPI (the OpenAPI
# document, and every request this layer does not take: a redirect, a 422, Akoma Ntoso, a live
# rendering); this layer takes only requests it answers exactly as those routes would, through
# the same middleware (it sits innermost), with the same functions.

from __future__ import annotations

import asyncio
from urllib.parse import unquote

from starlette._utils import get_route_path
from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from app.api.deps import base_url
from app.api.formats import AKN_XML, prefers
from app.api.middleware import answer_time_limit
from app.api.render_cache.cache import Rendered
from app.api.routes.health import ALIVE_BODY, ALIVE_HEADERS
from app.api.routes.resolutions import DETAIL_VARY, kept_or_stored_detail
from app.core.identifiers import canonical_slug
from app.core.languages import choose_language
from app.schemas.languages import Language

DETAIL_PREFIX = "/v1/resolutions/"
# The detail route's `id` is at most this long (longer is its 422).
MAX_ID_LENGTH = 64
_LANGUAGES = frozenset(language.value for language in Language)


class HotRoutes:
    def __init__(self, app: ASGIApp, *, timeout_seconds: float) -> None:
        self.app = app
        self.timeout_seconds = timeout_seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "GET":
            path = get_route_path(scope)
            if path == "/healthz":
                # Fresh messages: the middleware outside adds headers to them.
                start = {"type": "http.response.start", "status": 200}
                await send({**start, "headers": list(ALIVE_HEADERS)})
                await send({"type": "http.response.body", "body": ALIVE_BODY})
                return
            if path.startswith(DETAIL_PREFIX):
                try:
                    async with asyncio.timeout(self.timeout_seconds):
                        entry = await _detail(scope, path[len(DETAIL_PREFIX) :])
                except TimeoutError:
                    await answer_time_limit(scope, send, self.timeout_seconds)
                    return
                if entry is not None:
                    request, rendered = entry
                    await rendered.response(request, vary=DETAIL_VARY)(scope, receive, send)
                    return
        await self.app(scope, receive, send)


async def _detail(scope: Scope, slug: str) -> tuple[Request, Rendered] | None:
    """The kept or stored detail the route would send, or None when it is for the route."""
    if not slug or "/" in slug or len(slug) > MAX_ID_LENGTH or canonical_slug(slug) != slug:
        return None
    lang = _lang(scope["query_string"])
    if lang is False or lang is True:
        return None
    request = Request(scope)
    headers = request.headers
    if prefers(headers.get("accept"), AKN_XML):
        return None
    choice = choose_language(lang, headers.get("accept-language"))
    try:
        entry = await kept_or_stored_detail(request, slug, choice, base_url(request))
    except Exception:
        return None
    return None if entry is None else (request, entry)


def _lang(query: bytes) -> str | bool | None:
    """The `lang` of a query that has nothing else, None for no query, False for any other
    query (left to the route: its validation, its errors)."""
    if not query:
        return None
    name, equals, value = query.partition(b"=")
    if name != b"lang" or not equals or b"&" in value:
        return False
    lang = unquote(value.decode("latin-1"))
    return lang if lang in _LANGUAGES else False
