"""Query parameters of the bulk exports (`/v1/export/...`)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from app.schemas.common import Timestamp
from app.schemas.languages import Language


class ExportQuery(BaseModel):
    """Query parameters of `GET /v1/export/resolutions.jsonl`; unknown ones are refused."""

    model_config = ConfigDict(extra="forbid")

    updated_since: Timestamp | None = Field(
        None,
        description="Only resolutions created or changed at or after this moment (ISO 8601 "
        "with a timezone, inclusive). Deletions are in `GET /v1/changes`.",
        examples=["2026-01-01T00:00:00Z"],
    )


class DocumentExportQuery(ExportQuery):
    """Query parameters of `GET /v1/export/resolutions.jsonl`."""

    lang: Language | None = Field(
        None,
        description="Language of the documents (ISO 639-1): the resolutions served in that "
        "language, each as `GET /v1/resolutions/{id}?lang=...`. Without it, the first language "
        "of `Accept-Language` the API serves, else English.",
        examples=["fr"],
    )


class CsvExportQuery(ExportQuery):
    """Query parameters of the CSV exports."""

    bom: bool = Field(
        True,
        description="Start with a UTF-8 byte order mark, so that Excel reads the file as UTF-8 "
        "(without it Excel assumes a legacy code page and garbles quotation marks and accented "
        "letters). `false` for tools that do not skip it.",
        examples=[True],
    )


class ClauseExportQuery(CsvExportQuery):
    """Query parameters of `GET /v1/export/clauses.csv`."""

    lang: Language | Literal["all"] | None = Field(
        None,
        description="Language of the clauses' text (ISO 639-1); `all` for every language, "
        "English first, each row saying its `language`. Without it, the first language of "
        "`Accept-Language` the API serves, else English.",
        examples=["all"],
    )
