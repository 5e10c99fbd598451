"""Schemathesis against the app's own OpenAPI, on the bundled corpus, on SQLite and PostgreSQL."""

# Every documented operation gets valid and invalid requests generated from its parameters; every
# answer must be documented (status, media type, headers, body schema), never a 5xx, and every 4xx a
# problem+json; the database is the same afterwards. CI tries FUZZ_MAX_EXAMPLES=25 examples per
# operation and mode, the same ones every run; a longer run explores at random:
#
#     FUZZ_MAX_EXAMPLES=1000 .venv/bin/pytest tests/hardening/test_fuzz.py

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis.database import DirectoryBasedExampleDatabase
from schemathesis import GenerationMode
from sqlalchemy import Engine

from app.config import PROJECT_ROOT, Settings
from app.main import create_app
from tests.databases import engine_for
from tests.hardening.checksums import database_checksum

MAX_EXAMPLES = int(os.environ.get("FUZZ_MAX_EXAMPLES", "25"))
# The short CI run tries the same examples every time; a raised count explores at random and
# remembers what failed (.hypothesis/, ignored by git) to try it first next time.
DERANDOMIZE = "FUZZ_MAX_EXAMPLES" not in os.environ

CONFIG = schemathesis.Config.from_dict(
    {
        "checks": {
            # An invalid request is refused with a 4xx, or redirected (301) when the id was
            # given in another form: the canonical URL gets the same query and refuses it.
            "negative_data_rejection": {"expected-statuses": ["301", "4xx"]},
            # A valid one is answered; or not found; or refused for its meaning (a 422 that the
            # check below narrows down).
            "positive_data_acceptance": {"expected-statuses": ["2xx", "3xx", "404", "422"]},
        }
    }
)

ASGIApp = Callable[[dict[str, Any], Any, Any], Awaitable[None]]

# Requests made, by generation mode and status class; read by the terminal summary.
REQUESTS: Counter[str] = Counter()


@pytest.fixture(scope="session")
def fuzzed_app(api_url: str) -> Iterator[ASGIApp]:
    """The app, started once (its lifespan run by a TestClient, its engine connected as the
    read-only role on PostgreSQL) and handed to schemathesis without its lifespan."""
    app = create_app(Settings(database_url=api_url))
    with TestClient(app):

        async def without_lifespan(scope: dict[str, Any], receive: Any, send: Any) -> None:
            if scope["type"] == "lifespan":
                # Refusing the scope at once tells schemathesis there is no lifespan to run.
                raise RuntimeError("the lifespan is run by the test")
            await app(scope, receive, send)

        yield without_lifespan


@pytest.fixture(scope="session")
def api_schema(fuzzed_app: ASGIApp) -> Any:
    return schemathesis.openapi.from_asgi("/openapi.json", fuzzed_app, config=CONFIG)


@pytest.fixture(scope="session")
def unchanged_database(corpus_url: str) -> Iterator[None]:
    """Every table is the same after the whole run as before it."""
    engine: Engine = engine_for(corpus_url)
    before = database_checksum(engine)
    yield
    assert database_checksum(engine) == before
    engine.dispose()


def problem_json_for_every_4xx(ctx: Any, response: Any, case: Any) -> bool | None:  # noqa: ARG001
    """Every 4xx is RFC 9457 problem+json with the fields the API promises."""
    if 400 <= response.status_code < 500:
        content_type = response.headers.get("content-type", [""])[0]
        assert content_type == "application/problem+json", (response.status_code, content_type)
        body = response.json()
        assert body["status"] == response.status_code
        assert body["type"].startswith("https://mine-action-resolutions.org/problems/")
        assert body["title"]
        assert body["detail"]
    return None


def valid_requests_are_refused_only_for_their_meaning(
    ctx: Any,  # noqa: ARG001 (a check's signature)
    response: Any,
    case: Any,
) -> bool | None:
    """A request the schema allows is refused (422) only for what a schema cannot say -- a
    cursor the server did not issue, a search with only excluded words, a `resolution=` that
    is not a symbol -- which the API reports as `value_error`. Any other kind (a range, a
    length, a pattern, an unknown name) would mean the OpenAPI and the code disagree."""
    if case.meta is None or case.meta.generation.mode is not GenerationMode.POSITIVE:
        return None
    if response.status_code == 422:
        kinds = {error["type"] for error in response.json()["errors"]}
        assert kinds == {"value_error"}, response.json()["errors"]
    return None


def _operations() -> list[tuple[str, str]]:
    """(method, path) of every documented operation, read from the app without a database."""
    paths = create_app(Settings(database_url="sqlite://")).openapi()["paths"]
    return [(method.upper(), path) for path, item in paths.items() for method in item]


def _run(operation: Any, mode: GenerationMode) -> None:
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        derandomize=DERANDOMIZE,
        suppress_health_check=list(HealthCheck),
        database=(
            None
            if DERANDOMIZE
            else DirectoryBasedExampleDatabase(PROJECT_ROOT / ".hypothesis" / "examples")
        ),
    )
    def call(case: Any) -> None:
        response = case.call_and_validate(
            additional_checks=[
                problem_json_for_every_4xx,
                valid_requests_are_refused_only_for_their_meaning,
            ]
        )
        REQUESTS[f"{mode.value} {response.status_code // 100}xx"] += 1
        assert response.status_code < 500

    call()


@pytest.mark.parametrize(("method", "path"), _operations())
@pytest.mark.usefixtures("unchanged_database")
def test_every_operation_answers_as_documented(api_schema: Any, method: str, path: str) -> None:
    operation = api_schema[path][method]
    _run(operation, GenerationMode.POSITIVE)
    if api_schema.raw_schema["paths"][path][method.lower()].get("parameters"):
        # Without parameters there is nothing to make invalid.
        _run(operation, GenerationMode.NEGATIVE)
