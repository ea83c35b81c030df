"""axe-core over one page of every page type (light; colour rules again in
dark mode): no serious or critical violation. The file:// bundle has the same
pages (tests/test_smoke_pages.py runs both). Also: Vietnamese
document language, keyboard reach of the reading controls, tap targets."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.site_pages import page_types

pytestmark = pytest.mark.browser
AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = {"serious", "critical"}
COLOUR_RULES = ["color-contrast", "link-in-text-block"]


@pytest.fixture(scope="module")
def axe_source():
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `npm install` (make test does it)")
    return AXE


def axe_violations(page, axe_source, rules=None) -> list[str]:
    page.add_script_tag(path=str(axe_source))
    options = {"resultTypes": ["violations"]}
    if rules:
        options["runOnly"] = {"type": "rule", "values": rules}
    result = page.evaluate("options => axe.run(document, options)", options)
    return [
        f"{v['impact']} {v['id']}: {v['nodes'][0]['target']} — {v['help']}"
        for v in result["violations"]
        if v["impact"] in BLOCKING
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_axe_violation_on_any_page_type(default_server, default_site, new_page, axe_source, scheme):
    page, watch = new_page(color_scheme=scheme)
    found = {}
    for kind, path in page_types(default_site).items():
        page.goto(default_server + path)
        page.wait_for_load_state("load")
        assert page.get_attribute("body", "data-md-color-scheme") == ("slate" if scheme == "dark" else "default")
        # dark mode changes colours only: check the colour rules there (the rest is the same DOM)
        violations = axe_violations(page, axe_source, COLOUR_RULES if scheme == "dark" else None)
        if violations:
            found[kind] = violations
    assert found == {}
    assert watch.errors == []


def test_pages_are_vietnamese_with_main_landmark(default_bundle, new_page):
    page, _ = new_page()
    page.goto(default_bundle.as_uri() + "/vai-tro/bi-thu.html")
    assert page.get_attribute("html", "lang") == "vi"
    assert page.locator("main").count() == 1
    assert page.locator("header nav[aria-label]").count() == 1


def test_reading_controls_are_reachable_by_keyboard(default_bundle, new_page):
    page, _ = new_page()
    page.goto(default_bundle.as_uri() + "/index.html")
    reached = []
    for _ in range(12):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.getAttribute('aria-label') || document.activeElement.id"))
    assert "A+: chữ lớn hơn" in reached and "A−: chữ nhỏ hơn" in reached
    assert "Chuyển sang nền tối" in reached
    page.keyboard.press("Escape")
    page.focus("button[aria-label='A+: chữ lớn hơn']")
    page.keyboard.press("Enter")
    assert page.get_attribute("html", "data-sotay-text") == "2"


def test_tap_targets_are_at_least_44px_on_phones(default_bundle, default_site, new_page):
    page, _ = new_page()
    small = {}
    for kind, path in page_types(default_site).items():
        page.goto(default_bundle.as_uri() + "/" + path)
        sizes = page.evaluate(
            """() => [...document.querySelectorAll(
                 '.md-header button, .md-header label.md-icon, .md-header__option label:not([hidden]),'
                 + ' .md-content a.sotay-chip, .md-content .sotay-tiles a, .md-content button, .md-footer a')]
               .filter(el => el.offsetParent !== null)
               .map(el => { const r = el.getBoundingClientRect(); return [el.outerHTML.slice(0, 80), r.width, r.height]; })
               .filter(([, w, h]) => w < 43.5 || h < 43.5)"""
        )
        if sizes:
            small[kind] = sizes[:3]
    assert small == {}


# The focused element's visible ring: its own, or for Material's 0×0 light/dark radio the
# label that shows the toggle. Returns [name, ring?] of document.activeElement.
FOCUS_RING = """() => {
  const el = document.activeElement;
  const shown = el.classList.contains('md-option') ? el.nextElementSibling : el;
  const s = getComputedStyle(shown);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
  const shadow = s.boxShadow && s.boxShadow !== 'none';
  const box = shown.getBoundingClientRect();
  return [el.getAttribute('aria-label') || el.textContent.trim(), (outline || shadow) && box.width > 0 && box.height > 0];
}"""


def test_header_controls_show_keyboard_focus_and_the_toggle_switches_with_enter(default_server, new_page):
    page, watch = new_page({"width": 1280, "height": 800})
    page.goto(default_server + "index.html")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Bỏ qua, đến nội dung"
    rings = {}
    for _ in range(6):
        page.keyboard.press("Tab")
        name, ring = page.evaluate(FOCUS_RING)
        rings[name] = ring
    assert rings == {"Sổ tay Quy chế": True, "A−: chữ nhỏ hơn": True, "A+: chữ lớn hơn": True,
                     "Chuyển sang nền tối": True, "Tìm trong sổ tay": True, "Tìm": True}
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate(FOCUS_RING) == ["Chuyển sang nền tối", True]
    page.keyboard.press("Enter")
    assert page.get_attribute("body", "data-md-color-scheme") == "slate"
    assert page.evaluate(FOCUS_RING) == ["Chuyển sang nền sáng", True]  # focus stays on the toggle
    page.keyboard.press(" ")
    assert page.get_attribute("body", "data-md-color-scheme") == "default"
    page.keyboard.press("Enter")
    page.reload()
    assert page.get_attribute("body", "data-md-color-scheme") == "slate"  # remembered
    assert watch.errors == []


def test_site_name_is_whole_in_the_phone_header(default_bundle, default_site, new_page):
    page, _ = new_page({"width": 360, "height": 740})
    for path in ("index.html", page_types(default_site)["van-ban"]):
        page.goto(default_bundle.as_uri() + "/" + path)
        name = page.locator(".md-header__topic .md-ellipsis").first
        assert name.inner_text().strip() == "Sổ tay Quy chế"
        assert name.evaluate("el => el.scrollWidth <= el.clientWidth"), path  # no "Sổ tay Q…"
        header = page.locator(".md-header")
        for label in ("A−: chữ nhỏ hơn", "A+: chữ lớn hơn", "Tìm"):
            assert header.get_by_role("button", name=label, exact=True).is_visible()
        assert header.locator("label[title='Chuyển sang nền tối']").is_visible()


def test_skip_link_override_differs_from_material_only_in_its_text():
    import material

    upstream = (Path(material.__file__).parent / "templates" / "partials" / "languages" / "vi.html").read_text()
    ours = (Path(__file__).resolve().parent.parent / "overrides" / "partials" / "languages" / "vi.html").read_text()

    def strings(text: str) -> str:
        return text[text.index("{% macro"):].replace('"action.skip": "Bỏ qua, đến nội dung"', '"action.skip": "Bỏ qua"')

    assert strings(ours) == strings(upstream)
    assert '"action.skip": "Bỏ qua, đến nội dung"' in ours
