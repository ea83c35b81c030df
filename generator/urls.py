"""Site paths of every page type, and relative links between them.

Pages are `.html` files (use_directory_urls: false) and every link is relative,
so one build works served from any path and opened from file://.
"""

from __future__ import annotations

import functools
import posixpath

HOME = "index.html"
SEARCH = "tim-kiem.html"
RELATIONS = "quan-he.html"
HANDBOOK_JSON = "api/handbook.json"


def document_page(document_id: str) -> str:
    return f"van-ban/{document_id}.html"


def role_page(role_id: str) -> str:
    return f"vai-tro/{role_id}.html"


def body_page(body_id: str) -> str:
    return f"co-quan/{body_id}.html"


def holder_document_page(holder_page: str, document_id: str) -> str:
    """A holder's page for one document: `vai-tro/bi-thu.html` → `vai-tro/bi-thu/<document>.html`."""
    return f"{holder_page[: -len('.html')]}/{document_id}.html"


def relations_document_page(document_id: str) -> str:
    """The relations overview of one document, when quan-he.html only lists them."""
    return f"quan-he/{document_id}.html"


def checklist_page(checklist_id: str) -> str:
    return f"danh-muc/{checklist_id}.html"


def tool_page(tool_id: str) -> str:
    return f"cong-cu/{tool_id}.html"


def source_of(page: str) -> str:
    """The generated Markdown file behind a page: `van-ban/x.html` → `van-ban/x.md`."""
    return page[: -len(".html")] + ".md"


def page_of(source: str) -> str:
    """The page a generated Markdown file becomes: `van-ban/x.md` → `van-ban/x.html`."""
    return source[: -len(".md")] + ".html"


def relative(from_page: str, to: str) -> str:
    """Link from one page to a site path (optionally with #anchor or ?query)."""
    target, sep, fragment = _split_suffix(to)
    start = posixpath.dirname(from_page) or "."
    rel = _relpath(target, start) if target else posixpath.basename(from_page)
    return rel + sep + fragment


@functools.lru_cache(maxsize=1 << 16)
def _relpath(target: str, start: str) -> str:
    """posixpath.relpath, remembered: pages link to the same few hundred targets from the same folders."""
    return posixpath.relpath(target, start)


def _split_suffix(path: str) -> tuple[str, str, str]:
    for sep in ("?", "#"):
        if sep in path:
            target, fragment = path.split(sep, 1)
            return target, sep, fragment
    return path, "", ""
