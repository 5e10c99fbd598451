"""What a run reads, found by content: resolution texts, AKN4UN XML, zip archives of either,
and the UN's data extracts (JSON Lines of votes and sponsors, read before any document)."""

# A folder is walked recursively in name order, hidden entries skipped, and so are files that
# are plainly documentation (README*, LICENSE*). A zip's members are listed at discovery and read
# one at a time when their turn comes; each is an input of its own (`archive.zip:English/74_1.xml`).
# What is stored as a version's file is its path relative to the path the run was given
# (`75session/French/A_RES_75_85_F.xml`, `74session/archive.zip/English/74_1.xml`), never where
# the ingesting machine keeps it.

from __future__ import annotations

import hashlib
import os
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from app.document.errors import ParseError
from app.document.model import OfficialRecord
from app.ingest.errors import FileFailed
from app.ingest.sources import (
    SUFFIXES,
    SourceError,
    SourceText,
    decode,
    front_matter_symbol,
    megabytes,
)
from app.sources.akn.files import is_zip, looks_like_akn
from app.sources.data_extract import is_data_extract, read_data_extract

_SNIFF = 4096
_BOM = b"\xef\xbb\xbf"
# Documentation beside the data in a folder (the UN repository's README.md): not resolutions.
_DOCUMENTATION = ("readme", "license", "licence")


@dataclass(frozen=True, slots=True)
class Input:
    """One document to read: a file, or a member of a zip archive; `root` is the folder the
    run was given that holds it (none for a file named directly)."""

    path: Path
    member: str | None = None
    root: Path | None = None

    @property
    def name(self) -> str:
        """As the operator named it, for the report."""
        return f"{self.path}:{self.member}" if self.member is not None else str(self.path)

    @property
    def file(self) -> str:
        """What is stored as the version's file: the path below `root` (the file's own name
        when named directly), then `/member` for a member of a zip archive."""
        if self.root is None:
            relative = self.path.name
        else:
            relative = PurePath(os.path.relpath(self.path, self.root)).as_posix()
        return f"{relative}/{self.member}" if self.member is not None else relative


@dataclass(frozen=True, slots=True)
class XmlSource:
    """An XML document as read (bytes: the XML declares its own encoding)."""

    path: str  # Input.file: relative to the path the run was given
    data: bytes
    sha256: str


Source = SourceText | XmlSource


@dataclass
class Inputs:
    """A run's inputs: documents in order, the data extracts, and what could not be listed."""

    documents: list[Input] = field(default_factory=list)
    extracts: list[Path] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (name, reason)


def discover_inputs(paths: Iterable[Path]) -> Inputs:
    """Files named directly (whatever they hold) and what the folders hold, each file once."""
    inputs = Inputs()
    seen: set[Path] = set()
    for path in paths:
        if not path.is_dir():
            _add(inputs, seen, path, explicit=True)
            continue
        for folder, subfolders, files in os.walk(path):
            subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
            for name in sorted(files):
                if name.startswith(".") or name.lower().startswith(_DOCUMENTATION):
                    continue
                _add(inputs, seen, Path(folder) / name, explicit=False, root=path)
    return inputs


def _add(
    inputs: Inputs, seen: set[Path], path: Path, *, explicit: bool, root: Path | None = None
) -> None:
    identity = Path(os.path.abspath(path))
    if identity in seen:
        return
    seen.add(identity)
    try:
        with path.open("rb") as handle:
            head = handle.read(_SNIFF)
    except OSError:
        # Reading it again says why, as the file's own failure.
        inputs.documents.append(Input(path, root=root))
        return
    if is_zip(head):
        _add_archive(inputs, path, root)
    elif is_data_extract(head):
        inputs.extracts.append(path)
    elif explicit or looks_like_akn(head) or path.suffix.lower() in SUFFIXES:
        inputs.documents.append(Input(path, root=root))


def _add_archive(inputs: Inputs, path: Path, root: Path | None) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            members = [info.filename for info in archive.infolist() if not info.is_dir()]
    except (zipfile.BadZipFile, OSError) as exc:
        inputs.refused.append((str(path), f"not a readable zip archive: {exc}"))
        return
    if not members:
        inputs.refused.append((str(path), "the zip archive holds no files"))
    inputs.documents.extend(Input(path, member, root) for member in sorted(members))


def read_input(item: Input, *, max_bytes: int) -> Source:
    """The document's bytes as XML or text; raises FileFailed with the reason."""
    raw = _read_bytes(item, max_bytes)
    body = raw.removeprefix(_BOM).lstrip()
    # Anything that opens like markup goes to the XML reader, which says what is wrong with
    # it (not Akoma Ntoso, truncated) better than the text parser would.
    if looks_like_akn(raw) or body.startswith(b"<"):
        return XmlSource(item.file, raw, hashlib.sha256(raw).hexdigest())
    try:
        text = decode(raw)
    except SourceError as exc:
        raise FileFailed(str(exc)) from None
    return SourceText(
        path=item.file,
        text=text,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        front_matter_symbol=front_matter_symbol(text),
    )


def _read_bytes(item: Input, max_bytes: int) -> bytes:
    limit = f"the {megabytes(max_bytes)} limit for one resolution"
    if item.member is None:
        try:
            size = item.path.stat().st_size
            if size > max_bytes:
                raise FileFailed(f"file is {megabytes(size)}, larger than {limit}")
            with item.path.open("rb") as handle:
                raw = handle.read(max_bytes + 1)
        except OSError as exc:
            raise FileFailed(f"cannot read the file: {exc.strerror or exc}") from None
    else:
        try:
            with zipfile.ZipFile(item.path) as archive:
                info = archive.getinfo(item.member)
                if info.flag_bits & 0x1:
                    raise FileFailed(f"member {item.member} is encrypted")
                if info.file_size > max_bytes:
                    raise FileFailed(f"member is {megabytes(info.file_size)}, larger than {limit}")
                with archive.open(info) as member:
                    raw = member.read(max_bytes + 1)
        except (zipfile.BadZipFile, OSError, EOFError, KeyError, ValueError) as exc:
            raise FileFailed(f"member {item.member} cannot be unpacked: {exc}") from None
    if len(raw) > max_bytes:
        raise FileFailed(f"larger than {limit}")
    return raw


def read_extracts(paths: Iterable[Path]) -> tuple[dict[str, OfficialRecord], list[tuple[str, str]]]:
    """Every extract's records by symbol (later files win), and the extracts refused."""
    records: dict[str, OfficialRecord] = {}
    refused: list[tuple[str, str]] = []
    for path in paths:
        try:
            records.update(read_data_extract(path.read_bytes()))
        except OSError as exc:
            refused.append((str(path), f"cannot read the file: {exc.strerror or exc}"))
        except ParseError as exc:
            refused.append((str(path), f"not a readable data extract: {exc}"))
    return records, refused


def extract_for(records: Mapping[str, OfficialRecord], symbol: str) -> OfficialRecord | None:
    return records.get(" ".join(symbol.split()))
