"""Follow-up items: what resolutions schedule for later sessions."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from app.schemas.common import API, FilterText, Identifier, Page, PageQuery, ResolutionRef

FollowUpKindName = Literal["report", "agenda_item", "sub_item", "review", "meeting"]


class FollowUpFilters(PageQuery):
    """Query parameters of `GET /v1/follow-ups`; filters combine with AND."""

    target_session: int | None = Field(
        None, ge=1, le=999, description="Scheduled for this session.", examples=[70]
    )
    kind: FollowUpKindName | None = Field(None, description="Kind of item.", examples=["report"])
    actor: FilterText | None = Field(
        None, description="Who is to act, ignoring case.", examples=["Secretary-General"]
    )
    resolution: Identifier | None = Field(
        None, description="Scheduled by this resolution (id or symbol).", examples=["A-RES-68-72"]
    )


class FollowUpItem(BaseModel):
    """Something a resolution asks for at a later session."""

    kind: FollowUpKindName = Field(description="Kind of item.", examples=["report"])
    actor: str | None = Field(description="Who is to act.", examples=["Secretary-General"])
    target_session: int | None = Field(description="The session concerned.", examples=[70])
    title: str | None = Field(description="Title of an agenda item.", examples=[None])
    text: str = Field(
        description="The words of the clause that schedule it.",
        examples=[
            "Requests the Secretary-General to submit to the General Assembly at its "
            "seventieth session a report on the implementation of the present resolution "
            "and on follow-up to previous resolutions on assistance in mine clearance and "
            "on assistance in mine action;"
        ],
    )
    resolution: ResolutionRef = Field(description="The resolution that schedules it.")
    clause: str | None = Field(description="Key of the clause.", examples=["op.15"])
    href: str | None = Field(
        description="The clause.", examples=[f"{API}/resolutions/A-RES-68-72/clauses/op.15"]
    )


class FollowUpPage(Page[FollowUpItem]):
    """A page of follow-up items."""
