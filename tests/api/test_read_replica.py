"""DATABASE_READ_URL: the API reads there (queries and stored details), while the data-version
check stays on DATABASE_URL, the primary."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import make_url

from app.api.state import state_of
from app.config import ConfigurationError, Settings
from app.main import create_app


def test_reads_go_to_the_read_url_and_the_check_to_the_primary(
    fresh_database_url: str, corpus_url: str
) -> None:
    """The primary here is empty (migrated, nothing loaded) and the "replica" holds the
    corpus: every answer comes from the replica."""
    settings = Settings(database_url=fresh_database_url, database_read_url=corpus_url)
    with TestClient(create_app(settings)) as client:
        database = state_of(client.app).database
        assert database.engine.url.database == make_url(corpus_url).database
        check = database.version_check
        assert check is not None
        primary = str(make_url(fresh_database_url).database)
        assert primary in getattr(check, "path", getattr(check, "conninfo", ""))
        assert client.get("/v1/resolutions").json()["total"] == 49
        detail = client.get("/v1/resolutions/A-RES-68-72")
        assert detail.status_code == 200
        assert detail.json()["symbol"] == "A/RES/68/72"
        again = client.get("/v1/resolutions/A-RES-68-72")  # the stored row, from the replica
        assert again.content == detail.content


def test_a_bad_read_url_is_named_in_the_error() -> None:
    settings = Settings(database_read_url="mysql://reader:s3cret@replica/db")
    with pytest.raises(ConfigurationError, match=r"^DATABASE_READ_URL uses an unsupported") as exc:
        settings.read_database  # noqa: B018
    assert "s3cret" not in str(exc.value)
