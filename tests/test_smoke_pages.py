"""Every page type, served over http and from the unzipped file:// bundle:
no console error, no request to another host, no sideways scroll at 320 px,
the reading controls (A−/A+ remembered across pages, light/dark) and the
interactive parts (navigation, search, checklists, calculators, diagrams)."""

from __future__ import annotations

import zipfile

import pytest

from tests.site_pages import PAGE_TYPES, horizontal_overflow, page_types

pytestmark = pytest.mark.browser
NARROW = {"width": 320, "height": 640}


@pytest.fixture(params=["served", "file"])
def base(request, default_server, default_bundle):
    return default_server if request.param == "served" else default_bundle.as_uri() + "/"


def test_every_page_type_is_built(default_site):
    missing = sorted(set(PAGE_TYPES) - set(page_types(default_site)) - {"tim-kiem"})
    assert not missing, f"no page of type {missing}"


def test_every_page_type_loads_clean_at_320px(base, default_site, new_page):
    page, watch = new_page(NARROW)
    overflow = {}
    for kind, path in page_types(default_site).items():
        page.goto(base + path)
        page.wait_for_load_state("load")
        assert page.locator("h1").first.is_visible(), kind
        overflow[kind] = horizontal_overflow(page)
    assert watch.errors == []
    assert watch.foreign_requests(base) == []
    assert {k: v for k, v in overflow.items() if v > 0} == {}


def test_navigation_from_home_to_a_document_and_a_role(base, new_page):
    page, watch = new_page()
    page.goto(base + "index.html")
    page.locator(".md-content a[href$='van-ban/qc-lam-viec-lung-phinh.html']").first.click()
    page.wait_for_url("**/van-ban/qc-lam-viec-lung-phinh.html")
    assert page.locator("h3#dieu-1").count() == 1
    page.goto(base + "index.html")
    page.locator(".md-content a[href*='vai-tro/']").first.click()
    page.wait_for_url("**/vai-tro/*.html")
    assert watch.errors == [] and watch.foreign_requests(base) == []


def test_text_size_is_remembered_across_pages(base, new_page):
    page, watch = new_page()
    page.goto(base + "index.html")
    size = "parseFloat(getComputedStyle(document.querySelector('.md-content .md-typeset')).fontSize)"
    before = page.evaluate(size)
    page.get_by_role("button", name="A+: chữ lớn hơn").click()
    page.get_by_role("button", name="A+: chữ lớn hơn").click()
    assert page.evaluate(size) > before * 1.25
    page.goto(base + "van-ban/qc-lam-viec-lung-phinh.html")
    assert page.get_attribute("html", "data-sotay-text") == "3"
    bigger = page.evaluate(size)
    page.get_by_role("button", name="A−: chữ nhỏ hơn").click()
    assert page.evaluate(size) < bigger
    page.goto(base + "vai-tro/bi-thu.html")
    assert page.get_attribute("html", "data-sotay-text") == "2"
    assert watch.errors == []


def test_dark_mode_toggle_is_remembered(base, new_page):
    page, watch = new_page()
    page.goto(base + "index.html")
    assert page.get_attribute("body", "data-md-color-scheme") == "default"
    page.get_by_role("button", name="Chuyển sang nền tối").click() if page.get_by_role(
        "button", name="Chuyển sang nền tối").count() else page.locator("label[title='Chuyển sang nền tối']").click()
    assert page.get_attribute("body", "data-md-color-scheme") == "slate"
    page.goto(base + "vai-tro/bi-thu.html")
    assert page.get_attribute("body", "data-md-color-scheme") == "slate"
    assert page.locator("label[title='Chuyển sang nền sáng']").is_visible()
    assert watch.errors == []


def test_back_to_article_link_on_long_document(base, new_page):
    page, watch = new_page()
    page.goto(base + "van-ban/qc-lam-viec-lung-phinh.html")
    link = page.locator("[data-sotay-article-top]")
    assert link.is_hidden()
    page.evaluate("window.scrollTo(0, document.getElementById('dieu-5').getBoundingClientRect().top + scrollY + 300)")
    page.wait_for_timeout(100)
    assert link.is_visible()
    assert link.inner_text() == "↑ Về đầu Điều 5"
    page.get_by_role("button", name="A+: chữ lớn hơn").click()  # headings move: still the right article
    page.evaluate("window.scrollTo(0, document.getElementById('dieu-5').getBoundingClientRect().top + scrollY + 300)")
    page.wait_for_timeout(100)
    assert link.inner_text() == "↑ Về đầu Điều 5"
    link.click()
    page.wait_for_timeout(100)
    assert page.evaluate("location.hash") == "#dieu-5"
    assert watch.errors == []


def test_checklist_ticks_and_calculator_runs(base, default_site, new_page):
    page, watch = new_page()
    page.goto(base + "danh-muc/chuan-bi-hoi-nghi-btv.html")
    box = page.locator(".md-content input[type=checkbox]").first
    box.check()
    page.reload()
    assert page.locator(".md-content input[type=checkbox]").first.is_checked()
    # the working-day calculator answers: received Monday 2/3/2026, 7 working days → Wednesday 11/3/2026
    page.goto(base + "cong-cu/han-ngay-lam-viec.html")
    form = page.locator(".md-content form.sotay-calc").first
    form.locator("input[name=start]").fill("2026-03-02")
    form.locator("input[name=days]").fill("7")
    form.locator("button[type=submit]").click()
    assert form.locator("output[name=end]").inner_text().strip() == "11/03/2026 (Thứ Tư)"
    assert watch.errors == [] and watch.foreign_requests(base) == []


# Words of `selector`'s text that the browser broke across two lines ("Th/ườ/ng trự/c").
BROKEN_WORDS = """selector => {
  const broken = [];
  for (const root of document.querySelectorAll(selector)) {
    const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walk.nextNode(); node; node = walk.nextNode()) {
      for (const m of node.data.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
        if (lines.size > 1) broken.push(m[0]);
      }
    }
  }
  return broken;
}"""


def test_relations_read_as_a_list_on_phones(base, new_page):
    page, watch = new_page()
    page.goto(base + "quan-he.html")
    assert page.locator(".sotay-matrix-wrap").first.is_hidden()
    card = page.locator(".sotay-matrix-list > li").first
    assert card.is_visible()
    assert card.locator(".sotay-matrix-list__holder a").inner_text() == "Đảng ủy xã"
    assert "Lãnh đạo → Công an xã" in card.inner_text()
    assert page.evaluate(BROKEN_WORDS, ".sotay-matrix-list") == []
    assert horizontal_overflow(page) == 0
    assert watch.errors == []


def test_relations_matrix_scrolls_with_a_sticky_first_column(base, new_page):
    page, watch = new_page({"width": 1280, "height": 800})
    page.goto(base + "quan-he.html")
    assert page.locator(".sotay-matrix-list").first.is_hidden()
    assert page.evaluate(BROKEN_WORDS, ".sotay-matrix") == []  # "Công an xã", not "Côn/g an xã"
    assert horizontal_overflow(page) == 0
    wraps = page.locator(".sotay-matrix-wrap")
    wide = next(w for w in wraps.all() if w.evaluate("el => el.scrollWidth > el.clientWidth + 100"))
    # the hint: a shadow at the right edge (a cover that scrolls with the table hides it at the end)
    assert wide.evaluate("el => getComputedStyle(el).backgroundImage.split('linear-gradient').length - 1") == 2
    left = wide.evaluate("el => el.getBoundingClientRect().left")
    wide.evaluate("el => { el.scrollLeft = 400; }")
    firsts = wide.evaluate("el => [...el.querySelectorAll('tr > :first-child')].map(c => c.getBoundingClientRect().left)")
    assert all(abs(x - left) <= 1 for x in firsts)  # row headers stay in view
    second = wide.evaluate("el => el.querySelector('thead th:nth-child(2)').getBoundingClientRect().left")
    assert second < left  # the other columns passed under them
    assert watch.errors == []


def test_relation_diagram_text_is_readable_on_a_phone(base, default_site, new_page):
    page, watch = new_page()
    page.goto(base + "co-quan/ban-thuong-vu.html")
    sizes = page.evaluate(
        """() => { const svg = document.querySelector('svg.sotay-diagram');
             const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
             return [...svg.querySelectorAll('text')].map(t => [t.textContent, parseFloat(getComputedStyle(t).fontSize) * scale]); }"""
    )
    assert sizes and [text for text, px in sizes if px < 12.5] == []
    assert any(text == "Lãnh đạo" for text, _ in sizes)  # the relation type, not only the names
    outside = page.evaluate(
        """() => [...document.querySelectorAll('svg.sotay-diagram rect')].flatMap(rect => {
             const box = rect.getBoundingClientRect();
             const texts = rect.parentNode.tagName === 'a' ? [...rect.parentNode.querySelectorAll('text')] : [rect.nextElementSibling];
             return texts.filter(t => { const r = t.getBoundingClientRect();
               return r.left < box.left || r.right > box.right || r.top < box.top || r.bottom > box.bottom; })
               .map(t => t.textContent); })"""
    )
    assert outside == []
    assert watch.errors == []


def test_search_finds_a_role(base, default_site, new_page):
    if "tim-kiem" not in page_types(default_site):
        pytest.skip("this build has no search page yet")
    page, watch = new_page()
    page.goto(base + "tim-kiem.html?q=bi%20thu")
    page.wait_for_selector("[data-sotay-search][data-state=done]", timeout=20000)
    assert page.locator(".sotay-hit__link").count() > 0
    assert watch.errors == [] and watch.foreign_requests(base) == []


def test_bundle_readme_and_comment_record_build_date_and_version(default_build):
    extra_date = default_build.site_dir.resolve()
    with zipfile.ZipFile(default_build.bundle) as zf:
        names = zf.namelist()
        readme = zf.read("so-tay-quy-che/README.txt").decode("utf-8")
        comment = zf.comment.decode("utf-8")
    assert "so-tay-quy-che/index.html" in names
    assert "Bấm đúp vào tệp index.html" in readme and "\r\n" in readme
    footer = (extra_date / "index.html").read_text(encoding="utf-8")
    for label in ("Bản dựng ngày", "Phiên bản nội dung"):
        assert label in readme
        value = readme.split(label + ": ")[1].split("\r\n")[0]
        assert value in comment and value in footer
