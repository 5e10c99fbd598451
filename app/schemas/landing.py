"""The landing document of `/` and `/v1`: what the API is and where everything is."""

from __future__ import annotations

from pydantic import BaseModel, Field


class Provenance(BaseModel):
    """Where the data comes from, and on what terms."""

    source: str = Field(
        description="Who publishes the texts.", examples=["United Nations General Assembly"]
    )
    source_url: str = Field(
        description="Where the official documents are published.",
        examples=["https://documents.un.org"],
    )
    credit: str = Field(
        description="How to credit the texts when reusing them.",
        examples=["Resolution texts: United Nations General Assembly, official documents."],
    )
    terms: str = Field(
        description="The terms of reuse of the texts.",
        examples=["Reuse is subject to the United Nations' terms of use."],
    )
    terms_url: str = Field(
        description="The United Nations' terms of use.",
        examples=["https://www.un.org/en/about-us/terms-of-use"],
    )


class SourceCredit(BaseModel):
    """The acknowledgement the terms of use of the UN's XML repository ask for."""

    name: str = Field(description="Who publishes the official XML.", examples=["United Nations"])
    url: str = Field(
        description="Where it is published.", examples=["https://github.com/UNxml/GAresolutions"]
    )
    notice: str = Field(
        description="The acknowledgement to reproduce.",
        examples=["Source of the official texts: United Nations ..."],
    )


class Landing(BaseModel):
    """What the API is, its versions, and links to its documentation and collections."""

    name: str = Field(description="The API's name.", examples=["Mine Action Resolutions API"])
    description: str = Field(
        description="What the API serves.",
        examples=["United Nations General Assembly resolutions on mine action as open data."],
    )
    api_version: str = Field(description="Version of this API.", examples=["0.1.0"])
    data_version: int = Field(
        description="Version of the data: it changes whenever the data does (0 before any).",
        examples=[1764633600000000],
    )
    documentation: dict[str, str] = Field(
        description="Interactive documentation (`docs`, `redoc`) and the OpenAPI document.",
        examples=[{"docs": "https://api.example.org/docs"}],
    )
    collections: dict[str, str] = Field(
        description="The main lists, by name.",
        examples=[{"resolutions": "https://api.example.org/v1/resolutions"}],
    )
    exports: dict[str, str] = Field(
        description="The whole dataset, one download each.",
        examples=[{"clauses.csv": "https://api.example.org/v1/export/clauses.csv"}],
    )
    changes: str = Field(
        description="The change feed: every resolution created, updated or deleted.",
        examples=["https://api.example.org/v1/changes"],
    )
    languages: list[str] = Field(
        description="Languages texts are served in (ISO 639-1; `lang` or `Accept-Language`).",
        examples=[["ar", "zh", "en", "fr", "ru", "es", "de"]],
    )
    provenance: Provenance = Field(description="Where the texts come from, and on what terms.")
    official_xml: SourceCredit = Field(
        description="The source of the official XML the texts of sessions 74 on come from."
    )
