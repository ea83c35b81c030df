"""`sotay build`: prepare → engine → finish, into a fresh directory, then swap atomically.

prepare (generator/run/pipeline.py) loads and validates the handbook once and
writes the docs tree and navigation; on bad input nothing else is touched.
The engine (generator/run/engine.py: MkDocs + Material) renders the HTML;
finish adds handbook.json, the search index, the offline app and the zip.

`site` is a symlink to `build/sites/site-<stamp>-<pid>-<random>`; the new build
is written next to the old one and the link is replaced with one `os.replace`,
so killing the build at any moment leaves the previous site (and dist/ zip)
loadable. One build runs at a time (run/lock.py): a second one stops with a
message instead of pruning the first one's folders.
"""

from __future__ import annotations

import logging
import os
import secrets
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from generator.files import disk_error
from generator.link.handbook import Handbook
from generator.project import Project
from generator.publish.bundle import BUNDLE_NAME, write_bundle
from generator.run import engine, pipeline
from generator.run.lock import build_lock

log = logging.getLogger(__name__)
KEEP_BUILDS = 2


@dataclass
class BuildResult:
    site_dir: Path
    bundle: Path
    seconds: float
    handbook: Handbook  # the validated, linked handbook the site was built from


def build(project: Project, strict: bool = False) -> BuildResult:
    try:
        with build_lock(project):
            return _build(project, strict)
    except OSError as error:  # disk full, read-only: one line (the previous site and zip stay)
        problem = disk_error(error, str(project.build_dir))
        if problem is None:
            raise
        raise problem from None


def _build(project: Project, strict: bool) -> BuildResult:
    started = time.monotonic()
    prepared = pipeline.prepare(project, project.docs_dir)
    sites_root = project.build_dir / "sites"
    sites_root.mkdir(parents=True, exist_ok=True)
    new_site = sites_root / f"site-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}-{secrets.token_hex(3)}"
    try:
        engine.build_site(project, new_site, prepared.engine, strict=strict)
        pipeline.finish_site(prepared, new_site)
        bundle = write_bundle(new_site, project.dist_dir / BUNDLE_NAME,
                              prepared.build.build_date, prepared.build.content_version)
    except BaseException:
        shutil.rmtree(new_site, ignore_errors=True)
        raise
    previous = project.site_dir.resolve() if project.site_dir.is_symlink() else None
    swap_site_link(project.site_dir, new_site)
    prune_old_sites(sites_root, keep=new_site, previous=previous)
    return BuildResult(project.site_dir, bundle, time.monotonic() - started, prepared.build.handbook)


def swap_site_link(link: Path, target: Path) -> None:
    """Point `link` at `target` atomically (a real directory in the way is moved aside once)."""
    if link.exists() and not link.is_symlink():
        legacy = target.parent / f"site-legacy-{int(time.time())}"
        link.rename(legacy)
    for stale in link.parent.glob(f".{link.name}.swap-*"):  # left by a killed build (builds run one at a time)
        stale.unlink(missing_ok=True)
    tmp_link = link.with_name(f".{link.name}.swap-{os.getpid()}-{secrets.token_hex(3)}")
    tmp_link.symlink_to(os.path.relpath(target, link.parent))
    os.replace(tmp_link, link)


def prune_old_sites(sites_root: Path, keep: Path, previous: Path | None = None) -> None:
    """Keep the new build and the one the site pointed to before; remove older ones and
    the half-written ones of interrupted builds (never another build's: builds hold build_lock)."""
    builds = sorted((p for p in sites_root.iterdir() if p.is_dir()), key=lambda p: p.stat().st_mtime)
    kept = {keep.resolve(), previous.resolve() if previous else None}
    if previous is None and len(builds) >= KEEP_BUILDS:  # no link before: keep the newest other build
        kept.add(next((p.resolve() for p in reversed(builds) if p.resolve() != keep.resolve()), None))
    for path in builds:
        if path.resolve() not in kept:
            shutil.rmtree(path, ignore_errors=True)
