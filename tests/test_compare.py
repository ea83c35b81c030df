"""Model ↔ local comparison: clause alignment and word-level differences, checked by hand.

The expectations below were written by reading Quy chế làm việc mẫu (Điều 3–7)
and Quy chế làm việc của Đảng ủy xã Lùng Phình (Điều 3–8) side by side.
"""

from __future__ import annotations

import pytest

from generator.views.compare import align_articles, compare, normal_word, similarity
from generator.link.handbook import load_handbook
from generator.model.document import Article, Block, Clause
from generator.project import Project

from conftest import ROOT


@pytest.fixture(scope="module")
def alignments():
    handbook = load_handbook(Project(ROOT))
    (comparison,) = [c for c in handbook.linked.knowledge.comparisons if c.id == "lung-phinh-voi-mau"]
    assert comparison.articles == [(3, 3), (4, 4), (5, 5), (6, 6), (7, 7), (7, 8)]
    return {(a.model.number, a.local.number): a for a in compare(comparison, handbook.linked.documents)}


def pairs(alignment) -> list[tuple[str, str]]:
    return [(m.model.key, m.local.key) for m in alignment.matches]


def words(segments: list[str]) -> str:
    return " | ".join(segments)


def test_bi_thu_clauses_shift_by_one_where_the_model_has_the_ubnd_clause(alignments):
    bi_thu = alignments[(6, 6)]
    assert ("1", "1") in pairs(bi_thu) and ("2", "2") in pairs(bi_thu)
    # model khoản 3 (answering for the provincial People's Committee) has no local counterpart
    assert ("4", "3") in pairs(bi_thu) and ("5", "4") in pairs(bi_thu) and ("6", "5") in pairs(bi_thu)
    assert [u.key for u in bi_thu.model_only] == ["3"]


def test_bi_thu_khoan_1_wording(alignments):
    match = alignments[(6, 6)].match_of("1")
    assert match.ratio > 0.9
    assert "trình" in match.deleted  # model: "để trình Ban Thường vụ"
    assert "đưa ra" in match.inserted  # local: "để đưa ra Ban Thường vụ"


def test_uy_vien_bch_secrecy_clause_moved_from_10_to_12(alignments):
    bch = alignments[(4, 4)]
    match = bch.match_of("10")
    assert match.local.key == "12"
    assert match.inserted == ["theo quy định"]  # "giữ nghiêm kỷ luật phát ngôn theo quy định của Đảng"
    assert match.deleted == []
    assert [u.key for u in bch.local_only] == ["10", "11", "13"]  # rights to vote, to information; leaving the area


def test_uy_vien_bch_khoan_8_wording(alignments):
    match = alignments[(4, 4)].match_of("8")
    assert match.local.key == "8"
    assert match.deleted == ["Thường xuyên"]
    assert match.inserted == ["Tích cực, tự giác"]


def test_uy_vien_btv_opening_and_unmatched_clauses(alignments):
    btv = alignments[(5, 5)]
    opening = btv.match_of("mo-dau")
    assert opening.local.key == "mo-dau"
    assert "Ngoài" in opening.deleted and "Cùng với việc thực hiện" in opening.inserted
    # model khoản 4 (quarterly written report) and 5 (standing in for the Thường trực) are not in the local text
    assert [u.key for u in btv.model_only] == ["4", "5"]


def test_thuong_truc_first_three_clauses_match_in_order(alignments):
    thuong_truc = alignments[(3, 3)]
    assert pairs(thuong_truc) == [("1", "1"), ("2", "2"), ("3", "3")]
    assert "Mặt trận Tổ quốc" in thuong_truc.match_of("2").inserted


def test_pho_bi_thu_chu_tich_ubnd_shares_only_the_last_clause_with_the_model(alignments):
    assert pairs(alignments[(7, 8)]) == [("mo-dau", "mo-dau"), ("5", "5")]
    assert ("1", "1") in pairs(alignments[(7, 7)])


# --- unit behaviour --------------------------------------------------------------------


def clause(number: str, text: str) -> Clause:
    return Clause(number, text, f"dieu-1-khoan-{number}", 1)


def article(*clauses: Clause, intro: str = "") -> Article:
    return Article(1, "Thử", "dieu-1", 1, intro=[Block("paragraph", intro)] if intro else [], clauses=list(clauses))


def test_normalisation_ignores_case_and_punctuation():
    assert normal_word("Đảng,") == "đảng" and normal_word("(bằng") == "bằng" and normal_word("–") == ""
    assert similarity("Họp định kỳ, hằng tháng.".split(), "họp định kỳ hằng tháng".split()) == 1.0


def test_alignment_is_one_to_one_and_reports_leftovers():
    model = article(clause("1", "Chủ trì hội nghị Ban Chấp hành định kỳ hằng quý"),
                    clause("2", "Ký văn bản của Ban Thường vụ theo phân công"))
    local = article(clause("1", "Tham gia các ban chỉ đạo khi được phân công"),
                    clause("2", "Chủ trì hội nghị Ban Chấp hành định kỳ hằng tháng"))
    result = align_articles(model, local)
    assert [(m.model.key, m.local.key) for m in result.matches] == [("1", "2")]
    assert result.matches[0].deleted == ["quý"] and result.matches[0].inserted == ["tháng"]
    assert [u.key for u in result.model_only] == ["2"] and [u.key for u in result.local_only] == ["1"]


def test_comparison_page(default_site):
    page = (default_site / "so-sanh" / "lung-phinh-voi-mau.html").read_text(encoding="utf-8")
    assert '<del class="sotay-diff-del">Thường xuyên</del>' in page
    assert '<ins class="sotay-diff-ins">Tích cực, tự giác</ins>' in page
    assert "Chỉ có ở văn bản mẫu" in page and "Chỉ có ở văn bản địa phương" in page
    assert 'href="../van-ban/qc-lam-viec-lung-phinh.html#dieu-4-khoan-12"' in page
