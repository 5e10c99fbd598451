"""The ceiling's yardstick: a bare Starlette route answering /healthz with the same JSON as ours,
served as ours is (app.server, the same uvicorn settings): `python -m bench.baseline --port N`."""

from __future__ import annotations

import argparse
import sys

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from app.__main__ import SERVE_OPTIONS
from app.server import serve

HEALTH = b'{"status":"ok"}'


async def healthz(_request: Request) -> Response:
    return Response(HEALTH, media_type="application/json", headers={"Cache-Control": "no-store"})


app = Starlette(routes=[Route("/healthz", healthz)])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.baseline", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8001)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    return serve(
        host=args.host,
        port=args.port,
        workers=args.workers,
        reload=False,
        app="bench.baseline:app",
        **SERVE_OPTIONS,
    )


if __name__ == "__main__":
    sys.exit(main())
