"""Decide which pages exist and render each one (in memory).

`site_pages(handbook)` returns every generated Markdown file keyed by its path
inside docs_dir, plus the MkDocs navigation. Nothing here writes files.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jinja2 import Environment

from generator import urls
from generator.views import common as views
from generator.cache import reuse
from generator.link.handbook import Handbook
from generator.views.checklists import CHECKLIST_CSS, CHECKLIST_SCRIPTS, checklist_view
from generator.publish.search_index import AliasSource, search_aliases
from generator.views.holders import HolderPages, relations_overview
from generator.views.compare import comparison_pages
from generator.link.lessons import lesson_pages
from generator.link.quiz import quiz_pages
from generator.views.tools import ToolSite, add_tool_pages
from generator.errors import DataError
from generator.link.author_html import author_markdown
from generator.site.render import make_environment, render_template, yaml_string
from generator.views import nav as nav_views
from generator.site import scopes
from generator.views.nav import site_titles


# the loai-trang filter offered on the search page (values set by each page's sotay_page_type)
SEARCH_KINDS = [
    {"value": "van-ban", "label": "Văn bản"},
    {"value": "vai-tro", "label": "Vai trò"},
    {"value": "danh-muc", "label": "Danh mục"},
    {"value": "cong-cu", "label": "Công cụ"},
    {"value": "bai-hoc", "label": "Bài học"},
]


def search_alias_table(handbook: Handbook) -> dict[str, list[str]]:
    """Abbreviations people type (BTV, UVBTV, ĐUV …) → the names they stand for."""
    if handbook.linked is None:
        return {}
    holders = [v.item for v in handbook.linked.holders.values()]
    return search_aliases(AliasSource(h.name, h.short, tuple(h.aliases)) for h in holders)


@dataclass
class SitePages:
    pages: dict[str, str] = field(default_factory=dict)  # docs-relative path → Markdown
    nav: list = field(default_factory=list)  # MkDocs `nav` structure
    scopes: dict[str, str] = field(default_factory=dict)  # page → search scope (generator/site/scopes.py)

    def add(self, page: str, text: str) -> None:
        self.pages[urls.source_of(page)] = text


def site_pages(handbook: Handbook, env: Environment | None = None) -> SitePages:
    env = env or make_environment()
    site = SitePages()
    titles = {d.id: views.document_title(d) for d in handbook.documents}
    base = page_context(handbook, env, titles)
    tool_texts, tools = tool_pages(handbook, env, titles, base)
    for page, text in tool_texts:
        site.pages[page] = text
    builder = HolderPages(handbook.linked, titles, tools.by_rule) if handbook.linked else None
    with_tools = base + (tuple(tools.by_rule.items()),)
    context = reuse("page-context+tools", with_tools, lambda: with_tools)
    concerns = builder.clause_concerns if builder else views.no_concerns  # no data/: clauses link to no role
    for doc in handbook.documents:
        links = builder.concerned(doc.id) if builder else ()
        site.add(urls.document_page(doc.id), reuse(
            ("document", doc.id), (context, doc, links),
            lambda: render_template(env, "document.md.j2", view=views.document_view(doc, titles, concerns))))
    holders = holder_pages(handbook, env, site, builder, context)
    lesson_pages(handbook, env, site, titles, tools.by_rule)
    comparison_pages(handbook, env, site, titles, context)
    quiz_pages(handbook, env, site, titles, context)
    many_documents = len(handbook.documents) > nav_views.NAV_LIMIT
    site.add(urls.HOME, render_template(
        env, "home.md.j2",
        groups=[] if many_documents else views.home_documents(handbook.documents),
        documents_summary=nav_views.documents_summary(handbook.documents) if many_documents else [],
        roles=holders if len(holders) <= nav_views.NAV_LIMIT else [],
        roles_index=urls.page_of(nav_views.index_source("vai-tro")) if len(holders) > nav_views.NAV_LIMIT else None,
        tools=tools.tiles,
        sections=home_sections(site),
        search_href=urls.SEARCH,
    ))
    units = scopes.units_of(handbook.documents)
    site.add(urls.SEARCH, render_template(env, "search_page.md.j2", root="", kinds=SEARCH_KINDS,
                                          aliases=search_alias_table(handbook),
                                          units=scopes.unit_options(units), scope_default=scopes.default_scope(units)))
    copy_hand_written(handbook.content_pages, site)
    indexes = section_indexes(handbook, env, site)
    site.nav = nav_views.navigation(handbook.documents, site.pages, indexes)
    site.scopes = scopes.page_scopes(site.pages, units)
    return site


# home page sections listing generated pages: (heading, anchor, docs folder or file, note)
HOME_SECTIONS = [
    ("Danh mục việc cần làm", "danh-muc", "danh-muc", ""),
    ("Học tập, ôn tập", "hoc-tap", "bai-hoc", "Bài học"),
    ("Học tập, ôn tập", "hoc-tap", "so-sanh", "So sánh văn bản"),
    ("Học tập, ôn tập", "hoc-tap", "on-tap", "Câu hỏi ôn tập"),
    ("Quan hệ phối hợp", "quan-he", "quan-he.md", "Ai chủ trì, ai phối hợp, về việc gì"),
]


def home_sections(site: SitePages) -> list[dict]:
    """Tiles for checklists, lessons, comparisons, quizzes and the relations overview."""
    sections: dict[str, dict] = {}
    for heading, anchor, prefix, note in HOME_SECTIONS:
        tiles = [{"name": title, "href": urls.page_of(path), "note": note}
                 for path, title in site_titles(site.pages, prefix, nested=False) if not path.endswith("-dap-an.md")]
        if tiles:
            sections.setdefault(heading, {"heading": heading, "anchor": anchor, "tiles": []})["tiles"] += tiles
    return list(sections.values())


def page_context(handbook: Handbook, env: Environment, titles: dict[str, str]) -> tuple:
    """What any page reused from the previous reload (cache.reuse, `sotay serve`) may read besides
    its own inputs: the templates, every holder's id, kind and entry, the vocabularies, the
    documents and their titles (site_pages adds the tool each rule links to). Equal to the
    previous build's context, it is that very tuple, so comparing it again is quick."""
    linked = handbook.linked
    value = (
        getattr(env, "sotay_templates_version", b""),
        tuple((h, v.kind, v.item) for h, v in linked.holders.items()) if linked else (),
        linked.knowledge.vocab if linked else None,
        tuple(handbook.documents),
        tuple(titles.items()),
    )
    return reuse("page-context", value, lambda: value)


def tool_pages(handbook: Handbook, env: Environment, titles: dict[str, str], context: tuple) -> tuple[list, ToolSite]:
    """([(docs path, Markdown)], ToolSite) of the deadline tools and the obligations calendar;
    under `sotay serve` the previous reload's while the rules, their wording (data/tools.yml) and the
    working-day calendar are unchanged."""
    def build() -> tuple[list, ToolSite]:
        texts: list[tuple[str, str]] = []
        tools = add_tool_pages(handbook, env, lambda page, text: texts.append((urls.source_of(page), text)), titles)
        return texts, tools

    rules = tuple(handbook.linked.knowledge.rules) if handbook.linked else ()
    words = handbook.linked.knowledge.tools if handbook.linked else None
    return reuse("tools", (context, rules, words, handbook.calendar), build)


def holder_pages(handbook: Handbook, env: Environment, site: SitePages, builder: HolderPages | None,
                 context: tuple = ()) -> list[dict]:
    """One page per role and per body (handbook.json links them all); returns home tiles.

    `context` (page_context): under `sotay serve` a page whose holder view is unchanged is not built again."""
    if builder is None:
        return []
    tiles = []
    for holder_id, view in handbook.linked.holders.items():
        page = builder.page_of(holder_id)
        split = builder.split_documents(holder_id)
        site.add(page, reuse(("holder", holder_id), (context, view, tuple(split)),
                             lambda: render_template(env, "holder.md.j2", view=builder.view(holder_id))))
        for document_id in split:
            site.add(builder.document_page_of(holder_id, document_id), reuse(
                ("holder", holder_id, document_id), (context, builder.by_document(holder_id)[document_id]),
                lambda: render_template(env, "holder.md.j2", view=builder.view(holder_id, document_id))))
        if view.kind == "role":
            tiles.append({"name": view.item.name, "href": page, "note": ", ".join(view.item.aliases[:3])})
    relations_pages(env, site, relations_overview(builder))
    for checklist in handbook.linked.knowledge.checklists:
        site.add(urls.checklist_page(checklist.id), render_template(
            env, "checklist.md.j2",
            checklist=checklist_view(checklist, handbook.linked, builder.label_of, builder.page_of),
            calendar=handbook.calendar, css=CHECKLIST_CSS, scripts=CHECKLIST_SCRIPTS,
        ))
    return tiles


def relations_pages(env: Environment, site: SitePages, sections: list[dict]) -> None:
    """quan-he.html with every document's matrix, or listing one page per document."""
    title = "Quan hệ phối hợp"
    if all(s["page"] == urls.RELATIONS for s in sections):
        site.add(urls.RELATIONS, render_template(env, "relations.md.j2", title=title, sections=sections, parts=[]))
        return
    parts = []
    for section in sorted(sections, key=lambda s: nav_views.sort_key(s["title"])):
        site.add(section["page"], render_template(env, "relations.md.j2", title=f"{title} — {section['title']}",
                                                  sections=[section], parts=[]))
        parts.append({"title": section["title"], "href": urls.relative(urls.RELATIONS, section["page"]),
                      "count": len(section["entries"])})
    site.add(urls.RELATIONS, render_template(env, "relations.md.j2", title=title, sections=[], parts=parts))


def copy_hand_written(content_pages: dict, site: SitePages) -> None:
    """content/pages (read and checked by read/project_files.py): each page with its title escaped
    into the front matter (the theme prints titles as they are) and its Markdown marked as the
    author's, sanitised after rendering (link/author_html.py); images and PDFs as they are."""
    clashes = sorted(rel for rel in content_pages if rel in site.pages)
    if clashes:  # read_content_pages refuses the generated folders and names; this is the last guard
        raise DataError([f"content/pages/{rel}:1: would replace a page the handbook generates — rename it"
                         for rel in clashes])
    for rel, page in content_pages.items():
        if isinstance(page, bytes):
            site.pages[rel] = page
            continue
        front = f"title: {yaml_string(page.title)}\n"
        if page.description:
            front += f"description: {yaml_string(page.description)}\n"
        site.pages[rel] = f"---\n{front}---\n\n{author_markdown(page.body)}"


def section_indexes(handbook: Handbook, env: Environment, site: SitePages) -> set[str]:
    """Index pages for the nav sections over NAV_LIMIT pages; returns their folders."""
    folders = nav_views.long_sections(handbook.documents, site.pages)
    holders = list(handbook.linked.holders.values()) if handbook.linked else []
    for folder in folders:
        source = nav_views.index_source(folder)
        if source in site.pages:  # the folder has its own index already (cong-cu)
            continue
        if folder == "van-ban":
            view = nav_views.documents_index(handbook.documents)
        elif folder in ("vai-tro", "co-quan"):
            kind = "role" if folder == "vai-tro" else "body"
            view = nav_views.holders_index(folder, [h for h in holders if h.kind == kind])
        else:
            view = nav_views.pages_index(folder, site.pages)
        site.pages[source] = render_template(env, "section_index.md.j2", view=view)
    return set(folders)
