"""Languages: the `lang` parameter, a version's provenance, and the languages a resolution has."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field

from app.schemas.common import API


class Language(StrEnum):
    """ISO 639-1 codes of the languages resolutions are served in (app.core.languages)."""

    AR = "ar"
    ZH = "zh"
    EN = "en"
    FR = "fr"
    RU = "ru"
    ES = "es"
    DE = "de"


LANG_DESCRIPTION = (
    "Language of the text (ISO 639-1: ar, zh, en, fr, ru, es, de). Wins over "
    "`Accept-Language`; English when neither is given. A language the resolution is not "
    "available in is a 404 that lists those it has."
)


class Source(BaseModel):
    """Where a version's text came from."""

    format: str = Field(
        description="`akn4un` (the UN's official XML), `pdf-text`, `markdown` or `web-text` "
        "(a parsed text).",
        examples=["akn4un"],
    )
    file: str = Field(
        description="The file (or zip member) it was read from.",
        examples=["80session/French/80_74_F.xml"],
    )
    sha256: str = Field(
        description="SHA-256 of the input as read.",
        examples=["3f0a5c9e1d2b4a6f8e7c5b3a1d9f0e2c4b6a8d0f1e3c5b7a9d2f4e6c8b0a1d3f"],
    )


class LanguageLink(BaseModel):
    """One language a resolution is served in."""

    code: Language = Field(description="ISO 639-1 code.", examples=["fr"])
    name: str = Field(description="English name of the language.", examples=["French"])
    href: str = Field(
        description="The resolution in that language.",
        examples=[f"{API}/resolutions/A-RES-80-74?lang=fr"],
    )
    source: str = Field(description="Format its text came from.", examples=["akn4un"])
