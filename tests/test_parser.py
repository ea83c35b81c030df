"""Structure parser: clean lines → chapters/articles/clauses/points, warnings, anchors."""

from __future__ import annotations

from generator.model.document import iter_clauses
from generator.read.parser import Line, parse_structure, roman_to_int


def parse(text: str):
    lines = [Line(n, t) for n, t in enumerate(text.strip("\n").split("\n"), start=1)]
    return parse_structure(lines, "mem.txt")


def test_chapters_sections_articles_and_anchors():
    s = parse(
        "Chương I. QUY ĐỊNH CHUNG\nĐiều 1. Phạm vi\nNội dung.\n"
        "Chương II\nNỘI DUNG\nMục 1. ĐỐI VỚI CÁC BAN\nĐiều 2. Phối hợp\n1. Khoản một.\n"
    )
    assert [(c.number, c.title, c.anchor) for c in s.chapters] == [
        ("I", "QUY ĐỊNH CHUNG", "chuong-1"),
        ("II", "NỘI DUNG", "chuong-2"),
    ]
    assert [(x.number, x.title, x.anchor) for x in s.chapters[1].sections] == [("1", "ĐỐI VỚI CÁC BAN", "chuong-2-muc-1")]
    first, second = s.articles
    assert (first.number, first.title, first.anchor, first.chapter, first.section) == (1, "Phạm vi", "dieu-1", "I", None)
    assert first.intro[0].text == "Nội dung."
    assert (second.chapter, second.section, second.clauses[0].anchor) == ("II", "1", "dieu-2-khoan-1")
    assert s.warnings == []


def test_subclauses_nest_and_blocks_attach_to_the_deepest_unit():
    s = parse("Điều 6. X\n2. Hai\n2.1. Hai một\nĐoạn.\n2.2. Hai hai\n- gạch\n+ cộng\n3. Ba\na) Điểm a\n- trong điểm\n")
    two, three = s.articles[0].clauses
    assert [c.number for c in two.clauses] == ["2.1", "2.2"]
    assert [c.anchor for c in two.clauses] == ["dieu-6-khoan-2-1", "dieu-6-khoan-2-2"]
    assert two.clauses[0].blocks[0].text == "Đoạn."
    assert [(b.kind, b.text) for b in two.clauses[1].blocks] == [("dash", "gạch"), ("plus", "cộng")]
    assert three.points[0].anchor == "dieu-6-khoan-3-diem-a"
    assert three.points[0].blocks[0].kind == "dash"
    assert [c.number for c in iter_clauses(s.articles[0].clauses)] == ["2", "2.1", "2.2", "3"]


def test_point_dd_anchor_and_vietnamese_order():
    s = parse("Điều 1. X\n1. Một\na) a\nb) b\nc) c\nd) d\nđ) đ\ne) e\n")
    points = s.articles[0].clauses[0].points
    assert [p.label for p in points] == ["a", "b", "c", "d", "đ", "e"]
    assert points[4].anchor == "dieu-1-khoan-1-diem-dd"
    assert s.warnings == []


def test_missing_dot_clause_only_when_it_continues_the_sequence():
    s = parse("Điều 1. X\n1. Một\n2 Lãnh đạo hai\n5 Người dự họp\n")
    clauses = s.articles[0].clauses
    assert [c.number for c in clauses] == ["1", "2"]
    assert clauses[1].blocks[0].text == "5 Người dự họp"


def test_points_directly_under_an_article():
    s = parse("Điều 19. X\na) Một\nb) Hai\n")
    assert [p.anchor for p in s.articles[0].points] == ["dieu-19-diem-a", "dieu-19-diem-b"]


def test_numbering_anomalies_are_warnings_with_line_numbers():
    s = parse("Điều 1. A\n1. x\n3. y\na) p\nc) q\nĐiều 3. B\nĐiều 3. C\nChương III\n")
    messages = [(w.line, w.message) for w in s.warnings]
    assert (3, "Điều 1: khoản 3 follows khoản 1 (expected 2)") in messages
    assert any(line == 5 and "điểm c" in m for line, m in messages)
    assert any(line == 6 and "Điều 3 follows Điều 1" in m for line, m in messages)
    assert any(line == 7 and "duplicate Điều 3" in m for line, m in messages)
    assert any(line == 8 and "Chương III" in m for line, m in messages)
    assert all(str(w).startswith("mem.txt:") for w in s.warnings)


def test_duplicate_labels_get_unique_anchors():
    s = parse("Điều 1. A\n1. x\n2. y\nĐoạn:\n1. z\nĐiều 1. B\n")
    anchors = [c.anchor for c in s.articles[0].clauses] + [a.anchor for a in s.articles]
    assert anchors == ["dieu-1-khoan-1", "dieu-1-khoan-2", "dieu-1-khoan-1-x2", "dieu-1", "dieu-1-x2"]
    assert len(set(anchors)) == len(anchors)
    assert any("khoản 1 repeats" in w.message for w in s.warnings)


def test_running_text_is_not_taken_for_units():
    s = parse("Điều 1. A\nĐiều 4 của Quy chế này áp dụng.\nChương trình công tác năm.\nMục tiêu chung.\n2030; tiếp.\n")
    assert len(s.articles) == 1 and s.chapters == []
    assert [b.text for b in s.articles[0].intro][0] == "Điều 4 của Quy chế này áp dụng."
    assert len(s.articles[0].intro) == 4


def test_backslash_escapes_a_paragraph():
    s = parse("Điều 1. A\n\\1. không phải khoản\n")
    assert s.articles[0].clauses == []
    assert s.articles[0].intro[0].text == "1. không phải khoản"


def test_roman_numerals():
    assert [roman_to_int(x) for x in ("I", "IV", "IX", "XIV", "3", "Q")] == [1, 4, 9, 14, 3, None]


def test_hostile_input_is_linear_and_never_raises():
    import time

    junk = ["Điều " + "9" * 5000, "1." * 20000, "a)" * 20000, "Chương " + "I" * 20000, "-" * 50000, "2.1." * 10000]
    lines = [Line(n, t) for n, t in enumerate(junk * 20, start=1)]
    start = time.perf_counter()
    parse_structure(lines, "junk")
    assert time.perf_counter() - start < 5


def test_article_separators_and_text_between_heading_and_article():
    s = parse("Chương I\nCHUNG\nĐoạn mở đầu chương.\nĐiều 1 - Phạm vi\nNội dung.\nĐIỀU 2: Hiệu lực\n")
    first, second = s.articles
    assert (first.title, second.title) == ("Phạm vi", "Hiệu lực")
    assert [b.text for b in first.intro] == ["Đoạn mở đầu chương.", "Nội dung."]
    assert s.closing == []


def test_heading_titles_over_several_caps_lines():
    s = parse("Chương II\nNỘI DUNG PHỐI HỢP\nVÀ TRÁCH NHIỆM\nMục 1. ĐỐI VỚI CÁC BAN\nVÀ CƠ QUAN\nĐiều 1. A\n")
    assert s.chapters[0].title == "NỘI DUNG PHỐI HỢP VÀ TRÁCH NHIỆM"
    assert s.chapters[0].sections[0].title == "ĐỐI VỚI CÁC BAN VÀ CƠ QUAN"


def test_many_repeated_labels_stay_linear():
    import time

    text = "\n".join(["Điều 1. A", "1. x", "a) y"] * 20000)
    start = time.perf_counter()
    s = parse(text)
    assert len(s.articles) == 20000 and s.articles[-1].anchor == "dieu-1-x20000"
    assert time.perf_counter() - start < 10


def test_subclause_without_final_dot_must_continue_the_sequence():
    s = parse("Điều 1. A\n1. Một\n1.1 Một một\n1.5 lần mức lương cơ sở.\n")
    clause = s.articles[0].clauses[0]
    assert [c.number for c in clause.clauses] == ["1.1"]
    assert clause.clauses[0].blocks[0].text == "1.5 lần mức lương cơ sở."


def test_decision_article_whose_title_is_a_sentence_is_its_text():
    text = (
        "Điều 1. Ban hành kèm theo Quyết định này Quy chế phối hợp.\n"
        "Điều 2. Trách nhiệm thi hành\nCác cơ quan thi hành Quyết định này.\n"
        "Điều 3. Quyết định này có hiệu lực kể từ ngày ký.\n"
    )
    lines = [Line(n, t) for n, t in enumerate(text.strip("\n").split("\n"), start=1)]
    decision = parse_structure(lines, "qd.txt", decision=True)
    assert [(a.number, a.title, [b.text for b in a.intro]) for a in decision.articles] == [
        (1, "", ["Ban hành kèm theo Quyết định này Quy chế phối hợp."]),
        (2, "Trách nhiệm thi hành", ["Các cơ quan thi hành Quyết định này."]),
        (3, "", ["Quyết định này có hiệu lực kể từ ngày ký."]),
    ]
    assert decision.warnings == []
    # a regulation keeps what it writes after "Điều N." as the title
    assert parse(text).articles[2].title == "Quyết định này có hiệu lực kể từ ngày ký."
