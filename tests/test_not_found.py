"""The "not found" page (overrides/404.html) as a server sends it, for a missing
address at any depth, in Chromium; and its absence from the file:// bundle."""

from __future__ import annotations

import functools
import http.server
import socketserver
import threading
from pathlib import Path

import pytest

from conftest import DESKTOP, PHONE


class _NotFoundHandler(http.server.SimpleHTTPRequestHandler):
    """Like a web host: a missing path gets the site's 404.html, status 404."""

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def host(default_site):
    handler = functools.partial(_NotFoundHandler, directory=str(default_site))
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("missing", ["khong-co-trang-nay.html", "vai-tro/khong-co/trang.html"])
def test_missing_page_is_vietnamese_styled_and_leads_home_and_to_search(new_page, host, missing, viewport):
    page, watch = new_page(viewport=viewport)
    response = page.goto(host + missing)
    assert response.status == 404
    assert page.title().startswith("Không tìm thấy trang")
    assert page.text_content("article h1") == "Không tìm thấy trang"
    assert "Not found" not in page.text_content("body")
    assert page.evaluate("document.documentElement.lang") == "vi"
    # styled at any depth: Material's stylesheet applies (the header is coloured, not a bare list)
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") in ("sticky", "fixed")
    home = page.get_by_role("link", name="Về trang chủ")
    assert home.get_attribute("href") == "/index.html"
    assert page.get_by_role("link", name="Trang tìm kiếm").get_attribute("href") == "/tim-kiem.html"
    page.fill("#sotay-404-q", "phó bí thư")
    page.locator(".sotay-404__search button").click()
    page.wait_for_url("**/tim-kiem.html?q=*")
    assert page.input_value("#sotay-search-q") == "phó bí thư"  # the search page takes it from ?q=
    page.goto(host + missing)
    home.click()
    page.wait_for_url(host + "index.html")
    assert all("404" in e for e in watch.errors), watch.errors  # only the missing page's own status


def test_bundle_leaves_out_the_servers_404_page(default_bundle, default_site):
    """Opened from file://, 404.html would be unstyled and link to file:///index.html."""
    assert not (default_bundle / "404.html").exists()
    assert (default_bundle / "index.html").is_file()
    assert "Không tìm thấy trang" in (default_site / "404.html").read_text(encoding="utf-8")
