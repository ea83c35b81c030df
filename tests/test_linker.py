"""Stage "link": references, citations, quotes and inheritance resolved against documents.

Documents are built from generator.model.document (tests/knowledge_fixtures.py); each
broken case edits one data file of the valid fixture and asserts the exact
messages. The valid fixture checks the views the renderer reads.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from generator.errors import DataError
from generator.link.citations import normalize
from generator.link.coverage import CoverageTarget, coverage
from generator.link.linker import link
from generator.read.loader import load_data
from knowledge_fixtures import DATA_VALID, documents, make_data


def edit(name: str, *changes: str) -> dict[str, str]:
    """The valid fixture's file `name` with each `old` replaced by `new` (exactly once): edit(name, old, new, ...)."""
    text = (DATA_VALID / name).read_text(encoding="utf-8")
    for old, new in zip(changes[::2], changes[1::2]):
        assert text.count(old) == 1, f"{old!r} must occur once in {name}"
        text = text.replace(old, new)
    return {name: text}


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    def load(files: dict | None = None):
        make_data(tmp_path, files)
        return load_data(Path("data"))

    return load


@pytest.fixture
def link_errors(project):
    def errors(files: dict) -> list[str]:
        with pytest.raises(DataError) as raised:
            link(project(files), documents())
        assert raised.value.exit_code == 1  # what `sotay check` / `sotay build` exit with
        return raised.value.messages

    return errors


DUTIES = "duties/qc-lam-viec-lung-phinh.yml"
RELATIONS = "relations/qc-lam-viec-lung-phinh.yml"
RULES = "rules/qc-lam-viec-lung-phinh.yml"
CHECKLIST = "checklists/chuan-bi-hoi-nghi-btv.yml"

CASES = {
    "unknown-holder": (
        edit(DUTIES, "with: [van-phong-dang-uy]", "with: [van-phong]"),
        ["data/duties/qc-lam-viec-lung-phinh.yml:23: duties[2].with[0]: 'van-phong' is not a known role or body"
         " — did you mean 'van-phong-dang-uy'?"],
    ),
    "unknown-inherited-role": (
        edit("roles.yml", "inherits: [uy-vien-ban-thuong-vu]", "inherits: [uy-vien-btv]"),
        ["data/roles.yml:8: roles[1].inherits[0]: 'uy-vien-btv' is not a known role or body — use one of the ids"
         " in data/roles.yml or data/bodies.yml"],
    ),
    "member-of-a-role": (
        edit("roles.yml", "member_of: [ban-thuong-vu]", "member_of: [bi-thu]"),
        ["data/roles.yml:4: roles[0].member_of[0]: 'bi-thu' is a role, not a body — use one of the ids in"
         " data/bodies.yml"],
    ),
    "body-members-and-part-of": (
        edit("bodies.yml", "part_of: ban-thuong-vu", "part_of: ban-chap-hanh\n    members: [thuong-truc]"),
        ["data/bodies.yml:11: bodies[1].part_of: 'ban-chap-hanh' is not a known body — use one of the ids in"
         " data/bodies.yml",
         "data/bodies.yml:12: bodies[1].members[0]: 'thuong-truc' is a body, not a role — use one of the ids in"
         " data/roles.yml"],
    ),
    "unknown-relation-ends": (
        edit(RELATIONS, "to: thuong-truc", "to: thuong-truc-dang-uy"),
        ["data/relations/qc-lam-viec-lung-phinh.yml:5: relations[0].to: 'thuong-truc-dang-uy' is not a known role"
         " or body — did you mean 'thuong-truc'?"],
    ),
    "unknown-vocabulary": (
        edit(DUTIES, "topics: [hoi-nghi]\n    action: tham-gia", "topics: [hoi-nghi, hop]\n    action: tham-gia-hop")
        | edit(RELATIONS, "type: bao-cao\n", "type: baocao\n", "topic: che-do-lam-viec", "topic: tai-chinh",
               "cadence: hang-thang", "cadence: hang-tuan"),
        ["data/duties/qc-lam-viec-lung-phinh.yml:7: duties[0].topics[1]: 'hop' is not a known topic — use one of"
         " the topics in data/vocab.yml",
         "data/duties/qc-lam-viec-lung-phinh.yml:8: duties[0].action: 'tham-gia-hop' is not a known action — did"
         " you mean 'tham-gia'?",
         "data/relations/qc-lam-viec-lung-phinh.yml:3: relations[0].type: 'baocao' is not a known relation type —"
         " did you mean 'bao-cao'?",
         "data/relations/qc-lam-viec-lung-phinh.yml:6: relations[0].topic: 'tai-chinh' is not a known topic — use"
         " one of the topics in data/vocab.yml",
         "data/relations/qc-lam-viec-lung-phinh.yml:8: relations[0].cadence: 'hang-tuan' is not a known cadence —"
         " did you mean 'hang-thang'?"],
    ),
    "unknown-document": (
        edit(RULES, "document: qc-lam-viec-lung-phinh", "document: qc-lam-viec-lung-phin"),
        ["data/rules/qc-lam-viec-lung-phinh.yml:8: rules[0].cite: 'qc-lam-viec-lung-phin' is not a known document"
         " — did you mean 'qc-lam-viec-lung-phinh'?"],
    ),
    "unknown-document-no-guess": (
        edit(RELATIONS, "document: qc-lam-viec-lung-phinh", "document: qd-999"),
        ["data/relations/qc-lam-viec-lung-phinh.yml:10: relations[0].cite: 'qd-999' is not a known document —"
         " known documents: qc-lam-viec-lung-phinh, qc-lam-viec-mau-dang-uy-ubnd"],
    ),
    "missing-article": (
        edit("roles.yml", "article: 6}", "article: 16}"),
        ["data/roles.yml:15: roles[2].cite: qc-lam-viec-lung-phinh has no Điều 16 — it has Điều 1, 5, 6, 7"],
    ),
    "missing-clauses": (
        edit(DUTIES, '      - {document: qc-lam-viec-lung-phinh, article: 6, clause: "2", point: b}\n',
             '      - {document: qc-lam-viec-lung-phinh, article: 6, clause: "2", point: b}\n'
             '      - {document: qc-lam-viec-lung-phinh, article: 5, clause: "9"}\n'
             '      - {document: qc-lam-viec-lung-phinh, article: 6, clause: "3.3"}\n'
             '      - {document: qc-lam-viec-lung-phinh, article: 1, clause: "1"}\n'),
        ["data/duties/qc-lam-viec-lung-phinh.yml:30: duties[3].cite[1]: Điều 5 of qc-lam-viec-lung-phinh has no"
         " khoản 9 — it has khoản 1–3",
         "data/duties/qc-lam-viec-lung-phinh.yml:31: duties[3].cite[2]: Điều 6 of qc-lam-viec-lung-phinh has no"
         " khoản 3.3 — it has khoản 1, 2, 3, 3.1, 3.2",
         "data/duties/qc-lam-viec-lung-phinh.yml:32: duties[3].cite[3]: Điều 1 of qc-lam-viec-lung-phinh has no"
         " numbered khoản — cite the article alone (remove clause)"],
    ),
    "missing-point": (
        edit(DUTIES, 'clause: "2", point: b}', 'clause: "2", point: đ}'),
        ["data/duties/qc-lam-viec-lung-phinh.yml:29: duties[3].cite[0]: khoản 2 of Điều 6 (qc-lam-viec-lung-phinh)"
         " has no điểm đ — it has điểm a, b"],
    ),
    "point-without-clause": (
        edit(DUTIES, 'clause: "2", point: b}', 'point: b}'),
        ["data/duties/qc-lam-viec-lung-phinh.yml:29: duties[3].cite[0]: Điều 6 of qc-lam-viec-lung-phinh has no"
         ' điểm b directly under it — add the khoản it belongs to, e.g. clause: "2"'],
    ),
    "occurrence-out-of-range": (
        edit(DUTIES, 'clause: "2", point: b}', 'clause: "2", occurrence: 2, point: b}'),
        ["data/duties/qc-lam-viec-lung-phinh.yml:29: duties[3].cite[0]: Điều 6 of qc-lam-viec-lung-phinh has"
         " khoản 2 only 1 time(s) — use occurrence: 1 to 1"],
    ),
    "point-in-clause-without-points": (
        edit(RELATIONS, 'article: 7, clause: "2"}', 'article: 7, clause: "2", point: a}'),
        ["data/relations/qc-lam-viec-lung-phinh.yml:10: relations[0].cite: khoản 2 of Điều 7"
         " (qc-lam-viec-lung-phinh) has no điểm — cite the khoản alone (remove point)"],
    ),
    "quote-not-in-clause": (
        edit(DUTIES, 'quote: "Tham gia đầy đủ các phiên họp của Ban Thường vụ Đảng ủy"',
             'quote: "Tham gia đầy đủ các cuộc họp của Ban Thường vụ Đảng ủy"'),
        ['data/duties/qc-lam-viec-lung-phinh.yml:5: duties[0].quote: quote not found in Điều 5 khoản 1 of'
         ' qc-lam-viec-lung-phinh — closest passage: "Tham gia đầy đủ các phiên họp của Ban Thường vụ Đảng ủy;";'
         ' copy the words exactly as printed (line breaks and spaces do not matter)'],
    ),
    "quote-from-another-point": (
        edit(DUTIES, 'clause: "2", point: b}', 'clause: "2", point: a}'),
        ['data/duties/qc-lam-viec-lung-phinh.yml:27: duties[3].quote: quote not found in Điều 6 khoản 2 điểm a of'
         ' qc-lam-viec-lung-phinh — closest passage: "Công tác quốc phòng, an ninh;"; copy the words exactly as'
         ' printed (line breaks and spaces do not matter)'],
    ),
    "inheritance-cycle": (
        edit("roles.yml", "    member_of: [ban-thuong-vu]\n", "    member_of: [ban-thuong-vu]\n    inherits: [bi-thu]\n"),
        ["data/roles.yml:5: roles[0].inherits[0]: inheritance cycle uy-vien-ban-thuong-vu → bi-thu → pho-bi-thu →"
         " uy-vien-ban-thuong-vu — remove one of these inherits"],
    ),
    "self-inheritance": (
        edit("roles.yml", "inherits: [pho-bi-thu]", "inherits: [pho-bi-thu, bi-thu]"),
        ["data/roles.yml:13: roles[2].inherits[1]: inheritance cycle bi-thu → bi-thu — remove one of these"
         " inherits"],
    ),
    "checklist-references": (
        edit(CHECKLIST, "users: [van-phong-dang-uy, thuong-truc]", "users: [van-phong, thuong-truc]",
             "rule: gui-tai-lieu-truoc-hop", "rule: gui-tai-lieu-truoc-hoi-nghi", 'clause: "3.1"', 'clause: "4"'),
        ["data/checklists/chuan-bi-hoi-nghi-btv.yml:4: checklist.users[0]: 'van-phong' is not a known role or body"
         " — did you mean 'van-phong-dang-uy'?",
         "data/checklists/chuan-bi-hoi-nghi-btv.yml:11: checklist.items[0].rule: 'gui-tai-lieu-truoc-hoi-nghi' is"
         " not a known rule — did you mean 'gui-tai-lieu-truoc-hop'?",
         "data/checklists/chuan-bi-hoi-nghi-btv.yml:13: checklist.items[0].cite: Điều 6 of qc-lam-viec-lung-phinh"
         " has no khoản 4 — it has khoản 1, 2, 3, 3.1, 3.2"],
    ),
    "rule-applies-to-unknown": (
        edit(RULES, "applies_to: [van-phong-dang-uy]", "applies_to: [van-phong-dang-uy, chanh-van-phong]"),
        ["data/rules/qc-lam-viec-lung-phinh.yml:5: rules[0].applies_to[1]: 'chanh-van-phong' is not a known role or"
         " body — use one of the ids in data/roles.yml or data/bodies.yml"],
    ),
    "absence-cases-name-an-absence-rule": (
        {"tools.yml": (DATA_VALID / "tools.yml").read_text(encoding="utf-8") + """
absence_cases:
  gui-tai-lieu-truoc-hops:
    - {value: a, label: A, always: true, yes_answer: Có}
  gui-tai-lieu-truoc-hop:
    - {value: a, label: A, always: true, yes_answer: Có}
"""},
        ["data/tools.yml:113: absence_cases.gui-tai-lieu-truoc-hops: 'gui-tai-lieu-truoc-hops' is not a known rule"
         " — did you mean 'gui-tai-lieu-truoc-hop'?",
         "data/tools.yml:115: absence_cases.gui-tai-lieu-truoc-hop: 'gui-tai-lieu-truoc-hop' is a days-before rule,"
         " not an absence rule — use one of the ids of the absence rules in data/rules/*.yml"],
    ),
    "absence-case-threshold-of-a-blank": (
        {RULES: (DATA_VALID / RULES).read_text(encoding="utf-8") + """
  - id: vang-mat
    kind: absence
    title: Vắng mặt
    params: {days: null}
    blanks: [days]
    cite: {document: qc-lam-viec-lung-phinh, article: 6}
""", "tools.yml": (DATA_VALID / "tools.yml").read_text(encoding="utf-8") + """
absence_cases:
  vang-mat:
    - {value: a, label: A, yes_answer: Có, no_answer: Không}
"""},
        ["data/tools.yml:114: absence_cases.vang-mat[0]: case 'a' has no threshold: rule 'vang-mat' leaves its days"
         " blank — write `always: true`"],
    ),
    "comparison-references": (
        edit("comparisons.yml", "articles: [[5, 5], [6, 6]]",
             "articles: [[5, 5], [7, 6], [6, 8]]\n"
             "  - id: khac\n    title: Khác\n    model: qc-lam-viec-mau\n    local: qc-lam-viec-lung-phinh"),
        ["data/comparisons.yml:6: comparisons[0].articles[1][0]: qc-lam-viec-mau-dang-uy-ubnd has no Điều 7 — it"
         " has Điều 5, 6",
         "data/comparisons.yml:6: comparisons[0].articles[2][1]: qc-lam-viec-lung-phinh has no Điều 8 — it has"
         " Điều 1, 5, 6, 7",
         "data/comparisons.yml:9: comparisons[1].model: 'qc-lam-viec-mau' is not a known document — did you mean"
         " 'qc-lam-viec-mau-dang-uy-ubnd'?"],
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_broken_references_are_reported_exactly(link_errors, case):
    files, expected = CASES[case]
    assert link_errors(files) == expected


def test_every_link_mistake_is_reported_in_one_run(link_errors):
    files: dict = {}
    expected: list = []
    for case in ("unknown-relation-ends", "missing-article", "rule-applies-to-unknown", "missing-point"):
        files |= CASES[case][0]
        expected += CASES[case][1]
    assert sorted(link_errors(files)) == sorted(expected)


def test_no_documents_says_to_import_first(project):
    with pytest.raises(DataError) as raised:
        link(project(), [])
    assert raised.value.messages[0] == (
        "data/roles.yml:5: roles[0].cite: 'qc-lam-viec-lung-phinh' is not a known document — there are no documents"
        " in content/documents/ (run `sotay import`)"
    )


# --- the linked views -------------------------------------------------------------


@pytest.fixture
def linked(project):
    return link(project(), documents())


def test_effective_duties_are_own_then_inherited_with_their_path(linked):
    duties = [(d.duty.id, d.via) for d in linked.holders["bi-thu"].duties]
    assert duties == [
        ("lp-bi-thu-1", ()),
        ("lp-bi-thu-2", ()),
        ("lp-pho-bi-thu-1", ("pho-bi-thu",)),
        ("lp-uv-btv-1", ("pho-bi-thu", "uy-vien-ban-thuong-vu")),
    ]
    assert [d.id for d in linked.holders["bi-thu"].own_duties] == ["lp-bi-thu-1", "lp-bi-thu-2"]
    assert linked.holders["uy-vien-ban-thuong-vu"].inherited_by == ["pho-bi-thu"]


def test_inherited_duties_are_not_repeated(project):
    files = edit("roles.yml", "inherits: [pho-bi-thu]", "inherits: [pho-bi-thu, uy-vien-ban-thuong-vu]")
    result = link(project(files), documents())
    duties = [(d.duty.id, d.via) for d in result.holders["bi-thu"].duties]
    assert duties[2:] == [("lp-pho-bi-thu-1", ("pho-bi-thu",)), ("lp-uv-btv-1", ("uy-vien-ban-thuong-vu",))]


def test_membership_relations_rules_and_checklists_per_holder(linked):
    thuong_truc = linked.holders["thuong-truc"]
    van_phong = linked.holders["van-phong-dang-uy"]
    assert thuong_truc.kind == "body" and thuong_truc.members == ["pho-bi-thu", "bi-thu"]
    assert linked.holders["ban-thuong-vu"].members == ["bi-thu", "uy-vien-ban-thuong-vu"]
    assert linked.holders["bi-thu"].member_of == ["thuong-truc", "ban-thuong-vu"]
    assert [r.id for r in thuong_truc.relations_in] == ["lp-van-phong-bao-cao"]
    assert [r.id for r in van_phong.relations_out] == ["lp-van-phong-bao-cao"]
    assert [r.id for r in van_phong.rules] == ["gui-tai-lieu-truoc-hop"]
    assert [c.id for c in thuong_truc.checklists] == ["chuan-bi-hoi-nghi-btv"]


def test_a_role_keeps_the_rules_of_its_bodies_and_inherited_roles_with_their_path(project):
    files = edit("rules/qc-lam-viec-lung-phinh.yml", "applies_to: [van-phong-dang-uy]", "applies_to: [ban-thuong-vu]")
    result = link(project(files), documents())
    # bi-thu is a member of ban-thuong-vu; pho-bi-thu reaches it through uy-vien-ban-thuong-vu,
    # whose member_of (roles.yml) lists it
    assert [r.id for r in result.holders["bi-thu"].rules] == ["gui-tai-lieu-truoc-hop"]
    assert result.holders["bi-thu"].rule_via == {"gui-tai-lieu-truoc-hop": ("ban-thuong-vu",)}
    assert result.holders["pho-bi-thu"].rule_via == {"gui-tai-lieu-truoc-hop": ("uy-vien-ban-thuong-vu", "ban-thuong-vu")}
    assert result.holders["ban-thuong-vu"].rule_via == {}  # its own rule
    assert result.holders["thuong-truc"].rules == []  # a body takes no other body's rules


def test_every_citation_has_an_href_with_the_model_anchor(linked):
    cites = {d.id: d.cite[0] for d in linked.knowledge.duties}
    assert linked.href(cites["lp-bi-thu-2"]) == "van-ban/qc-lam-viec-lung-phinh.html#dieu-6-khoan-2-diem-b"
    rule = linked.knowledge.rules[0]
    assert linked.href(rule.cite[0]) == "van-ban/qc-lam-viec-lung-phinh.html#dieu-6-khoan-3-1"
    role_cite = linked.knowledge.roles[2].cite[0]
    assert linked.targets[role_cite].label == "Điều 6"
    assert linked.href(role_cite) == "van-ban/qc-lam-viec-lung-phinh.html#dieu-6"


def test_clause_anchors_link_back_to_holders(linked):
    assert linked.holders_at("qc-lam-viec-lung-phinh", "dieu-7-khoan-2") == ["thuong-truc", "van-phong-dang-uy"]
    assert linked.holders_at("qc-lam-viec-lung-phinh", "dieu-6-khoan-2-diem-b") == ["bi-thu"]
    assert linked.holders_at("qc-lam-viec-lung-phinh", "dieu-6") == ["bi-thu"]
    assert linked.holders_at("qc-lam-viec-lung-phinh", "dieu-5-khoan-3") == []


def test_quotes_ignore_whitespace_and_unicode_normal_form(project):
    nfd = unicodedata.normalize("NFD", "Làm trưởng   các Ban\n chỉ đạo")
    assert normalize(nfd) == "Làm trưởng các Ban chỉ đạo"
    files = edit(DUTIES, 'quote: "Làm trưởng các Ban chỉ đạo"', f'quote: "{unicodedata.normalize("NFD", "Làm trưởng các Ban chỉ đạo")}"')
    link(project(files), documents())


def test_article_quote_searches_the_whole_article(project):
    files = edit(RULES, 'quote: "ít nhất 3 ngày"\n    cite: {document: qc-lam-viec-lung-phinh, article: 6, clause: "3.1"}',
                 'quote: "Kết luận hội nghị."\n    cite: {document: qc-lam-viec-lung-phinh, article: 6}')
    link(project(files), documents())


def test_coverage_counts_clauses_cited_by_duties_and_articles(linked):
    [row] = coverage(linked, [CoverageTarget("qc-lam-viec-lung-phinh", 5, 7)])
    assert (row.clauses_total, row.clauses_cited) == (10, 4)
    assert row.uncited_clauses == [
        "dieu-5-khoan-2", "dieu-5-khoan-3", "dieu-6-khoan-3", "dieu-6-khoan-3-1", "dieu-6-khoan-3-2", "dieu-7-khoan-2",
    ]
    assert (row.articles_total, row.articles_cited) == (3, 3)
    assert row.clause_fraction == 0.4 and row.article_fraction == 1.0
    [empty] = coverage(linked, [("qc-lam-viec-lung-phinh", 1, 1)])
    assert empty.clause_fraction is None and empty.article_fraction == 0.0


def test_coverage_of_a_cited_parent_includes_its_sub_clauses(project):
    files = edit(DUTIES, 'article: 7, clause: "1"}', 'article: 6, clause: "3"}')
    result = link(project(files), documents())
    [row] = coverage(result, [("qc-lam-viec-lung-phinh", 6, 6)])
    assert (row.clauses_total, row.clauses_cited, row.uncited_clauses) == (5, 5, [])
