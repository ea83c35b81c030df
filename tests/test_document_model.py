"""The document model's one reading of a passage (`paragraphs`), and the places that show it."""

from __future__ import annotations

from generator.link.citations import Target, target_texts
from generator.views.lessons import quoted_parts
from generator.model.document import Article, Block, Paragraph, Point, paragraphs
from generator.views.compare import article_units
from generator.views.tools import _node_texts
from knowledge_fixtures import lung_phinh


def dieu_6():
    return lung_phinh().article(6)


def article_with_points() -> Article:
    """Lùng Phình Điều 19 has its điểm straight under the article; one here carries a second paragraph."""
    return Article(19, "Chế độ báo cáo", "dieu-19", line=1, intro=[Block("paragraph", "Định kỳ báo cáo:")], points=[
        Point("a", "Hằng tháng;", "dieu-19-diem-a", line=2),
        Point("đ", "Đột xuất khi có yêu cầu.", "dieu-19-diem-dd", line=3, blocks=[Block("dash", "bằng văn bản")]),
    ])


def test_an_article_reads_opening_text_then_khoan_with_their_diem_and_sub_khoan():
    assert paragraphs(dieu_6()) == [
        Paragraph("", "Cùng với việc thực hiện nhiệm vụ, quyền hạn được quy định tại Điều 5, Bí thư có các nhiệm vụ sau:", 0),
        Paragraph("1.", "Chủ trì các công việc của Đảng ủy, Ban Thường vụ và Thường trực Đảng ủy; chủ trì và kết luận các hội nghị của cấp ủy.", 0),
        Paragraph("2.", "Trực tiếp chỉ đạo:", 0),
        Paragraph("a)", "Công tác quốc phòng, an ninh;", 1),
        Paragraph("b)", "Làm trưởng các Ban chỉ đạo theo quy định.", 1),
        Paragraph("3.", "Về hội nghị:", 0),
        Paragraph("3.1.", "Gửi tài liệu trước hội nghị ít nhất 3 ngày.", 1),
        Paragraph("3.2.", "Kết luận hội nghị.", 1),
    ]


def test_diem_under_an_article_are_indented_and_keep_their_paragraphs():
    assert paragraphs(article_with_points()) == [
        Paragraph("", "Định kỳ báo cáo:", 0),
        Paragraph("a)", "Hằng tháng;", 1),
        Paragraph("đ)", "Đột xuất khi có yêu cầu.", 1),
        Paragraph("", "bằng văn bản", 1),
    ]


def test_nested_false_keeps_only_the_units_own_words():
    article = dieu_6()
    assert [p.text for p in paragraphs(article, nested=False)] == [article.intro[0].text]
    assert paragraphs(article.clauses[1], nested=False) == [Paragraph("2.", "Trực tiếp chỉ đạo:", 0)]
    assert paragraphs(article_with_points().points[1], nested=False) == paragraphs(article_with_points().points[1])


def test_a_khoan_or_diem_starts_with_its_numbered_line_even_when_empty():
    clause = dieu_6().clauses[1]
    clause.text = ""
    assert paragraphs(clause)[0] == Paragraph("2.", "", 0)
    assert paragraphs(clause)[0].labelled == "2. "
    assert paragraphs(clause.points[0], level=2)[0] == Paragraph("a)", "Công tác quốc phòng, an ninh;", 2)


def test_citations_quotes_and_comparisons_read_the_same_words():
    document, article = lung_phinh(), dieu_6()
    words = [p.text for p in paragraphs(article)]
    assert target_texts(Target(document, article, None, None)) == [article.title, *words]
    assert [part["text"] for part in quoted_parts(Target(document, article, None, None))] == words
    three = article.clauses[2]
    assert target_texts(Target(document, article, three, None)) == ["Về hội nghị:", *words[-2:]]
    assert article_units(article)[3].text == "Về hội nghị: 3.1. Gửi tài liệu trước hội nghị ít nhất 3 ngày. 3.2. Kết luận hội nghị."


def test_a_lesson_quote_of_an_article_keeps_the_paragraphs_of_its_diem():
    parts = quoted_parts(Target(lung_phinh(), article_with_points(), None, None))
    assert parts[-1] == {"label": "", "text": "bằng văn bản", "level": 1}


def test_a_tool_quoting_a_whole_article_shows_its_khoan():
    """A rule may cite a whole article: the quote shows its khoản too, not only the title and opening."""
    texts = _node_texts(dieu_6())
    assert texts[0] == "Nhiệm vụ, quyền hạn của Bí thư Đảng ủy"
    assert "2. Trực tiếp chỉ đạo:" in texts and "a) Công tác quốc phòng, an ninh;" in texts
    assert "3.1. Gửi tài liệu trước hội nghị ít nhất 3 ngày." in texts
    assert _node_texts(dieu_6().clauses[1]) == ["Trực tiếp chỉ đạo:", "a) Công tác quốc phòng, an ninh;",
                                               "b) Làm trưởng các Ban chỉ đạo theo quy định."]
