"""A running `sotay serve` and the lines it logs: shared by tests/test_serve.py and bench/serve_bench.py."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path


class ServeTimeout(Exception):
    pass


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServeProcess:
    """`python -m generator.run.cli serve` in `root`; every stderr line is kept with the time it arrived."""

    def __init__(self, root: Path, *args: str) -> None:
        port = free_port()
        self.root = root
        self.url = f"http://127.0.0.1:{port}/"
        self.lines: list[tuple[float, str]] = []
        self.cond = threading.Condition()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "generator.run.cli", "serve", "-a", f"127.0.0.1:{port}", *args],
            cwd=root, env={**os.environ, "PYTHONPATH": str(root)},
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stderr:
            with self.cond:
                self.lines.append((time.monotonic(), line.rstrip()))
                self.cond.notify_all()

    def wait_for(self, pattern: str, after: float, timeout: float = 3600) -> float:
        """Time at which a line matching `pattern` arrived after `after` (monotonic clock)."""
        deadline = time.monotonic() + timeout
        with self.cond:
            while time.monotonic() < deadline and self.process.poll() is None:
                for stamp, line in self.lines:
                    if stamp >= after and re.search(pattern, line):
                        return stamp
                self.cond.wait(1)
        raise ServeTimeout(f"no {pattern!r} in the serve log:\n" + self.log())

    def line(self, pattern: str, after: float) -> str:
        stamp = self.wait_for(pattern, after)
        return next(line for t, line in self.lines if t == stamp and re.search(pattern, line))

    def log(self) -> str:
        return "\n".join(line for _, line in self.lines)

    def get(self, path: str) -> str:
        with urllib.request.urlopen(self.url + path, timeout=60) as response:
            return response.read().decode("utf-8")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(30)
