"""Run the API with uvicorn: one process, or one per core, each with a listening socket of its
own."""

# uvicorn's own `--workers` shares one listening socket among the processes, and each accepts
# every connection waiting when it wakes: the eight keep-alive connections a client (or a
# proxy) opens at once often all land on one process while the other idles, and the server
# then answers at one process's speed (measured: 1,900 instead of 4,200 requests/s on two
# cores). Here each process binds its own socket to the same port with SO_REUSEPORT, and the
# kernel spreads new connections over them evenly. The parent only supervises: it restarts a
# worker that dies and, on SIGTERM or SIGINT, stops them all (each finishes its requests).

from __future__ import annotations

import logging
import multiprocessing
import signal
import socket
import time
from multiprocessing.process import BaseProcess
from typing import Any

from app.config import Settings
from app.logging import configure_logging

APP = "app.main:app"
logger = logging.getLogger("app.server")

# How long stopping workers may take to finish their requests before they are killed.
STOP_SECONDS = 30
# Workers that die sooner than this after starting, this many times in a row, are a server
# that cannot start (a bad setting, a broken install): the supervisor then gives up.
MIN_LIFETIME_SECONDS = 5
MAX_QUICK_DEATHS = 5


def serve(
    *, host: str, port: int, workers: int, reload: bool, app: str = APP, **options: Any
) -> int:
    """Serve the API (or another ASGI `app`, such as the benchmark's baseline) until stopped;
    `options` are uvicorn.Config keyword arguments. The exit status: 0, or 1 when the workers
    could not start."""
    import uvicorn

    if workers <= 1 or reload or port == 0 or not hasattr(socket, "SO_REUSEPORT"):
        uvicorn.run(app, host=host, port=port, workers=workers, reload=reload, **options)
        return 0
    return Supervisor(host, port, workers, options, app).run()


def reuse_port_socket(host: str, port: int) -> socket.socket:
    """A TCP socket bound to host:port that other processes may bind too (SO_REUSEPORT)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    sock.set_inheritable(True)
    return sock


def run_worker(host: str, port: int, options: dict[str, Any], app: str = APP) -> None:
    """One worker process: its own socket, one uvicorn server."""
    import uvicorn

    sock = reuse_port_socket(host, port)
    config = uvicorn.Config(app, host=host, port=port, **options)
    uvicorn.Server(config).run(sockets=[sock])


class Supervisor:
    def __init__(
        self, host: str, port: int, workers: int, options: dict[str, Any], app: str = APP
    ) -> None:
        self.app = app
        self.host = host
        self.port = port
        self.count = workers
        self.options = options
        self.context = multiprocessing.get_context("spawn")
        self.processes: list[tuple[BaseProcess, float]] = []
        self.stopping = False
        self.quick_deaths = 0

    def run(self) -> int:
        settings = Settings()
        configure_logging(settings.log_level, settings.log_format)
        # Fail here, with the usual message, if the port is taken by something else.
        reuse_port_socket(self.host, self.port).close()
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, self._stop)
        self.processes = [self._start() for _ in range(self.count)]
        logger.info(
            "serving on http://%s:%d with %d worker processes (one listening socket each)",
            self.host,
            self.port,
            self.count,
        )
        try:
            while not self.stopping:
                time.sleep(0.5)
                self._replace_dead()
        finally:
            self._stop_all()
        return 1 if self.quick_deaths >= MAX_QUICK_DEATHS else 0

    def _start(self) -> tuple[BaseProcess, float]:
        process = self.context.Process(
            target=run_worker, args=(self.host, self.port, self.options, self.app), daemon=False
        )
        process.start()
        return process, time.monotonic()

    def _replace_dead(self) -> None:
        for index, (process, started) in enumerate(self.processes):
            if process.is_alive() or self.stopping:
                continue
            if time.monotonic() - started < MIN_LIFETIME_SECONDS:
                self.quick_deaths += 1
                if self.quick_deaths >= MAX_QUICK_DEATHS:
                    logger.error(
                        "workers keep stopping as they start (last exit code %s); stopping",
                        process.exitcode,
                    )
                    self.stopping = True
                    return
                time.sleep(1)
            else:
                self.quick_deaths = 0
            logger.warning(
                "worker %s stopped (exit code %s); starting another",
                process.pid,
                process.exitcode,
            )
            self.processes[index] = self._start()

    def _stop(self, _signum: int, _frame: object) -> None:
        self.stopping = True

    def _stop_all(self) -> None:
        for process, _ in self.processes:
            if process.is_alive() and process.pid is not None:
                process.terminate()  # SIGTERM: uvicorn finishes the requests in flight
        deadline = time.monotonic() + STOP_SECONDS
        for process, _ in self.processes:
            process.join(max(0.0, deadline - time.monotonic()))
            if process.is_alive():
                process.kill()
                process.join()
