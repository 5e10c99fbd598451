"""Domain errors and the one handler that renders every error as RFC 9457 problem+json."""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException

PROBLEM_JSON = "application/problem+json"
PROBLEM_TYPE_BASE = "https://mine-action-resolutions.org/problems/"
RETRY_AFTER_SECONDS = 5
# SQLSTATE of a query ended by statement_timeout (or cancelled by an administrator).
QUERY_CANCELED = "57014"

logger = logging.getLogger("app.errors")


class AppError(Exception):
    """An error the API reports to its client; subclasses fix status, type and title."""

    status: int = 500
    slug: str = "internal-error"
    title: str = "Internal server error"

    def __init__(self, detail: str, *, errors: list[dict[str, Any]] | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.errors = errors


class NotFound(AppError):
    status = 404
    slug = "not-found"
    title = "Not found"


class InvalidFilter(AppError):
    status = 422
    slug = "invalid-parameter"
    title = "Invalid parameter"

    def __init__(self, parameter: str, detail: str) -> None:
        super().__init__(
            detail,
            errors=[{"loc": ["query", parameter], "msg": detail, "type": "value_error"}],
        )
        self.parameter = parameter


class ServiceUnavailable(AppError):
    status = 503
    slug = "service-unavailable"
    title = "Service unavailable"


def problem(
    status: int,
    detail: str,
    *,
    slug: str | None = None,
    title: str | None = None,
    errors: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
    instance: str | None = None,
) -> JSONResponse:
    phrase = HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else "Error"
    phrase = phrase[:1] + phrase[1:].lower()  # "Not found", as the domain errors spell it
    body: dict[str, Any] = {
        "type": PROBLEM_TYPE_BASE + (slug or phrase.lower().replace(" ", "-")),
        "title": title or phrase,
        "status": status,
        "detail": detail,
    }
    if instance:
        body["instance"] = instance
    if errors is not None:
        body["errors"] = errors
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def _unavailable(request: Request, detail: str) -> JSONResponse:
    return problem(
        503,
        detail,
        slug=ServiceUnavailable.slug,
        title=ServiceUnavailable.title,
        headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
        instance=request.url.path,
    )


def _clean_validation_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    cleaned = []
    for error in exc.errors():
        item = {
            "loc": list(error.get("loc", ())),
            "msg": error.get("msg", ""),
            "type": error.get("type", ""),
        }
        cleaned.append(item)
    return cleaned


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(AppError)
    async def _app_error(request: Request, exc: AppError) -> JSONResponse:
        headers = {"Retry-After": str(RETRY_AFTER_SECONDS)} if exc.status == 503 else None
        return problem(
            exc.status,
            exc.detail,
            slug=exc.slug,
            title=exc.title,
            errors=exc.errors,
            headers=headers,
            instance=request.url.path,
        )

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = _clean_validation_errors(exc)
        names = ", ".join(
            ".".join(str(part) for part in e["loc"][1:]) or str(e["loc"][0]) for e in errors
        )
        return problem(
            422,
            f"Invalid request parameter(s): {names}.",
            slug=InvalidFilter.slug,
            title=InvalidFilter.title,
            errors=errors,
            instance=request.url.path,
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 404 and exc.detail == "Not Found":
            detail = f"There is no resource at {request.url.path}."
        elif exc.status_code == 405:
            detail = (
                f"{request.method} is not allowed on {request.url.path}; this API is read-only."
            )
        else:
            detail = str(exc.detail)
        return problem(
            exc.status_code,
            detail,
            headers=getattr(exc, "headers", None),
            instance=request.url.path,
        )

    @app.exception_handler(DBAPIError)
    async def _database_error(request: Request, exc: DBAPIError) -> JSONResponse:
        if getattr(exc.orig, "sqlstate", None) == QUERY_CANCELED:
            # statement_timeout (DATABASE_STATEMENT_TIMEOUT_MS) ended the query.
            logger.warning("database query cancelled on %s", request.url.path)
            return _unavailable(request, "The database took too long to answer; try again shortly.")
        if exc.connection_invalidated or _is_connection_problem(exc):
            logger.warning("database unavailable: %s", type(exc.orig).__name__)
            return _unavailable(request, "The database is unavailable; try again shortly.")
        logger.error("database error on %s: %s", request.url.path, type(exc.orig).__name__)
        return problem(500, "The server could not complete the request.", instance=request.url.path)

    @app.exception_handler(PoolTimeout)
    async def _pool_timeout(request: Request, _exc: PoolTimeout) -> JSONResponse:
        return _unavailable(request, "The server is busy; try again shortly.")

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, _exc: Exception) -> JSONResponse:
        logger.exception("unhandled error on %s", request.url.path)
        return problem(500, "The server could not complete the request.", instance=request.url.path)


def _is_connection_problem(exc: DBAPIError) -> bool:
    from sqlalchemy.exc import OperationalError

    if not isinstance(exc, OperationalError):
        return False
    message = str(exc.orig).lower()
    # psycopg reports lost/refused connections and server shutdown as OperationalError, but so
    # is a statement timeout (QueryCanceled is not operational); SQLite "database is locked" too.
    return any(
        marker in message
        for marker in (
            "connection",
            "server closed",
            "terminating",
            "could not connect",
            "timeout expired",
            "database is locked",
            "unable to open",
            "shutting down",
            "no such table",
        )
    )
