"""View model of the search page: the table of abbreviations people type for roles and bodies.

    search_aliases(AliasSource(h.name, h.short, tuple(h.aliases)) for h in holders)
    # {"btv": ["Ban Thường vụ Đảng ủy", "Ban Thường vụ"], …} — the page's JSON island
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class AliasSource:
    """One role or body: its names and the abbreviations people type for it."""

    name: str
    short: str | None
    aliases: tuple[str, ...]


def search_aliases(sources: Iterable[AliasSource]) -> dict[str, list[str]]:
    """Alias table for the search page's JSON island: {"btv": ["Ban Thường vụ Đảng ủy", "Ban Thường vụ"]}.

    Keys are lower-case NFC; names longest first. An alias shared by two
    entries keeps both entries' names.
    """
    table: dict[str, list[str]] = {}
    for src in sources:
        names = [n for n in (src.name, src.short) if n]
        for alias in src.aliases:
            key = unicodedata.normalize("NFC", alias).strip().lower()
            merged = table.setdefault(key, [])
            for name in (unicodedata.normalize("NFC", n) for n in names):
                if name not in merged:
                    merged.append(name)
    return {k: sorted(v, key=len, reverse=True) for k, v in sorted(table.items())}
