"""Link integrity over a built site: every internal link and #anchor resolves.

Checks `href`/`src` in every HTML page and every `href` in api/handbook.json.
External links are reported separately (the handbook must not have any).
"""

from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

SKIP_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "blob:")


@dataclass
class LinkReport:
    pages: int = 0
    links: int = 0
    broken: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.broken and not self.external


class _PageScan(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for key in ("id", "name") if tag == "a" else ("id",):
            if values.get(key):
                self.ids.add(values[key])
        for key in ("href", "src"):
            value = values.get(key)
            if value and not (tag == "link" and values.get("rel") in ("canonical", "alternate")):
                self.links.append(value)


def scan_site(site_dir: Path) -> tuple[dict[str, set[str]], dict[str, list[str]]]:
    """Ids per page and links per page, keyed by site-relative path."""
    ids: dict[str, set[str]] = {}
    links: dict[str, list[str]] = {}
    for path in sorted(site_dir.rglob("*.html")):
        rel = path.relative_to(site_dir).as_posix()
        if rel == "404.html":  # served for any missing path, so MkDocs writes it with root-absolute links
            continue
        scan = _PageScan()
        scan.feed(path.read_text(encoding="utf-8", errors="replace"))
        ids[rel], links[rel] = scan.ids, scan.links
    return ids, links


def check_site(site_dir: Path) -> LinkReport:
    site_dir = site_dir.resolve()
    ids, links = scan_site(site_dir)
    report = LinkReport(pages=len(ids))
    for page, hrefs in links.items():
        for href in hrefs:
            _check(site_dir, ids, page, href, report, where=page)
    handbook = site_dir / "api" / "handbook.json"
    if handbook.is_file():
        for href in _json_hrefs(json.loads(handbook.read_text(encoding="utf-8"))):
            _check(site_dir, ids, "index.html", href, report, where="api/handbook.json")
    return report


def _check(site_dir: Path, ids: dict[str, set[str]], page: str, href: str, report: LinkReport, where: str) -> None:
    report.links += 1
    if href.startswith(SKIP_SCHEMES):
        return
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        report.external.append(f"{where}: {href}")
        return
    target = unquote(parts.path)
    if target:
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), target))
    else:
        resolved = page
    if resolved.startswith("../") or resolved == "..":
        report.broken.append(f"{where}: {href} (leaves the site)")
        return
    file = site_dir / resolved
    if file.is_dir():
        file, resolved = file / "index.html", posixpath.join(resolved, "index.html")
    if not file.exists():
        report.broken.append(f"{where}: {href} (no file {resolved})")
        return
    fragment = unquote(parts.fragment)
    if fragment and resolved.endswith(".html") and fragment not in ids.get(resolved, set()):
        report.broken.append(f"{where}: {href} (no #{fragment} in {resolved})")


def _json_hrefs(value) -> list[str]:
    found: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "href" and isinstance(item, str):
                found.append(item)
            else:
                found.extend(_json_hrefs(item))
    elif isinstance(value, list):
        for item in value:
            found.extend(_json_hrefs(item))
    return found
