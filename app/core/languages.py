"""The languages a resolution is served in, and which one a request asks for (`lang` or
`Accept-Language`)."""

from __future__ import annotations

import re
from dataclasses import dataclass

ENGLISH = "en"
# The six official languages of the United Nations, and German (a few resolutions have it).
LANGUAGES: dict[str, str] = {
    "ar": "Arabic",
    "zh": "Chinese",
    "en": "English",
    "fr": "French",
    "ru": "Russian",
    "es": "Spanish",
    "de": "German",
}
# `lang=all` in the clause export: every language at once.
ALL = "all"

_TAG = re.compile(r"^([A-Za-z]{1,8})(?:-[A-Za-z0-9]{1,8})*$")


@dataclass(frozen=True, slots=True)
class LanguageChoice:
    """What a request asks for: `wanted` in order of preference; `strict` when it named one
    language (`lang=fr`), which must then be there, rather than stating preferences."""

    wanted: tuple[str, ...] = ()
    strict: bool = False

    @property
    def key(self) -> tuple[str, ...]:
        """For the render cache: two requests with the same key get the same answer."""
        return ("!" if self.strict else "?", *self.wanted)

    def pick(self, available: list[str]) -> str | None:
        """The language to serve among `available`; None when a strict choice is missing."""
        for code in self.wanted:
            if code in available:
                return code
        if self.strict:
            return None
        if ENGLISH in available:
            return ENGLISH
        return available[0] if available else None


ENGLISH_CHOICE = LanguageChoice()


def parse_accept_language(header: str | None) -> tuple[str, ...]:
    """The supported languages an `Accept-Language` header names, best first (RFC 9110
    quality values; `fr-CH` counts as `fr`, `zh-Hans` as `zh`; `*` and unknown tags ignored)."""
    if not header:
        return ()
    ranked: list[tuple[float, int, str]] = []
    for index, part in enumerate(header.split(",")[:32]):
        tag, _, parameters = part.strip().partition(";")
        match = _TAG.match(tag.strip())
        if match is None:
            continue
        code = match[1].lower()
        if code not in LANGUAGES:
            continue
        quality = 1.0
        for parameter in parameters.split(";"):
            name, _, value = parameter.strip().partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality > 0:
            ranked.append((-quality, index, code))
    seen: list[str] = []
    for _, _, code in sorted(ranked):
        if code not in seen:
            seen.append(code)
    return tuple(seen)


def choose_language(lang: str | None, accept_language: str | None) -> LanguageChoice:
    """`lang` wins over `Accept-Language`; neither means English. `lang` must be validated
    (one of LANGUAGES) by the caller."""
    if lang is not None:
        return LanguageChoice((str(lang),), strict=True)
    return LanguageChoice(parse_accept_language(accept_language))
