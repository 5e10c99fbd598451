"""Settings: one class read from the environment (and `.env`), shared by API, ingest and Alembic."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from app.logging import level_number, redact

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
CORPUS_DIR = DATA_DIR / "corpus"
DEFAULT_DATABASE_URL = f"sqlite:///{DATA_DIR / 'resolutions.db'}"


class ConfigurationError(ValueError):
    """A setting has a value the application cannot use; the message is safe to print."""


def describe_invalid_setting(exc: ValidationError) -> str:
    """`DATABASE_POOL_SIZE: Input should be ...`: the first setting Pydantic refused."""
    error = exc.errors()[0]
    where = ".".join(str(part) for part in error["loc"]).upper() or "settings"
    return f"{where}: {error['msg']}"


class Settings(BaseSettings):
    """Everything that changes between deployments. Field names map to upper-case variables."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    database_url: str = Field(
        default=DEFAULT_DATABASE_URL,
        description="SQLAlchemy URL: sqlite:///path.db or postgresql+psycopg://user:pass@host/db.",
    )
    database_read_url: str | None = Field(
        default=None,
        description="Where the API reads (a streaming replica of DATABASE_URL); writes and the "
        "data-version check stay on DATABASE_URL. Unset: DATABASE_URL.",
    )
    database_connect_timeout: int = Field(
        default=5, ge=1, le=120, description="Seconds to wait for a database connection."
    )
    database_statement_timeout_ms: int = Field(
        default=15_000, ge=100, description="Longest a single API query may run (PostgreSQL)."
    )
    database_pool_size: int = Field(default=5, ge=1, le=100)
    cors_allow_origins: list[str] = Field(
        default=["*"], description="Origins allowed to call the API from a browser."
    )
    cache_max_age: int = Field(
        default=300, ge=0, description="Seconds clients and proxies may cache a GET response."
    )
    log_level: str = Field(
        default="INFO", description="Least severe log records written: DEBUG, INFO, WARNING, ERROR."
    )
    log_format: Literal["json", "text"] = Field(
        default="json", description="API logs as one JSON object per line, or as plain text."
    )
    request_timeout_seconds: float = Field(
        default=20,
        gt=0,
        le=600,
        description="A request not answered in this time gets a 503 (the API's time limit).",
    )
    rendered_cache_mb: int = Field(
        default=16,
        ge=0,
        le=4096,
        description="Megabytes of compressed details and list pages each API worker keeps for "
        "reuse until the next ingest changes the data (0: render every request). A detail "
        "takes about 6 KB compressed: 16 MB hold some 2,800.",
    )
    public_base_url: str | None = Field(
        default=None,
        description="Absolute base for links in responses; the request's own URL when unset.",
    )

    @field_validator("log_level")
    @classmethod
    def _known_level(cls, value: str) -> str:
        level_number(value)
        return value.strip().upper()

    @property
    def database(self) -> URL:
        return parse_database_url(self.database_url)

    @property
    def read_database(self) -> URL:
        """The database the API's queries read: DATABASE_READ_URL, else DATABASE_URL."""
        if self.database_read_url:
            return parse_database_url(self.database_read_url, "DATABASE_READ_URL")
        return self.database

    @property
    def is_sqlite(self) -> bool:
        return self.database.get_backend_name() == "sqlite"


def parse_database_url(value: str, name: str = "DATABASE_URL") -> URL:
    """Parse a database URL, raising ConfigurationError with a message that hides the password;
    `name` is the setting it came from."""
    if value.startswith("postgres://"):
        value = "postgresql://" + value.removeprefix("postgres://")
    try:
        url = make_url(value)
        url.port  # noqa: B018  (a non-numeric port only fails when read)
    except (ArgumentError, ValueError):
        raise ConfigurationError(
            f"{name} is not a valid database URL: {redact_url(value)!r} "
            "(expected e.g. sqlite:///data/resolutions.db or "
            "postgresql+psycopg://user:password@host:5432/dbname)"
        ) from None
    backend = url.get_backend_name()
    if backend not in {"sqlite", "postgresql"}:
        raise ConfigurationError(
            f"{name} uses an unsupported database {backend!r}: "
            f"{redact_url(url)} (use sqlite or postgresql+psycopg)"
        )
    if backend == "postgresql" and url.drivername == "postgresql":
        # A bare postgresql:// would pick psycopg2, which is not installed; psycopg 3 is.
        url = url.set(drivername="postgresql+psycopg")
    if backend == "postgresql" and url.get_driver_name() != "psycopg":
        raise ConfigurationError(
            f"{name} must use the psycopg driver (postgresql+psycopg://...), got {redact_url(url)}"
        )
    if url.host is not None and "@" in url.host:
        # `user:pa@ss@host`: the URL is cut at the first `@`, and the rest of the password
        # would be taken for the host (and printed in the driver's "cannot resolve" message).
        raise ConfigurationError(
            f"{name} has an unencoded `@` in its user or password: {redact_url(value)} "
            "(write it %40, e.g. postgresql+psycopg://user:pa%40ss@host:5432/dbname)"
        )
    return url


def redact_url(value: str | URL) -> str:
    """A database URL fit to print: its user and password replaced by `***`, even in one
    SQLAlchemy cannot parse (see app.logging.redact)."""
    if isinstance(value, URL):
        value = value.render_as_string(hide_password=False)
    return redact(value)


@lru_cache
def get_settings() -> Settings:
    return Settings()
