"""Document pages and checklists of the default handbook as a reader sees them: "Liên quan"
rows, the draft notice, several citations on one checklist item."""

from __future__ import annotations

import pytest

from conftest import PHONE

pytestmark = pytest.mark.browser

LUNG_PHINH = "van-ban/qc-lam-viec-lung-phinh.html"

# consecutive "Liên quan" rows with nothing between them, and the links both show
ADJACENT_REPEATS = """() => {
  const rows = [...document.querySelectorAll('.sotay-concerns')];
  const out = [];
  for (let i = 1; i < rows.length; i++) {
    const between = document.createRange();
    between.setStartAfter(rows[i - 1]);
    between.setEndBefore(rows[i]);
    if (between.toString().trim() !== '') continue;
    const before = new Set([...rows[i - 1].querySelectorAll('a')].map(a => a.getAttribute('href')));
    const twice = [...rows[i].querySelectorAll('a')].filter(a => before.has(a.getAttribute('href')));
    if (twice.length) out.push(rows[i].closest('.sotay-article').previousElementSibling.id + ': ' + twice[0].innerText);
  }
  return out;
}"""


@pytest.mark.parametrize("path", [LUNG_PHINH, "van-ban/qc-lam-viec-mau-dang-uy-ubnd.html"])
def test_no_liên_quan_row_repeats_the_one_right_above(new_page, default_site, path):
    page, _ = new_page()
    page.goto((default_site / path).as_uri())
    assert page.evaluate(ADJACENT_REPEATS) == []


def test_every_role_of_an_article_stays_one_tap_away(new_page, default_site):
    page, _ = new_page()
    page.goto((default_site / LUNG_PHINH).as_uri())
    article = page.locator(".sotay-article").filter(has=page.locator("#dieu-7-khoan-6"))
    links = article.locator(".sotay-concerns a", has_text="Phó Bí thư Thường trực")
    assert links.count() >= 1
    last_clause_row = page.locator("#dieu-7-khoan-6 > .sotay-concerns a", has_text="Phó Bí thư Thường trực")
    assert last_clause_row.count() == 1  # shown on the clause; the Điều-level row no longer repeats it


def test_a_draft_says_so_at_the_top_of_its_page(new_page, default_site):
    page, _ = new_page(viewport=PHONE)
    page.goto((default_site / LUNG_PHINH).as_uri())
    notice = page.locator(".sotay-draft")
    assert notice.inner_text().startswith("Dự thảo")
    box = notice.bounding_box()
    card = page.locator(".sotay-card").bounding_box()
    assert box["y"] < card["y"]  # above the metadata card
    assert box["height"] < 90  # two or three lines on a phone, not a wall
    page.goto((default_site / "van-ban/qc-phoi-hop-dang-uy-khoi.html").as_uri())
    assert page.locator(".sotay-draft").count() == 0


def test_a_semicolon_between_two_citations_stays_on_the_line_of_the_first(new_page, default_site):
    page, _ = new_page(viewport=PHONE)
    page.goto((default_site / "danh-muc/hop-thuong-truc-hang-tuan.html").as_uri())
    gaps = page.evaluate("""() => [...document.querySelectorAll('.sotay-checklist__cite')].flatMap(span => {
      const text = [...span.childNodes].find(n => n.nodeType === 3 && n.textContent.includes(';'));
      if (!text) return [];
      const range = document.createRange();
      range.selectNodeContents(text);
      const rects = span.querySelector('a').getClientRects();
      return [Math.abs(range.getBoundingClientRect().bottom - rects[rects.length - 1].bottom)];
    })""")
    assert gaps, "no item of this checklist cites two clauses"
    assert max(gaps) < 4
