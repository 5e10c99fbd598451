"""Optional, large scale: every English file of the UN's repository snapshot reads or is refused."""

# Runs only where the snapshot is unpacked (AKN_SNAPSHOT, by default /tmp/unxml/GAresolutions);
# skipped elsewhere, CI included. `-s` shows the counts.

from __future__ import annotations

import os
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from app.document.errors import ParseError
from app.reference import load_gazetteer
from app.sources.akn import AknSource, Refused, iter_akn, read_akn

SNAPSHOT = Path(os.environ.get("AKN_SNAPSHOT", "/tmp/unxml/GAresolutions"))

pytestmark = pytest.mark.skipif(
    not SNAPSHOT.is_dir(), reason=f"the AKN4UN snapshot is not unpacked at {SNAPSHOT}"
)


def _english(name: str) -> bool:
    return "/English/" in name or "_English.zip!" in name


def test_every_english_file_reads_or_is_refused_with_a_reason() -> None:
    gazetteer = load_gazetteer()
    started = time.perf_counter()
    files = resolutions = 0
    refused: Counter[str] = Counter()
    for item in iter_akn(SNAPSHOT):
        if isinstance(item, Refused) and _english(item.name):
            refused[f"{type(item.error).__name__}: {item.error}"] += 1
        if not isinstance(item, AknSource) or not _english(item.name):
            continue
        files += 1
        try:
            found = read_akn(item.data, gazetteer=gazetteer)
        except ParseError as exc:
            refused[f"{type(exc).__name__}: {exc}"] += 1
            continue
        resolutions += len(found)
        for resolution in found:
            keys = [c.key for c in resolution.clauses()]
            assert len(keys) == len(set(keys)), item.name
            assert resolution.operative, item.name
    elapsed = time.perf_counter() - started
    report = [f"\n{files} English files, {resolutions} resolutions, {elapsed:.1f} s"]
    report += [f"refused {count}: {reason}" for reason, count in refused.most_common()]
    sys.stdout.write("\n".join(report) + "\n")
    assert files > 2000
    assert sum(refused.values()) < files / 100
