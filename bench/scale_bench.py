"""Scale benchmark: build synthetic handbooks of N communes and print what it costs.

    .venv/bin/python bench/scale_bench.py                 # N = 10 100
    .venv/bin/python bench/scale_bench.py 10 100 1000     # the full table (1000 takes a while)
    options: --keep DIR (keep the projects there), --json out.json, --no-mkdocs-alone,
             --incremental (also: rebuild after touching one data file, warm cache)

For each N, in a temporary folder: `bench/corpus.py` writes the project, then
`sotay build` runs as a child process under /usr/bin/time -v. Printed:

- wall and CPU time of the whole build (validation, page generation, MkDocs +
  Material, Pagefind, zip), peak RSS of the largest process (the build itself;
  Pagefind is a child and counted separately when larger);
- output: site size, number of HTML pages, Pagefind index size (pagefind/,
  as served), zip size;
- MkDocs + Material alone on the same generated Markdown (build/docs, a copy
  of mkdocs.yml without our hooks, the same nav left to MkDocs), and the
  ratio build / MkDocs-alone: what the generator, Pagefind and the zip add.

The machine is shared: CPU seconds (user + sys) are steadier than wall time.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.corpus import make_corpus  # noqa: E402


def timed(cmd: list[str], cwd: Path, env: dict | None = None) -> dict:
    """Run `cmd` under /usr/bin/time -v; wall, cpu and peak RSS (largest process)."""
    started = time.monotonic()
    done = subprocess.run(["/usr/bin/time", "-v", *cmd], cwd=cwd, env=env, capture_output=True, text=True)
    wall = time.monotonic() - started
    if done.returncode != 0:
        sys.stderr.write(done.stdout[-3000:] + done.stderr[-3000:])
        raise SystemExit(f"failed: {' '.join(cmd)} (exit {done.returncode})")
    stats = dict(re.findall(r"^\s*([^:\n]+):\s*(.+)$", done.stderr, re.MULTILINE))
    return {
        "wall_s": round(wall, 2),
        "cpu_s": round(float(stats["User time (seconds)"]) + float(stats["System time (seconds)"]), 2),
        "peak_rss_mb": round(int(stats["Maximum resident set size (kbytes)"]) / 1024, 1),
    }


def build_env(root: Path) -> dict:
    return dict(os.environ, PYTHONPATH=str(root), SOURCE_DATE_EPOCH="1767225600")


def sotay(root: Path, *args: str) -> dict:
    return timed([sys.executable, "-m", "generator.run.cli", *args], root, build_env(root))


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def mkdocs_alone(root: Path) -> dict:
    """Plain `mkdocs build` of the generated Markdown: no hooks, no Pagefind, no zip."""
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"^hooks:\n(  - .*\n)+", "", config, flags=re.MULTILINE)
    plain = root / "mkdocs-plain.yml"
    plain.write_text(config, encoding="utf-8")
    out = root / "build" / "plain-site"
    figures = timed([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(plain), "-d", str(out)], root, build_env(root))
    shutil.rmtree(out, ignore_errors=True)
    return figures


def touch_one_data_file(root: Path) -> Path:
    path = sorted((root / "data" / "duties").glob("qc-lam-viec-*.yml"))[0]
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("summary: ", "summary: (sửa) ", 1), encoding="utf-8")
    return path


def measure(n: int, base: Path, alone: bool, incremental: bool) -> dict:
    root = make_corpus(n, base / f"corpus-{n}")
    documents = len(list((root / "content" / "documents").glob("*.md")))
    data_files = len(list((root / "data").rglob("*.yml")))
    row = {"n": n, "documents": documents, "data_files": data_files}
    row["build"] = sotay(root, "build")
    site = (root / "site").resolve()
    row["site_mb"] = round(folder_bytes(site) / 1e6, 1)
    row["html_pages"] = len(list(site.rglob("*.html")))
    row["index_mb"] = round(folder_bytes(site / "pagefind") / 1e6, 2)
    row["zip_mb"] = round((root / "dist" / "sotay-offline.zip").stat().st_size / 1e6, 1)
    if incremental:
        row["rebuild_unchanged"] = sotay(root, "build")
        touch_one_data_file(root)
        row["rebuild_one_file"] = sotay(root, "build")
        row["check_warm"] = sotay(root, "check")
    if alone:
        row["mkdocs_alone"] = mkdocs_alone(root)
        row["ratio"] = round(row["build"]["wall_s"] / row["mkdocs_alone"]["wall_s"], 2)
        row["ratio_cpu"] = round(row["build"]["cpu_s"] / row["mkdocs_alone"]["cpu_s"], 2)
    return row


def print_table(rows: list[dict]) -> None:
    head = f"{'N':>5} {'docs':>5} {'wall s':>8} {'cpu s':>8} {'peak MB':>8} {'site MB':>8} {'pages':>6} {'index MB':>9} {'zip MB':>7} {'mkdocs s':>9} {'ratio':>6}"
    print(head)
    for r in rows:
        b, m = r["build"], r.get("mkdocs_alone", {})
        print(f"{r['n']:>5} {r['documents']:>5} {b['wall_s']:>8} {b['cpu_s']:>8} {b['peak_rss_mb']:>8} {r['site_mb']:>8} "
              f"{r['html_pages']:>6} {r['index_mb']:>9} {r['zip_mb']:>7} {m.get('wall_s', '-'):>9} {r.get('ratio', '-'):>6}")
    for r in rows:
        for key in ("rebuild_unchanged", "rebuild_one_file", "check_warm"):
            if key in r:
                print(f"N={r['n']} {key}: wall {r[key]['wall_s']} s, cpu {r[key]['cpu_s']} s, peak {r[key]['peak_rss_mb']} MB")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="*", type=int, default=[10, 100])
    parser.add_argument("--keep", type=Path, help="keep the generated projects in this folder")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    parser.add_argument("--no-mkdocs-alone", action="store_true")
    parser.add_argument("--incremental", action="store_true")
    args = parser.parse_args(argv)
    base = args.keep or Path(tempfile.mkdtemp(prefix="sotay-scale-"))
    base.mkdir(parents=True, exist_ok=True)
    rows = []
    try:
        for n in args.sizes:
            rows.append(measure(n, base, not args.no_mkdocs_alone, args.incremental))
            print(json.dumps(rows[-1], ensure_ascii=False), flush=True)
            if not args.keep:
                shutil.rmtree(base / f"corpus-{n}", ignore_errors=True)
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
    print_table(rows)
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
