"""`sotay check`: import + load + link, every mistake collected in one report.

`check()` never raises for mistakes in the user's files (`DataError`): it
returns them, so the CLI can print them all and exit 1 (`CheckResult.exit_code`).
A missing or unreadable input (`InputError`, exit 2) still propagates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import DataError
from generator.link.linker import Linked, link
from generator.read.loader import Knowledge, load_data
from generator.model.document import Document
from generator.read import content_file


@dataclass
class CheckResult:
    errors: list[str] = field(default_factory=list)  # "file:line: what — how to fix"
    warnings: list[str] = field(default_factory=list)  # parser anomalies: do not fail `check`
    documents: list[Document] = field(default_factory=list)
    knowledge: Knowledge | None = None
    linked: Linked | None = None  # set only when there is no error

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def exit_code(self) -> int:
        return 0 if self.ok else DataError.exit_code


def check(content_dir: Path, data_dir: Path) -> CheckResult:
    """Parse `content_dir/documents`, load `data_dir`, link them; collect every message."""
    result = CheckResult()
    documents = _load_documents(content_dir, result)
    result.knowledge = _load_knowledge(data_dir, result)
    if result.knowledge is None or documents is None:
        return result  # linking now would only repeat the same mistakes as unknown ids
    result.documents = documents
    try:
        result.linked = link(result.knowledge, documents)
    except DataError as exc:
        result.errors.extend(exc.messages)
    return result


def _load_documents(content_dir: Path, result: CheckResult) -> list[Document] | None:
    try:
        documents = content_file.load_content_dir(content_dir / "documents")
    except DataError as exc:
        result.errors.extend(exc.messages)
        return None
    for document in documents:
        result.warnings.extend(str(warning) for warning in document.warnings)
    return documents


def _load_knowledge(data_dir: Path, result: CheckResult) -> Knowledge | None:
    try:
        return load_data(data_dir)
    except DataError as exc:
        result.errors.extend(exc.messages)
        return None


def check_or_raise(content_dir: Path, data_dir: Path) -> Linked:
    """For `build`: the linked model, or a `DataError` listing every mistake."""
    result = check(content_dir, data_dir)
    if not result.ok:
        raise DataError(result.errors)
    return result.linked
