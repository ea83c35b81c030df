"""Stage "load": data/*.yml → validated knowledge model, or every mistake with file:line.

Each broken case starts from the valid fixture (tests/fixtures/data_valid),
changes one file, and asserts the exact messages a user sees.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import DataError, InputError
from generator.read.loader import load_data, origin_of
from generator.read.yaml_source import format_path
from knowledge_fixtures import DATA_VALID, make_data


@pytest.fixture
def data(tmp_path, monkeypatch):
    """make_data(files) → load errors (list of messages) with paths shown as data/..."""
    monkeypatch.chdir(tmp_path)

    def errors(files: dict) -> list[str]:
        make_data(tmp_path, files)
        with pytest.raises(DataError) as raised:
            load_data(Path("data"))
        assert raised.value.exit_code == 1  # what `sotay check` / `sotay build` exit with
        return raised.value.messages

    return errors


def test_valid_fixture_loads_with_origins(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    make_data(tmp_path)
    knowledge = load_data(Path("data"))
    assert [r.id for r in knowledge.roles] == ["uy-vien-ban-thuong-vu", "pho-bi-thu", "bi-thu"]
    assert [b.id for b in knowledge.bodies] == ["ban-thuong-vu", "thuong-truc", "van-phong-dang-uy"]
    assert [d.id for d in knowledge.duties] == ["lp-uv-btv-1", "lp-pho-bi-thu-1", "lp-bi-thu-1", "lp-bi-thu-2"]
    assert knowledge.checklists[0].items[0].items[0].id == "kiem-tra-tai-lieu"
    assert knowledge.comparisons[0].articles == [(5, 5), (6, 6)]
    assert knowledge.vocab.topics["hoi-nghi"] == "Hội nghị"
    assert [a.date.isoformat() for a in knowledge.calendar] == ["2026-01-02"]
    bi_thu = knowledge.roles[2]
    assert origin_of(bi_thu).where("inherits", 0) == "data/roles.yml:13"
    assert format_path(origin_of(bi_thu).path + ("inherits", 0)) == "roles[2].inherits[0]"
    duty = knowledge.duties[3]
    assert duty.cite[0].point == "b" and duty.with_ == []
    assert origin_of(duty).where("cite", 0) == "data/duties/qc-lam-viec-lung-phinh.yml:29"


def test_the_repository_data_loads():
    load_data(Path(__file__).resolve().parent.parent / "data")


def test_missing_data_dir_is_an_input_error(tmp_path):
    with pytest.raises(InputError) as raised:
        load_data(tmp_path / "nope")
    assert raised.value.exit_code == 2


CASES = {
    "yaml-syntax": (
        {"roles.yml": """
            roles:
              - id: bi-thu
                name: Bí thư
               member_of: [thuong-truc]
            """},
        ["data/roles.yml:4: YAML syntax error: while parsing a block collection expected <block end>, but found "
         "'<block mapping start>' — check the indentation, colons and quotes on this line or the one above"],
    ),
    "multiple-documents": (
        {"vocab.yml": "topics: {}\n---\nactions: {}\n"},
        ["data/vocab.yml:2: YAML syntax error: expected a single document in the stream but found another document"
         " — keep one document per file (remove the second `---`)"],
    ),
    "wrong-top-level-key": (
        {"roles.yml": """
            role:
              - id: bi-thu
                name: Bí thư
            """},
        ["data/roles.yml:1: missing top-level key 'roles' — the file must contain `roles:` (see data/README.md)",
         "data/roles.yml:1: role: unknown key 'role' — did you mean 'roles'?"],
    ),
    "wrong-types": (
        {"bodies.yml": """
            bodies:
              - id: ban-thuong-vu
                name: 3
                kind: cap-uy
                members: bi-thu
            """},
        ["data/bodies.yml:3: bodies[0].name: expected text, got the number 3 — write the text (quote it if it looks"
         " like a number or yes/no)",
         "data/bodies.yml:5: bodies[0].members: expected a list, got 'bi-thu' — write [a, b] or one `- item` per line"],
    ),
    "missing-required-key": (
        {"relations/qc-lam-viec-lung-phinh.yml": """
            relations:
              - id: lp-van-phong-bao-cao
                type: bao-cao
                from: van-phong-dang-uy
                summary: Văn phòng báo cáo.
                cite: {document: qc-lam-viec-lung-phinh, article: 7}
            """},
        ["data/relations/qc-lam-viec-lung-phinh.yml:2: relations[0]: missing required key 'to' — add `to: ...`"
         " (see data/README.md)"],
    ),
    "unknown-keys": (
        {"roles.yml": """
            roles:
              - id: bi-thu
                name: Bí thư Đảng ủy
                inherit: [pho-bi-thu]
                membr_of: [thuong-truc]
                colour: red
            """},
        ["data/roles.yml:4: roles[0].inherit: unknown key 'inherit' — did you mean 'inherits'?",
         "data/roles.yml:5: roles[0].membr_of: unknown key 'membr_of' — did you mean 'member_of'?",
         "data/roles.yml:6: roles[0].colour: unknown key 'colour' — allowed keys: id, name, short, aliases,"
         " inherits, member_of, description, cite"],
    ),
    "duplicate-id-across-files": (
        {"duties/qc-phoi-hop-dang-uy-khoi.yml": """
            duties:
              - id: lp-bi-thu-1
                holder: bi-thu
                summary: Trùng id.
                cite: {document: qc-lam-viec-lung-phinh, article: 6}
            """},
        ["data/duties/qc-phoi-hop-dang-uy-khoi.yml:2: duties[0].id: duplicate duty id 'lp-bi-thu-1' — already used"
         " at data/duties/qc-lam-viec-lung-phinh.yml:15 (duties[2]); rename one of them"],
    ),
    "role-and-body-share-ids": (
        {"roles.yml": """
            roles:
              - id: thuong-truc
                name: Thường trực
            """},
        ["data/roles.yml:2: roles[0].id: duplicate role or body id 'thuong-truc' — already used at"
         " data/bodies.yml:8 (bodies[1]); rename one of them"],
    ),
    "duplicate-yaml-key": (
        {"bodies.yml": """
            bodies:
              - id: van-phong-dang-uy
                name: Văn phòng Đảng ủy
                kind: co-quan-tham-muu
                name: Văn phòng
            """},
        ["data/bodies.yml:5: bodies[0].name: duplicate key 'name' (first written on line 3) — YAML would silently"
         " keep only the last one; remove or merge one of them"],
    ),
    "clause-written-as-number": (
        {"rules/qc-lam-viec-lung-phinh.yml": """
            rules:
              - id: gui-tai-lieu-truoc-hop
                kind: days-before
                title: Gửi tài liệu trước hội nghị
                cite: {document: qc-lam-viec-lung-phinh, article: 6, clause: 3.1}
                params: {days: 3}
            """},
        ['data/rules/qc-lam-viec-lung-phinh.yml:5: rules[0].cite.clause: clause must be quoted text, got the'
         ' number 3.1 — write clause: "3.1"'],
    ),
    "id-not-a-slug": (
        {"roles.yml": """
            roles:
              - id: Phó Bí thư
                name: Phó Bí thư
            """},
        ["data/roles.yml:2: roles[0].id: 'Phó Bí thư' is not a valid id — write 'pho-bi-thu' (ids are lowercase"
         " ASCII letters, digits and single hyphens)"],
    ),
    "value-not-in-choices": (
        {"bodies.yml": """
            bodies:
              - id: thuong-truc
                name: Thường trực
                kind: cap-uy-xa
            """},
        ["data/bodies.yml:4: bodies[0].kind: 'cap-uy-xa' is not allowed here — did you mean 'cap-uy'?"],
    ),
    "empty-file": (
        {"rules/qc-lam-viec-lung-phinh.yml": "", "checklists/chuan-bi-hoi-nghi-btv.yml": None},
        ["data/rules/qc-lam-viec-lung-phinh.yml:1: expected a mapping with the top-level key(s) rules: found"
         " nothing (the file is empty) — see data/README.md"],
    ),
    "not-utf8": (
        {"relations/qc-lam-viec-lung-phinh.yml": "relations:\n  - id: x\n    summary: Văn\n".encode("cp1258")},
        ["data/relations/qc-lam-viec-lung-phinh.yml:3: file is not UTF-8 text (byte 0xe3) — save it as UTF-8"],
    ),
    "alias-bomb": (
        {"comparisons.yml": "a: &a [x, x, x, x, x, x, x, x, x]\n"
         + "".join(f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi"))},
        ["data/comparisons.yml:7: more than 50 YAML aliases (*name) — data files do not need this; write the"
         " values out plainly"],
    ),
    "aliases-expanding-too-far": (
        {"comparisons.yml": "a: &a [" + "1, " * 5000 + "]\nb: [" + "*a, " * 30 + "]\n"},
        ["data/comparisons.yml:1: the file expands to more than 100,000 values (YAML aliases?) — write the values"
         " out plainly"],
    ),
    "recursive-alias": (
        {"comparisons.yml": "comparisons: &a [*a]\n"},
        ["data/comparisons.yml:1: the file expands to nesting deeper than 32 levels (YAML aliases?) — write the"
         " values out plainly"],
    ),
    "deep-nesting": (
        {"comparisons.yml": "comparisons: " + "[" * 5000 + "]" * 5000 + "\n"},
        ["data/comparisons.yml:1: nesting deeper than 32 levels — data files do not need this; write the values"
         " out plainly"],
    ),
    "file-too-large": (
        {"comparisons.yml": "# " + "x" * 1_000_000 + "\n"},
        ["data/comparisons.yml:1: file is 1,000,003 bytes, over the 1,000,000-byte limit for a data file — split"
         " it into smaller files"],
    ),
    "duplicate-checklist-item-id": (
        {"checklists/chuan-bi-hoi-nghi-btv.yml": """
            checklist:
              id: chuan-bi-hoi-nghi-btv
              title: Chuẩn bị hội nghị
              items:
                - id: gui-tai-lieu
                  text: Gửi tài liệu
                  items:
                    - id: gui-tai-lieu
                      text: Gửi lại
            """},
        ["data/checklists/chuan-bi-hoi-nghi-btv.yml:8: checklist.items[0].items[0].id: duplicate item id"
         " 'gui-tai-lieu' — already used at data/checklists/chuan-bi-hoi-nghi-btv.yml:5 (checklist.items[0]);"
         " ticks are stored by id, so each item needs its own"],
    ),
    "due-unit-typo": (
        {"checklists/chuan-bi-hoi-nghi-btv.yml": """
            checklist:
              id: chuan-bi-hoi-nghi-btv
              title: Chuẩn bị hội nghị
              items:
                - id: gui-tai-lieu
                  text: Gửi tài liệu
                  due: {days: -3, unit: days}
            """},
        ["data/checklists/chuan-bi-hoi-nghi-btv.yml:7: checklist.items[0].due.unit: 'days' is not allowed here"
         " — did you mean 'day'?"],
    ),
    "rule-params-for-kind": (
        {"rules/qc-lam-viec-lung-phinh.yml": """
            rules:
              - id: gui-tai-lieu-truoc-hop
                kind: days-before
                title: Gửi tài liệu trước hội nghị
                params: {days: 3, unit: days, wat: gửi tài liệu}
                cite: {document: qc-lam-viec-lung-phinh, article: 6}
              - id: ty-le-du-hop
                kind: quorum
                title: Số thành viên dự họp
                params: {}
                cite: {document: qc-lam-viec-lung-phinh, article: 6}
            """},
        ["data/rules/qc-lam-viec-lung-phinh.yml:5: rules[0].params.unit: 'days' is not allowed here — did you mean"
         " 'day'?",
         "data/rules/qc-lam-viec-lung-phinh.yml:5: rules[0].params.wat: unknown key 'wat' — did you mean 'what'?",
         "data/rules/qc-lam-viec-lung-phinh.yml:10: rules[1].params: missing required key 'fraction' — add"
         " `fraction: ...` (see data/README.md)"],
    ),
    "rule-kind-picks-the-params": (
        {"rules/qc-lam-viec-lung-phinh.yml": """
            rules:
              - id: gui-tai-lieu-truoc-hop
                kind: quorom
                title: Gửi tài liệu trước hội nghị
                params: {days: 3}
                cite: {document: qc-lam-viec-lung-phinh, article: 6}
              - id: hop-hang-nam
                title: Họp hằng năm
                params: {freq: yearly}
                cite: {document: qc-lam-viec-lung-phinh, article: 6}
              - id: bieu-quyet
                kind: majority
                title: Biểu quyết
                params: {fraction: "1/2", off_: members}
                cite: {document: qc-lam-viec-lung-phinh, article: 6}
            """},
        ["data/rules/qc-lam-viec-lung-phinh.yml:3: rules[0].kind: 'quorom' is not allowed here — did you mean"
         " 'quorum'?",
         "data/rules/qc-lam-viec-lung-phinh.yml:7: rules[1]: missing required key 'kind' — add `kind: ...` (see"
         " data/README.md)",
         "data/rules/qc-lam-viec-lung-phinh.yml:14: rules[2].params.off_: unknown key 'off_' — did you mean 'of'?"],
    ),
    "rule-blanks": (
        {"rules/qc-lam-viec-lung-phinh.yml": """
            rules:
              - id: gui-tai-lieu-truoc-hop
                kind: days-before
                title: Gửi tài liệu trước hội nghị
                params: {days: null}
                cite: {document: qc-lam-viec-lung-phinh, article: 6}
              - id: hop-hang-nam
                kind: recurring
                title: Họp hằng năm
                params: {freq: yearly}
                blanks: [anchor]
                cite: {document: qc-lam-viec-lung-phinh, article: 6}
            """},
        ["data/rules/qc-lam-viec-lung-phinh.yml:5: rules[0].params.days: 'days' is null — if the regulation leaves"
         " it blank, add it to `blanks: [days]`; otherwise write the value",
         "data/rules/qc-lam-viec-lung-phinh.yml:11: rules[1].blanks[0]: 'anchor' is listed as blank but"
         " params.anchor is not null — write `anchor: null` or remove it from blanks"],
    ),
    "missing-required-file": (
        {"roles.yml": None},
        ["data/roles.yml:1: required data file is missing — create it (it starts with `roles:`)"],
    ),
    "yaml-extension": (
        {"duties/extra.yaml": "duties: []\n"},
        ["data/duties/extra.yaml:1: data files end in .yml — rename it to extra.yml"],
    ),
    "calendar-errors-join-the-report": (
        {"calendar/2026.yml": """
            adjustments:
              - date: 2026-01-03
                kind: day-off
                reason: Thứ Bảy
                decision: Không
            """},
        ["data/calendar/2026.yml:2: adjustments[0]: 2026-01-03 is already a weekend day; `day-off` is for a weekday"],
    ),
}


def tools_yml(*changes: str) -> dict[str, str]:
    """The valid fixture's data/tools.yml with each `old` replaced by `new` (exactly once)."""
    text = (DATA_VALID / "tools.yml").read_text(encoding="utf-8")
    for old, new in zip(changes[::2], changes[1::2]):
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return {"tools.yml": text}


CASES |= {
    "tools-shapes": (
        tools_yml("    chip: Có phải báo cáo không\n", "    chips: Có phải báo cáo không\n",
                  "    weekly:\n      id: dinh-ky-hang-tuan\n      title: Giao ban hằng tuần\n"
                  "      note: Ngày họp giao ban trong các tuần tới, tránh ngày nghỉ lễ, Tết\n", "",
                  "      note: Năm cuối nhiệm kỳ {term}\n", "      note: Năm cuối nhiệm kỳ {term}\n"
                  "absence_cases:\n  vang-mat:\n    - {value: a, label: A, yes_answer: 'Có ({xa})', no_answer: Không}\n"
                  "    - {value: b, label: B, always: true, yes_answer: Có, no_answer: Không}\n"
                  "    - {value: c, label: C, yes_answer: Có}\n"),
        ["data/tools.yml:39: tools.absence: missing required key 'chip' — add `chip: ...` (see data/README.md)",
         "data/tools.yml:48: tools.absence.chips: unknown key 'chips' — did you mean 'chip'?",
         "data/tools.yml:59: recurring.pages: no page for weekly — add `weekly:` with its id, title and note (every"
         " date pattern a recurring rule can have needs its page)",
         "data/tools.yml:109: absence_cases.vang-mat[0].yes_answer: '{xa}' is not a placeholder here — the ones"
         " replaced are: {doc}; write the text itself",
         "data/tools.yml:110: absence_cases.vang-mat[1]: case 'b' is always reported: remove `no_answer` (it is"
         " never shown)",
         "data/tools.yml:111: absence_cases.vang-mat[2]: case 'c' has a threshold: add `no_answer` (what to say"
         " below it) or write `always: true`"],
    ),
    "tools-ids": (
        tools_yml("      id: dinh-ky-hang-tuan\n", "      id: vang-mat\n",
                  "      id: dinh-ky-thang-12\n", "      id: lich-nghia-vu\n",
                  "      note: Năm cuối nhiệm kỳ {term}\n", "      note: Năm cuối nhiệm kỳ {term}\n"
                  "absence_cases:\n  vang-mat:\n    - {value: a, label: A, always: true, yes_answer: Có}\n"
                  "    - {value: a, label: B, always: true, yes_answer: Có}\n"),
        ["data/tools.yml:61: recurring.pages.weekly.id: page id 'vang-mat' is already used at data/tools.yml:40"
         " (tools.absence.id) — each tool page needs its own id",
         "data/tools.yml:104: recurring.pages.yearly-month.id: page id 'lich-nghia-vu' is taken by the handbook"
         " (cong-cu/lich-nghia-vu.html) — choose another",
         "data/tools.yml:114: absence_cases.vang-mat[1].value: case 'a' is already listed for this rule"
         " (absence_cases.vang-mat[0]) — each case needs its own value"],
    ),
    "tools-required-with-rules": (
        {"tools.yml": None},
        ["data/tools.yml:1: required data file is missing — create it (it starts with `tools:`)"],
    ),
}


def test_tools_file_is_optional_without_rules(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    make_data(tmp_path, {"tools.yml": None, "rules/qc-lam-viec-lung-phinh.yml": "rules: []\n"})
    assert load_data(Path("data")).tools is None


@pytest.mark.parametrize("case", CASES)
def test_broken_data_is_reported_exactly(data, case):
    files, expected = CASES[case]
    assert data(files) == expected


def test_all_mistakes_in_all_files_are_reported_in_one_run(data):
    files = {}
    expected = []
    for case in ("unknown-keys", "duplicate-yaml-key", "clause-written-as-number", "not-utf8", "yaml-extension"):
        files |= CASES[case][0]
        expected += CASES[case][1]
    assert sorted(data(files)) == sorted(expected)


def test_valid_fixture_is_unchanged_by_tests():
    assert (DATA_VALID / "roles.yml").read_text(encoding="utf-8").startswith("roles:")
