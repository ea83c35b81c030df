"""generator/read/calendar_data.py: statutory holidays + data/calendar/*.yml → calendar JSON."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from generator.read.calendar_data import build_calendar, dumps, main
from generator.errors import DataError

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
FIXTURE = ROOT / "tests" / "js" / "fixtures" / "calendar.json"


@pytest.fixture(scope="module")
def cal() -> dict:
    return build_calendar(DATA)


def write(tmp_path: Path, name: str, text: str) -> Path:
    folder = tmp_path / "calendar"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


def errors_for(tmp_path: Path) -> list[str]:
    with pytest.raises(DataError) as info:
        build_calendar(tmp_path, years=range(2024, 2027))
    return info.value.messages


@pytest.mark.parametrize(
    "day, reason",
    [
        ("2024-01-01", "Tết Dương lịch"),
        ("2024-02-08", "Tết Nguyên đán"),  # 29 Tết: Tết Giáp Thìn 08–14/02/2024
        ("2024-02-14", "Tết Nguyên đán"),
        ("2024-09-03", "Quốc khánh"),
        ("2025-01-27", "Tết Nguyên đán"),  # Tết Ất Tỵ 25/01–02/02/2025
        ("2025-01-31", "Tết Nguyên đán"),
        ("2025-04-07", "Giỗ Tổ Hùng Vương"),
        ("2025-09-01", "Quốc khánh"),  # 2 days for Quốc khánh since BLLĐ 2019 (2021)
        ("2025-09-02", "Quốc khánh"),
        ("2026-02-16", "Tết Nguyên đán"),  # Tết Bính Ngọ 14–22/02/2026
        ("2026-02-20", "Tết Nguyên đán"),
        ("2026-04-27", "Giỗ Tổ Hùng Vương (nghỉ bù)"),
        ("2026-04-30", "Ngày Chiến thắng"),
        ("2026-05-01", "Quốc tế Lao động"),
    ],
)
def test_known_holidays_are_days_off(cal, day, reason):
    assert cal["days"][day]["off"] is True
    assert reason in cal["days"][day]["reason"]


@pytest.mark.parametrize(
    "day, off, decision_part",
    [
        ("2024-04-29", True, "2450/VPCP-KGVX"),
        ("2024-05-04", False, "2450/VPCP-KGVX"),
        ("2025-05-02", True, "02/5/2025"),
        ("2025-04-26", False, "26/4/2025"),
    ],
)
def test_official_swaps_are_applied_with_their_decision(cal, day, off, decision_part):
    entry = cal["days"][day]
    assert entry["off"] is off
    assert decision_part in entry["decision"]
    assert "verified" not in entry


def test_unverified_entries_are_flagged(cal):
    for day in ("2026-08-22", "2026-08-31", "2026-11-24"):
        assert cal["days"][day]["verified"] is False


def test_readers_never_see_source_notes(cal):
    """`reason` and `decision` are shown in the calculators' steps: an unverified entry's
    decision is the maintainers' note of where the date came from, so it is left out."""
    for day in ("2026-08-22", "2026-08-31", "2026-11-24"):
        assert "decision" not in cal["days"][day]
    for iso, entry in cal["days"].items():
        shown = entry["reason"] + entry.get("decision", "")
        for note in ("holidays", "thuvienphapluat", "đối chiếu", "theo gói"):
            assert note not in shown, (iso, shown)


def test_only_exceptions_to_monday_friday_are_listed(cal):
    import datetime as dt

    for iso, entry in cal["days"].items():
        weekend = dt.date.fromisoformat(iso).weekday() >= 5
        assert entry["off"] is not weekend, iso  # weekday off, or weekend worked
    assert cal["years"] == [2020, 2035]
    assert cal["announced"] == [2024, 2025, 2026]
    assert len(dumps(cal).encode()) < 20_000  # embedded in pages


def test_tet_2026_is_nine_days_without_a_swap(cal):
    import datetime as dt

    start = dt.date(2026, 2, 14)
    for i in range(9):
        day = start + dt.timedelta(days=i)
        assert day.weekday() >= 5 or cal["days"][day.isoformat()]["off"], day
    assert cal["days"].get("2026-02-13") is None and cal["days"].get("2026-02-23") is None
    assert not any(v["off"] is False for k, v in cal["days"].items() if k.startswith("2026-0") and k < "2026-04")


def test_js_fixture_is_current(cal):
    """Regenerate with: .venv/bin/python -m generator.read.calendar_data --json > tests/js/fixtures/calendar.json"""
    assert json.loads(FIXTURE.read_text(encoding="utf-8")) == cal


def test_valid_file_and_empty_file(tmp_path):
    write(tmp_path, "2025.yml", """
        adjustments:
          - date: 2025-04-26
            kind: working-day
            reason: Làm bù
            decision: TB số 1
            verified: false
    """)
    write(tmp_path, "2024.yml", "adjustments: []\n")
    cal = build_calendar(tmp_path, years=range(2024, 2027))
    assert cal["days"]["2025-04-26"] == {"off": False, "reason": "Làm bù", "verified": False}
    assert cal["announced"] == [2024, 2025]


def test_bad_date_and_unknown_kind_name_file_and_line_all_at_once(tmp_path):
    write(tmp_path, "2025.yml", """
        adjustments:
          - date: 2025-02-30
            kind: day-off
            reason: x
            decision: y
          - date: 2025-05-02
            kind: holiday
            reason: x
            decision: y
    """)
    messages = errors_for(tmp_path)
    assert len(messages) == 2, messages
    assert messages[0].split(": ", 1)[0].endswith("calendar/2025.yml:2")
    assert "2025-02-30" in messages[0] and "YYYY-MM-DD" in messages[0]
    assert messages[1].split(": ", 1)[0].endswith("calendar/2025.yml:7")
    assert "unknown kind `holiday`" in messages[1] and "day-off, working-day" in messages[1]


@pytest.mark.parametrize(
    "entry, line, expected",
    [
        ("  - date: 2026-01-10\n    kind: day-off\n    reason: x\n    decision: y\n", 2, "already a weekend day"),
        ("  - date: 2026-01-09\n    kind: working-day\n    reason: x\n    decision: y\n", 2, "is a weekday"),
        ("  - date: 2025-01-09\n    kind: day-off\n    reason: x\n    decision: y\n", 2, "move it to 2025.yml"),
        ("  - date: 2026-01-09\n    kind: day-off\n    reason: x\n", 2, "missing `decision`"),
        ("  - date: 2026-01-09\n    kind: day-off\n    reason: x\n    decision: y\n    why: z\n", 6, "unknown key"),
        ("  - date: 2026-01-09\n    kind: day-off\n    reason: x\n    decision: y\n    verified: maybe\n", 6, "true or false"),
        ("  - date: 2026-01-09\n    kind: day-off\n    reason: ''\n    decision: y\n", 4, "non-empty"),
        ("  - [2026-01-09]\n", 2, "must be a mapping"),
        ("  - date: 2026-01-09\n    kind: day-off\n   reason: x\n", 4, "YAML syntax error"),
    ],
)
def test_each_mistake_is_reported_with_file_line(tmp_path, entry, line, expected):
    write(tmp_path, "2026.yml", "adjustments:\n" + entry)
    messages = errors_for(tmp_path)
    assert len(messages) == 1, messages
    where, text = messages[0].split(": ", 1)
    assert where.endswith(f"calendar/2026.yml:{line}"), messages[0]
    assert expected in text


def test_duplicate_dates_and_bad_file_names(tmp_path):
    one = "  - date: 2026-01-09\n    kind: day-off\n    reason: x\n    decision: y\n"
    write(tmp_path, "2026.yml", "adjustments:\n" + one + one)
    write(tmp_path, "lich.yml", "adjustments: []\n")
    write(tmp_path, "2024.yml", "other: 1\n")
    messages = errors_for(tmp_path)
    assert any("2026.yml:6" in m and "already listed at" in m and "2026.yml:2" in m for m in messages), messages
    assert any("lich.yml:1" in m and "file name must be the year" in m for m in messages)
    assert any("2024.yml:1" in m and "unknown key `other`" in m for m in messages)
    assert any("2024.yml:1" in m and "missing key `adjustments`" in m for m in messages)


def test_cli_prints_json_and_reports_errors(tmp_path, capsys):
    assert main(["--json", "--data-dir", str(DATA), "--from-year", "2026", "--to-year", "2026"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["years"] == [2026, 2026] and "2026-02-17" in out["days"]
    write(tmp_path, "2026.yml", "adjustments:\n  - date: 2026-13-01\n    kind: day-off\n    reason: x\n    decision: y\n")
    assert main(["--data-dir", str(tmp_path)]) == 1
    assert "2026.yml:2" in capsys.readouterr().err
