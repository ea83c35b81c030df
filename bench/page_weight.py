"""Page weight and phone metrics of the built handbook, with budgets.

    .venv/bin/python bench/page_weight.py               # builds the repo's handbook in a temp copy
    .venv/bin/python bench/page_weight.py --site site   # an already built site
    options: --json out.json, --cpu 4 (CPU slowdown), --runs 3

For each measured page (home, the long document 003, a role page, a checklist):

- first load, unthrottled, in a fresh browser context: every request the page
  makes until `load` plus a short settle; HTML + CSS + JS + fonts are gzipped
  (level 9, as a server or the zip would) from the files on disk → `transfer`;
- the page's own text (innerText of the Pagefind body) gzipped → `text`;
  budget: transfer ≤ 2 × text + 75 KB;
- requests to any other host (a render-blocking third-party asset fails);
- a second cold load with CDP CPU throttling (4×) and DevTools' "Slow 3G"
  network profile (2 s RTT, 400 kbit/s): FCP, LCP (PerformanceObserver),
  TBT (long tasks after FCP, minus 50 ms each), CLS (layout shifts without
  recent input); the median of --runs loads (default 3: single loads vary by
  ±1 s). Budgets for that profile: FCP ≤ 5.5 s, LCP ≤ 6 s, TBT ≤ 200 ms,
  CLS ≤ 0.1. Any page needs two round trips (HTML, then its stylesheets)
  before painting, i.e. 4 s on this profile: Lighthouse's "good" FCP of 1.8 s
  assumes a 150 ms round trip.

Prints one table with figures and pass/fail; exit code 1 when a budget fails.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import socketserver
import statistics
import sys
import tempfile
import threading
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
PHONE = {"width": 360, "height": 740}
PAGES = {
    "trang chủ": "index.html",
    "văn bản 003 (dài)": "van-ban/qc-lam-viec-lung-phinh.html",
    "vai trò": "vai-tro/bi-thu.html",
    "danh mục": "danh-muc/chuan-bi-hoi-nghi-btv.html",
}
FIRST_RENDER_TYPES = {"document", "stylesheet", "script", "font"}
SLOW_3G = {"offline": False, "latency": 2000, "downloadThroughput": 50_000, "uploadThroughput": 50_000}
BUDGET_EXTRA_BYTES = 75 * 1024
BUDGET_FCP_MS, BUDGET_LCP_MS, BUDGET_TBT_MS, BUDGET_CLS = 5500, 6000, 200, 0.1

OBSERVERS = """
(() => {
  const m = window.__sotayMetrics = {fcp: null, lcp: 0, longTasks: [], cls: 0};
  const watch = (type, fn) => { try { new PerformanceObserver(l => l.getEntries().forEach(fn)).observe({type, buffered: true}); } catch (e) {} };
  watch('paint', e => { if (e.name === 'first-contentful-paint') m.fcp = e.startTime; });
  watch('largest-contentful-paint', e => { m.lcp = Math.max(m.lcp, e.renderTime || e.loadTime || e.startTime); });
  watch('longtask', e => m.longTasks.push([e.startTime, e.duration]));
  watch('layout-shift', e => { if (!e.hadRecentInput) m.cls += e.value; });
})();
"""


@dataclass
class PageFigures:
    name: str
    path: str
    html: int = 0
    css: int = 0
    js: int = 0
    font: int = 0
    requests: int = 0
    text: int = 0
    foreign: list[str] = field(default_factory=list)
    fcp: float = 0.0
    lcp: float = 0.0
    tbt: float = 0.0
    cls: float = 0.0

    @property
    def transfer(self) -> int:
        return self.html + self.css + self.js + self.font

    @property
    def budget(self) -> int:
        return 2 * self.text + BUDGET_EXTRA_BYTES

    def checks(self) -> dict[str, bool]:
        return {
            "weight": self.transfer <= self.budget,
            "3rd-party": not self.foreign,
            "FCP": self.fcp <= BUDGET_FCP_MS,
            "LCP": self.lcp <= BUDGET_LCP_MS,
            "TBT": self.tbt <= BUDGET_TBT_MS,
            "CLS": self.cls <= BUDGET_CLS,
        }


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip-compressed like any real web server (the throttled load pays gzip bytes)."""

    def log_message(self, *args):
        pass

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().do_GET()
        body = gzip.compress(path.read_bytes(), compresslevel=9, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        self.wfile.write(body)


def serve(site: Path):
    handler = functools.partial(_GzipHandler, directory=str(site))
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def local_file(site: Path, base: str, url: str) -> Path | None:
    if not url.startswith(base):
        return None
    path = site / unquote(urlparse(url).path).lstrip("/")
    return path if path.is_file() else None


def measure_weight(browser, site: Path, base: str, fig: PageFigures) -> None:
    """First load: which requests, their gzip sizes, and the page's own text."""
    context = browser.new_context(viewport=PHONE, locale="vi-VN")
    page = context.new_page()
    seen: list[tuple[str, str]] = []
    page.on("request", lambda r: seen.append((r.url, r.resource_type)))
    page.goto(base + fig.path, wait_until="load")
    page.wait_for_timeout(300)
    text = page.evaluate("(document.querySelector('[data-pagefind-body]') || document.body).innerText")
    context.close()
    fig.text = gzip_size(text.encode("utf-8"))
    fig.requests = len(seen)
    for url, kind in seen:
        path = local_file(site, base, url)
        if path is None:
            if not url.startswith(("data:", "blob:", "about:")):
                fig.foreign.append(url)
            continue
        if kind not in FIRST_RENDER_TYPES:
            continue
        size = gzip_size(path.read_bytes())
        attr = {"document": "html", "stylesheet": "css", "script": "js", "font": "font"}[kind]
        setattr(fig, attr, getattr(fig, attr) + size)


def measure_metrics(browser, base: str, fig: PageFigures, cpu: float, runs: int) -> None:
    """Cold loads on a throttled phone: median FCP, LCP, TBT, CLS."""
    samples = [load_metrics(browser, base + fig.path, cpu) for _ in range(runs)]
    fig.fcp, fig.lcp, fig.tbt, fig.cls = (statistics.median(s[i] for s in samples) for i in range(4))


def load_metrics(browser, url: str, cpu: float) -> tuple[float, float, float, float]:
    context = browser.new_context(viewport=PHONE, locale="vi-VN", is_mobile=True, has_touch=True)
    page = context.new_page()
    page.add_init_script(OBSERVERS)
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", SLOW_3G)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": cpu})
    page.goto(url, wait_until="load", timeout=120_000)
    page.wait_for_timeout(1500)
    m = page.evaluate("window.__sotayMetrics")
    context.close()
    fcp = m["fcp"] or 0.0
    tbt = sum(max(0.0, d - 50) for start, d in m["longTasks"] if start + d > fcp)
    return fcp, m["lcp"] or fcp, tbt, m["cls"]


def build_default_site(workdir: Path) -> Path:
    from tests.conftest import build_project, copy_project

    return build_project(copy_project(workdir / "project")).site_dir.resolve()


def kb(n: int) -> str:
    return f"{n / 1024:.1f}"


def print_table(figures: list[PageFigures]) -> None:
    head = ("trang", "HTML", "CSS", "JS", "font", "tổng KB", "chữ KB", "ngân sách", "yêu cầu",
            "FCP ms", "LCP ms", "TBT ms", "CLS", "kết quả")
    rows = []
    for f in figures:
        failed = [k for k, ok in f.checks().items() if not ok]
        rows.append((f.name, kb(f.html), kb(f.css), kb(f.js), kb(f.font), kb(f.transfer), kb(f.text),
                     kb(f.budget), str(f.requests), f"{f.fcp:.0f}", f"{f.lcp:.0f}", f"{f.tbt:.0f}",
                     f"{f.cls:.3f}", "ĐẠT" if not failed else "TRƯỢT: " + ", ".join(failed)))
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    for r in [head, *rows]:
        print("  ".join(c.ljust(w) if i in (0, len(head) - 1) else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths))))
    print(f"\nKB = gzip -9. Ngân sách: tổng ≤ 2 × chữ + 75 KB; không tài nguyên bên thứ ba; "
          f"Slow 3G + CPU chậm: FCP ≤ {BUDGET_FCP_MS} ms, LCP ≤ {BUDGET_LCP_MS} ms, "
          f"TBT ≤ {BUDGET_TBT_MS} ms, CLS ≤ {BUDGET_CLS}")
    for f in figures:
        for url in f.foreign:
            print(f"  {f.name}: yêu cầu tới máy khác: {url}")


def run(site: Path, cpu: float, runs: int) -> list[PageFigures]:
    from playwright.sync_api import sync_playwright

    server, base = serve(site)
    figures = [PageFigures(name, path) for name, path in PAGES.items()]
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for fig in figures:
                measure_weight(browser, site, base, fig)
                measure_metrics(browser, base, fig, cpu, runs)
            browser.close()
    finally:
        server.shutdown()
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build the repo's handbook in a temp copy)")
    parser.add_argument("--cpu", type=float, default=4.0, help="CPU slowdown factor (default 4)")
    parser.add_argument("--runs", type=int, default=3, help="throttled loads per page, median (default 3)")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="sotay-weight-") as tmp:
        site = args.site.resolve() if args.site else build_default_site(Path(tmp))
        figures = run(site, args.cpu, args.runs)
    print_table(figures)
    if args.json:
        data = [asdict(f) | {"transfer": f.transfer, "budget": f.budget, "checks": f.checks()} for f in figures]
        args.json.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0 if all(all(f.checks().values()) for f in figures) else 1


if __name__ == "__main__":
    sys.exit(main())
