"""A tiny built site for the search tests and the benchmark.

Bodies in tests/fixtures/search_site/ follow the page markup contract of the
real handbook (data-pagefind-body, h2#dieu-N, khoản #dieu-N-khoan-M, điểm
#dieu-N-khoan-M-diem-x, data-pagefind-meta/-filter); this module wraps them in
pages at their depth, renders the search page with generator/templates/search.html,
copies overrides/assets/sotay/ and runs the real index stage.
"""

from __future__ import annotations

import html
import shutil
from pathlib import Path

from generator.publish import search_index as index
from generator.views import search as search_view
from generator.site.render import make_environment, render_template

REPO = Path(__file__).resolve().parent.parent
BODIES = Path(__file__).parent / "fixtures" / "search_site"
ASSETS = REPO / "overrides" / "assets" / "sotay"

# (path, title, document, van-ban filter, loai-trang filter)
PAGES = [
    ("van-ban/quy-che-lam-viec.html", "Quy chế làm việc của Đảng ủy xã", "Quy chế làm việc", "quy-che-lam-viec", "van-ban"),
    ("van-ban/quy-che-phoi-hop.html", "Quy chế phối hợp", "Quy chế phối hợp", "quy-che-phoi-hop", "van-ban"),
    ("vai-tro/bi-thu-chi-bo.html", "Bí thư chi bộ", "Vai trò", "", "vai-tro"),
]

KINDS = [{"value": "van-ban", "label": "Văn bản"}, {"value": "vai-tro", "label": "Vai trò"}]

ALIASES = [
    search_view.AliasSource("Ban Thường vụ Đảng ủy", "Ban Thường vụ", ("BTV",)),
    search_view.AliasSource("Ủy viên Ban Thường vụ", None, ("UVBTV",)),
    search_view.AliasSource("Ban Chấp hành Đảng bộ", "Ban Chấp hành", ("BCH",)),
    search_view.AliasSource("Phó Bí thư Thường trực Đảng ủy", "Phó Bí thư Thường trực", ("PBT", "PBTTT")),
    search_view.AliasSource("Đảng ủy viên", None, ("ĐUV",)),
    search_view.AliasSource("Ủy ban Kiểm tra Đảng ủy", "Ủy ban Kiểm tra", ("UBKT",)),
    search_view.AliasSource("Hội đồng nhân dân", None, ("HĐND",)),
    search_view.AliasSource("Ủy ban nhân dân", None, ("UBND",)),
    search_view.AliasSource("Mặt trận Tổ quốc", None, ("MTTQ",)),
]


def page_html(path: str, title: str, body: str, *, attrs: str = "", scripts: tuple[str, ...] = ()) -> str:
    root = "../" * path.count("/")
    tags = "\n".join(f'<script src="{root}assets/sotay/{s}"></script>' for s in ("search-header.js", *scripts))
    return f"""<!doctype html>
<html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<link rel="icon" href="data:,">
<title>{html.escape(title)}</title>
<link rel="stylesheet" href="{root}assets/sotay/search.css">
</head><body>
<header><nav>Sổ tay Quy chế · Đảng ủy xã
<form class="sotay-header-search" action="{root}tim-kiem.html" method="get" role="search" data-sotay-header-search>
<input type="search" name="q" aria-label="Tìm trong sổ tay"><button type="submit">Tìm</button></form>
</nav></header>
<main><article{attrs}>
{body}
</article></main>
{tags}
</body></html>
"""


def build_fixture_site(dest: Path) -> index.IndexReport:
    """Write the fixture site into `dest` and index it; return the index report."""
    dest.mkdir(parents=True, exist_ok=True)
    for path, title, document, van_ban, kind in PAGES:
        body = (BODIES / path).read_text(encoding="utf-8")
        attrs = f' data-pagefind-body data-pagefind-meta="document:{document}"'
        attrs += f' data-pagefind-filter="loai-trang:{kind}"'
        if van_ban:
            body = f'<span data-pagefind-filter="van-ban:{van_ban}"></span>\n' + body
        target = dest / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page_html(path, title, body, attrs=attrs), encoding="utf-8")
    links = "\n".join(f'<li><a href="{p}">{html.escape(t)}</a></li>' for p, t, *_ in PAGES)
    (dest / "index.html").write_text(page_html("index.html", "Sổ tay", f"<h1>Sổ tay</h1><ul>{links}</ul>"), encoding="utf-8")
    fragment = render_template(
        make_environment(), "search.html", root="", aliases=search_view.search_aliases(ALIASES), kinds=KINDS
    )
    scripts = ("dom.js", "search-core.js", "search-file.js", "search.js")
    (dest / "tim-kiem.html").write_text(page_html("tim-kiem.html", "Tìm kiếm", fragment, scripts=scripts), encoding="utf-8")
    shutil.copytree(ASSETS, dest / "assets" / "sotay", dirs_exist_ok=True)
    return index.index_site(dest)


if __name__ == "__main__":  # python -m tests.search_fixture /tmp/site
    import sys

    print(build_fixture_site(Path(sys.argv[1])))
