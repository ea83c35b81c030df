"""`sotay handouts`: print handouts (PDF) for classrooms, from the built site.

One A4 PDF per role (vai-tro/), per document (van-ban/) and per lesson
(bai-hoc/) under dist/handouts/<folder>/<id>.pdf, printed by Debian's headless
Chromium through Playwright's `page.pdf` from the site's own pages — the same
pages a reader sees, with overrides/assets/sotay/print.css removing the site's
chrome. Chromium reads nothing but the built site: the site is served on a
loopback port for the printing, every other request (another host, file://)
is aborted, and service workers are blocked. Each step has a time limit
(PRINT_TIMEOUT_MS), so a page that never finishes loading stops the command
with a message instead of hanging it. The page title is printed in the header and
"Trang n/N" in the footer.

`sotay handouts` (generator/run/handouts.py) builds the site first when it is
not a build of the current content.
"""

from __future__ import annotations

import functools
import http.server
import logging
import socketserver
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import escape

from generator.errors import BuildError, InputError
from generator.project import Project

log = logging.getLogger(__name__)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
HANDOUTS_DIR = "handouts"
PRINT_TIMEOUT_MS = 60_000  # one page's load or print; a 40-page document prints in about a second
MARGIN = {"top": "18mm", "bottom": "16mm", "left": "14mm", "right": "14mm"}
FOOTER = ('<div style="font-family: DejaVu Sans, Arial, sans-serif; font-size: 8px; width: 100%; '
          'text-align: center; color: #444;">Trang <span class="pageNumber"></span>/<span class="totalPages"></span></div>')


@dataclass(frozen=True)
class Handout:
    kind: str  # "vai-tro" | "van-ban" | "bai-hoc"
    id: str
    page: str  # site path, e.g. "vai-tro/bi-thu.html"
    title: str


@dataclass
class HandoutResult:
    files: list[tuple[Path, int]] = field(default_factory=list)  # (pdf, page count)
    site_dir: Path | None = None
    built: bool = False


def header(title: str) -> str:
    return ('<div style="font-family: DejaVu Sans, Arial, sans-serif; font-size: 8px; width: 100%; '
            f'padding: 0 14mm; color: #444; white-space: nowrap; overflow: hidden; text-overflow: ellipsis;">'
            f'Sổ tay Quy chế · {escape(title)}</div>')


def handout_list(handbook) -> list[Handout]:
    """What gets printed: roles, documents, lessons (in the handbook's order)."""
    from generator import urls
    from generator.views import common as views

    items = []
    if handbook.linked is not None:
        items += [Handout("vai-tro", r.id, urls.role_page(r.id), r.name) for r in handbook.linked.knowledge.roles]
    items += [Handout("van-ban", d.id, urls.document_page(d.id), views.document_title(d)) for d in handbook.documents]
    items += [Handout("bai-hoc", lesson.slug, lesson.page, lesson.title) for lesson in handbook.lessons]
    return items


def print_handouts(handbook, project: Project, result: HandoutResult, kinds: tuple[str, ...] = (),
                   progress: Callable[[str], None] | None = None, browser=None) -> HandoutResult:
    """Print the handouts of `handbook` from the built site/ into dist/handouts/; `browser`: an open
    Playwright Chromium to reuse (tests), else one is started."""
    site = project.site_dir.resolve()
    result.site_dir = site
    items = [h for h in handout_list(handbook) if not kinds or h.kind in kinds]
    out_root = project.dist_dir / HANDOUTS_DIR
    if browser is not None:
        _print_all(browser, items, site, out_root, project.root, result, progress)
    else:
        with _browser() as own:
            _print_all(own, items, site, out_root, project.root, result, progress)
    return result


def _print_all(browser, items: list[Handout], site: Path, out_root: Path, root: Path,
               result: HandoutResult, progress: Callable[[str], None] | None) -> None:
    from playwright.sync_api import Error as PlaywrightError

    with _SiteServer(site) as base:
        context = browser.new_context(locale="vi-VN", service_workers="block")
        try:
            context.set_default_timeout(PRINT_TIMEOUT_MS)
            context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base)
                          else route.abort("blockedbyclient"))
            page = context.new_page()
            for item in items:
                if not (site / item.page).is_file():
                    raise BuildError(f"{item.page}: not in the built site — run `sotay build`")
                target = out_root / item.kind / f"{item.id}.pdf"
                try:
                    pages = print_page(page, base + item.page, target, item.title)
                except PlaywrightError as error:  # a timeout included
                    raise BuildError(f"{item.page}: Chromium không in được trang ({str(error).splitlines()[0]}) "
                                     "— chạy lại `sotay handouts`") from None
                result.files.append((target, pages))
                if progress:
                    progress(f"{target.relative_to(root) if target.is_relative_to(root) else target} ({pages} trang)")
        finally:
            context.close()


def print_page(page, url: str, target: Path, title: str) -> int:
    """Print one site page to `target` (written atomically); returns its page count."""
    from generator.files import write_atomic

    page.goto(url, wait_until="load")
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    page.emulate_media(media="print")
    data = page.pdf(
        format="A4", print_background=True, display_header_footer=True,
        header_template=header(title), footer_template=FOOTER, margin=MARGIN,
    )
    write_atomic(target, data)
    return pdf_page_count(data)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


class _SiteServer:
    """The built site on http://127.0.0.1:<free port>/ while printing (the folder only: no `..`)."""

    def __init__(self, site: Path) -> None:
        handler = functools.partial(_QuietHandler, directory=str(site))
        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True

    def __enter__(self) -> str:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return f"http://127.0.0.1:{self.server.server_address[1]}/"

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


def pdf_page_count(data: bytes) -> int:
    """Pages of a PDF Chromium wrote (its page tree has one `/Type /Pages` with `/Count n`)."""
    import re

    counts = [int(n) for n in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", data)]
    counts += [int(n) for n in re.findall(rb"/Count\s+(\d+)[^>]*?/Type\s*/Pages\b", data)]
    if counts:
        return max(counts)
    return len(re.findall(rb"/Type\s*/Page\b", data))


class _browser:
    """Headless Debian Chromium through Playwright, closed on exit."""

    def __enter__(self):
        if not Path(CHROMIUM).exists():
            raise InputError(f"{CHROMIUM} not found — install Debian's chromium (make chromium, needs root)")
        try:
            from playwright.sync_api import sync_playwright
        except ImportError:
            raise InputError("Playwright is not installed — run `make install` (or pip install -e '.[test]')") from None
        self._pw = sync_playwright().start()
        self.browser = self._pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, timeout=PRINT_TIMEOUT_MS)
        return self.browser

    def __exit__(self, *exc) -> None:
        self.browser.close()
        self._pw.stop()
