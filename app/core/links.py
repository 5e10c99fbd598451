"""URLs of resources, absolute from a base the caller gives (the request's, or a configured one)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, urlencode

API_PREFIX = "/v1"
# Ids and keys are made of these (A-RES-68-72, op.3.e.ii, ccw-protocol-v): nothing to escape.
_SAFE_SEGMENT = re.compile(r"[A-Za-z0-9._~-]+")


@dataclass(frozen=True, slots=True)
class Links:
    """Builds `https://host/v1/...` URLs; `base` has no trailing slash.

    A detail response has dozens of links, so the common case (no escaping) is kept cheap.
    """

    base: str

    def _url(self, *segments: str, **query: object) -> str:
        path = "/".join(
            segment if _SAFE_SEGMENT.fullmatch(segment) else quote(segment, safe="")
            for segment in segments
        )
        url = f"{self.base}{API_PREFIX}/{path}"
        present = {name: value for name, value in query.items() if value is not None}
        return f"{url}?{urlencode(present)}" if present else url

    def resolution(self, slug: str, lang: str | None = None) -> str:
        return self._url("resolutions", slug, lang=lang)

    def resolutions(self, **query: object) -> str:
        return self._url("resolutions", **query)

    def clauses(self, slug: str) -> str:
        return self._url("resolutions", slug, "clauses")

    def clause(self, slug: str, key: str, lang: str | None = None) -> str:
        return self._url("resolutions", slug, "clauses", key, lang=lang)

    def treaty(self, key: str) -> str:
        return self._url("treaties", key)

    def treaty_citations(self, key: str) -> str:
        return self._url("treaties", key, "citations")

    def organization(self, key: str) -> str:
        return self._url("organizations", key)

    def follow_ups(self, **query: object) -> str:
        return self._url("follow-ups", **query)

    def akn(self, slug: str) -> str:
        return self._url("resolutions", slug, "akn")

    def changes(self, slug: str) -> str:
        return self._url("resolutions", slug, "changes")

    def series(self, key: str) -> str:
        return self._url("series", key)

    def feed(self, **query: object) -> str:
        return self._url("changes", **query)

    def resolution_votes(self, slug: str) -> str:
        return self._url("resolutions", slug, "votes")

    def series_votes(self, key: str) -> str:
        return self._url("series", key, "votes")

    def member_state(self, key: str) -> str:
        return self._url("member-states", key)

    def member_state_votes(self, key: str) -> str:
        return self._url("member-states", key, "votes")

    def member_state_sponsorships(self, key: str) -> str:
        return self._url("member-states", key, "sponsorships")
