"""The default handbook in headless Chromium: served and from the unzipped offline bundle (file://)."""

from __future__ import annotations

import pytest

from conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser

DEEP_LINK = "van-ban/qc-lam-viec-lung-phinh.html#dieu-6-khoan-3"


@pytest.fixture(params=["served", "file"])
def base(request, default_server, default_bundle):
    if request.param == "served":
        return default_server, default_server
    root = default_bundle.as_uri() + "/"
    return root, "file://"


def test_deep_link_to_a_khoan_is_visible_at_phone_width(new_page, base):
    url, allowed = base
    page, watch = new_page(PHONE)
    page.goto(url + DEEP_LINK)
    clause = page.locator("#dieu-6-khoan-3")
    clause.wait_for()
    box = clause.bounding_box()
    assert box is not None and 0 <= box["y"] < PHONE["height"] / 2, box
    assert "Tập trung chỉ đạo" in clause.inner_text()
    assert watch.errors == []
    assert watch.foreign_requests(allowed) == []


def test_navigation_between_pages_without_errors(new_page, base):
    url, allowed = base
    page, watch = new_page(DESKTOP)
    page.goto(url + "index.html")
    page.locator(".sotay-doclist a", has_text="Đảng bộ xã Lùng Phình").first.click()
    page.wait_for_url("**/van-ban/qc-lam-viec-lung-phinh.html")
    page.locator("#dieu-6 ~ .sotay-article a.sotay-chip", has_text="Bí thư").first.click()
    page.wait_for_url("**/vai-tro/bi-thu*.html")
    assert page.locator("h1").inner_text().startswith("Bí thư")
    page.locator("a[href*='qc-lam-viec-lung-phinh.html#dieu-6-khoan-']").first.click()
    page.wait_for_url("**/van-ban/qc-lam-viec-lung-phinh.html#dieu-6-khoan-*")
    assert watch.errors == []
    assert watch.foreign_requests(allowed) == []


def test_decision_and_attached_regulation_link_to_each_other(new_page, base):
    url, _ = base
    page, _ = new_page(DESKTOP)
    page.goto(url + "van-ban/qd-230-ban-thuong-vu-tinh-uy.html")
    page.locator(".sotay-card a", has_text="Quy chế phối hợp").click()
    page.wait_for_url("**/van-ban/qc-phoi-hop-cong-an-tinh.html")
    assert page.locator(".sotay-card a", has_text="Quyết định").count() == 1


def test_bundle_footer_shows_build_date_and_content_version(new_page, default_bundle):
    page, _ = new_page(PHONE)
    page.goto(default_bundle.as_uri() + "/index.html")
    footer = page.locator(".md-copyright").inner_text()
    readme = (default_bundle / "README.txt").read_text(encoding="utf-8")
    version = footer.split("Phiên bản nội dung")[1].split()[0]
    assert version in readme
    assert "Bản dựng ngày" in footer
