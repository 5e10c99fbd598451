"""Series of resolutions (one title, each recalling the one before) and what changed between two."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

from app.schemas.common import API, Page, PageQuery, ResolutionRef
from app.schemas.resolutions import SeriesNeighbour

SERIES_KEY_PATTERN = r"^[a-z0-9][a-z0-9-]{0,199}$"
MINE_ACTION = "assistance-in-mine-action"


class SeriesFilters(PageQuery):
    """Query parameters of `GET /v1/series`."""

    min_members: int = Field(
        1,
        ge=1,
        le=1000,
        description="Only series with at least this many resolutions in the database (2 leaves "
        "out titles adopted once).",
        examples=[2],
    )


class SeriesSummary(BaseModel):
    """A series in a list."""

    key: str = Field(description="Key of the series, from its title.", examples=[MINE_ACTION])
    alias: str | None = Field(
        description="Its short, stable name (`app/reference/series.yaml`), accepted wherever a "
        "series key is; null for a series without one.",
        examples=["assistance-in-mine-action"],
    )
    title: str = Field(
        description="Title of its latest resolution.", examples=["Assistance in mine action"]
    )
    members_in_database: int = Field(description="Its resolutions in the database.", examples=[3])
    members_absent: int = Field(
        description="Predecessors its resolutions recall that are not in the database.",
        examples=[3],
    )
    earliest: ResolutionRef = Field(description="Its earliest resolution in the database.")
    latest: ResolutionRef = Field(description="Its latest resolution in the database.")
    href: str = Field(description="The whole series.", examples=[f"{API}/series/{MINE_ACTION}"])


class SeriesPage(Page[SeriesSummary]):
    """A page of series."""


class SeriesMember(BaseModel):
    """A resolution of the series: in the database, or known because a member recalls it."""

    symbol: str = Field(description="Symbol.", examples=["A/RES/68/72"])
    id: str = Field(description="URL-safe id.", examples=["A-RES-68-72"])
    title: str | None = Field(
        description="Title; null for one that is not in the database.",
        examples=["Assistance in mine action"],
    )
    session: int | None = Field(description="Session that adopted it.", examples=[68])
    number: int | None = Field(description="Number in its session.", examples=[72])
    adopted_on: date | None = Field(
        description="Adoption date (for one not in the database, as the recalling text gives it).",
        examples=["2013-12-11"],
    )
    in_database: bool = Field(description="Whether this API has it.", examples=[True])
    recalls: str | None = Field(
        description="Symbol of the predecessor it recalls (unknown for one not in the database).",
        examples=["A/RES/66/69"],
    )
    recalled_by: list[str] = Field(
        description="Symbols of the members that recall it as their predecessor.",
        examples=[[]],
    )
    href: str | None = Field(
        description="Its URL in this API; null when it is not in the database.",
        examples=[f"{API}/resolutions/A-RES-68-72"],
    )


class SeriesLinks(BaseModel):
    self: str = Field(description="This series.", examples=[f"{API}/series/{MINE_ACTION}"])
    latest: str = Field(
        description="Its latest resolution in the database.",
        examples=[f"{API}/resolutions/A-RES-76-74"],
    )


class SeriesDetail(BaseModel):
    """A series in order, oldest first: its resolutions in the database and the predecessors
    they recall that are not."""

    key: str = Field(description="Key of the series, from its title.", examples=[MINE_ACTION])
    alias: str | None = Field(
        description="Its short, stable name (`app/reference/series.yaml`), accepted wherever a "
        "series key is; null for a series without one.",
        examples=["assistance-in-mine-action"],
    )
    title: str = Field(
        description="Title of its latest resolution.", examples=["Assistance in mine action"]
    )
    members_in_database: int = Field(description="Its resolutions in the database.", examples=[3])
    members_absent: int = Field(
        description="Predecessors recalled by its resolutions that are not in the database.",
        examples=[3],
    )
    resolutions: list[SeriesMember] = Field(description="Every known member, oldest first.")
    links: SeriesLinks = Field(description="Related URLs.")


ChangeStatusName = Literal["new", "removed", "unchanged", "changed"]


class DiffSegmentItem(BaseModel):
    """A run of words: kept, deleted from the older text, or inserted in the newer one."""

    op: Literal["equal", "delete", "insert"] = Field(
        description="`equal`, `delete` (only in the older text) or `insert` (only in the newer).",
        examples=["insert"],
    )
    text: str = Field(description="The words, separated by single spaces.", examples=["74/80"])


class ParagraphChangeItem(BaseModel):
    """One paragraph of either text and what became of it."""

    status: ChangeStatusName = Field(
        description="`new` (only in this resolution), `removed` (only in the older one), "
        "`unchanged` or `changed` (a version of the same paragraph, matched by wording).",
        examples=["changed"],
    )
    kind: Literal["preambular", "operative"] = Field(
        description="Kind of paragraph.", examples=["preambular"]
    )
    key: str | None = Field(
        description="Its key in this resolution; null when removed.", examples=["pp.1"]
    )
    previous_key: str | None = Field(
        description="Its key in the older resolution; null when new.", examples=["pp.1"]
    )
    moved: bool = Field(
        description="Whether it changed places relative to the paragraphs around it.",
        examples=[False],
    )
    similarity: float = Field(
        description="Share of words in common with its older version (1 when unchanged, 0 when "
        "new or removed).",
        examples=[0.889],
    )
    text: str | None = Field(
        description="The paragraph in this resolution, sub-paragraphs included with their "
        "labels; null when removed.",
        examples=[
            "Recalling its resolution 74/80 of 13 December 2019 and all its previous "
            "resolutions on assistance in mine action,"
        ],
    )
    previous_text: str | None = Field(
        description="The paragraph in the older resolution; null when new.",
        examples=[
            "Recalling its resolution 70/80 of 9 December 2015 and all its previous "
            "resolutions on assistance in mine action,"
        ],
    )
    diff: list[DiffSegmentItem] = Field(
        description="For a changed paragraph, the word-level edit from the older text to this "
        "one; empty otherwise."
    )
    href: str | None = Field(
        description="The clause in this resolution.",
        examples=[f"{API}/resolutions/A-RES-76-74/clauses/pp.1"],
    )
    previous_href: str | None = Field(
        description="The clause in the older resolution.",
        examples=[f"{API}/resolutions/A-RES-72-75/clauses/pp.1"],
    )


class ChangeCounts(BaseModel):
    """How many paragraphs are in each state."""

    new: int = Field(description="Paragraphs only in this resolution.", examples=[9])
    removed: int = Field(description="Paragraphs only in the older one.", examples=[3])
    changed: int = Field(description="Paragraphs reworded.", examples=[17])
    unchanged: int = Field(description="Paragraphs kept word for word.", examples=[23])
    moved: int = Field(description="Matched paragraphs that changed places.", examples=[1])


class ResolutionChanges(BaseModel):
    """What changed from the previous resolution of the series in the database to this one."""

    resolution: ResolutionRef = Field(description="The resolution whose changes these are.")
    compared_with: ResolutionRef = Field(
        description="The previous resolution of its series in the database, compared against."
    )
    recalls: SeriesNeighbour | None = Field(
        description="The predecessor it recalls, which may be absent from the database."
    )
    consecutive: bool = Field(
        description="Whether `compared_with` is the predecessor it recalls; false when versions "
        "in between are missing from the database, so that the changes add up several years.",
        examples=[False],
    )
    counts: ChangeCounts = Field(description="Paragraphs in each state.")
    paragraphs: list[ParagraphChangeItem] = Field(
        description="Every paragraph of this resolution in order, preamble then operative part, "
        "with each removed paragraph where it stood."
    )
