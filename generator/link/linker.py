"""Stage "link": resolve the knowledge model against the parsed documents.

Checks what the loader cannot know on its own — that every holder, vocabulary
id, rule and citation exists, that quotes occur in the clauses they cite and
that `inherits` has no cycle — and builds the views the renderer reads: each
holder's effective duties (own + inherited, with the path they come from),
relations in both directions, rules and checklists, the `href` of every
citation and, per document, which holders cite each clause.

All mistakes are collected and raised together as one `DataError`. The checks
(references, citations, quotes, cycles) live in `generator/link/references.py`,
citation lookup and quote matching in `generator/link/citations.py`; this module
keeps the linked model and the holder views derived from it. Coverage figures,
computed from a `Linked`, are in `generator/link/coverage.py`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from generator.cache import reuse
from generator.errors import DataError
from generator.link.citations import Target
from generator.link.references import Checker
from generator.model.document import Document
from generator.model.knowledge import Body, Checklist, Cite, Duty, Relation, Role, Rule
from generator.read.loader import Knowledge

Holder = Role | Body


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
    rules: list[Rule] = field(default_factory=list)  # own first, then those of its bodies and inherited roles
    rule_via: dict[str, tuple[str, ...]] = field(default_factory=dict)  # inherited rule id → holder ids it comes through
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
    checker = Checker(knowledge, {d.id: d for d in documents})
    checker.check_all()
    if checker.errors:
        raise DataError(checker.errors)
    linked = Linked(knowledge, checker.documents, _holder_views(knowledge), checker.targets, {})
    linked.clause_holders = _clause_holders(linked)
    return linked


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
    own_rules = {holder_id: list(view.rules) for holder_id, view in views.items()}
    for view in views.values():
        if view.kind == "role":
            _inherit_rules(view, views, own_rules)
    for checklist in k.checklists:
        for holder_id in checklist.users:
            views[holder_id].checklists.append(checklist)
    return views


def _add(items: list[str], value: str) -> None:
    if value not in items:
        items.append(value)


def _effective_duties(view: HolderView, views: dict[str, HolderView], own: dict[str, list[Duty]]) -> list[EffectiveDuty]:
    """Own duties, then those of inherited roles breadth-first; each duty once.

    Under `sotay serve` (cache.reuse) the previous reload's list while the inheritance path and
    the own duties along it are the same (objects)."""
    sources = [(view.id, ())] + _inherited(view, views)
    inputs = tuple((holder_id, via, tuple(own.get(holder_id, ()))) for holder_id, via in sources)
    return list(reuse(("effective-duties", view.id), inputs, lambda: _effective(inputs)))


def _parents(view: HolderView) -> list[str]:
    return list(getattr(view.item, "inherits", []))


def _breadth_first(view: HolderView, views: dict[str, HolderView], successors) -> list[tuple[str, tuple[str, ...]]]:
    """(holder id, via: the path from `view`) of every holder reached through `successors`,
    breadth-first, each once, `view` itself left out."""
    found = []
    queue: list[tuple[str, tuple[str, ...]]] = [(h, (h,)) for h in successors(view)]
    visited = {view.id}
    while queue:
        holder_id, via = queue.pop(0)
        if holder_id in visited:
            continue
        visited.add(holder_id)
        found.append((holder_id, via))
        queue += [(h, via + (h,)) for h in successors(views[holder_id])]
    return found


def _inherited(view: HolderView, views: dict[str, HolderView]) -> list[tuple[str, tuple[str, ...]]]:
    """(holder id, via) of every role `view` inherits from, breadth-first, each once."""
    return _breadth_first(view, views, _parents)


def _effective(sources: tuple) -> list[EffectiveDuty]:
    result, seen_duties = [], set()
    for _, via, duties in sources:
        for duty in duties:
            if duty.id not in seen_duties:
                seen_duties.add(duty.id)
                result.append(EffectiveDuty(duty, via))
    return result


def _inherit_rules(view: HolderView, views: dict[str, HolderView], own: dict[str, list[Rule]]) -> None:
    """Append to a role's own rules those of the bodies it belongs to and of the roles it
    inherits (breadth-first, bodies before roles, each rule once): a member of Thường trực
    keeps the Monday meeting of Thường trực. `rule_via` records the path of each."""
    seen = {rule.id for rule in view.rules}

    def bodies_and_parents(holder: HolderView) -> list[str]:  # a body passes on nothing
        return [*holder.member_of, *_parents(holder)] if holder is view or holder.kind == "role" else []

    for holder_id, via in _breadth_first(view, views, bodies_and_parents):
        for rule in own.get(holder_id, []):
            if rule.id not in seen:
                seen.add(rule.id)
                view.rules.append(rule)
                view.rule_via[rule.id] = via


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
