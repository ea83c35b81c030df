"""Citations resolved in parsed documents, and quotes matched against them.

Pure functions over `generator.model.document`: what a `cite` points at (or a message
saying what exists instead), the text of that passage, and the passage closest
to a quote that does not match.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from generator import urls
from generator.model.document import Article, Clause, Document, Point, iter_clauses, paragraphs
from generator.model.knowledge import Cite


@dataclass(frozen=True)
class Target:
    """What a citation points at, resolved in the parsed document."""

    document: Document
    article: Article
    clause: Clause | None
    point: Point | None

    @property
    def anchor(self) -> str:
        return (self.point or self.clause or self.article).anchor

    @property
    def href(self) -> str:
        return f"{urls.document_page(self.document.id)}#{self.anchor}"

    @property
    def label(self) -> str:
        """'Điều 6 khoản 3 điểm a'."""
        text = f"Điều {self.article.number}"
        if self.clause:
            text += f" khoản {self.clause.number}"
        if self.point:
            text += f" điểm {self.point.label}"
        return text


def resolve_cite(cite: Cite, documents: dict[str, Document]) -> tuple[Target | None, str | None]:
    """The target of a citation, or a message saying what exists instead."""
    document = documents.get(cite.document)
    if document is None:
        return None, unknown_document(cite.document, documents)
    article = document.article(cite.article)
    if article is None:
        return None, f"{document.id} has no Điều {cite.article} — it has Điều {span([a.number for a in document.articles])}"
    if cite.clause is None:
        if cite.point is None:
            return Target(document, article, None, None), None
        return _article_point(document, article, cite)
    clauses = list(iter_clauses(article.clauses))
    same_label = [c for c in clauses if c.number == cite.clause]
    if not same_label:
        if not clauses:
            return None, f"Điều {article.number} of {document.id} has no numbered khoản — cite the article alone (remove clause)"
        return None, f"Điều {article.number} of {document.id} has no khoản {cite.clause} — it has khoản {span([c.number for c in clauses])}"
    if cite.occurrence > len(same_label):
        return None, (f"Điều {article.number} of {document.id} has khoản {cite.clause} only {len(same_label)} time(s)"
                      f" — use occurrence: 1 to {len(same_label)}")
    clause = same_label[cite.occurrence - 1]
    if cite.point is None:
        return Target(document, article, clause, None), None
    point = next((p for p in clause.points if normalize(p.label) == normalize(cite.point)), None)
    if point is None:
        where = f"khoản {clause.number} of Điều {article.number} ({document.id})"
        if not clause.points:
            return None, f"{where} has no điểm — cite the khoản alone (remove point)"
        return None, f"{where} has no điểm {cite.point} — it has điểm {span([p.label for p in clause.points])}"
    return Target(document, article, clause, point), None


def _article_point(document: Document, article: Article, cite: Cite) -> tuple[Target | None, str | None]:
    """A điểm cited without a khoản: it must stand directly under the article."""
    point = next((p for p in article.points if normalize(p.label) == normalize(cite.point)), None)
    if point is not None:
        return Target(document, article, None, point), None
    owners = [c.number for c in iter_clauses(article.clauses) if any(normalize(p.label) == normalize(cite.point) for p in c.points)]
    hint = f'add the khoản it belongs to, e.g. clause: "{owners[0]}"' if owners else "check the article"
    return None, f"Điều {article.number} of {document.id} has no điểm {cite.point} directly under it — {hint}"


def unknown_document(document_id: str, documents: dict[str, Document]) -> str:
    if not documents:
        return f"'{document_id}' is not a known document — there are no documents in content/documents/ (run `sotay import`)"
    close = suggest(document_id, documents)
    hint = f"did you mean '{close}'?" if close else f"known documents: {', '.join(sorted(documents))}"
    return f"'{document_id}' is not a known document — {hint}"


def suggest(value: str, known: Iterable[str]) -> str | None:
    """The id the author probably meant: one that starts with what they wrote, else the closest."""
    known = sorted(known)
    starting = [k for k in known if k.startswith(value)]
    if len(starting) == 1:
        return starting[0]
    close = difflib.get_close_matches(value, known, n=1, cutoff=0.7)
    return close[0] if close else None


VIETNAMESE_LETTERS = "a b c d đ e g h i k l m n o p q r s t u v x y".split()


def span(labels: list) -> str:
    """[1, 2, 3, 4, 5] → '1–5'; ['a', 'b', 'c'] → 'a–c'; otherwise a comma list."""
    if not labels:
        return "none"
    keys = [_ordinal(label) for label in labels]
    consecutive = None not in keys and all(b == a + 1 for a, b in zip(keys, keys[1:]))
    if consecutive and len(labels) > 2:
        return f"{labels[0]}–{labels[-1]}"
    return ", ".join(str(label) for label in labels)


def _ordinal(label) -> int | None:
    if isinstance(label, int):
        return label
    if label.isdigit():
        return int(label)
    return VIETNAMESE_LETTERS.index(label) if label in VIETNAMESE_LETTERS else None


@functools.lru_cache(maxsize=1 << 16)
def normalize(text: str) -> str:
    """NFC, whitespace collapsed: how quotes are compared with the regulation."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def target_texts(target: Target) -> Iterable[str]:
    unit = target.point or target.clause or target.article
    return [*([unit.title] if unit is target.article else []), *(p.text for p in paragraphs(unit))]


def closest_passage(wanted: str, text: str, limit: int = 200) -> tuple[float, str]:
    """The run of words in `text` most like `wanted` (difflib ratio), shortened to `limit`."""
    words = text.split(" ")
    size = max(1, len(wanted.split(" ")))
    best = (0.0, text)
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(wanted)
    for start in range(max(1, len(words) - size + 1)):
        candidate = " ".join(words[start : start + size])
        matcher.set_seq1(candidate)
        if matcher.real_quick_ratio() > best[0] and matcher.quick_ratio() > best[0]:
            ratio = matcher.ratio()
            if ratio > best[0]:
                best = (ratio, candidate)
    ratio, passage = best
    return ratio, passage if len(passage) <= limit else passage[: limit - 1] + "…"
