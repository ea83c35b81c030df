"""The installable offline app (served mode): manifest, service worker, the
"Tải toàn bộ để đọc offline" prompt, the whole handbook in the cache, reading
in airplane mode, and a new build replacing the old cache. Under file:// (the
USB bundle) none of it is used: no service worker, no prompt, no error."""

from __future__ import annotations

import contextlib
import json
import shutil
import struct

import pytest

from generator.publish import offline
from tests.conftest import serve_directory
from tests.site_pages import page_types


def sw_listing(site):
    """The worker's head (version, count, bytes) with the files of the list it fetches when asked."""
    text = (site / "sw.js").read_text(encoding="utf-8")
    head = text.split("\n", 1)[0]
    assert head.startswith("self.SOTAY_OFFLINE = ") and head.endswith(";")
    listing = json.loads(head[len("self.SOTAY_OFFLINE = "):-1])
    files = json.loads((site / listing["list"]).read_text(encoding="utf-8"))
    assert files["version"] == listing["version"] and len(files["files"]) == listing["count"]
    return {**listing, "files": files["files"]}


def test_service_worker_script_stays_small_whatever_the_handbook_size(default_site):
    """Every served page registers sw.js: the file list is fetched only when the reader accepts."""
    text = (default_site / "sw.js").read_text(encoding="utf-8")
    assert len(text.split("\n", 1)[0]) < 256  # the build's line: version, count, bytes, the list's name
    assert "van-ban/" not in text


def test_service_worker_lists_every_page_and_the_search_index(default_site):
    listing = sw_listing(default_site)
    files = {path for path, _ in listing["files"]}
    pages = {p.relative_to(default_site).as_posix() for p in default_site.rglob("*.html")}
    assert pages <= files
    search = {p.relative_to(default_site).as_posix() for p in (default_site / "pagefind").rglob("*") if p.is_file()}
    assert search and search <= files
    assert {"manifest.webmanifest", "assets/sotay/ui.js", "assets/sotay/sotay.css"} <= files
    assert not any(f.startswith(("pagefind-file/", "assets/javascripts/")) or f.endswith(".map") for f in files)
    assert listing["bytes"] == sum((default_site / f).stat().st_size for f in files)
    footer = (default_site / "index.html").read_text(encoding="utf-8")
    content_version = listing["version"].split("-")[0]
    assert f"Phiên bản nội dung {content_version}" in footer


def test_manifest_is_vietnamese_with_png_icons(default_site):
    manifest = json.loads((default_site / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert manifest["lang"] == "vi" and manifest["display"] == "standalone"
    assert manifest["start_url"] == "index.html" and manifest["scope"] == "./"
    sizes = {}
    for icon in manifest["icons"]:
        data = (default_site / icon["src"]).read_bytes()
        if icon["type"] == "image/png":
            width, height = struct.unpack(">II", data[16:24])
            sizes[icon["sizes"]] = (width, height)
    assert sizes == {"192x192": (192, 192), "512x512": (512, 512)}


def test_cache_version_follows_content_and_files(tmp_path):
    (tmp_path / "index.html").write_text("a", encoding="utf-8")
    (tmp_path / "pagefind-file").mkdir()
    (tmp_path / "pagefind-file" / "x.js").write_text("skip", encoding="utf-8")
    first = offline.offline_files(tmp_path, "v1")
    assert [p for p, _ in first.files] == ["index.html"] and first.bytes == 1
    assert offline.offline_files(tmp_path, "v2").version != first.version
    (tmp_path / "index.html").write_text("b", encoding="utf-8")
    changed = offline.offline_files(tmp_path, "v1")
    assert changed.version != first.version and changed.files[0][1] != first.files[0][1]


def cache_names(page):
    return page.evaluate("caches.keys()")


@contextlib.contextmanager
def served(site):
    server, base = serve_directory(site)
    try:
        yield base
    finally:
        server.shutdown()


def offer_bar(page, url):
    """Open `url` and wait for the offline bar (its offer comes from the worker)."""
    page.goto(url)
    bar = page.locator("[data-sotay-offline-bar]")
    bar.wait_for(timeout=15000)
    return bar


def accept_offline_prompt(page, base):
    assert "Tải toàn bộ để đọc offline" in offer_bar(page, base + "index.html").inner_text()
    page.get_by_role("button", name="Tải về").click()
    page.wait_for_selector("html[data-sotay-offline=ready]", timeout=90000)


@pytest.mark.browser
def test_whole_handbook_works_offline_after_accepting(default_server, default_site, new_page):
    page, watch = new_page()
    accept_offline_prompt(page, default_server)
    assert page.locator("[data-sotay-offline-bar]").inner_text().startswith("Đã tải xong")
    assert len(cache_names(page)) == 1
    page.context.set_offline(True)
    for kind, path in page_types(default_site).items():
        page.goto(default_server + path)
        assert page.locator("h1").first.is_visible(), kind
    if "tim-kiem" in page_types(default_site):
        page.goto(default_server + "tim-kiem.html?q=bi%20thu")
        page.wait_for_selector("[data-sotay-search][data-state=done]", timeout=20000)
        assert page.locator(".sotay-hit__link").count() > 0
    page.goto(default_server + "van-ban/qc-lam-viec-lung-phinh.html#dieu-3")
    assert page.locator("#dieu-3").is_visible()
    assert page.locator("[data-sotay-offline-bar]").count() == 0  # no prompt once everything is cached
    assert watch.errors == []
    assert watch.foreign_requests(default_server) == []


@pytest.mark.browser
def test_later_hides_the_prompt_and_nothing_is_downloaded(default_server, new_page):
    page, watch = new_page()
    page.goto(default_server + "index.html")
    page.locator("[data-sotay-offline-bar]").wait_for(timeout=15000)
    before = len(watch.requests)
    page.get_by_role("button", name="Để sau").click()
    page.goto(default_server + "vai-tro/bi-thu.html")
    page.wait_for_timeout(500)
    assert page.locator("[data-sotay-offline-bar]").count() == 0
    assert cache_names(page) == []
    assert len(watch.requests) - before < 15  # the next page only, not the handbook
    assert watch.errors == []


@pytest.mark.browser
def test_file_bundle_has_no_service_worker_or_prompt(default_bundle, new_page):
    page, watch = new_page()
    page.goto(default_bundle.as_uri() + "/index.html")
    page.wait_for_timeout(500)
    assert page.locator("[data-sotay-offline-bar]").count() == 0
    assert page.locator("link[rel=manifest]").count() == 0
    assert watch.errors == []


@pytest.mark.browser
def test_new_build_replaces_the_old_cache(default_site, tmp_path, new_page):
    site = tmp_path / "site"
    shutil.copytree(default_site, site)
    with served(site) as base:
        page, watch = new_page()
        accept_offline_prompt(page, base)
        (old_cache,) = cache_names(page)
        home = site / "index.html"
        home.write_text(home.read_text(encoding="utf-8").replace("</h1>", " — bản mới</h1>", 1), encoding="utf-8")
        new = offline.write_service_worker(site, "moi0000000")
        page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
        wanted = [f"sotay-{new.version}"]
        for _ in range(180):  # the new worker fills its cache, then drops the old one
            if cache_names(page) == wanted:
                break
            page.wait_for_timeout(500)
        assert cache_names(page) == wanted and old_cache not in wanted
        page.context.set_offline(True)
        page.goto(base + "index.html")
        assert "bản mới" in page.locator("h1").first.inner_text()
        assert watch.errors == []


@pytest.mark.browser
def test_missing_file_list_says_so_and_caches_nothing(default_site, tmp_path, new_page):
    """The list is fetched when the reader accepts: if it cannot be, the bar says so, nothing half-cached."""
    site = tmp_path / "site"
    shutil.copytree(default_site, site)
    (site / offline.LIST_NAME).unlink()
    with served(site) as base:
        page, watch = new_page()
        offer_bar(page, base + "index.html")
        page.get_by_role("button", name="Tải về").click()
        page.wait_for_function("document.querySelector('[data-sotay-offline-bar]')?.textContent.includes('Chưa tải được')",
                               timeout=30000)
        assert page.get_by_role("button", name="Tải về").is_visible()  # the reader can try again
        assert page.locator("html[data-sotay-offline=ready]").count() == 0
        assert all(page.evaluate(f"caches.open({name!r}).then(c => c.keys()).then(k => k.length)") == 0
                   for name in cache_names(page))


# --- a handbook of several communes: the shared part plus the reader's commune ---------------

AN_HA = "dang-uy-xa-an-ha"


def test_unit_pages_are_listed_apart(tmp_path):
    for rel in ("index.html", "van-ban/a.html", "van-ban/b.html", "pagefind/x.pf_index"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(rel, encoding="utf-8")
    listing = offline.write_service_worker(tmp_path, "v1", {"van-ban/a.html": "xa-a"}, {"xa-a": "Đảng ủy xã A"})
    assert [p for p, _ in listing.files] == ["index.html", "manifest.webmanifest", "pagefind/x.pf_index", "van-ban/b.html"]
    unit = json.loads((tmp_path / "sotay-offline" / "xa-a.json").read_text(encoding="utf-8"))
    assert [p for p, _ in unit["files"]] == ["van-ban/a.html"] and unit["version"] == listing.version
    head = sw_listing(tmp_path)
    assert head["units"] == {"xa-a": ["Đảng ủy xã A", 1, len("van-ban/a.html")]}
    again = offline.write_service_worker(tmp_path, "v1", {"van-ban/a.html": "xa-a"}, {"xa-a": "Đảng ủy xã A"})
    assert again.version == listing.version  # its own lists are not listed


def test_commune_site_lists_each_commune_apart(commune_corpus):
    site = commune_corpus.site_dir.resolve()
    head = sw_listing(site)
    assert set(head["units"]) == {AN_HA, "dang-uy-xa-binh-ha", "dang-uy-xa-lung-phinh"}
    shared = {p for p, _ in head["files"]}
    assert "van-ban/qd-261-ban-bi-thu.html" in shared and "van-ban/qc-lam-viec-an-ha.html" not in shared
    an_ha = json.loads((site / "sotay-offline" / f"{AN_HA}.json").read_text(encoding="utf-8"))
    assert "van-ban/qc-lam-viec-an-ha.html" in {p for p, _ in an_ha["files"]}
    assert head["units"][AN_HA][2] < head["bytes"]  # a commune is a small part of the whole


@pytest.mark.browser
def test_reader_downloads_the_shared_part_and_their_commune(commune_corpus, new_page):
    site = commune_corpus.site_dir.resolve()
    with served(site) as base:
        page, watch = new_page()
        bar = offer_bar(page, base + "van-ban/qc-lam-viec-an-ha.html")
        assert "Tải phần chung và Đảng ủy xã An Hà để đọc offline" in bar.inner_text()
        page.get_by_role("button", name="Tải về").click()
        page.wait_for_selector("html[data-sotay-offline=ready]", timeout=90000)
        assert "Đã tải xong phần chung và Đảng ủy xã An Hà" in bar.inner_text()

        page.context.set_offline(True)
        for path in ("van-ban/qc-lam-viec-an-ha.html", "van-ban/qd-261-ban-bi-thu.html", "vai-tro/bi-thu.html"):
            page.goto(base + path)
            assert page.locator("h1").first.is_visible(), path
        page.goto(base + "tim-kiem.html?q=bi%20thu")
        page.wait_for_selector("[data-sotay-search][data-state=done]", timeout=20000)
        assert page.locator(".sotay-hit__link").count() > 0
        page.goto(base + "van-ban/qc-lam-viec-binh-ha.html")  # another commune: not downloaded
        assert "Quy chế làm việc" not in page.locator("h1").first.inner_text()

        page.context.set_offline(False)  # on Bình Hà's page, the offer is Bình Hà's, on top of An Hà
        assert "Đảng ủy xã Bình Hà" in offer_bar(page, base + "van-ban/qc-lam-viec-binh-ha.html").inner_text()
        assert watch.foreign_requests(base) == []
