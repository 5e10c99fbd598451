"""Database URLs are printed with everything between the scheme and the last `@` hidden, by
every command and in every log line, even when the password holds an unencoded `@`."""

from __future__ import annotations

import io
import logging
import os
import subprocess
import sys

import pytest

from app.__main__ import main as serve_main
from app.config import PROJECT_ROOT, ConfigurationError, parse_database_url, redact_url
from app.db.roles import main as roles_main
from app.export.cli import main as export_main
from app.ingest.cli import main as ingest_main
from app.logging import JsonFormatter, TextFormatter, redact

# The password is `Owner@Secr3t`, its `@` not percent-encoded.
AT_IN_PASSWORD = "postgresql+psycopg://ma_owner:Owner@Secr3t@127.0.0.1:5432/ma"
SECRETS = ("ma_owner", "Owner", "Secr3t")


def assert_redacted(text: str) -> None:
    assert "postgresql+psycopg://***@127.0.0.1:5432/ma" in text, text
    for secret in SECRETS:
        assert secret not in text, text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (AT_IN_PASSWORD, "postgresql+psycopg://***@127.0.0.1:5432/ma"),
        ("postgresql://u:p@h/db", "postgresql://***@h/db"),
        ("postgresql://reader@h/db", "postgresql://***@h/db"),
        (
            "could not use 'postgres://a:b@c@d@h:1/x' today",
            "could not use 'postgres://***@h:1/x' today",
        ),
        (
            "two: sqlite:///x.db and redis://:pw@cache:6379",
            "two: sqlite:///x.db and redis://***@cache:6379",
        ),
        ("postgresql://h/db", "postgresql://h/db"),
    ],
)
def test_everything_up_to_the_last_at_sign_is_hidden(text: str, expected: str) -> None:
    assert redact(text) == expected


def test_a_parsed_url_is_printed_redacted_too() -> None:
    url = parse_database_url("postgresql://reader:pa%40ss@127.0.0.1:1/x")
    assert url.password == "pa@ss"
    assert redact_url(url) == "postgresql+psycopg://***@127.0.0.1:1/x"


def test_an_unencoded_at_sign_is_refused_with_the_url_redacted() -> None:
    # Otherwise the rest of the password is taken for the host, and the driver's "cannot
    # resolve host 'Secr3t@127.0.0.1'" prints it.
    with pytest.raises(ConfigurationError) as caught:
        parse_database_url(AT_IN_PASSWORD)
    assert "unencoded `@`" in str(caught.value)
    assert "%40" in str(caught.value)
    assert_redacted(str(caught.value))


def test_log_lines_hide_the_credentials_in_both_formats() -> None:
    record = logging.makeLogRecord(
        {"name": "app", "levelno": logging.ERROR, "levelname": "ERROR", "msg": AT_IN_PASSWORD}
    )
    assert_redacted(JsonFormatter().format(record))
    assert_redacted(TextFormatter().format(record))


def test_the_ingest_and_export_commands_print_it_redacted() -> None:
    err = io.StringIO()
    corpus = str(PROJECT_ROOT / "data" / "corpus")
    assert ingest_main(["--database-url", AT_IN_PASSWORD, corpus], stderr=err) == 2
    assert_redacted(err.getvalue())
    err = io.StringIO()
    assert export_main(["clauses.csv", "--database-url", AT_IN_PASSWORD], stderr=err) == 2
    assert_redacted(err.getvalue())


def test_the_serve_and_role_commands_print_it_redacted(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", AT_IN_PASSWORD)
    assert serve_main(["serve"]) == 2
    assert_redacted(capsys.readouterr().err)
    assert roles_main(["create-readonly", "--role", "r", "--database-url", AT_IN_PASSWORD]) == 2
    assert_redacted(capsys.readouterr().err)


def test_the_migrations_print_it_redacted() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "alembic", "upgrade", "head"],
        cwd=PROJECT_ROOT,
        env={**os.environ, "DATABASE_URL": AT_IN_PASSWORD},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0
    assert_redacted(done.stdout + done.stderr)
