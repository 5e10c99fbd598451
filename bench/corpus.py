"""Distinct resolutions made from the real corpus, for benchmarks and concurrency tests."""

# Copy k of `A/RES/68/72` becomes `A/RES/68/172` (k = 1), `A/RES/68/272` (k = 2), ... (the step
# is the first power of ten above every number in the corpus, so copies never collide): the
# symbol is rewritten in the front matter, the page headers and the title line, so each copy
# parses to a resolution of its own while keeping the real text's size and structure.

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from app.ingest.sources import discover
from app.reference import load_gazetteer
from app.sources.text import parse_resolution


def distinct_copies(sources: Sequence[Path], folder: Path, copies: int) -> list[Path]:
    """Write `copies` renumbered copies of every file under `sources` into `folder`/copy-K/."""
    gazetteer = load_gazetteer()
    originals = []
    for path in discover(sources):
        text = path.read_text(encoding="utf-8")
        metadata = parse_resolution(text, gazetteer=gazetteer).metadata
        originals.append((path, text, metadata.session, metadata.number))
    step = 10 ** len(str(max(number for *_, number in originals)))
    if step * (copies + 1) > 10_000:
        # Resolution numbers have at most four digits; the parser rightly refuses more.
        raise ValueError(f"at most {10_000 // step - 1} copies of this corpus stay distinct")
    written: list[Path] = []
    for path, text, session, number in originals:
        for k in range(1, copies + 1):
            renumbered = renumber(text, session, number, number + step * k)
            target = folder / f"copy-{k}" / f"{path.stem}_{k}{path.suffix}"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(renumbered, encoding="utf-8")
            written.append(target)
    return written


def renumber(text: str, session: int, number: int, new_number: int) -> str:
    """Rewrite `A/RES/s/n` everywhere and the `s/n.` title line to the new number."""
    text = re.sub(rf"A/RES/{session}/{number}(?!\d)", f"A/RES/{session}/{new_number}", text)
    return re.sub(
        rf"^(\s*){session}/{number}\.", rf"\g<1>{session}/{new_number}.", text, flags=re.M
    )
