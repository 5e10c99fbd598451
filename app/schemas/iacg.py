"""The Inter-Agency Coordination Group on Mine Action as the resolutions list it."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from app.schemas.common import API, Identifier, Page, PageQuery, ResolutionRef

Role = Literal["member", "observer"]


class IacgFilters(PageQuery):
    """Query parameters of `GET /v1/iacg-members`; without them, the latest list."""

    resolution: Identifier | None = Field(
        None, description="The list in this resolution (id or symbol).", examples=["A-RES-76-74"]
    )
    session: int | None = Field(
        None,
        ge=1,
        le=999,
        description="The list in the latest resolution of this session.",
        examples=[76],
    )


class IacgMember(BaseModel):
    """An entity of the group, in the order the resolution lists it."""

    key: str | None = Field(
        description="Gazetteer key; null when the name matched no known organization.",
        examples=["unmas"],
    )
    name: str = Field(description="Name.", examples=["United Nations Mine Action Service"])
    acronym: str | None = Field(description="Acronym.", examples=["UNMAS"])
    role: Role = Field(description="Member or observer.", examples=["member"])
    listed_as: str = Field(
        description="The words the resolution uses.",
        examples=["Mine Action Service of the Department of Peace Operations of the Secretariat"],
    )
    href: str | None = Field(
        description="The organization in this API.", examples=[f"{API}/organizations/unmas"]
    )


class IacgMemberPage(Page[IacgMember]):
    """The entities one resolution lists in the group."""

    resolution: ResolutionRef | None = Field(
        description="The resolution whose list this is; null when no resolution has one."
    )


class IacgHistoryQuery(PageQuery):
    """Query parameters of `GET /v1/iacg-members/history`."""


class IacgAppearance(BaseModel):
    resolution: ResolutionRef = Field(description="A resolution that lists the entity.")
    role: Role = Field(description="Its role there.", examples=["observer"])


class IacgHistoryEntry(BaseModel):
    """One entity, and every resolution that lists it."""

    key: str | None = Field(description="Gazetteer key.", examples=["unidir"])
    name: str = Field(
        description="Name.", examples=["United Nations Institute for Disarmament Research"]
    )
    acronym: str | None = Field(description="Acronym.", examples=["UNIDIR"])
    listings: list[IacgAppearance] = Field(
        description="Resolutions that list it, oldest first, with its role in each."
    )
    latest_role: Role | None = Field(
        description="Its role in the latest resolution with a list; null if it is not in it "
        "(it left the group).",
        examples=["observer"],
    )


class IacgHistoryPage(Page[IacgHistoryEntry]):
    """Every entity ever listed, by key."""

    resolutions: list[ResolutionRef] = Field(
        description="All resolutions with an IACG list, oldest first: an entity missing from "
        "one of them was not listed there."
    )
