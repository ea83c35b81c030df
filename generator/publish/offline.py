"""Offline app stage: the web app manifest and the service worker of a built site.

`write_service_worker(site_dir, content_version)` runs after the search index
(generate.finish_site) and writes, at the site root:

- `sw.js`: generator/publish/sw.js (plain JavaScript, under node tests) preceded by the cache version
  `<content version>-<hash of the list>` (a code-only change also renews it),
  the number of files and their total size;
- `sotay-offline.json`: the list of files to cache (every page, the Pagefind
  index and its chunks, our assets), each with a short content hash. Every
  served page registers sw.js, so the list is not in it: the worker fetches
  the list only when the reader accepts the download (a 100-commune handbook
  lists ~10,000 files, hundreds of KB that most readers never need);
- when the handbook holds several communes (generator/site/scopes.py), the list
  holds the shared files only, and each commune's pages have their own list,
  `sotay-offline/<unit>.json`: a reader downloads the shared part and their
  commune's (the commune of the page they are on, or the one picked on the
  search page), not every commune's pages — hundreds of MB for a province.
  sw.js names each unit with its file count and size for the offer;
- `manifest.webmanifest`: name, Vietnamese, standalone, icons.

Left out of the list: what the served site never loads (the file:// copy of
the search index, source maps, Material's JavaScript and lunr, which we do
not load, sitemaps, the open-data export) — readers pay for every byte.
The worker is registered by assets/sotay/ui.js, on served pages only.
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)

SW_NAME = "sw.js"
LIST_NAME = "sotay-offline.json"
UNIT_LISTS_DIR = "sotay-offline"
MANIFEST_NAME = "manifest.webmanifest"
SW_SOURCE = Path(__file__).resolve().parent / "sw.js"
EXCLUDED_DIRS = ("pagefind-file/", "assets/javascripts/", "api/", f"{UNIT_LISTS_DIR}/")
EXCLUDED_NAMES = (SW_NAME, LIST_NAME, "sitemap.xml", "sitemap.xml.gz")
EXCLUDED_SUFFIXES = (".map",)
THEME_COLOR = "#c62828"  # the icon's red (Material's red primary is too light for white text)

MANIFEST = {
    "name": "Sổ tay Quy chế",
    "short_name": "Sổ tay",
    "description": "Sổ tay tra cứu quy chế làm việc và quy chế phối hợp",
    "lang": "vi",
    "dir": "ltr",
    "start_url": "index.html",
    "scope": "./",
    "display": "standalone",
    "background_color": "#ffffff",
    "theme_color": THEME_COLOR,
    "icons": [
        {"src": "assets/sotay/icon-192.png", "sizes": "192x192", "type": "image/png", "purpose": "any"},
        {"src": "assets/sotay/icon-512.png", "sizes": "512x512", "type": "image/png", "purpose": "any"},
        {"src": "assets/sotay/icon.svg", "sizes": "any", "type": "image/svg+xml", "purpose": "any"},
    ],
}


@dataclass
class OfflinePart:
    files: list[tuple[str, str]] = field(default_factory=list)  # (path relative to the site root, short content hash)
    bytes: int = 0
    label: str = ""  # a unit's name, for the offer

    def add(self, rel: str, digest: str, size: int) -> None:
        self.files.append((rel, digest))
        self.bytes += size


@dataclass(frozen=True)
class OfflineList:
    version: str
    files: list[tuple[str, str]]  # the shared part: every file when the handbook has no units
    bytes: int
    units: dict[str, OfflinePart] = field(default_factory=dict)  # unit slug → that unit's pages

    @property
    def total_files(self) -> int:
        return len(self.files) + sum(len(u.files) for u in self.units.values())

    @property
    def total_bytes(self) -> int:
        return self.bytes + sum(u.bytes for u in self.units.values())


def offline_files(site_dir: Path, content_version: str, page_units: dict[str, str] | None = None,
                  labels: dict[str, str] | None = None) -> OfflineList:
    """Every file the served site may load, hashed, split into the shared part and each unit's pages
    (`page_units`: site path → unit slug, for the pages of a unit only); the cache version."""
    page_units, labels = page_units or {}, labels or {}
    shared = OfflinePart()
    units: dict[str, OfflinePart] = {}
    whole = hashlib.sha256()
    for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
        rel = path.relative_to(site_dir).as_posix()
        if rel.startswith(EXCLUDED_DIRS) or rel in EXCLUDED_NAMES or rel.endswith(EXCLUDED_SUFFIXES):
            continue
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()[:12]
        unit = page_units.get(rel)
        part = units.setdefault(unit, OfflinePart(label=labels.get(unit, unit))) if unit else shared
        part.add(rel, digest, len(data))
        whole.update(f"{rel}\0{digest}\n".encode())
    return OfflineList(f"{content_version}-{whole.hexdigest()[:8]}", shared.files, shared.bytes, units)


def service_worker_js(listing: OfflineList) -> str:
    head = {"version": listing.version, "bytes": listing.bytes, "count": len(listing.files), "list": LIST_NAME}
    if listing.units:  # slug → [name, files, bytes]; its list is sotay-offline/<slug>.json
        head["units"] = {slug: [u.label, len(u.files), u.bytes] for slug, u in sorted(listing.units.items())}
    return f"self.SOTAY_OFFLINE = {_json(head)};\n" + SW_SOURCE.read_text(encoding="utf-8")


def file_list_json(version: str, files: list[tuple[str, str]]) -> str:
    return _json({"version": version, "files": files})


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def write_manifest(site_dir: Path) -> None:
    (site_dir / MANIFEST_NAME).write_text(json.dumps(MANIFEST, ensure_ascii=False, indent=1), encoding="utf-8")


def write_service_worker(site_dir: Path, content_version: str, page_units: dict[str, str] | None = None,
                         labels: dict[str, str] | None = None) -> OfflineList:
    """Write sw.js, its file lists and manifest.webmanifest at the site root; return the lists."""
    site_dir = Path(site_dir)
    write_manifest(site_dir)
    listing = offline_files(site_dir, content_version, page_units, labels)
    unit_lists = site_dir / UNIT_LISTS_DIR
    shutil.rmtree(unit_lists, ignore_errors=True)
    for slug, part in listing.units.items():  # the lists before the worker that reads them
        unit_lists.mkdir(exist_ok=True)
        (unit_lists / f"{slug}.json").write_text(file_list_json(listing.version, part.files), encoding="utf-8")
    (site_dir / LIST_NAME).write_text(file_list_json(listing.version, listing.files), encoding="utf-8")
    (site_dir / SW_NAME).write_text(service_worker_js(listing), encoding="utf-8")
    log.info("Offline: %d tệp, %.1f MB (phần chung %.1f MB, %d đơn vị), phiên bản %s", listing.total_files,
             listing.total_bytes / 2**20, listing.bytes / 2**20, len(listing.units), listing.version)
    return listing


# `sotay serve`: pages change on every save, so no offline copy while editing; a
# worker left by an earlier visit to a built site on the same address removes itself.
DEV_WORKER = """// Sổ tay Quy chế — sotay serve: no offline copy while editing.
self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys()
    .then(function (keys) { return Promise.all(keys.map(function (k) { return caches.delete(k); })); })
    .then(function () { return self.registration.unregister(); }));
});
"""


def write_dev_worker(site_dir: Path) -> None:
    """sw.js for `sotay serve`: unregisters itself and empties the caches."""
    site_dir = Path(site_dir)
    write_manifest(site_dir)
    (site_dir / SW_NAME).write_text(DEV_WORKER, encoding="utf-8")
