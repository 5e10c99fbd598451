"""Starlette's GZip middleware, with the answers it leaves as they are passed on directly."""

# Starlette builds a responder (and a compressor on use) for every request. Most answers here
# are one body that is small (the probes, the 304s, the errors) or already compressed (the
# kept and stored renderings): for those the responder only hands the two messages on, so this
# layer does that itself and builds one only for an answer it could change.

from __future__ import annotations

from starlette.middleware.gzip import GZipMiddleware, GZipResponder, IdentityResponder
from starlette.types import Message, Receive, Scope, Send


class Compression(GZipMiddleware):
    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        accepts_gzip = any(
            name == b"accept-encoding" and b"gzip" in value for name, value in scope["headers"]
        )
        start: Message | None = None
        responder: IdentityResponder | None = None

        async def send_compressed(message: Message) -> None:
            nonlocal start, responder
            if responder is not None:
                await responder.send_with_compression(message)
                return
            if message["type"] == "http.response.start":
                start = message
                return
            if (
                start is not None
                and message["type"] == "http.response.body"
                and not message.get("more_body", False)
                and (
                    len(message.get("body", b"")) < self.minimum_size
                    or any(
                        name.lower() == b"content-encoding" for name, _ in start.get("headers", ())
                    )
                )
            ):
                # What Starlette's responder does with these: send them as they are.
                await send(start)
                await send(message)
                return
            responder = self._responder(accepts_gzip)
            responder.send = send
            if start is not None:
                await responder.send_with_compression(start)
            await responder.send_with_compression(message)

        await self.app(scope, receive, send_compressed)

    def _responder(self, accepts_gzip: bool) -> IdentityResponder:
        if accepts_gzip:
            return GZipResponder(
                self.app,
                self.minimum_size,
                compresslevel=self.compresslevel,
                thread_minimum_size=self.thread_minimum_size,
                exclude_content_types=self.exclude_content_types,
            )
        return IdentityResponder(
            self.app, self.minimum_size, exclude_content_types=self.exclude_content_types
        )
