"""Pairs of texts and official XML, found by symbol, parsed, read and compared."""

from __future__ import annotations

import re
import statistics
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from app.document.errors import ParseError
from app.sources.text import parse_resolutions
from bench.fidelity.compare import Comparison, Totals, compare, outline_of
from bench.fidelity.official import official_files, read_official

# The identification block opens every AKN4UN file: the work's URI and the language sit there.
_HEAD = 6_000
_WORK = re.compile(rb'FRBRuri value="/akn/un/[^"]*?/(\d+)-(\d+)[A-Z-]*/"')
_ENGLISH = b'FRBRlanguage language="eng"'


@dataclass(frozen=True, slots=True)
class Pair:
    text: Path
    comparison: Comparison
    parse_ms: float


@dataclass(slots=True)
class Report:
    pairs: list[Pair] = field(default_factory=list)
    without_xml: list[Path] = field(default_factory=list)
    refused: list[tuple[Path, str]] = field(default_factory=list)
    totals: Totals = field(default_factory=Totals)

    @property
    def parse_ms(self) -> float:
        return statistics.median(p.parse_ms for p in self.pairs) if self.pairs else 0.0


def index_official(folders: Iterable[Path]) -> dict[tuple[int, int], bytes]:
    """The English XML of every resolution under `folders`, by (session, number)."""
    found: dict[tuple[int, int], bytes] = {}
    for folder in folders:
        for _name, data in official_files(folder):
            head = data[:_HEAD]
            match = _WORK.search(head)
            if match and _ENGLISH in head:
                found.setdefault((int(match.group(1)), int(match.group(2))), data)
    return found


def text_files(paths: Iterable[Path]) -> list[Path]:
    """The .txt and .md files named or under the folders named (READMEs left out)."""
    files: list[Path] = []
    for path in paths:
        candidates = sorted(path.rglob("*")) if path.is_dir() else [path]
        files.extend(
            p
            for p in candidates
            if p.is_file() and p.suffix in {".txt", ".md"} and p.stem.lower() != "readme"
        )
    return files


def measure(texts: Iterable[Path], official: dict[tuple[int, int], bytes]) -> Report:
    report = Report()
    for path in texts:
        try:
            pairs = measure_one(path, official)
        except ParseError as exc:
            report.refused.append((path, f"{type(exc).__name__}: {exc}"))
            continue
        if not pairs:
            report.without_xml.append(path)
        for pair in pairs:
            report.pairs.append(pair)
            report.totals.add(pair.comparison)
    return report


def measure_one(path: Path, official: dict[tuple[int, int], bytes]) -> list[Pair]:
    """The comparison of one text (of each of its parts) with its official XML; none when
    there is no XML for it.

    A text the parser refuses raises its ParseError: partial excerpts are rightly refused, so
    a refusal is reported apart rather than scored against the whole official text.
    """
    text = path.read_text(encoding="utf-8-sig")
    started = time.perf_counter()
    parsed = parse_resolutions(text)
    elapsed = (time.perf_counter() - started) * 1000 / len(parsed)
    gots = [outline_of(p) for p in parsed]
    key = _key(gots[0].symbol)
    if key is None or key not in official:
        return []
    wants = read_official(official[key])
    pairs = []
    for got in gots:
        want = next((w for w in wants if w.symbol == got.symbol), None)
        if want is None and len(gots) == 1 and wants:
            want = wants[0]
        if want is not None:
            pairs.append(Pair(path, compare(got, want), elapsed))
    return pairs


def _key(symbol: str) -> tuple[int, int] | None:
    match = re.search(r"/(\d+)/(\d+)", symbol)
    return (int(match.group(1)), int(match.group(2))) if match else None
