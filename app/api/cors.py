"""CORS with refusals in the API's one error shape: a refused preflight is a problem+json."""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import Response

from app.errors import problem


class ProblemCORSMiddleware(CORSMiddleware):
    """Starlette's CORS middleware, whose refused preflights (plain text) become problems."""

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
