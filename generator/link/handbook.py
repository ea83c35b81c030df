"""The handbook as one object: parsed documents plus the linked knowledge model.

`load_handbook(project)` runs the import (parse content/documents), load
(data/*.yml) and link stages and raises a user error listing every problem.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.model.document import Document


@dataclass
class Handbook:
    documents: list[Document]
    pages_dir: Path | None = None
    linked: object | None = None  # generator.link.linker.Linked once data/ is loaded
    warnings: list[str] = field(default_factory=list)
    calendar: dict = field(default_factory=dict)  # working-day calendar JSON embedded in tool pages
    lessons: list = field(default_factory=list)  # generator.link.lessons.Lesson, from content/lessons
    content_pages: dict = field(default_factory=dict)  # content/pages: path → ContentPage or bytes (read/project_files.py)

    def document(self, document_id: str) -> Document | None:
        return next((d for d in self.documents if d.id == document_id), None)

    def report(self) -> list[str]:
        return [f"cảnh báo: {w}" for w in self.warnings]


def load_handbook(project) -> Handbook:
    """Parse content/documents, load + link data/; raise DataError listing every problem."""
    from generator.link.check import check
    from generator.errors import DataError
    from generator.link.lessons import check_lessons, read_lessons
    from generator.read.project_files import links_leaving, read_content_pages

    from generator.cache import use_dir

    use_dir(project.build_dir / "cache")  # unchanged files are not parsed again
    outside = links_leaving(project.root, [project.content_dir, project.data_dir])
    if outside:  # before reading anything: a linked file's lines never reach a message
        raise DataError(outside)
    result = check(project.content_dir, project.data_dir)
    lessons, lesson_errors = read_lessons(project.content_dir / "lessons", project.root)
    if result.ok:
        lesson_errors += check_lessons(lessons, result.linked)
    pages = read_content_pages(project.pages_dir, project.root)
    if not result.ok or lesson_errors or pages.errors:
        raise DataError(result.errors + lesson_errors + pages.errors)
    from generator.read.calendar_data import calendar_from

    calendar = calendar_from(result.knowledge.calendar, project.data_dir / "calendar")  # read by the loader
    handbook = Handbook(documents=result.documents, pages_dir=project.pages_dir, linked=result.linked,
                        warnings=result.warnings, calendar=calendar, lessons=lessons, content_pages=pages.pages)
    handbook.warnings += pages.warnings
    return handbook


def holder_label(view) -> str:
    return view.item.short or view.item.name


def coverage_lines(handbook: Handbook) -> list[str]:
    """Per document: how many khoản a duty cites and how many articles a duty or relation cites."""
    if handbook.linked is None:
        return []
    from generator.link.coverage import coverage

    targets = [(d.id, 1, max((a.number for a in d.articles), default=0)) for d in handbook.documents]
    lines = []
    for row in coverage(handbook.linked, targets):
        lines.append(f"Độ phủ {row.document}: khoản {row.clauses_cited}/{row.clauses_total}, "
                     f"điều {row.articles_cited}/{row.articles_total}")
    return lines
