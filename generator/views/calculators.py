"""View-models for the calculator fragments in `generator/templates/calculators/`.

The templates only show; every decision (which calculator a rule gets, which
engine rule a `recurring` rule maps to, which blanks the user must fill) is made
here, from a typed rule of `data/rules/*.yml` (`generator.model.knowledge.Rule`:
its `params` carry their defaults, decided once in the model) and the rule's
citations as the page shows them ([{label, href}], `views.common.cite_link`).

    view = calculator_view(rule, cites)                  # one rule → one form, or None
    view = meeting_schedule_view([(rule, cites), …], …)  # several days-before rules → one form
    html = env.get_template(view["template"]).render(calc=view)

Every view has: template, kind (the form's data-calculator), id (unique
HTML id prefix), title, summary, cites [{label, href}], plus kind-specific keys
documented on each builder below.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from generator.model.knowledge import RecurringParams, RuleBase

TEMPLATES = "calculators/{}.html"
DEFAULT_TERM = (2025, 2030)  # nhiệm kỳ đại hội Đảng bộ các cấp hiện hành

UNITS = {"day": "days", "working-day": "working-days"}  # model unit → workdays.js unit
WEEKDAYS = {"monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5}

CitedRule = tuple[RuleBase, list[dict]]  # a rule and its citations as the page shows them


def _cites(cites: Iterable[dict]) -> list[dict]:
    return [{"label": c["label"], "href": c["href"]} for c in cites]


def _base(rule: RuleBase, cites: list[dict], kind: str, template: str) -> dict:
    return {
        "template": TEMPLATES.format(template),
        "kind": kind,
        "id": f"tinh-{rule.id}",
        "title": rule.title,
        "summary": rule.summary,
        "cites": _cites(cites),
    }


def recurring_engine_rule(params: RecurringParams, term: tuple[int, int] = DEFAULT_TERM) -> dict | None:
    """Map a `recurring` rule's {freq, anchor} to a workdays.js nextOccurrences rule.

    A rule naming no day in its period becomes a window (the whole month,
    quarter, half-year, year). None when nothing sensible can be shown
    (weekly with no weekday, unknown anchors): the calculator is then not
    offered — never guess a date.
    """
    freq, anchor = params.freq, params.anchor
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


def calculator_view(rule: RuleBase, cites: list[dict], *, term: tuple[int, int] = DEFAULT_TERM) -> dict | None:
    """The fragment context for one rule, or None if it gets no calculator.

    kind-specific keys:
      working-days: days (int or None if blank), event_label
      quorum:       counts [{name, label, count, fraction, op}]
      absence:      threshold (int or None), unit ("days"/"working-days")
      recurring:    engine_rule (dict), engine_rule_json (its text for data-rule,
                    a plain str so that autoescape quotes it), count (how many dates)
      days-before rules → meeting_schedule_view([(rule, cites)])
    A quorum or majority whose fraction the regulation leaves blank gets no
    calculator: the fraction is never guessed.
    """
    params = rule.params
    if rule.kind == "working-days-after":
        view = _base(rule, cites, "working-days", "working_days")
        view.update(days=params.days, event_label="Ngày nhận văn bản")
        return view
    if rule.kind in ("quorum", "majority"):
        if params.fraction is None:
            return None
        view = _base(rule, cites, "quorum", "quorum")
        view["counts"] = [_count(rule)]
        return view
    if rule.kind == "absence":
        view = _base(rule, cites, "absence", "absence")
        view.update(threshold=params.days, unit=UNITS[params.unit])
        return view
    if rule.kind == "recurring":
        engine_rule = recurring_engine_rule(params, term)
        if engine_rule is None:
            return None
        view = _base(rule, cites, "recurring", "recurring")
        view.update(
            engine_rule=engine_rule,
            engine_rule_json=json.dumps(engine_rule, ensure_ascii=False, sort_keys=True),
            count=1 if engine_rule["type"] == "term-final-year" else 4,
        )
        return view
    if rule.kind == "days-before":
        return meeting_schedule_view([(rule, cites)], title=rule.title, id=f"tinh-{rule.id}")
    return None


def _count(rule: RuleBase) -> dict:
    return {
        "name": rule.id,
        "label": rule.title,
        "count": "majority" if rule.kind == "majority" else "quorum",
        "fraction": rule.params.fraction,
        "op": rule.params.op,
    }


def quorum_view(rules: Iterable[CitedRule], *, title: str, id: str) -> dict | None:
    """Several quorum/majority rules for one body → one form with one output each;
    rules with a blank fraction are left out (None when none is left)."""
    rules = [(rule, cites) for rule, cites in rules if rule.params.fraction is not None]
    if not rules:
        return None
    return {
        "template": TEMPLATES.format("quorum"),
        "kind": "quorum",
        "id": id,
        "title": title,
        "summary": None,
        "cites": [c for _, cites in rules for c in _cites(cites)],
        "counts": [_count(rule) for rule, _ in rules],
    }


def meeting_schedule_view(rules: Iterable[CitedRule], *, title: str, id: str) -> dict:
    """`days-before` rules of one meeting → one back-schedule form.

    steps: [{name, label, days (int or None), unit, blank (bool), cites}] —
    a step whose `days` the regulation leaves blank ("trước kỳ họp ít
    nhất... ngày", `days: null`, listed in the rule's `blanks`) gets an input
    for the user.
    """
    steps = []
    for rule, cites in rules:
        params = rule.params
        steps.append(
            {
                "name": rule.id,
                "label": params.what or rule.title,
                "days": params.days,
                "unit": UNITS[params.unit],
                "blank": params.days is None,
                "cites": _cites(cites),
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
