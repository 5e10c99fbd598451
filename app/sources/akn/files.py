"""Find AKN4UN XML in a file, a folder (searched recursively) or a zip archive, by content."""

# The UN repository keeps session 74 as one zip per language (`English/74_1.xml`, ...) and
# later sessions as folders of XML files; names vary, so a file is taken for what its bytes
# are: a zip archive (its magic number) or Akoma Ntoso XML (an `akomaNtoso` root element).

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from app.sources.akn.errors import AknError, BadArchive

MAX_XML_BYTES = 32 * 1024 * 1024  # the largest resolution in the UN repository is 0.4 MB
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_SNIFF = 4096
# The root element, after a declaration or comments: <akomaNtoso or <akn:akomaNtoso.
_AKN_ROOT = re.compile(rb"<(?:[\w.-]+:)?akomaNtoso[\s>/]")


@dataclass(frozen=True, slots=True)
class AknSource:
    """One XML document to read: `name` is its path, or `archive.zip!member` inside a zip."""

    name: str
    data: bytes


@dataclass(frozen=True, slots=True)
class Refused:
    """An input that should have held AKN4UN XML and does not (a zip's junk, a broken zip)."""

    name: str
    error: AknError


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file found in a folder that is neither a zip nor AKN XML (a README, a JSON extract)."""

    name: str
    reason: str


Found = AknSource | Refused | Skipped


def is_zip(head: bytes) -> bool:
    return head.startswith(_ZIP_MAGIC)


def looks_like_akn(head: bytes) -> bool:
    """Whether the first bytes of a file open an Akoma Ntoso document (in UTF-8 or ASCII)."""
    return _AKN_ROOT.search(head[:_SNIFF].lstrip(b"\xef\xbb\xbf")) is not None


def iter_akn(path: Path) -> Iterator[Found]:
    """Every AKN4UN document under `path`, in name order, with what was skipped or refused.

    A file named explicitly is read whatever it holds (the reader then says what is wrong
    with it); in a folder, files that are neither zips nor AKN XML are skipped with a reason.
    """
    if path.is_dir():
        files = (
            p
            for p in path.rglob("*")
            # Hidden entries (a clone's .git) are no one's documents.
            if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
        )
        for file in sorted(files):
            yield from _file(file, explicit=False)
    else:
        yield from _file(path, explicit=True)


def _file(path: Path, *, explicit: bool) -> Iterator[Found]:
    name = str(path)
    try:
        with path.open("rb") as handle:
            head = handle.read(_SNIFF)
            if is_zip(head):
                handle.seek(0)
                yield from _archive(path)
                return
            if not explicit and not looks_like_akn(head):
                yield Skipped(name, "neither a zip archive nor AKN4UN XML (no <akomaNtoso>)")
                return
            if path.stat().st_size > MAX_XML_BYTES:
                yield Refused(name, BadArchive(_too_large(path.stat().st_size)))
                return
            yield AknSource(name, head + handle.read())
    except OSError as exc:
        yield Refused(name, BadArchive(f"cannot read the file: {exc.strerror or exc}"))


def _archive(path: Path) -> Iterator[Found]:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        yield Refused(str(path), BadArchive(f"not a readable zip archive: {exc}"))
        return
    with archive:
        members = [info for info in archive.infolist() if not info.is_dir()]
        if not members:
            yield Refused(str(path), BadArchive("the zip archive holds no files"))
        for info in members:
            name = f"{path}!{info.filename}"
            if info.flag_bits & 0x1:
                yield Refused(name, BadArchive(f"member {info.filename} is encrypted"))
                continue
            if info.file_size > MAX_XML_BYTES:
                yield Refused(
                    name, BadArchive(f"member {info.filename}: {_too_large(info.file_size)}")
                )
                continue
            try:
                with archive.open(info) as member:
                    data = member.read(MAX_XML_BYTES + 1)
            except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
                yield Refused(name, BadArchive(f"member {info.filename} cannot be unpacked: {exc}"))
                continue
            if len(data) > MAX_XML_BYTES:
                yield Refused(name, BadArchive(f"member {info.filename}: {_too_large(len(data))}"))
            elif not data.strip():
                yield Refused(
                    name, BadArchive(f"member {info.filename} of the zip archive is empty")
                )
            elif not looks_like_akn(data):
                yield Refused(
                    name,
                    BadArchive(
                        f"member {info.filename} of the zip archive is not AKN4UN XML "
                        "(no <akomaNtoso> root element)"
                    ),
                )
            else:
                yield AknSource(name, data)


def _too_large(size: int) -> str:
    return f"{size:,} bytes; an AKN4UN resolution is far smaller (limit {MAX_XML_BYTES:,})"
