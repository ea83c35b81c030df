"""View models of role and body pages, and the relationship overview.

Everything the templates show — grouping, ordering, labels, links relative to
the page — is decided here from the linked knowledge model.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import replace

from generator import urls
from generator.views.diagram import Edge, relation_svg
from generator.views.nav import sort_key
from generator.model.knowledge import Cite, Duty, Relation
from generator.views.common import cite_link

# (relation type, subject is `from`) → label of the group on the subject's page
RELATION_LABELS = {
    ("lanh-dao", True): "Lãnh đạo, chỉ đạo",
    ("lanh-dao", False): "Chịu sự lãnh đạo, chỉ đạo của",
    ("chu-tri-phoi-hop", True): "Chủ trì, phối hợp với",
    ("chu-tri-phoi-hop", False): "Phối hợp với đơn vị chủ trì",
    ("bao-cao", True): "Báo cáo tới",
    ("bao-cao", False): "Nhận báo cáo từ",
    ("uy-quyen", True): "Ủy quyền cho",
    ("uy-quyen", False): "Được ủy quyền bởi",
    ("giam-sat", True): "Kiểm tra, giám sát",
    ("giam-sat", False): "Chịu kiểm tra, giám sát của",
    ("trao-doi-thong-tin", True): "Trao đổi thông tin với",
    ("trao-doi-thong-tin", False): "Trao đổi thông tin với",
    ("huong-dan", True): "Hướng dẫn",
    ("huong-dan", False): "Được hướng dẫn bởi",
}
DIAGRAM_LIMIT = 14
# A holder whose duties, relations and rules come from more documents than this
# (a role shared by 1000 communes' regulations) gets one page per document:
# `vai-tro/<id>/<document>.html`; its own page keeps the general facts and links
# them. 6 keeps every holder of the default handbook (at most 3 documents) on one page.
HOLDER_DOCUMENT_LIMIT = 6


def action_tag(action: str | None, summary: str) -> str | None:
    """The duty's verb shown before its summary, unless the summary already starts with
    that word ("Chủ trì cuộc họp …" needs no "Chủ trì" tag: it would read twice, in print
    and in search excerpts)."""
    if not action:
        return None
    head = unicodedata.normalize("NFC", summary).lstrip()
    word = unicodedata.normalize("NFC", action)
    rest = head[len(word):]
    if head[:len(word)].casefold() == word.casefold() and not (rest[:1].isalnum()):
        return None
    return action


class HolderPages:
    """Builds the view of any holder's page; one instance per build."""

    def __init__(self, linked, document_titles: dict[str, str], tools_by_rule: dict[str, tuple[str, str]] | None = None):
        self.linked = linked
        self.vocab = linked.knowledge.vocab
        self.titles = document_titles
        self.tools_by_rule = tools_by_rule or {}
        self._split: dict[str, list[str]] = {}
        self._parts: dict[str, dict] = {}

    # --- small lookups -----------------------------------------------------------------

    def page_of(self, holder_id: str) -> str:
        view = self.linked.holders[holder_id]
        return urls.role_page(holder_id) if view.kind == "role" else urls.body_page(holder_id)

    def label_of(self, holder_id: str) -> str:
        item = self.linked.holders[holder_id].item
        return item.short or item.name

    def link(self, page: str, holder_id: str) -> dict:
        return {"label": self.label_of(holder_id), "href": urls.relative(page, self.page_of(holder_id))}

    def cites(self, page: str, cites: list[Cite]) -> list[dict]:
        return [cite_link(self.linked.targets[cite], page) for cite in cites]

    # --- pieces --------------------------------------------------------------------------

    def duty(self, page: str, duty: Duty) -> dict:
        return {
            "summary": duty.summary,
            "quote": duty.quote,
            "action": action_tag(self.vocab.actions.get(duty.action) if duty.action else None, duty.summary),
            "cites": self.cites(page, duty.cite),
            "with": [self.link(page, h) for h in duty.with_ if h in self.linked.holders],
        }

    def topic_groups(self, page: str, duties: list[Duty]) -> list[dict]:
        by_topic: dict[str, list[Duty]] = defaultdict(list)
        for duty in duties:
            by_topic[duty.topics[0] if duty.topics else "khac"].append(duty)
        order = list(self.vocab.topics)
        groups = []
        for topic in sorted(by_topic, key=lambda t: order.index(t) if t in order else len(order)):
            groups.append({
                "label": self.vocab.topics.get(topic, "Nhiệm vụ khác"),
                "anchor": f"chu-de-{topic}",
                "duties": [self.duty(page, d) for d in by_topic[topic]],
            })
        return groups

    def inherited_groups(self, page: str, view) -> list[dict]:
        groups: dict[str, dict] = {}
        for effective in view.duties:
            if not effective.via:
                continue
            source = effective.duty.holder
            group = groups.setdefault(source, {
                **self.link(page, source),
                "via": " → ".join(self.label_of(h) for h in effective.via[:-1]) if len(effective.via) > 1 else "",
                "duties": [],
            })
            group["duties"].append(self.duty(page, effective.duty))
        return list(groups.values())

    def relation_groups(self, page: str, view) -> tuple[list[dict], list[Edge]]:
        grouped: dict[str, list[dict]] = defaultdict(list)
        edges: dict[tuple, Edge] = {}
        pairs = [(r, True) for r in view.relations_out] + [(r, False) for r in view.relations_in]
        for relation, outgoing in pairs:
            other = relation.to if outgoing else relation.from_
            label = RELATION_LABELS.get((relation.type, outgoing), self.vocab.relation_types.get(relation.type, relation.type))
            grouped[label].append(self._relation_item(page, relation, other))
            key = (other, relation.type, outgoing)
            if key not in edges and other in self.linked.holders:
                edges[key] = Edge(self.label_of(other), urls.relative(page, self.page_of(other)),
                                  self.vocab.relation_types.get(relation.type, relation.type), outgoing)
        groups = [{"label": label, "anchor": f"quan-he-{i + 1}", "entries": items}
                  for i, (label, items) in enumerate(grouped.items())]
        return groups, list(edges.values())[:DIAGRAM_LIMIT]

    def _relation_item(self, page: str, relation: Relation, other: str) -> dict:
        return {
            "other": self.link(page, other),
            "summary": relation.summary,
            "topic": self.vocab.topics.get(relation.topic) if relation.topic else None,
            "cadence": self.vocab.cadences.get(relation.cadence) if relation.cadence else None,
            "cites": self.cites(page, relation.cite),
        }

    def rules(self, page: str, view) -> list[dict]:
        """Time rules in groups: the holder's own (label None), then per body or inherited role
        it takes them from ("Với tư cách thành viên Thường trực")."""
        groups: dict[str, dict] = {}
        for rule in view.rules:
            via = view.rule_via.get(rule.id, ())
            source = via[-1] if via else ""
            group = groups.setdefault(source, {
                "label": self.capacity(source) if source else None,
                "source": self.link(page, source) if source else None,
                "via": " → ".join(self.label_of(h) for h in via[:-1]),
                "anchor": f"thoi-han-{source}" if source else "thoi-han-rieng",
                "rules": [],
            })
            group["rules"].append(self.rule(page, rule))
        ordered = sorted(groups.values(), key=lambda g: g["label"] is not None)
        if len(ordered) > 1 and ordered[0]["label"] is None:  # own rules get a heading beside the others
            ordered[0]["label"] = f"Với tư cách {self.label_of(view.id)}"
        return ordered

    def capacity(self, holder_id: str) -> str:
        """'Với tư cách thành viên Thường trực' (a body) or 'Với tư cách Đảng ủy viên' (a role)."""
        member = "thành viên " if self.linked.holders[holder_id].kind == "body" else ""
        return f"Với tư cách {member}{self.label_of(holder_id)}"

    def rule(self, page: str, rule) -> dict:
        tool = self.tools_by_rule.get(rule.id)
        return {
            "title": rule.title,
            "summary": rule.summary,
            "cites": self.cites(page, rule.cite),
            "tool": {"label": tool[1], "href": urls.relative(page, tool[0])} if tool else None,
        }

    def compare_columns(self, page: str, duties: list[Duty]) -> list[dict]:
        """Own duties side by side per source document, when there is more than one."""
        by_doc: dict[str, list[Duty]] = defaultdict(list)
        for duty in duties:
            by_doc[duty.cite[0].document].append(duty)
        if len(by_doc) < 2:
            return []
        return [{
            "title": self.titles.get(doc, doc),
            "href": urls.relative(page, urls.document_page(doc)),
            "duties": [self.duty(page, d) for d in items],
        } for doc, items in by_doc.items()]

    def facts(self, page: str, view) -> list[dict]:
        item = view.item
        rows = [
            ("Thực hiện cả nhiệm vụ của", getattr(item, "inherits", [])),
            ("Là thành viên của", view.member_of),
            ("Nằm trong", [item.part_of] if getattr(item, "part_of", None) else []),
            ("Gồm", view.members),
            ("Các chức danh kế thừa nhiệm vụ này", view.inherited_by),
        ]
        return [{"label": label, "links": [self.link(page, h) for h in ids if h in self.linked.holders]}
                for label, ids in rows if ids]

    # --- per document ----------------------------------------------------------------

    def by_document(self, holder_id: str) -> dict:
        """Source document → the holder's view with only what that document says (one pass, remembered)."""
        if holder_id not in self._parts:
            full = self.linked.holders[holder_id]
            parts: dict = {}

            def part(item):
                document_id = item.cite[0].document
                if document_id not in parts:
                    parts[document_id] = replace(full, duties=[], relations_out=[], relations_in=[], rules=[])
                return parts[document_id]

            for effective in full.duties:
                part(effective.duty).duties.append(effective)
            for relation in full.relations_out:
                part(relation).relations_out.append(relation)
            for relation in full.relations_in:
                part(relation).relations_in.append(relation)
            for rule in full.rules:
                part(rule).rules.append(rule)
            self._parts[holder_id] = parts
        return self._parts[holder_id]

    def documents_of(self, holder_id: str) -> dict[str, dict[str, int]]:
        """Source document → how many own duties, inherited duties, relations, rules the holder has there."""
        return {doc: {"own": sum(not e.via for e in v.duties), "inherited": sum(bool(e.via) for e in v.duties),
                      "relations": len(v.relations_out) + len(v.relations_in), "rules": len(v.rules)}
                for doc, v in self.by_document(holder_id).items()}

    def split_documents(self, holder_id: str) -> list[str]:
        """The documents that get a page of their own for this holder (none: one page for everything)."""
        if holder_id not in self._split:
            documents = self.by_document(holder_id)
            self._split[holder_id] = [] if len(documents) <= HOLDER_DOCUMENT_LIMIT else \
                sorted(documents, key=lambda d: (sort_key(self.titles.get(d, d)), d))
        return self._split[holder_id]

    def page_for(self, holder_id: str, document_id: str) -> str:
        """Where to read what one document says about a holder: its page for that document, or its page."""
        if self.split_documents(holder_id) and document_id in self.by_document(holder_id):
            return self.document_page_of(holder_id, document_id)
        return self.page_of(holder_id)

    def clause_concerns(self, document_id: str):
        """For views.document_view of one document: (page, anchor) → (label, site path) of the
        roles and bodies the clause concerns."""
        def concerns(page: str, anchor: str) -> list[tuple[str, str]]:
            return [(self.label_of(h), self.page_for(h, document_id)) for h in self.linked.holders_at(document_id, anchor)]
        return concerns

    def concerned(self, document_id: str) -> tuple:
        """What a document page's clause links read: anchor → holder ids, and where each holder's
        page for the document is (cache.reuse compares it between reloads)."""
        anchors = self.linked.clause_holders.get(document_id, {})
        holders = dict.fromkeys(h for ids in anchors.values() for h in ids)
        return tuple(anchors.items()), tuple((h, self.page_for(h, document_id)) for h in holders)

    def document_page_of(self, holder_id: str, document_id: str) -> str:
        return urls.holder_document_page(self.page_of(holder_id), document_id)

    def document_list(self, page: str, holder_id: str, documents: list[str]) -> list[dict]:
        if not documents:
            return []
        counts = self.documents_of(holder_id)
        names = (("own", "nhiệm vụ riêng"), ("inherited", "nhiệm vụ kế thừa"), ("relations", "quan hệ"),
                 ("rules", "thời hạn"))
        return [{
            "title": self.titles.get(doc, doc),
            "href": urls.relative(page, self.document_page_of(holder_id, doc)),
            "counts": " · ".join(f"{counts[doc][key]} {label}" for key, label in names if counts[doc][key]),
        } for doc in documents]

    # --- the page ------------------------------------------------------------------------

    def view(self, holder_id: str, document_id: str | None = None) -> dict:
        """The holder's page; with `document_id`, its page for that one document."""
        full = self.linked.holders[holder_id]
        page = self.page_of(holder_id)
        documents = [] if document_id else self.split_documents(holder_id)
        view = full
        if document_id:
            page = self.document_page_of(holder_id, document_id)
            view = self.by_document(holder_id)[document_id]
        elif documents:  # the facts only: duties, relations and rules are on the per-document pages
            view = replace(full, duties=[], relations_out=[], relations_in=[], rules=[])
        own = view.own_duties
        relation_groups, edges = self.relation_groups(page, view)
        inherited = self.inherited_groups(page, view)
        rules = self.rules(page, view)
        checklists = [] if document_id else [
            {"label": c.title, "href": urls.relative(page, urls.checklist_page(c.id))} for c in view.checklists]
        item = view.item
        counts = [
            ("Văn bản", "theo-van-ban", len(documents)),
            ("Nhiệm vụ riêng", "nhiem-vu", len(own)),
            ("Kế thừa", "ke-thua", sum(len(g["duties"]) for g in inherited)),
            ("Quan hệ", "quan-he", sum(len(g["entries"]) for g in relation_groups)),
            ("Thời hạn", "thoi-han", sum(len(g["rules"]) for g in rules)),
            ("Danh mục", "danh-muc", len(checklists)),
        ]
        title = item.name
        if document_id:
            title = f"{item.name} — {self.titles.get(document_id, document_id)}"
        return {
            "id": holder_id,
            "title": title,
            "name": item.name,
            "short": item.short or item.name,
            "kind_label": "Chức danh" if view.kind == "role" else "Cơ quan, tổ chức",
            "aliases": item.aliases,
            "description": None if document_id else item.description,
            "facts": self.document_facts(page, holder_id, document_id) if document_id else self.facts(page, view),
            "summary_counts": [{"label": label, "anchor": anchor, "count": n} for label, anchor, n in counts if n],
            "documents": self.document_list(page, holder_id, documents),
            "topics": self.topic_groups(page, own),
            "inherited": inherited,
            "relation_groups": relation_groups,
            "diagram": relation_svg(item.short or item.name, edges, f"Sơ đồ quan hệ của {item.name}"),
            "rule_groups": rules,
            "checklists": checklists,
            "compare": [] if document_id else self.compare_columns(page, own),
        }

    def document_facts(self, page: str, holder_id: str, document_id: str) -> list[dict]:
        return [
            {"label": "Theo văn bản", "links": [{"label": self.titles.get(document_id, document_id),
                                                  "href": urls.relative(page, urls.document_page(document_id))}]},
            {"label": "Trang chung", "links": [self.link(page, holder_id)]},
        ]


def relations_overview(pages: HolderPages) -> list[dict]:
    """Per source document: a matrix of holders × holders and the list behind it.

    Each section's `page` is quan-he.html, or — over HOLDER_DOCUMENT_LIMIT
    documents — the document's own `quan-he/<document>.html`."""
    by_doc: dict[str, list[Relation]] = defaultdict(list)
    for relation in pages.linked.knowledge.relations:
        by_doc[relation.cite[0].document].append(relation)
    split = len(by_doc) > HOLDER_DOCUMENT_LIMIT
    sections = []
    for doc_id, relations in by_doc.items():
        page = urls.relations_document_page(doc_id) if split else urls.RELATIONS
        rows = _ordered_unique(r.from_ for r in relations)
        cols = _ordered_unique(r.to for r in relations)
        cells = defaultdict(list)
        for r in relations:
            cells[(r.from_, r.to)].append(pages.vocab.relation_types.get(r.type, r.type))
        sections.append({
            "page": page,
            "title": pages.titles.get(doc_id, doc_id),
            "href": urls.relative(page, urls.document_page(doc_id)),
            "anchor": f"vb-{doc_id}",
            "columns": [pages.link(page, c) for c in cols],
            "rows": [{
                "holder": pages.link(page, r),
                "cells": [", ".join(sorted(set(cells.get((r, c), [])))) for c in cols],
            } for r in rows],
            "entries": [{
                "from": pages.link(page, r.from_),
                "to": pages.link(page, r.to),
                "type": pages.vocab.relation_types.get(r.type, r.type),
                "topic": pages.vocab.topics.get(r.topic) if r.topic else None,
                "cadence": pages.vocab.cadences.get(r.cadence) if r.cadence else None,
                "summary": r.summary,
                "cites": pages.cites(page, r.cite),
            } for r in relations],
        })
    return sections


def _ordered_unique(values) -> list[str]:
    seen: dict[str, None] = {}
    for value in values:
        seen.setdefault(value, None)
    return list(seen)
