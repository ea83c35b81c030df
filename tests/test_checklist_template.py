"""generator/templates/checklist.html: escaping, the JSON island, one checkbox + label per item."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import jinja2

ROOT = Path(__file__).resolve().parents[1]
NASTY = "Gửi </script><script>alert(1)</script> & 'x' <!-- \u2028"


def render(view: dict, strict: bool = True) -> str:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(ROOT / "generator" / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined if strict else jinja2.Undefined,
    )
    return env.get_template("checklist.html").render(checklist=view)


def item(item_id: str, text: str = "Việc", items: list | None = None, due_label: str | None = None) -> dict:
    return {"id": item_id, "text": text, "cite_label": "Điều 11 khoản 3", "cite_href": "../van-ban/x.html#dieu-11-khoan-3",
            "due_label": due_label, "items": items or []}


def view(**over) -> dict:
    definition = {"id": "ds", "title": NASTY, "items": [{"id": "a", "text": NASTY, "due": None, "items": []}]}
    base = {
        "id": "ds", "title": NASTY, "trigger": NASTY, "event_label": "Ngày họp",
        "users": [{"name": "Văn phòng Đảng ủy", "href": "../co-quan/van-phong-dang-uy.html"}],
        "items": [item("a", NASTY, [item("a-1", "Con")]), item("b", "Hai", due_label="Trước họp ít nhất 2 ngày")],
        "definition_json": json.dumps(definition, ensure_ascii=False),
    }
    base.update(over)
    return base


def island(out: str) -> str:
    m = re.search(r'<script type="application/json" id="sotay-checklist">(.*?)</script>', out, re.S)
    assert m, "JSON island missing"
    return m.group(1)


def test_island_round_trips_and_cannot_close_the_script():
    v = view()
    out = render(v)
    raw = island(out)
    assert "<" not in raw and ">" not in raw and "&" not in raw and "'" not in raw
    assert json.loads(raw) == json.loads(v["definition_json"])
    assert out.count("<script") == 1  # only the island: the nasty text never opens a script


def test_text_is_escaped_everywhere():
    out = render(view())
    assert "<script>alert(1)" not in out
    assert html.escape(NASTY.split("<")[0]) in out


def test_one_checkbox_and_label_per_item_including_sub_items():
    out = render(view())
    for item_id in ("a", "a-1", "b"):
        assert f'<input type="checkbox" class="sotay-checklist__box" id="cl-ds-{item_id}" data-item-id="{item_id}">' in out
        assert f'for="cl-ds-{item_id}" data-item-id="{item_id}"' in out
    assert out.count('data-role="due-date"') == 1
    assert 'data-checklist="ds"' in out


def test_optional_fields_may_be_empty():
    out = render(view(trigger=None, users=[], event_label=None))
    assert "Khi nào dùng" not in out and "Ai dùng" not in out
    assert "Ngày diễn ra" in out  # default label of the date input


def test_several_cites_per_item():
    several = item("c", "Ba")
    several["cites"] = [{"label": "Quy chế mẫu, Điều 16 khoản 3", "href": "../van-ban/m.html#dieu-16-khoan-3"},
                        {"label": "Điều 9 khoản 3", "href": "../van-ban/l.html#dieu-9-khoan-3"}]
    out = render(view(items=[several]))
    assert out.count('class="sotay-checklist__cite"') == 2
    assert 'href="../van-ban/m.html#dieu-16-khoan-3"' in out
