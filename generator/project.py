"""Where a handbook project keeps its inputs and outputs."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Project:
    root: Path

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def documents_dir(self) -> Path:
        return self.content_dir / "documents"

    @property
    def pages_dir(self) -> Path:
        """Hand-written Markdown pages, copied into the site as they are."""
        return self.content_dir / "pages"

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def build_dir(self) -> Path:
        return self.root / "build"

    @property
    def docs_dir(self) -> Path:
        """Generated Markdown handed to MkDocs (never committed)."""
        return self.build_dir / "docs"

    @property
    def serve_docs_dir(self) -> Path:
        """docs_dir of `sotay serve`: its own, so a `sotay build` run meanwhile never reads half-written pages."""
        return self.build_dir / "serve-docs"

    @property
    def site_dir(self) -> Path:
        return self.root / "site"

    @property
    def dist_dir(self) -> Path:
        return self.root / "dist"

    @property
    def config_file(self) -> Path:
        return self.root / "mkdocs.yml"


def find_project(start: Path | None = None) -> Project:
    """The nearest directory (upwards from `start`) holding a mkdocs.yml."""
    here = (start or Path.cwd()).resolve()
    for candidate in (here, *here.parents):
        if (candidate / "mkdocs.yml").is_file():
            return Project(candidate)
    return Project(here)
