"""Logs through the standard logging module, as one JSON object per line (or plain text)."""

#     {"time": "2026-11-28T02:10:31.123Z", "level": "info", "logger": "app.access",
#      "message": "GET /v1/resolutions 200", "method": "GET", "path": "/v1/resolutions",
#      "status": 200, "duration_ms": 4.2, "request_id": "6f1c..."}
#
# Fields passed with `extra=` become keys of the object; the request id of the request being
# served (a context variable, which FastAPI's worker threads inherit) is added to every record.

from __future__ import annotations

import json
import logging
import re
import sys
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any, Literal, TextIO

LogFormat = Literal["json", "text"]

# Set by the request middleware for the duration of a request.
request_id_var: ContextVar[str | None] = ContextVar("request_id", default=None)

# Attributes every LogRecord has; anything else on a record came from `extra=`.
_STANDARD = frozenset(logging.makeLogRecord({}).__dict__) | {"message", "asctime", "taskName"}

# uvicorn configures these before it imports the app; they are re-pointed at our handler, and
# its access log is replaced by the middleware's (which knows the request id and the duration).
_UVICORN_LOGGERS = ("uvicorn", "uvicorn.error")
_UVICORN_ACCESS = "uvicorn.access"


def level_number(name: str) -> int:
    """The logging level called `name` (any case); ValueError for an unknown one."""
    level = logging.getLevelNamesMapping().get(name.strip().upper())
    if level is None:
        raise ValueError(f"unknown log level {name!r} (use DEBUG, INFO, WARNING, ERROR)")
    return level


class Clock:
    """`2026-11-28T02:10:31.123Z` for a record's time ("Z" rather than "+00:00": what log
    collectors parse without a format string). The date and time of the last second are kept:
    an access line a request, most share their second with the one before."""

    def __init__(self) -> None:
        self._second = -1
        self._prefix = ""

    def timestamp(self, created: float) -> str:
        # As datetime.fromtimestamp: microseconds rounded half to even, carried into the second.
        second = int(created)
        micro = round((created - second) * 1_000_000)
        if micro >= 1_000_000:
            second, micro = second + 1, micro - 1_000_000
        if second != self._second:
            moment = datetime.fromtimestamp(second, UTC)
            self._second, self._prefix = second, moment.strftime("%Y-%m-%dT%H:%M:%S")
        return f"{self._prefix}.{micro // 1000:03d}Z"


# ensure_ascii: a path with undecodable bytes (lone surrogates) still prints. One encoder for
# every line (json.dumps with options builds one a call).
_ENCODE = json.JSONEncoder(ensure_ascii=True, default=str).encode


# `scheme://user:password@host`: whatever logs a URL (an exception's message, a library's
# debug line), its credentials are not written. Everything up to the last `@` goes, because a
# password may hold an unencoded `@` (`user:pa@ss@host`) and the user name is no one's business.
_URL_CREDENTIALS = re.compile(r"(?P<scheme>\b[a-z][a-z0-9+.-]*://)[^\s'\"<>]*@", re.IGNORECASE)


def redact(text: str) -> str:
    """`text` with everything between the scheme and the last `@` of any URL in it replaced
    by `***`: `postgresql://***@host/db`."""
    # Most lines (every access line) have no URL: not searched for one.
    return _URL_CREDENTIALS.sub(r"\g<scheme>***@", text) if "://" in text else text


class JsonFormatter(logging.Formatter):
    """One JSON object per record: time (UTC), level, logger, message, then the extra fields."""

    def __init__(self) -> None:
        super().__init__()
        self._clock = Clock()

    def format(self, record: logging.LogRecord) -> str:
        payload: dict[str, Any] = {
            "time": self._clock.timestamp(record.created),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": redact(record.getMessage()),
        }
        request_id = getattr(record, "request_id", None) or request_id_var.get()
        if request_id is not None:
            payload["request_id"] = request_id
        for key, value in record.__dict__.items():
            if key not in _STANDARD and not key.startswith("_") and key not in payload:
                payload[key] = value
        if record.exc_info:
            payload["exception"] = redact(self.formatException(record.exc_info))
        return _ENCODE(payload)


class TextFormatter(logging.Formatter):
    """`2026-11-28 02:10:31 INFO app.access GET /v1/resolutions 200 [request_id=...]`."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s %(message)s", "%Y-%m-%d %H:%M:%S")

    def format(self, record: logging.LogRecord) -> str:
        line = redact(super().format(record))
        request_id = getattr(record, "request_id", None) or request_id_var.get()
        return f"{line} [request_id={request_id}]" if request_id else line


class _OurHandler(logging.StreamHandler[TextIO]):
    """Marks the handler this module installed, so that configuring again replaces it."""


def configure_logging(
    level: str = "INFO", log_format: LogFormat = "json", *, stream: TextIO | None = None
) -> None:
    """Send every log record at `level` or above to `stream` (stderr) in `log_format`.

    Idempotent: a second call replaces the handler of the first; handlers that others added
    (pytest's capture) are left alone.
    """
    handler = _OurHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter() if log_format == "json" else TextFormatter())
    root = logging.getLogger()
    for existing in [h for h in root.handlers if isinstance(h, _OurHandler)]:
        root.removeHandler(existing)
    root.addHandler(handler)
    root.setLevel(level_number(level))
    for name in _UVICORN_LOGGERS:
        uvicorn_logger = logging.getLogger(name)
        uvicorn_logger.handlers.clear()
        uvicorn_logger.propagate = True
        uvicorn_logger.setLevel(logging.NOTSET)
    access = logging.getLogger(_UVICORN_ACCESS)
    access.handlers.clear()
    access.propagate = False
    access.disabled = True
