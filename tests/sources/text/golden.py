"""Golden cases: a parsed document as plain JSON, to compare with NAME.expected.json."""

# Regenerate after a deliberate change with `REGENERATE_GOLDEN=1 pytest tests/sources/text`, then
# read the diff: every changed line is a change in what users get.

from __future__ import annotations

import dataclasses
import json
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

from app.document.model import ParsedResolution

CASES = Path(__file__).parent / "cases"


def jsonable(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [jsonable(item) for item in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    return value


def render(parsed: ParsedResolution) -> str:
    return json.dumps(jsonable(parsed), indent=2, ensure_ascii=False) + "\n"


def case_files() -> list[Path]:
    return sorted(p for p in CASES.iterdir() if p.suffix in {".txt", ".md"})


def expected_path(case: Path) -> Path:
    return case.with_name(case.stem + ".expected.json")
