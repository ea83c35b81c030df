"""Decide which pages exist and render each one (in memory).

`site_pages(build)` returns every generated Markdown file keyed by its path
inside docs_dir, plus the MkDocs navigation. Each page family is a function
`family(build) -> Iterable[Page]`, rendered through `render.render_page`;
the home page and the section indexes list the pages of the others. Nothing
here writes files.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from markupsafe import Markup

from generator import urls
from generator.cache import reuse
from generator.errors import DataError
from generator.link.author_html import author_markdown
from generator.views.lessons import LESSON_CSS, LessonRenderer
from generator.site import scopes
from generator.site.context import Build
from generator.site.render import Page, render_page, yaml_string
from generator.views import common as views
from generator.views import nav as nav_views
from generator.views.checklists import CHECKLIST_CSS, CHECKLIST_SCRIPTS, checklist_view
from generator.views.compare import COMPARE_CSS, comparison_page, comparison_view
from generator.views.holders import HolderPages, relations_overview
from generator.views.nav import site_titles
from generator.views.quiz import QUIZ_CSS, QUIZ_SCRIPTS, quiz_view
from generator.views.search import AliasSource, search_aliases


# the loai-trang filter offered on the search page (values set by each page's sotay_page_type)
SEARCH_KINDS = [
    {"value": "van-ban", "label": "Văn bản"},
    {"value": "vai-tro", "label": "Vai trò"},
    {"value": "danh-muc", "label": "Danh mục"},
    {"value": "cong-cu", "label": "Công cụ"},
    {"value": "bai-hoc", "label": "Bài học"},
]


def search_alias_table(build: Build) -> dict[str, list[str]]:
    """Abbreviations people type (BTV, UVBTV, ĐUV …) → the names they stand for."""
    if build.linked is None:
        return {}
    holders = [v.item for v in build.linked.holders.values()]
    return search_aliases(AliasSource(h.name, h.short, tuple(h.aliases)) for h in holders)


@dataclass
class SitePages:
    pages: dict[str, str | bytes] = field(default_factory=dict)  # docs-relative path → Markdown
    nav: list = field(default_factory=list)  # MkDocs `nav` structure
    scopes: dict[str, str] = field(default_factory=dict)  # page → search scope (generator/site/scopes.py)

    def add(self, pages: Iterable[Page]) -> None:
        for page in pages:
            self.pages[page.source] = page.text


def site_pages(build: Build) -> SitePages:
    site = SitePages()
    for family in FAMILIES:
        site.add(family(build))
    site.add([home_page(build, site.pages), search_page(build)])
    site.add(list(hand_written_pages(build, site.pages)))
    folders, indexes = section_indexes(build, site.pages)
    site.add(indexes)
    documents = build.handbook.documents
    site.nav = nav_views.navigation(documents, site.pages, folders)
    site.scopes = scopes.page_scopes(site.pages, scopes.units_of(documents))
    return site


def tool_pages(build: Build) -> list[Page]:
    return build.tools[0]


def document_pages(build: Build) -> Iterable[Page]:
    """van-ban/<id>.html; under `sotay serve` a document whose text and clause links are unchanged
    keeps the previous reload's page."""
    builder = build.holders
    for doc in build.handbook.documents:
        concerns = builder.clause_concerns(doc.id) if builder else views.no_concerns  # no data/: no role links
        links = builder.concerned(doc.id) if builder else ()
        page = urls.document_page(doc.id)
        yield reuse(("document", doc.id), (build.context_with_tools, doc, links), lambda: render_page(
            build.env, page, "document.md.j2", view=views.document_view(doc, build.titles, concerns)))


def holder_pages(build: Build) -> Iterable[Page]:
    """One page per role and per body (handbook.json links them all), and one per document for a
    holder drawn from many; under `sotay serve` a page whose holder view is unchanged is not built again."""
    builder, context = build.holders, build.context_with_tools
    if builder is None:
        return
    for holder_id, view in build.linked.holders.items():
        split = builder.split_documents(holder_id)
        yield reuse(("holder", holder_id), (context, view, tuple(split)), lambda: render_page(
            build.env, builder.page_of(holder_id), "holder.md.j2", view=builder.view(holder_id)))
        for document_id in split:
            yield reuse(("holder", holder_id, document_id), (context, builder.by_document(holder_id)[document_id]),
                        lambda: render_page(build.env, builder.document_page_of(holder_id, document_id),
                                            "holder.md.j2", view=builder.view(holder_id, document_id)))


def role_tiles(build: Build) -> list[dict]:
    """The home page's tiles of the roles."""
    builder = build.holders
    if builder is None:
        return []
    return [{"name": view.item.name, "href": builder.page_of(holder_id), "note": ", ".join(view.item.aliases[:3])}
            for holder_id, view in build.linked.holders.items() if view.kind == "role"]


def relations_pages(build: Build) -> Iterable[Page]:
    """quan-he.html with every document's matrix, or listing one page per document."""
    if build.holders is None:
        return
    sections = relations_overview(build.holders)
    title = "Quan hệ phối hợp"
    if all(s["page"] == urls.RELATIONS for s in sections):
        yield render_page(build.env, urls.RELATIONS, "relations.md.j2", title=title, sections=sections, parts=[])
        return
    parts = []
    for section in sorted(sections, key=lambda s: nav_views.sort_key(s["title"])):
        yield render_page(build.env, section["page"], "relations.md.j2", title=f"{title} — {section['title']}",
                          sections=[section], parts=[])
        parts.append({"title": section["title"], "href": urls.relative(urls.RELATIONS, section["page"]),
                      "count": len(section["entries"])})
    yield render_page(build.env, urls.RELATIONS, "relations.md.j2", title=title, sections=[], parts=parts)


def checklist_pages(build: Build) -> Iterable[Page]:
    builder = build.holders
    if builder is None:
        return
    for checklist in build.linked.knowledge.checklists:
        yield render_page(
            build.env, urls.checklist_page(checklist.id), "checklist.md.j2",
            checklist=checklist_view(checklist, build.linked, builder.label_of, builder.page_of),
            calendar=build.handbook.calendar, css=CHECKLIST_CSS, scripts=CHECKLIST_SCRIPTS,
        )


def lesson_pages(build: Build) -> Iterable[Page]:
    """One page per lesson: bai-hoc/<slug>.html (rules link to their calculator when there is one)."""
    if build.linked is None or not build.handbook.lessons:
        return
    lessons = LessonRenderer(build.linked, build.env, HolderPages(build.linked, build.titles), build.tools_by_rule)
    for lesson in build.handbook.lessons:
        yield render_page(build.env, lesson.page, "lesson.md.j2",
                          lesson=lesson, body=Markup(lessons.markdown(lesson)), css=LESSON_CSS)


def comparison_pages(build: Build) -> Iterable[Page]:
    """One page per declared comparison: so-sanh/<id>.html; under `sotay serve` an unchanged
    comparison keeps the previous reload's page."""
    if build.linked is None:
        return
    documents = build.linked.documents
    for comparison in build.linked.knowledge.comparisons:
        yield reuse(("comparison", comparison.id), (build.context_with_tools, comparison), lambda: render_page(
            build.env, comparison_page(comparison.id), "comparison.md.j2",
            view=comparison_view(comparison, documents, build.titles), css=COMPARE_CSS))


def quiz_pages(build: Build) -> Iterable[Page]:
    """Per quiz: on-tap/<id>.html (interactive) and on-tap/<id>-dap-an.html (teacher's answer sheet);
    under `sotay serve` an unchanged quiz keeps the previous reload's pages."""
    for quiz in build.quizzes:
        yield from reuse(("quiz-pages", quiz.id), (build.context_with_tools, quiz), lambda: (
            render_page(build.env, quiz.page, "quiz.md.j2", view=quiz_view(quiz, build.linked, build.titles, quiz.page),
                        css=QUIZ_CSS, scripts=QUIZ_SCRIPTS),
            render_page(build.env, quiz.key_page, "quiz_key.md.j2",
                        view=quiz_view(quiz, build.linked, build.titles, quiz.key_page), css=QUIZ_CSS),
        ))


# the page families drawn from the model, in the order their pages are written (site_pages)
FAMILIES = (tool_pages, document_pages, holder_pages, relations_pages, checklist_pages,
            lesson_pages, comparison_pages, quiz_pages)


def home_page(build: Build, pages: dict[str, str | bytes]) -> Page:
    documents = build.handbook.documents
    many_documents = len(documents) > nav_views.NAV_LIMIT
    roles = role_tiles(build)
    return render_page(
        build.env, urls.HOME, "home.md.j2",
        groups=[] if many_documents else views.home_documents(documents),
        documents_summary=nav_views.documents_summary(documents) if many_documents else [],
        roles=roles if len(roles) <= nav_views.NAV_LIMIT else [],
        roles_index=urls.page_of(nav_views.index_source("vai-tro")) if len(roles) > nav_views.NAV_LIMIT else None,
        tools=build.tools[1].tiles,
        sections=home_sections(pages),
        search_href=urls.SEARCH,
    )


def search_page(build: Build) -> Page:
    units = scopes.units_of(build.handbook.documents)
    return render_page(build.env, urls.SEARCH, "search_page.md.j2", root="", kinds=SEARCH_KINDS,
                       aliases=search_alias_table(build), units=scopes.unit_options(units),
                       scope_default=scopes.default_scope(units))


# home page sections listing generated pages: (heading, anchor, docs folder or file, note)
HOME_SECTIONS = [
    ("Danh mục việc cần làm", "danh-muc", "danh-muc", ""),
    ("Học tập, ôn tập", "hoc-tap", "bai-hoc", "Bài học"),
    ("Học tập, ôn tập", "hoc-tap", "so-sanh", "So sánh văn bản"),
    ("Học tập, ôn tập", "hoc-tap", "on-tap", "Câu hỏi ôn tập"),
    ("Quan hệ phối hợp", "quan-he", "quan-he.md", "Ai chủ trì, ai phối hợp, về việc gì"),
]


def home_sections(pages: dict[str, str | bytes]) -> list[dict]:
    """Tiles for checklists, lessons, comparisons, quizzes and the relations overview."""
    sections: dict[str, dict] = {}
    for heading, anchor, prefix, note in HOME_SECTIONS:
        tiles = [{"name": title, "href": urls.page_of(path), "note": note}
                 for path, title in site_titles(pages, prefix, nested=False) if not path.endswith("-dap-an.md")]
        if tiles:
            sections.setdefault(heading, {"heading": heading, "anchor": anchor, "tiles": []})["tiles"] += tiles
    return list(sections.values())


def hand_written_pages(build: Build, pages: dict[str, str | bytes]) -> Iterable[Page]:
    """content/pages (read and checked by read/project_files.py): each page with its title escaped
    into the front matter (the theme prints titles as they are) and its Markdown marked as the
    author's, sanitised after rendering (link/author_html.py); images and PDFs as they are."""
    content_pages = build.handbook.content_pages
    clashes = sorted(rel for rel in content_pages if rel in pages)
    if clashes:  # read_content_pages refuses the generated folders and names; this is the last guard
        raise DataError([f"content/pages/{rel}:1: would replace a page the handbook generates — rename it"
                         for rel in clashes])
    for rel, page in content_pages.items():
        if isinstance(page, bytes):
            yield Page(rel, page)
            continue
        front = f"title: {yaml_string(page.title)}\n"
        if page.description:
            front += f"description: {yaml_string(page.description)}\n"
        yield Page(rel, f"---\n{front}---\n\n{author_markdown(page.body)}")


def section_indexes(build: Build, pages: dict[str, str | bytes]) -> tuple[set[str], list[Page]]:
    """The folders whose nav section is over NAV_LIMIT pages, and their index pages (but for a
    folder that has its own index already: cong-cu)."""
    documents = build.handbook.documents
    folders = nav_views.long_sections(documents, pages)
    holders = list(build.linked.holders.values()) if build.linked else []
    indexes: list[Page] = []
    for folder in folders:
        source = nav_views.index_source(folder)
        if source in pages:
            continue
        if folder == "van-ban":
            view = nav_views.documents_index(documents)
        elif folder in ("vai-tro", "co-quan"):
            kind = "role" if folder == "vai-tro" else "body"
            view = nav_views.holders_index(folder, [h for h in holders if h.kind == kind])
        else:
            view = nav_views.pages_index(folder, pages)
        indexes.append(render_page(build.env, urls.page_of(source), "section_index.md.j2", view=view))
    return set(folders), indexes
