"""Paginated lists as responses: each page serialised once, with its `Link: rel="next"`
header, and kept per URL while the data stands (app/api/render_cache)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from app.api.deps import base_url, route_path
from app.api.formats import JsonBytesResponse
from app.api.render_cache.cache import Body
from app.api.render_cache.kept import kept_or_rendered
from app.core.languages import ENGLISH, LanguageChoice
from app.schemas.common import Page
from app.services.pagination import KeysetPage

# What a list route's service gives: a page, and the fields its page model adds (if any).
Produced = KeysetPage[Any] | tuple[KeysetPage[Any], dict[str, Any]]


class Pager:
    """Turns a service's page into the response: the body serialised once, in the route's
    worker thread, and the `Link: rel="next"` header; kept for reuse while the data stands.

    Routes keep `response_model=` for the OpenAPI document only. A page returned as a model was
    validated by its constructor, validated again by FastAPI against the response model (one
    more hop to a worker thread per request, for a plain `def` route) and then serialised on
    the event loop. The items come from the services as instances of the schema, so the page
    is assembled without validation (`model_construct`) and written by the model's serialiser
    with FastAPI's options: tests/api/test_page_bytes.py holds every list's bytes to its model.

    The bytes are kept, per URL, in the worker's memory of renderings (app/api/render_cache) and
    sent again while the data version stays the same.
    """

    def __init__(self, request: Request) -> None:
        self.request = request

    @classmethod
    async def dependency(cls, request: Request) -> Pager:
        return cls(request)

    async def __call__(
        self,
        session: Session,
        model: type[Page[Any]],
        produce: Callable[[Session], Produced],
        *,
        choice: LanguageChoice | None = None,
        vary: str | None = None,
        chosen: dict[str, str] | None = None,
        language: str | None = None,
    ) -> JsonBytesResponse:
        """The page `produce(session)` gives, written as `model`, or the one kept for this URL
        at the session's data version; session and all in one worker thread.

        A page of texts in a language (`choice`, from `lang` or `Accept-Language`) is kept per
        choice, says its items' languages in `Content-Language` and varies on the header.
        Otherwise `vary` names the request headers that chose the page besides its URL, and
        `chosen` what they chose, as query parameters (a search's language): part of the key
        it is kept under, and written into the `next` link, so that the next page answers the
        same question without the headers; `language` is then its `Content-Language`.
        """
        chosen = chosen or {}

        def render(session: Session) -> Body:
            produced = produce(session)
            page, extra = produced if isinstance(produced, tuple) else (produced, {})
            body, headers = self.write(page, model, chosen, **extra)
            if choice is None:
                if language is not None:
                    return body, {**headers, "Content-Language": language}
                return body, headers
            return body, {**headers, "Content-Language": _content_language(page, choice)}

        request = self.request
        key: tuple[str, ...] = ("page", request.url.path, request.url.query, base_url(request))
        if choice is not None:
            key = (*key, *choice.key)
        key = (*key, *(f"{name}={value}" for name, value in sorted(chosen.items())))
        if choice is not None:
            vary = "Accept-Language"
        entry = await kept_or_rendered(request, session, key, render)
        return entry.response(request, vary=vary)

    def write(
        self,
        page: KeysetPage[Any],
        model: type[Page[Any]],
        chosen: dict[str, str] | None = None,
        **extra: Any,
    ) -> Body:
        next_url = None
        headers: dict[str, str] = {}
        if page.next_cursor is not None:
            query = [
                (name, value)
                for name, value in self.request.query_params.multi_items()
                if name != "cursor"
            ]
            given = {name for name, _ in query}
            query += [(name, value) for name, value in (chosen or {}).items() if name not in given]
            query.append(("cursor", page.next_cursor))
            next_url = f"{base_url(self.request)}{route_path(self.request)}?{urlencode(query)}"
            headers["Link"] = f'<{next_url}>; rel="next"'
        body = model.model_construct(
            items=page.items, total=page.total, limit=page.limit, next=next_url, **extra
        )
        # `model_dump_json` without its decode to `str` (the response would encode it back).
        return model.__pydantic_serializer__.to_json(body, by_alias=True), headers


def _content_language(page: KeysetPage[Any], choice: LanguageChoice) -> str:
    """The languages of the page's items, in order of appearance (`fr, en` when some
    resolutions lack the language preferred); an empty page is in the language asked for."""
    languages = list(dict.fromkeys(str(item.language) for item in page.items))
    if languages:
        return ", ".join(languages)
    return choice.wanted[0] if choice.strict else ENGLISH


PagerDep = Annotated[Pager, Depends(Pager.dependency)]
