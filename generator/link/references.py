"""Stage "link", its checks: every id, citation and quote of the data resolved.

What the loader cannot know on its own — that every holder, vocabulary id,
rule and citation exists, that quotes occur in the clauses they cite, that
`inherits` has no cycle and that the tool wording (`data/tools.yml`) names
rules that exist — checked here; every mistake is collected with its
`file:line`. The resolved citations (`targets`) go on to `generator/link/linker.py`.
"""

from __future__ import annotations

from generator.link.citations import Target, closest_passage, normalize, resolve_cite, span, suggest, target_texts, unknown_document
from generator.cache import sharing
from generator.read.loader import Knowledge, origin_of
from generator.model.document import Document
from generator.model.knowledge import Checklist, ChecklistItem, Cite, Duty, Relation, Rule, Sourced
from generator.read.yaml_source import Origin, YamlPath, display_path


# --- checks --------------------------------------------------------------------


class Checker:
    def __init__(self, knowledge: Knowledge, documents: dict[str, Document]) -> None:
        self.k = knowledge
        self.documents = documents
        self.errors: list[str] = []
        self.targets: dict[Cite, Target] = {}
        self._passages: dict[tuple[str, str], str] = {}
        self.roles = {r.id for r in knowledge.roles}
        self.bodies = {b.id for b in knowledge.bodies}
        self.rule_ids = {r.id for r in knowledge.rules}
        self.holder_files = f"the ids in {knowledge.data_file('roles.yml')} or {knowledge.data_file('bodies.yml')}"
        self._hints: dict[str, str] = {}
        self.memo = _ItemMemo.for_checker(self) if sharing() else None

    def check_all(self) -> None:
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
            self.checked(duty, self.duty)
        for rel in self.k.relations:
            self.checked(rel, self.relation)
        for rule in self.k.rules:
            self.checked(rule, self.rule)
        for checklist in self.k.checklists:
            self.holder_refs(checklist, ("users",), checklist.users)
            self.items(checklist, ("items",), checklist.items)
        for comparison in self.k.comparisons:
            self.comparison(comparison)
        if self.k.tools is not None:
            self.absence_cases(self.k.tools)

    def checked(self, obj: Duty | Relation | Rule, check) -> None:
        """`check(obj)`; under `sotay serve` an unchanged entry checked against unchanged
        documents, ids and vocabularies reuses the previous reload's messages and targets."""
        if self.memo is None:
            check(obj)
            return
        found = self.memo.get(obj)
        if found is None:
            errors, targets = self.errors, self.targets
            self.errors, self.targets = [], {}
            try:
                check(obj)
                found = self.memo.put(obj, self.errors, self.targets)
            finally:
                self.errors, self.targets = errors, targets
        self.errors += found[0]
        self.targets.update(found[1])

    def duty(self, duty: Duty) -> None:
        vocab = self.k.vocab
        self.holder_refs(duty, ("holder",), [duty.holder])
        self.holder_refs(duty, ("with",), duty.with_)
        self.refs(duty, ("topics",), duty.topics, vocab.topics, "topic", self.vocab_file("topics"))
        self.ref(duty, ("action",), duty.action, vocab.actions, "action", self.vocab_file("actions"))
        self.cites(duty, (), duty.cite, duty.quote)

    def relation(self, rel: Relation) -> None:
        vocab = self.k.vocab
        self.ref(rel, ("type",), rel.type, vocab.relation_types, "relation type", self.vocab_file("relation_types"))
        self.holder_refs(rel, ("from",), [rel.from_])
        self.holder_refs(rel, ("to",), [rel.to])
        self.ref(rel, ("topic",), rel.topic, vocab.topics, "topic", self.vocab_file("topics"))
        self.ref(rel, ("cadence",), rel.cadence, vocab.cadences, "cadence", self.vocab_file("cadences"))
        self.cites(rel, (), rel.cite, rel.quote)

    def rule(self, rule: Rule) -> None:
        self.holder_refs(rule, ("applies_to",), rule.applies_to)
        self.cites(rule, (), rule.cite, rule.quote)

    def vocab_file(self, section: str) -> str:
        return self._hint(f"vocab:{section}", lambda: f"the {section} in {self.k.data_file('vocab.yml')}")

    def ids_in(self, name: str) -> str:
        return self._hint(f"ids:{name}", lambda: f"the ids in {self.k.data_file(name)}")

    def _hint(self, key: str, text) -> str:
        """A "use one of …" hint, worked out once per build (it resolves a display path)."""
        if key not in self._hints:
            self._hints[key] = text()
        return self._hints[key]

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
        passages = [self.passage(t) for t in targets]
        if any(wanted in passage for passage in passages):
            return
        where = " or ".join(f"{t.label} of {t.document.id}" for t in targets)
        closest = max((closest_passage(wanted, p) for p in passages), key=lambda pair: pair[0])[1]
        self.fail(obj, path, f'quote not found in {where} — closest passage: "{closest}"; copy the words exactly as printed (line breaks and spaces do not matter)')

    def passage(self, target: Target) -> str:
        """Normalised cited text, once per target (many duties quote the same article)."""
        key = (target.document.id, target.anchor)
        if key not in self._passages:
            self._passages[key] = normalize(" ".join(target_texts(target)))
        return self._passages[key]

    def comparison(self, comparison) -> None:
        for key in ("model", "local"):
            document_id = getattr(comparison, key)
            if document_id not in self.documents:
                self.fail(comparison, (key,), unknown_document(document_id, self.documents))
                return
        for index, pair in enumerate(comparison.articles):
            for side, key in enumerate(("model", "local")):
                document = self.documents[getattr(comparison, key)]
                if document.article(pair[side]) is None:
                    self.fail(comparison, ("articles", index, side), f"{document.id} has no Điều {pair[side]} — it has Điều {span([a.number for a in document.articles])}")


    def absence_cases(self, tools) -> None:
        """Each `absence_cases` key names an absence rule; a case with a threshold needs its days."""
        rules = {rule.id: rule for rule in self.k.rules}
        where = f"the ids of the absence rules in {self.k.data_file('rules')}/*.yml"
        for rule_id, cases in tools.absence_cases.items():
            rule = rules.get(rule_id)
            if rule is None:
                close = suggest(rule_id, rules)
                hint = f"did you mean '{close}'?" if close else f"use one of {where}"
                self.fail(tools, ("absence_cases", rule_id), f"'{rule_id}' is not a known rule — {hint}")
            elif rule.kind != "absence":
                self.fail(tools, ("absence_cases", rule_id), f"'{rule_id}' is a {rule.kind} rule, not an absence rule — use one of {where}")
            elif rule.params.days is None:
                for index, case in enumerate(cases):
                    if not case.always:
                        self.fail(tools, ("absence_cases", rule_id, index), f"case '{case.value}' has no threshold: rule '{rule_id}' leaves its days blank — write `always: true`")


class _ItemMemo:
    """Messages and targets of each duty, relation and rule checked by the previous build of this
    process (`sotay serve`), valid while the documents (same objects), the holder, rule and
    vocabulary ids and the data folder are unchanged. Entries are keyed by the entry object:
    cache.shared gives an unchanged file's entries back as the same objects."""

    _last: _ItemMemo | None = None

    def __init__(self, context: tuple, documents: tuple) -> None:
        self.context = context
        self.documents = documents  # (id, Document) pairs, compared by identity
        self.entries: dict[int, tuple[object, list[str], dict[Cite, Target]]] = {}
        self.previous: dict[int, tuple[object, list[str], dict[Cite, Target]]] = {}

    @classmethod
    def for_checker(cls, checker: Checker) -> _ItemMemo:
        k = checker.k
        context = (display_path(k.data_dir), frozenset(checker.roles), frozenset(checker.bodies),
                   frozenset(checker.rule_ids), k.vocab.model_dump())
        documents = tuple(checker.documents.items())
        memo = cls(context, documents)
        last = cls._last
        if last is not None and last.context == context and len(last.documents) == len(documents) and all(
                a[0] == b[0] and a[1] is b[1] for a, b in zip(last.documents, documents)):
            memo.previous = last.entries
        cls._last = memo
        return memo

    def get(self, obj: object) -> tuple[list[str], dict[Cite, Target]] | None:
        entry = self.previous.get(id(obj))
        if entry is None or entry[0] is not obj:
            return None
        self.entries[id(obj)] = entry
        return entry[1], entry[2]

    def put(self, obj: object, errors: list[str], targets: dict[Cite, Target]) -> tuple[list[str], dict[Cite, Target]]:
        self.entries[id(obj)] = (obj, errors, targets)
        return errors, targets


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
