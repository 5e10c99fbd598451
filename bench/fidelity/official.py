"""The official side of a pair: outlines of the English resolutions in AKN4UN XML files."""

# The files are found and read by the project's own reader (app.sources.akn), so the measure
# compares the text parser with what the official-XML ingestion would store.

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from app.sources.akn import AknSource, iter_akn, read_akn
from bench.fidelity.compare import Outline, outline_of


def read_official(data: bytes) -> list[Outline]:
    """One outline per English resolution (per part of a multi-part one) in one XML file."""
    return [outline_of(parsed) for parsed in read_akn(data) if parsed.metadata.language == "en"]


def official_files(folder: Path) -> Iterator[tuple[str, bytes]]:
    """(name, content) of every AKN4UN document under `folder`, inside zip archives too."""
    for found in iter_akn(folder):
        if isinstance(found, AknSource):
            yield found.name, found.data
