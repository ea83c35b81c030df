"""View models of checklist pages (danh-muc/<id>.html)."""

from __future__ import annotations

import json

from . import urls
from .views import cite_link

CHECKLIST_SCRIPTS = ["assets/sotay/workdays.js", "assets/sotay/checklist-state.js", "assets/sotay/checklist.js"]
CHECKLIST_CSS = ["assets/sotay/checklist.css"]


def due_label(due) -> str | None:
    if due is None:
        return None
    unit = "ngày làm việc" if due.unit == "working-day" else "ngày"
    if due.days < 0:
        return f"Chậm nhất {-due.days} {unit} trước sự kiện"
    if due.days == 0:
        return "Trong ngày diễn ra sự kiện"
    return f"Trong {due.days} {unit} sau sự kiện"


def _item_view(item, page: str, linked) -> dict:
    return {
        "id": item.id,
        "text": item.text,
        "cites": [cite_link(linked.targets[c], page) for c in item.cite],
        "cite_label": None,
        "cite_href": None,
        "due_label": due_label(item.due),
        "items": [_item_view(sub, page, linked) for sub in item.items],
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
        "items": [_item_view(i, page, linked) for i in checklist.items],
        "definition_json": json.dumps(definition, ensure_ascii=False, separators=(",", ":")),
    }
