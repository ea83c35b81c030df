"""Raw regulation text → `Document`s (without ids), and which decision issues which regulation.

The steps in order: `cleanup` (clean, re-joined lines) → `segments` (one per
document; header, body, footer) → `metadata` (header and footer) and
`parser.parse_structure` (body) → `link_attachments`, which pairs a decision with
the regulation that follows it and fills the decision's number and date from the
regulation's "(Kèm theo Quyết định số …, ngày …)".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.errors import InputError
from generator.model.document import Document
from generator.read.cleanup import clean_lines, join_wrapped
from generator.read.metadata import (
    enacting_subject,
    find_replaces,
    has_blank,
    level_of,
    org_case,
    parse_footer,
    parse_header,
    parse_number,
)
from generator.read.parser import parse_structure
from generator.read.segments import Segment, split_segments, split_zones

UNTITLED = "Văn bản chưa có tiêu đề"


@dataclass
class RawFile:
    """The documents of one raw file and the (decision, regulation) pairs among them."""

    documents: list[Document]
    links: list[tuple[Document, Document]]


def parse_raw(text: str, source: str) -> RawFile:
    """Every document in a raw text (a decision and its attached regulation become two)."""
    lines = join_wrapped(clean_lines(text))
    parsed = [document_from_segment(split_zones(seg), source) for seg in split_segments(lines)]
    parsed = [(d, attached) for d, attached in parsed if d.articles or d.title]
    if not any(d.articles for d, _ in parsed):
        raise InputError(f"{source}: no articles found (expected lines such as 'Điều 1. Phạm vi điều chỉnh')")
    return RawFile([d for d, _ in parsed], link_attachments(parsed))


def document_from_segment(segment: Segment, source: str) -> tuple[Document, tuple | None]:
    """The document of one segment, and its "(Kèm theo …)" reference if it has one."""
    meta = parse_header(segment.header)
    structure = parse_structure(segment.body, source, decision=meta["kind"] == "quyet-dinh")
    recipients, signature = parse_footer(segment.footer)
    issuers = [i for i in meta["issuers"] if not has_blank(i)]
    attached = meta.get("attached")
    issuer = org_case(issuers[-1]) if issuers else None
    if issuer is None and meta.get("enacting_issuer"):
        issuer = org_case(meta["enacting_issuer"])
    if issuer is None and attached and attached[5]:
        issuer = attached[5].strip()
    issuer = issuer or enacting_subject(meta["preamble"])
    parent = org_case(issuers[-2]) if len(issuers) >= 2 else None
    document = Document(
        id="", kind=meta["kind"], title=meta["title"] or UNTITLED, source=source,
        number=meta.get("number"), date=meta.get("date"), date_text=meta.get("date_text"),
        place=meta.get("place"), issuer=issuer, parent_issuer=parent, level=level_of(issuer, parent),
        draft=bool(meta.get("draft")), legal_bases=meta["legal_bases"], preamble=meta["preamble"],
        recipients=recipients, signature=signature, chapters=structure.chapters,
        articles=structure.articles, closing=structure.closing, warnings=structure.warnings,
    )
    document.replaces = find_replaces(document.articles)
    return document, attached


def link_attachments(parsed: list[tuple[Document, tuple | None]]) -> list[tuple[Document, Document]]:
    """Pair each decision with the regulation that follows it; fill number/date from "(Kèm theo …)"."""
    links = []
    for (decision, _), (regulation, attached) in zip(parsed, parsed[1:]):
        if decision.kind != "quyet-dinh" or regulation.kind == "quyet-dinh":
            continue
        if attached:
            _, number, day, month, year, issuer = attached
            decision.number = decision.number or parse_number(number)
            if decision.date is None:
                try:
                    decision.date = dt.date(int(year), int(month), int(day))
                except ValueError:
                    pass
            decision.issuer = decision.issuer or (issuer.strip() if issuer else None)
            decision.level = level_of(decision.issuer, decision.parent_issuer)
        links.append((decision, regulation))
    return links
