"""Serve reload benchmark: how long `sotay serve` takes to rebuild after one data file changes.

    .venv/bin/python bench/serve_bench.py 100            # a 100-commune corpus (bench/corpus.py)
    .venv/bin/python bench/serve_bench.py 100 --full     # re-render every page on each reload
    options: --project DIR (an existing project instead of a new corpus), --edits 3

Starts `sotay serve` on the project, waits for the first build, then edits
one duties file (a summary changes) and measures the time from the write to
MkDocs' "Reloading browsers" line (the browser shows the new page) and to
the "chỉ mục đã cập nhật" line (search knows the change; it is re-indexed in
the background after the reload). The first build is cold; every reload
reuses the in-process parse cache (generator/cache.py).
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.corpus import make_corpus  # noqa: E402

TIMEOUT = 3600


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServeLog:
    def __init__(self, process: subprocess.Popen) -> None:
        self.lines: list[tuple[float, str]] = []
        self.cond = threading.Condition()
        threading.Thread(target=self._read, args=(process,), daemon=True).start()

    def _read(self, process) -> None:
        for raw in process.stderr:
            with self.cond:
                self.lines.append((time.monotonic(), raw.rstrip()))
                self.cond.notify_all()

    def wait_for(self, pattern: str, after: float) -> float:
        deadline = time.monotonic() + TIMEOUT
        with self.cond:
            while time.monotonic() < deadline:
                for stamp, line in self.lines:
                    if stamp >= after and re.search(pattern, line):
                        return stamp
                self.cond.wait(1)
        raise SystemExit(f"no {pattern!r} in the serve log:\n" + "\n".join(l for _, l in self.lines[-30:]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("communes", type=int, nargs="?", default=100)
    parser.add_argument("--project", type=Path)
    parser.add_argument("--full", action="store_true")
    parser.add_argument("--edits", type=int, default=2)
    args = parser.parse_args(argv)
    root = args.project or make_corpus(args.communes, Path(tempfile.mkdtemp(prefix="sotay-serve-")) / "project")
    (root / "build" / "docs").mkdir(parents=True, exist_ok=True)
    cmd = [sys.executable, "-m", "generator.cli", "serve", "-a", f"127.0.0.1:{free_port()}"]
    if args.full:
        cmd.append("--full")
    env = dict(os.environ, PYTHONPATH=str(root))
    started = time.monotonic()
    process = subprocess.Popen(cmd, cwd=root, env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    log = ServeLog(process)
    try:
        first = log.wait_for(r"Serving on", started)
        print(f"first build (cold): {first - started:.1f} s", flush=True)
        target = sorted((root / "data" / "duties").glob("qc-lam-viec-*.yml"))[-1]
        for edit in range(args.edits):
            time.sleep(2)
            text = target.read_text(encoding="utf-8")
            written = time.monotonic()
            target.write_text(text.replace("summary: ", f"summary: (sửa {edit}) ", 1), encoding="utf-8")
            done = log.wait_for(r"Reloading browsers|Serving on", written + 0.001)
            line = f"reload after editing {target.name}: {done - written:.1f} s"
            if not args.full:
                indexed = log.wait_for(r"chỉ mục đã cập nhật", written + 0.001)
                line += f", search up to date after {indexed - written:.1f} s"
            print(line, flush=True)
        for _, line in log.lines:
            if "Sổ tay" in line or "Tìm kiếm" in line or "Documentation built" in line:
                print("  log:", line)
    finally:
        process.terminate()
        process.wait(30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
