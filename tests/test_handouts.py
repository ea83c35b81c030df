"""Print handouts: A4 PDFs per role, document and lesson, with extractable Vietnamese text."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.link.handbook import load_handbook
from generator.publish.handouts import handout_list
from generator.run.handouts import make_handouts, site_is_current
from generator.project import Project

PAGE_RANGES = {"vai-tro": (1, 40), "van-ban": (1, 40), "bai-hoc": (1, 10)}


def pdftotext(path: Path, first: int | None = None, last: int | None = None) -> str:
    args = ["pdftotext", "-layout"]
    if first:
        args += ["-f", str(first), "-l", str(last or first)]
    return subprocess.run([*args, str(path), "-"], check=True, capture_output=True, text=True).stdout


def pdfinfo_pages(path: Path) -> int:
    out = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    return int(next(line.split()[-1] for line in out.splitlines() if line.startswith("Pages:")))


@pytest.fixture(scope="module")
def handouts(default_build, browser):
    if not shutil.which("pdftotext"):
        pytest.fail("poppler-utils is not installed: run `make test` (it installs it)")
    project = Project(default_build.site_dir.parent)
    assert site_is_current(project)  # the session build is reused, not rebuilt
    result = make_handouts(project, browser=browser)  # one Playwright per process: reuse the session's
    return project, result


def test_one_pdf_per_role_document_and_lesson(handouts):
    project, result = handouts
    assert not result.built
    expected = handout_list(load_handbook(project))
    assert {h.kind for h in expected} == {"vai-tro", "van-ban", "bai-hoc"}
    files = {path.relative_to(project.dist_dir / "handouts").as_posix(): pages for path, pages in result.files}
    assert sorted(files) == sorted(f"{h.kind}/{h.id}.pdf" for h in expected)
    for name, pages in files.items():
        low, high = PAGE_RANGES[name.split("/")[0]]
        assert low <= pages <= high, f"{name}: {pages} pages"
        assert pdfinfo_pages(project.dist_dir / "handouts" / name) == pages


def test_a4_with_title_header_and_page_numbers(handouts):
    project, _ = handouts
    pdf = project.dist_dir / "handouts" / "bai-hoc" / "bai-2-che-do-hoi-nghi.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    assert "595.92 x 842.88 pts (A4)" in info or "595 x 842" in info
    total = pdfinfo_pages(pdf)
    first = pdftotext(pdf, 1)
    assert "Sổ tay Quy chế · Bài 2. Chế độ hội nghị" in first
    assert f"Trang 1/{total}" in first


def test_lesson_text_is_extractable_vietnamese_without_site_chrome(handouts):
    project, _ = handouts
    text = " ".join(pdftotext(project.dist_dir / "handouts" / "bai-hoc" / "bai-2-che-do-hoi-nghi.pdf").split())
    assert "Bài 2. Chế độ hội nghị của Đảng ủy, Ban Thường vụ, Thường trực" in text
    assert "phải có ít nhất 2/3 tổng số thành viên tham dự" in text  # ::: trich, verbatim
    assert "Điều 11 khoản 1" in text  # the citation label is printed
    assert "Câu hỏi thảo luận" in text
    for chrome in ("Trang chủ", "Tìm kiếm", "Chuyển sang nền tối", "Made with"):
        assert chrome not in text, f"site chrome '{chrome}' printed"


def test_document_handout_keeps_clause_labels(handouts):
    project, _ = handouts
    text = " ".join(pdftotext(project.dist_dir / "handouts" / "van-ban" / "qc-phoi-hop-dang-uy-khoi.pdf").split())
    assert "Điều 3. Phương pháp phối hợp" in text
    assert "7 ngày làm việc" in text


def test_role_handout_prints_inherited_duties_and_rules_with_whole_citations(handouts):
    project, _ = handouts
    raw = pdftotext(project.dist_dir / "handouts" / "vai-tro" / "pho-bi-thu-thuong-truc.pdf")
    text = " ".join(raw.split())
    assert "Giao ban Thường trực Đảng ủy hằng tuần" in text  # a rule of Thường trực, which he belongs to
    assert "Với tư cách thành viên Thường trực" in text
    assert "Đảng bộ xã Lùng Phình khóa I, nhiệm kỳ 2025-2030 (sửa đổi bổ sung lần 01) (dự thảo)" in text
    assert "Đảng bộ xã… (dự thảo)" not in text  # the screen's cut title is not printed
    assert "Chỉ đạo Chỉ đạo" not in text and "Chủ trì Chủ trì" not in text
    assert not [line for line in raw.splitlines() if line.rstrip().endswith(" ·")]


def test_first_page_renders_to_png(handouts, tmp_path):
    project, _ = handouts
    pdf = project.dist_dir / "handouts" / "vai-tro" / "bi-thu.pdf"
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "bi-thu")], check=True)
    (png,) = tmp_path.glob("bi-thu*.png")
    assert png.stat().st_size > 5000


def test_cli_prints_only_lessons(handouts):
    # a separate process: Playwright's sync API cannot start twice in this one
    project, _ = handouts
    run = subprocess.run([sys.executable, "-m", "generator.run.cli", "handouts", "--only", "bai-hoc"],
                         cwd=project.root, env=dict(os.environ, PYTHONPATH=str(project.root)),
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert "dist/handouts/bai-hoc/bai-1-thuong-truc.pdf" in run.stdout
    assert "vai-tro/" not in run.stdout and "tài liệu PDF" in run.stdout


def test_print_css_holds_only_print_rules():
    import re

    from conftest import ROOT

    css = (ROOT / "overrides" / "assets" / "sotay" / "print.css").read_text(encoding="utf-8")
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S).strip()
    assert css.startswith("@media print {") and css.endswith("}")
    depth, top_level = 0, []
    for index, char in enumerate(css):
        if char == "{":
            if depth == 0:
                top_level.append(css[:index].rsplit("}", 1)[-1].strip())
            depth += 1
        elif char == "}":
            depth -= 1
    assert top_level == ["@media print"]
    assert "print.css" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
