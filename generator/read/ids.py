"""Ids of imported documents: automatic ones, unique within a run and a folder.

A decision with a number gets ``qd-<n>-<issuer slug>`` (``qd-261-ban-bi-thu``);
others ``<qc|quy-dinh|vb>-<n>-<issuer slug>`` or ``<prefix>-<first title words>``.
The CLI's ``--id`` names the *main* document of a file: for a decision +
regulation file it names the regulation, and the decision keeps its automatic id
(``<id>-quyet-dinh`` when it has no number). A clash gets ``-2``, ``-3`` …;
re-importing the same source keeps its id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.model.document import Document
from generator.read.raw_documents import RawFile
from generator.slugs import slugify

KIND_PREFIX = {"quyet-dinh": "qd", "quy-che": "qc", "quy-dinh": "quy-dinh", "other": "vb"}


def automatic_id(document: Document) -> str:
    prefix = KIND_PREFIX[document.kind]
    lead = re.match(r"\d+", document.number or "")
    if lead:
        return "-".join(p for p in (prefix, lead.group(0), slugify(document.issuer or "", 6)) if p)
    title = re.sub(r"^(Quyết định|Quy chế|Quy định)\s*", "", document.title)
    return f"{prefix}-{slugify(title, 6) or 'van-ban'}"


@dataclass
class IdRegistry:
    """Ids in use: `existing` (id → source, from files already imported) and `used` (this run)."""

    existing: dict[str, str] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)
    suffix: dict[str, int] = field(default_factory=dict)

    def claim(self, wanted: str, source: str) -> str:
        """`wanted`, or `wanted-2`, `-3` … when this run or another source already uses it
        (re-importing the same source keeps its id)."""
        candidate = wanted
        while candidate in self.used or self.existing.get(candidate, source) != source:
            self.suffix[wanted] = self.suffix.get(wanted, 1) + 1
            candidate = f"{wanted}-{self.suffix[wanted]}"
        self.used.add(candidate)
        return candidate


def assign_ids(raw: RawFile, registry: IdRegistry, main_id: str | None = None) -> None:
    """Give every document a unique id and set the decision ↔ regulation links;
    `main_id` names the regulation (or the only document)."""
    documents = raw.documents
    main = next((d for d in documents if d.kind != "quyet-dinh"), documents[0]) if documents else None
    for document in documents:
        if main_id and document is main:
            wanted = main_id
        elif main_id and document.kind == "quyet-dinh" and not document.number:
            wanted = f"{main_id}-quyet-dinh"
        else:
            wanted = automatic_id(document)
        document.id = registry.claim(wanted, document.source)
    for decision, regulation in raw.links:
        decision.attachment, regulation.attached_to = regulation.id, decision.id
