"""Search scopes: the đơn vị (commune, ward) each page belongs to.

A province's handbook holds one working regulation and several coordination
regulations per commune; a cadre searching "bí thư" wants their own commune's
clauses and the shared ones (central and provincial documents, roles,
lessons), not the same clause from a thousand other communes. Pagefind also
scores every page a word is on before it can rank them: with ~1000 communes
one query takes tens of seconds, while a filter is applied before scoring.

So, when the handbook has documents of two or more units:
- every page carries a Pagefind filter `don-vi`: the unit's slug for a
  commune-level document and every page drawn from that one document
  (its role, calculator, calendar and relations pages, its quiz), `chung`
  for everything else (overrides/main.html reads `page_scopes`);
- the search page offers the units (`unit_options`), remembers the reader's
  choice, and searches `chung` + that unit; the header box of a unit's page
  sends its unit along.

A handbook with one unit or none (the default handbook) has no such filter,
so its index and first-query bytes stay as they were.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from generator.slugs import slugify
from generator.model.document import Document
from generator.views.nav import sort_key

SHARED = "chung"  # the filter value of pages that belong to no single unit
# Up to this many units a search covers them all unless the reader picks one;
# above it, only the shared pages until they do (Pagefind takes ~1 s per
# query for 100 communes, tens of seconds for 1000: bench/search_bench.py).
SEARCH_ALL_LIMIT = 150


@dataclass(frozen=True)
class Unit:
    slug: str  # ASCII, the filter value
    label: str  # as written in the document: "Đảng ủy xã Lùng Phình"


def document_unit(doc: Document) -> Unit | None:
    """The commune or ward a document belongs to; None for central, provincial and other documents."""
    if doc.level != "xa":
        return None
    name = doc.issuer or (f"Xã {doc.place}" if doc.place else None)
    slug = slugify(name, max_words=12) if name else ""
    return Unit(slug, name) if slug and slug != SHARED else None


def units_of(documents: Iterable[Document]) -> dict[str, Unit]:
    """document id → unit, only when the documents span two units or more (else no scoping)."""
    found = {doc.id: unit for doc in documents if (unit := document_unit(doc))}
    return found if len({u.slug for u in found.values()}) >= 2 else {}


def page_scopes(pages: Iterable[str], units: dict[str, Unit]) -> dict[str, str]:
    """docs-relative page path → unit slug, for every page when scoping is on.

    A page belongs to a document when its file is named after it:
    `van-ban/<doc>.md`, `vai-tro/<role>/<doc>.md`, `cong-cu/<tool>/<doc>.md`,
    `quan-he/<doc>.md`, `on-tap/<doc>.md` (generator/urls.py). Every other page is shared.
    """
    if not units:
        return {}
    scopes = {}
    for page in pages:
        if not page.endswith(".md"):
            continue
        folder, _, name = page.rpartition("/")
        unit = units.get(name[: -len(".md")]) if folder else None
        scopes[page] = unit.slug if unit else SHARED
    return scopes


def unit_options(units: dict[str, Unit]) -> list[dict]:
    """The search page's choice of unit, in Vietnamese alphabetical order."""
    distinct = {u.slug: u for u in units.values()}.values()
    return [{"value": u.slug, "label": u.label} for u in sorted(distinct, key=lambda u: (sort_key(u.label), u.slug))]


def default_scope(units: dict[str, Unit]) -> str:
    """What a search covers before the reader picks a unit: everything, or the shared pages only."""
    count = len({u.slug for u in units.values()})
    return "" if count <= SEARCH_ALL_LIMIT else SHARED
