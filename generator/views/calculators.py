"""View-models for the calculator fragments in `generator/templates/calculators/`.

The templates only show; every decision (which calculator a rule gets, which
engine rule a `recurring` rule maps to, which blanks the user must fill) is made
here, from a rule of `data/rules/*.yml` as it appears in the linked model
(a dict, or a pydantic model; each `cite` carries `href` after linking).

    view = calculator_view(rule)             # one rule → one form, or None
    view = meeting_schedule_view(rules, …)   # several days-before rules → one form
    html = env.get_template(view["template"]).render(calc=view)

Every view has: template, kind (the form's data-calculator), id (unique
HTML id prefix), title, summary, cites [{label, href}], plus kind-specific keys
documented on each builder below.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

TEMPLATES = "calculators/{}.html"
DEFAULT_TERM = (2025, 2030)  # nhiệm kỳ đại hội Đảng bộ các cấp hiện hành

UNITS = {"day": "days", "working-day": "working-days", None: "days"}
WEEKDAYS = {"monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5}


def _plain(rule: Any) -> dict:
    if hasattr(rule, "model_dump"):
        return rule.model_dump(by_alias=True)
    return dict(rule)


def _cites(rule: Mapping) -> list[dict]:
    cites = rule.get("cite") or []
    if isinstance(cites, Mapping):
        cites = [cites]
    out = []
    for c in cites:
        c = _plain(c)
        parts = [f"Điều {c['article']}"] if c.get("article") is not None else []
        if c.get("clause"):
            parts.append(f"khoản {c['clause']}")
        if c.get("point"):
            parts.append(f"điểm {c['point']}")
        # A bare "Điều 14 khoản 1" does not say which regulation: the label names the document
        # (tool_views gives its title; otherwise its id).
        bare = ", ".join(parts)
        if bare and c.get("document"):
            bare = f"{bare}, {c['document']}"
        out.append({"label": c.get("label") or bare or "Căn cứ", "href": c.get("href")})
    return out


def _base(rule: Mapping, kind: str, template: str) -> dict:
    return {
        "template": TEMPLATES.format(template),
        "kind": kind,
        "id": f"tinh-{rule['id']}",
        "title": rule["title"],
        "summary": rule.get("summary"),
        "cites": _cites(rule),
    }


def recurring_engine_rule(params: Mapping, term: tuple[int, int] = DEFAULT_TERM) -> dict | None:
    """Map a `recurring` rule's {freq, anchor} to a workdays.js nextOccurrences rule.

    A rule naming no day in its period becomes a window (the whole month,
    quarter, half-year, year). None when nothing sensible can be shown
    (weekly with no weekday, unknown anchors): the calculator is then not
    offered — never guess a date.
    """
    freq, anchor = params.get("freq"), params.get("anchor")
    if freq == "weekly" and anchor in WEEKDAYS:
        return {"type": "weekly", "weekday": WEEKDAYS[anchor]}
    if freq == "monthly":
        return {
            None: {"type": "monthly"},  # no day named: the whole month is the window
            "month-end": {"type": "month-end"},
            "last-working-day": {"type": "month-last-working-day"},
        }.get(anchor)
    if freq == "quarterly":
        return {
            None: {"type": "quarterly"},  # no day named: the whole quarter
            "quarter-start": {"type": "quarter-first-month"},
            "mid-quarter": {"type": "mid-quarter"},
        }.get(anchor)
    if freq == "half-yearly":
        return {"type": "semiannual"} if anchor in ("period-end", "half-year-end") else {"type": "semiannual", "window": True}
    if freq == "yearly":
        if anchor == "mid-q4":
            # "giữa Quý IV": an approximate time, no day named — 15/11 is a reference date (a convention)
            return {"type": "yearly-date", "month": 11, "day": 15, "approx": "giữa Quý IV"}
        if anchor == "year-end":
            return {"type": "yearly-month", "month": 12}
        return {"type": "yearly"} if anchor is None else None
    if freq == "term" and anchor == "final-year":
        return {"type": "term-final-year", "termStart": term[0], "termEnd": term[1]}
    return None


def calculator_view(rule: Any, *, term: tuple[int, int] = DEFAULT_TERM) -> dict | None:
    """The fragment context for one rule, or None if it gets no calculator.

    kind-specific keys:
      working-days: days (int or None if blank), event_label
      quorum:       counts [{name, label, count, fraction, op}]
      absence:      threshold (int or None), unit ("days"/"working-days")
      recurring:    engine_rule (dict), engine_rule_json (its text for data-rule,
                    a plain str so that autoescape quotes it), count (how many dates)
      days-before rules → meeting_schedule_view([rule])
    """
    rule = _plain(rule)
    params = rule.get("params") or {}
    kind = rule["kind"]
    if kind == "working-days-after":
        view = _base(rule, "working-days", "working_days")
        view.update(days=params.get("days"), event_label=params.get("event_label") or "Ngày nhận văn bản")
        return view
    if kind in ("quorum", "majority"):
        view = _base(rule, "quorum", "quorum")
        view["counts"] = [_count(rule)]
        return view
    if kind == "absence":
        view = _base(rule, "absence", "absence")
        view.update(threshold=params.get("days"), unit=UNITS.get(params.get("unit"), "working-days"))
        return view
    if kind == "recurring":
        engine_rule = recurring_engine_rule(params, term)
        if engine_rule is None:
            return None
        view = _base(rule, "recurring", "recurring")
        view.update(
            engine_rule=engine_rule,
            engine_rule_json=json.dumps(engine_rule, ensure_ascii=False, sort_keys=True),
            count=1 if engine_rule["type"] == "term-final-year" else 4,
        )
        return view
    if kind == "days-before":
        return meeting_schedule_view([rule], title=rule["title"], id=f"tinh-{rule['id']}")
    return None


def _count(rule: Mapping) -> dict:
    params = rule.get("params") or {}
    majority = rule["kind"] == "majority"
    return {
        "name": rule["id"],
        "label": rule["title"],
        "count": "majority" if majority else "quorum",
        "fraction": params.get("fraction") or ("1/2" if majority else "2/3"),
        "op": params.get("op") or (">" if majority else ">="),
    }


def quorum_view(rules: Iterable[Any], *, title: str, id: str) -> dict:
    """Several quorum/majority rules for one body → one form with one output each."""
    rules = [_plain(r) for r in rules]
    return {
        "template": TEMPLATES.format("quorum"),
        "kind": "quorum",
        "id": id,
        "title": title,
        "summary": None,
        "cites": [c for r in rules for c in _cites(r)],
        "counts": [_count(r) for r in rules],
    }


def meeting_schedule_view(rules: Iterable[Any], *, title: str, id: str) -> dict:
    """`days-before` rules of one meeting → one back-schedule form.

    steps: [{name, label, days (int or None), unit, blank (bool), cites}] —
    a step whose `days` the regulation leaves blank ("trước kỳ họp ít
    nhất... ngày", listed in the rule's `blanks`) gets an input for the user.
    """
    steps = []
    for r in map(_plain, rules):
        params = r.get("params") or {}
        blank = "days" in (r.get("blanks") or []) or params.get("days") is None
        steps.append(
            {
                "name": r["id"],
                "label": params.get("what") or r["title"],
                "days": None if blank else params["days"],
                "unit": UNITS.get(params.get("unit"), "days"),
                "blank": blank,
                "cites": _cites(r),
            }
        )
    return {
        "template": TEMPLATES.format("meeting_schedule"),
        "kind": "meeting-schedule",
        "id": id,
        "title": title,
        "summary": None,
        "cites": [c for s in steps for c in s["cites"]],
        "steps": steps,
    }
