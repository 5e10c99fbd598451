"""Settings: the database URL is validated with a one-line message that never shows a password."""

from __future__ import annotations

import pytest

from app.config import DEFAULT_DATABASE_URL, ConfigurationError, Settings, parse_database_url


def test_default_is_embedded_sqlite_in_data_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    settings = Settings(_env_file=None)
    assert settings.database_url == DEFAULT_DATABASE_URL
    assert settings.is_sqlite
    assert settings.database.database is not None
    assert settings.database.database.endswith("data/resolutions.db")


def test_postgresql_urls_are_normalised_to_psycopg() -> None:
    assert parse_database_url("postgresql://u:p@h/db").drivername == "postgresql+psycopg"
    assert parse_database_url("postgres://u:p@h/db").drivername == "postgresql+psycopg"
    assert parse_database_url("postgresql+psycopg://u@h/db").drivername == "postgresql+psycopg"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("not a url at all", "not a valid database URL"),
        ("mysql://root:hunter2@localhost/db", "unsupported database 'mysql'"),
        ("postgresql+asyncpg://u:hunter2@h/db", "must use the psycopg driver"),
        ("postgresql+psycopg://u:hunter2@h:notaport/db", "not a valid database URL"),
    ],
)
def test_bad_urls_name_the_problem_without_the_password(value: str, expected: str) -> None:
    with pytest.raises(ConfigurationError) as caught:
        parse_database_url(value)
    message = str(caught.value)
    assert expected in message
    assert "hunter2" not in message
    assert "\n" not in message
