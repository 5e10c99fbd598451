"""Finding files and reading them: what is accepted, and the reason given for what is not."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from app.config import CORPUS_DIR
from app.ingest.sources import SourceError, discover, front_matter_symbol, read_source
from tests.text_corpus import GA_80

REAL_TEXT = (CORPUS_DIR / "mine-action" / "A_RES_68_72.txt").read_text(encoding="utf-8")


def test_discover_recurses_in_order_skipping_hidden_and_other_suffixes(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "deeper").mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    for name in (
        "b/2.txt",
        "a/deeper/1.md",
        "a/0.TXT",
        "a/notes.pdf",
        ".git/x.txt",
        "a/.hidden.md",
    ):
        (tmp_path / name).write_text("x", encoding="utf-8")
    explicit = tmp_path / "a" / "notes.pdf"

    found = discover([tmp_path, explicit, tmp_path / "b" / "2.txt"])

    assert [path.relative_to(tmp_path).as_posix() for path in found] == [
        "a/0.TXT",
        "a/deeper/1.md",
        "b/2.txt",
        "a/notes.pdf",  # named on the command line: taken whatever its suffix
    ]


def test_discover_finds_the_bundled_corpus() -> None:
    found = discover([CORPUS_DIR])
    # The folder walk takes texts only; the XML beside them is not a text.

    assert len(found) == len(list(CORPUS_DIR.rglob("*.txt"))) + len(list(CORPUS_DIR.rglob("*.md")))
    assert CORPUS_DIR / "mine-action" / "A_RES_68_72.txt" in found


def test_utf8_and_utf8_with_bom_read_the_same(tmp_path: Path) -> None:
    plain = tmp_path / "plain.txt"
    plain.write_bytes(REAL_TEXT.encode("utf-8"))
    bom = tmp_path / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbf" + REAL_TEXT.encode("utf-8"))

    first, second = read_source(plain), read_source(bom)

    assert first.text == second.text == REAL_TEXT
    assert first.sha256 == second.sha256 == hashlib.sha256(REAL_TEXT.encode()).hexdigest()
    assert first.path == str(plain)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "file is empty"),
        (b"  \n\t\n", "file is empty"),
        (b"\xef\xbb\xbf\n", "file is empty"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "file is a PDF, not text"),
        ("68/72. Assistance".encode("utf-16"), "file is UTF-16 text; save it as UTF-8"),
        (b"\x7fELF\x02\x01\x01\x00\x00\x00", "file is binary (it contains NUL bytes)"),
        (
            "68/72.\nAssistance in mine action\nR\u00e9affirmant".encode("latin-1"),
            "file is not UTF-8: byte 0xe9 at line 3 cannot be decoded; save it as UTF-8",
        ),
    ],
    ids=["empty", "blank", "bom-only", "pdf", "utf-16", "binary", "latin-1"],
)
def test_refusals_say_why(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)

    with pytest.raises(SourceError) as refused:
        read_source(path)

    assert str(refused.value).startswith(reason)


def test_huge_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(REAL_TEXT.encode("utf-8") * 100)

    with pytest.raises(SourceError, match=r"file is 1\.2 MB, larger than the 1\.0 MB limit"):
        read_source(path, max_bytes=1024 * 1024)


def test_unreadable_file(tmp_path: Path) -> None:
    dangling = tmp_path / "gone.txt"
    dangling.symlink_to(tmp_path / "nowhere.txt")

    with pytest.raises(SourceError, match="cannot read the file: No such file or directory"):
        read_source(dangling)


def test_front_matter_symbol() -> None:
    real = (GA_80 / "A_RES_80_1.md").read_text(encoding="utf-8")

    assert front_matter_symbol(real) == "A/RES/80/1"
    assert front_matter_symbol('---\ntitle: x\nsymbol: "A/RES/54/54  B"\n---\n') == "A/RES/54/54 B"
    assert front_matter_symbol("---\ntitle: x\n---\nsymbol: A/RES/1/1\n") is None
    assert front_matter_symbol(REAL_TEXT) is None
