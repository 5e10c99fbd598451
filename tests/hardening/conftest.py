"""Hardening tests share the API tests' ingested corpus and their read-only client."""

from __future__ import annotations

import pytest

from tests.api.conftest import api_url, client, corpus_databases, corpus_url  # noqa: F401


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    from tests.hardening.test_fuzz import REQUESTS

    if REQUESTS:
        total = sum(REQUESTS.values())
        figures = ", ".join(f"{count} {kind}" for kind, count in sorted(REQUESTS.items()))
        terminalreporter.write_line(f"schemathesis: {total} requests ({figures})")
