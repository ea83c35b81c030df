"""One page of every page type of a built handbook, for the site-wide browser tests."""

from __future__ import annotations

from pathlib import Path

# page type → a representative page (the long document 003, a role, a checklist …);
# "first:<folder>" takes the folder's first page, for types whose ids change with the data.
PAGE_TYPES = {
    "trang-chu": "index.html",
    "van-ban": "van-ban/qc-lam-viec-lung-phinh.html",
    "vai-tro": "vai-tro/bi-thu.html",
    "co-quan": "first:co-quan",
    "quan-he": "quan-he.html",
    "danh-muc": "danh-muc/chuan-bi-hoi-nghi-btv.html",
    "cong-cu": "first:cong-cu",
    "bai-hoc": "first:bai-hoc",
    "tim-kiem": "tim-kiem.html",
}


def page_types(site: Path) -> dict[str, str]:
    """Page type → path relative to the site root, for the types this build has."""
    found = {}
    for kind, spec in PAGE_TYPES.items():
        if spec.startswith("first:"):
            pages = sorted((site / spec[6:]).glob("*.html"))
            if pages:
                found[kind] = pages[0].relative_to(site).as_posix()
        elif (site / spec).is_file():
            found[kind] = spec
    return found


def horizontal_overflow(page) -> int:
    """How many CSS pixels the page scrolls sideways (0 = none)."""
    return page.evaluate(
        "Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - document.documentElement.clientWidth"
    )
