"""Coverage figures: how much of a document the knowledge model cites."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from generator.link.linker import Linked
from generator.model.document import Clause, iter_clauses


@dataclass(frozen=True)
class CoverageTarget:
    document: str
    first: int  # first article number (inclusive)
    last: int  # last article number (inclusive)


@dataclass
class CoverageRow:
    document: str
    first: int
    last: int
    clauses_total: int
    clauses_cited: int  # numbered khoản cited by ≥ 1 duty (directly, via a point, sub-khoản or parent)
    articles_total: int
    articles_cited: int  # articles cited by ≥ 1 duty or relation
    uncited_clauses: list[str]  # anchors, for "what is missing" lists

    @property
    def clause_fraction(self) -> float | None:
        return self.clauses_cited / self.clauses_total if self.clauses_total else None

    @property
    def article_fraction(self) -> float | None:
        return self.articles_cited / self.articles_total if self.articles_total else None


def coverage(linked: Linked, targets: Iterable[CoverageTarget | tuple[str, int, int]]) -> list[CoverageRow]:
    duty_targets = [linked.targets[c] for d in linked.knowledge.duties for c in d.cite]
    relation_targets = [linked.targets[c] for r in linked.knowledge.relations for c in r.cite]
    cited_clauses = {(t.document.id, t.clause.anchor) for t in duty_targets if t.clause}
    cited_articles = {(t.document.id, t.article.number) for t in duty_targets + relation_targets}
    rows = []
    for target in targets:
        document_id, first, last = target if isinstance(target, tuple) else (target.document, target.first, target.last)
        document = linked.documents.get(document_id)
        articles = [a for a in (document.articles if document else []) if first <= a.number <= last]
        total, uncited = 0, []
        for article in articles:
            for clause in article.clauses:
                total, uncited = _clause_coverage(document_id, clause, cited_clauses, False, total, uncited)
        cited_count = sum((document_id, a.number) in cited_articles for a in articles)
        rows.append(CoverageRow(document_id, first, last, total, total - len(uncited), len(articles), cited_count, uncited))
    return rows


def _clause_coverage(doc: str, clause: Clause, cited: set, parent_cited: bool, total: int, uncited: list[str]) -> tuple[int, list[str]]:
    here = parent_cited or (doc, clause.anchor) in cited
    covered = here or any((doc, c.anchor) in cited for c in iter_clauses(clause.clauses))
    total += 1
    if not covered:
        uncited.append(clause.anchor)
    for sub in clause.clauses:
        total, uncited = _clause_coverage(doc, sub, cited, here, total, uncited)
    return total, uncited
