"""Shapes shared by every resource: pages, references to a resolution, query types, problems."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any, Generic, TypeVar, get_args

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
)

from app.core.pagination import DEFAULT_LIMIT, MAX_CURSOR_LENGTH, MAX_LIMIT
from app.core.timestamps import parse_timestamp

T = TypeVar("T")

# The base of the example URLs in the OpenAPI document.
API = "https://api.example.org/v1"

EXAMPLE_CURSOR = "eyJvIjoicmVzb2x1dGlvbnM6LWFkb3B0ZWRfb24iLCJrIjpbIjIwMTMtMTItMTEiLDY4LDcyLDQ3XX0"


# Text parameters refuse control characters (NUL among them, which PostgreSQL refuses), DEL and
# C1 controls, and need something besides white space (values are trimmed). As a pattern, the
# rule is in the OpenAPI too, so that clients and fuzzers know it.
_ALLOWED = r"[^\x00-\x1f\x7f-\x9f]"
_VISIBLE = r"[^\s\x00-\x1f\x7f-\x9f]"
TEXT_PATTERN = rf"^{_ALLOWED}*{_VISIBLE}{_ALLOWED}*$"


FilterText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=200, pattern=TEXT_PATTERN),
]
"""A free-text filter value: trimmed, 1 to 200 characters, no control characters."""

SearchText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=500, pattern=TEXT_PATTERN),
]
"""A full-text query in websearch syntax."""

Identifier = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=64, pattern=TEXT_PATTERN),
]
"""A resolution id or symbol (`A-RES-68-72`, `A/RES/68/72`, `68/72`) or a gazetteer key."""


def _iso_date(value: object) -> object:
    # Pydantic would also read a number as a Unix time (`0` as 1970-01-01): a query parameter
    # documented as a date takes YYYY-MM-DD and nothing else.
    if isinstance(value, str) and not _ISO_DATE.fullmatch(value):
        raise ValueError("must be a date as YYYY-MM-DD")
    return value


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_INTEGER = re.compile(r"[+-]?\d+")
_INTEGER_TYPES = {int}

IsoDate = Annotated[date, BeforeValidator(_iso_date)]
"""A date parameter: `2013-12-11`."""

Timestamp = Annotated[datetime, BeforeValidator(parse_timestamp)]
"""An ISO 8601 timestamp with a timezone (`2026-01-01T00:00:00Z`) as UTC; naive ones refused."""


class PageQuery(BaseModel):
    """`limit` and `cursor`, common to every list; unknown query parameters are refused."""

    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="before")
    @classmethod
    def _integers_are_digits(cls, value: object, info: ValidationInfo) -> object:
        # Pydantic reads a number as Python does, `1_0` as 10: a query parameter documented as
        # an integer takes digits (and a sign) and nothing else.
        field = cls.model_fields.get(info.field_name or "")
        if (
            isinstance(value, str)
            and field is not None
            and _INTEGER_TYPES.intersection(get_args(field.annotation) or (field.annotation,))
            and not _INTEGER.fullmatch(value.strip())
        ):
            raise ValueError("must be an integer written in digits, e.g. 20")
        return value

    limit: int = Field(
        DEFAULT_LIMIT,
        ge=1,
        le=MAX_LIMIT,
        description=f"Items per page, 1 to {MAX_LIMIT}.",
        examples=[DEFAULT_LIMIT],
    )
    cursor: str | None = Field(
        None,
        min_length=1,
        max_length=MAX_CURSOR_LENGTH,
        description="Where the page starts: copy it from the previous page's `next` link.",
        examples=[EXAMPLE_CURSOR],
    )


class Page(BaseModel, Generic[T]):
    """One page of a list, in a deterministic order."""

    items: list[T] = Field(description="The items of this page.")
    total: int | None = Field(
        description="How many items the whole list has, with these filters.", examples=[49]
    )
    limit: int = Field(description="The page size that was asked for.", examples=[20])
    next: str | None = Field(
        description="URL of the next page (also in the `Link` header), null on the last page.",
        examples=[f"https://api.example.org/v1/resolutions?limit=20&cursor={EXAMPLE_CURSOR}"],
    )


class ResolutionRef(BaseModel):
    """A resolution named from somewhere else (a clause, a citation, a follow-up)."""

    id: str = Field(description="URL-safe id of the resolution.", examples=["A-RES-68-72"])
    symbol: str = Field(description="United Nations document symbol.", examples=["A/RES/68/72"])
    title: str = Field(
        description="Title of the resolution.", examples=["Assistance in mine action"]
    )
    session: int = Field(description="General Assembly session that adopted it.", examples=[68])
    adopted_on: date | None = Field(description="Date of adoption.", examples=["2013-12-11"])
    href: str = Field(
        description="URL of the resolution in this API.",
        examples=["https://api.example.org/v1/resolutions/A-RES-68-72"],
    )


class ProblemItem(BaseModel):
    """One invalid parameter of a request."""

    loc: list[str | int] = Field(
        description="Where the problem is: `query`, `path`, then the parameter name.",
        examples=[["query", "limit"]],
    )
    msg: str = Field(
        description="What is wrong with it.", examples=["Input should be less than or equal to 100"]
    )
    type: str = Field(description="Machine-readable kind of error.", examples=["less_than_equal"])


class Problem(BaseModel):
    """An error, as RFC 9457 `application/problem+json`."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "type": "https://mine-action-resolutions.org/problems/not-found",
                    "title": "Not found",
                    "status": 404,
                    "detail": "There is no resolution A/RES/68/99 in the database.",
                    "instance": "/v1/resolutions/A-RES-68-99",
                }
            ]
        }
    )

    type: str = Field(
        description="URI naming the kind of problem.",
        examples=["https://mine-action-resolutions.org/problems/not-found"],
    )
    title: str = Field(description="Short summary of the kind of problem.", examples=["Not found"])
    status: int = Field(description="The HTTP status code.", examples=[404])
    detail: str = Field(
        description="What went wrong with this request, in words.",
        examples=["There is no resolution A/RES/68/99 in the database."],
    )
    instance: str | None = Field(
        None, description="The path of the request.", examples=["/v1/resolutions/A-RES-68-99"]
    )
    errors: list[ProblemItem] | None = Field(
        None, description="For invalid parameters: each one and what is wrong with it."
    )


def example(value: Any) -> dict[str, Any]:
    """`json_schema_extra` giving a whole-object example, for models whose fields nest."""
    return {"examples": [value]}
