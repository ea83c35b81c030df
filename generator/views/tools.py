"""View models of the deadline tool pages (cong-cu/*.html) and the obligations calendar.

Which tool pages exist, which rules each one shows, which form a role or body
page links to, the home tiles and the obligations data of the calendar page:
all decided here, from the linked knowledge model. The forms themselves come
from `generator/views/calculators.py` (one view per form) and the fragments in
`generator/templates/calculators/`; `tool.md.j2` and `obligations.md.j2` only
lay them out.

    tools = tool_pages(linked, titles)          # [Tool], index first
    tools_by_rule(tools)                        # {rule id: (site path#form, label)}
    obligations_view(linked, titles, holders)   # the calendar page's JSON island
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field, replace

from generator import urls
from generator.model.document import Article, paragraphs
from generator.views import common as views
from generator.views.calculators import DEFAULT_TERM, calculator_view, meeting_schedule_view, quorum_view, recurring_engine_rule
from generator.views.nav import sort_key

CALCULATOR_SCRIPTS = ["assets/sotay/dom.js", "assets/sotay/workdays.js", "assets/sotay/quorum.js", "assets/sotay/ics.js", "assets/sotay/calculator.js"]
CALENDAR_SCRIPTS = ["assets/sotay/dom.js", "assets/sotay/workdays.js", "assets/sotay/ics.js", "assets/sotay/obligations.js",
                    "assets/sotay/obligations-ui.js"]
TOOL_CSS = ["assets/sotay/tools.css"]
INDEX = "index"
CALENDAR = "lich-nghia-vu"
# A tool (or the obligations calendar) whose rules come from more documents than
# this gets one page per document, `cong-cu/<tool>/<document>.html`, and its own
# page lists them: a page with the forms of 1000 communes' regulations would be
# tens of MB. 6 keeps every tool of the default handbook on one page.
TOOL_DOCUMENT_LIMIT = 6

# Recurring rules are grouped by the dates they produce: one page per engine rule.
# engine rule type → (page id, title, one-line note)
RECURRING_PAGES = {
    "weekly": ("dinh-ky-hang-tuan", "Giao ban hằng tuần", "Ngày họp giao ban trong các tuần tới, tránh ngày nghỉ lễ, Tết"),
    "month-end": ("dinh-ky-cuoi-thang", "Họp cuối tháng",
                  "Cuối mỗi tháng; ngày cuối tháng là ngày nghỉ thì họp sớm hơn, vào ngày làm việc cuối cùng của tháng"),
    "month-last-working-day": ("dinh-ky-ngay-lam-viec-cuoi-thang", "Ngày làm việc cuối tháng", "Ngày làm việc cuối cùng của mỗi tháng"),
    "monthly": ("dinh-ky-hang-thang", "Việc hằng tháng", "Họp, báo cáo mỗi tháng một lần"),
    "quarter-first-month": ("dinh-ky-dau-quy", "Họp đầu quý", "Tháng đầu của mỗi quý"),
    "mid-quarter": ("dinh-ky-giua-quy", "Giữa quý", "Ngày 15 tháng giữa mỗi quý"),
    "quarterly": ("dinh-ky-hang-quy", "Việc hằng quý", "Họp, báo cáo, đánh giá mỗi quý một lần"),
    "semiannual": ("dinh-ky-6-thang", "Việc 6 tháng một lần", "Trao đổi thông tin, báo cáo 6 tháng"),
    "yearly": ("dinh-ky-hang-nam", "Việc hằng năm", "Kế hoạch, kiểm điểm, tổng kết hằng năm"),
    "yearly-date": ("dang-ky-giua-quy-iv", "Đăng ký nhu cầu bồi dưỡng (giữa Quý IV)",
                    "Giữa Quý IV hằng năm (khoảng giữa tháng 11), đơn vị chủ trì gửi văn bản đề nghị rà soát, "
                    "đăng ký nhu cầu bồi dưỡng năm sau; văn bản không nêu ngày cụ thể"),
    "yearly-month": ("dinh-ky-thang-12", "Việc trong tháng 12", "Mỗi năm trong tháng 12"),
    "term-final-year": ("dinh-ky-cuoi-nhiem-ky", "Việc cuối nhiệm kỳ", f"Năm cuối nhiệm kỳ {DEFAULT_TERM[0]}–{DEFAULT_TERM[1]}"),
}


@dataclass
class Tool:
    id: str
    title: str
    note: str
    intro: str
    forms: list[dict] = field(default_factory=list)  # calculator views, cites relative to the page
    anchors: dict[str, str] = field(default_factory=dict)  # rule id → form (or output) id on the page
    example: str = ""  # a query that fills the forms, shown as a worked example
    chip: str = "Xem các lần tới"  # the link's label next to each rule on role and body pages
    parent: str = ""  # a tool's page for one document: the tool's id
    parts: list[dict] = field(default_factory=list)  # the tool's pages per document [{title, href, count}]

    @property
    def page(self) -> str:
        return urls.tool_page(self.id)


# --- rules as the calculator builders want them -------------------------------------


def _short_doc(titles: dict[str, str], document_id: str) -> str:
    return views.cite_title(titles.get(document_id, document_id))


def cite_links(linked, titles: dict[str, str], page: str, cites) -> list[dict]:
    """[{label: 'Điều 11 khoản 3, Quy chế … (dự thảo)', full, href relative to page}] of a rule's
    citations, labelled like every citation of the handbook (views.cite_link)."""
    return [views.cite_link(linked.targets[cite], page) for cite in cites]


def _rule_dict(rule, linked, titles: dict[str, str], page: str) -> dict:
    """The rule as a plain dict whose `cite` carries label and page-relative href."""
    plain = rule.model_dump(by_alias=True)
    plain["cite"] = cite_links(linked, titles, page, rule.cite)
    return plain


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
    tools = [
        *_by_document(_working_days_tool, linked, titles, [r for r in rules if r.kind == "working-days-after"]),
        *_by_document(_meeting_tool, linked, titles, [r for r in rules if r.kind == "days-before"]),
        *_by_document(_quorum_tool, linked, titles, [r for r in rules if r.kind in ("quorum", "majority")]),
        *_by_document(_absence_tool, linked, titles, [r for r in rules if r.kind == "absence"]),
        *_recurring_tools(linked, titles, [r for r in rules if r.kind == "recurring"]),
    ]
    return [t for t in tools if t.forms or t.parts]


def _by_document(build, linked, titles, rules) -> list[Tool]:
    """`build(linked, titles, rules, document)` → [the tool] or, over TOOL_DOCUMENT_LIMIT
    documents, [the tool listing its parts, one part per document]."""
    groups = _document_order(rules)
    if len(groups) <= TOOL_DOCUMENT_LIMIT:
        return [build(linked, titles, rules, None)]
    head = replace(build(linked, titles, [], None), example="")
    parts = [build(linked, titles, group, doc) for doc, group in groups.items()]
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
    for rule in rules:
        view = calculator_view(_rule_dict(rule, linked, titles, tool.page))
        if view is None:
            continue
        view["quotes"] = _quotes([rule], linked, titles, tool.page)
        tool.forms.append(view)
        tool.anchors[rule.id] = view["id"]
    return tool


def _working_days_tool(linked, titles, rules, document_id=None) -> Tool:
    tool = _part(Tool("han-ngay-lam-viec", "Hạn trả lời tính theo ngày làm việc",
                "Hạn cuối khi quy chế cho “N ngày làm việc”, bỏ qua thứ Bảy, Chủ nhật, lễ, Tết",
                "Trang mở sẵn hạn cho văn bản nhận hôm nay; nhận ngày khác thì chọn lại ngày. Ngày nhận "
                "không tính, chỉ đếm ngày làm việc: thứ Bảy, Chủ nhật, ngày nghỉ lễ, Tết và ngày nghỉ "
                "hoán đổi được bỏ qua.",
                example="start=2026-02-10", chip="Tính hạn trả lời"), titles, document_id)
    return _per_rule_tool(tool, linked, titles, rules)


# Which situation applies decides whether an absence must be reported: the
# threshold of an `absence` rule covers one case only. rule id → the cases of
# its document, each with the clause that governs it ({doc} = its short name).
# Quy chế Lùng Phình: Điều 4 khoản 13 (đi khỏi địa bàn tỉnh: có việc từ 2 ngày
# làm việc; học tập, chữa bệnh, kể cả nghỉ phép — báo cáo Thường trực Đảng ủy)
# and Điều 14 khoản 2 (đi công tác ra khỏi địa bàn xã: báo cáo, không kể số
# ngày; the text does not say to whom). The verb is the text's: "báo cáo".
ABSENCE_CASES = {
    "lp-di-khoi-dia-ban-2-ngay": [
        {"value": "co-viec-ngoai-tinh", "label": "Đi khỏi địa bàn tỉnh khi có việc", "threshold": 2,
         "yes": "Có — đi khỏi địa bàn tỉnh từ 2 ngày làm việc trở lên phải báo cáo Thường trực Đảng ủy "
                "(Điều 4 khoản 13, {doc}).",
         "no": "Không bắt buộc theo Điều 4 khoản 13 ({doc}): dưới 2 ngày làm việc. Nhưng nếu là đi công tác "
               "ra khỏi địa bàn xã thì vẫn phải báo cáo (Điều 14 khoản 2)."},
        {"value": "hoc-tap-chua-benh-nghi-phep", "label": "Đi khỏi địa bàn tỉnh để học tập, chữa bệnh, kể cả nghỉ phép",
         "always": True,
         "yes": "Có — đi khỏi địa bàn tỉnh để học tập, chữa bệnh, kể cả nghỉ phép phải báo cáo Thường trực Đảng ủy "
                "(Điều 4 khoản 13, {doc}; ngưỡng “từ 2 ngày làm việc trở lên” trong câu gắn với “khi có việc”, "
                "nên Sổ tay hiểu trường hợp này phải báo cáo không kể số ngày).",
         "no": ""},
        {"value": "cong-tac-ngoai-xa", "label": "Đi công tác ra khỏi địa bàn xã", "always": True,
         "yes": "Có — khi đi công tác ra khỏi địa bàn xã phải báo cáo và chịu trách nhiệm về nội dung, thời gian, "
                "không kể số ngày (Điều 14 khoản 2, {doc}; văn bản không nêu báo cáo với ai).",
         "no": ""},
    ],
}


def _absence_tool(linked, titles, rules, document_id=None) -> Tool:
    tool = _part(Tool("vang-mat", "Vắng mặt có phải báo cáo không?",
                "Đi khỏi tỉnh, đi công tác ra khỏi xã: trường hợp nào phải báo cáo",
                "Chọn trường hợp, nhập ngày đầu và ngày cuối vắng mặt (tính cả hai ngày): chỉ ngày làm việc được đếm. "
                "Ngưỡng 2 ngày làm việc chỉ áp dụng khi đi khỏi địa bàn tỉnh vì có việc; đi công tác ra khỏi xã "
                "thì luôn phải báo cáo.",
                example="truong-hop=co-viec-ngoai-tinh&from=2026-02-13&to=2026-02-23",
                chip="Có phải báo cáo không"), titles, document_id)
    tool = _per_rule_tool(tool, linked, titles, rules)
    for view, rule in zip(tool.forms, [r for r in rules if r.id in tool.anchors]):
        doc = _short_doc(titles, rule.cite[0].document)
        view["cases"] = [{**c, "yes": c["yes"].format(doc=doc), "no": c["no"].format(doc=doc)}
                         for c in ABSENCE_CASES.get(rule.id, [])]
    return tool


def _meeting_tool(linked, titles, rules, document_id=None) -> Tool:
    tool = _part(Tool("chuan-bi-hoi-nghi", "Lịch chuẩn bị hội nghị",
                "Hạn gửi tài liệu, giấy mời tính lùi từ ngày họp",
                "Nhập ngày họp: mỗi việc có hạn chậm nhất, tính lùi theo quy chế. Ngày tìm được là ngày nghỉ "
                "thì phải làm sớm hơn, vào ngày làm việc liền trước. Số ngày quy chế mẫu để trống thì điền theo "
                "quy chế của đơn vị mình.",
                example="meeting=2026-03-02", chip="Tính hạn theo ngày họp"), titles, document_id)
    for doc, group in _document_order(rules).items():
        view = meeting_schedule_view([_rule_dict(r, linked, titles, tool.page) for r in group],
                                     title=f"Theo {titles.get(doc, doc)}", id=f"hop-{doc}")
        tool.forms.append(_grouped_form(view, group, linked, titles, tool.page))
        tool.anchors.update({r.id: view["id"] for r in group})
    return tool


def _quorum_tool(linked, titles, rules, document_id=None) -> Tool:
    tool = _part(Tool("bieu-quyet", "Số người dự họp và số phiếu tán thành",
                "Tối thiểu bao nhiêu thành viên phải có mặt, bao nhiêu phiếu thì thông qua",
                "Nhập tổng số thành viên (ủy viên đương nhiệm) của cơ quan: “ít nhất 2/3” làm tròn lên, "
                "“trên 1/2” phải lớn hơn một nửa.",
                example="members=15", chip="Tính số người, số phiếu"), titles, document_id)
    for doc, group in _document_order(rules).items():
        view = quorum_view([_rule_dict(r, linked, titles, tool.page) for r in group],
                           title=f"Theo {titles.get(doc, doc)}", id=f"bieu-quyet-{doc}")
        tool.forms.append(_grouped_form(view, group, linked, titles, tool.page))
        tool.anchors.update({r.id: view["id"] for r in group})
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
    tools = []
    for key, group in groups.items():
        kind = engine[key]["type"]
        page_id, title, note = RECURRING_PAGES.get(kind, (f"dinh-ky-{kind}", "Việc định kỳ", ""))
        if any(t.id == page_id for t in tools):
            page_id = f"{page_id}-{len(tools)}"
        tool = Tool(page_id, title, note,
                    "Trang mở sẵn các lần tới, tính từ hôm nay, của mỗi việc định kỳ dưới đây, đã tránh "
                    "ngày nghỉ; chọn ngày khác để xem các lần sau đó. Tải được về lịch điện thoại (.ics).",
                    example="from=2026-11-23")

        def build(linked, titles, rules, document_id, tool=tool) -> Tool:
            return _per_rule_tool(_part(tool, titles, document_id), linked, titles, rules)
        tools += _by_document(build, linked, titles, group)
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
        *[{"name": t.title, "href": t.page, "note": t.note} for t in tools if not t.id.startswith("dinh-ky")],
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
        "deadlines": [entry(t) for t in tools if not t.id.startswith(("dinh-ky", "dang-ky"))],
        "recurring": [entry(t) for t in tools if t.id.startswith(("dinh-ky", "dang-ky"))],
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


# --- the obligations calendar -----------------------------------------------------


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
                cites = cite_links(linked, titles, page, rule.cite)
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


# --- the pages, rendered (called once from pages.py) --------------------------------


@dataclass
class ToolSite:
    by_rule: dict[str, tuple[str, str]]  # for HolderPages(tools_by_rule=…)
    tiles: list[dict]  # for the home page


def add_tool_pages(handbook, env, add, titles: dict[str, str]) -> ToolSite:
    """Render the index, every calculator page and the obligations calendar with `add(page, text)`."""
    from generator.link.handbook import holder_label
    from generator.site.render import render_template

    linked = handbook.linked
    if linked is None:
        return ToolSite({}, [])
    tools = tool_pages(linked, titles)
    common = {"calendar": handbook.calendar, "css": TOOL_CSS}
    add(urls.tool_page(INDEX), render_template(env, "tools_index.md.j2", view=index_view(tools), css=TOOL_CSS))
    for tool in tools:
        add(tool.page, render_template(env, "tool.md.j2", view=tool_view(tool),
                                       scripts=[] if tool.parts else CALCULATOR_SCRIPTS, **common))
    label_of = lambda h: holder_label(linked.holders[h])  # noqa: E731
    by_document = _recurring_by_document(linked)
    if len(by_document) <= TOOL_DOCUMENT_LIMIT:
        calendar_view = obligations_view(linked, titles, label_of)
        add(urls.tool_page(CALENDAR), render_template(env, "obligations.md.j2", view=calendar_view,
                                                      scripts=CALENDAR_SCRIPTS, **common))
        return ToolSite(tools_by_rule(tools), home_tiles(tools))
    parts = []
    for document_id in sorted(by_document, key=lambda d: (sort_key(titles.get(d, d)), d)):
        view = obligations_view(linked, titles, label_of, document_id=document_id, holder_rules=by_document[document_id])
        add(urls.tool_page(f"{CALENDAR}/{document_id}"), render_template(env, "obligations.md.j2", view=view,
                                                                         scripts=CALENDAR_SCRIPTS, **common))
        parts.append({"title": titles.get(document_id, document_id),
                      "href": urls.relative(urls.tool_page(CALENDAR), urls.tool_page(f"{CALENDAR}/{document_id}")),
                      "count": len(view["data"]["rules"])})
    head = {"title": "Lịch nghĩa vụ", "index_href": urls.relative(urls.tool_page(CALENDAR), urls.tool_page(INDEX)),
            "parent_href": None, "parts": parts}
    add(urls.tool_page(CALENDAR), render_template(env, "obligations.md.j2", view=head, scripts=[], **common))
    return ToolSite(tools_by_rule(tools), home_tiles(tools))


def _recurring_by_document(linked) -> dict[str, dict[str, list]]:
    """document id → holder id → the holder's recurring rules citing that document first."""
    out: dict[str, dict[str, list]] = {}
    for holder_id, view in linked.holders.items():
        for rule in view.rules:
            if rule.kind == "recurring":
                out.setdefault(rule.cite[0].document, {}).setdefault(holder_id, []).append(rule)
    return out
