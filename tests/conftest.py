"""Shared fixtures: real builds in temporary project copies, a local server, headless Chromium.

Browser tests drive Debian's /usr/bin/chromium through Playwright (never a
downloaded browser) with the flags our CI machine needs.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import socketserver
import threading
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEEDS = FIXTURES / "seeds"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


def copy_project(target: Path, content: Path | None = None, data: Path | None = None) -> Path:
    """A throwaway project: our mkdocs.yml, overrides and generator, with given content/data."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", target / "overrides")
    (target / "generator").symlink_to(ROOT / "generator")
    shutil.copytree(content or ROOT / "content", target / "content")
    shutil.copytree(data or ROOT / "data", target / "data")
    return target


def build_project(root: Path):
    from generator.run.build import build
    from generator.project import Project

    return build(Project(root))


@pytest.fixture(scope="session")
def default_build(tmp_path_factory):
    """The default handbook (content/ + data/ of this repo), built once per test session."""
    root = copy_project(tmp_path_factory.mktemp("default") / "project")
    result = build_project(root)
    return result


@pytest.fixture(scope="session")
def commune_corpus(tmp_path_factory):
    """The seed handbook plus 2 synthetic communes, An Hà and Bình Hà (bench/corpus.py): three units."""
    from bench.corpus import make_corpus

    return build_project(make_corpus(2, tmp_path_factory.mktemp("communes") / "project"))


@pytest.fixture(scope="session")
def default_site(default_build) -> Path:
    return default_build.site_dir.resolve()


@pytest.fixture(scope="session")
def default_bundle(default_build, tmp_path_factory) -> Path:
    """The offline zip, unzipped as a user would: returns the folder holding index.html."""
    target = tmp_path_factory.mktemp("bundle")
    with zipfile.ZipFile(default_build.bundle) as zf:
        zf.extractall(target)
    (folder,) = [p for p in target.iterdir() if p.is_dir()]
    return folder


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


def serve_directory(directory: Path):
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="session")
def default_server(default_site):
    server, url = serve_directory(default_site)
    yield url
    server.shutdown()


def require_chromium() -> None:
    """Skip a browser test where Debian chromium is missing; in CI (CI=true) that is a failure."""
    if Path(CHROMIUM).exists():
        return
    message = "Debian chromium is not installed: run `make test` (it installs it) or apt-get install chromium"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def pytest_collection_modifyitems(items):
    """Every test that drives Chromium (through the `browser` fixture) is marked `browser`."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


class PageWatch:
    """Console errors, page errors and requests seen by a page."""

    def __init__(self, page) -> None:
        self.page = page
        self.errors: list[str] = []
        self.requests: list[str] = []
        page.on("console", lambda msg: msg.type == "error" and self.errors.append(msg.text))
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        page.on("request", lambda req: self.requests.append(req.url))

    def foreign_requests(self, allowed_prefix: str) -> list[str]:
        """Requests to anything but the site itself (file:// bundle or the local server)."""
        ok = (allowed_prefix, "data:", "blob:", "about:")
        return [u for u in self.requests if not u.startswith(ok)]


@pytest.fixture
def new_page(browser):
    """A fresh browser context (own storage) per call: new_page(viewport=PHONE)."""
    contexts = []

    def make(viewport=PHONE, **options):
        context = browser.new_context(viewport=viewport, locale="vi-VN", **options)
        contexts.append(context)
        page = context.new_page()
        return page, PageWatch(page)

    yield make
    for context in contexts:
        context.close()
