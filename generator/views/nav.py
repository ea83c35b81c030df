"""The navigation, and the index pages that stand in for its long sections.

Material renders the whole MkDocs `nav` into every page. A section listing
every document of a 1000-commune handbook would put 2000 links into each of
its 5000 pages: output grows as N². So a section with more than `NAV_LIMIT`
pages is replaced in the nav by one index page for that section
(`van-ban/index.html` "Tất cả văn bản", `co-quan/index.html` …) that links
every page of it, grouped and counted. The pages themselves are listed in
mkdocs.yml's `not_in_nav`, so MkDocs expects them outside the nav.

`NAV_LIMIT` is 30: a sidebar list longer than that is scrolled past, not
read, and 9 sections × 30 entries keep the nav of every page under ~300 links.
The default handbook (7 documents, 8 roles, 48 bodies) keeps every section
in the nav except the bodies, which get their index page grouped by kind.
"""

from __future__ import annotations

import functools
import html
import json
from collections import defaultdict

from markupsafe import escape

from generator import urls
from generator.views import common as views
from generator.model.document import Document
from generator.slugs import fold

NAV_LIMIT = 30

# (nav label, docs folder or file) after "Văn bản", in the order users look for things
NAV_SECTIONS = [
    ("Vai trò", "vai-tro"),
    ("Cơ quan, tổ chức", "co-quan"),
    ("Quan hệ phối hợp", "quan-he.md"),
    ("Danh mục việc cần làm", "danh-muc"),
    ("Công cụ tính hạn", "cong-cu"),
    ("Bài học", "bai-hoc"),
    ("So sánh", "so-sanh"),
    ("Ôn tập", "on-tap"),
    ("Tìm kiếm", "tim-kiem.md"),
]
DOCUMENTS = ("Văn bản", "van-ban")

# folder → (index page title, what one entry is called)
INDEX_TITLES = {
    "van-ban": ("Tất cả văn bản", "văn bản"),
    "vai-tro": ("Tất cả vai trò", "vai trò"),
    "co-quan": ("Tất cả cơ quan, tổ chức", "cơ quan, tổ chức"),
    "danh-muc": ("Tất cả danh mục việc cần làm", "danh mục"),
    "cong-cu": ("Tất cả công cụ tính hạn", "công cụ"),
    "bai-hoc": ("Tất cả bài học", "bài học"),
    "so-sanh": ("Tất cả bài so sánh", "bài so sánh"),
    "on-tap": ("Tất cả bài ôn tập", "bài ôn tập"),
}
BODY_KIND_LABELS = {
    "cap-uy": "Cấp ủy",
    "co-quan-tham-muu": "Cơ quan tham mưu, giúp việc",
    "to-chuc-dang": "Tổ chức đảng",
    "co-quan-nha-nuoc": "Cơ quan nhà nước",
    "don-vi": "Đơn vị",
    "khac": "Cơ quan, tổ chức khác",
}


def index_source(folder: str) -> str:
    return f"{folder}/index.md"


# --- which pages a section has -------------------------------------------------------


def site_titles(pages: dict, prefix: str, nested: bool = True) -> list[tuple[str, str]]:
    """(path, title) of generated pages under a folder or equal to a path, from front matter.

    `nested=False` leaves out pages in sub-folders (a holder's per-document pages)."""
    found = []
    for path, text in pages.items():
        if not (path == prefix or path.startswith(prefix + "/")) or not isinstance(text, str):
            continue
        if not nested and "/" in path[len(prefix) + 1:]:
            continue
        found.append((path, front_matter_title(text) or path))
    return sorted(found, key=lambda item: item[1])


def front_matter_title(text: str) -> str | None:
    if not text.startswith("---"):
        return None
    end = text.find("\n---", 3)
    for line in text[3:end if end >= 0 else len(text)].splitlines():
        if line.startswith("title:"):
            raw = line[len("title:"):].strip()
            try:  # the `yaml` filter wrote it HTML-escaped (the theme prints it as it is): plain text here
                return html.unescape(json.loads(raw))
            except ValueError:
                return html.unescape(raw.strip("'\""))
    return None


# --- the nav --------------------------------------------------------------------------


def navigation(documents: list[Document], pages: dict, indexes: set[str]) -> list:
    """Navigation with Vietnamese section labels; a folder in `indexes` shows only its index page."""
    nav: list = [{"Trang chủ": "index.md"}]
    label, folder = DOCUMENTS
    if folder in indexes:
        nav.append({label: [{_index_label(folder, len(documents)): index_source(folder)}]})
    else:
        nav.append({label: [{str(escape(views.short_title(d))): urls.source_of(urls.document_page(d.id))}
                            for d in documents]})
    for label, prefix in NAV_SECTIONS:
        entries = site_titles(pages, prefix, nested=False)
        if prefix in indexes:
            count = sum(path != index_source(prefix) for path, _ in entries)
            nav.append({label: [{_index_label(prefix, count): index_source(prefix)}]})
        elif entries:  # MkDocs prints nav titles as they are: escape here, once
            nav.append({label: [{str(escape(title)): path} for path, title in entries]})
    return nav


def _index_label(folder: str, count: int) -> str:
    return f"{INDEX_TITLES[folder][0]} ({count})"


def long_sections(documents: list[Document], pages: dict) -> list[str]:
    """Folders whose nav section would have more than NAV_LIMIT entries."""
    folders = [DOCUMENTS[1]] if len(documents) > NAV_LIMIT else []
    for _, prefix in NAV_SECTIONS:
        if prefix in INDEX_TITLES and len(site_titles(pages, prefix, nested=False)) > NAV_LIMIT:
            folders.append(prefix)
    return folders


# --- the index pages ------------------------------------------------------------------


def documents_index(documents: list[Document]) -> dict:
    """`van-ban/index.html`: every document, by level then kind, issuer and date within."""
    page = urls.page_of(index_source("van-ban"))
    groups = []
    for level, in_level, kinds in views.by_level_and_kind(documents):
        subgroups = [{"label": label, "count": len(of_kind),
                      "entries": [_document_entry(page, d) for d in sorted(of_kind, key=_by_issuer)]}
                     for label, of_kind in kinds]
        groups.append({"label": views.LEVEL_LABELS[level], "anchor": level_anchor(level),
                       "count": len(in_level), "subgroups": subgroups})
    return _index_view("van-ban", len(documents), groups)


def level_anchor(level: str) -> str:
    return f"cap-{level}"


def _by_issuer(doc: Document) -> tuple:
    return (sort_key(doc.issuer or ""), sort_key(views.document_title(doc)), doc.id)


@functools.lru_cache(maxsize=1 << 16)
def sort_key(text: str) -> str:
    """Vietnamese-friendly order: diacritics folded (đ = d), case ignored."""
    return fold(text)


def _document_entry(page: str, doc: Document) -> dict:
    entry = views.home_entry(doc)
    return {"title": entry["title"], "href": urls.relative(page, entry["href"]),
            "meta": entry["meta"] + (f" · {entry['articles']} điều" if entry["articles"] else "")}


def holders_index(folder: str, holders: list) -> dict:
    """`vai-tro/index.html` or `co-quan/index.html`: roles alphabetically, bodies by kind."""
    page = urls.page_of(index_source(folder))
    by_kind: dict[str, list] = defaultdict(list)
    for view in holders:
        by_kind[getattr(view.item, "kind", "")].append(view)
    order = list(BODY_KIND_LABELS)
    subgroups = []
    for kind in sorted(by_kind, key=lambda k: order.index(k) if k in order else len(order)):
        members = sorted(by_kind[kind], key=lambda v: sort_key(v.item.name))
        subgroups.append({
            "label": BODY_KIND_LABELS.get(kind, ""), "count": len(members),
            "entries": [{"title": v.item.name,
                         "href": urls.relative(page, f"{folder}/{v.id}.html"),
                         "meta": ", ".join(v.item.aliases[:3])} for v in members],
        })
    return _index_view(folder, len(holders), [{"label": "", "anchor": "", "count": len(holders), "subgroups": subgroups}])


def pages_index(folder: str, pages: dict) -> dict:
    """Any other long folder: its pages alphabetically."""
    page = urls.page_of(index_source(folder))
    entries = [{"title": title, "href": urls.relative(page, urls.page_of(path)), "meta": ""}
               for path, title in site_titles(pages, folder, nested=False)]
    return _index_view(folder, len(entries), [{"label": "", "anchor": "", "count": len(entries),
                                               "subgroups": [{"label": "", "count": len(entries), "entries": entries}]}])


def _index_view(folder: str, count: int, groups: list[dict]) -> dict:
    title, noun = INDEX_TITLES[folder]
    return {"title": title, "lead": f"{count} {noun}", "groups": groups,
            "home_href": urls.relative(urls.page_of(index_source(folder)), urls.HOME)}


def documents_summary(documents: list[Document]) -> list[dict]:
    """Home page tiles when the documents are too many to list: one per level, with its kinds counted."""
    index = urls.page_of(index_source("van-ban"))
    tiles = [{"name": f"{views.LEVEL_LABELS[level]}: {len(in_level)} văn bản",
              "href": f"{index}#{level_anchor(level)}",
              "note": ", ".join(f"{len(of_kind)} {label.lower()}" for label, of_kind in kinds)}
             for level, in_level, kinds in views.by_level_and_kind(documents)]
    tiles.append({"name": f"Tất cả {len(documents)} văn bản", "href": index,
                  "note": "Theo cấp, loại văn bản và cơ quan ban hành"})
    return tiles
