"""`python -m app serve --workers N`: a listening socket per worker, connections spread over
them, a worker that dies is replaced, and SIGTERM stops every process."""

from __future__ import annotations

import os
import signal
import socket
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.hardening.processes import LOOPBACK, ApiServer

pytestmark = pytest.mark.skipif(
    not hasattr(socket, "SO_REUSEPORT") or not Path("/proc/net/tcp").exists(),
    reason="SO_REUSEPORT and /proc are Linux's",
)


@pytest.fixture(scope="module")
def server(corpus_databases: object) -> Iterator[ApiServer]:
    url = corpus_databases.url("sqlite")  # type: ignore[attr-defined]
    with ApiServer(url, workers=2) as server:
        _wait_for(lambda: len(_children(server)) == 2 and len(_listeners(server)) == 2)
        yield server


def _wait_for(condition: object, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return
        time.sleep(0.1)
    raise AssertionError("condition not met in time")


def _children(server: ApiServer) -> list[int]:
    """The worker processes (multiprocessing's resource tracker is a child too: left out)."""
    assert server.process is not None
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        if parent == server.process.pid and b"spawn_main" in command:
            found.append(int(entry.name))
    return found


def _socket_inodes(pid: int) -> set[str]:
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    return inodes


def _tcp(server: ApiServer, state: str) -> dict[str, str]:
    """inode -> local address:port of the sockets on the server's port in `state` (hex)."""
    rows = Path("/proc/net/tcp").read_text().splitlines()[1:]
    found = {}
    for row in rows:
        fields = row.split()
        port = int(fields[1].split(":")[1], 16)
        if port == server.port and fields[3] == state:
            found[fields[9]] = fields[1]
    return found


def _listeners(server: ApiServer) -> dict[int, int]:
    """Worker pid -> how many listening sockets on the port it holds."""
    listening = _tcp(server, "0A")
    return {
        pid: count
        for pid in _children(server)
        if (count := len(_socket_inodes(pid) & set(listening)))
    }


def test_each_worker_listens_on_its_own_socket(server: ApiServer) -> None:
    assert sorted(_listeners(server).values()) == [1, 1]


def test_connections_opened_together_reach_both_workers(server: ApiServer) -> None:
    clients = [httpx.Client(base_url=server.base_url) for _ in range(32)]
    try:
        for client in clients:
            assert client.get("/healthz").status_code == 200
        established = _tcp(server, "01")
        held = Counter(
            pid
            for pid in _children(server)
            for inode in _socket_inodes(pid)
            if inode in established
        )
    finally:
        for client in clients:
            client.close()
    # The kernel hashes each connection to a socket: 32 all on one worker has odds of 2**-31.
    assert len(held) == 2, held
    assert sum(held.values()) == 32


def test_a_worker_that_dies_is_replaced(server: ApiServer) -> None:
    victim = _children(server)[0]
    os.kill(victim, signal.SIGKILL)
    _wait_for(lambda: victim not in _children(server) and len(_listeners(server)) == 2)
    for _ in range(20):
        assert httpx.get(server.base_url + "/healthz").status_code == 200
    assert "starting another" in server.log()


def test_sigterm_stops_every_process(corpus_databases: object) -> None:
    url = corpus_databases.url("sqlite")  # type: ignore[attr-defined]
    with ApiServer(url, workers=2) as server:
        _wait_for(lambda: len(_children(server)) == 2)
        workers = _children(server)
        assert server.process is not None
        server.process.send_signal(signal.SIGTERM)
        assert server.process.wait(timeout=40) == 0
    for pid in workers:
        assert not Path(f"/proc/{pid}").exists() or "Z" in Path(f"/proc/{pid}/stat").read_text()
    with socket.socket() as probe:
        probe.bind((LOOPBACK, server.port))  # the port is free again
