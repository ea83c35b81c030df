"""Offline app stage: the web app manifest and the service worker of a built site.

`write_service_worker(site_dir, content_version)` runs after the search index
(generate.finish_site) and writes, at the site root:

- `sw.js`: generator/templates/sw.js preceded by the cache version
  `<content version>-<hash of the list>` (a code-only change also renews it),
  the number of files and their total size;
- `sotay-offline.json`: the list of files to cache (every page, the Pagefind
  index and its chunks, our assets), each with a short content hash. Every
  served page registers sw.js, so the list is not in it: the worker fetches
  the list only when the reader accepts the download (a 100-commune handbook
  lists ~10,000 files, hundreds of KB that most readers never need);
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
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

SW_NAME = "sw.js"
LIST_NAME = "sotay-offline.json"
MANIFEST_NAME = "manifest.webmanifest"
SW_TEMPLATE = Path(__file__).parent / "templates" / "sw.js"
EXCLUDED_DIRS = ("pagefind-file/", "assets/javascripts/", "api/")
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


@dataclass(frozen=True)
class OfflineList:
    version: str
    files: list[tuple[str, str]]  # (path relative to the site root, short content hash)
    bytes: int


def offline_files(site_dir: Path, content_version: str) -> OfflineList:
    """Every file the served site may load, hashed; the cache version."""
    files: list[tuple[str, str]] = []
    total = 0
    whole = hashlib.sha256()
    for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
        rel = path.relative_to(site_dir).as_posix()
        if rel.startswith(EXCLUDED_DIRS) or rel in EXCLUDED_NAMES or rel.endswith(EXCLUDED_SUFFIXES):
            continue
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()[:12]
        files.append((rel, digest))
        total += len(data)
        whole.update(f"{rel}\0{digest}\n".encode())
    return OfflineList(f"{content_version}-{whole.hexdigest()[:8]}", files, total)


def service_worker_js(listing: OfflineList) -> str:
    head = json.dumps({"version": listing.version, "bytes": listing.bytes, "count": len(listing.files), "list": LIST_NAME},
                      ensure_ascii=False, separators=(",", ":"))
    return f"self.SOTAY_OFFLINE = {head};\n" + SW_TEMPLATE.read_text(encoding="utf-8")


def file_list_json(listing: OfflineList) -> str:
    return json.dumps({"version": listing.version, "files": listing.files}, ensure_ascii=False, separators=(",", ":"))


def write_manifest(site_dir: Path) -> None:
    (site_dir / MANIFEST_NAME).write_text(json.dumps(MANIFEST, ensure_ascii=False, indent=1), encoding="utf-8")


def write_service_worker(site_dir: Path, content_version: str) -> OfflineList:
    """Write sw.js and manifest.webmanifest at the site root; return the cached list."""
    site_dir = Path(site_dir)
    write_manifest(site_dir)
    listing = offline_files(site_dir, content_version)
    (site_dir / LIST_NAME).write_text(file_list_json(listing), encoding="utf-8")  # before the worker that reads it
    (site_dir / SW_NAME).write_text(service_worker_js(listing), encoding="utf-8")
    log.info("Offline: %d tệp, %.1f MB, phiên bản %s", len(listing.files), listing.bytes / 2**20, listing.version)
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
