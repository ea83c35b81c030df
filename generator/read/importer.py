"""Import stage: a regulation as received (.txt/.md/.docx) → `Document`s → clean content files.

The steps, one module each under `generator/read/`:

1. `raw_text` — the file's bytes → text (encodings, .docx); wrong files are refused.
2. `cleanup` — clean lines, hard-wrapped paragraphs re-joined.
3. `segments` — one segment per document (a decision and its attached regulation
   are two), each with header / body / footer lines.
4. `metadata` (header, footer) and `parser` (body: Chương, Mục, Điều, khoản, điểm);
   `raw_documents` puts them together and pairs a decision with its regulation.
5. `ids` — an id per document, unique in the run and in the target folder.
6. `content_file` — the clean, human-editable format, written and read back.

This module holds the entry points: `import_files` (`sotay import`),
`read_documents` (`sotay inspect`) and `documents_from_text`.
"""

from __future__ import annotations

import logging
from pathlib import Path

from generator.errors import InputError
from generator.files import disk_error, write_atomic
from generator.model.document import Document
from generator.read.content_file import document_from_content, has_front_matter, render_content, split_front_matter
from generator.read.ids import IdRegistry, assign_ids
from generator.read.raw_documents import parse_raw
from generator.read.raw_text import read_text
from generator.slugs import MAX_ID_LENGTH, SLUG_RE

log = logging.getLogger(__name__)


def documents_from_text(text: str, source: str, main_id: str | None = None) -> list[Document]:
    """Documents of a raw text with automatic (or `main_id`) ids and their links set."""
    raw = parse_raw(text, source)
    assign_ids(raw, IdRegistry(), main_id)
    return raw.documents


def read_documents(path: Path) -> list[Document]:
    """Documents of a raw regulation file (automatic ids), or of an imported content file."""
    path = Path(path)
    if path.is_file() and has_front_matter(path):
        return [document_from_content(path)]
    return documents_from_text(read_text(path), str(path))


def import_files(paths: list[Path], into: Path, ids: dict | None = None) -> list[Path]:
    """Import raw files into `into/<id>.md`; `ids` maps a path (or file name) to the main id."""
    ids = {str(k): v for k, v in (ids or {}).items()}
    into = Path(into)
    registry = IdRegistry(existing=existing_ids(into))
    batch: list[Document] = []
    for path in map(Path, paths):
        main_id = ids.get(str(path)) or ids.get(path.name)
        if main_id is not None and (not SLUG_RE.fullmatch(main_id) or len(main_id) > MAX_ID_LENGTH):
            raise InputError(f"--id {main_id!r}: use an ASCII slug (a-z, 0-9, '-') of at most {MAX_ID_LENGTH} characters")
        if main_id is not None and registry.existing.get(main_id, str(path)) != str(path):
            raise InputError(f"--id {main_id}: already used by {into / (main_id + '.md')} "
                             f"(imported from {registry.existing[main_id]}); choose another id")
        raw = parse_raw(read_text(path), str(path))
        assign_ids(raw, registry, main_id)
        batch.extend(raw.documents)
    into.mkdir(parents=True, exist_ok=True)
    written = []
    for document in batch:
        target = into / f"{document.id}.md"
        try:  # a full disk leaves the previous file whole, not truncated mid-heading
            write_atomic(target, render_content(document))
        except OSError as error:
            raise disk_error(error, str(target)) or error from None
        for warning in document.warnings:
            log.warning("%s", warning)
        written.append(target)
    return written


def existing_ids(into: Path) -> dict[str, str]:
    """ids already used in `into`, mapped to their source (re-importing a source overwrites)."""
    taken: dict[str, str] = {}
    if into.is_dir():
        for path in sorted(into.glob("*.md")):
            try:
                meta, _, _ = split_front_matter(path.read_text(encoding="utf-8"), path)
            except (InputError, UnicodeDecodeError):
                continue
            if meta.get("id"):
                taken[str(meta["id"])] = str(meta.get("source") or path)
    return taken
