"""Lessons: hand-written Markdown in content/lessons/ with live data embedded.

A lesson is a Markdown file with a small front matter (`title`, optional
`summary`) whose body may contain *directive lines* — a line that is exactly

    ::: <name> <arguments>

outside fenced code. At build time each directive is replaced by HTML made
from the linked knowledge model (syntax and list: content/lessons/README.md):

    ::: nhiem-vu <holder-id> [<document-id>]   duties of a role or body
    ::: thoi-han <rule-id>                      a time/count rule, its clause, its calculator
    ::: so-do <holder-id>                       the holder's relation diagram
    ::: trich <document-id> <anchor> [mo-dau]   a clause quoted in full (anchor: dieu-6-khoan-3[-diem-a]);
                                                with `mo-dau`, only an article's opening text (before khoản 1)

Every reference is checked when the handbook is loaded (`sotay check`); a
broken one is reported as `content/lessons/x.md:12: what — how to fix`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path


from generator.link.citations import Target, suggest
from generator.model.document import Document, iter_clauses
from generator.slugs import MAX_ID_LENGTH
from generator.read.yaml_source import FileProblem, read_yaml_text

LESSONS_FOLDER = "bai-hoc"
DIRECTIVE_RE = re.compile(r"^:::[ \t]*(\S*)[ \t]*(.*?)[ \t]*$")
FENCE_RE = re.compile(r"^(```|~~~)")
FRONT_KEYS = {"title", "summary"}

# name → (arguments in order, how many are optional at the end)
DIRECTIVES: dict[str, tuple[tuple[str, ...], int]] = {
    "nhiem-vu": (("holder-id", "document-id"), 1),
    "thoi-han": (("rule-id",), 0),
    "so-do": (("holder-id",), 0),
    "trich": (("document-id", "anchor", "mo-dau"), 1),
}
OPENING = "mo-dau"  # `::: trich <doc> dieu-3 mo-dau`: the article's opening text only


@dataclass(frozen=True)
class Directive:
    name: str
    args: tuple[str, ...]
    line: int  # 1-based line in the lesson file


@dataclass
class Lesson:
    slug: str
    title: str
    source: str  # project-relative path, for messages
    summary: str | None = None
    body: list[str | Directive] = field(default_factory=list)  # Markdown lines and directives

    @property
    def page(self) -> str:
        return lesson_page(self.slug)

    @property
    def directives(self) -> list[Directive]:
        return [part for part in self.body if isinstance(part, Directive)]


def lesson_page(slug: str) -> str:
    return f"{LESSONS_FOLDER}/{slug}.html"


# --- reading ---------------------------------------------------------------------------


def read_lessons(lessons_dir: Path, root: Path) -> tuple[list[Lesson], list[str]]:
    """Every content/lessons/*.md except README.md, sorted by file name; plus syntax errors."""
    lessons, errors = [], []
    if not lessons_dir.is_dir():
        return lessons, errors
    for path in sorted(lessons_dir.glob("*.md")):
        if path.name.lower() == "readme.md":
            continue
        source = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        lesson = parse_lesson(path.stem, path.read_text(encoding="utf-8"), source, errors)
        if lesson:
            lessons.append(lesson)
    return lessons, errors


def parse_lesson(slug: str, text: str, source: str, errors: list[str]) -> Lesson | None:
    lines = text.splitlines()
    meta, start = _front_matter(lines, source, errors)
    if meta is None:
        return None
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug) or len(slug) > MAX_ID_LENGTH:
        errors.append(f"{source}:1: '{slug}' is not a valid lesson file name — use lowercase ASCII letters, digits and hyphens, "
                      f"at most {MAX_ID_LENGTH} characters (it becomes bai-hoc/<name>.html)")
    lesson = Lesson(slug, str(meta["title"]), source, meta.get("summary"))
    fenced = False
    for number, line in enumerate(lines[start:], start=start + 1):
        if FENCE_RE.match(line.strip()):
            fenced = not fenced
        match = None if fenced else DIRECTIVE_RE.match(line)
        if match:
            directive = _directive(match, number, source, errors)
            lesson.body.append(directive or line)
        else:
            lesson.body.append(line)
    return lesson


def _front_matter(lines: list[str], source: str, errors: list[str]) -> tuple[dict | None, int]:
    if not lines or lines[0].strip() != "---":
        errors.append(f"{source}:1: a lesson starts with front matter — add '---', 'title: Bài 1. …', '---' at the top")
        return None, 0
    end = next((i for i, line in enumerate(lines[1:], start=1) if line.strip() == "---"), None)
    if end is None:
        errors.append(f"{source}:1: front matter is not closed — add a line '---' after the title")
        return None, 0
    try:  # the one YAML loader (read/yaml_source.py): alias bombs, nesting and duplicate keys are refused
        meta, problems = read_yaml_text("\n".join(lines[1:end]), source, first_line=2)
    except FileProblem as problem:
        errors.append(f"{problem} (the front matter holds 'title: …' and 'summary: …' lines)")
        return None, 0
    if problems:
        errors.extend(problems)
        return None, 0
    meta = meta or {}
    if not isinstance(meta, dict) or not meta.get("title"):
        errors.append(f"{source}:2: the lesson has no title — add 'title: Bài 1. …' to the front matter")
        return None, 0
    for key in meta:
        if key not in FRONT_KEYS:
            errors.append(f"{source}:2: unknown front matter key '{key}' — use {', '.join(sorted(FRONT_KEYS))}")
    return meta, end + 1


def _directive(match: re.Match, line: int, source: str, errors: list[str]) -> Directive | None:
    name, rest = match.group(1), match.group(2)
    where = f"{source}:{line}"
    if name not in DIRECTIVES:
        close = suggest(name, DIRECTIVES) if name else None
        hint = f"did you mean '::: {close}'?" if close else f"use one of: {', '.join('::: ' + n for n in DIRECTIVES)}"
        errors.append(f"{where}: unknown directive '::: {name}' — {hint} (see content/lessons/README.md)")
        return None
    params, optional = DIRECTIVES[name]
    args = tuple(rest.split())
    if not len(params) - optional <= len(args) <= len(params):
        usage = " ".join(f"<{p}>" if i < len(params) - optional else f"[<{p}>]" for i, p in enumerate(params))
        errors.append(f"{where}: '::: {name}' takes {usage}, got {len(args)} argument(s) — write '::: {name} {usage}'")
        return None
    return Directive(name, args, line)


# --- checking ---------------------------------------------------------------------------


def check_lessons(lessons: list[Lesson], linked) -> list[str]:
    """Every directive's references against the linked model: `file:line: what — how to fix`."""
    errors = []
    for lesson in lessons:
        for directive in lesson.directives:
            problem = _problem(directive, linked)
            if problem:
                errors.append(f"{lesson.source}:{directive.line}: {problem}")
    return errors


def _problem(directive: Directive, linked) -> str | None:
    args = directive.args
    if directive.name in ("nhiem-vu", "so-do"):
        problem = _unknown("holder", args[0], linked.holders, "the ids in data/roles.yml or data/bodies.yml")
        if problem:
            return problem
        if directive.name == "nhiem-vu" and len(args) > 1:
            problem = _unknown("document", args[1], linked.documents, "the ids in content/documents/")
            if problem:
                return problem
            if not holder_duties(linked, args[0], args[1]):
                return f"'{args[0]}' has no duties citing {args[1]} — drop the document id or pick another document"
        elif directive.name == "nhiem-vu" and not holder_duties(linked, args[0], None):
            return f"'{args[0]}' has no duties in data/duties/ — pick another holder"
        elif directive.name == "so-do" and not has_relations(linked, args[0]):
            return f"'{args[0]}' has no relations in data/relations/ — there is no diagram to show"
        return None
    if directive.name == "thoi-han":
        rules = {r.id for r in linked.knowledge.rules}
        return _unknown("rule", args[0], rules, "the ids in data/rules/*.yml")
    if directive.name == "trich":
        problem = _unknown("document", args[0], linked.documents, "the ids in content/documents/")
        if problem:
            return problem
        anchors = document_anchors(linked.documents[args[0]])
        if args[1] not in anchors:
            close = suggest(args[1], anchors)
            hint = f"did you mean '{close}'?" if close else "write it as dieu-6, dieu-6-khoan-3 or dieu-6-khoan-3-diem-a"
            return f"{args[0]} has no passage '{args[1]}' — {hint}"
        if len(args) > 2:
            target = anchors[args[1]]
            if args[2] != OPENING:
                return f"'{args[2]}' is not a part of a passage — write '{OPENING}' (the article's opening text) or nothing"
            if target.clause is not None:
                return f"'{OPENING}' is the opening text of an article — write the article's anchor, e.g. 'dieu-{target.article.number}'"
            if not target.article.intro:
                return f"Điều {target.article.number} of {args[0]} has no opening text before khoản 1 — drop '{OPENING}'"
    return None


def _unknown(what: str, value: str, known, where: str) -> str | None:
    if value in known:
        return None
    close = suggest(value, known)
    hint = f"did you mean '{close}'?" if close else f"use one of {where}"
    return f"'{value}' is not a known {what} — {hint}"


def document_anchors(document: Document) -> dict[str, Target]:
    """Every anchor of a document (Điều, khoản, sub-khoản, điểm) → its target."""
    anchors: dict[str, Target] = {}
    for article in document.articles:
        anchors[article.anchor] = Target(document, article, None, None)
        for clause in iter_clauses(article.clauses):
            anchors[clause.anchor] = Target(document, article, clause, None)
            for point in clause.points:
                anchors[point.anchor] = Target(document, article, clause, point)
    return anchors


def holder_duties(linked, holder_id: str, document_id: str | None) -> list:
    duties = linked.holders[holder_id].own_duties
    return [d for d in duties if document_id is None or any(c.document == document_id for c in d.cite)]


def has_relations(linked, holder_id: str) -> bool:
    view = linked.holders[holder_id]
    return bool(view.relations_out or view.relations_in)
