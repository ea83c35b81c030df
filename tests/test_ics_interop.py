"""overrides/assets/sotay/ics.js output parses with the `icalendar` package."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import pytest

icalendar = pytest.importorskip("icalendar")

ICS_JS = Path(__file__).resolve().parent.parent / "overrides" / "assets" / "sotay" / "ics.js"
NODE = shutil.which("node")

OBLIGATIONS = [
    {
        "uid": "giua-quy-iv-2026@sotay",
        "date": "2026-11-16",
        "summary": "Đăng ký nội dung giữa Quý IV; hạn 15/11, chuyển sang thứ Hai",
        "description": "Căn cứ: Quy chế làm việc, Điều 11, khoản 2.\nBỏ qua 15/11/2026 (Chủ nhật): nghỉ hằng tuần. " * 3,
        "url": "https://example.org/van-ban/qc.html#dieu-11-khoan-2",
    },
    {"uid": "thang-12@sotay", "date": "2026-12-01", "until": "2026-12-31", "summary": "Tổng kết năm, trong tháng 12"},
]


@pytest.mark.skipif(NODE is None, reason="node is not installed")
def test_icalendar_reads_back_what_ics_js_writes():
    script = (
        f"const I = require({json.dumps(str(ICS_JS))});"
        f"process.stdout.write(I.build({json.dumps(OBLIGATIONS)}, {{dtstamp: '2026-11-23T10:00:00Z', name: 'Lịch'}}).value);"
    )
    text = subprocess.run([NODE, "-e", script], check=True, capture_output=True).stdout
    cal = icalendar.Calendar.from_ical(text)
    events = list(cal.walk("VEVENT"))
    assert [str(e["UID"]) for e in events] == ["giua-quy-iv-2026@sotay", "thang-12@sotay"]
    first, second = events
    assert first.decoded("DTSTART") == dt.date(2026, 11, 16)
    assert first.decoded("DTEND") == dt.date(2026, 11, 17)
    assert str(first["SUMMARY"]) == OBLIGATIONS[0]["summary"]
    assert str(first["DESCRIPTION"]) == OBLIGATIONS[0]["description"]
    assert first.decoded("DTSTAMP") == dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.timezone.utc)
    assert second.decoded("DTEND") == dt.date(2027, 1, 1)
