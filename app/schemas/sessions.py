"""A session of the General Assembly as these resolutions see it."""

from __future__ import annotations

from pydantic import BaseModel, Field

from app.schemas.common import API, ResolutionRef
from app.schemas.follow_ups import FollowUpItem


class SessionLinks(BaseModel):
    resolutions: str = Field(
        description="Resolutions it adopted, as a paginated list.",
        examples=[f"{API}/resolutions?session=70"],
    )
    follow_ups: str = Field(
        description="Items scheduled for it, as a paginated list.",
        examples=[f"{API}/follow-ups?target_session=70"],
    )


class SessionDetail(BaseModel):
    """What a session has on its plate from these resolutions, and what it adopted."""

    number: int = Field(description="Session number.", examples=[70])
    scheduled: list[FollowUpItem] = Field(
        description="Reports due and agenda items scheduled for it by earlier resolutions."
    )
    adopted: list[ResolutionRef] = Field(
        description="Resolutions in the database that it adopted, in number order."
    )
    links: SessionLinks = Field(description="Related URLs.")
