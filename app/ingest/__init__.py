"""The ingestion job: resolution texts in, rows out, one transaction per resolution."""

# `python -m app.ingest PATH ...` (see app.ingest.cli); `run_ingest` for use from Python.

from app.ingest.job import run_ingest

__all__ = ["run_ingest"]
