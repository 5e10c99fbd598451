"""Finding AKN4UN XML in files, folders and zip archives by what the bytes are, not by name."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.sources.akn import AknSource, BadArchive, NotXml, Refused, Skipped, iter_akn, read_akn
from app.sources.akn.files import is_zip, looks_like_akn
from tests.sources.akn.corpus import FAMILY, FILES, ROOT

EXCERPT = FILES / "GA resolutions_74session_English (excerpt).zip"


def test_a_folder_is_searched_recursively_in_name_order() -> None:
    found = list(iter_akn(FAMILY))
    sources = [f for f in found if isinstance(f, AknSource)]
    assert len(sources) == 168
    # Beside the XML: the data extract lines (read by the ingest, not by this reader) and NOTICE.
    extracts = sorted(str(path) for path in (FAMILY / "data_extract").glob("*.json"))
    assert len(extracts) == 7
    assert [f.name for f in found if isinstance(f, Skipped)] == [str(FAMILY / "NOTICE"), *extracts]
    assert [f.name for f in sources] == sorted(f.name for f in sources)
    assert not any(isinstance(f, Refused) for f in found)


def test_a_file_that_is_neither_zip_nor_akn_is_skipped_with_a_reason() -> None:
    skipped = [f for f in iter_akn(FILES) if isinstance(f, Skipped)]
    assert [Path(f.name).name for f in skipped] == ["README.md"]
    assert skipped[0].reason == "neither a zip archive nor AKN4UN XML (no <akomaNtoso>)"


def test_zip_members_are_named_after_their_archive() -> None:
    names = [f.name for f in iter_akn(EXCERPT)]
    assert names == [
        f"{EXCERPT}!English/74_1.xml",
        f"{EXCERPT}!English/74_179.xml",
        f"{EXCERPT}!English/74_296_E.xml",
    ]


def test_detection_is_by_content_not_by_name(tmp_path: Path) -> None:
    shutil.copy(FILES / "A_RES_ES-11_3-2205216E.xml", tmp_path / "resolution.bin")
    shutil.copy(EXCERPT, tmp_path / "session-74.dat")
    shutil.copy(ROOT / "data/corpus/mine-action/A_RES_68_72.txt", tmp_path / "68_72.xml")
    found = {Path(f.name.split("!")[0]).name: f for f in iter_akn(tmp_path)}
    assert isinstance(found["resolution.bin"], AknSource)
    assert isinstance(found["session-74.dat"], AknSource)
    assert isinstance(found["68_72.xml"], Skipped)
    assert len([f for f in iter_akn(tmp_path) if isinstance(f, AknSource)]) == 4
    assert looks_like_akn((FILES / "A_RES_80_8-2518947G.xml").read_bytes())
    assert is_zip(EXCERPT.read_bytes()[:4])


def test_a_file_named_explicitly_is_read_whatever_it_holds() -> None:
    text = ROOT / "data/corpus/mine-action/A_RES_68_72.txt"
    (found,) = iter_akn(text)
    assert isinstance(found, AknSource)
    with pytest.raises(NotXml, match="does not start with '<'"):
        read_akn(found.data)


def test_a_zip_with_a_junk_member_gives_the_good_one_and_refuses_the_junk() -> None:
    archive = FILES / "broken-junk-member.zip"
    good, junk = iter_akn(archive)
    assert isinstance(good, AknSource)
    assert good.name == f"{archive}!English/74_179.xml"
    assert isinstance(junk, Refused)
    assert junk.name == f"{archive}!English/A_RES_68_72.txt"
    assert isinstance(junk.error, BadArchive)
    assert str(junk.error) == (
        "member English/A_RES_68_72.txt of the zip archive is not AKN4UN XML "
        "(no <akomaNtoso> root element)"
    )


def test_a_truncated_zip_is_refused_as_a_whole() -> None:
    archive = FILES / "broken-truncated-archive.zip"
    (refused,) = iter_akn(archive)
    assert isinstance(refused, Refused)
    assert refused.name == str(archive)
    assert str(refused.error) == "not a readable zip archive: File is not a zip file"


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    (refused,) = iter_akn(tmp_path / "gone.xml")
    assert isinstance(refused, Refused)
    assert "cannot read the file: No such file or directory" in str(refused.error)
