"""Render stage: view models → Markdown/HTML pages for MkDocs (in memory).

Templates live in generator/templates and only show what the view models
(generator/views/common.py) already decided. Autoescape is on everywhere; text that
lands in Markdown syntax (headings) also goes through the `md` filter so that
`*`, `_`, `[` … in a regulation cannot turn into markup.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
import re
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from generator import urls

log = logging.getLogger(__name__)

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~>])")


def markdown_text(value: object) -> Markup:
    """HTML-escape, then backslash-escape Markdown punctuation (for headings)."""
    html = str(escape("" if value is None else value))
    return Markup(_MD_SPECIAL.sub(r"\\\1", html))


_MD_IN_ATTRIBUTE = str.maketrans({**{ch: f"&#{ord(ch)};" for ch in "\\`*_{}[]()#+!|~"},
                                  "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;"})


def attribute_text(value: object) -> Markup:
    """HTML-escaped text for an attribute of inline HTML that Markdown still scans:
    Markdown punctuation as character references, so `[x](javascript:…)` cannot become a link.
    One pass over the raw text: the `#` of an escape's own `&#34;` is not escaped again."""
    text = value.unescape() if isinstance(value, Markup) else str("" if value is None else value)
    return Markup(text.translate(_MD_IN_ATTRIBUTE))


def yaml_string(value: object) -> Markup:
    """A YAML-safe, HTML-escaped scalar for front matter (the theme prints titles unescaped)."""
    return Markup(json.dumps(str(escape("" if value is None else value)), ensure_ascii=False))


def json_island(value: object) -> Markup:
    """JSON safe to embed inside <script type="application/json">."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


def make_environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = markdown_text
    env.filters["yaml"] = yaml_string
    env.filters["attr"] = attribute_text
    env.filters["island"] = json_island
    env.extend(sotay_templates_version=templates_version())
    return env


def templates_version() -> bytes:
    """Digest of every template file: an edited template is rendered afresh."""
    digest = hashlib.sha256()
    for path in sorted(TEMPLATES_DIR.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(TEMPLATES_DIR).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.digest()


@dataclass(frozen=True)
class Page:
    """One file of the docs folder: its path inside it ("van-ban/x.md") and its text (bytes for
    hand-written files that are not Markdown)."""

    source: str
    text: str | bytes


def render_page(env: Environment, page: str, name: str, **context: object) -> Page:
    """The page at site path `page` ("van-ban/x.html"), rendered from template `name`: the one
    way every generated page is rendered."""
    return Page(urls.source_of(page), render_template(env, name, **context))


def render_template(env: Environment, name: str, **context: object) -> str:
    """Render one page template. Under `sotay serve` (remember_renders), the same template with
    an equal context is not rendered again: a reload re-renders only the pages whose view changed."""
    if not _remember[0]:
        return env.get_template(name).render(**context)
    key = _render_key(getattr(env, "sotay_templates_version", b""), name, context)
    if key is not None and key in _rendered:
        return _rendered[key]
    text = env.get_template(name).render(**context)
    if key is not None and _rendered_bytes[0] + len(text) <= _RENDERED_LIMIT:
        _rendered[key] = text
        _rendered_bytes[0] += len(text)
    return text


def remember_renders(on: bool) -> None:
    """Keep rendered pages for the process's next builds (`sotay serve`), or not (`sotay build`)."""
    _remember[0] = on
    if not on:
        _rendered.clear()
        _rendered_bytes[0] = 0
        _on_disk.clear()


_remember = [False]
_rendered: dict[bytes, str] = {}
_rendered_bytes = [0]
_RENDERED_LIMIT = 512 * 1024 * 1024  # characters of rendered pages kept for reloads


def _render_key(version: bytes, name: str, context: dict) -> bytes | None:
    """Digest of the templates, the template's name and the context; None if the context cannot be pickled."""
    try:
        blob = pickle.dumps((version, name, context), protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # noqa: BLE001 - anything unpicklable is simply rendered every time
        return None
    return hashlib.sha256(blob).digest()


def write_pages(pages: dict[str, str | bytes], docs_dir: Path) -> int:
    """Write pages into docs_dir, touching only files whose content changed.

    Stale generated files are removed. Returns the number of files written.
    Writing only changes keeps `mkdocs serve` from looping on its own output
    and makes rebuilds after a one-file edit cheap.
    """
    docs_dir.mkdir(parents=True, exist_ok=True)
    written = 0
    for rel, text in pages.items():
        target = docs_dir / rel
        if _unchanged(target, text):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text) if isinstance(text, bytes) else target.write_text(text, encoding="utf-8")  # bytes: a content/pages image
        _note_written(target, text)
        written += 1
    _remove_stale(docs_dir, set(pages))
    log.debug("wrote %d of %d generated pages", written, len(pages))
    return written


def _remove_stale(docs_dir: Path, wanted: set[str]) -> None:
    """Delete files under docs_dir not in `wanted` (docs-relative paths), then empty folders."""
    for folder, _, files in os.walk(docs_dir, topdown=False):  # a folder after its sub-folders
        rel = Path(folder).relative_to(docs_dir).as_posix()
        for name in files:
            if (name if rel == "." else f"{rel}/{name}") not in wanted:
                os.unlink(os.path.join(folder, name))
        if rel != "." and not os.listdir(folder):
            os.rmdir(folder)


def _unchanged(target: Path, text: str | bytes) -> bool:
    """Whether `target` holds `text`. Under `sotay serve` (remember_renders) a file this process
    wrote or checked, whose size and mtime have not moved since, is not read again."""
    try:
        stat = target.stat()
    except OSError:
        return False
    if _remember[0]:
        known = _on_disk.get(target)
        if known is not None and known[1:] == (stat.st_mtime_ns, stat.st_size) and known[0] == text:
            return True
    same = (target.read_bytes() == text) if isinstance(text, bytes) else (target.read_text(encoding="utf-8") == text)
    if same:
        _note_written(target, text, stat)
    return same


def _note_written(target: Path, text: str | bytes, stat=None) -> None:
    if _remember[0]:
        stat = stat or target.stat()
        _on_disk[target] = (text, stat.st_mtime_ns, stat.st_size)


_on_disk: dict[Path, tuple[str | bytes, int, int]] = {}  # serve: what this process last saw in each file
