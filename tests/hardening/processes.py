"""Real processes for the hardening tests: the API under uvicorn, and a private PostgreSQL
cluster."""

# The cluster (initdb/pg_ctl in a temporary folder, on a free port) is one that a test may stop,
# freeze and restart without disturbing the shared server. Everything listens on 127.0.0.1 only, and
# every process started here is stopped by the same object, by its own pid.

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import httpx

from app.config import PROJECT_ROOT

LOOPBACK = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return int(probe.getsockname()[1])


class ApiServer:
    """`python -m app serve` in a process of its own; its log lines are kept in a file."""

    def __init__(self, database_url: str, *, workers: int = 1, **settings: str) -> None:
        self.port = free_port()
        self.base_url = f"http://{LOOPBACK}:{self.port}"
        self.log_path = Path(tempfile.mkstemp(prefix="api-", suffix=".log")[1])
        self.environment = {
            **os.environ,
            "DATABASE_URL": database_url,
            **{name.upper(): value for name, value in settings.items()},
        }
        self.workers = workers
        self.process: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None

    def __enter__(self) -> ApiServer:
        self._log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "app",
                "serve",
                "--host",
                LOOPBACK,
                "--port",
                str(self.port),
                "--workers",
                str(self.workers),
            ],
            cwd=PROJECT_ROOT,
            env=self.environment,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the API did not start:\n{self.log()}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{self.base_url}/healthz", timeout=1).status_code == 200:
                    return self
            time.sleep(0.1)
        raise RuntimeError(f"the API did not answer in 30 s:\n{self.log()}")

    def __exit__(self, *_: object) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self._log is not None:
            self._log.close()
            self._kept = self.log()
            self.log_path.unlink(missing_ok=True)

    def log(self) -> str:
        """Everything the server wrote so far (or wrote, once stopped)."""
        if not self.log_path.exists():
            return getattr(self, "_kept", "")
        return self.log_path.read_text(errors="replace")


def postgres_binaries() -> Path | None:
    """The folder of initdb and pg_ctl, or None when this machine has none."""
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
    for folder in candidates:
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder
    found = shutil.which("initdb")
    return Path(found).parent if found else None


class PrivateCluster:
    """A PostgreSQL cluster of the test's own on 127.0.0.1:<free port>.

    The server refuses to run as root, so as root the cluster belongs to the `postgres` OS
    user and its commands run through `runuser`. The superuser `postgres` connects without a
    password; `password_user` (with `password`) must give its password (scram-sha-256).
    """

    password_user = "secretive"

    def __init__(self, password: str = "s3cret-Pa55word") -> None:
        binaries = postgres_binaries()
        if binaries is None:
            raise RuntimeError("initdb and pg_ctl are not installed")
        self.bin = binaries
        self.port = free_port()
        self.password = password
        self.folder = Path(tempfile.mkdtemp(prefix="pgcluster-"))
        self.data = self.folder / "data"
        self.as_root = os.geteuid() == 0
        if self.as_root:
            shutil.chown(self.folder, "postgres", "postgres")

    def url(self, database: str = "postgres", *, user: str = "postgres") -> str:
        password = f":{self.password}" if user == self.password_user else ""
        return f"postgresql+psycopg://{user}{password}@{LOOPBACK}:{self.port}/{database}"

    def _run(self, *command: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        prefix = ["runuser", "-u", "postgres", "--"] if self.as_root else []
        return subprocess.run(
            [*prefix, *command], capture_output=True, text=True, check=check, timeout=120
        )

    def __enter__(self) -> PrivateCluster:
        self._run(
            str(self.bin / "initdb"),
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "--auth-local=trust",
            "--auth-host=scram-sha-256",
            "--no-sync",
            "-E",
            "UTF8",
            "--locale=C",
        )
        hba = self.data / "pg_hba.conf"
        # The superuser needs no password from this machine; every other role gives its own.
        trust = f"host all postgres {LOOPBACK}/32 trust\n"
        hba.write_text(trust + hba.read_text())
        with (self.data / "postgresql.conf").open("a") as conf:
            conf.write(
                f"listen_addresses = '{LOOPBACK}'\nport = {self.port}\n"
                f"unix_socket_directories = '{self.folder}'\nfsync = off\n"
                "max_connections = 100\n"
            )
        self.start()
        self.sql(
            f"CREATE ROLE {self.password_user} LOGIN SUPERUSER PASSWORD '{self.password}'",
        )
        return self

    def __exit__(self, *_: object) -> None:
        self.resume()
        self._run(
            str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop", check=False
        )
        shutil.rmtree(self.folder, ignore_errors=True)

    def start(self) -> None:
        self._run(
            str(self.bin / "pg_ctl"),
            "-D",
            str(self.data),
            "-l",
            str(self.folder / "log"),
            "-w",
            "start",
        )

    def stop(self, mode: str = "fast") -> None:
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")

    def pids(self) -> list[int]:
        """The postmaster and its children (backends, checkpointer, ...)."""
        pid_file = self.data / "postmaster.pid"
        if not pid_file.exists():
            return []
        postmaster = int(pid_file.read_text().splitlines()[0])
        children = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            with contextlib.suppress(OSError, ValueError, IndexError):
                # "pid (name) state ppid ...": the name may hold spaces, so split after it.
                fields = stat.read_text().rpartition(")")[2].split()
                if int(fields[1]) == postmaster:
                    children.append(int(stat.parent.name))
        return [postmaster, *children]

    def freeze(self) -> None:
        """SIGSTOP every process of the cluster: connections stay open and nothing answers."""
        self._frozen = self.pids()
        for pid in self._frozen:
            os.kill(pid, signal.SIGSTOP)

    def resume(self) -> None:
        for pid in getattr(self, "_frozen", []):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGCONT)
        self._frozen = []

    def sql(self, statement: str, database: str = "postgres") -> str:
        result = self._run(
            str(self.bin / "psql"),
            "-h",
            LOOPBACK,
            "-p",
            str(self.port),
            "-U",
            "postgres",
            "-d",
            database,
            "-v",
            "ON_ERROR_STOP=1",
            "-Atc",
            statement,
        )
        return result.stdout.strip()


@contextlib.contextmanager
def private_cluster() -> Iterator[PrivateCluster]:
    with PrivateCluster() as cluster:
        yield cluster
