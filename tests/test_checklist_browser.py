"""Checklist page in headless Debian Chromium, opened from file:// like the offline zip.

The harness page is rendered inside the test from generator/templates/checklist.html
and the real assets (checklist.css, checklist-state.js, checklist.js), so it runs
without building the site. Site-level tests live elsewhere.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jinja2
import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
ASSETS = ROOT / "overrides" / "assets" / "sotay"
LEGACY_KEY = "sotay:checklist:chuan-bi-hoi-nghi-btv"  # the first releases: one key for every handbook


def key(page, prefix: str = "sotay:checklist:") -> str:
    """This handbook's storage key, as a JS string literal: the checklist id @ the handbook's folder."""
    return json.dumps(f"{prefix}chuan-bi-hoi-nghi-btv@" + page.evaluate("Sotay.dom.storageScope()"))

DEFINITION = {
    "id": "chuan-bi-hoi-nghi-btv",
    "title": "Chuẩn bị hội nghị Ban Thường vụ",
    "event": "meeting",
    "event_label": "Ngày họp",
    "items": [
        {"id": "xac-dinh-noi-dung", "text": "Xác định mục đích, nội dung hội nghị", "due": None, "items": []},
        {
            "id": "gui-tai-lieu",
            "text": "Gửi tài liệu đến Văn phòng Đảng ủy để thẩm định",
            "due": {"days": -2, "unit": "day"},
            "items": [{"id": "tham-dinh", "text": "Văn phòng thẩm định tài liệu", "due": None, "items": []}],
        },
        {"id": "gui-giay-moi", "text": "Gửi giấy mời </script><b>x</b> & 'tài liệu'", "due": {"days": -1, "unit": "day"}, "items": []},
    ],
}


def _view_item(item: dict) -> dict:
    return {
        "id": item["id"],
        "text": item["text"],
        "cite_label": "Điều 11 khoản 3",
        "cite_href": "../van-ban/qc-lam-viec-lung-phinh.html#dieu-11-khoan-3",
        "due_label": "Trước họp ít nhất 2 ngày" if item["due"] else None,
        "items": [_view_item(i) for i in item["items"]],
    }


def render_harness(directory: Path, calendar: dict | None = None, definition: dict = DEFINITION) -> Path:
    """Write danh-muc.html + assets into `directory`; with `calendar`, also workdays.js and its island."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(ROOT / "generator" / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    view = {
        "id": definition["id"],
        "title": definition["title"],
        "trigger": "Khi Thường trực quyết định triệu tập hội nghị Ban Thường vụ.",
        "event_label": definition["event_label"],
        "users": [{"name": "Văn phòng Đảng ủy", "href": "../co-quan/van-phong-dang-uy.html"}],
        "items": [_view_item(i) for i in definition["items"]],
        "definition_json": json.dumps(definition, ensure_ascii=False),
    }
    fragment = env.get_template("checklist.html").render(checklist=view)
    names = ["checklist.css", "dom.js", "checklist-state.js", "checklist.js"] + (["workdays.js"] if calendar else [])
    for name in names:
        shutil.copy(ASSETS / name, directory / name)
    extra = ""
    if calendar:
        extra = (
            f"<script type='application/json' id='sotay-calendar'>{json.dumps(calendar)}</script>"
            "<script src='workdays.js'></script>"
        )
    page = directory / "danh-muc.html"
    page.write_text(
        "<!doctype html><html lang='vi'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        "<title>Danh mục</title><link rel='stylesheet' href='checklist.css'></head>"
        f"<body><main><h1>{definition['title']}</h1>{fragment}</main>{extra}"
        "<script src='dom.js'></script><script src='checklist-state.js'></script><script src='checklist.js'></script>"
        "</body></html>",
        encoding="utf-8",
    )
    return page


# `browser`: the session-wide Debian Chromium from tests/conftest.py (one Playwright per test run).


@pytest.fixture
def harness(tmp_path):
    return render_harness(tmp_path)


@pytest.fixture
def page(browser, harness):
    context = browser.new_context(viewport={"width": 360, "height": 740}, accept_downloads=True)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.goto(harness.as_uri())
    yield pg
    context.close()
    assert errors == []


def box(page, item_id):
    return page.locator(f'input[type="checkbox"][data-item-id="{item_id}"]')


def progress_text(page):
    return page.locator('[data-role="progress-text"]').inner_text()


def test_island_is_escaped_and_parsed(page):
    html = page.content()
    assert "<b>x</b>" not in html.split('id="sotay-checklist"')[1]
    assert page.locator("b").count() == 0
    assert "Gửi giấy mời </script><b>x</b> & 'tài liệu'" in page.locator('label[data-item-id="gui-giay-moi"]').inner_text()
    assert progress_text(page) == "0/4 việc"


def test_tick_survives_reload(page):
    box(page, "gui-tai-lieu").check()
    assert progress_text(page) == "1/4 việc"
    page.reload()
    assert box(page, "gui-tai-lieu").is_checked()
    assert not box(page, "tham-dinh").is_checked()
    assert progress_text(page) == "1/4 việc"
    stored = json.loads(page.evaluate(f"localStorage.getItem({key(page)})"))
    assert stored["schema"] == 2


def test_keyboard_tick_and_label_click(page):
    page.locator('label[data-item-id="xac-dinh-noi-dung"]').click()
    assert box(page, "xac-dinh-noi-dung").is_checked()
    box(page, "tham-dinh").focus()
    page.keyboard.press("Space")
    assert box(page, "tham-dinh").is_checked()
    assert progress_text(page) == "2/4 việc"


def test_runs_are_independent(page):
    box(page, "xac-dinh-noi-dung").check()
    page.get_by_role("button", name="Lượt mới").click()
    assert not box(page, "xac-dinh-noi-dung").is_checked()
    box(page, "gui-giay-moi").check()
    archive = page.locator('[data-role="archive"]')
    assert archive.is_visible()
    archive.locator("summary").click()
    assert "Lượt 1" in archive.inner_text()
    first = page.evaluate("Sotay.checklistPage.state.runs[0].id")
    page.select_option('[data-role="run-select"]', first)
    assert box(page, "xac-dinh-noi-dung").is_checked()
    assert not box(page, "gui-giay-moi").is_checked()
    page.reload()
    assert box(page, "xac-dinh-noi-dung").is_checked()
    assert page.locator('[data-role="run-select"] option').count() == 2


def test_event_date_gives_due_dates(page):
    page.fill('[data-role="event-date"]', "2026-12-10")
    due = page.locator('[data-role="due-date"][data-item-id="gui-tai-lieu"]').inner_text()
    assert "08/12/2026" in due
    page.reload()
    assert page.input_value('[data-role="event-date"]') == "2026-12-10"


def test_due_dates_use_working_days_when_the_engine_is_loaded(browser, tmp_path):
    calendar = {"years": [2020, 2035], "announced": [2026], "days": {"2026-12-04": {"off": True, "reason": "ngày nghỉ thử"}}}
    harness = render_harness(tmp_path, calendar=calendar)
    context = browser.new_context()
    pg = context.new_page()
    pg.goto(harness.as_uri())
    # meeting Mon 07/12: "ít nhất 2 ngày trước" → Sat 05/12 → Fri 04/12 is off too → Thu 03/12
    pg.fill('[data-role="event-date"]', "2026-12-07")
    due = pg.locator('[data-role="due-date"][data-item-id="gui-tai-lieu"]')
    assert "03/12/2026" in due.inner_text()
    assert due.get_attribute("title")
    context.close()


def test_note_is_kept(page):
    page.locator('[data-role="note-box"][data-item-id="gui-tai-lieu"] summary').click()
    page.fill('textarea[data-item-id="gui-tai-lieu"]', "Chờ báo cáo của Ban xây dựng Đảng")
    page.reload()
    assert page.input_value('textarea[data-item-id="gui-tai-lieu"]') == "Chờ báo cáo của Ban xây dựng Đảng"


def test_export_then_import_in_another_browser(page, browser, harness, tmp_path):
    box(page, "gui-tai-lieu").check()
    page.fill('[data-role="event-date"]', "2026-12-10")
    with page.expect_download() as info:
        page.get_by_role("button", name="Lưu đánh dấu, ghi chú thành tệp").click()
    exported = tmp_path / info.value.suggested_filename
    info.value.save_as(exported)
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["checklistId"] == "chuan-bi-hoi-nghi-btv" and data["run"]["eventDate"] == "2026-12-10"

    other = browser.new_context()
    pg = other.new_page()
    pg.goto(harness.as_uri())
    assert not box(pg, "gui-tai-lieu").is_checked()
    pg.set_input_files('[data-role="import"]', str(exported))
    pg.wait_for_function("document.querySelector('[data-role=status]')?.textContent.includes('Đã nhập')")
    assert box(pg, "gui-tai-lieu").is_checked()
    assert pg.input_value('[data-role="event-date"]') == "2026-12-10"

    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "khac"}', encoding="utf-8")
    pg.set_input_files('[data-role="import"]', str(bad))
    pg.wait_for_function("document.querySelector('[data-role=status]')?.textContent.includes('Không nhập được')")
    other.close()


def test_share_link_opens_as_new_run(page, browser):
    box(page, "tham-dinh").check()
    page.get_by_role("button", name="Sao chép đường dẫn chia sẻ").click()
    link = page.input_value('[data-role="share-link"]')
    assert "#luot=" in link

    other = browser.new_context()
    pg = other.new_page()
    pg.goto(link)
    assert box(pg, "tham-dinh").is_checked()
    assert "#" not in pg.url
    pg.reload()
    assert pg.evaluate(f"JSON.parse(localStorage.getItem({key(pg)})).runs.length") == 2
    other.close()


def test_corrupted_storage_is_reported_and_backed_up(page):
    page.evaluate(f"localStorage.setItem({key(page)}, '{{not json')")
    page.reload()
    banner = page.locator('[data-role="error"]')
    assert banner.is_visible()
    assert "bị hỏng" in banner.inner_text()
    assert page.evaluate(f"localStorage.getItem({key(page, 'sotay:checklist-backup:')})") == "{not json"
    box(page, "gui-tai-lieu").check()  # still usable
    assert progress_text(page) == "1/4 việc"


def test_removed_items_are_shown_not_dropped(page):
    state = {
        "schema": 1,
        "ticks": {"gui-tai-lieu": True, "viec-cu": True},
        "notes": {"viec-cu": "đã làm tháng trước"},
    }
    page.evaluate(f"localStorage.setItem({key(page)}, {json.dumps(json.dumps(state))})")
    page.reload()
    assert box(page, "gui-tai-lieu").is_checked()  # migrated from schema 1
    removed = page.locator('[data-role="removed"]')
    assert removed.is_visible()
    assert "Đã bỏ khỏi danh mục" in removed.inner_text()
    assert "đã làm tháng trước" in removed.inner_text()
    assert progress_text(page) == "1/4 việc"
    removed.get_by_role("button", name="Xóa khỏi lượt này").click()
    assert not removed.is_visible()


def test_tap_targets_on_a_phone(page):
    for sel in ['label[data-item-id="gui-tai-lieu"]', '[data-action="new-run"]', '[data-action="print"]', '[data-role="event-date"]']:
        bb = page.locator(sel).bounding_box()
        assert bb["height"] >= 44, sel
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_printed_with_no_date_shows_a_line_to_fill_not_mm_dd_yyyy(page):
    page.emulate_media(media="print")
    field = page.locator('[data-role="event-date"]').locator("xpath=..")
    assert field.get_attribute("data-empty") is not None
    assert not page.is_visible('[data-role="event-date"]')  # would print "mm/dd/yyyy"
    after = page.evaluate("getComputedStyle(document.querySelector('.sotay-checklist__field[data-empty] label'), '::after').content")
    assert "……" in after
    page.emulate_media(media="screen")
    page.fill('[data-role="event-date"]', "2026-12-10")
    page.emulate_media(media="print")
    assert field.get_attribute("data-empty") is None
    assert page.is_visible('[data-role="event-date"]')


def test_prototype_named_item_ids_are_ordinary_items(browser, tmp_path):
    """An item id "constructor" showed the note "function Object() { [native code] }"."""
    ids = ["constructor", "__proto__", "toString"]
    definition = {**DEFINITION, "items": [{"id": i, "text": f"Việc {i}", "due": None, "items": []} for i in ids]}
    context = browser.new_context(viewport={"width": 360, "height": 740})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.goto(render_harness(tmp_path, definition=definition).as_uri())
    for i in ids:
        assert pg.input_value(f'textarea[data-item-id="{i}"]') == "", i
        assert not box(pg, i).is_checked(), i
    assert "native code" not in pg.locator("[data-checklist]").inner_text()
    assert not pg.locator('[data-role="removed"]').is_visible()
    for i in ids:
        box(pg, i).check()
    pg.reload()
    assert all(box(pg, i).is_checked() for i in ids)
    assert progress_text(pg) == "3/3 việc"
    assert errors == []
    context.close()


def test_an_event_date_that_is_not_a_day_is_said_in_words(page):
    box(page, "gui-tai-lieu").check()
    stored = json.loads(page.evaluate(f"localStorage.getItem({key(page)})"))
    stored["runs"][0]["eventDate"] = "2026-02-31"  # an old build, an edited file: Date.parse takes it for 3 March
    page.evaluate(f"localStorage.setItem({key(page)}, {json.dumps(json.dumps(stored))})")
    page.reload()
    banner = page.locator('[data-role="error"]')
    assert banner.is_visible()
    assert 'ngày "2026-02-31" không có thật' in banner.inner_text() and "hãy chọn lại ngày" in banner.inner_text()
    assert box(page, "gui-tai-lieu").is_checked()  # the ticks stay
    assert page.input_value('[data-role="event-date"]') == ""
    assert page.locator('[data-role="due-date"][data-item-id="gui-tai-lieu"]').inner_text() == ""
    page.fill('[data-role="event-date"]', "1800-12-10")
    assert "Ngày diễn ra không hợp lệ: năm 1800 nằm ngoài khoảng 1900–2100." in banner.inner_text()
    page.fill('[data-role="event-date"]', "2026-12-10")
    assert "08/12/2026" in page.locator('[data-role="due-date"][data-item-id="gui-tai-lieu"]').inner_text()
    assert "Ngày diễn ra không hợp lệ" not in banner.inner_text()


# --- storage: one handbook's ticks are its own; a full storage still shows them ----------------


def fill_storage(page) -> None:
    """Fill this origin's localStorage up to the last character the browser takes."""
    page.evaluate("""() => {
        let size = 1 << 20, i = 0;
        while (size >= 1) {
            try { localStorage.setItem('fill:' + i, 'x'.repeat(size)); i += 1; }
            catch (e) { size = Math.floor(size / 2); }
        }
    }""")


def test_two_handbooks_in_two_folders_keep_their_ticks_apart(browser, tmp_path):
    """Under file:// every page shares one origin: the key carries the handbook's folder."""
    folders = [tmp_path / "so-tay-xa-a", tmp_path / "so-tay-xa-b"]
    for folder in folders:
        folder.mkdir()
    first, second = (render_harness(folder) for folder in folders)
    context = browser.new_context(viewport={"width": 360, "height": 740})
    pg = context.new_page()
    pg.goto(first.as_uri())
    box(pg, "gui-tai-lieu").check()
    pg.goto(second.as_uri())
    assert not box(pg, "gui-tai-lieu").is_checked()
    assert progress_text(pg) == "0/4 việc"
    box(pg, "tham-dinh").check()
    pg.goto(first.as_uri())  # the same handbook again (a rebuild in the same folder): its own ticks
    assert box(pg, "gui-tai-lieu").is_checked() and not box(pg, "tham-dinh").is_checked()
    context.close()


def test_ticks_under_the_old_shared_key_are_copied_not_lost(page):
    state = {"schema": 1, "ticks": {"gui-tai-lieu": True}}
    page.evaluate(f"localStorage.setItem({json.dumps(LEGACY_KEY)}, {json.dumps(json.dumps(state))})")
    page.reload()
    assert box(page, "gui-tai-lieu").is_checked()
    assert json.loads(page.evaluate(f"localStorage.getItem({key(page)})"))["schema"] == 1  # copied as it was
    assert page.evaluate(f"localStorage.getItem({json.dumps(LEGACY_KEY)})") is not None  # left for other handbooks
    box(page, "tham-dinh").check()
    page.reload()
    assert box(page, "gui-tai-lieu").is_checked() and box(page, "tham-dinh").is_checked()


def test_full_storage_keeps_showing_the_ticks_and_says_so(page):
    box(page, "gui-tai-lieu").check()
    fill_storage(page)
    page.reload()
    banner = page.locator('[data-role="error"]')
    assert box(page, "gui-tai-lieu").is_checked()  # was: 0 ticks, "chế độ riêng tư?"
    assert progress_text(page) == "1/4 việc"
    assert not banner.is_visible()
    box(page, "tham-dinh").check()
    assert banner.is_visible()
    assert "Bộ nhớ trình duyệt đầy" in banner.inner_text()
    assert "Lưu đánh dấu, ghi chú thành tệp" in banner.inner_text()
    assert "riêng tư" not in banner.inner_text()
    assert box(page, "tham-dinh").is_checked()  # the change stays on the page
    assert progress_text(page) == "2/4 việc · chưa lưu"  # the progress bar stays in view while scrolling
    assert banner.get_by_role("button", name="Lưu đánh dấu, ghi chú thành tệp").is_visible()
    # room again: the next change saves everything, the banner goes
    page.evaluate("localStorage.removeItem('fill:0')")
    box(page, "xac-dinh-noi-dung").check()
    assert not banner.is_visible()
    assert "Đã lưu được" in page.locator('[data-role="status"]').inner_text()
    page.reload()
    assert progress_text(page) == "3/4 việc"
