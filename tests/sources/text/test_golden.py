"""One golden test per case in tests/sources/text/cases: the whole parsed document, pinned."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from app.reference import load_gazetteer
from app.sources.text import parse_resolution
from tests.sources.text.golden import case_files, expected_path, render


@pytest.mark.parametrize("case", case_files(), ids=lambda p: p.stem)
def test_golden(case: Path) -> None:
    parsed = parse_resolution(case.read_text(encoding="utf-8"), gazetteer=load_gazetteer())
    actual = render(parsed)
    expected_file = expected_path(case)
    if os.environ.get("REGENERATE_GOLDEN") == "1":
        expected_file.write_text(actual, encoding="utf-8")
    assert expected_file.exists(), f"no {expected_file.name}; run with REGENERATE_GOLDEN=1"
    assert json.loads(actual) == json.loads(expected_file.read_text(encoding="utf-8"))
