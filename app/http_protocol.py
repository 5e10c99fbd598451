"""uvicorn's HTTP/1.1 protocol (httptools) with bounded request heads and problem+json refusals."""

# httptools buffers a header until its end, however long: one 96 MB header held a worker's memory
# and stalled its other requests for seconds. Here a request head (request line and headers) over
# MAX_HEAD_BYTES, or with more than MAX_HEADERS headers, is answered 431 and the connection closed,
# before the app sees it; the parser's own 400s become problem+json too.

from __future__ import annotations

import json
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from app.errors import PROBLEM_JSON, PROBLEM_TYPE_BASE

MAX_HEAD_BYTES = 16 * 1024
MAX_HEADERS = 100
# What `python -m app serve` gives uvicorn as its `http` protocol.
PROTOCOL = "app.http_protocol:BoundedHttpToolsProtocol"

_REASONS = {400: "Bad Request", 431: "Request Header Fields Too Large"}
_SLUGS = {
    400: ("bad-request", "Bad request"),
    431: ("header-fields-too-large", "Header fields too large"),
}


class _Refused(Exception):
    """Raised inside a parser callback to stop parsing a request about to be refused."""


class BoundedHttpToolsProtocol(HttpToolsProtocol):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._head_bytes = 0  # bytes received since the current request's head began
        self._in_head = True
        self._tail = b""
        self._refusal: tuple[int, str] | None = None

    def data_received(self, data: bytes) -> None:
        if self._refusal is not None:
            return  # answered and closing: the rest is not read
        if self._in_head:
            # Up to the blank line that ends the head: a body sent with it is not counted.
            # The last bytes of the chunk before are searched too, for a blank line split
            # between two chunks.
            seen = self._tail + data
            end = seen.find(b"\r\n\r\n")
            self._head_bytes += len(data) if end < 0 else end + 4 - len(self._tail)
            self._tail = seen[-3:]
            if self._head_bytes > MAX_HEAD_BYTES:
                self._refuse(431, f"The request's headers are larger than {MAX_HEAD_BYTES} bytes.")
                return
        super().data_received(data)

    def on_header(self, name: bytes, value: bytes) -> None:
        super().on_header(name, value)
        if len(self.headers) > MAX_HEADERS:
            self._refusal = (431, f"The request has more than {MAX_HEADERS} headers.")
            raise _Refused  # httptools stops and reports a parser error: see send_400_response

    def on_headers_complete(self) -> None:
        self._in_head = False
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        super().on_message_complete()
        # Whatever comes next on this connection is the next request's head.
        self._in_head = True
        self._head_bytes = 0
        self._tail = b""

    def send_400_response(self, msg: str) -> None:
        status, detail = self._refusal or (400, f"{msg.rstrip('.')}: it could not be parsed.")
        self._refuse(status, detail)

    def _refuse(self, status: int, detail: str) -> None:
        self._refusal = (status, detail)
        slug, title = _SLUGS[status]
        body = json.dumps(
            {"type": PROBLEM_TYPE_BASE + slug, "title": title, "status": status, "detail": detail}
        ).encode()
        head = [f"HTTP/1.1 {status} {_REASONS[status]}".encode()]
        head += [name + b": " + value for name, value in self.server_state.default_headers]
        head += [
            f"content-type: {PROBLEM_JSON}".encode(),
            f"content-length: {len(body)}".encode(),
            b"cache-control: no-store",
            b"x-content-type-options: nosniff",
            b"connection: close",
        ]
        self.logger.warning("refused a request: %s", detail)
        self.transport.write(b"\r\n".join(head) + b"\r\n\r\n" + body)
        self.transport.close()
