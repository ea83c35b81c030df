"""The clean, human-editable content file (content/documents/<id>.md): written and read back.

`render_content` writes YAML front matter with every `Document` field, then one
unit per paragraph::

    Chương I. QUY ĐỊNH CHUNG
    Mục 1. TITLE
    Điều 1. Title
    1. text / 2.1. text / a) text / - text / + text / plain paragraph

A paragraph that would look like a unit is escaped with a leading backslash.
`document_from_content` reads it back with the same parser (round trip); every
front matter problem is reported in one error naming file:line. The front
matter ``id`` is the source of truth once a file is imported.
"""

from __future__ import annotations

import datetime as dt
import logging
import unicodedata
from pathlib import Path
from typing import get_args

import yaml

from generator.cache import cached, shared
from generator.errors import InputError
from generator.model.document import Block, Clause, Document, DocumentKind, DocumentLevel, Point, Signature
from generator.read.parser import (
    BARE_CLAUSE_RE,
    CLAUSE_RE,
    POINT_RE,
    SUBCLAUSE_RE,
    Line,
    is_sentence,
    is_structural,
    parse_structure,
)
from generator.read.raw_text import read_text
from generator.read.yaml_source import FileProblem, read_yaml_text
from generator.slugs import MAX_ID_LENGTH, SLUG_RE

log = logging.getLogger(__name__)

FRONT_MATTER_KEYS = (
    "id", "kind", "title", "number", "date", "date_text", "place", "issuer", "parent_issuer",
    "level", "draft", "replaces", "legal_bases", "preamble", "recipients", "signature",
    "attached_to", "attachment", "source",
)


# ------------------------------------------------------------------ write

def render_content(document: Document) -> str:
    """Front matter + body in the clean, human-editable format."""
    meta = {key: getattr(document, key) for key in FRONT_MATTER_KEYS}
    meta["signature"] = {k: getattr(document.signature, k) for k in ("on_behalf", "position", "name")}
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
    body = "\n\n".join(render_body(document))
    return f"---\n{front}---\n\n{body}\n"


def render_body(document: Document):
    sections = {(ch.number, s.number): s for ch in document.chapters for s in ch.sections}
    chapters = {ch.number: ch for ch in document.chapters}
    done: set = set()
    for article in document.articles:
        if article.chapter and article.chapter not in done and article.chapter in chapters:
            done.add(article.chapter)
            yield heading("Chương", chapters[article.chapter])
        key = (article.chapter, article.section)
        if article.section and key not in done and key in sections:
            done.add(key)
            yield heading("Mục", sections[key])
        intro = article.intro
        if document.kind == "quyet-dinh" and not article.title and intro[:1] and sentence_block(intro[0]):
            yield f"Điều {article.number}. {intro[0].text}"  # as the source has it; read back as text
            intro = intro[1:]
        else:
            yield f"Điều {article.number}. {article.title}".rstrip()
        yield from (render_block(b) for b in intro)
        for point in article.points:
            yield from render_point(point)
        for clause in article.clauses:
            yield from render_clause(clause)
    for chapter in document.chapters:  # chapters without articles
        if chapter.number not in done:
            yield heading("Chương", chapter)
    yield from (render_block(b) for b in document.closing)


def sentence_block(block: Block) -> bool:
    """A paragraph that the parser reads back as a decision article's text when written
    on its "Điều N." line."""
    return block.kind == "paragraph" and is_sentence(block.text)


def heading(word: str, unit) -> str:
    return f"{word} {unit.number}. {unit.title}".rstrip() if unit.title else f"{word} {unit.number}"


def render_clause(clause: Clause):
    yield f"{clause.number}. {clause.text}".rstrip()
    yield from (render_block(b) for b in clause.blocks)
    for point in clause.points:
        yield from render_point(point)
    for sub in clause.clauses:
        yield from render_clause(sub)


def render_point(point: Point):
    yield f"{point.label}) {point.text}".rstrip()
    yield from (render_block(b) for b in point.blocks)


def render_block(block: Block) -> str:
    if block.kind == "dash":
        return f"- {block.text}"
    if block.kind == "plus":
        return f"+ {block.text}"
    text = block.text
    return "\\" + text if looks_like_unit(text) else text


def looks_like_unit(text: str) -> bool:
    """Whether the parser would read this paragraph as a unit (so it must be escaped)."""
    return bool(
        is_structural(text) or SUBCLAUSE_RE.match(text) or CLAUSE_RE.match(text) or BARE_CLAUSE_RE.match(text)
        or POINT_RE.match(text) or text.startswith(("\\", "-", "+", "–", "—", "•"))
    )


# ------------------------------------------------------------------- read

def split_front_matter(text: str, path: Path) -> tuple[dict, list[str], list[Line]]:
    """(front matter mapping, its raw lines, body lines) of a content file."""
    lines = text.replace("\r\n", "\n").lstrip("\ufeff").split("\n")
    try:
        end = lines.index("---", 1)
    except ValueError:
        raise InputError(f"{path}:1: front matter not closed; add a line '---' after the YAML header") from None
    header = "\n".join(lines[1:end])
    try:  # the one YAML loader (read/yaml_source.py): alias bombs, nesting and duplicate keys are refused
        meta, problems = read_yaml_text(header, str(path), first_line=2)
    except FileProblem as problem:
        message = str(problem)
        if "!!timestamp" in message:  # `date: 2025-13-45`
            message += "; dates are written YYYY-MM-DD"
        raise InputError(message) from None
    if problems:
        raise InputError("\n".join(problems))
    meta = meta or {}
    if not isinstance(meta, dict):
        raise InputError(f"{path}:2: the front matter must be a YAML mapping (key: value)")
    body = [Line(n, unicodedata.normalize("NFC", t.strip())) for n, t in enumerate(lines[end + 1:], start=end + 2)]
    return meta, lines[:end], body


FIELD_TYPES = {
    "id": str, "kind": str, "title": str, "number": str, "date_text": str, "place": str, "issuer": str,
    "parent_issuer": str, "level": str, "draft": bool, "replaces": str, "legal_bases": list,
    "preamble": list, "recipients": list, "signature": dict, "attached_to": str, "attachment": str,
    "source": str,
}
CHOICES = {"kind": get_args(DocumentKind), "level": get_args(DocumentLevel)}


def front_matter_problems(meta: dict) -> list[tuple[str, str]]:
    """(key, message) for every problem in a content file's front matter."""
    problems = [(key, f"'{key}' is missing") for key in ("id", "kind", "title") if meta.get(key) in (None, "")]
    for key, value in meta.items():
        if key == "date":
            if value is not None and not isinstance(value, dt.date):
                problems.append((key, f"date {value!r} must be YYYY-MM-DD or empty"))
        elif key not in FIELD_TYPES:
            continue  # reported as a warning by `document_from_content`
        elif value is not None and not isinstance(value, FIELD_TYPES[key]):
            problems.append((key, f"'{key}' must be a {FIELD_TYPES[key].__name__}, not {type(value).__name__}"))
        elif key in CHOICES and value is not None and value not in CHOICES[key]:
            problems.append((key, f"{key} '{value}' must be one of {', '.join(CHOICES[key])}"))
    if isinstance(meta.get("id"), str) and meta["id"] and not SLUG_RE.fullmatch(meta["id"]):
        problems.append(("id", f"id '{meta['id']}' must be an ASCII slug (a-z, 0-9, '-')"))
    elif isinstance(meta.get("id"), str) and len(meta["id"]) > MAX_ID_LENGTH:
        problems.append(("id", f"id is {len(meta['id'])} characters long, over the limit of {MAX_ID_LENGTH} "
                               "(it becomes a file name) — shorten it"))
    return problems


def key_line(raw_lines: list[str], key: str) -> int:
    """Line number of `key:` in the front matter (1 when absent)."""
    return next((n for n, text in enumerate(raw_lines, start=1) if text.startswith(f"{key}:")), 1)


def document_from_content(path: Path) -> Document:
    """A `Document` from an imported content file; every front matter problem in one error.

    Under `sotay serve` an unchanged file gives back the same `Document` object as on the
    previous reload (cache.shared); callers must not change it."""
    text = read_text(path)
    document, unknown_keys = shared("document", (str(path), text), lambda: _document_from_text(text, path),
                                    modules=("read/content_file.py", "read/parser.py", "model/document.py"))
    for line, key in unknown_keys:
        log.warning("%s:%d: unknown front matter key '%s' ignored (allowed: %s)",
                    path, line, key, ", ".join(FRONT_MATTER_KEYS))
    return document


def _document_from_text(text: str, path: Path) -> tuple[Document, list[tuple[int, str]]]:
    """The document of a content file's text, and the (line, key) of unknown front matter keys."""
    meta, raw_lines, body = split_front_matter(text, path)
    problems = front_matter_problems(meta)
    if problems:
        raise InputError("\n".join(f"{path}:{key_line(raw_lines, key)}: {message}" for key, message in problems))
    unknown_keys = sorted((key_line(raw_lines, key), key) for key in meta.keys() - set(FRONT_MATTER_KEYS))
    decision = meta.get("kind") == "quyet-dinh"
    body_key = (str(path), str(body[0].number if body else 0), str(decision), "\n".join(line.text for line in body))
    structure = cached("structure", body_key, lambda: parse_structure(body, str(path), decision),
                       modules=("read/parser.py", "model/document.py"))
    signature = meta.get("signature") or {}
    fields = {k: v for k, v in meta.items() if k in FIELD_TYPES and k != "signature" and v is not None}
    fields["date"] = meta.get("date")
    for key in ("legal_bases", "preamble", "recipients"):
        fields[key] = [str(x) for x in fields.get(key) or []]
    fields.setdefault("source", str(path))
    return Document(
        **fields, signature=Signature(**{k: signature.get(k) for k in ("on_behalf", "position", "name")}),
        chapters=structure.chapters, articles=structure.articles, closing=structure.closing,
        warnings=structure.warnings,
    ), unknown_keys


def has_front_matter(path: Path) -> bool:
    if path.suffix.lower() not in (".md", ".markdown"):
        return False
    with path.open("rb") as handle:
        first = handle.readline(64)
    return first.removeprefix(b"\xef\xbb\xbf").rstrip(b"\r\n") == b"---"


def load_content_dir(path: Path) -> list[Document]:
    """All content/documents/*.md, sorted by file name; ids must be unique."""
    path = Path(path)
    if not path.is_dir():
        raise InputError(f"{path}: content directory not found; run 'sotay import' first")
    documents: list[Document] = []
    seen: dict[str, Path] = {}
    for file in sorted(path.glob("*.md")):
        document = document_from_content(file)
        if document.id in seen:
            raise InputError(f"{file}: id '{document.id}' is already used by {seen[document.id]}; give one of them another id")
        seen[document.id] = file
        documents.append(document)
    return documents
