"""Stage "load": `data/*.yml` → validated knowledge model.

Each file is read by `generator/read/yaml_source.py` (UTF-8, `yaml.SafeLoader`,
limits on aliases, depth and size, duplicate keys caught, the line of every
YAML path recorded) and validated against its wrapper model from
`generator/model/knowledge.py` (`generator/model/tools.py` for data/tools.yml).
Every mistake in every file is collected, then raised together as one
`DataError`; each message reads `file:line: yaml.path: what is wrong — how to
fix` (`generator/read/messages.py` words pydantic's errors).

The loader guarantees shapes, types, id syntax and unique ids. Whether a
referenced id, document or clause exists is the linker's job.
"""

from __future__ import annotations

import logging
import pickle
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ValidationError

from generator.model import knowledge as schema
from generator.model.tools import RESERVED_PAGES, ToolsFile
from generator.cache import cached, shared
from generator.read.calendar_data import Adjustment, load_adjustments
from generator.errors import DataError, InputError
from generator.read.messages import allowed_keys, message_order, validation_messages
from generator.read.yaml_source import FileProblem, Origin, YamlPath, display_path, format_path, read_yaml

log = logging.getLogger(__name__)

def origin_of(obj: schema.Sourced) -> Origin:
    return obj._origin


# --- the loaded model --------------------------------------------------------


@dataclass
class Knowledge:
    data_dir: Path
    vocab: schema.Vocab
    bodies: list[schema.Body] = field(default_factory=list)
    roles: list[schema.Role] = field(default_factory=list)
    duties: list[schema.Duty] = field(default_factory=list)
    relations: list[schema.Relation] = field(default_factory=list)
    rules: list[schema.Rule] = field(default_factory=list)
    checklists: list[schema.Checklist] = field(default_factory=list)
    calendar: list[Adjustment] = field(default_factory=list)  # sorted by date
    comparisons: list[schema.Comparison] = field(default_factory=list)
    tools: ToolsFile | None = None  # data/tools.yml: required when there are rules

    def data_file(self, name: str) -> str:
        """Display path of a data file, for "use an id from data/roles.yml" hints."""
        return display_path(self.data_dir / name)


# File kind → (wrapper model, top-level key, Knowledge attribute).
SINGLE_FILES = {
    "bodies.yml": (schema.BodiesFile, "bodies"),
    "roles.yml": (schema.RolesFile, "roles"),
}
LIST_DIRS = {
    "duties": (schema.DutiesFile, "duties"),
    "relations": (schema.RelationsFile, "relations"),
    "rules": (schema.RulesFile, "rules"),
    "checklists": (schema.ChecklistFile, "checklist"),
}


def load_data(data_dir: Path) -> Knowledge:
    """Read and validate every file under `data_dir`; raise `DataError` listing all mistakes."""
    if not data_dir.is_dir():
        raise InputError(f"data directory not found: {display_path(data_dir)}")
    errors: list[str] = []
    vocab = _load_file(data_dir / "vocab.yml", schema.VocabFile, None, errors, required=True)
    knowledge = Knowledge(data_dir=data_dir, vocab=vocab or schema.Vocab(topics={}, actions={}, relation_types={}, cadences={}))
    for name, (model, key) in SINGLE_FILES.items():
        loaded = _load_file(data_dir / name, model, key, errors, required=True)
        getattr(knowledge, key).extend(getattr(loaded, key) if loaded else [])
    for folder, (model, key) in LIST_DIRS.items():
        for path in _data_files(data_dir / folder, errors):
            loaded = _load_file(path, model, key, errors)
            if loaded is None:
                continue
            if folder == "checklists":
                knowledge.checklists.append(loaded.checklist)
            elif folder == "rules":
                errors += _blank_params_errors(loaded.rules)
                knowledge.rules.extend(loaded.rules)
            else:
                getattr(knowledge, key).extend(getattr(loaded, key))
    if (data_dir / "comparisons.yml").exists():
        loaded = _load_file(data_dir / "comparisons.yml", schema.ComparisonsFile, "comparisons", errors)
        knowledge.comparisons.extend(loaded.comparisons if loaded else [])
    knowledge.tools = _load_tools(data_dir / "tools.yml", bool(knowledge.rules), errors)
    knowledge.calendar = _load_calendar(data_dir / "calendar", errors)
    errors += _duplicate_ids(knowledge)
    if errors:
        raise DataError(errors)
    log.debug("loaded %d bodies, %d roles, %d duties, %d relations, %d rules, %d checklists",
              len(knowledge.bodies), len(knowledge.roles), len(knowledge.duties),
              len(knowledge.relations), len(knowledge.rules), len(knowledge.checklists))
    return knowledge


def _data_files(folder: Path, errors: list[str]) -> list[Path]:
    if not folder.is_dir():
        return []
    for stray in sorted(folder.glob("*.yaml")):
        errors.append(f"{display_path(stray)}:1: data files end in .yml — rename it to {stray.stem}.yml")
    return sorted(folder.glob("*.yml"))


# --- one file ------------------------------------------------------------------


def _load_file(path: Path, model: type[BaseModel], key: str | None, errors: list[str], required: bool = False):
    """Validated wrapper model of one file, or None (with messages appended to `errors`).

    Under `sotay serve` an unchanged file gives back the same model object as on the
    previous reload (cache.shared): it is neither read as YAML nor validated again."""
    shown = display_path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        if required:
            start = f"`{key}:`" if key else "`topics:`"
            errors.append(f"{shown}:1: required data file is missing — create it (it starts with {start})")
        return None
    loaded, messages = shared("loaded-file", (shown, model.__name__, key or "", raw),
                              lambda: _validated_file(path, raw, model, key, shown), modules=_LOAD_MODULES)
    errors.extend(messages)
    return loaded


_LOAD_MODULES = ("read/loader.py", "read/messages.py", "model/knowledge.py", "model/tools.py", "read/yaml_source.py")


def _validated_file(path: Path, raw: bytes, model: type[BaseModel], key: str | None,
                    shown: str) -> tuple[BaseModel | None, list[str]]:
    """(validated model or None, messages) of one file read as `raw`."""
    errors: list[str] = []
    try:
        data, lines, problems = read_yaml(path, shown, raw)
    except FileProblem as problem:
        return None, [str(problem)]
    if not isinstance(data, dict):
        keys = ", ".join(f"{name}:" for name in allowed_keys(model, ()))
        found = "nothing (the file is empty)" if data is None else schema._describe(data)
        return None, [f"{shown}:1: expected a mapping with the top-level key(s) {keys} found {found} — see data/README.md"]
    try:  # validated models are cached by the file's values: a reload re-validates only edited files
        loaded = cached("model", (shown, model.__name__, pickle.dumps(data)), lambda: model.model_validate(data),
                        modules=("model/knowledge.py", "model/tools.py"))
    except ValidationError as exc:
        messages = problems + validation_messages(exc, model, data, shown, lines)
        errors.extend(sorted(dict.fromkeys(messages), key=message_order))
        return None, errors
    if problems:
        return None, problems
    _attach_origins(loaded, key, shown, lines)
    return loaded, []


def _attach_origins(loaded: BaseModel, key: str | None, shown: str, lines: Mapping[YamlPath, int]) -> None:
    if isinstance(loaded, schema.Sourced):  # a file that is one object (data/tools.yml)
        loaded._origin = Origin(shown, (), lines)
        return
    if key is None:
        return
    value = getattr(loaded, key)
    if isinstance(value, list):
        for index, item in enumerate(value):
            item._origin = Origin(shown, (key, index), lines)
    else:
        value._origin = Origin(shown, (key,), lines)


def _blank_params_errors(rules: list[schema.RuleBase]) -> list[str]:
    """A `null` parameter is a blank of the regulation: listed in `blanks`, and only then.

    `params` were validated against the rule's kind with the rule itself (schema.Rule)."""
    errors = []
    for rule in rules:
        origin = origin_of(rule)
        written = rule.params.model_fields_set
        nulls = {name for name in written if getattr(rule.params, name) is None}
        for name in sorted(nulls - set(rule.blanks)):
            errors.append(origin.message(("params", name), f"'{name}' is null — if the regulation leaves it blank, add it to `blanks: [{name}]`; otherwise write the value"))
        for index, name in enumerate(rule.blanks):
            if name not in nulls:
                errors.append(origin.message(("blanks", index), f"'{name}' is listed as blank but params.{name} is not null — write `{name}: null` or remove it from blanks"))
    return errors


def _load_tools(path: Path, required: bool, errors: list[str]) -> ToolsFile | None:
    """data/tools.yml (the tool pages' wording): required when there are rules to show."""
    if not required and not path.exists():
        return None
    tools = _load_file(path, ToolsFile, "tools", errors, required=True)
    if tools is not None:
        errors += _tools_errors(tools)
    return tools


def _tools_errors(tools: ToolsFile) -> list[str]:
    """Page ids unique and not the handbook's own; case values unique per rule."""
    origin = origin_of(tools)
    pages = [(("tools", key, "id"), getattr(tools.tools, name).id)
             for name, key in (("working_days_after", "working-days-after"), ("days_before", "days-before"),
                               ("quorum_majority", "quorum-majority"), ("absence", "absence"))]
    pages += [(("recurring", "pages", kind, "id"), page.id) for kind, page in tools.recurring.pages.items()]
    errors, first = [], {}
    for path, page_id in pages:
        if page_id in RESERVED_PAGES:
            errors.append(origin.message(path, f"page id '{page_id}' is taken by the handbook (cong-cu/{page_id}.html) — choose another"))
        elif page_id in first:
            errors.append(origin.message(path, f"page id '{page_id}' is already used at {origin.where(*first[page_id])} ({format_path(first[page_id])}) — each tool page needs its own id"))
        first.setdefault(page_id, path)
    for rule_id, cases in tools.absence_cases.items():
        seen: dict[str, int] = {}
        for index, case in enumerate(cases):
            if case.value in seen:
                errors.append(origin.message(("absence_cases", rule_id, index, "value"), f"case '{case.value}' is already listed for this rule (absence_cases.{rule_id}[{seen[case.value]}]) — each case needs its own value"))
            seen.setdefault(case.value, index)
    return errors


def _load_calendar(calendar_dir: Path, errors: list[str]) -> list[Adjustment]:
    """Calendar adjustments, validated by their own stage (`generator/read/calendar_data.py`)."""
    if not calendar_dir.is_dir():
        return []
    try:
        return sorted(load_adjustments(calendar_dir), key=lambda adjustment: adjustment.date)
    except DataError as exc:
        errors.extend(exc.messages)
        return []


# --- ids unique within their kind -----------------------------------------


def _duplicate_ids(knowledge: Knowledge) -> list[str]:
    errors: list[str] = []
    groups: list[tuple[str, list[schema.Sourced]]] = [
        ("role or body", [*knowledge.bodies, *knowledge.roles]),
        ("duty", knowledge.duties),
        ("relation", knowledge.relations),
        ("rule", knowledge.rules),
        ("checklist", knowledge.checklists),
        ("comparison", knowledge.comparisons),
    ]
    for kind, objects in groups:
        seen: dict[str, schema.Sourced] = {}
        for obj in objects:
            first = seen.setdefault(obj.id, obj)
            if first is not obj:
                here, there = origin_of(obj), origin_of(first)
                errors.append(here.message(("id",), f"duplicate {kind} id '{obj.id}' — already used at {there.where('id')} ({format_path(there.path)}); rename one of them"))
    for checklist in knowledge.checklists:
        errors += _duplicate_item_ids(origin_of(checklist), checklist.items, ("items",), {})
    return errors


def _duplicate_item_ids(origin: Origin, items: list[schema.ChecklistItem], path: YamlPath, seen: dict) -> list[str]:
    errors = []
    for index, item in enumerate(items):
        here = path + (index,)
        if item.id in seen:
            first = seen[item.id]
            errors.append(origin.message(here + ("id",), f"duplicate item id '{item.id}' — already used at {origin.where(*first, 'id')} ({format_path(origin.path + first)}); ticks are stored by id, so each item needs its own"))
        else:
            seen[item.id] = here
        errors += _duplicate_item_ids(origin, item.items, here + ("items",), seen)
    return errors
