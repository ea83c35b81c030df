"""pydantic's validation errors → the messages a user reads:
`file:line: yaml.path: what is wrong — how to fix`.

The location is the YAML path the author wrote (`rules[0].params.days`, never
pydantic's internal one: no implicit `[0]` for a one-or-many key, no union tag),
its line taken from the file's line map; the text says how to fix it ("did you
mean 'chip'?", "write clause: \"3\"").
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel, ValidationError

from generator.model import knowledge as schema
from generator.read.yaml_source import Origin, YamlPath


def validation_messages(exc: ValidationError, model: type[BaseModel], data: Any, shown: str, lines: Mapping[YamlPath, int], prefix: YamlPath = ()) -> list[str]:
    messages = []
    for error in exc.errors(include_url=False):
        loc, key_error = _yaml_loc(error["loc"], data)
        origin = Origin(shown, prefix, lines)
        text = _describe_error(error, model, loc, key_error, top_level=not prefix and len(loc) == 1)
        if error["type"] == "missing":
            loc = loc[:-1]
        elif error["type"] == "union_tag_invalid":
            loc = loc + (_discriminator(error),)
        messages.append(origin.message(loc, text))
    return messages


def message_order(message: str) -> tuple[str, int]:
    file, line, _ = message.split(":", 2)
    return file, int(line)


def _yaml_loc(loc: tuple, data: Any) -> tuple[YamlPath, bool]:
    """pydantic's loc → the YAML path the author wrote.

    Drops the implicit `[0]` when a single object was written where a list is
    accepted (`cite: {...}`), the `[key]` marker of mapping-key errors and the
    tag of a discriminated union (a rule's `kind`: `rules[0].quorum.params`).
    """
    path: list[str | int] = []
    current = data
    key_error = False
    for part in loc:
        if part == "[key]":
            key_error = True
            continue
        if isinstance(part, int) and not isinstance(current, list):
            continue
        if isinstance(current, dict) and part not in current and current.get("kind") == part:
            continue
        path.append(part)
        if isinstance(current, dict):
            current = current.get(part)
        elif isinstance(current, list) and isinstance(part, int) and part < len(current):
            current = current[part]
        else:
            current = None
    return tuple(path), key_error


def _describe_error(error: dict, model: type[BaseModel], loc: YamlPath, key_error: bool, top_level: bool) -> str:
    kind = error["type"]
    value = error.get("input")
    if kind == "missing":
        name = loc[-1]
        if top_level:
            return f"missing top-level key '{name}' — the file must contain `{name}:` (see data/README.md)"
        return f"missing required key '{name}' — add `{name}: ...` (see data/README.md)"
    if kind == "union_tag_not_found":
        name = _discriminator(error)
        return f"missing required key '{name}' — add `{name}: ...` (see data/README.md)"
    if kind == "union_tag_invalid":
        value, choices = error["ctx"]["tag"], re.findall(r"'([^']*)'", error["ctx"]["expected_tags"])
        close = difflib.get_close_matches(str(value), choices, n=1)
        fix = f"did you mean '{close[0]}'?" if close else f"use one of: {', '.join(choices)}"
        return f"{schema._describe(value)} is not allowed here — {fix}"
    if kind == "extra_forbidden":
        name = str(loc[-1])
        allowed = allowed_keys(model, error["loc"][:-1])
        close = difflib.get_close_matches(name, allowed, n=1)
        fix = f"did you mean '{close[0]}'?" if close else f"allowed keys: {', '.join(allowed)}"
        return f"unknown key '{name}' — {fix}"
    if key_error:
        return f"key {error['msg']}"
    if kind == "literal_error":
        choices = re.findall(r"'([^']*)'", error["ctx"]["expected"])
        close = difflib.get_close_matches(str(value), choices, n=1)
        fix = f"did you mean '{close[0]}'?" if close else f"use one of: {', '.join(choices)}"
        return f"{schema._describe(value)} is not allowed here — {fix}"
    simple = {
        "string_type": "expected text, got {v} — write the text (quote it if it looks like a number or yes/no)",
        "int_type": "expected a whole number, got {v}",
        "int_parsing": "expected a whole number, got {v}",
        "int_from_float": "expected a whole number, got {v}",
        "list_type": "expected a list, got {v} — write [a, b] or one `- item` per line",
        "dict_type": "expected a mapping (key: value lines), got {v}",
        "model_type": "expected a mapping (key: value lines), got {v}",
        "model_attributes_type": "expected a mapping (key: value lines), got {v}",
        "tuple_type": "expected a pair [model_article, local_article], got {v}",
        "string_too_short": "must not be empty — write the text or remove the key",
        "too_short": "must not be empty — list at least one entry",
        "too_long": "has too many entries — write a pair [model_article, local_article]",
        "date_type": "expected a date written YYYY-MM-DD, got {v}",
        "date_parsing": "expected a date written YYYY-MM-DD, got {v}",
        "date_from_datetime_parsing": "expected a date written YYYY-MM-DD, got {v}",
        "greater_than_equal": "must be at least {ge}, got {v}",
        "bool_type": "expected true or false, got {v}",
    }
    if kind in simple:
        return simple[kind].format(v=schema._describe(value), **(error.get("ctx") or {}))
    return error["msg"]  # our own PydanticCustomError messages already say how to fix


def _discriminator(error: dict) -> str:
    """The key a discriminated union is told apart by (`kind`), from pydantic's error context."""
    return error["ctx"]["discriminator"].strip("'")


def allowed_keys(model: type[BaseModel], loc: tuple) -> list[str]:
    """Keys the model expects at pydantic's `loc` (for "did you mean").

    A union tag in `loc` (`rules[0]` → `quorum`) picks the member model of that kind."""
    current: Any = model
    for part in loc:
        if current is None:
            return []
        if isinstance(part, int) or part == "[key]":
            continue
        models = _inner_models(current)
        tagged = [m for m in models if _tag_of(m) == part]
        if tagged:
            current = tagged[0]
            continue
        fields = {info.alias or name: info for name, info in models[0].model_fields.items()} if models else {}
        current = fields[part].annotation if part in fields else None
    models = _inner_models(current) if current is not None else []
    return [info.alias or name for name, info in models[0].model_fields.items()] if models else []


def _inner_models(annotation: Any) -> list[type[BaseModel]]:
    """The models an annotation holds (`list[Cite]` → [Cite]; a union → each member)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [found for arg in get_args(annotation) for found in _inner_models(arg)]


def _tag_of(model: type[BaseModel]) -> str | None:
    """The `kind` that selects `model` in a discriminated union (a one-value Literal), if any."""
    field = model.model_fields.get("kind")
    values = get_args(field.annotation) if field is not None and get_origin(field.annotation) is Literal else ()
    return values[0] if len(values) == 1 else None
