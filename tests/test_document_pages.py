"""Document pages and checklists of the default handbook as a reader sees them: the draft
notice, several citations on one checklist item."""

from __future__ import annotations

import pytest

from conftest import PHONE

pytestmark = pytest.mark.browser

LUNG_PHINH = "van-ban/qc-lam-viec-lung-phinh.html"

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
