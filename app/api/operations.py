"""How each operation is named in the OpenAPI document: its id, its summary, its tag's text, and an
example cursor valid for its own list."""

# Client generators make method names of operation ids (FastAPI's own would be
# `get_resolution_v1_resolutions__id__get`); ids are camelCase verbs, one per path (every path is
# GET only); a route without one here fails the OpenAPI document. A cursor names the order of its
# list, and another list refuses it: each list's example is one that list issued on the bundled
# corpus (tests/api/test_openapi_names.py checks that each is accepted).

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Operation:
    id: str
    summary: str
    cursor: str | None = None  # an example cursor, for lists


OPERATIONS: dict[str, Operation] = {
    "/healthz": Operation("getHealth", "Whether the process is alive"),
    "/readyz": Operation("getReadiness", "Whether the API can serve data"),
    "/v1": Operation("getApiRoot", "What this API is, with links to everything"),
    "/v1/resolutions": Operation(
        "listResolutions",
        "List resolutions, newest first",
        "eyJvIjoicmVzb2x1dGlvbnM6LWFkb3B0ZWRfb24iLCJrIjpbIjIwMjEtMTItMDkiLDc2LDc0LDQ5XX0",
    ),
    "/v1/resolutions/{id}": Operation("getResolution", "Get one resolution in full"),
    "/v1/resolutions/{id}/akn": Operation(
        "getResolutionAkn", "Get one resolution as Akoma Ntoso XML"
    ),
    "/v1/resolutions/{id}/changes": Operation(
        "getResolutionChanges", "What changed since the previous resolution of its series"
    ),
    "/v1/resolutions/{id}/clauses": Operation(
        "listResolutionClauses",
        "List one resolution's clauses in document order",
        "eyJvIjoiY2xhdXNlczpwb3NpdGlvbiIsImsiOlsxLDExMzddfQ",
    ),
    "/v1/resolutions/{id}/clauses/{key}": Operation("getClause", "Get one clause"),
    "/v1/clauses": Operation(
        "listClauses",
        "List clauses across resolutions",
        "eyJvIjoiY2xhdXNlczpyZXNvbHV0aW9uLHBvc2l0aW9uIiwiayI6Wzc2LDc0LDQ5LDEsMTIyM119",
    ),
    "/v1/search": Operation(
        "searchClauses",
        "Search clauses, footnotes and titles, best matches first",
        "eyJvIjoic2VhcmNoOnNjb3JlIiwiayI6WzMuNzg5OTMxODk5ODA1NDY3LDEyNDddfQ",
    ),
    "/v1/treaties": Operation(
        "listTreaties",
        "List the treaties of the gazetteer",
        "eyJvIjoidHJlYXRpZXM6a2V5IiwiayI6WyJhbnRhcmN0aWMtdHJlYXR5Il19",
    ),
    "/v1/treaties/{key}": Operation("getTreaty", "Get one treaty"),
    "/v1/treaties/{key}/citations": Operation(
        "listTreatyCitations",
        "List the clauses and footnotes that cite a treaty",
        "eyJvIjoidHJlYXR5LWNpdGF0aW9uczpyZXNvbHV0aW9uIiwiayI6Wzc2LDc0LDQ5LDM4MF19",
    ),
    "/v1/organizations": Operation(
        "listOrganizations",
        "List the organizations of the gazetteer",
        "eyJvIjoib3JnYW5pemF0aW9uczprZXkiLCJrIjpbImFkdmlzb3J5LWJvYXJkLW9uLWRpc2FybWFtZW50LW1hdHRlcnMiXX0",
    ),
    "/v1/organizations/{key}": Operation(
        "getOrganization", "Get one organization with its IACG roles"
    ),
    "/v1/iacg-members": Operation(
        "listIacgMembers",
        "List the IACG as a resolution lists it",
        "eyJvIjoiaWFjZzpwb3NpdGlvbiIsImsiOlsxLDI5XX0",
    ),
    "/v1/iacg-members/history": Operation(
        "listIacgHistory",
        "Who was listed in the IACG, when and in which role",
        "eyJvIjoiaWFjZy1oaXN0b3J5OmVudGl0eSIsImsiOlsiZmFvIl19",
    ),
    "/v1/follow-ups": Operation(
        "listFollowUps",
        "List the reports and agenda items scheduled for later sessions",
        "eyJvIjoiZm9sbG93LXVwczpyZXNvbHV0aW9uIiwiayI6WzgwLDU1LDQyLDU3XX0",
    ),
    "/v1/sessions/{number}": Operation("getSession", "What a session has on its plate"),
    "/v1/series": Operation(
        "listSeries",
        "List the series of resolutions",
        "eyJvIjoic2VyaWVzOmtleSIsImsiOlsiMjAyNS1wb2xpdGljYWwtZGVjbGFyYXRpb24tb24tdGhlLWltcGxlbWVudGF0aW9uLW9mLXRoZS11bml0ZWQtbmF0aW9ucy1nbG9iYWwtcGxhbi1vZi1hY3Rpb24tdG8tY29tYmF0LXRyYWZmaWNraW5nLWluLXBlcnNvbnMiXX0",
    ),
    "/v1/series/{key}": Operation("getSeries", "Get one series, oldest first"),
    "/v1/changes": Operation(
        "listChanges",
        "The change feed: resolutions created, updated or deleted, oldest first",
        "eyJvIjoiY2hhbmdlczpvY2N1cnJlZF9hdCIsImsiOlsiMjAyNi0xMi0wMiAxNjozMTo0NS43MjM2NjYiLDFdfQ",
    ),
    "/v1/export/resolutions.jsonl": Operation(
        "exportResolutions", "Download every resolution as JSON Lines"
    ),
    "/v1/export/clauses.csv": Operation("exportClauses", "Download every clause as CSV"),
    "/v1/export/follow-ups.csv": Operation("exportFollowUps", "Download every follow-up as CSV"),
    "/v1/export/citations.csv": Operation("exportCitations", "Download every citation as CSV"),
    "/v1/export/votes.csv": Operation(
        "exportVotes", "Download every State's vote on every recorded vote as CSV"
    ),
    "/v1/resolutions/{id}/votes": Operation(
        "getResolutionVotes", "How one resolution was adopted, and how each State voted"
    ),
    "/v1/series/{key}/votes": Operation(
        "getSeriesVotes", "A series as a table of States by resolutions"
    ),
    "/v1/series/{key}/votes.csv": Operation(
        "getSeriesVotesCsv", "A series as a table of States by resolutions, in CSV"
    ),
    "/v1/member-states": Operation(
        "listMemberStates",
        "List the Member States and observer States",
        "eyJvIjoibWVtYmVyLXN0YXRlczpuYW1lIiwiayI6WyJCYWhhbWFzIiwxMl19",
    ),
    "/v1/member-states/{key}": Operation("getMemberState", "Get one State"),
    "/v1/member-states/{key}/votes": Operation(
        "listMemberStateVotes",
        "How one State voted, resolution by resolution",
        "eyJvIjoic3RhdGUtdm90ZXM6YWRvcHRlZF9vbiIsImsiOlsiMjAxOS0xMi0xMiIsNzQsNjEsNV19",
    ),
    "/v1/member-states/{key}/sponsorships": Operation(
        "listMemberStateSponsorships",
        "The resolutions one State sponsored",
        "eyJvIjoic3BvbnNvcnNoaXBzOnJlc29sdXRpb24iLCJrIjpbODAsNzQsNjAsMTIwXX0",
    ),
    "/v1/subjects": Operation(
        "listSubjects",
        "List the subjects of the resolutions, most used first",
        "eyJvIjoic3ViamVjdHM6dXNlZCIsImsiOlsyMCwibGFuZG1pbmVzIl19",
    ),
}

TAGS: list[dict[str, Any]] = [
    {"name": "about", "description": "What this API is, and links to everything."},
    {
        "name": "resolutions",
        "description": "Resolutions in full: paragraphs, footnotes, references, IACG, "
        "follow-ups, series; as JSON or Akoma Ntoso XML.",
    },
    {
        "name": "clauses",
        "description": "Paragraphs across resolutions, and full-text search of their clauses, "
        "footnotes and titles.",
    },
    {"name": "treaties", "description": "The treaty gazetteer, and what cites each treaty."},
    {
        "name": "organizations",
        "description": "The organization gazetteer, with each entity's IACG roles.",
    },
    {
        "name": "iacg",
        "description": "The Inter-Agency Coordination Group on Mine Action, as listed over time.",
    },
    {
        "name": "follow-ups",
        "description": "Reports and agenda items the resolutions schedule for later sessions.",
    },
    {"name": "series", "description": "Resolutions of one title, each recalling the one before."},
    {
        "name": "member-states",
        "description": "Member States and observer States: how each voted, what each sponsored.",
    },
    {"name": "subjects", "description": "The UN library's subject headings on resolutions."},
    {"name": "changes", "description": "The change feed, to keep a copy in sync."},
    {
        "name": "export",
        "description": "The whole dataset, streamed: JSON Lines and CSV (UTF-8, RFC 4180).",
    },
    {"name": "health", "description": "Liveness and readiness probes."},
]


def name_operations(schema: dict[str, Any]) -> dict[str, Any]:
    """Every operation of the OpenAPI `schema` with its id and summary, and each list's
    `cursor` parameter with an example that list accepts (KeyError for a path missing here)."""
    for path, operations in schema.get("paths", {}).items():
        named = OPERATIONS[path]
        for operation in operations.values():
            operation["operationId"] = named.id
            operation["summary"] = named.summary
            for parameter in operation.get("parameters", []):
                if parameter["name"] == "cursor" and named.cursor is not None:
                    parameter["schema"]["examples"] = [named.cursor]
                    parameter["example"] = named.cursor
    return schema
