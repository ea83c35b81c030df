"""`sotay handouts`: build the site when needed, then print its handouts (generator/publish/handouts.py).

The site is built first unless site/ already holds a build of the current
content (same content_version in site/api/handbook.json); `rebuild=True`
forces a build.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from generator.link.handbook import load_handbook
from generator.project import Project
from generator.publish.handouts import HandoutResult, print_handouts
from generator.run.build import build
from generator.run.pipeline import content_version


def site_is_current(project: Project) -> bool:
    data = project.site_dir / "api" / "handbook.json"
    if not (project.site_dir / "index.html").is_file() or not data.is_file():
        return False
    try:
        built = json.loads(data.read_text(encoding="utf-8")).get("content_version")
    except ValueError:
        return False
    return built == content_version(project)


def make_handouts(project: Project, rebuild: bool = False, kinds: tuple[str, ...] = (),
                  progress: Callable[[str], None] | None = None, browser=None) -> HandoutResult:
    """Print every handout (of `kinds` when given), building the site first when it is not current."""
    result = HandoutResult()
    if rebuild or not site_is_current(project):
        handbook = build(project).handbook  # the handbook is loaded once, by the build
        result.built = True
    else:
        handbook = load_handbook(project)
    return print_handouts(handbook, project, result, kinds, progress, browser)
