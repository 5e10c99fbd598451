"""What each middleware and FastAPI's routing cost on `/healthz`, in process on one worker: the
ASGI app called directly (no server, no client), variants interleaved, best of seven runs.
`python -m bench.stack_costs`"""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Callable
from functools import partial
from typing import Any

from starlette.middleware import Middleware
from starlette.types import ASGIApp, Message

from app.main import create_app
from bench.baseline import app as baseline_app

REQUESTS = 2000
HEADERS = [
    (b"host", b"127.0.0.1:8000"),
    (b"user-agent", b"wrk"),
    (b"accept-encoding", b"gzip"),
    (b"accept", b"*/*"),
]


def scope_for(path: str) -> dict[str, Any]:
    return {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": b"",
        "headers": HEADERS,
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8000),
        "state": {},
    }


async def _receive() -> Message:
    return {"type": "http.request", "body": b"", "more_body": False}


async def _send(message: Message) -> None:
    if message["type"] == "http.response.start":
        assert message["status"] == 200, message


def microseconds(
    apps: dict[str, ASGIApp], path: str = "/healthz", number: int = REQUESTS
) -> dict[str, float]:
    """Per request to `path`, for each app: the best of seven runs of `number` requests, the
    apps taking turns (a shared machine's load then weighs on all alike)."""

    async def run() -> dict[str, float]:
        best = dict.fromkeys(apps, float("inf"))
        for _ in range(7):
            for label, app in apps.items():
                started = time.perf_counter()
                for _ in range(number):
                    await app(scope_for(path), _receive, _send)
                best[label] = min(best[label], time.perf_counter() - started)
        return {label: seconds / number * 1e6 for label, seconds in best.items()}

    return asyncio.run(run())


def _name(cls: object) -> str:
    return str(getattr(cls, "__name__", cls))


def _alone(middleware: Middleware) -> ASGIApp:
    """The bare route inside `middleware` only."""
    return middleware.cls(baseline_app, *middleware.args, **middleware.kwargs)


def variant(without: str | None = None, *, bare: bool = False) -> ASGIApp:
    """The app with every middleware, without the one named `without`, or with none."""
    app = create_app()
    if bare:
        app.user_middleware = []
    elif without is not None:
        app.user_middleware = [m for m in app.user_middleware if _name(m.cls) != without]
    return app


def main() -> int:
    full = create_app()
    names = [_name(m.cls) for m in full.user_middleware]
    rows: list[tuple[str, Callable[[], ASGIApp]]] = [
        ("bare Starlette route (bench/baseline.py)", lambda: baseline_app),
        ("FastAPI app, no middleware of ours", lambda: variant(bare=True)),
        ("whole stack", lambda: full),
        *((f"whole stack without {name}", lambda n=name: variant(n)) for name in names),
    ]
    # Each layer alone around the bare route: what it adds, without the others' noise.
    rows += [
        (f"bare route inside {_name(m.cls)} alone", partial(_alone, m))
        for m in full.user_middleware
    ]
    figures = microseconds({label: make() for label, make in rows})
    whole = figures["whole stack"]
    for label, us in figures.items():
        bare = figures[rows[0][0]]
        extra = (
            f" (it costs {whole - us:,.1f})"
            if label.startswith("whole stack without")
            else f" (it adds {us - bare:,.1f})"
            if label.startswith("bare route inside")
            else ""
        )
        print(f"{label}: {us:,.1f} µs{extra}")
    print(f"whole stack / bare: {figures[rows[0][0]] / whole:.0%} of the bare route's rate")
    return 0


if __name__ == "__main__":
    sys.exit(main())
