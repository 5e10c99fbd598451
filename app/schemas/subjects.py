"""Subjects: the UN library's headings (UNBIS Thesaurus and its authority file) on resolutions."""

from __future__ import annotations

from pydantic import BaseModel, Field

from app.schemas.common import API, Page, PageQuery

SUBJECT_KEY_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"


class SubjectRef(BaseModel):
    key: str = Field(description="Key, used in `subject` filters.", examples=["landmines"])
    label: str = Field(description="As the library writes it.", examples=["LANDMINES"])
    uri: str | None = Field(
        description="The UNBIS Thesaurus concept; null for a heading of the authority file.",
        examples=["http://metadata.un.org/thesaurus/1003608"],
    )
    vocabulary: str = Field(
        description="Where the heading comes from.", examples=["UNBIS Thesaurus"]
    )


class SubjectSummary(SubjectRef):
    """A subject in a list, with how many resolutions carry it."""

    resolutions: int = Field(description="Resolutions in the database with it.", examples=[12])
    href: str = Field(
        description="Those resolutions.", examples=[f"{API}/resolutions?subject=landmines"]
    )


class SubjectPage(Page[SubjectSummary]):
    """A page of subjects, most used first."""


class SubjectQuery(PageQuery):
    """Query parameters of `GET /v1/subjects`."""
