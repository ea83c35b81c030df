"""Typed models of every file under `data/` (see `data/README.md`).

One wrapper model per file kind (`RolesFile`, `DutiesFile`, ...) is validated
against the whole YAML document, so pydantic's error locations are exactly the
YAML paths (`roles[3].inherits[0]`). Every model forbids unknown keys, so typos
are caught. Cross-references (does holder `bi-thu` exist? does Điều 6 have
khoản 3?) are checked later by `generator/link/linker.py`.

Choice: a `clause` written as a bare number (`clause: 3`) is an error, not
coerced. YAML reads `4.10` as the float 4.1 and `2.1` and `2.10` are different
sub-khoản, so silently coercing would cite the wrong clause; the message tells
the author to quote it (`clause: "3"`).

`data/calendar/<year>.yml` is not modelled here: `generator/read/calendar_data.py` owns
that format and its validation (weekday checks, year from the file name), and
the loader calls it so its messages join the same report.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, ClassVar, Literal, get_args

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    field_validator,
)
from pydantic_core import PydanticCustomError

from generator.slugs import MAX_ID_LENGTH, SLUG_RE, slugify

CLAUSE_RE = re.compile(r"[0-9]+(?:\.[0-9]+)*")


def suggest_slug(text: str) -> str:
    """`Bí thư` → `bi-thu`: what the author probably meant."""
    return slugify(text)


def _check_slug(value: Any) -> Any:
    if not isinstance(value, str):
        raise PydanticCustomError(
            "slug_type", "expected an id (text), got {got} — write it as a slug such as 'bi-thu'",
            {"got": _describe(value)},
        )
    if len(value) > MAX_ID_LENGTH:
        raise PydanticCustomError(
            "slug_length", "the id is {length} characters long, over the limit of {limit} (it becomes a file name) — shorten it",
            {"length": len(value), "limit": MAX_ID_LENGTH},
        )
    if not SLUG_RE.fullmatch(value):
        hint = suggest_slug(value)
        fix = f"write '{hint}'" if hint else "use lowercase ASCII letters, digits and single hyphens"
        raise PydanticCustomError(
            "slug_pattern",
            "'{value}' is not a valid id — {fix} (ids are lowercase ASCII letters, digits and single hyphens)",
            {"value": value, "fix": fix},
        )
    return value


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"{value!r}"


Slug = Annotated[str, BeforeValidator(_check_slug)]
Text = Annotated[str, Field(min_length=1)]


class Model(BaseModel):
    """Strict base: unknown keys are errors; instances are read-only."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Sourced(Model):
    """A top-level data object; the loader records where it was written."""

    _origin: Any = PrivateAttr(default=None)  # generator.read.loader.Origin


# --- citation ---------------------------------------------------------------


class Cite(Model):
    document: Slug
    article: int = Field(ge=1)
    clause: str | None = None
    point: str | None = None  # without clause: a điểm written directly under the article
    occurrence: int = Field(default=1, ge=1)  # the Nth khoản with this label (when numbering restarts)

    @field_validator("clause", mode="before")
    @classmethod
    def _clause_is_quoted(cls, value: Any) -> Any:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            raise PydanticCustomError(
                "clause_not_quoted",
                'clause must be quoted text, got the number {value} — write clause: "{value}"',
                {"value": value},
            )
        if isinstance(value, str) and not CLAUSE_RE.fullmatch(value):
            raise PydanticCustomError(
                "clause_label",
                "'{value}' is not a khoản label — write the number as printed, e.g. \"3\" or \"4.3\"",
                {"value": value},
            )
        return value

    @field_validator("point", mode="before")
    @classmethod
    def _point_is_letter(cls, value: Any) -> Any:
        if value is not None and not (isinstance(value, str) and re.fullmatch(r"[a-zđ]", value)):
            raise PydanticCustomError(
                "point_label",
                "'{value}' is not a điểm label — write the letter as printed, e.g. a or đ",
                {"value": value},
            )
        return value


def _one_or_many(value: Any) -> Any:
    return [value] if isinstance(value, dict) else value


Cites = Annotated[list[Cite], BeforeValidator(_one_or_many)]
SlugList = list[Slug]


# --- vocabulary, bodies, roles ---------------------------------------------


class Vocab(Model):
    topics: dict[Slug, Text]
    actions: dict[Slug, Text]
    relation_types: dict[Slug, Text]
    cadences: dict[Slug, Text]


BodyKind = Literal["cap-uy", "co-quan-tham-muu", "to-chuc-dang", "co-quan-nha-nuoc", "don-vi", "khac"]


class Body(Sourced):
    id: Slug
    name: Text
    short: Text | None = None
    aliases: list[Text] = []
    kind: BodyKind
    part_of: Slug | None = None
    members: SlugList = []
    description: Text | None = None
    cite: Cites = []


class Role(Sourced):
    id: Slug
    name: Text
    short: Text | None = None
    aliases: list[Text] = []
    inherits: SlugList = []
    member_of: SlugList = []
    description: Text | None = None
    cite: Cites = []


# --- duties, relations, rules ----------------------------------------------


class Duty(Sourced):
    id: Slug
    holder: Slug
    summary: Text
    quote: Text | None = None
    cite: Cites = Field(min_length=1)
    topics: SlugList = []
    action: Slug | None = None
    with_: SlugList = Field(default=[], alias="with")


class Relation(Sourced):
    id: Slug
    type: Slug
    from_: Slug = Field(alias="from")
    to: Slug
    topic: Slug | None = None
    summary: Text
    cadence: Slug | None = None
    quote: Text | None = None
    cite: Cites = Field(min_length=1)


# Parameters of each rule kind (data/README.md, "Kinds and their params").
# A blank in the regulation is written null and listed in the rule's `blanks`.
# Every default is decided here, once: views, quizzes and exports read the
# typed fields (`rule.params.op`, `rule.params.unit`) and never re-derive them.


class _Params(Model):
    pass


Unit = Literal["day", "working-day"]
Fraction = Annotated[str, Field(pattern=r"^[0-9]+/[0-9]+$")]


class WorkingDaysAfterParams(_Params):
    days: int | None = Field(ge=1)
    unit: ClassVar[Unit] = "working-day"  # the kind counts working days by definition; not written in data


class DaysBeforeParams(_Params):
    days: int | None = Field(ge=1)
    unit: Unit = "day"
    what: Text | None = None


class RecurringParams(_Params):
    freq: Literal["weekly", "monthly", "quarterly", "half-yearly", "yearly", "term"]
    anchor: Slug | None = None  # open list: monday, month-end, mid-q4, final-year, ...


class QuorumParams(_Params):
    fraction: Fraction | None
    op: Literal[">=", ">"] = ">="


class MajorityParams(_Params):
    fraction: Fraction | None
    op: Literal[">", ">="] = ">"
    of: Literal["members", "present"] = "members"


class AbsenceParams(_Params):
    days: int | None = Field(ge=1)
    unit: Unit = "day"
    when: Text | None = None  # the case the threshold is for ("Đi khỏi địa bàn tỉnh khi có việc")


RuleKind = Literal["working-days-after", "days-before", "recurring", "quorum", "majority", "absence"]


class RuleBase(Sourced):
    """What every rule has; `kind` decides the type of `params` (one subclass per kind)."""

    id: Slug
    kind: RuleKind
    title: Text
    summary: Text | None = None
    applies_to: SlugList = []
    # Omitted params validate as {} so that the message names the missing parameter.
    params: _Params = Field(default_factory=dict, validate_default=True)
    blanks: list[str] = []
    quote: Text | None = None
    cite: Cites = Field(min_length=1)

    def written_params(self) -> dict[str, Any]:
        """The params as the author wrote them (no defaults filled in): handbook.json's `params`."""
        return self.params.model_dump(exclude_unset=True)


class WorkingDaysAfterRule(RuleBase):
    kind: Literal["working-days-after"]
    params: WorkingDaysAfterParams = Field(default_factory=dict, validate_default=True)


class DaysBeforeRule(RuleBase):
    kind: Literal["days-before"]
    params: DaysBeforeParams = Field(default_factory=dict, validate_default=True)


class RecurringRule(RuleBase):
    kind: Literal["recurring"]
    params: RecurringParams = Field(default_factory=dict, validate_default=True)


class QuorumRule(RuleBase):
    kind: Literal["quorum"]
    params: QuorumParams = Field(default_factory=dict, validate_default=True)


class MajorityRule(RuleBase):
    kind: Literal["majority"]
    params: MajorityParams = Field(default_factory=dict, validate_default=True)


class AbsenceRule(RuleBase):
    kind: Literal["absence"]
    params: AbsenceParams = Field(default_factory=dict, validate_default=True)


# A rule of `data/rules/*.yml`: pydantic picks the subclass by `kind`.
Rule = Annotated[
    WorkingDaysAfterRule | DaysBeforeRule | RecurringRule | QuorumRule | MajorityRule | AbsenceRule,
    Field(discriminator="kind"),
]
RULE_TYPES: dict[str, type[RuleBase]] = {
    get_args(cls.model_fields["kind"].annotation)[0]: cls
    for cls in get_args(get_args(Rule)[0])
}


# --- checklists ---------------------------------------------------------------


class Due(Model):
    days: int
    unit: Literal["day", "working-day"] = "day"


class ChecklistItem(Model):
    id: Slug
    text: Text
    cite: Cites = []
    rule: Slug | None = None
    due: Due | None = None
    items: list[ChecklistItem] = []


class Checklist(Sourced):
    id: Slug
    title: Text
    users: SlugList = []
    trigger: Text | None = None
    event: Literal["meeting", "receipt", "none"] = "none"
    event_label: Text | None = None
    items: list[ChecklistItem] = Field(min_length=1)


# --- comparisons ---------------------------------------------------


class Comparison(Sourced):
    id: Slug
    title: Text
    model: Slug  # document id of the model (template) regulation
    local: Slug  # document id of the local regulation
    articles: list[tuple[int, int]] = []  # [model_article, local_article]


# --- one wrapper per file kind ----------------------------------------------


class VocabFile(Vocab):
    pass


class BodiesFile(Model):
    bodies: list[Body]


class RolesFile(Model):
    roles: list[Role]


class DutiesFile(Model):
    duties: list[Duty]


class RelationsFile(Model):
    relations: list[Relation]


class RulesFile(Model):
    rules: list[Rule]


class ChecklistFile(Model):
    checklist: Checklist


class ComparisonsFile(Model):
    comparisons: list[Comparison]
