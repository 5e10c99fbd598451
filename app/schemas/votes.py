"""How resolutions were adopted, and how each State voted: per resolution, per State, per series."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field

from app.schemas.common import API, Page, PageQuery, ResolutionRef

NO_OFFICIAL_RECORD = (
    "This resolution was read from a text (a PDF extraction, Markdown or web edition): how it "
    "was adopted comes with the UN's official XML, published from the seventy-fourth session."
)


class AdoptionType(StrEnum):
    RECORDED_VOTE = "recorded-vote"
    WITHOUT_VOTE = "without-vote"
    OTHER = "other"  # the official record states it in words of its own (`stated_as`)


class VoteValue(StrEnum):
    """One State's position on one resolution."""

    IN_FAVOUR = "in-favour"
    AGAINST = "against"
    ABSTAINING = "abstaining"
    # A recorded vote whose lists do not name the State: absent, or not voting.
    NOT_RECORDED = "not-recorded"
    # Adopted without a vote: no State's position is recorded.
    WITHOUT_VOTE = "without-vote"
    # No official record (a resolution read from a text).
    UNKNOWN = "unknown"


class VoteCounts(BaseModel):
    in_favour: int | None = Field(description="Votes in favour.", examples=[166])
    against: int | None = Field(description="Votes against.", examples=[1])
    abstaining: int | None = Field(description="Abstentions.", examples=[2])


class AdoptionSummary(BaseModel):
    """How the General Assembly adopted the resolution, as its official record states it."""

    type: AdoptionType = Field(description="Recorded vote, without a vote, or other.")
    stated_as: str | None = Field(
        description="The official record's own words.", examples=["adoptedRecordedVote"]
    )
    counts: VoteCounts | None = Field(
        description="The counts the record states (a recorded vote only)."
    )
    votes: str = Field(
        description="How each State voted.", examples=[f"{API}/resolutions/A-RES-80-74/votes"]
    )


class StateRef(BaseModel):
    key: str = Field(description="Key of the State (ISO 3166-1 alpha-3).", examples=["usa"])
    name: str = Field(description="Name.", examples=["United States of America"])
    href: str = Field(description="The State in this API.", examples=[f"{API}/member-states/usa"])


class UnresolvedName(BaseModel):
    name: str = Field(description="A name as the record writes it.", examples=["KOSOVO"])
    vote: VoteValue = Field(description="The column it stands in.")


class ResolutionVotes(BaseModel):
    """How a resolution was adopted and, for a recorded vote, the States in each column."""

    resolution: ResolutionRef = Field(description="The resolution.")
    adoption: AdoptionType | None = Field(
        description="How it was adopted; null without an official record (see `reason`)."
    )
    stated_as: str | None = Field(
        description="The official record's own words.", examples=["adoptedRecordedVote"]
    )
    counts: VoteCounts | None = Field(description="The counts the record states.")
    in_favour: list[StateRef] | None = Field(
        description="States in favour, by name; null unless a recorded vote lists them."
    )
    against: list[StateRef] | None = Field(description="States against.")
    abstaining: list[StateRef] | None = Field(description="States abstaining.")
    unresolved: list[UnresolvedName] = Field(
        description="Names in the lists that match no State of the gazetteer (normally none)."
    )
    discrepancy: str | None = Field(
        description="Where the stated counts and the lists disagree (the lists are kept).",
        examples=[None],
    )
    reason: str | None = Field(
        description="Why there is no official record, when there is none.", examples=[None]
    )


class StateVote(BaseModel):
    """How one State voted on one resolution."""

    resolution: ResolutionRef = Field(description="The resolution.")
    series: str | None = Field(
        description="Key of its series.", examples=["assistance-in-mine-action"]
    )
    adoption: AdoptionType | None = Field(description="How the resolution was adopted.")
    vote: VoteValue = Field(description="The State's position.")


class StateVotePage(Page[StateVote]):
    """A State's votes, oldest resolution first."""


class StateVoteQuery(PageQuery):
    """Query parameters of `GET /v1/member-states/{key}/votes`."""

    series: str | None = Field(
        None,
        description="Only resolutions of this series (its key).",
        examples=["implementation-of-the-convention-on-cluster-munitions"],
        max_length=200,
        pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$",
    )
    session_from: int | None = Field(
        None, ge=1, le=999, description="From this session on.", examples=[74]
    )
    session_to: int | None = Field(
        None, ge=1, le=999, description="Up to this session.", examples=[80]
    )
    subject: str | None = Field(
        None,
        description="Only resolutions with this subject (its key).",
        examples=["landmines"],
        max_length=200,
        pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$",
    )
    adoption: AdoptionType | None = Field(
        None, description="Only resolutions adopted this way.", examples=["recorded-vote"]
    )


class SeriesColumn(BaseModel):
    """A resolution of the series, a column of the table."""

    resolution: ResolutionRef = Field(description="The resolution.")
    adoption: AdoptionType | None = Field(description="How it was adopted.")
    counts: VoteCounts | None = Field(description="The counts the record states.")


class SeriesRow(BaseModel):
    """One State's row: its position on each resolution, in the order of `resolutions`."""

    state: StateRef = Field(description="The State.")
    votes: list[VoteValue] = Field(description="Its position on each resolution, in order.")


class SeriesVoteTable(BaseModel):
    """A series as a table of States by resolutions, oldest resolution first."""

    series: str = Field(description="Key of the series.", examples=["assistance-in-mine-action"])
    resolutions: list[SeriesColumn] = Field(description="The columns, oldest first.")
    states: list[SeriesRow] = Field(description="One row per State, by name.")
