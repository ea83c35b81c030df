"""What may be read from a project: files inside it, and content/pages checked before publishing.

`links_leaving(root, folders)`: every symbolic link under content/ and data/
that points outside the project (or nowhere) is an error, reported before any
file is read — so a `data/bodies.yml → /etc/shadow` link never gets its lines
printed in a message, and `content/pages/x.md → /etc/passwd` is never
published. Links that stay inside the project are allowed.

`read_content_pages(pages_dir, root)`: hand-written pages (`.md`) and the
images and PDFs they show are published; anything else (.html, .js, .svg …
could run script on the site's origin) is refused with its file name, as are
names that are not lowercase ASCII (URLs are ASCII slugs, and a USB stick
formatted for Windows cannot hold two names differing only in case) and pages
that would replace a generated page (`index.md`, `van-ban/<id>.md` …). A
page is returned as its title, description and Markdown body (site/pages.py
escapes the title and marks the body as author-written, link/author_html.py).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from generator.read.yaml_source import FileProblem, read_yaml_text
from generator.slugs import MAX_ID_LENGTH

ASSET_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".pdf"}
MAX_PAGE_BYTES = 1_000_000
MAX_ASSET_BYTES = 10_000_000
NAME_RE = re.compile(r"[a-z0-9]+(?:[-_.][a-z0-9]+)*")
# Generated pages and folders (generator/urls.py, the theme's assets, Pagefind, the offline app)
RESERVED_FOLDERS = {"api", "assets", "bai-hoc", "co-quan", "cong-cu", "danh-muc", "on-tap", "pagefind",
                    "pagefind-file", "quan-he", "search", "so-sanh", "vai-tro", "van-ban"}
RESERVED_FILES = {"index.md", "tim-kiem.md", "quan-he.md", "404.md", "sw.js", "manifest.webmanifest",
                  "sotay-offline.json", "sitemap.xml", "sitemap.xml.gz"}
PAGE_KEYS = ("title", "description")


def links_leaving(root: Path, folders: list[Path]) -> list[str]:
    """`path:1: …` for every symbolic link under `folders` whose target is outside `root`."""
    root = root.resolve()
    errors = []
    for folder in folders:
        if not os.path.lexists(folder):
            continue
        for path in [folder, *_walk(folder)]:
            if path.is_symlink() and not _inside(path, root):
                errors.append(f"{_shown(path, root)}:1: is a symbolic link to a file outside the project "
                              "— copy the file into the project instead of linking to it")
    return errors


def _walk(folder: Path):
    for current, dirs, files in os.walk(folder):  # does not descend into linked folders
        for name in sorted(dirs + files):
            yield Path(current) / name


def _inside(path: Path, root: Path) -> bool:
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):  # dangling or looping link
        return False
    return target == root or target.is_relative_to(root)


def _shown(path: Path, root: Path) -> str:
    absolute = Path(os.path.abspath(path))
    return absolute.relative_to(root).as_posix() if absolute.is_relative_to(root) else str(path)


@dataclass(frozen=True)
class ContentPage:
    title: str
    description: str | None
    body: str  # the author's Markdown, front matter removed


@dataclass
class ContentPages:
    pages: dict[str, ContentPage | bytes] = field(default_factory=dict)  # docs-relative path → page or file bytes
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def read_content_pages(pages_dir: Path, root: Path) -> ContentPages:
    """Every publishable file of content/pages, checked."""
    found = ContentPages()
    if not pages_dir.is_dir():
        return found
    root = root.resolve()
    for path in sorted(p for p in pages_dir.rglob("*") if p.is_file()):
        rel = path.relative_to(pages_dir).as_posix()
        if any(part.startswith(".") for part in rel.split("/")):
            continue  # hidden files: editor backups, .DS_Store
        shown = _shown(path, root)
        problem = _name_problem(rel, path)
        if problem:
            found.errors.append(f"{shown}:1: {problem}")
            continue
        limit = MAX_PAGE_BYTES if path.suffix == ".md" else MAX_ASSET_BYTES
        if path.stat().st_size > limit:
            found.errors.append(f"{shown}:1: the file is {path.stat().st_size:,} bytes, over the {limit:,}-byte limit "
                                "— make it smaller or split it")
            continue
        if path.suffix != ".md":
            found.pages[rel] = path.read_bytes()
            continue
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            found.errors.append(f"{shown}:1: the page is not UTF-8 text — save it as UTF-8")
            continue
        page = _page(text, path, shown, found)
        if page is not None:
            found.pages[rel] = page
    return found


def _name_problem(rel: str, path: Path) -> str | None:
    parts = rel.split("/")
    if not all(NAME_RE.fullmatch(part) and len(part) <= MAX_ID_LENGTH + 5 for part in parts):
        return (f"the file name must be lowercase ASCII letters, digits and '-', at most {MAX_ID_LENGTH} characters "
                "(it becomes the page's address) "
                "— rename it, e.g. gioi-thieu.md")
    if path.suffix != ".md" and path.suffix not in ASSET_SUFFIXES:
        return (f"only Markdown pages (.md) and images or PDFs ({', '.join(sorted(ASSET_SUFFIXES))}) are published "
                "from content/pages — other files (.html, .js, .svg …) could run script in the handbook; "
                "remove it or convert it")
    if rel in RESERVED_FILES or (len(parts) > 1 and parts[0] in RESERVED_FOLDERS):
        return (f"content/pages/{rel} would replace a page the handbook generates — give it another name "
                f"(not {', '.join(sorted(RESERVED_FILES))} nor inside {', '.join(sorted(RESERVED_FOLDERS))}/)")
    return None


def _page(text: str, path: Path, shown: str, found: ContentPages) -> ContentPage | None:
    meta: dict = {}
    body = text
    lines = text.replace("\r\n", "\n").split("\n")
    if lines and lines[0].strip() == "---":
        end = next((i for i, line in enumerate(lines[1:], start=1) if line.strip() in ("---", "...")), None)
        if end is None:
            found.errors.append(f"{shown}:1: front matter is not closed — add a line '---' after it")
            return None
        try:
            meta, problems = read_yaml_text("\n".join(lines[1:end]), shown, first_line=2)
        except FileProblem as problem:
            found.errors.append(str(problem))
            return None
        if problems or not isinstance(meta or {}, dict):
            found.errors.extend(problems or [f"{shown}:2: the front matter must be 'key: value' lines"])
            return None
        meta = meta or {}
        body = "\n".join(lines[end + 1:])
    for key in sorted(set(meta) - set(PAGE_KEYS)):
        found.warnings.append(f"{shown}: front matter key '{key}' ignored (a page may set {', '.join(PAGE_KEYS)})")
    for key in PAGE_KEYS:
        if key in meta and not isinstance(meta[key], str):
            found.errors.append(f"{shown}:2: '{key}' must be text — put it in quotes")
            return None
    return ContentPage(meta.get("title") or _first_heading(body) or path.stem, meta.get("description") or None, body)


def _first_heading(body: str) -> str | None:
    for line in body.split("\n"):
        if line.startswith("# "):
            return re.sub(r"[*_`]", "", line[2:].strip().rstrip("#").strip()) or None
    return None
