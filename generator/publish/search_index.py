"""Index stage: Pagefind over the written site, plus the file:// copy of its bundle.

`index_site(site_dir)` runs the Pagefind binary shipped in the pinned
`pagefind-bin` wheel over every HTML page that has a `data-pagefind-body`
element, writing `site_dir/pagefind/`. Document pages are indexed as one
record per Điều (`split_document`), so a query loads small clause texts and
Pagefind ranks clauses. Beside Pagefind's files it writes `sotay-words.json`
(the indexed words starting with d/đ, `write_d_words`). It then re-emits
every file the search needs as a classic script under
`site_dir/pagefind-file/<path>.js`:

    (self.__pfFiles=self.__pfFiles||{})["index/vi_1a2b3c.pf_index"]="<base64>";
    (self.__pfFiles=self.__pfFiles||{})["pagefind.js"]={"text":"<the script>"};

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
import gzip
import html
import json
import logging
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from generator.errors import BuildError
from generator.slugs import strip_marks

log = logging.getLogger(__name__)

PAGEFIND_VERSION = "1.5.2"
BUNDLE_DIR = "pagefind"
FILE_SCRIPTS_DIR = "pagefind-file"

# Files of the Pagefind bundle our client uses; the rest (Pagefind's UI, and
# pagefind-worker.js: search.js runs Pagefind on the main thread) is removed.
WORDS_FILE = "sotay-words.json"  # ours: see write_d_words
_RUNTIME_FILES = ("pagefind.js", "pagefind-entry.json", WORDS_FILE)
_RUNTIME_SUFFIXES = (".pagefind", ".pf_meta", ".pf_index", ".pf_fragment", ".pf_filter")
# Size of a word-index chunk, in Pagefind's unit (one per page a word is on,
# plus one per location). Pagefind's default, 20000, made two chunks of
# ~130 KB for the handbook and a query loaded both. A query loads the chunk of
# each of its words, so small chunks pay: with documents indexed per Điều,
# whole first query (bench/search_bench.py, served, median on disk) 149.5 KB
# at 100, 143.5 KB at 40 (118 chunks), 142 KB at 25; frequent words like
# "đảng" stay alone in chunks of 5-10 KB whatever the setting.
# Pagefind 1.5 reads it from an environment variable only (no CLI flag):
# PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE.
INDEX_CHUNK_SIZE = 40
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
    "words:locations",  # search-core.js preRank reads each result's matched word locations
)


@dataclass(frozen=True)
class IndexReport:
    pages: int
    index_bytes: int  # pagefind/ as served (runtime files only)
    file_script_bytes: int  # pagefind-file/ (the file:// copy)


def index_site(site_dir: Path, *, file_scripts: bool = True) -> IndexReport:
    """Index `site_dir` with Pagefind and write the file:// scripts; return sizes."""
    site_dir = Path(site_dir)
    bundle = site_dir / BUNDLE_DIR
    fresh = site_dir / f".{BUNDLE_DIR}-next"  # built aside: a served index stays whole until replaced
    shutil.rmtree(fresh, ignore_errors=True)
    with tempfile.TemporaryDirectory(prefix="sotay-index-") as source:
        write_index_source(site_dir, Path(source))
        pages = run_pagefind(Path(source), fresh)
    prune_ui_files(fresh)
    check_bundle(fresh)
    write_d_words(fresh)
    replace_folder(fresh, bundle)
    scripts = site_dir / FILE_SCRIPTS_DIR
    shutil.rmtree(scripts, ignore_errors=True)  # no stale chunks from an earlier run
    script_bytes = write_file_scripts(bundle, scripts) if file_scripts else 0
    report = IndexReport(pages, _size(bundle), script_bytes)
    log.info(
        "Tìm kiếm: %d trang, chỉ mục %d KB, bản file:// %d KB",
        report.pages,
        report.index_bytes // 1024,
        report.file_script_bytes // 1024,
    )
    return report


# A document page is indexed as one Pagefind record per Điều (plus one for the
# page head): a query then loads the few hundred bytes of the clauses it hits,
# not the 17 KB text of the whole regulation, and Pagefind ranks clauses, not
# whole documents (a long document no longer loses to a short role page).
# Records live in a throw-away copy of the site that only Pagefind reads; each
# carries `data-pagefind-meta="page:<url>"`, the page it belongs to, which
# search.js links to (with the clause anchor).
TITLE_WEIGHT = 10.0
_BODY_OPEN = re.compile(r"<div data-pagefind-body([^>]*)>")
_ARTICLE = re.compile(r'<h3\b[^>]*\bclass="sotay-article-heading"')
_SECTION = re.compile(r'<h[23]\b[^>]*\bid="chuong-[^"]*"')  # Chương, and Mục ("chuong-2-muc-1")
# copied into every record of a document: its metadata, and its unit (generator/site/scopes.py)
_META_SPAN = re.compile(r'<span data-pagefind-(?:meta="[^"]*"|filter="don-vi:[^"]*")[^>]*>\s*</span>')
_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S)
_HTML_LANG = re.compile(r'<html\b[^>]*\blang="([^"]+)"')


def write_index_source(site_dir: Path, out_dir: Path) -> None:
    """The pages Pagefind indexes: every page as it is, documents split per Điều."""
    for path in site_dir.rglob("*.html"):
        rel = path.relative_to(site_dir)
        if rel.parts[0] in (BUNDLE_DIR, FILE_SCRIPTS_DIR):
            continue
        text = path.read_text(encoding="utf-8")
        records = split_document(text, rel.as_posix()) if "data-pagefind-body" in text else None
        if records is None:
            target = out_dir / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
            continue
        stem = rel.with_suffix("")
        for i, record in enumerate(records):
            target = out_dir / stem / f"{i:03d}.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(record, encoding="utf-8")


def split_document(text: str, url: str) -> list[str] | None:
    """One small HTML page per Điều of a document page; None for other pages."""
    body = _BODY_OPEN.search(text)
    if not body:
        return None
    end = text.find("</article>", body.end())
    inner = text[body.end(): end if end > 0 else len(text)]
    starts = [m.start() for m in _ARTICLE.finditer(inner)]
    if not starts:
        return None
    # a chapter (or section) heading right before an Điều goes with that Điều
    cuts = []
    for i, start in enumerate(starts):
        section = _SECTION.search(inner, starts[i - 1] if i else 0, start)
        cuts.append(section.start() if section else start)
    head = inner[: cuts[0]]
    lang = _HTML_LANG.search(text)
    h1 = _H1.search(head)
    title = html.unescape(re.sub(r"<[^>]+>", "", h1.group(1))).strip() if h1 else url
    metas = "".join(_META_SPAN.findall(head))
    chunks = [head] + [_weigh_title(inner[a:b]) for a, b in zip(cuts, cuts[1:] + [len(inner)])]
    return [
        _record(chunk if i == 0 else metas + chunk, body.group(1), url, title, lang.group(1) if lang else "")
        for i, chunk in enumerate(chunks)
    ]


def _weigh_title(chunk: str) -> str:
    """The Điều title is what the clause is about: Pagefind's top weight (its default for h3 is lower)."""
    return _ARTICLE.sub(lambda m: m.group(0).replace("<h3", f'<h3 data-pagefind-weight="{TITLE_WEIGHT}"', 1), chunk, count=1)


def _record(chunk: str, body_attrs: str, url: str, title: str, lang: str) -> str:
    lang_attr = f' lang="{html.escape(lang)}"' if lang else ""
    return (
        f"<!doctype html><html{lang_attr}><head><meta charset=\"utf-8\"><title>{html.escape(title)}</title></head><body>\n"
        f"<div data-pagefind-body{body_attrs}>\n"
        f'<span data-pagefind-meta="page:{html.escape(url)}" hidden></span>'
        f'<span data-pagefind-meta="title:{html.escape(title)}" hidden></span>\n'
        f"{chunk}\n</div>\n</body></html>\n"
    )


def replace_folder(fresh: Path, target: Path) -> None:
    """Put `fresh` where `target` is, with only a moment between two renames without it."""
    stale = target.with_name(f".{target.name}-old")
    shutil.rmtree(stale, ignore_errors=True)
    if target.exists():
        target.rename(stale)
    fresh.rename(target)
    shutil.rmtree(stale, ignore_errors=True)


def pagefind_executable() -> Path:
    try:
        import pagefind_bin
    except ImportError as exc:  # pragma: no cover - dependency of the project
        raise BuildError(f"Thiếu gói pagefind-bin=={PAGEFIND_VERSION} (pip install -e .)") from exc
    return Path(pagefind_bin.get_executable())


def pagefind_timeout() -> float:
    """Seconds Pagefind may take before the build gives up (SOTAY_PAGEFIND_TIMEOUT; a 1000-commune
    handbook indexes in about a minute, and one run was seen deadlocked for ten)."""
    return float(os.environ.get("SOTAY_PAGEFIND_TIMEOUT", "900"))


def _run(cmd: list[str], **options) -> subprocess.CompletedProcess:
    limit = pagefind_timeout()
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=limit, **options)
    except subprocess.TimeoutExpired:  # subprocess.run has killed it
        raise BuildError(f"Pagefind chưa xong sau {limit:.0f} giây nên đã bị dừng — chạy lại `sotay build`; "
                         "nếu vẫn vậy, đặt SOTAY_PAGEFIND_TIMEOUT lớn hơn") from None


def run_pagefind(site_dir: Path, bundle: Path) -> int:
    """Run the Pagefind CLI; return the number of pages it indexed."""
    exe = pagefind_executable()
    version = _run([str(exe), "--version"]).stdout.split()
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
    done = _run(cmd, env=env)
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


def write_d_words(bundle: Path) -> None:
    """List the indexed words that start with d or đ, as Pagefind stores them.

    Pagefind drops tone marks but keeps đ ("Đảng" → "đang"), so a word typed
    "dang" is searched twice, as "dang" and "đang" (search-core.js); each
    spelling loads its own index chunk. With this list (about 1 KB) the page
    skips a spelling no indexed word starts with. Read from the fragments'
    text, split as Pagefind splits it.
    """
    words: set[str] = set()
    for path in (bundle / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        content = json.loads(data[data.index(b"{"):])["content"]
        for word in content.split():
            folded = _tone_fold(word)
            if folded[:1] in ("d", "đ"):
                words.add(folded)
    payload = {"d": sorted(words)}
    (bundle / WORDS_FILE).write_text(json.dumps(payload, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _tone_fold(word: str) -> str:
    """Lower case without tone and vowel marks, đ kept; punctuation dropped."""
    return "".join(c for c in strip_marks(word.lower()) if c.isalnum())


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


_TEXT_SUFFIXES = (".js", ".json")  # stored as a string literal: base64 would add a third


def file_script(rel: str, data: bytes) -> str:
    """The classic script that registers one bundle file for search-file.js.

    Binary files (wasm, gzip'd index and fragments) as a base64 string; text
    files (pagefind.js, the JSON files) as {"text": "<the text>"}, a third
    smaller than base64.
    """
    if rel.endswith(_TEXT_SUFFIXES):
        payload = "{" + json.dumps("text") + ":" + json.dumps(data.decode("utf-8")) + "}"
    else:
        payload = '"' + base64.b64encode(data).decode("ascii") + '"'
    return f"(self.__pfFiles=self.__pfFiles||{{}})[{json.dumps(rel)}]={payload};\n"


def _is_runtime(name: str) -> bool:
    return name in _RUNTIME_FILES or name.endswith(_RUNTIME_SUFFIXES)


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in runtime_files(folder))
