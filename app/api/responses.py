"""What the OpenAPI page says every route may answer besides its 200: problems, 304, headers."""

from __future__ import annotations

from typing import Any

from app.schemas.common import Problem

_ETAG = {
    "description": "Strong validator of this representation; send it back in `If-None-Match`.",
    "schema": {"type": "string"},
    "example": '"6b1e0f6c2a9d4e1b8f3a5c7d9e0f1a2b"',
}
_CACHE_CONTROL = {
    "description": "How long clients and proxies may reuse the response.",
    "schema": {"type": "string"},
    "example": "public, max-age=300",
}
_LINK = {
    "description": 'The next page, as `<URL>; rel="next"`; absent on the last page.',
    "schema": {"type": "string"},
}


Responses = dict[int | str, dict[str, Any]]


def _problem(description: str) -> dict[str, Any]:
    return {"model": Problem, "description": description}


NOT_MODIFIED: Responses = {
    304: {"description": "Not modified: the `If-None-Match` ETag is still current."}
}
INVALID: Responses = {422: _problem("A parameter is invalid; `errors` names it and says why.")}
UNAVAILABLE: Responses = {
    503: {
        **_problem("The database is unavailable; retry after `Retry-After` seconds."),
        "headers": {"Retry-After": {"schema": {"type": "integer"}, "example": 5}},
    }
}
EXPORT_UNAVAILABLE: Responses = {
    503: {
        **_problem(
            "The database is unavailable, or this server is already streaming as many exports "
            "as it keeps connections for (`DATABASE_POOL_SIZE` per process); retry after "
            "`Retry-After` seconds."
        ),
        "headers": UNAVAILABLE[503]["headers"],
    }
}
NOT_FOUND: Responses = {404: _problem("What the path names does not exist; `detail` says what.")}
MOVED: Responses = {
    301: {
        "description": "The id was given in another form (a symbol, `68/72`); `Location` is "
        "the canonical URL.",
        "headers": {"Location": {"schema": {"type": "string"}}},
    }
}


def item_responses(*extra: Responses) -> Responses:
    """Responses of a route that returns one resource."""
    merged: Responses = {
        200: {"headers": {"ETag": _ETAG, "Cache-Control": _CACHE_CONTROL}},
        **NOT_MODIFIED,
        **INVALID,
        **UNAVAILABLE,
    }
    for responses in extra:
        merged.update(responses)
    return merged


def list_responses(*extra: Responses) -> Responses:
    """Responses of a paginated list route."""
    merged = item_responses(*extra)
    merged[200] = {"headers": {"ETag": _ETAG, "Cache-Control": _CACHE_CONTROL, "Link": _LINK}}
    return merged
