"""data/checklists/*.yml: schema, stable ids, every step cited (the loader checks that cites resolve)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.model import knowledge as schema

FILES = sorted((Path(__file__).resolve().parents[1] / "data" / "checklists").glob("*.yml"))


def walk(items):
    for it in items:
        yield it
        yield from walk(it.items)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_checklist_file(path: Path):
    loaded = schema.ChecklistFile.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    checklist = loaded.checklist
    assert checklist.id == path.stem, "file name = checklist id (localStorage keys use it)"
    items = list(walk(checklist.items))
    ids = [it.id for it in items]
    assert len(ids) == len(set(ids)), "item ids are unique across sub-items (ticks are stored by id)"
    assert all(it.cite for it in items), "every step cites its clause"
    if any(it.due for it in items):
        assert checklist.event != "none" and checklist.event_label, "due offsets need an event date to count from"


def test_the_eleven_checklists_are_there():
    assert len(FILES) == 11
