"""Stage "link": resolve the knowledge model against the parsed documents.

Checks what the loader cannot know on its own — that every holder, vocabulary
id, rule and citation exists, that quotes occur in the clauses they cite and
that `inherits` has no cycle — and builds the views the renderer reads: each
holder's effective duties (own + inherited, with the path they come from),
relations in both directions, rules and checklists, the `href` of every
citation and, per document, which holders cite each clause.

All mistakes are collected and raised together as one `DataError`.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from generator import urls
from generator.errors import DataError
from generator.loader import Knowledge, Origin, YamlPath, origin_of
from generator.model import Article, Clause, Document, Point, iter_clauses
from generator.schema import Body, Checklist, ChecklistItem, Cite, Duty, Relation, Role, Rule, Sourced

Holder = Role | Body


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


@dataclass(frozen=True)
class EffectiveDuty:
    duty: Duty
    via: tuple[str, ...] = ()  # inherited: role ids from the direct parent to the role that holds it


@dataclass
class HolderView:
    id: str
    kind: Literal["role", "body"]
    item: Holder
    duties: list[EffectiveDuty] = field(default_factory=list)  # own first, then inherited
    relations_out: list[Relation] = field(default_factory=list)  # this holder is `from`
    relations_in: list[Relation] = field(default_factory=list)  # this holder is `to`
    rules: list[Rule] = field(default_factory=list)
    checklists: list[Checklist] = field(default_factory=list)
    member_of: list[str] = field(default_factory=list)  # body ids (role.member_of ∪ bodies listing it)
    members: list[str] = field(default_factory=list)  # body: role ids
    inherited_by: list[str] = field(default_factory=list)

    @property
    def own_duties(self) -> list[Duty]:
        return [d.duty for d in self.duties if not d.via]


@dataclass
class Linked:
    knowledge: Knowledge
    documents: dict[str, Document]
    holders: dict[str, HolderView]  # roles in file order, then bodies
    targets: dict[Cite, Target]  # every citation in the data
    clause_holders: dict[str, dict[str, list[str]]]  # document id → anchor → holder ids citing it

    def href(self, cite: Cite) -> str:
        return self.targets[cite].href

    def holders_at(self, document_id: str, anchor: str) -> list[str]:
        return self.clause_holders.get(document_id, {}).get(anchor, [])


def link(knowledge: Knowledge, documents: list[Document]) -> Linked:
    """Resolve and check everything; raise `DataError` listing every mistake."""
    checker = _Checker(knowledge, {d.id: d for d in documents})
    checker.check_all()
    if checker.errors:
        raise DataError(checker.errors)
    linked = Linked(knowledge, checker.documents, _holder_views(knowledge), checker.targets, {})
    linked.clause_holders = _clause_holders(linked)
    return linked


# --- checks --------------------------------------------------------------------


class _Checker:
    def __init__(self, knowledge: Knowledge, documents: dict[str, Document]) -> None:
        self.k = knowledge
        self.documents = documents
        self.errors: list[str] = []
        self.targets: dict[Cite, Target] = {}
        self.roles = {r.id for r in knowledge.roles}
        self.bodies = {b.id for b in knowledge.bodies}
        self.rule_ids = {r.id for r in knowledge.rules}
        self.holder_files = f"the ids in {knowledge.data_file('roles.yml')} or {knowledge.data_file('bodies.yml')}"

    def check_all(self) -> None:
        vocab = self.k.vocab
        for body in self.k.bodies:
            self.ref(body, ("part_of",), body.part_of, self.bodies, "body", self.ids_in("bodies.yml"))
            self.refs(body, ("members",), body.members, self.roles, "role", self.ids_in("roles.yml"))
            self.cites(body, (), body.cite, None)
        for role in self.k.roles:
            self.holder_refs(role, ("inherits",), role.inherits)
            self.refs(role, ("member_of",), role.member_of, self.bodies, "body", self.ids_in("bodies.yml"))
            self.cites(role, (), role.cite, None)
        self.cycles()
        for duty in self.k.duties:
            self.holder_refs(duty, ("holder",), [duty.holder])
            self.holder_refs(duty, ("with",), duty.with_)
            self.refs(duty, ("topics",), duty.topics, vocab.topics, "topic", self.vocab_file("topics"))
            self.ref(duty, ("action",), duty.action, vocab.actions, "action", self.vocab_file("actions"))
            self.cites(duty, (), duty.cite, duty.quote)
        for rel in self.k.relations:
            self.ref(rel, ("type",), rel.type, vocab.relation_types, "relation type", self.vocab_file("relation_types"))
            self.holder_refs(rel, ("from",), [rel.from_])
            self.holder_refs(rel, ("to",), [rel.to])
            self.ref(rel, ("topic",), rel.topic, vocab.topics, "topic", self.vocab_file("topics"))
            self.ref(rel, ("cadence",), rel.cadence, vocab.cadences, "cadence", self.vocab_file("cadences"))
            self.cites(rel, (), rel.cite, rel.quote)
        for rule in self.k.rules:
            self.holder_refs(rule, ("applies_to",), rule.applies_to)
            self.cites(rule, (), rule.cite, rule.quote)
        for checklist in self.k.checklists:
            self.holder_refs(checklist, ("users",), checklist.users)
            self.items(checklist, ("items",), checklist.items)
        for comparison in self.k.comparisons:
            self.comparison(comparison)

    def vocab_file(self, section: str) -> str:
        return f"the {section} in {self.k.data_file('vocab.yml')}"

    def ids_in(self, name: str) -> str:
        return f"the ids in {self.k.data_file(name)}"

    def fail(self, obj: Sourced, sub: YamlPath, text: str) -> None:
        self.errors.append(origin_of(obj).message(sub, text))

    # references

    def holder_refs(self, obj: Sourced, sub: YamlPath, values: list[str]) -> None:
        self.refs(obj, sub, values, self.roles | self.bodies, "role or body", self.holder_files)

    def refs(self, obj, sub, values, known, what, where) -> None:
        for index, value in enumerate(values):
            path = sub + (index,) if _is_list(origin_of(obj), sub) else sub
            self.ref(obj, path, value, known, what, where)

    def ref(self, obj, sub, value, known, what, where) -> None:
        if value is None or value in known:
            return
        kinds = {"role": self.roles, "body": self.bodies}
        other = next((kind for kind, ids in kinds.items() if kind != what and what in kinds and value in ids), None)
        if other:
            self.fail(obj, sub, f"'{value}' is a {other}, not a {what} — use one of {where}")
            return
        close = suggest(value, known)
        hint = f"did you mean '{close}'?" if close else f"use one of {where}"
        self.fail(obj, sub, f"'{value}' is not a known {what} — {hint}")

    def items(self, checklist: Checklist, sub: YamlPath, items: list[ChecklistItem]) -> None:
        for index, item in enumerate(items):
            path = sub + (index,)
            self.ref(checklist, path + ("rule",), item.rule, self.rule_ids, "rule", f"the ids in {self.k.data_file('rules')}/*.yml")
            self.cites(checklist, path, item.cite, None)
            self.items(checklist, path + ("items",), item.items)

    def cycles(self) -> None:
        inherits = {r.id: [p for p in r.inherits if p in self.roles] for r in self.k.roles}
        by_id = {r.id: r for r in self.k.roles}
        reported: set[frozenset[str]] = set()
        for role in self.k.roles:
            cycle = _find_cycle(role.id, inherits)
            if cycle and frozenset(cycle) not in reported:
                reported.add(frozenset(cycle))
                index = by_id[role.id].inherits.index(cycle[1])
                path = " → ".join(cycle)
                self.fail(role, ("inherits", index), f"inheritance cycle {path} — remove one of these inherits")

    # citations

    def cites(self, obj: Sourced, sub: YamlPath, cites: list[Cite], quote: str | None) -> None:
        origin = origin_of(obj)
        targets = []
        for index, cite in enumerate(cites):
            path = sub + ("cite", index) if _is_list(origin, sub + ("cite",)) else sub + ("cite",)
            targets.append(self.resolve(obj, path, cite))
        if quote is not None and targets and None not in targets:
            self.quote(obj, sub + ("quote",), quote, targets)

    def resolve(self, obj: Sourced, path: YamlPath, cite: Cite) -> Target | None:
        target, problem = resolve_cite(cite, self.documents)
        if problem:
            self.fail(obj, path, problem)
            return None
        self.targets[cite] = target
        return target

    def quote(self, obj: Sourced, path: YamlPath, quote: str, targets: list[Target]) -> None:
        wanted = normalize(quote)
        passages = [normalize(" ".join(target_texts(t))) for t in targets]
        if any(wanted in passage for passage in passages):
            return
        where = " or ".join(f"{t.label} of {t.document.id}" for t in targets)
        closest = max((closest_passage(wanted, p) for p in passages), key=lambda pair: pair[0])[1]
        self.fail(obj, path, f'quote not found in {where} — closest passage: "{closest}"; copy the words exactly as printed (line breaks and spaces do not matter)')

    def comparison(self, comparison) -> None:
        for key in ("model", "local"):
            document_id = getattr(comparison, key)
            if document_id not in self.documents:
                self.fail(comparison, (key,), _unknown_document(document_id, self.documents))
                return
        for index, pair in enumerate(comparison.articles):
            for side, key in enumerate(("model", "local")):
                document = self.documents[getattr(comparison, key)]
                if document.article(pair[side]) is None:
                    self.fail(comparison, ("articles", index, side), f"{document.id} has no Điều {pair[side]} — it has Điều {_span([a.number for a in document.articles])}")


def _is_list(origin: Origin, sub: YamlPath) -> bool:
    """Whether the author wrote a list at `sub` (vs one value for a one-or-many key)."""
    return origin.path + sub + (0,) in origin.lines


def _find_cycle(start: str, inherits: dict[str, list[str]]) -> list[str] | None:
    """A cycle through `start` as [start, ..., start], or None."""
    stack = [(start, [start])]
    seen: set[str] = set()
    while stack:
        node, path = stack.pop()
        for parent in inherits.get(node, []):
            if parent == start:
                return path + [start]
            if parent not in seen:
                seen.add(parent)
                stack.append((parent, path + [parent]))
    return None


# --- citations ------------------------------------------------------------------


def resolve_cite(cite: Cite, documents: dict[str, Document]) -> tuple[Target | None, str | None]:
    """The target of a citation, or a message saying what exists instead."""
    document = documents.get(cite.document)
    if document is None:
        return None, _unknown_document(cite.document, documents)
    article = document.article(cite.article)
    if article is None:
        return None, f"{document.id} has no Điều {cite.article} — it has Điều {_span([a.number for a in document.articles])}"
    if cite.clause is None:
        return Target(document, article, None, None), None
    clauses = list(iter_clauses(article.clauses))
    clause = next((c for c in clauses if c.number == cite.clause), None)
    if clause is None:
        if not clauses:
            return None, f"Điều {article.number} of {document.id} has no numbered khoản — cite the article alone (remove clause)"
        return None, f"Điều {article.number} of {document.id} has no khoản {cite.clause} — it has khoản {_span([c.number for c in clauses])}"
    if cite.point is None:
        return Target(document, article, clause, None), None
    point = next((p for p in clause.points if normalize(p.label) == normalize(cite.point)), None)
    if point is None:
        where = f"khoản {clause.number} of Điều {article.number} ({document.id})"
        if not clause.points:
            return None, f"{where} has no điểm — cite the khoản alone (remove point)"
        return None, f"{where} has no điểm {cite.point} — it has điểm {_span([p.label for p in clause.points])}"
    return Target(document, article, clause, point), None


def _unknown_document(document_id: str, documents: dict[str, Document]) -> str:
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


def _span(labels: list) -> str:
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


def normalize(text: str) -> str:
    """NFC, whitespace collapsed: how quotes are compared with the regulation."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def target_texts(target: Target) -> Iterable[str]:
    if target.point:
        return _point_texts(target.point)
    if target.clause:
        return _clause_texts(target.clause)
    return [target.article.title, *(b.text for b in target.article.intro), *(t for c in target.article.clauses for t in _clause_texts(c))]


def _point_texts(point: Point) -> list[str]:
    return [point.text, *(b.text for b in point.blocks)]


def _clause_texts(clause: Clause) -> list[str]:
    texts = [clause.text, *(b.text for b in clause.blocks)]
    for point in clause.points:
        texts += _point_texts(point)
    for sub in clause.clauses:
        texts += _clause_texts(sub)
    return texts


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


# --- views -----------------------------------------------------------------------


def _holder_views(k: Knowledge) -> dict[str, HolderView]:
    views = {r.id: HolderView(r.id, "role", r, member_of=list(r.member_of)) for r in k.roles}
    views |= {b.id: HolderView(b.id, "body", b, members=list(b.members)) for b in k.bodies}
    for role in k.roles:
        for body_id in role.member_of:
            _add(views[body_id].members, role.id)
        for parent in role.inherits:
            _add(views[parent].inherited_by, role.id)
    for body in k.bodies:
        for role_id in body.members:
            _add(views[role_id].member_of, body.id)
    own: dict[str, list[Duty]] = {}
    for duty in k.duties:
        own.setdefault(duty.holder, []).append(duty)
    for view in views.values():
        view.duties = _effective_duties(view, views, own)
    for rel in k.relations:
        views[rel.from_].relations_out.append(rel)
        views[rel.to].relations_in.append(rel)
    for rule in k.rules:
        for holder_id in rule.applies_to:
            views[holder_id].rules.append(rule)
    for checklist in k.checklists:
        for holder_id in checklist.users:
            views[holder_id].checklists.append(checklist)
    return views


def _add(items: list[str], value: str) -> None:
    if value not in items:
        items.append(value)


def _effective_duties(view: HolderView, views: dict[str, HolderView], own: dict[str, list[Duty]]) -> list[EffectiveDuty]:
    """Own duties, then those of inherited roles breadth-first; each duty once."""
    result = [EffectiveDuty(d) for d in own.get(view.id, [])]
    seen_duties = {d.duty.id for d in result}
    queue: list[tuple[str, tuple[str, ...]]] = [(p, (p,)) for p in getattr(view.item, "inherits", [])]
    visited = {view.id}
    while queue:
        holder_id, via = queue.pop(0)
        if holder_id in visited:
            continue
        visited.add(holder_id)
        for duty in own.get(holder_id, []):
            if duty.id not in seen_duties:
                seen_duties.add(duty.id)
                result.append(EffectiveDuty(duty, via))
        parent = views[holder_id].item
        queue += [(p, via + (p,)) for p in getattr(parent, "inherits", [])]
    return result


def _clause_holders(linked: Linked) -> dict[str, dict[str, list[str]]]:
    order = {holder_id: index for index, holder_id in enumerate(linked.holders)}
    index: dict[str, dict[str, set[str]]] = {}

    def add(cites: list[Cite], holder_ids: Iterable[str]) -> None:
        for cite in cites:
            target = linked.targets[cite]
            index.setdefault(target.document.id, {}).setdefault(target.anchor, set()).update(holder_ids)

    k = linked.knowledge
    for holder in [*k.roles, *k.bodies]:
        add(holder.cite, [holder.id])
    for duty in k.duties:
        add(duty.cite, [duty.holder])
    for rel in k.relations:
        add(rel.cite, [rel.from_, rel.to])
    for rule in k.rules:
        add(rule.cite, rule.applies_to)
    return {doc: {anchor: sorted(ids, key=order.__getitem__) for anchor, ids in anchors.items()} for doc, anchors in index.items()}


# --- coverage ---------------------------------------------------------------------


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
