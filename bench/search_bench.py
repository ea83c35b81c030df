"""Search benchmark: index size, bytes loaded and time to first results.

    .venv/bin/python bench/search_bench.py                 # fixture site
    .venv/bin/python bench/search_bench.py --seed-site     # pages made from content/documents/*.md
    .venv/bin/python bench/search_bench.py --site site     # a built handbook (already indexed)
    options: --cpu-slowdown 4 (emulate a low-end phone), --json out.json,
             --compare-d-folding (index size if đ→d folded text were indexed too),
             --unit SLUG (search one commune + the shared pages: ?don-vi=SLUG; --unit all
             forces every unit; generator/site/scopes.py), --modes served (skip file://)

For every query, in a fresh browser context (cold cache), served over http
and opened from file://: time from navigation to the first results shown
(performance mark "sotay:search:done"), bytes of search files loaded (on-disk
size of every pagefind/ or pagefind-file/ file requested), and the time of the
same query again in the warm page; bytes are also split into index chunks,
fragments (the records' text) and the rest (pagefind.js, wasm, metadata).

Default handbook, 20 queries below (`sotay build`, then --site site), median
first query, 23/11/2026:
    before (whole pages, chunks of 100):  served 166 KB on disk (134 KB gzip), file:// 222 KB
    documents per Điều, chunks of 40,
    document pass, d/đ word list:          served 144 KB on disk (111 KB gzip; index 15 KB,
                                           fragments 14 KB, rest 115 KB), file:// 193 KB;
                                           first results 716 ms served, 511 ms file://
    + file:// text files not in base64:    file:// 179 KB (114 KB gzip)
"""

from __future__ import annotations

import argparse
import functools
import html
import http.server
import json
import gzip
import re
import statistics
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import quote, unquote, urlparse

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.publish import search_index as index  # noqa: E402
from generator.views import search as search_view  # noqa: E402
from tests.search_fixture import build_fixture_site, page_html  # noqa: E402

ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
QUERIES = [
    "pho bi thu thuong truc", "phó bí thư thường trực", "bi thu", "dang uy", "đảng ủy",
    "ban thuong vu", "BTV", "BCH", "UBKT", "HĐND", "ubnd", "mttq",
    "bi thu chi bo", "hoi nghi thuong ky", "dieu dong can bo", "ky luat dang vien",
    "quyet dinh", "chu tri", "to chuc can bo", "kiem tra giam sat",
]


def seed_site(dest: Path, *, folded_copy: bool = False) -> index.IndexReport:
    """Pages from content/documents/*.md with the page markup contract (no MkDocs)."""
    from tests.search_fixture import build_fixture_site as _  # noqa: F401  (same assets)
    import shutil

    from generator.site.render import make_environment, render_template
    from tests.search_fixture import ALIASES, ASSETS

    for md in sorted((REPO / "content" / "documents").glob("*.md")):
        text = md.read_text(encoding="utf-8").split("\n---\n", 1)[-1]
        title = re.search(r"^title: (.*)$", md.read_text(encoding="utf-8"), re.M)
        title = title.group(1) if title else md.stem
        body = [f"<h1>{html.escape(title)}</h1>"]
        article, clause = None, None
        for line in filter(None, (ln.strip() for ln in text.splitlines())):
            m = re.match(r"Điều (\d+)\.", line)
            k = re.match(r"(\d+(?:\.\d+)*)\.\s", line)
            p = re.match(r"([a-zđ])\)\s", line)
            esc = html.escape(line)
            if m:
                article, clause = m.group(1), None
                body.append(f'<h2 id="dieu-{article}">{esc}</h2>')
            elif k and article:
                clause = k.group(1).replace(".", "-")
                body.append(f'<p id="dieu-{article}-khoan-{clause}">{esc}</p>')
            elif p and article and clause:
                letter = "dd" if p.group(1) == "đ" else p.group(1)
                body.append(f'<p id="dieu-{article}-khoan-{clause}-diem-{letter}">{esc}</p>')
            else:
                body.append(f"<p>{esc}</p>")
        content = "\n".join(body)
        if folded_copy:  # the index-side alternative for đ: a folded duplicate of the text
            folded = re.sub(r"<[^>]+>", " ", content).replace("đ", "d").replace("Đ", "D")
            content += f'\n<div class="sotay-folded" hidden>{folded}</div>'
        path = f"van-ban/{md.stem}.html"
        attrs = f' data-pagefind-body data-pagefind-meta="document:{html.escape(title)}"'
        target = dest / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page_html(path, title, content, attrs=attrs), encoding="utf-8")
    fragment = render_template(make_environment(), "search.html", root="", aliases=search_view.search_aliases(ALIASES))
    scripts = ("dom.js", "search-core.js", "search-file.js", "search.js")
    (dest / "tim-kiem.html").write_text(page_html("tim-kiem.html", "Tìm kiếm", fragment, scripts=scripts), encoding="utf-8")
    shutil.copytree(ASSETS, dest / "assets" / "sotay", dirs_exist_ok=True)
    return index.index_site(dest)


def serve(site: Path):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


def local_path(site: Path, base: str, url: str) -> Path | None:
    if not url.startswith(base):
        return None
    rel = unquote(urlparse(url).path)[len(unquote(urlparse(base).path)):]
    path = site / rel
    return path if path.is_file() else None


COMPRESSIBLE = {".js", ".json", ".css", ".html"}  # Pagefind's .pf_* and wasm files are gzip already


def transfer_size(path: Path) -> int:
    """Bytes a web server with gzip (nginx, Apache defaults for JS/JSON) sends for this file."""
    data = path.read_bytes()
    return len(gzip.compress(data, 6)) if path.suffix in COMPRESSIBLE else len(data)


def measure(browser, site: Path, base: str, query: str, slowdown: float, unit: str | None = None) -> dict:
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    if slowdown > 1:
        cdp = context.new_cdp_session(page)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": slowdown})
    urls: list[str] = []
    page.on("request", lambda r: urls.append(r.url))
    scope = "" if unit is None else f"&don-vi={'' if unit == 'all' else quote(unit)}"
    page.goto(f"{base}tim-kiem.html?q={quote(query)}{scope}")
    page.wait_for_selector("[data-sotay-search][data-state=done],[data-sotay-search][data-state=error]", timeout=180000)
    marks = page.evaluate(
        """() => Object.fromEntries(['ready', 'searched', 'loaded', 'done'].map(n =>
             [n, Math.round(performance.getEntriesByName('sotay:search:' + n)[0]?.startTime ?? -1)]))"""
    )
    first_ms = marks["done"]
    dom_ms = page.evaluate("Math.round(performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd)")
    hits = page.eval_on_selector_all(".sotay-hit__link", "as => as.slice(0, 3).map(a => a.getAttribute('href'))")
    warm_ms = page.evaluate(
        """async (q) => { const w = document.querySelector('[data-sotay-search]');
           const t = performance.now(); await w.sotaySearch(q); return performance.now() - t; }""",
        query,
    )
    search_files = [p for p in (local_path(site, base, u) for u in urls) if p and re.search(r"/pagefind(-file)?/", str(p))]
    context.close()
    kinds = {"index": 0, "fragment": 0, "other": 0}
    for p in set(search_files):
        kind = next((k for k in ("index", "fragment") if f"/{k}/" in p.as_posix()), "other")
        kinds[kind] += p.stat().st_size
    return {
        "query": query,
        "first_results_ms": round(first_ms),
        # page parsed → Pagefind ready → searches answered → pages' text loaded → shown
        "steps_ms": [dom_ms, marks["ready"], marks["searched"], marks["loaded"], marks["done"]],
        "warm_ms": round(warm_ms),
        "search_bytes": sum(p.stat().st_size for p in set(search_files)),
        "search_bytes_gzip": sum(transfer_size(p) for p in set(search_files)),
        "search_files": len(set(search_files)),
        "bytes_by_kind": kinds,  # index chunks, fragments (records' text), the rest (pagefind.js, wasm, meta…)
        "top3": hits,
    }


def bundle_sizes(site: Path) -> dict:
    pf = site / "pagefind"

    def total(pattern: str, root: Path = pf) -> int:
        return sum(p.stat().st_size for p in root.rglob(pattern) if p.is_file())

    return {
        "pagefind_bytes": index._size(pf),
        "index_chunks": len(list((pf / "index").glob("*"))),
        "index_bytes": total("*.pf_index"),
        "fragment_bytes": total("*.pf_fragment"),
        "wasm_bytes": total("*.pagefind"),
        "pagefind_js_bytes": total("pagefind.js"),
        "file_scripts_bytes": total("*.js", site / "pagefind-file") if (site / "pagefind-file").is_dir() else 0,
    }


def run(site: Path, slowdown: float, unit: str | None = None, modes: tuple[str, ...] = ("served", "file")) -> dict:
    from playwright.sync_api import sync_playwright

    httpd = serve(site)
    bases = {"served": f"http://127.0.0.1:{httpd.server_port}/", "file": site.resolve().as_uri() + "/"}
    report = {"site": str(site), "cpu_slowdown": slowdown, "unit": unit, "sizes": bundle_sizes(site), "modes": {}}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for mode in modes:
            base = bases[mode]
            rows = [measure(browser, site, base, q, slowdown, unit) for q in QUERIES]
            report["modes"][mode] = {
                "median_first_results_ms": statistics.median(r["first_results_ms"] for r in rows),
                "max_first_results_ms": max(r["first_results_ms"] for r in rows),
                "median_warm_ms": statistics.median(r["warm_ms"] for r in rows),
                "median_search_bytes": statistics.median(r["search_bytes"] for r in rows),
                "median_search_bytes_gzip": statistics.median(r["search_bytes_gzip"] for r in rows),
                "max_search_bytes": max(r["search_bytes"] for r in rows),
                "median_bytes_by_kind": {
                    k: statistics.median(r["bytes_by_kind"][k] for r in rows) for k in ("index", "fragment", "other")
                },
                "queries": rows,
            }
        browser.close()
    httpd.shutdown()
    return report


def print_report(report: dict) -> None:
    s = report["sizes"]
    print(f"Site: {report['site']}  (CPU slowdown ×{report['cpu_slowdown']}, unit {report['unit'] or 'default'})")
    print(
        f"Bundle: pagefind/ {s['pagefind_bytes'] / 1024:.0f} KB "
        f"(index {s['index_bytes'] / 1024:.0f} KB in {s['index_chunks']} chunks, fragments {s['fragment_bytes'] / 1024:.0f} KB, "
        f"wasm {s['wasm_bytes'] / 1024:.0f} KB, pagefind.js {s['pagefind_js_bytes'] / 1024:.0f} KB); "
        f"pagefind-file/ {s['file_scripts_bytes'] / 1024:.0f} KB"
    )
    for mode, m in report["modes"].items():
        print(f"\n[{mode}] median first results {m['median_first_results_ms']} ms (max {m['max_first_results_ms']}), "
              f"warm {m['median_warm_ms']} ms, search bytes median {m['median_search_bytes'] / 1024:.0f} KB on disk, "
              f"{m['median_search_bytes_gzip'] / 1024:.0f} KB with HTTP gzip "
              f"(max {m['max_search_bytes'] / 1024:.0f} KB; medians: index "
              f"{m['median_bytes_by_kind']['index'] / 1024:.0f} KB, fragments "
              f"{m['median_bytes_by_kind']['fragment'] / 1024:.0f} KB, rest "
              f"{m['median_bytes_by_kind']['other'] / 1024:.0f} KB)")
        for r in m["queries"]:
            top = r["top3"][0] if r["top3"] else "—"
            print(f"  {r['query']:<26} {r['first_results_ms']:>6} ms  warm {r['warm_ms']:>5} ms  "
                  f"{r['search_bytes'] / 1024:>6.0f} KB / {r['search_files']:>2} files  "
                  f"[dom/ready/searched/loaded/done {'/'.join(map(str, r['steps_ms']))}]  → {top}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--site", type=Path, help="a built, indexed site (default: build the fixture site)")
    ap.add_argument("--seed-site", action="store_true", help="build pages from content/documents/*.md")
    ap.add_argument("--cpu-slowdown", type=float, default=1.0)
    ap.add_argument("--json", type=Path)
    ap.add_argument("--compare-d-folding", action="store_true")
    ap.add_argument("--unit", help="a unit's slug (?don-vi=), or 'all'")
    ap.add_argument("--modes", nargs="+", choices=("served", "file"), default=("served", "file"))
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        if args.compare_d_folding:
            for folded in (False, True):
                dest = Path(tmp) / ("folded" if folded else "plain")
                seed_site(dest, folded_copy=folded)
                s = bundle_sizes(dest)
                print(f"{'with folded copy' if folded else 'query-side (plain)':<20} "
                      + ", ".join(f"{k} {v / 1024:.1f} KB" for k, v in s.items() if k.endswith("bytes")))
            return
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            seed_site(site) if args.seed_site else build_fixture_site(site)
        report = run(site, args.cpu_slowdown, args.unit, tuple(args.modes))
    print_report(report)
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
