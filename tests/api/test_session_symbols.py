"""Resolutions of emergency special sessions (`A/RES/ES-11/3`, id `A-RES-ES-11-3`) through the
API: the id round-trips, and every form of the symbol redirects to it (a real file of the UN
repository's `Emergency sessions/` folder, on both databases)."""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.ingest import cli
from app.main import create_app

FILE = (
    Path(__file__).resolve().parents[1] / "sources" / "akn" / "files" / "A_RES_ES-11_3-2205216E.xml"
)
BASE = "http://testserver/v1"


@pytest.fixture
def emergency(fresh_database_url: str, tmp_path: Path) -> Iterator[TestClient]:
    folder = tmp_path / "Emergency sessions" / "ES-11" / "English"
    folder.mkdir(parents=True)
    shutil.copy(FILE, folder)
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(
        ["-q", "--database-url", fresh_database_url, str(tmp_path / "Emergency sessions")],
        stdout=out,
        stderr=err,
    )
    assert code == 0, err.getvalue()
    with TestClient(create_app(Settings(database_url=fresh_database_url))) as client:
        yield client


def test_an_emergency_session_resolution_by_id_and_by_symbol(emergency: TestClient) -> None:
    response = emergency.get("/v1/resolutions/A-RES-ES-11-3")
    assert response.status_code == 200, response.text
    detail = response.json()
    assert (detail["id"], detail["symbol"], detail["session"], detail["number"]) == (
        "A-RES-ES-11-3",
        "A/RES/ES-11/3",
        11,
        3,
    )
    assert detail["links"]["self"] == f"{BASE}/resolutions/A-RES-ES-11-3"
    assert detail["source"]["file"] == "ES-11/English/A_RES_ES-11_3-2205216E.xml"
    for form in (
        "A%2FRES%2FES-11%2F3",
        "A/RES/ES-11/3",
        "ES-11/3",
        "a-res-es-11-3",
        "es-11%2F3",
        "A%2FRES%2FES%E2%80%9111%2F3",  # the non-breaking hyphen the official XML prints
    ):
        moved = emergency.get(f"/v1/resolutions/{form}", follow_redirects=False)
        assert moved.status_code == 301, form
        assert moved.headers["location"] == f"{BASE}/resolutions/A-RES-ES-11-3", form
    clauses = emergency.get("/v1/resolutions/A/RES/ES-11/3/clauses/op.1", follow_redirects=False)
    assert clauses.headers["location"] == f"{BASE}/resolutions/A-RES-ES-11-3/clauses/op.1"
    assert emergency.get(clauses.headers["location"]).json()["key"] == "op.1"


def test_filters_take_the_emergency_session_symbol(emergency: TestClient) -> None:
    for form in ("ES-11/3", "A/RES/ES-11/3", "A-RES-ES-11-3"):
        page = emergency.get("/v1/clauses", params={"resolution": form, "limit": 2}).json()
        assert page["total"] == 7, form  # 4 preambular and 3 operative paragraphs
        assert page["items"][0]["resolution"]["id"] == "A-RES-ES-11-3"
    missing = emergency.get("/v1/resolutions/A-RES-ES-10-21")
    assert missing.status_code == 404
    assert missing.json()["detail"] == "There is no resolution A/RES/ES-10/21 in the database."
