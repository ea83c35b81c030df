"""Role and body pages of the default handbook as a reader sees them: the time rules a role
takes from its bodies, verb tags, printing, citations of a draft."""

from __future__ import annotations

import gzip
import json
import re

import pytest

from conftest import DESKTOP

pytestmark = pytest.mark.browser

PBTTT = "vai-tro/pho-bi-thu-thuong-truc.html"
DRAFT_TITLE = "Quy chế làm việc của Ban Chấp hành Đảng bộ xã Lùng Phình khóa I"


def open_page(new_page, site, path, viewport=DESKTOP):
    page, watch = new_page(viewport=viewport)
    page.goto((site / path).as_uri())
    return page, watch


def rule_sections(page) -> dict[str, list[str]]:
    """Heading of each group of the "Thời hạn" section → the titles of the rules under it."""
    return page.evaluate("""() => {
      const out = {}; let group = '';
      let el = document.getElementById('thoi-han').nextElementSibling;
      for (; el && el.tagName !== 'H2'; el = el.nextElementSibling) {
        if (el.tagName === 'H3') { group = el.innerText.replace(/\\s*¶$/, '').trim(); out[group] = []; }
        if (el.matches('ul.sotay-rules')) {
          (out[group] = out[group] || []).push(...[...el.querySelectorAll(':scope > li strong')].map(s => s.innerText));
        }
      }
      return out;
    }""")


def test_role_page_lists_the_time_rules_of_the_bodies_it_belongs_to(new_page, default_site):
    page, watch = open_page(new_page, default_site, PBTTT)
    groups = rule_sections(page)
    assert list(groups)[:4] == ["Với tư cách Phó Bí thư Thường trực", "Với tư cách thành viên Thường trực",
                                "Với tư cách thành viên Ban Thường vụ", "Với tư cách thành viên Đảng ủy"]
    assert "Họp các cơ quan Đảng ủy, Mặt trận, đoàn thể hằng tháng" in groups["Với tư cách Phó Bí thư Thường trực"]
    assert "Giao ban Thường trực Đảng ủy hằng tuần" in groups["Với tư cách thành viên Thường trực"]
    assert "Hội nghị Ban Thường vụ định kỳ" in groups["Với tư cách thành viên Ban Thường vụ"]
    assert "Hội nghị Ban Chấp hành Đảng bộ định kỳ" in groups["Với tư cách thành viên Đảng ủy"]
    assert "Báo cáo quý của Ủy viên Ban Thường vụ" in groups["Với tư cách Ủy viên Ban Thường vụ"]
    # the Monday meeting cites Lùng Phình Điều 11 khoản 1; its group links the body's page
    monday = page.locator("ul.sotay-rules > li", has_text="Giao ban Thường trực Đảng ủy hằng tuần")
    assert monday.locator("a[href$='qc-lam-viec-lung-phinh.html#dieu-11-khoan-1']").count() == 1
    assert page.locator("#thoi-han-thuong-truc + p a").get_attribute("href") == "../co-quan/thuong-truc.html"
    # the jump link counts every rule listed
    listed = sum(len(titles) for titles in groups.values())
    assert page.locator(".sotay-jump a[href='#thoi-han'] span").inner_text() == str(listed)
    assert not watch.errors


def test_a_body_page_keeps_only_its_own_rules(new_page, default_site):
    page, _ = open_page(new_page, default_site, "co-quan/thuong-truc.html")
    groups = rule_sections(page)
    assert list(groups) == [""]  # no "Với tư cách" heading: a body takes nobody's rules
    assert "Giao ban Thường trực Đảng ủy hằng tuần" in groups[""]


def test_obligations_calendar_holds_the_recurring_rules_of_the_role_page(new_page, default_site):
    page, _ = open_page(new_page, default_site, PBTTT)
    on_page = {title for titles in rule_sections(page).values() for title in titles}
    html = (default_site / "cong-cu" / "lich-nghia-vu.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script type="application/json" id="sotay-obligations">(.*?)</script>', html, re.S)[1])
    in_calendar = {data["rules"][r]["title"] for r in data["by_holder"]["pho-bi-thu-thuong-truc"]}
    assert "Giao ban Thường trực Đảng ủy hằng tuần" in in_calendar
    assert "Hội nghị Ban Thường vụ định kỳ" in in_calendar
    assert in_calendar <= on_page


@pytest.mark.parametrize("path", [PBTTT, "co-quan/ban-thuong-vu.html", "bai-hoc/bai-1-thuong-truc.html"])
def test_a_verb_tag_never_repeats_the_first_word_of_the_duty(new_page, default_site, path):
    page, _ = open_page(new_page, default_site, path)
    summaries = page.locator(".sotay-duty__summary").all_inner_texts()
    assert summaries
    doubled = [s for s in summaries if re.match(r"^(\w+(?: \w+)?)\s+\1\b", s, re.IGNORECASE)]
    assert doubled == []


def test_a_verb_tag_stays_when_it_adds_information(new_page, default_site):
    page, _ = open_page(new_page, default_site, PBTTT)
    tagged = page.locator(".sotay-duty__summary", has=page.locator(".sotay-tag")).all_inner_texts()
    assert any(t.startswith("Lãnh đạo") and "Phụ trách cơ quan tham mưu" in t for t in tagged)


def _fragments(site):
    for path in (site / "pagefind" / "fragment").iterdir():
        data = gzip.decompress(path.read_bytes())
        yield json.loads(data[len(b"pagefind_dcd"):])


def test_search_index_has_no_doubled_verb_nor_doubled_citation(default_site):
    checked = 0
    for fragment in _fragments(default_site):
        if not fragment["url"].startswith(("/vai-tro/", "/co-quan/", "/bai-hoc/")):
            continue
        checked += 1
        text = fragment["content"]
        for verb in ("Chỉ đạo", "Chủ trì", "Báo cáo", "Lãnh đạo", "Tham mưu"):
            assert f"{verb} {verb}" not in text, fragment["url"]
        assert "Lùng Phình khóa I, nhiệm kỳ 2025-2030 (sửa đổi bổ sung lần 01) (dự thảo)" not in text, fragment["url"]
    assert checked > 10


def test_citations_of_a_draft_say_so(new_page, default_site):
    page, _ = open_page(new_page, default_site, PBTTT)
    cites = [c for c in page.locator(".sotay-cite a[href*='qc-lam-viec-lung-phinh.html#']").all_inner_texts() if c]
    assert cites and all(c.endswith("(dự thảo)") for c in cites)
    model = page.locator(".sotay-cite a[href*='qc-lam-viec-mau-dang-uy-ubnd.html#']").first.inner_text()
    assert "dự thảo" not in model


def test_printed_role_page_opens_details_names_the_document_and_leaves_no_lone_separator(new_page, default_site):
    page, _ = open_page(new_page, default_site, PBTTT)
    inherited = page.locator("details.sotay-inherited")
    assert inherited.count() >= 2 and page.evaluate("[...document.querySelectorAll('details')].every(d => !d.open)")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    assert page.evaluate("[...document.querySelectorAll('details')].every(d => d.open)")
    assert page.locator("details.sotay-inherited .sotay-duty").first.is_visible()
    cite = page.locator("ul.sotay-rules .sotay-cite").first
    assert DRAFT_TITLE in cite.inner_text()
    assert "…" not in cite.inner_text()
    for text in page.locator(".sotay-cite").all_inner_texts():
        assert not text.rstrip().endswith("·"), text
    page.emulate_media(media="screen")
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.evaluate("[...document.querySelectorAll('details')].every(d => !d.open)")
    assert "…" in page.locator("ul.sotay-rules .sotay-cite").first.inner_text()


def test_calculators_lessons_and_quizzes_say_a_cited_document_is_a_draft(default_site):
    """Tools, lessons and quizzes label citations like role pages: the Lùng Phình regulation is a draft."""
    tool = (default_site / "cong-cu/dinh-ky-hang-tuan.html").read_text(encoding="utf-8")
    labels = [t for t in re.findall(r'href="\.\./van-ban/qc-lam-viec-lung-phinh\.html#[^"]*">([^<]*)<', tool) if t]
    assert labels and all(label.endswith("(dự thảo)") for label in labels), labels
    lesson = (default_site / "bai-hoc/bai-1-thuong-truc.html").read_text(encoding="utf-8")
    quotes = re.findall(r'href="\.\./van-ban/qc-lam-viec-lung-phinh\.html#dieu-3[^"]*"[^>]*>([^<]*)<', lesson)
    assert quotes and any(q.endswith("(dự thảo)") for q in quotes), quotes
    quiz = (default_site / "on-tap/qc-lam-viec-lung-phinh.html").read_text(encoding="utf-8")
    cited = [t for t in re.findall(r'href="\.\./van-ban/qc-lam-viec-lung-phinh\.html#[^"]*"[^>]*>([^<]*)<', quiz) if t]
    assert cited and all(c.endswith("(dự thảo)") for c in cited), cited[:3]
