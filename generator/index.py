"""Index stage: Pagefind over the written site, plus the file:// copy of its bundle.

`index_site(site_dir)` runs the Pagefind binary shipped in the pinned
`pagefind-bin` wheel over every HTML page that has a `data-pagefind-body`
element, writing `site_dir/pagefind/`. It then re-emits every file the search
needs as a classic script under `site_dir/pagefind-file/<path>.js`:

    (self.__pfFiles=self.__pfFiles||{})["index/vi_1a2b3c.pf_index"]="<base64>";

Chromium opened from file:// refuses fetch(), import() and Worker() of local
files but runs <script src>, so `assets/sotay/search-file.js` loads these
scripts one by one, when Pagefind asks for the file, and answers Pagefind's
fetch() with the bytes. Pagefind's chunked loading is kept: a query only loads
the index chunks and fragments it needs.

We rely on Pagefind internals that a new version may change (file names, the
`noWorker`/`basePath` options of `createInstance`, the fetch() of every file);
`check_bundle` fails the build when they do, and tests/test_index.py pins it.
"""

from __future__ import annotations

import base64
import json
import logging
import os
import shutil
import subprocess
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .errors import BuildError

log = logging.getLogger(__name__)

PAGEFIND_VERSION = "1.5.2"
BUNDLE_DIR = "pagefind"
FILE_SCRIPTS_DIR = "pagefind-file"

# Files of the Pagefind bundle our client uses; the rest (Pagefind's UI, and
# pagefind-worker.js: search.js runs Pagefind on the main thread) is removed.
_RUNTIME_FILES = ("pagefind.js", "pagefind-entry.json")
_RUNTIME_SUFFIXES = (".pagefind", ".pf_meta", ".pf_index", ".pf_fragment", ".pf_filter")
# Size of a word-index chunk, in Pagefind's unit (one per page a word is on,
# plus one per location). Pagefind's default, 20000, made two chunks of
# ~130 KB for the handbook and a query loaded both; at 100 (about 60 chunks,
# frequent words like "đảng" alone in theirs) a query loads only the chunks of
# its words: 28 KB of index median (bench/search_bench.py, served; whole
# query 173 KB at 100, 185 KB at 300, 224 KB at 1500 on the same pages).
# Pagefind 1.5 reads it from an environment variable only (no CLI flag):
# PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE.
INDEX_CHUNK_SIZE = 100
# Strings in pagefind.js that search-file.js depends on (see check_bundle).
_PAGEFIND_JS_CONTRACT = (
    "createInstance",
    "noWorker",
    "${this.basePath}pagefind-entry.json",
    "${this.basePath}index/${hash}.pf_index",
    "${this.basePath}fragment/${hash}.pf_fragment",
    "${this.basePath}filter/${hash}.pf_filter",
    "${this.basePath}pagefind.${index}.pf_meta",
    "${this.basePath}wasm.${language}.pagefind",
    "anchors",
)


@dataclass(frozen=True)
class IndexReport:
    pages: int
    index_bytes: int  # pagefind/ as served (runtime files only)
    file_script_bytes: int  # pagefind-file/ (the file:// copy)


@dataclass(frozen=True)
class AliasSource:
    """One role or body: its names and the abbreviations people type for it."""

    name: str
    short: str | None
    aliases: tuple[str, ...]


def index_site(site_dir: Path, *, file_scripts: bool = True) -> IndexReport:
    """Index `site_dir` with Pagefind and write the file:// scripts; return sizes."""
    site_dir = Path(site_dir)
    bundle = site_dir / BUNDLE_DIR
    for derived in (bundle, site_dir / FILE_SCRIPTS_DIR):  # no stale chunks from an earlier run
        shutil.rmtree(derived, ignore_errors=True)
    pages = run_pagefind(site_dir, bundle)
    prune_ui_files(bundle)
    check_bundle(bundle)
    script_bytes = write_file_scripts(bundle, site_dir / FILE_SCRIPTS_DIR) if file_scripts else 0
    report = IndexReport(pages, _size(bundle), script_bytes)
    log.info(
        "Tìm kiếm: %d trang, chỉ mục %d KB, bản file:// %d KB",
        report.pages,
        report.index_bytes // 1024,
        report.file_script_bytes // 1024,
    )
    return report


def pagefind_executable() -> Path:
    try:
        import pagefind_bin
    except ImportError as exc:  # pragma: no cover - dependency of the project
        raise BuildError(f"Thiếu gói pagefind-bin=={PAGEFIND_VERSION} (pip install -e .)") from exc
    return Path(pagefind_bin.get_executable())


def run_pagefind(site_dir: Path, bundle: Path) -> int:
    """Run the Pagefind CLI; return the number of pages it indexed."""
    exe = pagefind_executable()
    version = subprocess.run([str(exe), "--version"], capture_output=True, text=True).stdout.split()
    if version[-1:] != [PAGEFIND_VERSION]:
        raise BuildError(f"Cần Pagefind {PAGEFIND_VERSION}, đang có {' '.join(version) or '?'}")
    cmd = [
        str(exe),
        "--site", str(site_dir),
        "--output-path", str(bundle),
        "--glob", "**/*.html",
        "--keep-index-url",  # file:// needs ".../index.html", not ".../"
    ]
    log.debug("Pagefind: %s", " ".join(cmd))
    env = {**os.environ, "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE": str(INDEX_CHUNK_SIZE)}
    done = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if done.returncode != 0:
        raise BuildError(f"Pagefind lỗi (mã {done.returncode}):\n{done.stderr or done.stdout}")
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    return sum(lang["page_count"] for lang in entry["languages"].values())


def prune_ui_files(bundle: Path) -> None:
    """Remove Pagefind's own UI (we ship ours): keeps the offline zip small."""
    for path in bundle.iterdir():
        if path.is_file() and not _is_runtime(path.name):
            path.unlink()
    shutil.rmtree(bundle / "playground", ignore_errors=True)


def check_bundle(bundle: Path) -> None:
    """Fail the build if this Pagefind is not the one search-file.js was written for."""
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    problems = []
    if entry.get("version") != PAGEFIND_VERSION:
        problems.append(f"pagefind-entry.json version {entry.get('version')!r} ≠ {PAGEFIND_VERSION}")
    js = (bundle / "pagefind.js").read_text(encoding="utf-8")
    problems += [f"pagefind.js không còn chứa {s!r}" for s in _PAGEFIND_JS_CONTRACT if s not in js]
    for lang in entry.get("languages", {}).values():
        if not (bundle / f"pagefind.{lang['hash']}.pf_meta").is_file():
            problems.append(f"thiếu pagefind.{lang['hash']}.pf_meta")
    if not list(bundle.glob("wasm.*.pagefind")):
        problems.append("thiếu wasm.*.pagefind")
    if problems:
        raise BuildError("Gói Pagefind không như search-file.js cần:\n- " + "\n- ".join(problems))


def runtime_files(bundle: Path) -> list[Path]:
    return sorted(p for p in bundle.rglob("*") if p.is_file() and _is_runtime(p.name))


def write_file_scripts(bundle: Path, out_dir: Path) -> int:
    """Write one classic script per runtime file; return their total size."""
    total = 0
    for path in runtime_files(bundle):
        rel = path.relative_to(bundle).as_posix()
        target = out_dir / f"{rel}.js"
        target.parent.mkdir(parents=True, exist_ok=True)
        text = file_script(rel, path.read_bytes())
        target.write_text(text, encoding="ascii")
        total += len(text)
    return total


def file_script(rel: str, data: bytes) -> str:
    """The classic script that registers one bundle file for search-file.js."""
    payload = base64.b64encode(data).decode("ascii")
    return f'(self.__pfFiles=self.__pfFiles||{{}})[{json.dumps(rel)}]="{payload}";\n'


def search_aliases(sources: Iterable[AliasSource]) -> dict[str, list[str]]:
    """Alias table for the search page's JSON island: {"btv": ["Ban Thường vụ Đảng ủy", "Ban Thường vụ"]}.

    Keys are lower-case NFC; names longest first. An alias shared by two
    entries keeps both entries' names.
    """
    table: dict[str, list[str]] = {}
    for src in sources:
        names = [n for n in (src.name, src.short) if n]
        for alias in src.aliases:
            key = unicodedata.normalize("NFC", alias).strip().lower()
            merged = table.setdefault(key, [])
            for name in (unicodedata.normalize("NFC", n) for n in names):
                if name not in merged:
                    merged.append(name)
    return {k: sorted(v, key=len, reverse=True) for k, v in sorted(table.items())}


def _is_runtime(name: str) -> bool:
    return name in _RUNTIME_FILES or name.endswith(_RUNTIME_SUFFIXES)


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in runtime_files(folder))
