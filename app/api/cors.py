"""CORS with refusals in the API's one error shape: a refused preflight is a problem+json."""

from __future__ import annotations

from collections.abc import Iterable

from starlette.datastructures import Headers
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import Response
from starlette.types import Message, Receive, Scope, Send

from app.errors import problem


class ProblemCORSMiddleware(CORSMiddleware):
    """Starlette's CORS middleware, whose refused preflights (plain text) become problems.

    A request without `Origin` (a server, a crawler: most of them) gets only what Starlette
    gives it, `Origin` added to `Vary`, done here on the raw headers without its objects."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or any(name == b"origin" for name, _ in scope["headers"]):
            await super().__call__(scope, receive, send)
            return

        async def send_varied(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": _vary_origin(message.get("headers", ()))}
            await send(message)

        await self.app(scope, receive, send_varied)

    def preflight_response(self, request_headers: Headers) -> Response:
        response = super().preflight_response(request_headers)
        if response.status_code < 400:
            return response
        reason = bytes(response.body).decode("utf-8", "replace")  # "Disallowed CORS method"
        headers = {
            name: value
            for name, value in response.headers.items()
            if name.lower() not in {"content-type", "content-length"}
        }
        return problem(
            response.status_code,
            f"The cross-origin request this preflight asks about is not allowed: {reason}. "
            "This API answers GET and HEAD from any allowed origin.",
            slug="cors-refused",
            title="Cross-origin request refused",
            headers=headers,
        )


def _vary_origin(headers: Iterable[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    """`headers` with `Origin` added to `Vary`, as Starlette's MutableHeaders does it: every
    `vary` joined into the first one, or one appended."""
    raw = list(headers)
    found = [index for index, (name, _) in enumerate(raw) if name == b"vary"]
    if not found:
        raw.append((b"vary", b"Origin"))
        return raw
    value = b", ".join([*(raw[index][1] for index in found), b"Origin"])
    for index in reversed(found[1:]):
        del raw[index]
    raw[found[0]] = (b"vary", value)
    return raw
