"""Checklists on a real built site, served and from file://: ticks survive reloads and rebuilds."""

from __future__ import annotations

import json

import pytest

from conftest import FIXTURES, PHONE, build_project, copy_project, serve_directory
from test_build import write_tiny_content

pytestmark = pytest.mark.browser

PAGE = "danh-muc/chuan-bi-hoi-nghi-btv.html"
CHECKLIST = """checklist:
  id: chuan-bi-hoi-nghi-btv
  title: Chuẩn bị hội nghị Ban Thường vụ
  users: [van-phong-dang-uy, thuong-truc]
  event: meeting
  event_label: Ngày họp
  items:
{items}
"""
ITEM = """    - id: {id}
      text: {text}
      cite: {{document: qc-lam-viec-lung-phinh, article: 6, clause: "3.1"}}
"""


def write_checklist(root, items):
    text = CHECKLIST.format(items="".join(ITEM.format(id=i, text=t) for i, t in items))
    (root / "data" / "checklists" / "chuan-bi-hoi-nghi-btv.yml").write_text(text, encoding="utf-8")


@pytest.fixture(params=["served", "file"])
def project(request, tmp_path):
    content = write_tiny_content(tmp_path / "content-src")
    root = copy_project(tmp_path / "project", content=content, data=FIXTURES / "data_valid")
    write_checklist(root, [("gui-tai-lieu", "Gửi tài liệu"), ("gui-giay-moi", "Gửi giấy mời"), ("chuan-bi-phong", "Chuẩn bị phòng họp")])
    build_project(root)
    if request.param == "served":
        server, url = serve_directory(root / "site")  # follows the symlink: a rebuild swaps what it serves
        yield root, url
        server.shutdown()
    else:
        yield root, (root / "site").as_uri() + "/"


def box(page, item_id):
    return page.locator(f'input[type="checkbox"][data-item-id="{item_id}"]')


def test_ticks_survive_reload_and_a_rebuild_that_changes_the_checklist(new_page, project):
    root, base = project
    page, watch = new_page(PHONE)
    page.goto(base + PAGE)
    box(page, "gui-tai-lieu").check()
    box(page, "gui-giay-moi").check()
    page.reload()
    assert box(page, "gui-tai-lieu").is_checked() and box(page, "gui-giay-moi").is_checked()
    assert not box(page, "chuan-bi-phong").is_checked()

    write_checklist(root, [("gui-tai-lieu", "Gửi tài liệu"), ("chuan-bi-phong", "Chuẩn bị phòng họp"), ("bao-ve", "Bố trí bảo vệ")])
    build_project(root)
    page.reload()
    assert box(page, "gui-tai-lieu").is_checked()
    assert not box(page, "bao-ve").is_checked()
    removed = page.locator('[data-role="removed"]')
    assert removed.is_visible() and "Gửi giấy mời" in removed.inner_text()
    assert watch.errors == []


def test_print_shows_the_ticks(new_page, project):
    _, base = project
    page, _ = new_page(PHONE)
    page.goto(base + PAGE)
    box(page, "gui-tai-lieu").check()
    page.emulate_media(media="print")
    assert box(page, "gui-tai-lieu").is_visible() and box(page, "gui-tai-lieu").is_checked()
    assert page.locator(".md-header").is_hidden()


def test_export_then_import_in_a_fresh_profile(new_page, project, tmp_path):
    _, base = project
    page, _ = new_page(PHONE, accept_downloads=True)
    page.goto(base + PAGE)
    box(page, "gui-giay-moi").check()
    with page.expect_download() as download:
        page.locator('[data-role="tools"] [data-action="export"]').click()
    exported = tmp_path / "luot.json"
    download.value.save_as(exported)
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["checklistId"] == "chuan-bi-hoi-nghi-btv"
    assert data["run"]["ticks"]["gui-giay-moi"]["done"] is True

    fresh, _ = new_page(PHONE)
    fresh.goto(base + PAGE)
    assert not box(fresh, "gui-giay-moi").is_checked()
    fresh.locator('[data-role="import"]').set_input_files(str(exported))
    fresh.wait_for_function("document.querySelector('input[data-item-id=\"gui-giay-moi\"]')?.checked")
