"""`/v1/subjects`: the UN library's subject headings on resolutions, with how many carry each."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy.orm import Session

from app.api.deps import LinksDep, SessionDep
from app.api.formats import JsonBytesResponse
from app.api.pages import PagerDep, Produced
from app.api.responses import list_responses
from app.schemas.subjects import SubjectPage, SubjectQuery
from app.services import subjects

router = APIRouter(prefix="/v1/subjects", tags=["subjects"])


@router.get("", response_model=SubjectPage, responses=list_responses())
async def list_subjects(
    query: Annotated[SubjectQuery, Query()],
    session: SessionDep,
    links: LinksDep,
    pager: PagerDep,
) -> JsonBytesResponse:
    """Subjects of the UNBIS Thesaurus (with their concept URI) and names of the library's
    authority file, most used first, each with the resolutions that carry it
    (`GET /v1/resolutions?subject=KEY`)."""

    def produce(session: Session) -> Produced:
        return subjects.list_subjects(session, query, links)

    return await pager(session, SubjectPage, produce)
