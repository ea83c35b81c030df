"""Typed model of `data/tools.yml`: the wording of the deadline tools and the
handbook's reading of a regulation where a rule's numbers do not tell all.

Which rules a tool page shows follows from their `kind` (code); what the page
says — titles, intros, the recurring-page groupings, the cases of an absence
rule quoting their Điều and khoản — is data, so a new regulation needs no
Python change. Shapes are checked here; whether an `absence_cases` key names an
absence rule is checked by the linker (`generator/link/references.py`).
"""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from generator.model.knowledge import Model, Slug, Sourced, Text

# The date patterns of workdays.js that a `recurring` rule can map to
# (`generator/views/calculators.py`, recurring_engine_rule); one page each.
EngineType = Literal[
    "weekly", "month-end", "month-last-working-day", "monthly", "quarter-first-month", "mid-quarter",
    "quarterly", "semiannual", "yearly", "yearly-date", "yearly-month", "term-final-year",
]
ENGINE_TYPES: tuple[str, ...] = EngineType.__args__
RESERVED_PAGES = ("index", "lich-nghia-vu")  # cong-cu/index.html, the obligations calendar


def _only_placeholders(text: str | None, allowed: tuple[str, ...]) -> str | None:
    """`text` when every `{...}` in it is one of `allowed`."""
    if text is None:
        return text
    for found in re.findall(r"\{[^{}]*\}|[{}]", text):
        if found not in allowed:
            known = ", ".join(allowed) if allowed else "none"
            raise PydanticCustomError(
                "placeholder",
                "'{found}' is not a placeholder here — the ones replaced are: {known}; write the text itself",
                {"found": found, "known": known},
            )
    return text


class ToolText(Model):
    """What a tool page says: cong-cu/<id>.html."""

    id: Slug
    title: Text
    note: Text  # one line under the title on the index and the home page
    intro: Text
    example: Text | None = None  # the query that fills the forms: a worked example
    chip: Text  # the link's label next to each rule on role and body pages


class DeadlineTools(Model):
    """One tool per kind of rule (quorum and majority share one)."""

    working_days_after: ToolText = Field(alias="working-days-after")
    days_before: ToolText = Field(alias="days-before")
    quorum_majority: ToolText = Field(alias="quorum-majority")
    absence: ToolText


class RecurringPage(Model):
    id: Slug
    title: Text
    note: Text  # `{term}`: the current term of office
    home: bool = False  # also a tile on the home page

    @field_validator("note")
    @classmethod
    def _term_only(cls, value: str) -> str:
        return _only_placeholders(value, ("{term}",))


class RecurringTools(Model):
    intro: Text
    example: Text | None = None
    chip: Text
    pages: dict[EngineType, RecurringPage]

    @field_validator("pages")
    @classmethod
    def _every_type_has_a_page(cls, pages: dict[str, RecurringPage]) -> dict[str, RecurringPage]:
        missing = [kind for kind in ENGINE_TYPES if kind not in pages]
        if missing:
            raise PydanticCustomError(
                "pages_missing",
                "no page for {missing} — add `{first}:` with its id, title and note "
                "(every date pattern a recurring rule can have needs its page)",
                {"missing": ", ".join(missing), "first": missing[0]},
            )
        return pages


class AbsenceCase(Model):
    """One situation of an absence rule: reported from the rule's threshold on, or always."""

    value: Slug  # the choice's value (?truong-hop=<value> in a link)
    label: Text
    always: bool = False  # reported whatever the length; otherwise the rule's `days` is the threshold
    yes_answer: Text  # `{doc}`: the regulation's short title
    no_answer: Text | None = None  # below the threshold (only for a case with a threshold)

    @field_validator("yes_answer", "no_answer")
    @classmethod
    def _doc_only(cls, value: str | None) -> str | None:
        return _only_placeholders(value, ("{doc}",))

    @model_validator(mode="after")
    def _answers_fit_the_case(self) -> AbsenceCase:
        if self.always and self.no_answer is not None:
            raise PydanticCustomError(
                "no_answer_always", "case '{value}' is always reported: remove `no_answer` (it is never shown)",
                {"value": self.value})
        if not self.always and self.no_answer is None:
            raise PydanticCustomError(
                "no_answer_missing", "case '{value}' has a threshold: add `no_answer` (what to say below it) "
                "or write `always: true`", {"value": self.value})
        return self


class ToolsFile(Sourced):
    tools: DeadlineTools
    recurring: RecurringTools
    absence_cases: dict[Slug, list[AbsenceCase]] = {}  # absence rule id → its cases
    # Unique page ids and case values are checked by the loader (read/loader.py), which
    # knows their lines; that a key names an absence rule, by the linker.

    def deadline_tools(self) -> list[ToolText]:
        t = self.tools
        return [t.working_days_after, t.days_before, t.quorum_majority, t.absence]


def fill(text: str, **values: Any) -> str:
    """`text` with its `{name}` placeholders replaced (only those validated above)."""
    for name, value in values.items():
        text = text.replace("{" + name + "}", str(value))
    return text
