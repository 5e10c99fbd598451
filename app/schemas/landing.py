"""The API's landing document: what it serves, where to start, and whose texts they are."""

from __future__ import annotations

from pydantic import BaseModel, Field

from app.schemas.common import API


class SourceCredit(BaseModel):
    name: str = Field(description="Who publishes the official texts.", examples=["United Nations"])
    url: str = Field(
        description="Where they are published.",
        examples=["https://github.com/UNxml/GAresolutions"],
    )
    notice: str = Field(
        description="The acknowledgement its terms of use ask for.",
        examples=["Source of the official texts: United Nations ..."],
    )


class LandingLinks(BaseModel):
    resolutions: str = Field(description="The resolutions.", examples=[f"{API}/resolutions"])
    clauses: str = Field(description="Clauses of every resolution.", examples=[f"{API}/clauses"])
    search: str = Field(description="Full-text search.", examples=[f"{API}/search"])
    docs: str = Field(description="Interactive documentation.", examples=["/docs"])
    openapi: str = Field(description="The OpenAPI document.", examples=["/openapi.json"])


class Landing(BaseModel):
    """`GET /`."""

    name: str = Field(description="The API.", examples=["Mine Action Resolutions API"])
    languages: list[str] = Field(
        description="Languages texts are served in (ISO 639-1; `lang` or `Accept-Language`).",
        examples=[["ar", "zh", "en", "fr", "ru", "es", "de"]],
    )
    source: SourceCredit = Field(description="The source of the official XML, credited.")
    links: LandingLinks = Field(description="Where to start.")
