"""Working-day calendar: Vietnamese public holidays + official per-year swaps.

Two sources, merged in this order (later wins):

1. The `holidays` package (country "VN"): the statutory holidays of Bộ luật
   Lao động 2019 Điều 112 — Tết Dương lịch, the five lunar Tết days (with its
   own rule for which side of the weekend they fall), Giỗ Tổ Hùng Vương,
   30/4, 1/5, Quốc khánh (2/9 + one adjacent day since 2021), Ngày Văn hóa
   Việt Nam 24/11 (from 2026) — their "nghỉ bù" days, and the few Government
   swaps the package knows (`weekend_workdays` = Saturdays worked).
2. `data/calendar/<year>.yml`: the reviewed list of official adjustments for
   civil servants (extra days off, Saturdays worked), each citing the notice.

The output is only the exceptions to the Monday–Friday rule, so that it stays
small enough to embed in every calculator page as a JSON island:

    {"years": [2020, 2035], "announced": [2024, 2025, 2026],
     "days": {"2026-02-16": {"off": true, "reason": "Giao thừa Tết Nguyên đán"},
              "2025-04-26": {"off": false, "reason": "Làm bù ...", "decision": "..."}}}

An entry may also carry `"verified": false` (copied from the YAML) when the
date has not been checked against the official notice. Such an entry has no
`decision`: the YAML's `decision` is then the maintainer's note of where the
date came from (a package, a web page), not a text readers can rely on; pages
show one plain caveat instead (workdays.js). `--report` still lists it.

Run `python -m generator.read.calendar_data --json` to print it, `--report` to list every
day with its source (for reviewing a new year's announcement).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import sys
from dataclasses import dataclass
from pathlib import Path

import holidays
import yaml

from generator.errors import DataError
from generator.read.yaml_source import FileProblem, read_yaml_nodes

log = logging.getLogger(__name__)

DEFAULT_YEARS = range(2020, 2036)
KINDS = ("day-off", "working-day")
ENTRY_KEYS = {"date", "kind", "reason", "decision", "verified", "note"}
REQUIRED_KEYS = ("date", "kind", "reason", "decision")


@dataclass(frozen=True)
class Adjustment:
    """One official change to the Mon–Fri rule, as written in a YAML file."""

    date: dt.date
    kind: str  # "day-off" | "working-day"
    reason: str
    decision: str
    verified: bool
    where: str  # "data/calendar/2025.yml:7"


@dataclass(frozen=True)
class Day:
    """An exception to the Mon–Fri rule in the merged calendar."""

    off: bool
    reason: str
    source: str  # "holidays" or "file:line"
    decision: str | None = None
    verified: bool = True


# --------------------------------------------------------------------------
# Stage 1: load and validate the YAML files (all errors reported at once)


def load_adjustments(calendar_dir: Path) -> list[Adjustment]:
    """Read every `<year>.yml` in `calendar_dir`; raise DataError listing all mistakes."""
    errors: list[str] = []
    found: list[Adjustment] = []
    for path in sorted(calendar_dir.glob("*.yml")):
        found.extend(_load_file(path, errors))
    seen: dict[dt.date, str] = {}
    for adj in found:
        if adj.date in seen:
            errors.append(
                f"{adj.where}: date {adj.date.isoformat()} is already listed at {seen[adj.date]}"
                " — keep one entry per date"
            )
        seen.setdefault(adj.date, adj.where)
    if errors:
        raise DataError(errors)
    return found


def _load_file(path: Path, errors: list[str]) -> list[Adjustment]:
    name = _display(path)
    if not path.stem.isdigit() or len(path.stem) != 4:
        errors.append(f"{name}:1: file name must be the year, e.g. 2026.yml")
        return []
    year = int(path.stem)
    try:  # the loader of every YAML file: size, UTF-8, alias and nesting limits, duplicate keys
        root, problems = read_yaml_nodes(path, name)
    except FileProblem as problem:
        errors.append(str(problem))
        return []
    if problems:
        errors.extend(problems)
        return []
    if root is None:
        return []
    if not isinstance(root, yaml.MappingNode):
        errors.append(f"{name}:{_line(root)}: expected a mapping with key `adjustments`")
        return []
    top = {k.value: v for k, v in root.value}
    for key_node, _ in root.value:
        if key_node.value != "adjustments":
            errors.append(f"{name}:{_line(key_node)}: unknown key `{key_node.value}` — only `adjustments` is allowed")
    items = top.get("adjustments")
    if items is None:
        errors.append(f"{name}:1: missing key `adjustments` (a list, may be empty: `adjustments: []`)")
        return []
    if not isinstance(items, yaml.SequenceNode):
        errors.append(f"{name}:{_line(items)}: `adjustments` must be a list")
        return []
    result = []
    for i, node in enumerate(items.value):
        adj = _parse_entry(node, f"adjustments[{i}]", name, year, errors)
        if adj is not None:
            result.append(adj)
    return result


def _parse_entry(node, ypath: str, name: str, year: int, errors: list[str]) -> Adjustment | None:
    where = f"{name}:{_line(node)}"
    if not isinstance(node, yaml.MappingNode):
        errors.append(f"{where}: {ypath} must be a mapping with keys {', '.join(REQUIRED_KEYS)}")
        return None
    fields = {k.value: v for k, v in node.value}
    ok = True
    for key_node, _ in node.value:
        if key_node.value not in ENTRY_KEYS:
            errors.append(
                f"{name}:{_line(key_node)}: {ypath}.{key_node.value}: unknown key"
                f" — allowed: {', '.join(sorted(ENTRY_KEYS))}"
            )
            ok = False
    for key in REQUIRED_KEYS:
        if key not in fields:
            errors.append(f"{where}: {ypath}: missing `{key}`")
            ok = False
        elif not isinstance(fields[key], yaml.ScalarNode) or not str(fields[key].value).strip():
            errors.append(f"{name}:{_line(fields[key])}: {ypath}.{key} must be non-empty text")
            ok = False
    if not ok:
        return None
    date_node, kind_node = fields["date"], fields["kind"]
    try:
        day = dt.date.fromisoformat(date_node.value)
    except ValueError:
        errors.append(
            f"{name}:{_line(date_node)}: {ypath}.date: `{date_node.value}` is not a valid date"
            " — write YYYY-MM-DD, e.g. 2026-02-16"
        )
        return None
    if day.year != year:
        errors.append(f"{name}:{_line(date_node)}: {ypath}.date: {day} is not in {year} — move it to {day.year}.yml")
        return None
    if kind_node.value not in KINDS:
        errors.append(
            f"{name}:{_line(kind_node)}: {ypath}.kind: unknown kind `{kind_node.value}` — use one of: {', '.join(KINDS)}"
        )
        return None
    weekend = day.weekday() >= 5
    if kind_node.value == "working-day" and not weekend:
        errors.append(
            f"{name}:{_line(date_node)}: {ypath}: {day} is a weekday; `working-day` is for a Saturday/Sunday"
            " that must be worked (to cancel a holiday, remove it instead)"
        )
        return None
    if kind_node.value == "day-off" and weekend:
        errors.append(f"{name}:{_line(date_node)}: {ypath}: {day} is already a weekend day; `day-off` is for a weekday")
        return None
    verified = True
    if "verified" in fields:
        vnode = fields["verified"]
        if vnode.tag != "tag:yaml.org,2002:bool":
            errors.append(f"{name}:{_line(vnode)}: {ypath}.verified must be true or false")
            return None
        verified = vnode.value.lower() in ("true", "yes", "on")
    return Adjustment(
        date=day,
        kind=kind_node.value,
        reason=fields["reason"].value.strip(),
        decision=fields["decision"].value.strip(),
        verified=verified,
        where=where,
    )


def _line(node) -> int:
    return node.start_mark.line + 1


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


# --------------------------------------------------------------------------
# Stage 2: statutory holidays from the `holidays` package


def statutory_days(years: range) -> dict[dt.date, Day]:
    """Weekday holidays and worked weekend days known to the `holidays` package."""
    vn = holidays.country_holidays("VN", years=list(years), language="vi")
    days: dict[dt.date, Day] = {}
    for day, name in sorted(vn.items()):
        if day.weekday() < 5:
            days[day] = Day(off=True, reason=_tidy(name), source="holidays")
    for day in sorted(getattr(vn, "weekend_workdays", ())):
        if day.year in years:
            days[day] = Day(off=False, reason="Làm bù (hoán đổi ngày làm việc)", source="holidays")
    return days


def _tidy(name: str) -> str:
    # The package writes "Tết Nguyên Đán"; Vietnamese orthography is "Tết Nguyên đán".
    # It may join several names on one date with "; ".
    name = name.replace("Nguyên Đán", "Nguyên đán")
    return "29 Tết (Tết Nguyên đán)" if name == "29 Tết" else name


# --------------------------------------------------------------------------
# Stage 3: merge and serialise


def merge(statutory: dict[dt.date, Day], adjustments: list[Adjustment], years: range) -> dict[dt.date, Day]:
    """Apply the YAML adjustments on top of the package's days (YAML wins)."""
    days = dict(statutory)
    for adj in adjustments:
        if adj.date.year not in years:
            log.warning("%s: %s is outside the calendar years %s–%s, ignored", adj.where, adj.date, years[0], years[-1])
            continue
        days[adj.date] = Day(
            off=adj.kind == "day-off",
            reason=adj.reason,
            source=adj.where,
            decision=adj.decision,
            verified=adj.verified,
        )
    return dict(sorted(days.items()))


def to_json_data(days: dict[dt.date, Day], years: range, announced: list[int] | None = None) -> dict:
    """The compact structure embedded in pages (see the module docstring).

    `announced` lists the years that have a reviewed `<year>.yml`; later years
    hold statutory holidays only (the client warns about them).
    """
    out: dict[str, dict] = {}
    for day, info in days.items():
        entry: dict = {"off": info.off, "reason": info.reason}
        if not info.verified:
            entry["verified"] = False  # the YAML's decision is a source note: never shown to readers
        elif info.decision:
            entry["decision"] = info.decision
        out[day.isoformat()] = entry
    return {"years": [years[0], years[-1]], "announced": sorted(announced or []), "days": out}


def build_calendar(data_dir: Path, years: range = DEFAULT_YEARS) -> dict:
    """Calendar JSON data for `years` from the package + `data_dir/calendar/*.yml`.

    `data_dir` is the handbook's `data/` folder. Raises DataError (every
    mistake, as `file:line: message`) when a YAML file is invalid.
    """
    calendar_dir = Path(data_dir) / "calendar"
    adjustments = load_adjustments(calendar_dir) if calendar_dir.is_dir() else []
    return calendar_from(adjustments, calendar_dir, years)


def calendar_from(adjustments: list[Adjustment], calendar_dir: Path, years: range = DEFAULT_YEARS) -> dict:
    """Calendar JSON data for `years` from the package + adjustments already loaded from
    `calendar_dir` (the loader's `Knowledge.calendar`: the files are not read again)."""
    calendar_dir = Path(calendar_dir)
    announced = sorted({a.date.year for a in adjustments} | _year_files(calendar_dir)) if calendar_dir.is_dir() else []
    announced = [y for y in announced if y in years]
    return to_json_data(merge(statutory_days(years), adjustments, years), years, announced)


def _year_files(calendar_dir: Path) -> set[int]:
    return {int(p.stem) for p in calendar_dir.glob("*.yml") if p.stem.isdigit()}


def dumps(data: dict) -> str:
    """Compact, stable JSON text (sorted dates, no spaces, real UTF-8)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)


def report(data_dir: Path, years: range) -> str:
    """Human-readable listing with the source of each day (for reviewers)."""
    calendar_dir = Path(data_dir) / "calendar"
    adjustments = load_adjustments(calendar_dir) if calendar_dir.is_dir() else []
    weekday = ["T2", "T3", "T4", "T5", "T6", "T7", "CN"]
    lines = []
    for day, info in merge(statutory_days(years), adjustments, years).items():
        flag = "" if info.verified else f"  [chưa đối chiếu: {info.decision}]"
        lines.append(
            f"{day.isoformat()} {weekday[day.weekday()]} {'NGHỈ ' if info.off else 'LÀM  '}"
            f"{info.reason}  ← {info.source}{flag}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator.read.calendar_data", description=__doc__.split("\n")[0])
    parser.add_argument("--data-dir", type=Path, default=Path(__file__).resolve().parents[2] / "data")
    parser.add_argument("--from-year", type=int, default=DEFAULT_YEARS[0])
    parser.add_argument("--to-year", type=int, default=DEFAULT_YEARS[-1])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--json", action="store_true", help="print the calendar JSON (default)")
    mode.add_argument("--report", action="store_true", help="list every exception day with its source")
    args = parser.parse_args(argv)
    years = range(args.from_year, args.to_year + 1)
    try:
        text = report(args.data_dir, years) if args.report else dumps(build_calendar(args.data_dir, years))
    except DataError as exc:
        print(exc.message, file=sys.stderr)
        return exc.exit_code
    sys.stdout.write(text + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
