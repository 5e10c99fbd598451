"""How the project is installed and deployed: the make targets, the compose file, the image."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from app.config import PROJECT_ROOT
from tests.databases import IN_CI


def test_compose_file_is_valid() -> None:
    binary = shutil.which("docker-compose")
    if binary is None:
        if IN_CI:
            pytest.fail("docker-compose is not installed; .ci/run installs it", pytrace=False)
        pytest.skip("docker-compose is not installed (apt-get install docker-compose)")
    result = subprocess.run(
        [binary, "-f", str(PROJECT_ROOT / "docker-compose.yml"), "config", "--services"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    # db-replica is in the `replica` profile; this docker-compose lists it anyway.
    assert set(result.stdout.split()) - {"db-replica"} == {"db", "migrate", "api"}
    assert "DATABASE_READ_URL" in (PROJECT_ROOT / "docker-compose.yml").read_text()


def test_dockerfile_runs_uvicorn_as_non_root() -> None:
    lines = (PROJECT_ROOT / "Dockerfile").read_text().splitlines()
    instructions = [line.split(maxsplit=1) for line in lines if line and not line[0].isspace()]
    users = [rest for word, *rest in instructions if word == "USER"]
    assert users, "the image must switch to a non-root user"
    assert users[-1] != ["root"]
    cmd = next(rest[0] for word, *rest in reversed(instructions) if word == "CMD")
    assert '"uvicorn", "app.main:app"' in cmd


def _make_dry_run(target: str, tmp_path: Path) -> list[str]:
    """The pip commands `make TARGET` would run on a fresh clone (a virtual environment not
    made yet), without running them."""
    done = subprocess.run(
        ["make", "-n", target, f"VENV={tmp_path / 'venv'}"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return [line for line in done.stdout.splitlines() if "pip install" in line]


def test_make_run_installs_the_runtime_dependencies_only(tmp_path: Path) -> None:
    installs = _make_dry_run("run", tmp_path)
    assert any(line.endswith("install --quiet -e .") for line in installs), installs
    assert not any("[dev]" in line for line in installs), installs


def test_make_test_installs_the_dev_tools_too(tmp_path: Path) -> None:
    installs = _make_dry_run("test", tmp_path)
    assert any("'.[dev]'" in line for line in installs), installs
