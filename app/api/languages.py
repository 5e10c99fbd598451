"""The `lang` query parameter: one of the languages resolutions are served in (else a 422)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from app.schemas.languages import LANG_DESCRIPTION, Language

LangQuery = Annotated[Language | None, Query(description=LANG_DESCRIPTION, examples=["fr"])]
