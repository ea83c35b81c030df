"""Open-data export: `site/api/handbook.json` (schema documented in data/README.md).

Every href is relative to the site root (`van-ban/<id>.html#dieu-6-khoan-3`).
"""

from __future__ import annotations

from . import urls
from .handbook import Handbook
from .model import Article, Clause, Document, Point

SCHEMA_VERSION = 1


def handbook_json(handbook: Handbook, build_date: str, content_version: str) -> dict:
    data = {
        "schema": SCHEMA_VERSION,
        "build_date": build_date,
        "content_version": content_version,
        "documents": [document_json(d) for d in handbook.documents],
        "roles": [],
        "bodies": [],
        "duties": [],
        "relations": [],
        "rules": [],
        "checklists": [],
        "quizzes": [],
    }
    if handbook.linked is not None:
        data.update(knowledge_json(handbook))
    return data


def document_json(doc: Document) -> dict:
    page = urls.document_page(doc.id)
    return {
        "id": doc.id,
        "kind": doc.kind,
        "title": doc.title,
        "number": doc.number,
        "date": doc.date.isoformat() if doc.date else None,
        "issuer": doc.issuer,
        "level": doc.level,
        "draft": doc.draft,
        "attached_to": doc.attached_to,
        "attachment": doc.attachment,
        "href": page,
        "articles": [_article_json(a, page) for a in doc.articles],
    }


def _article_json(article: Article, page: str) -> dict:
    return {
        "id": article.anchor,
        "number": article.number,
        "title": article.title,
        "chapter": article.chapter,
        "section": article.section,
        "text": " ".join(b.text for b in article.intro),
        "href": f"{page}#{article.anchor}",
        "clauses": [_clause_json(c, page) for c in article.clauses],
    }


def _clause_json(clause: Clause, page: str) -> dict:
    return {
        "id": clause.anchor,
        "number": clause.number,
        "text": " ".join([clause.text, *(b.text for b in clause.blocks)]).strip(),
        "href": f"{page}#{clause.anchor}",
        "points": [_point_json(p, page) for p in clause.points],
        "clauses": [_clause_json(c, page) for c in clause.clauses],
    }


def _point_json(point: Point, page: str) -> dict:
    return {
        "id": point.anchor,
        "label": point.label,
        "text": " ".join([point.text, *(b.text for b in point.blocks)]).strip(),
        "href": f"{page}#{point.anchor}",
    }


def knowledge_json(handbook: Handbook) -> dict:
    """Roles, bodies, duties, relations, rules, checklists: filled in by the knowledge stage."""
    return {}
