"""The site engine behind one adapter: MkDocs + Material today.

This is the only module that imports MkDocs. The rest of the pipeline hands
it a docs folder of Markdown pages, the navigation and a few values for the
theme (`EngineInput`), and gets HTML pages in site_dir back:

- `build_site` runs the engine once for `sotay build` (our pipeline has
  already written the docs folder; the hooks in mkdocs.yml see the handed-over
  input and do nothing of their own);
- `serve` runs MkDocs' development server for `sotay serve`, where the hooks
  (generator/run/hooks.py) prepare the pages before every reload;
- `configure` puts the navigation and the theme values into MkDocs' config
  (called by both); `EngineError` is what the hooks raise for a user error.

Moving to another engine means rewriting this module and hooks.py (README:
"Changing the site engine").
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.commands.serve import serve as mkdocs_serve
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException, PluginError

from generator.errors import BuildError
from generator.project import Project

EngineError = PluginError  # a hook's user error: MkDocs prints it and stops the build


@dataclass
class EngineInput:
    """What the theme needs besides the docs folder (read by overrides/main.html)."""

    nav: list
    build_date: str
    content_version: str
    scopes: dict[str, str] = field(default_factory=dict)  # page → search scope (generator/site/scopes.py)


_handed: list[EngineInput | None] = [None]  # the input `sotay build` prepared, while the engine runs


def handed_over() -> EngineInput | None:
    """The input `build_site` was given, while it runs (the hooks then prepare nothing)."""
    return _handed[0]


def configure(config, given: EngineInput) -> None:
    config.nav = given.nav
    config.extra["sotay_build_date"] = given.build_date
    config.extra["sotay_content_version"] = given.content_version
    config.extra["sotay_scopes"] = given.scopes


def build_site(project: Project, site_dir: Path, given: EngineInput, strict: bool = False) -> None:
    """Render the docs folder our pipeline wrote into `site_dir`."""
    try:
        config = load_config(str(project.config_file), site_dir=str(site_dir), strict=strict)
        _check_docs_dir(project, config)
        configure(config, given)
        _handed[0] = given
        try:
            mkdocs_build(config)
        finally:
            _handed[0] = None
    except MkDocsException as error:
        raise BuildError(f"MkDocs: {error}") from None


def _check_docs_dir(project: Project, config) -> None:
    """Our pipeline writes the pages into build/docs: MkDocs must read them from there."""
    if Path(config.docs_dir).resolve() != project.docs_dir.resolve():
        text = project.config_file.read_text(encoding="utf-8")
        line = next((n for n, row in enumerate(text.splitlines(), 1) if row.startswith("docs_dir:")), 1)
        raise BuildError(f"{project.config_file}:{line}: docs_dir phải là build/docs (các trang được sinh vào đó) "
                         "— sửa thành `docs_dir: build/docs`")


def serve(project: Project, dev_addr: str, dirty: bool) -> None:
    """MkDocs' development server with live reload; hooks.py prepares each build.

    It renders into its own build/serve-docs, so a `sotay build` run meanwhile never
    reads the server's half-written pages."""
    if dirty:
        logging.getLogger("mkdocs.commands.build").addFilter(_DirtyWarningFilter())
    mkdocs_serve(str(project.config_file), dev_addr=dev_addr, livereload=True,
                 build_type="dirty" if dirty else None, docs_dir=str(project.serve_docs_dir))


class _DirtyWarningFilter(logging.Filter):
    """MkDocs warns that dirty builds may leave stale menus; generator/run/serve.py re-renders every page
    when the menu changes, so the warning would only be noise on each reload."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()
