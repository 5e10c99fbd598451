"""Short names of the mine-action family's series (app/reference/series.yaml): listed with each
series, redirecting to the canonical key in paths, and taken as the key by filters."""

from __future__ import annotations

from fastapi.testclient import TestClient

from app.reference.loader import load_series_aliases
from tests.api.conftest import walk

BASE = "http://testserver/v1"
CCW = (
    "convention-on-prohibitions-or-restrictions-on-the-use-of-certain-conventional-weapons-"
    "which-may-be-deemed-to-be-excessively-injurious-or-to-have-indiscriminate-effects"
)
CCM = "implementation-of-the-convention-on-cluster-munitions"


def test_every_series_of_the_family_is_listed_with_its_short_name(family: TestClient) -> None:
    listed = {item["key"]: item for item in walk(family, "/v1/series?limit=100")}
    aliases = {item["alias"]: key for key, item in listed.items() if item["alias"]}
    assert aliases == load_series_aliases()
    assert set(aliases) == {
        "assistance-in-mine-action",
        "apmbc-implementation",
        "ccm-implementation",
        "ccw",
        "ieds",
    }
    assert listed[CCW]["members_in_database"] == 7
    assert listed[CCW]["latest"]["symbol"] == "A/RES/80/68"


def test_a_short_name_redirects_to_the_canonical_series(family: TestClient) -> None:
    moved = family.get("/v1/series/ccw", follow_redirects=False)
    assert moved.status_code == 301
    assert moved.headers["location"] == f"{BASE}/series/{CCW}"
    series = family.get("/v1/series/ccw").json()
    assert (series["key"], series["alias"]) == (CCW, "ccw")
    assert [member["symbol"] for member in series["resolutions"] if member["in_database"]] == [
        "A/RES/74/76",
        "A/RES/75/85",
        "A/RES/76/64",
        "A/RES/77/92",
        "A/RES/78/64",
        "A/RES/79/75",
        "A/RES/80/68",
    ]
    table = family.get("/v1/series/ieds/votes.csv", follow_redirects=False)
    assert table.headers["location"] == (
        f"{BASE}/series/countering-the-threat-posed-by-improvised-explosive-devices/votes.csv"
    )
    # A short name that is the key itself is the canonical URL.
    same = family.get("/v1/series/assistance-in-mine-action", follow_redirects=False)
    assert same.status_code == 200
    assert same.json()["alias"] == "assistance-in-mine-action"


def test_filters_take_a_short_name_as_the_key(family: TestClient) -> None:
    by_key = family.get(f"/v1/member-states/fra/votes?series={CCM}&limit=100").json()
    by_alias = family.get("/v1/member-states/fra/votes?series=ccm-implementation&limit=100").json()
    assert by_alias["items"] == by_key["items"]
    assert len(by_key["items"]) == 7
    assert {item["series"] for item in by_alias["items"]} == {CCM}
