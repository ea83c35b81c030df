"""View models of the deadline tool pages (cong-cu/*.html).

Which tool pages exist, which rules each one shows, which form a role or body
page links to and the home tiles: all decided here, from the linked knowledge
model. What the pages say — titles, intros, the recurring-page groupings, the
cases of an absence rule — is data (`data/tools.yml`, `generator/model/tools.py`).
The forms themselves come from `generator/views/calculators.py` (one view per
form) and the fragments in `generator/templates/calculators/`; `tool.md.j2`
only lays them out. The obligations calendar is `generator/views/obligations.py`.

    tools = tool_pages(linked, titles)          # [Tool], index first
    tools_by_rule(tools)                        # {rule id: (site path#form, label)}
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field, replace

from generator import urls
from generator.model.document import Article, paragraphs
from generator.model.tools import ToolText, fill
from generator.views import common as views
from generator.views.common import PageView
from generator.views.calculators import DEFAULT_TERM, calculator_view, meeting_schedule_view, quorum_view, recurring_engine_rule
from generator.views.nav import sort_key
from generator.views.obligations import CALENDAR, DOCUMENT_LIMIT, INDEX, calendar_page_views

CALCULATOR_SCRIPTS = ["assets/sotay/dom.js", "assets/sotay/workdays.js", "assets/sotay/quorum.js", "assets/sotay/ics.js", "assets/sotay/calculator.js"]
TOOL_CSS = ["assets/sotay/tools.css"]
# A tool whose rules come from more documents than DOCUMENT_LIMIT gets one page per
# document, `cong-cu/<tool>/<document>.html`, and its own page lists them: a page with
# the forms of 1000 communes' regulations would be tens of MB. 6 keeps every tool of
# the default handbook on one page.


@dataclass
class Tool:
    id: str
    title: str
    note: str
    intro: str
    forms: list[dict] = field(default_factory=list)  # calculator views, cites relative to the page
    anchors: dict[str, str] = field(default_factory=dict)  # rule id → form (or output) id on the page
    example: str = ""  # a query that fills the forms, shown as a worked example
    chip: str = ""  # the link's label next to each rule on role and body pages
    parent: str = ""  # a tool's page for one document: the tool's id
    parts: list[dict] = field(default_factory=list)  # the tool's pages per document [{title, href, count}]
    recurring: bool = False  # a page of recurring duties (listed apart on the index)
    home: bool = True  # a tile on the home page

    @property
    def page(self) -> str:
        return urls.tool_page(self.id)


def _tool(text: ToolText) -> Tool:
    """A deadline tool as data/tools.yml words it."""
    return Tool(text.id, text.title, text.note, text.intro, example=text.example or "", chip=text.chip)


# --- rules as the calculator builders want them -------------------------------------


def _short_doc(titles: dict[str, str], document_id: str) -> str:
    return views.cite_title(titles.get(document_id, document_id))


def cite_links(linked, titles: dict[str, str], page: str, cites) -> list[dict]:
    """[{label: 'Điều 11 khoản 3, Quy chế … (dự thảo)', full, href relative to page}] of a rule's
    citations, labelled like every citation of the handbook (views.cite_link)."""
    return [views.cite_link(linked.targets[cite], page) for cite in cites]


def _cited(rules, linked, titles, page) -> list[tuple]:
    """[(rule, its citations as `page` shows them)]: what the calculator views take."""
    return [(rule, cite_links(linked, titles, page, rule.cite)) for rule in rules]


LONG_TEXT = 600  # characters: a longer clause is folded under its quote


def _quotes(rules, linked, titles, page) -> list[dict]:
    """The cited clauses' own words, once per clause, each rule's quote marked in them.

    [{label, href, quotes [str], paragraphs [[{text, mark}]], long}] — `long`
    clauses show the quotes and fold the whole text away.
    """
    out: dict[str, dict] = {}
    for rule in rules:
        for cite in rule.cite:
            target = linked.targets[cite]
            entry = out.get(target.href)
            if entry is None:
                link = cite_links(linked, titles, page, [cite])[0]
                entry = out[target.href] = {**link, "quotes": [], "node": target.point or target.clause or target.article}
            if rule.quote and rule.quote not in entry["quotes"]:
                entry["quotes"].append(rule.quote)
    views = []
    for entry in out.values():
        paragraphs = [_marked(text, entry["quotes"]) for text in _node_texts(entry.pop("node"))]
        size = sum(len(seg["text"]) for para in paragraphs for seg in para)
        views.append({**entry, "paragraphs": paragraphs, "long": size > LONG_TEXT})
    return views


def _node_texts(node) -> list[str]:
    """An article, clause or point as the paragraphs a reader sees."""
    parts = paragraphs(node)
    texts = [node.title] if isinstance(node, Article) else [parts.pop(0).text]
    texts += [p.labelled for p in parts]
    return [t for t in texts if t]


def _marked(text: str, quotes: list[str]) -> list[dict]:
    """Split text into segments; the first place each quote occurs is marked."""
    spans = []
    low = text.lower()
    for quote in quotes:
        at = low.find(quote.lower())
        if at >= 0 and not any(a < at + len(quote) and at < b for a, b in spans):
            spans.append((at, at + len(quote)))
    segments, pos = [], 0
    for a, b in sorted(spans):
        if a > pos:
            segments.append({"text": text[pos:a], "mark": False})
        segments.append({"text": text[a:b], "mark": True})
        pos = b
    if pos < len(text):
        segments.append({"text": text[pos:], "mark": False})
    return segments


def _grouped_form(view: dict, rules, linked, titles, page) -> dict:
    """A form for several rules: each citation once in its header, every quote below it."""
    seen = set()
    view["cites"] = [c for c in view["cites"] if not (c["href"] in seen or seen.add(c["href"]))]
    view["quotes"] = _quotes(rules, linked, titles, page)
    return view


def _document_order(rules) -> dict[str, list]:
    by_doc: dict[str, list] = defaultdict(list)
    for rule in rules:
        by_doc[rule.cite[0].document].append(rule)
    return by_doc


# --- the tool pages ---------------------------------------------------------------


def tool_pages(linked, titles: dict[str, str]) -> list[Tool]:
    """Every calculator page that the data calls for; pages with no rule are left out."""
    rules = linked.knowledge.rules
    texts = linked.knowledge.tools
    if texts is None:  # no rules, no data/tools.yml
        return []
    words = texts.tools
    tools = [
        *_by_document(_working_days_tool, words.working_days_after, linked, titles,
                      [r for r in rules if r.kind == "working-days-after"]),
        *_by_document(_meeting_tool, words.days_before, linked, titles, [r for r in rules if r.kind == "days-before"]),
        *_by_document(_quorum_tool, words.quorum_majority, linked, titles,
                      [r for r in rules if r.kind in ("quorum", "majority")]),
        *_by_document(_absence_tool, words.absence, linked, titles, [r for r in rules if r.kind == "absence"]),
        *_recurring_tools(linked, titles, [r for r in rules if r.kind == "recurring"]),
    ]
    return [t for t in tools if t.forms or t.parts]


def _by_document(build, text, linked, titles, rules) -> list[Tool]:
    """`build(text, linked, titles, rules, document)` → [the tool] or, over DOCUMENT_LIMIT
    documents, [the tool listing its parts, one part per document]."""
    groups = _document_order(rules)
    if len(groups) <= DOCUMENT_LIMIT:
        return [build(text, linked, titles, rules, None)]
    head = replace(build(text, linked, titles, [], None), example="")
    parts = [build(text, linked, titles, group, doc) for doc, group in groups.items()]
    parts = sorted((p for p in parts if p.forms), key=lambda p: sort_key(p.title))
    head.parts = [{"title": titles.get(p.id.rsplit("/", 1)[1], p.title), "href": urls.relative(head.page, p.page),
                   "count": len(p.anchors)} for p in parts]
    return [head, *parts]


def _part(tool: Tool, titles, document_id: str | None) -> Tool:
    """The tool's page for one document (`cong-cu/<tool>/<document>.html`), or the tool itself."""
    if document_id is None:
        return replace(tool, forms=[], anchors={}, parts=[])
    return replace(tool, id=f"{tool.id}/{document_id}", parent=tool.id, forms=[], anchors={}, parts=[],
                   title=f"{tool.title} — {titles.get(document_id, document_id)}")


def _per_rule_tool(tool: Tool, linked, titles, rules) -> Tool:
    for rule, cites in _cited(rules, linked, titles, tool.page):
        view = calculator_view(rule, cites)
        if view is None:
            continue
        view["quotes"] = _quotes([rule], linked, titles, tool.page)
        tool.forms.append(view)
        tool.anchors[rule.id] = view["id"]
    return tool


def _working_days_tool(text: ToolText, linked, titles, rules, document_id=None) -> Tool:
    return _per_rule_tool(_part(_tool(text), titles, document_id), linked, titles, rules)


def _absence_tool(text: ToolText, linked, titles, rules, document_id=None) -> Tool:
    """One form per absence rule; its cases (data/tools.yml `absence_cases`) say which
    situation the rule's threshold is for and which are reported whatever the length."""
    tool = _per_rule_tool(_part(_tool(text), titles, document_id), linked, titles, rules)
    cases = linked.knowledge.tools.absence_cases
    for view, rule in zip(tool.forms, [r for r in rules if r.id in tool.anchors]):
        doc = _short_doc(titles, rule.cite[0].document)
        view["cases"] = [_case_view(case, rule, doc) for case in cases.get(rule.id, [])]
    return tool


def _case_view(case, rule, doc: str) -> dict:
    """{value, label, threshold (the rule's days) or always, yes, no} for absence.html."""
    when = {"always": True} if case.always else {"threshold": rule.params.days}
    return {"value": case.value, "label": case.label, **when,
            "yes": fill(case.yes_answer, doc=doc), "no": fill(case.no_answer or "", doc=doc)}


def _meeting_tool(text: ToolText, linked, titles, rules, document_id=None) -> Tool:
    tool = _part(_tool(text), titles, document_id)
    for doc, group in _document_order(rules).items():
        view = meeting_schedule_view(_cited(group, linked, titles, tool.page),
                                     title=f"Theo {titles.get(doc, doc)}", id=f"hop-{doc}")
        tool.forms.append(_grouped_form(view, group, linked, titles, tool.page))
        tool.anchors.update({r.id: view["id"] for r in group})
    return tool


def _quorum_tool(text: ToolText, linked, titles, rules, document_id=None) -> Tool:
    tool = _part(_tool(text), titles, document_id)
    for doc, group in _document_order(rules).items():
        view = quorum_view(_cited(group, linked, titles, tool.page),
                           title=f"Theo {titles.get(doc, doc)}", id=f"bieu-quyet-{doc}")
        if view is None:  # every fraction left blank
            continue
        tool.forms.append(_grouped_form(view, group, linked, titles, tool.page))
        tool.anchors.update({r.id: view["id"] for r in group if r.params.fraction is not None})
    return tool


def _recurring_tools(linked, titles, rules) -> list[Tool]:
    """One page per engine rule: every obligation on it falls on the same dates."""
    groups: dict[str, list] = {}
    engine: dict[str, dict] = {}
    for rule in rules:
        engine_rule = recurring_engine_rule(rule.params)
        if engine_rule is None:
            continue
        key = json.dumps(engine_rule, sort_keys=True)
        groups.setdefault(key, []).append(rule)
        engine[key] = engine_rule
    words = linked.knowledge.tools.recurring
    term = f"{DEFAULT_TERM[0]}–{DEFAULT_TERM[1]}"
    tools = []
    for key, group in groups.items():
        page = words.pages[engine[key]["type"]]
        page_id = page.id
        if any(t.id == page_id for t in tools):
            page_id = f"{page_id}-{len(tools)}"
        tool = Tool(page_id, page.title, fill(page.note, term=term), words.intro, example=words.example or "",
                    chip=words.chip, recurring=True, home=page.home)

        def build(text, linked, titles, rules, document_id, tool=tool) -> Tool:
            return _per_rule_tool(_part(tool, titles, document_id), linked, titles, rules)
        tools += _by_document(build, None, linked, titles, group)
    return tools


def tools_by_rule(tools: list[Tool]) -> dict[str, tuple[str, str]]:
    """{rule id: (site path#form id, chip label)} for the role and body pages."""
    out = {}
    for tool in tools:
        for rule_id, anchor in tool.anchors.items():
            out[rule_id] = (f"{tool.page}#{anchor}", tool.chip)
    return out


def home_tiles(tools: list[Tool]) -> list[dict]:
    """Home page tiles: the calendar first, then the index of every tool."""
    tools = [t for t in tools if not t.parent]
    return [
        {"name": "Lịch nghĩa vụ", "href": urls.tool_page(CALENDAR),
         "note": "Việc định kỳ của từng chức danh, cơ quan; tải về lịch điện thoại"},
        *[{"name": t.title, "href": t.page, "note": t.note} for t in tools if t.home],
        {"name": "Công cụ tính hạn", "href": urls.tool_page(INDEX), "note": f"Tất cả {len(tools) + 1} công cụ"},
    ]


def index_view(tools: list[Tool]) -> dict:
    page = urls.tool_page(INDEX)
    tools = [t for t in tools if not t.parent]
    entry = lambda t: {"title": t.title, "note": t.note, "href": urls.relative(page, t.page),  # noqa: E731
                       "count": len(t.anchors) + sum(p["count"] for p in t.parts)}
    return {
        "title": "Công cụ tính hạn",
        "calendar": {"title": "Lịch nghĩa vụ", "href": urls.relative(page, urls.tool_page(CALENDAR)),
                     "note": "Việc định kỳ sắp tới của một chức danh hay cơ quan, từ hôm nay (hoặc một năm, "
                             "cả nhiệm kỳ), tải về lịch điện thoại (.ics)."},
        "deadlines": [entry(t) for t in tools if not t.recurring],
        "recurring": [entry(t) for t in tools if t.recurring],
    }


def tool_view(tool: Tool) -> dict:
    return {
        "title": tool.title,
        "intro": tool.intro,
        "forms": tool.forms,
        "parts": tool.parts,
        "parent_href": urls.relative(tool.page, urls.tool_page(tool.parent)) if tool.parent else None,
        "example": f"?{tool.example}" if tool.example else None,
        "index_href": urls.relative(tool.page, urls.tool_page(INDEX)),
        "calendar_href": urls.relative(tool.page, urls.tool_page(CALENDAR)),
    }


# --- the pages, rendered (called once from pages.py) --------------------------------


@dataclass
class ToolSite:
    by_rule: dict[str, tuple[str, str]]  # for HolderPages(tools_by_rule=…)
    tiles: list[dict]  # for the home page


def tool_page_views(handbook, titles: dict[str, str]) -> tuple[list[PageView], ToolSite]:
    """The index, every calculator page and the obligations calendar, to render; and the tools'
    links for holder pages and home tiles."""
    linked = handbook.linked
    if linked is None:
        return [], ToolSite({}, [])
    tools = tool_pages(linked, titles)
    common = {"calendar": handbook.calendar, "css": TOOL_CSS}
    pages = [PageView(urls.tool_page(INDEX), "tools_index.md.j2", {"view": index_view(tools), "css": TOOL_CSS})]
    pages += [PageView(tool.page, "tool.md.j2", {"view": tool_view(tool),
                                                 "scripts": [] if tool.parts else CALCULATOR_SCRIPTS, **common})
              for tool in tools]
    pages += calendar_page_views(linked, titles, common)
    return pages, ToolSite(tools_by_rule(tools), home_tiles(tools))
