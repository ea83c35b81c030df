"""Serve reload benchmark: how long `sotay serve` takes to rebuild after one data file changes.

    .venv/bin/python bench/serve_bench.py 100            # a 100-commune corpus (bench/corpus.py)
    .venv/bin/python bench/serve_bench.py 100 --full     # re-render every page on each reload
    options: --project DIR (an existing project instead of a new corpus), --edits 3

Starts `sotay serve` on the project, waits for the first build, then edits
one duties file (a summary changes) and measures the time from the write to
MkDocs' "Reloading browsers" line (the browser shows the new page) and to
the "chỉ mục đã cập nhật" line (search knows the change; it is re-indexed in
the background after the reload), and the CPU time the serve process used
until the reload (from /proc: a figure less sensitive to a busy machine than
the wall clock; the background indexing may add a little). The first build is
cold; reloads reuse unchanged files' objects and unchanged pages
(generator/run/serve.py).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.corpus import make_corpus  # noqa: E402
from tests.serve_process import ServeProcess  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("communes", type=int, nargs="?", default=100)
    parser.add_argument("--project", type=Path)
    parser.add_argument("--full", action="store_true")
    parser.add_argument("--edits", type=int, default=2)
    args = parser.parse_args(argv)
    root = args.project or make_corpus(args.communes, Path(tempfile.mkdtemp(prefix="sotay-serve-")) / "project")
    (root / "build" / "serve-docs").mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    log = ServeProcess(root, *(["--full"] if args.full else []))
    try:
        first = log.wait_for(r"Serving on", started)
        print(f"first build (cold): {first - started:.1f} s", flush=True)
        target = sorted((root / "data" / "duties").glob("qc-lam-viec-*.yml"))[-1]
        for edit in range(args.edits):
            time.sleep(2)
            text = target.read_text(encoding="utf-8")
            cpu = cpu_seconds(log.process.pid)
            written = time.monotonic()
            target.write_text(text.replace("summary: ", f"summary: (sửa {edit}) ", 1), encoding="utf-8")
            done = log.wait_for(r"Reloading browsers|Serving on", written + 0.001)
            cpu = cpu_seconds(log.process.pid) - cpu
            line = f"reload after editing {target.name}: {done - written:.1f} s ({cpu:.1f} s CPU)"
            if not args.full:
                indexed = log.wait_for(r"chỉ mục đã cập nhật", written + 0.001)
                line += f", search up to date after {indexed - written:.1f} s"
            print(line, flush=True)
        for _, line in log.lines:
            if "Sổ tay" in line or "Tìm kiếm" in line or "Documentation built" in line:
                print("  log:", line)
    finally:
        log.stop()
    return 0


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


if __name__ == "__main__":
    sys.exit(main())
