"""The 49 resolution texts the API and ingest tests serve: the bundle's mine-action texts and
the tests' own copy of 46 resolutions of the eightieth session (Markdown editions)."""

from __future__ import annotations

from pathlib import Path

from app.config import CORPUS_DIR

MINE_ACTION = CORPUS_DIR / "mine-action"
GA_80 = Path(__file__).resolve().parent / "corpus" / "ga-80"
TEXT_CORPUS = (MINE_ACTION, GA_80)
