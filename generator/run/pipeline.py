"""The two stages around the site engine: pages in, extra site files out.

`prepare` (before the engine reads docs_dir): load the handbook once, make
the build context (generator/site/context.py), render every page into
docs_dir, return what the engine needs. `finish_site` (after the engine wrote
site_dir): the open-data export, the search index and the offline app.
`sotay build` (generator/run/build.py) calls both around the engine; under
`sotay serve` and plain `mkdocs build` the hooks (generator/run/hooks.py) do.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from generator import cache, urls
from generator.files import write_atomic
from generator.link.handbook import coverage_lines, load_handbook
from generator.project import Project
from generator.publish import export, offline
from generator.run import serve as live
from generator.run.engine import EngineInput
from generator.site import scopes
from generator.site.context import Build
from generator.site.pages import site_pages
from generator.site.render import write_pages

log = logging.getLogger(__name__)


@dataclass
class Prepared:
    build: Build
    engine: EngineInput  # the navigation, dates and search scopes the theme shows


def prepare(project: Project, docs_dir: Path) -> Prepared:
    handbook = load_handbook(project)
    build = Build(handbook, build_date(), content_version(project))
    site = site_pages(build)
    cache.sweep_shared()  # objects of files edited or removed, pages gone since the last good build
    written = write_pages(site.pages, docs_dir)
    live.SERVE.after_prepare(site.nav, docs_dir, site.pages)
    for line in coverage_lines(handbook):
        log.info(line)
    log.info("Sổ tay: %d văn bản, %d trang (%d trang thay đổi)", len(handbook.documents), len(site.pages), written)
    return Prepared(build, EngineInput(site.nav, build.build_date, build.content_version, site.scopes))


def finish_site(prepared: Prepared, site_dir: Path) -> None:
    """The open-data export, the search index and the offline app, after MkDocs wrote site_dir.

    Under `sotay serve` (generator/run/serve.py) reloads do this in the background.
    """
    from generator.publish import search_index as index  # the search stage: Pagefind over the written site

    serving = live.SERVE.serving
    if serving:
        live.SERVE.remove_gone_pages(site_dir)

    def extras() -> int:
        write_handbook_json(prepared, site_dir)
        pages = index.index_site(site_dir, file_scripts=not serving).pages  # the file:// copy is for the bundle
        if serving:
            offline.write_dev_worker(site_dir)
        else:
            offline.write_service_worker(site_dir, prepared.build.content_version,  # lists the index: after it
                                         *offline_units(prepared))
        return pages

    live.SERVE.finish(extras)


def offline_units(prepared: Prepared) -> tuple[dict[str, str], dict[str, str]]:
    """Site path → unit of every page of a commune, and each unit's name (generator/site/scopes.py)."""
    pages = {urls.page_of(src): unit for src, unit in prepared.engine.scopes.items() if unit != scopes.SHARED}
    labels = {u.slug: u.label for u in scopes.units_of(prepared.build.handbook.documents).values()}
    return pages, labels


def write_handbook_json(prepared: Prepared, site_dir: Path) -> None:
    target = site_dir / "api" / "handbook.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    data = export.handbook_json(prepared.build)
    write_atomic(target, json.dumps(data, ensure_ascii=False, indent=1))


def build_date() -> str:
    """Today as dd/mm/yyyy, or SOURCE_DATE_EPOCH's date for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    day = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date() if epoch else dt.date.today()
    return day.strftime("%d/%m/%Y")


def content_version(project: Project) -> str:
    """Short hash of everything under content/ and data/: changes when the handbook's content does."""
    digest = hashlib.sha256()
    for folder in (project.content_dir, project.data_dir):
        if not folder.is_dir():
            continue
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(path.relative_to(project.root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:10]
