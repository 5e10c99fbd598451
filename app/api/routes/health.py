"""Liveness and readiness probes for load balancers and orchestrators."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from app.errors import ServiceUnavailable

router = APIRouter(tags=["health"])

# A probe must reach the process, never a cache.
NO_STORE = "no-store"


class Health(BaseModel):
    status: str = Field(description="`ok` when the check passed.", examples=["ok"])


@router.get("/healthz", response_model=Health, summary="Process is alive")
def healthz(response: Response) -> Health:
    """Answers as long as the process can serve HTTP; it does not touch the database."""
    response.headers["Cache-Control"] = NO_STORE
    return Health(status="ok")


@router.get(
    "/readyz",
    response_model=Health,
    summary="Ready to serve data",
    responses={503: {"description": "The database cannot be reached."}},
)
def readyz(request: Request, response: Response) -> Health:
    """Answers 200 when the database answers a trivial query, 503 problem+json otherwise."""
    response.headers["Cache-Control"] = NO_STORE
    try:
        with request.app.state.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except DBAPIError:
        raise ServiceUnavailable("The database is unavailable; try again shortly.") from None
    return Health(status="ok")
