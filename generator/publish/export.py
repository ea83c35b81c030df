"""The one JSON serialiser of each model type, and the open-data export built from them.

`handbook_json(build)` is `site/api/handbook.json` (schema documented in
data/README.md); `document_json` is also what `sotay inspect --json` prints
(generator/publish/inspect_json.py). Every href is relative to the site root
(`van-ban/<id>.html#dieu-6-khoan-3`).
"""

from __future__ import annotations

from generator import urls
from generator.link.quiz import Quiz
from generator.model.document import Article, Clause, Document, Point, paragraphs
from generator.model.knowledge import Cite
from generator.site.context import Build

SCHEMA_VERSION = 1


def handbook_json(build: Build) -> dict:
    handbook = build.handbook
    data = {
        "schema": SCHEMA_VERSION,
        "build_date": build.build_date,
        "content_version": build.content_version,
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
        data.update(knowledge_json(handbook.linked))
        data["quizzes"] = quizzes_json(build.quizzes, handbook.linked)
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
        "text": " ".join(p.text for p in paragraphs(article, nested=False)),
        "href": f"{page}#{article.anchor}",
        "points": [_point_json(p, page) for p in article.points],
        "clauses": [_clause_json(c, page) for c in article.clauses],
    }


def _clause_json(clause: Clause, page: str) -> dict:
    return {
        "id": clause.anchor,
        "number": clause.number,
        "text": " ".join(p.text for p in paragraphs(clause, nested=False)).strip(),
        "href": f"{page}#{clause.anchor}",
        "points": [_point_json(p, page) for p in clause.points],
        "clauses": [_clause_json(c, page) for c in clause.clauses],
    }


def _point_json(point: Point, page: str) -> dict:
    return {
        "id": point.anchor,
        "label": point.label,
        "text": " ".join(p.text for p in paragraphs(point)).strip(),
        "href": f"{page}#{point.anchor}",
    }


def knowledge_json(linked) -> dict:
    """Roles, bodies, duties, relations, rules and checklists, every statement with `cite`."""
    k = linked.knowledge

    def cites(items) -> list[dict]:
        return [cite_json(c, linked.href(c)) for c in items]

    return {
        "roles": [{
            "id": r.id, "name": r.name, "short": r.short, "aliases": r.aliases,
            "inherits": r.inherits, "member_of": linked.holders[r.id].member_of,
            "description": r.description, "href": urls.role_page(r.id), "cite": cites(r.cite),
        } for r in k.roles],
        "bodies": [{
            "id": b.id, "name": b.name, "short": b.short, "aliases": b.aliases, "kind": b.kind,
            "part_of": b.part_of, "members": linked.holders[b.id].members,
            "description": b.description, "href": urls.body_page(b.id), "cite": cites(b.cite),
        } for b in k.bodies],
        "duties": [{
            "id": d.id, "holder": d.holder, "summary": d.summary, "quote": d.quote,
            "topics": d.topics, "action": d.action, "with": d.with_, "cite": cites(d.cite),
        } for d in k.duties],
        "relations": [{
            "id": r.id, "type": r.type, "from": r.from_, "to": r.to, "topic": r.topic,
            "summary": r.summary, "cadence": r.cadence, "quote": r.quote, "cite": cites(r.cite),
        } for r in k.relations],
        "rules": [{
            "id": r.id, "kind": r.kind, "title": r.title, "summary": r.summary,
            "applies_to": r.applies_to, "params": r.written_params(), "blanks": r.blanks,
            "quote": r.quote, "cite": cites(r.cite),
        } for r in k.rules],
        "checklists": [checklist_json(c, cites) for c in k.checklists],
    }


def quizzes_json(quizzes: list[Quiz], linked) -> list[dict]:
    """handbook.json `quizzes`: every question with its answer and citations."""
    return [{
        "id": q.id, "quiz": quiz.id, "document": quiz.document, "kind": q.kind, "href": quiz.page,
        "text": q.text, "options": q.options, "answer": q.answer, "explanation": q.explanation,
        "cite": [cite_json(c, linked.href(c)) for c in q.cites],
    } for quiz in quizzes for q in quiz.questions]


def cite_json(cite: Cite, href: str) -> dict:
    return {"document": cite.document, "article": cite.article, "clause": cite.clause,
            "point": cite.point, "href": href}


def checklist_json(checklist, cites) -> dict:
    def item(i) -> dict:
        return {"id": i.id, "text": i.text, "rule": i.rule,
                "due": i.due.model_dump() if i.due else None,
                "cite": cites(i.cite), "items": [item(sub) for sub in i.items]}

    return {"id": checklist.id, "title": checklist.title, "users": checklist.users,
            "trigger": checklist.trigger, "event": checklist.event,
            "href": urls.checklist_page(checklist.id), "items": [item(i) for i in checklist.items]}
