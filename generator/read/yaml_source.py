"""YAML files read as plain values, with the line of every YAML path.

Read with `yaml.SafeLoader`, composed into nodes so line marks survive, and
guarded against what PyYAML accepts silently or slowly: duplicate mapping keys,
alias bombs, recursive aliases, absurd nesting, huge or non-UTF-8 files.
Messages read `file:line: what is wrong — how to fix`.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
import yaml.composer
import yaml.constructor
import yaml.reader
import yaml.resolver

from generator.cache import cached

MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 32
MAX_ALIASES = 50
MAX_VALUES = 100_000

YamlPath = tuple[str | int, ...]




# --- where things are written ----------------------------------------------


def format_path(path: Iterable[str | int]) -> str:
    """('roles', 3, 'inherits', 0) → 'roles[3].inherits[0]'."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


@dataclass(frozen=True)
class Origin:
    """Where a data object was written: file, YAML path and the file's line map."""

    file: str  # display path, e.g. "data/roles.yml"
    path: YamlPath
    lines: Mapping[YamlPath, int] = field(repr=False, compare=False)

    def line(self, *sub: str | int) -> int:
        path = self.path + sub
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, 1)

    def where(self, *sub: str | int) -> str:
        """'data/roles.yml:12'."""
        return f"{self.file}:{self.line(*sub)}"

    def message(self, sub: YamlPath, text: str) -> str:
        """'data/roles.yml:12: roles[3].inherits[0]: <text>'."""
        path = format_path(self.path + tuple(sub))
        return f"{self.where(*sub)}: {path}: {text}" if path else f"{self.where(*sub)}: {text}"


def display_path(path: Path) -> str:
    """Path as the user should see it: relative to the working directory when possible."""
    return _display_path(str(path), os.getcwd())


@functools.lru_cache(maxsize=4096)
def _display_path(path: str, cwd: str) -> str:  # resolve() is slow and the linker asks for the same files per entry
    try:
        return Path(path).resolve().relative_to(Path(cwd).resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()


# --- YAML with line numbers and limits ------------------------------------


class FileProblem(Exception):
    """A file that cannot be read as data at all (one message)."""

    pass


class _LimitedComposer(yaml.composer.Composer):
    """PyYAML's composer, refusing alias bombs and absurd nesting while composing."""

    _depth = 0
    _aliases = 0

    def compose_node(self, parent, index):  # noqa: ANN001 - PyYAML's signature
        if self.check_event(yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                raise _Limit(self.peek_event().start_mark, f"more than {MAX_ALIASES} YAML aliases (*name)")
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _Limit(self.peek_event().start_mark, f"nesting deeper than {MAX_DEPTH} levels")
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class _PyLimitedLoader(_LimitedComposer, yaml.SafeLoader):
    """All in Python: slower, and the wording of syntax errors users see."""


if getattr(yaml, "__with_libyaml__", False):
    import yaml.cyaml

    class _LimitedLoader(_LimitedComposer, yaml.cyaml.CParser, yaml.constructor.SafeConstructor, yaml.resolver.Resolver):
        """Scanning and parsing in libyaml (C, ~5× faster); composing (with the limits) in Python."""

        def __init__(self, stream: str) -> None:
            yaml.cyaml.CParser.__init__(self, stream)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)
            yaml.composer.Composer.__init__(self)
else:  # pragma: no cover - PyYAML built without libyaml
    _LimitedLoader = _PyLimitedLoader


class _Limit(Exception):
    def __init__(self, mark: yaml.Mark | None, what: str) -> None:
        super().__init__(what)
        self.line = mark.line + 1 if mark else 1
        self.what = what


def read_yaml(path: Path, shown: str, raw: bytes | None = None) -> tuple[Any, dict[YamlPath, int], list[str]]:
    """Plain Python value of a YAML file (its bytes `raw` when already read), the line of every
    YAML path in it, and the problems that do not stop validation (duplicate keys, merge keys)."""
    raw = path.read_bytes() if raw is None else raw
    text = _decoded(raw, shown)
    return cached("yaml", (shown, raw), lambda: _parse(text, shown), modules=("read/yaml_source.py",))


def read_yaml_text(text: str, shown: str, first_line: int = 1) -> tuple[Any, list[str]]:
    """Plain value of YAML written inside another file — the front matter of a lesson or a
    document, starting on line `first_line` of `shown` — with the same limits and messages as a
    data file; plus the problems that do not stop reading (duplicate keys)."""
    if len(text) > MAX_FILE_BYTES:
        raise FileProblem(f"{shown}:{first_line}: the front matter is {len(text):,} characters, over the "
                          f"{MAX_FILE_BYTES:,} limit — keep only the header fields in it")
    value, _, problems = cached("yaml-text", (shown, str(first_line), text),
                                lambda: _parse("\n" * (first_line - 1) + text, shown), modules=("read/yaml_source.py",))
    return value, problems


def read_yaml_nodes(path: Path, shown: str) -> tuple[yaml.Node | None, list[str]]:
    """The composed node tree of a YAML file, for a reader that checks tags and lines itself
    (data/calendar): the same size, encoding, alias and nesting limits as `read_yaml`, with
    duplicate keys as problems. Values are not constructed (a bad date is the reader's to report)."""
    text = _decoded(path.read_bytes(), shown)
    node = _composed(text, shown)
    return node, _node_problems(node, shown) if node is not None else []


def _decoded(raw: bytes, shown: str) -> str:
    if len(raw) > MAX_FILE_BYTES:
        raise FileProblem(f"{shown}:1: file is {len(raw):,} bytes, over the {MAX_FILE_BYTES:,}-byte limit for a data file — split it into smaller files")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise FileProblem(f"{shown}:{line}: file is not UTF-8 text (byte 0x{raw[exc.start]:02x}) — save it as UTF-8") from None


def _parse(text: str, shown: str) -> tuple[Any, dict[YamlPath, int], list[str]]:
    try:
        return _compose(_LimitedLoader, text, shown)
    except FileProblem:
        if _LimitedLoader is _PyLimitedLoader:
            raise
        return _compose(_PyLimitedLoader, text, shown)  # PyYAML's own wording of the mistake


def _composed(text: str, shown: str) -> yaml.Node | None:
    try:
        return _compose(_LimitedLoader, text, shown, nodes_only=True)
    except FileProblem:
        if _LimitedLoader is _PyLimitedLoader:
            raise
        return _compose(_PyLimitedLoader, text, shown, nodes_only=True)


def _node_problems(root: yaml.Node, shown: str) -> list[str]:
    """Duplicate keys of a node tree; FileProblem when aliases expand it past MAX_VALUES or MAX_DEPTH."""
    problems: list[tuple[int, str]] = []
    count = 0
    stack: list[tuple[yaml.Node, int]] = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        count += 1
        if count > MAX_VALUES or depth > MAX_DEPTH:
            what = f"more than {MAX_VALUES:,} values" if count > MAX_VALUES else f"nesting deeper than {MAX_DEPTH} levels"
            raise FileProblem(f"{shown}:{node.start_mark.line + 1}: the file expands to {what} (YAML aliases?) — write the values out plainly")
        if isinstance(node, yaml.SequenceNode):
            stack += [(item, depth + 1) for item in node.value]
        elif isinstance(node, yaml.MappingNode):
            first_line: dict[str, int] = {}
            for key_node, value_node in node.value:
                line = key_node.start_mark.line + 1
                key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else None
                if key is not None and key in first_line:
                    problems.append((line, f"{shown}:{line}: duplicate key '{key}' (first written on line {first_line[key]}) "
                                           "— YAML would silently keep only the last one; remove or merge one of them"))
                elif key is not None:
                    first_line[key] = line
                stack += [(key_node, depth + 1), (value_node, depth + 1)]
    return list(dict.fromkeys(message for _, message in sorted(problems)))  # a mapping reached twice by an alias


def _compose(loader_class: type, text: str, shown: str, nodes_only: bool = False):
    try:
        loader = loader_class(text)
    except yaml.reader.ReaderError as exc:
        raise _unprintable(exc, text, shown) from None
    try:
        node = loader.get_single_node()
    except yaml.reader.ReaderError as exc:
        raise _unprintable(exc, text, shown) from None
    except _Limit as limit:
        raise FileProblem(f"{shown}:{limit.line}: {limit.what} — data files do not need this; write the values out plainly") from None
    except yaml.MarkedYAMLError as exc:
        line, fix = _syntax_error_place(exc)
        problem = " ".join(filter(None, [exc.context, exc.problem]))
        raise FileProblem(f"{shown}:{line}: YAML syntax error: {problem} — {fix}") from None
    finally:
        loader.dispose()
    if nodes_only:
        return node
    if node is None:
        return None, {}, []
    builder = _ValueBuilder(loader, shown)
    value = builder.value(node, ())
    return value, builder.lines, builder.problems


def _unprintable(exc: yaml.reader.ReaderError, text: str, shown: str) -> FileProblem:
    line = text[: max(exc.position, 0)].count("\n") + 1
    return FileProblem(f"{shown}:{line}: the file contains the control character U+{exc.character:04X} "
                       "(often pasted from Word or a PDF) — delete it or retype the line")



def _syntax_error_place(exc: yaml.MarkedYAMLError) -> tuple[int, str]:
    """The line to show for a YAML syntax error, and how to fix it.

    An unclosed bracket or quote is reported by PyYAML where the file ends; the
    mistake is where it was opened (the context mark), so that line is named.
    """
    problem, context = exc.problem_mark, exc.context_mark
    opened = context is not None and problem is not None and context.line < problem.line
    if opened and exc.context and ("flow" in exc.context or "quoted" in exc.context):
        return context.line + 1, "close the bracket or quote opened on this line"
    mark = problem or context
    if exc.problem and "single document" in exc.problem or exc.context and "single document" in exc.context:
        return (mark.line + 1 if mark else 1), "keep one document per file (remove the second `---`)"
    return (mark.line + 1 if mark else 1), "check the indentation, colons and quotes on this line or the one above"

class _ValueBuilder:
    """Turns composed nodes into Python values, recording lines and catching duplicate keys."""

    def __init__(self, loader: yaml.SafeLoader, shown: str) -> None:
        self.loader = loader
        self.shown = shown
        self.lines: dict[YamlPath, int] = {}
        self.problems: list[str] = []
        self.count = 0

    def value(self, node: yaml.Node, path: YamlPath, depth: int = 0) -> Any:
        self.count += 1
        if self.count > MAX_VALUES or depth > MAX_DEPTH:
            what = f"more than {MAX_VALUES:,} values" if self.count > MAX_VALUES else f"nesting deeper than {MAX_DEPTH} levels"
            raise FileProblem(f"{self.shown}:{node.start_mark.line + 1}: the file expands to {what} (YAML aliases?) — write the values out plainly")
        self.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.SequenceNode):
            return [self.value(item, path + (index,), depth + 1) for index, item in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path, depth)
        return self.scalar(node)

    def scalar(self, node: yaml.Node) -> Any:
        try:
            return self.loader.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, TypeError, OverflowError, AttributeError, IndexError, KeyError) as exc:  # `!!int x`, `!!python/…`, `!!timestamp 2025-13-45`, `!!timestamp x`
            what = getattr(exc, "problem", None) or (str(exc).splitlines()[0] if isinstance(exc, ValueError) else "not a valid value for this tag")
            raise FileProblem(f"{self.shown}:{node.start_mark.line + 1}: cannot read the value tagged {node.tag.replace('tag:yaml.org,2002:', '!!')} here ({what}) — write plain text, numbers or lists, without `!!` tags") from None

    def mapping(self, node: yaml.MappingNode, path: YamlPath, depth: int) -> dict:
        result: dict = {}
        first_line: dict = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.problems.append(f"{self.shown}:{line}: {format_path(path) or 'top level'}: merge keys (<<) are not supported — write the keys out")
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.append(f"{self.shown}:{line}: {format_path(path) or 'top level'}: a key must be plain text — remove the brackets or braces around it")
                continue
            key = self.scalar(key_node)
            key = key if isinstance(key, str) else str(key)
            if key in first_line:
                where = format_path(path + (key,))
                self.problems.append(
                    f"{self.shown}:{line}: {where}: duplicate key '{key}' (first written on line {first_line[key]}) — YAML would silently keep only the last one; remove or merge one of them"
                )
                continue
            first_line[key] = line
            self.lines[path + (key,)] = line
            result[key] = self.value(value_node, path + (key,), depth + 1)
        return result
