# One entry point for common tasks. `make run` and `make test` are the two commands of the README.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run install setup migrate ingest render serve test lint format typecheck bench clean

## run: set everything up, ingest the bundled corpus into the embedded database, serve the API
run: ingest serve

# Running needs the runtime dependencies only; the dev tools (pytest, mypy, schemathesis,
# profilers: hundreds of MB) are installed for the tasks that use them.
$(BIN)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (set PYTHON=python3.11)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(BIN)/.installed-dev: $(BIN)/.installed pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

## install: create the virtual environment and install the project (runtime dependencies only)
install: $(BIN)/.installed

## setup: install as above, plus the dev tools (tests, lint, type-check, benchmarks)
setup: $(BIN)/.installed-dev

## migrate: bring the database named by DATABASE_URL (default: data/resolutions.db) to the latest schema
migrate: install
	$(BIN)/alembic upgrade head

## ingest: load the bundled corpus (data/corpus) into the database
ingest: migrate
	$(BIN)/python -m app.ingest data/corpus

## render: render every stored detail again (after an upgrade whose notes ask for it)
render: migrate
	$(BIN)/python -m app.ingest --render-only

## serve: serve the API on http://$(HOST):$(PORT) (docs at /docs)
serve: install
	$(BIN)/python -m app serve --host $(HOST) --port $(PORT)

## test: lint, type-check and run the whole test suite (SQLite and PostgreSQL)
test: lint typecheck
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: setup
	$(BIN)/mypy app bench

format: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## bench: run the benchmarks (see bench/README.md)
bench: setup
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache data/resolutions.db*
