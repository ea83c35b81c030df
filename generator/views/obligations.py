"""View model of the obligations calendar (cong-cu/lich-nghia-vu.html): the recurring
duties of every role and body, per holder, as a JSON island for obligations.js.

    view = obligations_view(linked, titles, label_of)   # the page's selects and island
    calendar_page_views(linked, titles, common)     # its pages to render (one, or one per document)
"""

from __future__ import annotations

from generator import urls
from generator.views.calculators import DEFAULT_TERM, recurring_engine_rule
from generator.views.common import PageView, cite_link
from generator.views.nav import sort_key

CALENDAR_SCRIPTS = ["assets/sotay/dom.js", "assets/sotay/workdays.js", "assets/sotay/ics.js", "assets/sotay/obligations.js",
                    "assets/sotay/obligations-ui.js"]
INDEX = "index"
CALENDAR = "lich-nghia-vu"
# The calendar drawn from more documents than this gets one page per document,
# `cong-cu/lich-nghia-vu/<document>.html` (as the tools do, views/tools.py).
DOCUMENT_LIMIT = 6


UPCOMING = "sap-toi"  # the calendar's default period, computed in the browser from the reader's date
LEVEL_ORDER = {"xa": 0, "huyen": 1, "tinh": 2, "trung-uong": 3}  # the most local regulation first


def is_template(document) -> bool:
    """A model regulation (quy chế mẫu): no number and "mẫu" in its title — not anyone's own rules."""
    return not (document.number or "").strip() and "mẫu" in document.title.lower()


def _document_rank(linked, document_id: str) -> tuple:
    document = linked.documents.get(document_id)
    if document is None:
        return (1, 9, document_id)
    return (is_template(document), LEVEL_ORDER.get(document.level, 5), document_id)


def obligations_view(linked, titles: dict[str, str], label_of, term: tuple[int, int] = DEFAULT_TERM,
                     document_id: str | None = None, holder_rules: dict[str, list] | None = None) -> dict:
    """Select options and the JSON island of cong-cu/lich-nghia-vu.html.

    data: {term, periods [{value, label}], holders [{id, label, kind, default_document}],
           documents [{id, label, template}],
           rules {id: {title, summary, rule (workdays.js rule or null), cites [{label, href}], text, document,
                       document_label}},
           by_holder {holder id: [rule ids]}} — holders with at least one recurring rule.
    With `document_id` and `holder_rules` (holder id → its rules in that document):
    the calendar of one document, `cong-cu/lich-nghia-vu/<document>.html`.
    Each holder's calendar opens on ONE document (default_document: its own,
    most local regulation, never a model regulation when it has another) — two
    regulations' duties are not one schedule (a model and the commune's own
    both set the Ban Thường vụ's monthly meeting).
    """
    page = urls.tool_page(f"{CALENDAR}/{document_id}" if document_id else CALENDAR)
    if holder_rules is None:
        holder_rules = {holder_id: view.rules for holder_id, view in linked.holders.items()}
    rules, by_holder = {}, {}
    for holder_id, held in holder_rules.items():
        ids = [r.id for r in held if r.kind == "recurring"]
        if ids:
            by_holder[holder_id] = ids
        for rule in held:
            if rule.kind == "recurring" and rule.id not in rules:
                cites = [cite_link(linked.targets[cite], page) for cite in rule.cite]
                rules[rule.id] = {
                    "title": rule.title,
                    "summary": rule.summary or "",
                    "rule": recurring_engine_rule(rule.params, term),
                    "cites": cites,
                    "text": "Căn cứ: " + "; ".join(c["label"] for c in cites),
                    "document": rule.cite[0].document,
                    "document_label": titles.get(rule.cite[0].document, rule.cite[0].document),
                }

    def default_document(holder_id: str) -> str:
        docs = {rules[r]["document"] for r in by_holder[holder_id]}
        return min(docs, key=lambda d: _document_rank(linked, d))

    holders = [{"id": h, "label": label_of(h), "kind": linked.holders[h].kind, "default_document": default_document(h)}
               for h in by_holder]
    # "sap-toi" (the default, obligations.js): the 12 months from the reader's today, next one first.
    periods = [{"value": UPCOMING, "label": "12 tháng tới (từ hôm nay)"}]
    periods += [{"value": str(y), "label": f"Năm {y}"} for y in range(term[0], term[1] + 1)]
    periods.append({"value": "nhiem-ky", "label": f"Cả nhiệm kỳ {term[0]}–{term[1]}"})
    used = {r["document"] for r in rules.values()}
    documents = [{"id": d, "label": titles.get(d, d),
                  "template": d in linked.documents and is_template(linked.documents[d])}
                 for d in sorted(used, key=lambda d: _document_rank(linked, d))]
    return {
        "title": f"Lịch nghĩa vụ — {titles.get(document_id, document_id)}" if document_id else "Lịch nghĩa vụ",
        "index_href": urls.relative(page, urls.tool_page(INDEX)),
        "parent_href": urls.relative(page, urls.tool_page(CALENDAR)) if document_id else None,
        "parts": [],
        "roles": [h for h in holders if h["kind"] == "role"],
        "bodies": [h for h in holders if h["kind"] == "body"],
        "periods": periods,
        "documents": documents,
        "data": {"term": list(term), "periods": periods, "holders": holders, "documents": documents,
                 "rules": rules, "by_holder": by_holder},
    }


def calendar_page_views(linked, titles: dict[str, str], common: dict) -> list[PageView]:
    """The obligations calendar: one page, or over DOCUMENT_LIMIT documents one page per
    document and an index page listing them."""
    from generator.link.handbook import holder_label

    label_of = lambda h: holder_label(linked.holders[h])  # noqa: E731
    by_document = _recurring_by_document(linked)
    page = urls.tool_page(CALENDAR)
    if len(by_document) <= DOCUMENT_LIMIT:
        view = obligations_view(linked, titles, label_of)
        return [PageView(page, "obligations.md.j2", {"view": view, "scripts": CALENDAR_SCRIPTS, **common})]
    pages, parts = [], []
    for document_id in sorted(by_document, key=lambda d: (sort_key(titles.get(d, d)), d)):
        view = obligations_view(linked, titles, label_of, document_id=document_id, holder_rules=by_document[document_id])
        part = urls.tool_page(f"{CALENDAR}/{document_id}")
        pages.append(PageView(part, "obligations.md.j2", {"view": view, "scripts": CALENDAR_SCRIPTS, **common}))
        parts.append({"title": titles.get(document_id, document_id), "href": urls.relative(page, part),
                      "count": len(view["data"]["rules"])})
    head = {"title": "Lịch nghĩa vụ", "index_href": urls.relative(page, urls.tool_page(INDEX)),
            "parent_href": None, "parts": parts}
    pages.append(PageView(page, "obligations.md.j2", {"view": head, "scripts": [], **common}))
    return pages


def _recurring_by_document(linked) -> dict[str, dict[str, list]]:
    """document id → holder id → the holder's recurring rules citing that document first."""
    out: dict[str, dict[str, list]] = {}
    for holder_id, view in linked.holders.items():
        for rule in view.rules:
            if rule.kind == "recurring":
                out.setdefault(rule.cite[0].document, {}).setdefault(holder_id, []).append(rule)
    return out
