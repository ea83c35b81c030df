"""`sotay inspect PATH --json`: what the importer sees in a file, as plain JSON data.

Each document is serialised by the one document serialiser of handbook.json
(`export.document_json`: id, kind, title, number, date, issuer, level, draft,
attached_to, attachment, href, articles → clauses → sub-khoản `clauses` and
`points`, each with id (the anchor), text and href), plus what only a reader of
a raw file needs::

    {"signer", "signer_position",
     "chapters": [{"number", "title", "sections": [{"number", "title"}]}],
     "warnings": ["…"]}

Sub-khoản ("2.1", "2.2") are nested under their khoản's `clauses`; points
written directly under an article (no khoản) are in the article's `points`.
"""

from __future__ import annotations

from pathlib import Path

from generator.model.document import Document
from generator.publish.export import document_json
from generator.read.importer import read_documents


def inspect_json(path: Path) -> dict:
    """JSON-ready description of every document in a raw or imported file."""
    return {"documents": [inspect_document(d) for d in read_documents(Path(path))]}


def inspect_document(document: Document) -> dict:
    data = document_json(document)
    data.update({
        "signer": document.signature.name,
        "signer_position": document.signature.position,
        "chapters": [
            {"number": c.number, "title": c.title, "sections": [{"number": s.number, "title": s.title} for s in c.sections]}
            for c in document.chapters
        ],
        "warnings": [str(w) for w in document.warnings],
    })
    return data
