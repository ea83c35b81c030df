"""`sotay inspect PATH --json`: what the importer sees in a file, as plain JSON data.

Shape (extra keys allowed and present: "id", "level", "attached_to", "attachment",
"warnings", article "anchor" and "points", clause "anchor"/"parent"/"clauses")::

    {"documents": [{"title", "kind", "number", "date" (ISO or null), "issuer",
                    "signer", "signer_position",
                    "chapters": [{"number", "title", "sections": [{"number", "title"}]}],
                    "articles": [{"number" (int), "title", "chapter", "section",
                                  "clauses": [{"number" (str, "2.1"), "points": [{"label"}]}]}]}]}

Sub-khoản choice: an article's "clauses" lists *every* khoản depth-first, sub-khoản
included ("2", "2.1", "2.2", "3"), each with its own points and "parent" (the number of
the enclosing khoản, or null); a khoản that has sub-khoản also carries them nested
under its own "clauses" (same shape). Count points over the flat list only.
Points written directly under an article (no khoản) are in the article's "points".
"""

from __future__ import annotations

from pathlib import Path

from generator.read.importer import read_documents
from generator.model.document import Article, Clause, Document


def inspect_json(path: Path) -> dict:
    """JSON-ready description of every document in a raw or imported file."""
    return {"documents": [document_json(d) for d in read_documents(Path(path))]}


def document_json(document: Document) -> dict:
    return {
        "id": document.id,
        "title": document.title,
        "kind": document.kind,
        "number": document.number,
        "date": document.date.isoformat() if document.date else None,
        "issuer": document.issuer,
        "level": document.level,
        "signer": document.signature.name,
        "signer_position": document.signature.position,
        "attached_to": document.attached_to,
        "attachment": document.attachment,
        "chapters": [
            {"number": c.number, "title": c.title, "sections": [{"number": s.number, "title": s.title} for s in c.sections]}
            for c in document.chapters
        ],
        "articles": [article_json(a) for a in document.articles],
        "warnings": [str(w) for w in document.warnings],
    }


def article_json(article: Article) -> dict:
    return {
        "number": article.number,
        "title": article.title,
        "anchor": article.anchor,
        "chapter": article.chapter,
        "section": article.section,
        "points": [{"label": p.label} for p in article.points],
        "clauses": list(flat_clauses(article.clauses, None)),
    }


def clause_json(clause: Clause, parent: str | None) -> dict:
    return {
        "number": clause.number,
        "anchor": clause.anchor,
        "parent": parent,
        "points": [{"label": p.label} for p in clause.points],
        "clauses": [clause_json(sub, clause.number) for sub in clause.clauses],
    }


def flat_clauses(clauses: list[Clause], parent: str | None):
    for clause in clauses:
        yield clause_json(clause, parent)
        yield from flat_clauses(clause.clauses, clause.number)
