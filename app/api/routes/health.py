"""Liveness and readiness probes for load balancers and orchestrators."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field
from sqlalchemy.exc import DBAPIError, ProgrammingError

from app.api.state import state_of
from app.db.version import current_version
from app.errors import ServiceUnavailable

router = APIRouter(tags=["health"])

# A probe must reach the process, never a cache.
NO_STORE = "no-store"
OUTDATED_SCHEMA = (
    "The database's schema is older than this API: run the migrations (alembic upgrade head)."
)


class Health(BaseModel):
    status: str = Field(description="`ok` when the check passed.", examples=["ok"])


# The probe's answer, the same bytes and headers every time: made once, sent as is (app.api.hot
# answers it before FastAPI's routing; the route documents it and answers if reached).
ALIVE_BODY = b'{"status":"ok"}'
ALIVE_HEADERS: tuple[tuple[bytes, bytes], ...] = tuple(
    Response(
        ALIVE_BODY, media_type="application/json", headers={"Cache-Control": NO_STORE}
    ).raw_headers
)


@router.get("/healthz", response_model=Health, summary="Process is alive")
async def healthz() -> Response:
    """Answers as long as the process can serve HTTP; it does not touch the database."""
    response = Response(ALIVE_BODY)
    response.raw_headers = list(ALIVE_HEADERS)
    return response


@router.get(
    "/readyz",
    response_model=Health,
    summary="Ready to serve data",
    responses={503: {"description": "The database cannot be reached, or is not migrated."}},
)
def readyz(request: Request, response: Response) -> Health:
    """Answers 200 when the database answers with its data version (which every answer
    reads), 503 problem+json otherwise: unreachable, or not migrated to this version."""
    response.headers["Cache-Control"] = NO_STORE
    try:
        with state_of(request.app).database.engine.connect() as connection:
            current_version(connection)
    except DBAPIError as exc:
        # PostgreSQL's undefined table, SQLite's "no such table": a database not migrated yet.
        if isinstance(exc, ProgrammingError) or "no such table" in str(exc.orig):
            raise ServiceUnavailable(OUTDATED_SCHEMA) from None
        raise ServiceUnavailable("The database is unavailable; try again shortly.") from None
    return Health(status="ok")
