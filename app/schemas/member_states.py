"""Member States (and observer States): names, identifiers, and what each sponsored."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field

from app.schemas.common import API, Page, PageQuery, ResolutionRef

STATE_KEY_PATTERN = r"^[A-Za-z]{3}$"


class StateStatus(StrEnum):
    MEMBER = "member"
    OBSERVER = "observer"


class MemberStateLinks(BaseModel):
    self: str = Field(description="This State.", examples=[f"{API}/member-states/tur"])
    votes: str = Field(
        description="How it voted, resolution by resolution.",
        examples=[f"{API}/member-states/tur/votes"],
    )
    sponsorships: str = Field(
        description="The resolutions it sponsored.",
        examples=[f"{API}/member-states/tur/sponsorships"],
    )


class MemberStateSummary(BaseModel):
    """A State in a list."""

    key: str = Field(description="Stable key: ISO 3166-1 alpha-3, lower case.", examples=["tur"])
    name: str = Field(description="Name, as the UN's sponsor lists write it.", examples=["Türkiye"])
    vote_name: str = Field(
        description="Name, as the UN's recorded-vote lists write it.", examples=["TÜRKİYE"]
    )
    iso3: str = Field(description="ISO 3166-1 alpha-3 code.", examples=["TUR"])
    unterm: str | None = Field(
        description="The State's record in UNTERM, the UN terminology database.",
        examples=["https://unterm.un.org/unterm2/en/view/356ac538-feb4-4d8a-a4e9-a9eb5dd40fc5"],
    )
    status: StateStatus = Field(description="A Member State, or a non-member observer State.")
    links: MemberStateLinks = Field(description="Related URLs.")


class MemberStatePage(Page[MemberStateSummary]):
    """A page of States, by name."""


class MemberStateDetail(MemberStateSummary):
    """A State, with the other spellings of its name the records use."""

    aliases: list[str] = Field(
        description="Other names the records use, former names included.",
        examples=[["TURKEY", "TÜRKÝYE"]],
    )
    recorded_votes: int = Field(
        description="Recorded votes in the database in which the State is listed.", examples=[42]
    )
    sponsorships: int = Field(
        description="Resolutions in the database it sponsored or co-sponsored.", examples=[7]
    )


class MemberStateQuery(PageQuery):
    """Query parameters of `GET /v1/member-states`."""

    status: StateStatus | None = Field(
        None, description="Only Member States, or only observer States.", examples=["member"]
    )


class SponsorRole(StrEnum):
    SPONSOR = "sponsor"
    ADDITIONAL = "additional"


class Sponsor(BaseModel):
    """A sponsor of a resolution's draft, as the record names it."""

    name: str = Field(description="As written.", examples=["Austria"])
    role: SponsorRole = Field(description="A sponsor of the draft, or an additional sponsor.")
    state: str | None = Field(
        description="Key of the State, null for a sponsor that is no State.", examples=["aut"]
    )
    on_behalf_of: str | None = Field(
        description="The group it spoke for, when it sponsored on behalf of one.",
        examples=[None],
    )


class StateSponsorship(BaseModel):
    """A resolution a State sponsored."""

    resolution: ResolutionRef = Field(description="The resolution.")
    draft_symbol: str | None = Field(
        description="The draft it sponsored.", examples=["A/C.4/80/L.7"]
    )
    role: SponsorRole = Field(description="A sponsor of the draft, or an additional sponsor.")
    name: str = Field(description="The State's name as the record writes it.", examples=["Austria"])
    on_behalf_of: str | None = Field(description="The group it spoke for, if any.", examples=[None])


class StateSponsorshipPage(Page[StateSponsorship]):
    """A page of a State's sponsorships, newest resolution first."""


class StateSponsorshipQuery(PageQuery):
    """Query parameters of `GET /v1/member-states/{key}/sponsorships`."""
