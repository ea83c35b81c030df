"""Search in headless Debian Chromium: served over http and opened from file://."""

from __future__ import annotations

import functools
import http.server
import threading
import unicodedata
from urllib.parse import quote

import pytest

from conftest import require_chromium
from tests.search_fixture import build_fixture_site

pytestmark = pytest.mark.browser

LAM_VIEC = "van-ban/quy-che-lam-viec.html"
PHOI_HOP = "van-ban/quy-che-phoi-hop.html"

# (query as typed, a result link that must be among the first three)
QUERIES = [
    ("pho bi thu thuong truc", f"{LAM_VIEC}#dieu-7"),
    ("Phó Bí thư Thường trực", f"{LAM_VIEC}#dieu-7"),
    ("dang uy vien", f"{LAM_VIEC}#dieu-9"),
    ("Đảng ủy viên", f"{LAM_VIEC}#dieu-9"),
    ("dieu dong can bo", f"{LAM_VIEC}#dieu-7-khoan-2"),
    (unicodedata.normalize("NFD", "Bí thư chi bộ"), "vai-tro/bi-thu-chi-bo.html#nhiem-vu-1"),
    ("bi thu chi bo", "vai-tro/bi-thu-chi-bo.html#nhiem-vu-1"),
    ("ban thuong vu", f"{LAM_VIEC}#dieu-5"),
    ("BTV", f"{LAM_VIEC}#dieu-5"),
    ("ubkt", f"{LAM_VIEC}#dieu-8"),
    ("HĐND", f"{PHOI_HOP}#dieu-4"),
    ("hdnd", f"{PHOI_HOP}#dieu-4"),
    ("hoi nghi thuong ky", f"{LAM_VIEC}#dieu-6-khoan-3-diem-a"),
    ("dieu 6 khoan 3", f"{LAM_VIEC}#dieu-6-khoan-3"),
]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    require_chromium()
    dest = tmp_path_factory.mktemp("site")
    build_fixture_site(dest)
    return dest


@pytest.fixture(scope="module")
def server(site):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_port}/"
    httpd.shutdown()


# `browser`: the session-wide Debian Chromium from tests/conftest.py (one Playwright per test run).


@pytest.fixture(params=["http", "file"])
def base(request, site, server):
    return server if request.param == "http" else site.as_uri() + "/"


@pytest.fixture
def page(browser, base):
    """A phone-sized page that records console errors and every request."""
    context = browser.new_context(viewport={"width": 360, "height": 740})
    pg = context.new_page()
    pg.errors, pg.requests = [], []
    pg.on("console", lambda m: m.type == "error" and pg.errors.append(m.text))
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.on("request", lambda r: pg.requests.append(r.url))
    yield pg
    context.close()


def assert_clean(pg, base):
    assert pg.errors == []
    foreign = [u for u in pg.requests if not (u.startswith(base) or u.startswith(("blob:", "data:")))]
    assert foreign == []


def search(pg, base, query):
    pg.goto(f"{base}tim-kiem.html?q={quote(query)}")
    pg.wait_for_selector("[data-sotay-search][data-state=done]", timeout=15000)
    return [a.get_attribute("href") for a in pg.query_selector_all(".sotay-hit__link")]


@pytest.mark.parametrize("query,expected", QUERIES, ids=[q for q, _ in QUERIES])
def test_query_finds_the_clause_in_the_top_three(page, base, query, expected):
    hrefs = search(page, base, query)
    assert expected in hrefs[:3], hrefs[:5]
    assert_clean(page, base)


def test_folded_matches_are_highlighted(page, base):
    search(page, base, "dang uy vien")
    first = page.query_selector(".sotay-hit__excerpt")
    marks = [m.inner_text() for m in first.query_selector_all("mark")]
    assert "Đảng" in marks and "viên" in marks


def test_clicking_a_result_opens_the_clause(page, base):
    search(page, base, "pho bi thu thuong truc")
    page.click(".sotay-hit__link >> nth=0")
    page.wait_for_url("**/quy-che-lam-viec.html#dieu-7")
    assert page.evaluate("document.querySelector(':target').id") == "dieu-7"
    assert_clean(page, base)


def test_result_cards_are_thumb_sized(page, base):
    search(page, base, "bi thu")
    box = page.query_selector(".sotay-hit__link").bounding_box()
    assert box["height"] >= 48 and box["width"] >= 300


def test_typing_updates_results_and_the_shareable_url(page, base):
    page.goto(f"{base}tim-kiem.html")
    page.wait_for_selector("[data-sotay-search][data-state=idle]")
    page.fill("#sotay-search-q", "ubkt")
    page.wait_for_function("document.querySelector('.sotay-hit__link')?.href.includes('#dieu-8')", timeout=15000)
    if base.startswith("http"):  # file:// may refuse replaceState; the page still works
        assert "q=ubkt" in page.url
    assert_clean(page, base)


def test_kind_filter_from_the_url_and_the_chips(page, base):
    page.goto(f"{base}tim-kiem.html?q=bi%20thu&loai=vai-tro")
    page.wait_for_selector("[data-sotay-search][data-state=done]", timeout=15000)
    hrefs = [a.get_attribute("href") for a in page.query_selector_all(".sotay-hit__link")]
    assert hrefs and all(h.startswith("vai-tro/") for h in hrefs)
    page.check("input[name=loai][value=van-ban]")
    page.wait_for_function(
        "[...document.querySelectorAll('.sotay-hit__link')].every(a => a.getAttribute('href').startsWith('van-ban/'))",
        timeout=15000,
    )
    assert_clean(page, base)


def test_no_result_message(page, base):
    search(page, base, "xyzzy")
    assert "Không tìm thấy" in page.inner_text("[data-role=status]")
    assert_clean(page, base)


def test_header_box_slash_shortcut_and_submit(page, base):
    page.goto(f"{base}{PHOI_HOP}")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.name") == "q"
    page.keyboard.type("btv")
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-sotay-search][data-state=done]", timeout=15000)
    assert page.input_value("#sotay-search-q") == "btv"
    hrefs = [a.get_attribute("href") for a in page.query_selector_all(".sotay-hit__link")]
    assert f"{LAM_VIEC}#dieu-5" in hrefs[:3]
    assert_clean(page, base)


def test_file_mode_loads_only_the_chunks_a_query_needs(page, base):
    if not base.startswith("file:"):
        pytest.skip("file:// only")
    search(page, base, "ubkt")
    loaded = [u for u in page.requests if "/pagefind-file/" in u]
    assert not any("/pagefind/" in u for u in page.requests)
    fragments = [u for u in loaded if "/fragment/" in u]
    assert 1 <= len(fragments) < 3  # not every page of the site
    assert not any("pagefind-worker" in u for u in page.requests)


@pytest.fixture(scope="module")
def material_site(tmp_path_factory):
    """A two-page MkDocs + Material site with our header partials and no search plugin."""
    import shutil
    import subprocess
    import sys

    from generator.publish import search_index as index
    from generator.views import search as search_view
    from generator.site.render import make_environment, render_template
    from tests.search_fixture import ALIASES, REPO

    require_chromium()
    root = tmp_path_factory.mktemp("mkdocs")
    for name in ("header.html", "search.html"):
        (root / "overrides" / "partials").mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / "overrides" / "partials" / name, root / "overrides" / "partials" / name)
    shutil.copytree(REPO / "overrides" / "assets" / "sotay", root / "docs" / "assets" / "sotay")
    fragment = render_template(make_environment(), "search.html", root="", aliases=search_view.search_aliases(ALIASES))
    (root / "docs" / "tim-kiem.md").write_text("# Tìm kiếm\n\n" + fragment, encoding="utf-8")
    (root / "docs" / "index.md").write_text(
        '# Trang chủ\n\n<div data-pagefind-body markdown>\n\n## Điều 9. Trách nhiệm {#dieu-9}\n\n'
        '<p id="dieu-9-khoan-1">1. Mỗi Đảng ủy viên theo dõi một chi bộ.</p>\n\n</div>\n',
        encoding="utf-8",
    )
    (root / "mkdocs.yml").write_text(
        "site_name: Sổ tay\nuse_directory_urls: false\nplugins: []\n"
        "theme: {name: material, custom_dir: overrides, language: vi, font: false}\n"
        "markdown_extensions: [attr_list, md_in_html]\n"
        "extra_css: [assets/sotay/search.css]\n"
        "extra_javascript: [assets/sotay/dom.js, assets/sotay/search-core.js, assets/sotay/search-file.js, assets/sotay/search.js]\n",
        encoding="utf-8",
    )
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=root, check=True)
    index.index_site(root / "site")
    return root / "site"


@pytest.mark.parametrize("mode", ["http", "file"])
def test_material_header_box_with_slash_shortcut(browser, material_site, mode):
    httpd = None
    if mode == "http":
        httpd = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(material_site))
        )
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{httpd.server_port}/"
    else:
        base = material_site.as_uri() + "/"
    context = browser.new_context(viewport={"width": 1024, "height": 740})
    pg = context.new_page()
    pg.errors, pg.requests = [], []
    pg.on("console", lambda m: m.type == "error" and pg.errors.append(m.text))
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.on("request", lambda r: pg.requests.append(r.url))
    try:
        pg.set_viewport_size({"width": 360, "height": 740})  # phone: the magnifier opens the search page
        pg.goto(f"{base}index.html")
        assert not pg.is_visible("[data-sotay-header-search] input[name=q]")
        with pg.expect_navigation():
            pg.click("[data-sotay-header-search] button")
        # data-state=idle is in the HTML already: wait for search.js to have set the page up
        pg.wait_for_function("typeof document.querySelector('[data-sotay-search]')?.sotaySearch === 'function'")
        assert pg.evaluate("document.activeElement.id") == "sotay-search-q"
        pg.set_viewport_size({"width": 1024, "height": 740})  # desktop: the box and "/"
        pg.goto(f"{base}index.html")
        assert pg.is_visible("[data-sotay-header-search] input[name=q]")
        pg.keyboard.press("/")
        assert pg.evaluate("document.activeElement.id") == "sotay-header-q"
        pg.keyboard.type("dang uy vien")
        pg.keyboard.press("Enter")
        pg.wait_for_selector("[data-sotay-search][data-state=done]", timeout=15000)
        hrefs = [a.get_attribute("href") for a in pg.query_selector_all(".sotay-hit__link")]
        assert "index.html#dieu-9-khoan-1" in hrefs[:3] or "index.html#dieu-9" in hrefs[:3], hrefs
        assert_clean(pg, base)
    finally:
        context.close()
        if httpd:
            httpd.shutdown()


def test_served_bundle_without_pagefind_dir_falls_back_to_the_scripts(browser, site, tmp_path):
    """The offline zip may ship only pagefind-file/; served over http it still searches."""
    import shutil

    copy = tmp_path / "site"
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns("pagefind"))
    assert not (copy / "pagefind").exists() and (copy / "pagefind-file").is_dir()
    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(copy))
    )
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    context = browser.new_context()
    pg = context.new_page()
    try:
        hrefs = search(pg, f"http://127.0.0.1:{httpd.server_port}/", "ubkt")
        assert f"{LAM_VIEC}#dieu-8" in hrefs[:3]
    finally:
        context.close()
        httpd.shutdown()


def test_every_kind_chip_and_the_first_result_are_on_a_phone_first_screen(browser, default_server):
    """The handbook's six kinds (Tất cả … Bài học) at 360 × 740: none off-screen, ≥ 44 px
    targets, and the first result still starts on the first screen."""
    context = browser.new_context(viewport={"width": 360, "height": 740})
    pg = context.new_page()
    pg.goto(f"{default_server}tim-kiem.html?q={quote('pho bi thu thuong truc')}")
    pg.wait_for_selector("[data-sotay-search][data-state=done]", timeout=15000)
    chips = pg.evaluate(
        "[...document.querySelectorAll('.sotay-search__kind')].map(el => {"
        " const r = el.getBoundingClientRect(); return [el.textContent.trim(), r.left, r.right, r.height]; })"
    )
    assert len(chips) >= 6
    assert [name for name, left, right, _ in chips if left < 0 or right > 360] == []
    assert [name for name, _, _, height in chips if height < 44] == []
    first = pg.locator(".sotay-hit__link").first.bounding_box()
    assert first["y"] + 48 <= 740
    context.close()
