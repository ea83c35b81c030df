"""View models of checklist pages (danh-muc/<id>.html)."""

from __future__ import annotations

import json

from generator import urls
from generator.views.common import cite_link

CHECKLIST_SCRIPTS = ["assets/sotay/dom.js", "assets/sotay/workdays.js", "assets/sotay/checklist-state.js", "assets/sotay/checklist.js"]
CHECKLIST_CSS = ["assets/sotay/checklist.css"]


def due_label(due, event_label: str | None = None) -> str | None:
    """"Chậm nhất 2 ngày trước ngày họp": the offset from the checklist's event, named by its
    `event_label` (the date input's label, "Ngày họp", "Ngày nhận văn bản")."""
    if due is None:
        return None
    unit = "ngày làm việc" if due.unit == "working-day" else "ngày"
    event = (event_label[:1].lower() + event_label[1:]) if event_label else "sự kiện"
    if due.days < 0:
        return f"Chậm nhất {-due.days} {unit} trước {event}"
    if due.days == 0:
        return f"Trong {event}" if event_label else "Trong ngày diễn ra sự kiện"
    return f"Trong {due.days} {unit} sau {event}"


def _item_view(item, page: str, linked, event_label: str | None = None) -> dict:
    return {
        "id": item.id,
        "text": item.text,
        "cites": [cite_link(linked.targets[c], page) for c in item.cite],
        "cite_label": None,
        "cite_href": None,
        "due_label": due_label(item.due, event_label),
        "items": [_item_view(sub, page, linked, event_label) for sub in item.items],
    }


def _definition_item(item) -> dict:
    return {
        "id": item.id,
        "text": item.text,
        "due": item.due.model_dump() if item.due else None,
        "items": [_definition_item(sub) for sub in item.items],
    }


def checklist_view(checklist, linked, label_of, page_of) -> dict:
    page = urls.checklist_page(checklist.id)
    definition = {
        "id": checklist.id,
        "title": checklist.title,
        "event": checklist.event,
        "event_label": checklist.event_label,
        "items": [_definition_item(i) for i in checklist.items],
    }
    return {
        "id": checklist.id,
        "title": checklist.title,
        "trigger": checklist.trigger,
        "event_label": checklist.event_label,
        "users": [{"name": label_of(u), "href": urls.relative(page, page_of(u))} for u in checklist.users],
        "items": [_item_view(i, page, linked, checklist.event_label) for i in checklist.items],
        "definition_json": json.dumps(definition, ensure_ascii=False, separators=(",", ":")),
    }
