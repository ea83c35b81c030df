"""What `sotay serve` does differently from `sotay build`, so that a reload is quick.

- Unchanged inputs are not read again: a data file or document whose bytes
  are unchanged gives back the very object of the previous reload
  (cache.shared), the linker reuses each unchanged entry's check, and the
  pages of documents, roles and bodies, each document's quiz, the
  comparisons and the tool pages are reused while what they read compares
  equal (cache.reuse, keys in site/context.Build.context and beside each call). The
  pages drawn from everything (home, indexes, nav, lessons, relations,
  checklists) are built afresh on every reload. Editing one commune's duties
  in a 100-commune handbook costs a reload about 2–3 s of CPU instead of ~10
  (bench/serve_bench.py 100).
- Reloads are "dirty": MkDocs re-renders only the pages whose generated
  Markdown changed (`render.write_pages` leaves unchanged files alone, and
  does not read back the files it wrote). When the navigation changes (a page
  added, removed or renamed), every page is marked changed, because each page
  carries the menu; the HTML of a page no longer generated is deleted
  (remove_gone_pages), which a dirty build would leave. Rendered pages are
  remembered by their view (render.remember_renders), so a reload renders
  only the pages whose view changed. The footer's content version is that of
  the reload that last rendered the page.
- The generated docs folder is not watched: content/, data/ and generator/
  are (mkdocs.yml `watch:`); watching our own output would rebuild twice.
- After the first build, the search index, handbook.json and the service
  worker are refreshed in a background thread: the browser reloads as soon
  as the pages are written, and search catches up a few seconds later.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from generator import cache
from generator.site import render
from generator import urls
from generator.errors import SotayError

log = logging.getLogger(__name__)


def mark_all_changed(docs_dir: Path) -> int:
    """Give every generated page a fresh mtime so a dirty build re-renders it."""
    now = time.time()
    count = 0
    for path in docs_dir.rglob("*.md"):
        os.utime(path, (now, now))
        count += 1
    return count


class BackgroundJob:
    """Runs the latest requested job in one worker thread; requests made while it
    runs are folded into one more run (only the newest matters)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._cond = threading.Condition()
        self._pending: Callable[[], None] | None = None
        self._running = False

    def request(self, job: Callable[[], None]) -> None:
        with self._cond:
            self._pending = job
            if not self._running:
                self._running = True
                threading.Thread(target=self._work, name=self.name, daemon=True).start()

    def wait_idle(self, timeout: float | None = None) -> bool:
        with self._cond:
            return self._cond.wait_for(lambda: not self._running, timeout)

    def _work(self) -> None:
        while True:
            with self._cond:
                job, self._pending = self._pending, None
                if job is None:
                    self._running = False
                    self._cond.notify_all()
                    return
            try:
                job()
            except SotayError as error:
                log.error("%s", error.message or error)
            except OSError as error:  # the served folder went away under us (server stopped)
                log.warning("Tìm kiếm: chưa cập nhật được chỉ mục (%s)", error)


class ServeState:
    """Kept across reloads (MkDocs makes a new config, and may re-run hooks.py, on each one)."""

    def __init__(self) -> None:
        self.serving = False
        self.dirty = False  # `sotay serve` (not --full): reloads re-render changed pages only
        self.nav: list | None = None  # navigation of the previous build
        self.built_once = False
        self.last_prepared = None  # generate.Prepared of the last good build, shown while data is broken
        self.sources: set[str] = set()  # generated Markdown files of the previous build
        self.gone: set[str] = set()  # … that this build no longer generates
        self.extras = BackgroundJob("sotay-search-index")

    def start(self, command: str, dirty: bool = False) -> None:
        self.serving = command == "serve"
        self.dirty = dirty
        render.remember_renders(self.serving and self.dirty)
        cache.share_objects(self.serving and self.dirty)
        self.nav = None
        self.built_once = False
        self.last_prepared = None
        self.sources, self.gone = set(), set()

    def after_prepare(self, nav: list, docs_dir: Path, sources: Iterable[str]) -> None:
        """Full re-render when the menu changed; otherwise only changed pages."""
        if self.dirty and self.nav is not None and nav != self.nav:
            count = mark_all_changed(docs_dir)
            log.info("Sổ tay: mục lục thay đổi — dựng lại cả %d trang", count)
        self.nav = nav
        sources = set(sources)
        self.gone |= self.sources - sources
        self.sources = sources

    def remove_gone_pages(self, site_dir: Path) -> None:
        """A dirty build leaves the page of a removed document (or role …) in site_dir: delete it,
        so the server answers 404 as a fresh build would."""
        for source in sorted(self.gone - self.sources):
            if source.endswith(".md"):
                (site_dir / urls.page_of(source)).unlink(missing_ok=True)
        self.gone = set()

    def finish(self, extras: Callable[[], int]) -> None:
        """Run `extras` (export, search index, service worker; returns the pages indexed): now on
        `build` and the first serve build, in the background on serve reloads."""
        if not (self.serving and self.dirty and self.built_once):
            extras()
            self.built_once = True
            return

        def refresh() -> None:
            started = time.monotonic()
            pages = extras()
            log.info("Tìm kiếm: chỉ mục đã cập nhật (%d trang, %.1f s)", pages, time.monotonic() - started)

        log.info("Tìm kiếm: đang cập nhật chỉ mục trong nền…")
        self.extras.request(refresh)


SERVE = ServeState()
