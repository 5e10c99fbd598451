"""Where the reader's tests find their real files: the bundled family and a few extras."""

from __future__ import annotations

from pathlib import Path

from app.document.model import ParsedResolution
from app.reference import load_gazetteer
from app.sources.akn import read_akn

ROOT = Path(__file__).resolve().parents[3]
FAMILY = ROOT / "data" / "corpus" / "akn-mine-family"
FILES = Path(__file__).resolve().parent / "files"
LANGUAGES = {
    "Arabic": "ar",
    "Chinese": "zh",
    "English": "en",
    "French": "fr",
    "Russian": "ru",
    "Spanish": "es",
}


def family_file(session: int, number: int, language: str = "English") -> Path:
    """The bundled file of resolution session/number in `language` (a folder name)."""
    folder = FAMILY / f"{session}session" / language
    matches = [
        p
        for p in folder.iterdir()
        if p.name.startswith((f"A_RES_{session}_{number}-", f"{session}_{number}_"))
        or p.name == f"{session}_{number}.xml"
    ]
    assert len(matches) == 1, f"{session}/{number} {language}: {matches}"
    return matches[0]


def read_file(path: Path) -> tuple[ParsedResolution, ...]:
    return read_akn(path.read_bytes(), gazetteer=load_gazetteer())


def read_one(path: Path) -> ParsedResolution:
    (resolution,) = read_file(path)
    return resolution
