"""Build benchmark of the default handbook (content/ + data/ of this repository).

    .venv/bin/python bench/build_bench.py            # 3 builds, medians
    .venv/bin/python bench/build_bench.py --runs 5 --json out.json

Each run builds a fresh copy of the project in a temporary folder with
`sotay build` (cold: no build/ cache), then once more with nothing changed
(warm: parse cache and unchanged pages). Printed: wall and CPU seconds, peak
RSS, site size, HTML pages, Pagefind index size and zip size; the median of
the runs. The machine may be shared: CPU seconds are the steadier figure.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.corpus import make_corpus  # noqa: E402
from bench.scale_bench import folder_bytes, sotay  # noqa: E402


def one_run(base: Path, index: int) -> dict:
    root = make_corpus(0, base / f"run-{index}")  # 0 communes: the default handbook as it is
    cold = sotay(root, "build")
    warm = sotay(root, "build")
    site = (root / "site").resolve()
    row = {
        "cold_wall_s": cold["wall_s"], "cold_cpu_s": cold["cpu_s"], "peak_rss_mb": cold["peak_rss_mb"],
        "warm_wall_s": warm["wall_s"], "warm_cpu_s": warm["cpu_s"],
        "site_mb": round(folder_bytes(site) / 1e6, 2),
        "html_pages": len(list(site.rglob("*.html"))),
        "index_mb": round(folder_bytes(site / "pagefind") / 1e6, 2),
        "zip_mb": round((root / "dist" / "sotay-offline.zip").stat().st_size / 1e6, 2),
    }
    shutil.rmtree(root, ignore_errors=True)
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    base = Path(tempfile.mkdtemp(prefix="sotay-build-bench-"))
    try:
        runs = []
        for index in range(args.runs):
            runs.append(one_run(base, index))
            print(json.dumps(runs[-1]), flush=True)
    finally:
        shutil.rmtree(base, ignore_errors=True)
    median = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
    print(f"default handbook, median of {args.runs} builds:")
    for key, value in median.items():
        print(f"  {key:<14} {value}")
    if args.json:
        args.json.write_text(json.dumps({"runs": runs, "median": median}, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
