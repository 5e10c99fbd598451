"""`python -m app serve`: check the settings and the database, then run the API with uvicorn."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from app.config import ConfigurationError, Settings
from app.db.session import DatabaseUnavailable, build_engine, checked_connection
from app.http_protocol import PROTOCOL

# Idle keep-alive connections are kept longer than clients and proxies keep theirs (httpx 5 s,
# load balancers 60 s): the side that closes first must be the client, or a request it sends
# at the moment the server closes is lost (a load test saw it with uvicorn's default of 5 s).
KEEP_ALIVE_SECONDS = 75
# uvicorn's settings for the API (the benchmark's baseline server runs with the same).
SERVE_OPTIONS: dict[str, Any] = {
    "server_header": False,
    "proxy_headers": True,
    # The app writes its own JSON logs (app.logging), one access line per request.
    "log_config": None,
    "access_log": False,
    "timeout_keep_alive": KEEP_ALIVE_SECONDS,
    # Bounded request heads (431) and problem+json for what the parser refuses.
    "http": PROTOCOL,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m app", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="serve the HTTP API")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1)
    serve.add_argument("--reload", action="store_true", help="restart on code changes (dev)")
    args = parser.parse_args(argv)

    try:
        settings = Settings()
        engine = build_engine(settings)
        with checked_connection(engine):
            pass
        engine.dispose()
    except ConfigurationError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except DatabaseUnavailable as exc:
        # Serve anyway: /readyz reports 503 until the database answers, then the API recovers.
        print(f"warning: {exc}; serving, /readyz will say when it is back", file=sys.stderr)

    from app.server import serve as run_server

    # Several workers: one listening socket each (app.server), so that connections spread.
    return run_server(
        host=args.host, port=args.port, workers=args.workers, reload=args.reload, **SERVE_OPTIONS
    )


if __name__ == "__main__":
    sys.exit(main())
