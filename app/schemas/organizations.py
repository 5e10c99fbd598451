"""Organizations of the curated gazetteer, and their place in the IACG over time."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from app.schemas.common import API, Page, PageQuery, ResolutionRef


class OrganizationFilters(PageQuery):
    """Query parameters of `GET /v1/organizations`."""

    iacg: bool | None = Field(
        None,
        description="`true`: only entities some resolution lists in the Inter-Agency "
        "Coordination Group on Mine Action; `false`: only the others.",
        examples=[True],
    )


class OrganizationRef(BaseModel):
    key: str = Field(description="Gazetteer key.", examples=["dpo"])
    name: str = Field(description="Name.", examples=["Department of Peace Operations"])
    href: str = Field(description="In this API.", examples=[f"{API}/organizations/dpo"])


class OrganizationLinks(BaseModel):
    self: str = Field(description="This organization.", examples=[f"{API}/organizations/unmas"])


class OrganizationSummary(BaseModel):
    """An organization in a list."""

    key: str = Field(description="Gazetteer key, used in URLs and filters.", examples=["unmas"])
    name: str = Field(description="Name.", examples=["United Nations Mine Action Service"])
    acronym: str | None = Field(description="Acronym.", examples=["UNMAS"])
    kind: str | None = Field(description="Kind of body.", examples=["un-secretariat"])
    parent: str | None = Field(description="Key of the body it is part of.", examples=["dpo"])
    iacg: bool = Field(
        description="Whether some resolution in the database lists it in the IACG.",
        examples=[True],
    )
    links: OrganizationLinks = Field(description="Related URLs.")


class OrganizationPage(Page[OrganizationSummary]):
    """A page of organizations."""


class IacgListingItem(BaseModel):
    resolution: ResolutionRef = Field(description="The resolution that lists it.")
    role: Literal["member", "observer"] = Field(
        description="Its role in that resolution's list.", examples=["member"]
    )


class OrganizationDetail(OrganizationSummary):
    """An organization with its other names, related bodies and IACG listings."""

    aliases: list[str] = Field(description="Other names.", examples=[["Mine Action Service"]])
    parent_organization: OrganizationRef | None = Field(description="The body it is part of.")
    children: list[OrganizationRef] = Field(description="Bodies that are part of it.")
    cited_by: int = Field(
        description="How many resolutions name it (clauses or footnotes).", examples=[3]
    )
    iacg_listings: list[IacgListingItem] = Field(
        description="Every resolution that lists it in the IACG, oldest first, with the role."
    )
