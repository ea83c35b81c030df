"""Model ↔ local regulation comparison (data/comparisons.yml → so-sanh/<id>.html).

For each declared article pair, clauses are aligned by similarity of their
normalised word sequences (difflib `SequenceMatcher.ratio` over words:
lowercase, NFC, punctuation dropped). Alignment is greedy on the best ratio
first, one-to-one, above `THRESHOLD`; the text before the first khoản counts as
one more unit ("Đoạn mở đầu"). Matched clauses get a word-level diff (words
only in the model are `<del>`, words only in the local text `<ins>`);
clauses left over are listed per side. Pure functions: no file access.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field

from generator import urls
from generator.model.document import Article, Clause, Document, paragraphs

THRESHOLD = 0.45  # below this, two clauses are different provisions, not versions of one
COMPARE_CSS = ["assets/sotay/course.css"]
INTRO = "mo-dau"
_WORD_RE = re.compile(r"[\w]+", re.UNICODE)


@dataclass(frozen=True)
class Unit:
    """A comparable piece of an article: a khoản (with its điểm, sub-khoản) or the opening text."""

    key: str  # clause label ("3", "2.1") or "mo-dau"
    label: str  # "Khoản 3", "Đoạn mở đầu"
    anchor: str
    text: str

    @property
    def words(self) -> list[str]:
        return self.text.split()


@dataclass
class Segment:
    kind: str  # "same" | "del" | "ins"
    text: str


@dataclass
class ClauseMatch:
    model: Unit
    local: Unit
    ratio: float
    model_segments: list[Segment] = field(default_factory=list)
    local_segments: list[Segment] = field(default_factory=list)

    @property
    def deleted(self) -> list[str]:
        return [s.text for s in self.model_segments if s.kind == "del"]

    @property
    def inserted(self) -> list[str]:
        return [s.text for s in self.local_segments if s.kind == "ins"]


@dataclass
class ArticleAlignment:
    model: Article
    local: Article
    matches: list[ClauseMatch]
    model_only: list[Unit]
    local_only: list[Unit]

    def match_of(self, model_key: str) -> ClauseMatch | None:
        return next((m for m in self.matches if m.model.key == model_key), None)


# --- text ----------------------------------------------------------------------------


def normal_word(word: str) -> str:
    """'Đảng,' → 'đảng'; '(bằng' → 'bằng'; punctuation-only → ''."""
    word = unicodedata.normalize("NFC", word).lower()
    return "".join(_WORD_RE.findall(word))


def similarity(a: list[str], b: list[str]) -> float:
    na, nb = [normal_word(w) for w in a], [normal_word(w) for w in b]
    na, nb = [w for w in na if w], [w for w in nb if w]
    if not na or not nb:
        return 0.0
    return difflib.SequenceMatcher(None, na, nb, autojunk=False).ratio()


def _clause_text(clause: Clause) -> str:
    first, *rest = paragraphs(clause)
    return " ".join(t for t in (first.text, *(p.labelled for p in rest)) if t)


def article_units(article: Article) -> list[Unit]:
    units = []
    intro = " ".join(p.text for p in paragraphs(article, nested=False))
    if intro:
        units.append(Unit(INTRO, "Đoạn mở đầu", article.anchor, intro))
    seen: dict[str, int] = {}
    for clause in article.clauses:
        seen[clause.number] = seen.get(clause.number, 0) + 1
        # a numbering that starts again (Lùng Phình Điều 6: the HĐND chairman's khoản 1–3) stays distinguishable
        label = f"Khoản {clause.number}" + (f" (lần {seen[clause.number]})" if seen[clause.number] > 1 else "")
        units.append(Unit(clause.number, label, clause.anchor, _clause_text(clause)))
    return units


# --- alignment -------------------------------------------------------------------------


def align_articles(model: Article, local: Article, threshold: float = THRESHOLD) -> ArticleAlignment:
    left, right = article_units(model), article_units(local)
    scored = sorted(
        ((similarity(a.words, b.words), i, j) for i, a in enumerate(left) for j, b in enumerate(right)),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    used_left, used_right, pairs = set(), set(), []
    for ratio, i, j in scored:
        if ratio < threshold:
            break
        if i in used_left or j in used_right:
            continue
        used_left.add(i)
        used_right.add(j)
        pairs.append((i, j, ratio))
    pairs.sort(key=lambda p: (p[1], p[0]))  # in the local text's order
    matches = [word_diff(left[i], right[j], ratio) for i, j, ratio in pairs]
    return ArticleAlignment(
        model, local, matches,
        [u for i, u in enumerate(left) if i not in used_left],
        [u for j, u in enumerate(right) if j not in used_right],
    )


def word_diff(model: Unit, local: Unit, ratio: float) -> ClauseMatch:
    a, b = model.words, local.words
    matcher = difflib.SequenceMatcher(None, [normal_word(w) for w in a], [normal_word(w) for w in b], autojunk=False)
    match = ClauseMatch(model, local, ratio)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            _push(match.model_segments, "same", a[i1:i2])
            _push(match.local_segments, "same", b[j1:j2])
            continue
        _push(match.model_segments, "del", a[i1:i2])
        _push(match.local_segments, "ins", b[j1:j2])
    return match


def _push(segments: list[Segment], kind: str, words: list[str]) -> None:
    if words:
        segments.append(Segment(kind, " ".join(words)))


def compare(comparison, documents: dict[str, Document]) -> list[ArticleAlignment]:
    model, local = documents[comparison.model], documents[comparison.local]
    return [align_articles(model.article(m), local.article(n)) for m, n in comparison.articles]


# --- page ------------------------------------------------------------------------------


def comparison_page(comparison_id: str) -> str:
    return f"so-sanh/{comparison_id}.html"


def comparison_view(comparison, documents: dict[str, Document], titles: dict[str, str]) -> dict:
    page = comparison_page(comparison.id)

    def link(document_id: str, anchor: str) -> str:
        return urls.relative(page, f"{urls.document_page(document_id)}#{anchor}")

    def unit(document_id: str, u: Unit) -> dict:
        return {"label": u.label, "href": link(document_id, u.anchor), "text": u.text}

    sections = []
    for alignment in compare(comparison, documents):
        sections.append({
            "anchor": f"dieu-{alignment.model.number}-{alignment.local.number}",
            "model": {"label": f"Điều {alignment.model.number}. {alignment.model.title}",
                      "href": link(comparison.model, alignment.model.anchor)},
            "local": {"label": f"Điều {alignment.local.number}. {alignment.local.title}",
                      "href": link(comparison.local, alignment.local.anchor)},
            "matches": [{
                "model": unit(comparison.model, m.model),
                "local": unit(comparison.local, m.local),
                "percent": round(m.ratio * 100),
                "identical": not m.deleted and not m.inserted,
                "model_segments": m.model_segments,
                "local_segments": m.local_segments,
            } for m in alignment.matches],
            "model_only": [unit(comparison.model, u) for u in alignment.model_only],
            "local_only": [unit(comparison.local, u) for u in alignment.local_only],
        })
    return {
        "id": comparison.id,
        "title": comparison.title,
        "model": {"title": titles.get(comparison.model, comparison.model),
                  "href": urls.relative(page, urls.document_page(comparison.model))},
        "local": {"title": titles.get(comparison.local, comparison.local),
                  "href": urls.relative(page, urls.document_page(comparison.local))},
        "threshold": round(THRESHOLD * 100),
        "sections": sections,
    }
