"""The open-data export of the default handbook: shape, hrefs, and coverage of the seed regulations.

Coverage is computed from handbook.json alone, as another tool reading it would.
"""

from __future__ import annotations

import json

import pytest

WORKING = {  # every khoản of these articles is cited by at least one duty
    "qc-lam-viec-mau-dang-uy-ubnd": range(1, 8),
    "qc-lam-viec-lung-phinh": range(1, 9),
}
COORDINATION = {  # every article is cited by at least one relation or duty
    "qc-phoi-hop-trung-tam-chinh-tri": range(3, 7),
    "qc-phoi-hop-dang-uy-khoi": range(3, 18),
    "qc-phoi-hop-cong-an-tinh": range(3, 9),
}
CITE_KEYS = {"document", "article", "clause", "point", "href"}


@pytest.fixture(scope="module")
def handbook(default_site):
    return json.loads((default_site / "api" / "handbook.json").read_text(encoding="utf-8"))


def all_clauses(clauses):
    for clause in clauses:
        yield clause
        yield from all_clauses(clause["clauses"])


def cited_anchors(handbook, kinds):
    anchors = set()
    for kind in kinds:
        for item in handbook[kind]:
            for cite in item["cite"]:
                anchors.add(cite["href"])
    return anchors


def test_seven_documents_with_their_articles(handbook):
    counts = {d["id"]: len(d["articles"]) for d in handbook["documents"]}
    assert counts == {
        "qc-phoi-hop-trung-tam-chinh-tri": 7, "qc-phoi-hop-dang-uy-khoi": 18,
        "qd-261-ban-bi-thu": 3, "qc-lam-viec-mau-dang-uy-ubnd": 19,
        "qc-lam-viec-lung-phinh": 23, "qd-230-ban-thuong-vu-tinh-uy": 3, "qc-phoi-hop-cong-an-tinh": 8,
    }


def test_every_khoan_of_the_role_articles_is_cited_by_a_duty(handbook):
    cited = cited_anchors(handbook, ["duties"])
    missing = []
    for doc in handbook["documents"]:
        if doc["id"] not in WORKING:
            continue
        for article in doc["articles"]:
            if article["number"] not in WORKING[doc["id"]]:
                continue
            clauses = list(all_clauses(article["clauses"]))
            if not clauses:
                if article["href"] not in cited:
                    missing.append(article["href"])
                continue
            for clause in clauses:
                covered = {clause["href"], *(p["href"] for p in clause["points"]),
                           *(c["href"] for c in all_clauses(clause["clauses"]))}
                parent = clause["href"].rsplit("-", 1)[0] if "." in clause["number"] else None
                if not covered & cited and parent not in cited:
                    missing.append(clause["href"])
    assert missing == []


def test_every_coordination_article_is_cited_by_a_relation_or_duty(handbook):
    cited_articles = {(c["document"], c["article"]) for kind in ("duties", "relations")
                      for item in handbook[kind] for c in item["cite"]}
    missing = [(doc, n) for doc, numbers in COORDINATION.items() for n in numbers if (doc, n) not in cited_articles]
    assert missing == []


def test_every_statement_has_a_well_formed_cite(handbook):
    for kind in ("duties", "relations", "rules"):
        for item in handbook[kind]:
            assert item["cite"], (kind, item["id"])
            for cite in item["cite"]:
                assert set(cite) == CITE_KEYS
                assert isinstance(cite["article"], int)
                assert cite["href"].startswith(f"van-ban/{cite['document']}.html#dieu-{cite['article']}")


def test_checklist_items_cite_clauses(handbook):
    assert len(handbook["checklists"]) >= 11
    for checklist in handbook["checklists"]:
        for item in checklist["items"]:
            assert item["cite"], (checklist["id"], item["id"])


def test_roles_and_bodies_expose_inheritance_and_membership(handbook):
    roles = {r["id"]: r for r in handbook["roles"]}
    bodies = {b["id"]: b for b in handbook["bodies"]}
    assert "uy-vien-ban-thuong-vu" in roles["bi-thu"]["inherits"]
    assert "uy-vien-ban-chap-hanh" in roles["uy-vien-ban-thuong-vu"]["inherits"]
    assert bodies["ban-thuong-vu"]["part_of"] == "ban-chap-hanh"
    assert {"bi-thu", "pho-bi-thu-thuong-truc"} <= set(bodies["thuong-truc"]["members"])


def test_blank_time_rules_stay_blank(handbook):
    blank = [r for r in handbook["rules"] if r["blanks"]]
    assert blank, "the model regulation's '… ngày' deadlines must be recorded as blanks"
    for rule in blank:
        for name in rule["blanks"]:
            assert rule["params"][name] is None
