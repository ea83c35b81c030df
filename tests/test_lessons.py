"""Lessons: directives resolve to live data; a broken one is an error naming file and line."""

from __future__ import annotations

import os

import pytest

from generator.errors import DataError
from generator.link.handbook import load_handbook
from generator.link.lessons import parse_lesson, read_lessons
from generator.project import Project

from conftest import ROOT, copy_project

LESSONS = ROOT / "content" / "lessons"


def lesson_text(*body: str) -> str:
    return "\n".join(["---", "title: Bài thử", "---", "", *body, ""])


def test_directives_are_parsed_with_their_line_numbers():
    errors: list[str] = []
    lesson = parse_lesson("bai-thu", lesson_text("Đoạn mở đầu.", "", "::: nhiem-vu bi-thu", "::: trich qc-lam-viec-lung-phinh dieu-6-khoan-1"), "content/lessons/bai-thu.md", errors)
    assert errors == []
    assert [(d.name, d.args, d.line) for d in lesson.directives] == [
        ("nhiem-vu", ("bi-thu",), 7),
        ("trich", ("qc-lam-viec-lung-phinh", "dieu-6-khoan-1"), 8),
    ]


def test_directives_inside_fenced_code_are_left_alone():
    errors: list[str] = []
    lesson = parse_lesson("bai-thu", lesson_text("```", "::: nhiem-vu khong-ton-tai", "```"), "x.md", errors)
    assert errors == [] and lesson.directives == []


@pytest.mark.parametrize("line, expected", [
    ("::: nhiem-vu", "'::: nhiem-vu' takes <holder-id> [<document-id>], got 0 argument(s)"),
    ("::: nhiemvu bi-thu", "unknown directive '::: nhiemvu' — did you mean '::: nhiem-vu'?"),
    ("::: trich qc-lam-viec-lung-phinh", "'::: trich' takes <document-id> <anchor>"),
])
def test_syntax_errors_name_file_and_line(line, expected):
    errors: list[str] = []
    parse_lesson("bai-thu", lesson_text("Dòng 5.", line), "content/lessons/bai-thu.md", errors)
    assert len(errors) == 1
    assert errors[0].startswith("content/lessons/bai-thu.md:6: ")
    assert expected in errors[0]


def test_the_starter_course_resolves():
    project = Project(ROOT)
    handbook = load_handbook(project)
    slugs = [lesson.slug for lesson in handbook.lessons]
    assert 4 <= len(slugs) <= 6
    assert "readme" not in [s.lower() for s in slugs]
    for lesson in handbook.lessons:
        assert {d.name for d in lesson.directives}, f"{lesson.slug} embeds no data"


@pytest.mark.parametrize("directive, message", [
    ("::: nhiem-vu thuong-tru", "'thuong-tru' is not a known holder — did you mean 'thuong-truc'?"),
    ("::: thoi-han lp-quorum", "'lp-quorum' is not a known rule — did you mean 'lp-quorum-bch-btv'?"),
    ("::: so-do bi-thu", "'bi-thu' has no relations"),
    ("::: trich qc-lam-viec-lung-phinh dieu-11-khoan-9", "qc-lam-viec-lung-phinh has no passage 'dieu-11-khoan-9'"),
    ("::: trich qc-lung-phinh dieu-11", "'qc-lung-phinh' is not a known document"),
    ("::: trich qc-lam-viec-lung-phinh dieu-3 dau", "'dau' is not a part of a passage — write 'mo-dau'"),
    ("::: trich qc-lam-viec-lung-phinh dieu-3-khoan-1 mo-dau", "write the article's anchor, e.g. 'dieu-3'"),
])
def test_a_broken_reference_fails_check_with_file_and_line(tmp_path, directive, message):
    root = copy_project(tmp_path / "p")
    (root / "content" / "lessons" / "bai-loi.md").write_text(lesson_text("Mở đầu.", "", directive), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_handbook(Project(root))
    (line,) = [m for m in caught.value.messages if "bai-loi.md" in m]
    assert line.startswith("content/lessons/bai-loi.md:7: ")
    assert message in line


def test_sotay_check_reports_the_broken_lesson(tmp_path, capsys):
    from generator.run.cli import main

    root = copy_project(tmp_path / "p")
    (root / "content" / "lessons" / "bai-loi.md").write_text(lesson_text("::: thoi-han khong-co"), encoding="utf-8")
    cwd = os.getcwd()
    os.chdir(root)
    try:
        code = main(["check"])
    finally:
        os.chdir(cwd)
    assert code == 1
    assert "content/lessons/bai-loi.md:5: 'khong-co' is not a known rule" in capsys.readouterr().err


def test_lesson_pages_embed_live_data(default_site):
    page = (default_site / "bai-hoc" / "bai-2-che-do-hoi-nghi.html").read_text(encoding="utf-8")
    # ::: trich → the clause verbatim with its link
    assert "phải có ít nhất 2/3 tổng số thành viên tham dự" in page
    assert 'href="../van-ban/qc-lam-viec-lung-phinh.html#dieu-11-khoan-1"' in page
    # ::: thoi-han → the rule's title and its clause
    assert "Số thành viên tham dự hội nghị Đảng ủy, Ban Thường vụ" in page
    lesson3 = (default_site / "bai-hoc" / "bai-3-quan-he-phoi-hop.html").read_text(encoding="utf-8")
    assert '<svg class="sotay-diagram"' in lesson3  # ::: so-do
    assert "../cong-cu/" in lesson3  # the 7-working-day rule links to its calculator
    lesson6 = (default_site / "bai-hoc" / "bai-6-trung-tam-chinh-tri.html").read_text(encoding="utf-8")
    assert "Lập danh sách học viên, cử cán bộ, công chức, viên chức" in lesson6  # ::: nhiem-vu don-vi-phoi-hop
    assert "::: " not in page + lesson3 + lesson6


def test_lesson_1_quotes_the_passage_it_talks_about(default_site):
    """§1 says who makes up the Thường trực: that sentence is Điều 3's opening text, not khoản 1."""
    from lxml import html as lxml_html

    tree = lxml_html.fromstring((default_site / "bai-hoc" / "bai-1-thuong-truc.html").read_bytes())
    section = tree.xpath("//h2[contains(., 'Thường trực gồm ai')]/following-sibling::*")
    text = section[0].text_content()
    assert "đoạn mở đầu Điều 3" in " ".join(text.split())
    quote = next(el for el in section if "sotay-embed--quote" in (el.get("class") or ""))
    excerpt = " ".join(quote.xpath(".//blockquote")[0].text_content().split())
    assert "Thường trực Đảng ủy xã Lùng Phình gồm Bí thư và các Phó Bí thư" in excerpt
    assert "Giúp Ban Thường vụ Đảng ủy xã chỉ đạo" not in excerpt  # khoản 1 is not this passage
    caption = " ".join(quote.xpath(".//figcaption")[0].text_content().split())
    assert caption.startswith("Trích Điều 3 (phần mở đầu), ")
    assert quote.xpath(".//figcaption/a/@href") == ["../van-ban/qc-lam-viec-lung-phinh.html#dieu-3"]


def test_lessons_are_not_copied_raw(default_site):
    assert not (default_site / "README.html").exists()
    assert not list(default_site.glob("bai-hoc/README*"))
    assert not list(default_site.rglob("*.md"))


def test_lesson_files_are_read_in_name_order():
    lessons, errors = read_lessons(LESSONS, ROOT)
    assert errors == []
    assert [lesson.slug for lesson in lessons] == sorted(lesson.slug for lesson in lessons)


def test_every_directive_is_documented():
    from generator.link.lessons import DIRECTIVES

    readme = (LESSONS / "README.md").read_text(encoding="utf-8")
    for name in DIRECTIVES:
        assert f"`::: {name} " in readme, f"::: {name} is not documented in content/lessons/README.md"
