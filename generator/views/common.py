"""View models: everything a template shows, decided in Python.

Each `*_view` function takes model objects and returns plain dicts/lists that
templates only loop over. Links are already relative to the page being built.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from generator import urls
from generator.model.document import Article, Block, Clause, Document, Point

KIND_LABELS = {
    "quyet-dinh": "Quyết định",
    "quy-che": "Quy chế",
    "quy-dinh": "Quy định",
    "other": "Văn bản khác",
}
LEVEL_LABELS = {
    "trung-uong": "Cấp Trung ương",
    "tinh": "Cấp tỉnh",
    "xa": "Cấp xã, phường",
    "khac": "Văn bản khác",
}
LEVEL_ORDER = ["trung-uong", "tinh", "xa", "khac"]

# anchor → [(label, site path)] of the roles/bodies a clause concerns
ClauseLinks = Callable[[str, str], list[tuple[str, str]]]


def vn_date(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


@dataclass(frozen=True)
class PageView:
    """A page a view module decided on: its site path, its template and what the template reads.
    site/pages.py renders it (views never render)."""

    page: str
    template: str
    context: dict


@dataclass
class Link:
    label: str
    href: str


@dataclass
class NodeView:
    """A khoản or điểm ready to show: label, text, nested parts, back-links."""

    anchor: str
    label: str
    text: str
    blocks: list[Block] = field(default_factory=list)
    children: list[NodeView] = field(default_factory=list)
    concerns: list[Link] = field(default_factory=list)


def document_title(doc: Document) -> str:
    return doc.title or KIND_LABELS[doc.kind]


DRAFT_MARK = "(dự thảo)"
CITE_TITLE_LIMIT = 48  # characters of a document title in a citation on screen


def draft_mark(doc: Document) -> str:
    """' (dự thảo)' after a draft document's name, wherever it is cited; '' otherwise."""
    return f" {DRAFT_MARK}" if doc.draft else ""


def cut_title(title: str, limit: int, cut: int | None = None) -> str:
    """`title`, or when longer than `limit` its words within the first `cut` (default `limit`) characters and "…"."""
    return title if len(title) <= limit else title[: cut or limit].rsplit(" ", 1)[0] + "…"


def cite_title(title: str) -> str:
    """A document's title as a citation shows it on screen."""
    return cut_title(title, CITE_TITLE_LIMIT, CITE_TITLE_LIMIT - 2)


def cite_link(target, page: str) -> dict:
    """A link to a cited passage, the one place citation labels are made.

    `target` is a `generator.link.citations.Target`. label: 'Điều 7 khoản 6, Quy chế làm việc
    của Ban Chấp hành Đảng bộ xã… (dự thảo)' — the title cut for the screen; full: the
    whole title, printed instead (None when nothing was cut). A draft says so in both."""
    doc = target.document
    title = document_title(doc)
    mark = draft_mark(doc)
    short = cite_title(title)
    return {
        "label": f"{target.label}, {short}{mark}",
        "full": f"{target.label}, {title}{mark}" if short != title else None,
        "href": urls.relative(page, target.href),
    }


def document_card(doc: Document, page: str, titles: dict[str, str]) -> list[dict]:
    """Rows of the metadata card, empty values left out."""
    status = "Dự thảo" if doc.draft else "Ban hành"
    rows = [
        ("Loại văn bản", KIND_LABELS[doc.kind], None),
        ("Số, ký hiệu", doc.number or "(để trống trong văn bản)", None),
        ("Ngày ban hành", vn_date(doc.date) or (doc.date_text or ""), None),
        ("Cơ quan ban hành", doc.issuer or "", None),
        ("Trực thuộc", doc.parent_issuer or "", None),
        ("Người ký", _signer_text(doc), None),
        ("Tình trạng", status, None),
        ("Sửa đổi, thay thế", doc.replaces or "", None),
    ]
    if doc.attached_to:
        rows.append(("Ban hành kèm theo", titles.get(doc.attached_to, doc.attached_to),
                     urls.relative(page, urls.document_page(doc.attached_to))))
    if doc.attachment:
        rows.append(("Văn bản ban hành kèm theo", titles.get(doc.attachment, doc.attachment),
                     urls.relative(page, urls.document_page(doc.attachment))))
    return [{"label": label, "value": value, "href": href} for label, value, href in rows if value]


def _signer_text(doc: Document) -> str:
    sig = doc.signature
    parts = [p for p in (sig.on_behalf, sig.position, sig.name) if p]
    return " – ".join(parts)


def _point_view(point: Point, concerns: ClauseLinks, page: str) -> NodeView:
    return NodeView(point.anchor, f"{point.label})", point.text, point.blocks, [],
                    _links(concerns, page, point.anchor))


def _clause_view(clause: Clause, concerns: ClauseLinks, page: str) -> NodeView:
    children = [_point_view(p, concerns, page) for p in clause.points]
    children += [_clause_view(c, concerns, page) for c in clause.clauses]
    return NodeView(clause.anchor, f"{clause.number}.", clause.text, clause.blocks, children,
                    _not_shown_above(_links(concerns, page, clause.anchor), children))


def _not_shown_above(links: list[Link], children: list[NodeView]) -> list[Link]:
    """A part's "Liên quan" links less those its last khoản/điểm (or that one's last, …) already
    shows: the two rows end up one under the other, and the role stays one tap away."""
    shown: set[str] = set()
    node = children[-1] if children else None
    while node is not None:
        shown.update(link.href for link in node.concerns)
        node = node.children[-1] if node.children else None
    return [link for link in links if link.href not in shown]


def _links(concerns: ClauseLinks, page: str, anchor: str) -> list[Link]:
    return [Link(label, urls.relative(page, target)) for label, target in concerns(page, anchor)]


TITLE_AS_TEXT = 90  # an "article title" this long is the article's text (decisions: "Điều 1. Ban hành kèm theo …")


def _article_view(article: Article, concerns: ClauseLinks, page: str) -> dict:
    title, intro = article.title, article.intro
    if len(title) > TITLE_AS_TEXT and not (intro or article.clauses or article.points):
        title, intro = "", [Block("paragraph", article.title)]
    parts = [_point_view(p, concerns, page) for p in article.points] + [_clause_view(c, concerns, page) for c in article.clauses]
    return {
        "anchor": article.anchor,
        "heading": f"Điều {article.number}. {title}".rstrip(". ") if title else f"Điều {article.number}",
        "intro": intro,
        "clauses": parts,
        "concerns": _not_shown_above(_links(concerns, page, article.anchor), parts),
    }


def document_outline(doc: Document, concerns: ClauseLinks, page: str) -> list[dict]:
    """Articles in order, with a chapter/section heading row where one starts."""
    chapters = {c.number: c for c in doc.chapters}
    sections = {(c.number, s.number): s for c in doc.chapters for s in c.sections}
    rows: list[dict] = []
    current: tuple[str | None, str | None] = (None, None)
    for article in doc.articles:
        if article.chapter != current[0] and article.chapter in chapters:
            ch = chapters[article.chapter]
            rows.append({"type": "chapter", "anchor": ch.anchor, "heading": f"Chương {ch.number}. {ch.title}".rstrip(". ")})
        if article.section and (article.chapter, article.section) != current and (article.chapter, article.section) in sections:
            sec = sections[(article.chapter, article.section)]
            rows.append({"type": "section", "anchor": sec.anchor, "heading": f"Mục {sec.number}. {sec.title}".rstrip(". ")})
        current = (article.chapter, article.section)
        rows.append({"type": "article", **_article_view(article, concerns, page)})
    return rows


def no_concerns(page: str, anchor: str) -> list[tuple[str, str]]:
    return []


def document_view(doc: Document, titles: dict[str, str], concerns: ClauseLinks = no_concerns) -> dict:
    page = urls.document_page(doc.id)
    return {
        "id": doc.id,
        "title": document_title(doc),
        "short_title": short_title(doc),
        "kind_label": KIND_LABELS[doc.kind],
        "draft": doc.draft,
        "card": document_card(doc, page, titles),
        "legal_bases": doc.legal_bases,
        "preamble": doc.preamble,
        "outline": document_outline(doc, concerns, page),
        "closing": doc.closing,
        "recipients": doc.recipients,
        "home_href": urls.relative(page, urls.HOME),
    }


def short_title(doc: Document, limit: int = 60) -> str:
    """Nav label: kind + number, or the title cut at a word boundary."""
    return cut_title(document_title(doc), limit)


def by_level_and_kind(documents: Iterable[Document]) -> list[tuple[str, list[Document], list[tuple[str, list[Document]]]]]:
    """[(level, its documents, [(kind label, its documents)])] in LEVEL_ORDER and KIND_LABELS order;
    empty levels and kinds left out, documents in their given order."""
    docs = list(documents)
    groups = []
    for level in LEVEL_ORDER:
        in_level = [d for d in docs if d.level == level]
        if in_level:
            kinds = [(label, [d for d in in_level if d.kind == kind]) for kind, label in KIND_LABELS.items()]
            groups.append((level, in_level, [(label, of_kind) for label, of_kind in kinds if of_kind]))
    return groups


def home_documents(documents: Iterable[Document]) -> list[dict]:
    """Documents grouped by level, then kind, for the home page."""
    return [{"label": LEVEL_LABELS[level],
             "kinds": [{"label": label, "documents": [home_entry(d) for d in sorted(of_kind, key=_doc_sort_key)]}
                       for label, of_kind in kinds]}
            for level, _, kinds in by_level_and_kind(documents)]


def home_entry(doc: Document) -> dict:
    meta = [p for p in (doc.number and f"Số {doc.number}", vn_date(doc.date), doc.issuer,
                        "Dự thảo" if doc.draft else None) if p]
    return {
        "title": document_title(doc),
        "href": urls.document_page(doc.id),
        "meta": " · ".join(meta),
        "articles": len(doc.articles),
    }


def _doc_sort_key(doc: Document) -> tuple:
    return (doc.date or dt.date.min, doc.id)
