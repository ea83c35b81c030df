"""The build stage end to end on a tiny fixture: real MkDocs build, real pages, real zip."""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from conftest import FIXTURES, build_project, copy_project
from knowledge_fixtures import documents

from generator.read.content_file import render_content
from generator.publish.linkcheck import check_site


def write_tiny_content(root: Path) -> Path:
    folder = root / "documents"
    folder.mkdir(parents=True)
    for doc in documents():
        (folder / f"{doc.id}.md").write_text(render_content(doc), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    base = tmp_path_factory.mktemp("tiny")
    content = write_tiny_content(base / "content-src")
    root = copy_project(base / "project", content=content, data=FIXTURES / "data_valid")
    result = build_project(root)
    return root, result


def page(root: Path, rel: str) -> str:
    return (root / "site" / rel).read_text(encoding="utf-8")


def test_site_is_a_symlink_to_a_complete_build(tiny):
    root, result = tiny
    assert (root / "site").is_symlink()
    assert (root / "site" / "index.html").is_file()
    assert result.bundle == root / "dist" / "sotay-offline.zip"


def test_document_page_has_every_clause_anchor(tiny):
    root, _ = tiny
    html = page(root, "van-ban/qc-lam-viec-lung-phinh.html")
    for anchor in ["dieu-1", "dieu-6", "dieu-6-khoan-1", "dieu-6-khoan-2-diem-a", "dieu-6-khoan-3-1", "dieu-7-khoan-2"]:
        assert f'id="{anchor}"' in html, anchor
    assert "Làm trưởng các Ban chỉ đạo theo quy định." in html


def test_clauses_link_back_to_the_roles_they_concern(tiny):
    root, _ = tiny
    html = page(root, "van-ban/qc-lam-viec-lung-phinh.html")
    clause = html[html.index('id="dieu-6-khoan-1"'):html.index('id="dieu-6-khoan-2"')]
    assert '../vai-tro/bi-thu.html' in clause


def test_role_page_lists_own_and_inherited_duties_with_clause_links(tiny):
    root, _ = tiny
    html = page(root, "vai-tro/bi-thu.html")
    assert "Chủ trì công việc của Đảng ủy, Ban Thường vụ và Thường trực." in html
    assert "../van-ban/qc-lam-viec-lung-phinh.html#dieu-6-khoan-1" in html
    assert "Nhiệm vụ kế thừa" in html  # Bí thư inherits Ủy viên Ban Thường vụ
    assert "Tham gia đầy đủ các phiên họp của Ban Thường vụ." in html


def test_pages_use_relative_links_and_no_other_host(tiny):
    root, _ = tiny
    report = check_site(root / "site")
    assert report.broken == []
    assert report.external == []
    for html_file in (root / "site").rglob("*.html"):
        text = html_file.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "cdn.jsdelivr" not in text, html_file


def test_handbook_json_cites_carry_hrefs(tiny):
    root, _ = tiny
    data = json.loads(page(root, "api/handbook.json"))
    duty = next(d for d in data["duties"] if d["id"] == "lp-bi-thu-2")
    assert duty["cite"] == [{"document": "qc-lam-viec-lung-phinh", "article": 6, "clause": "2", "point": "b",
                             "href": "van-ban/qc-lam-viec-lung-phinh.html#dieu-6-khoan-2-diem-b"}]
    doc = next(d for d in data["documents"] if d["id"] == "qc-lam-viec-lung-phinh")
    article6 = next(a for a in doc["articles"] if a["number"] == 6)
    assert [c["number"] for c in article6["clauses"]] == ["1", "2", "3"]
    assert [c["number"] for c in article6["clauses"][2]["clauses"]] == ["3.1", "3.2"]


def test_bundle_has_readme_and_the_whole_site(tiny):
    root, _ = tiny
    with zipfile.ZipFile(root / "dist" / "sotay-offline.zip") as zf:
        names = set(zf.namelist())
        readme = zf.read("so-tay-quy-che/README.txt").decode("utf-8")
    assert "so-tay-quy-che/index.html" in names
    assert "so-tay-quy-che/van-ban/qc-lam-viec-lung-phinh.html" in names
    # the server's "not found" page has root-absolute links: broken from file://, so not in the zip;
    # the served site keeps it (the offline app falls back to it)
    assert "so-tay-quy-che/404.html" not in names
    assert "Không tìm thấy trang" in page(root, "404.html")
    assert "index.html" in readme and "Bản dựng ngày" in readme
    footer_version = re.search(r"Phiên bản nội dung (\w+)", page(root, "index.html")).group(1)
    assert footer_version in readme


def test_rebuild_with_unchanged_input_keeps_generated_pages_untouched(tmp_path):
    content = write_tiny_content(tmp_path / "content-src")
    root = copy_project(tmp_path / "project", content=content, data=FIXTURES / "data_valid")
    build_project(root)
    generated = root / "build" / "docs" / "van-ban" / "qc-lam-viec-lung-phinh.md"
    first = generated.stat().st_mtime_ns
    build_project(root)
    assert generated.stat().st_mtime_ns == first
    sites = [p for p in (root / "build" / "sites").iterdir() if p.is_dir()]
    assert len(sites) <= 2  # old builds are pruned


def test_hand_written_pages_are_published(tmp_path):
    content = write_tiny_content(tmp_path / "content-src")
    (content / "pages").mkdir()
    (content / "pages" / "gioi-thieu.md").write_text("# Giới thiệu\n\nTrang viết tay.\n", encoding="utf-8")
    root = copy_project(tmp_path / "project", content=content, data=FIXTURES / "data_valid")
    build_project(root)
    assert "Trang viết tay." in (root / "site" / "gioi-thieu.html").read_text(encoding="utf-8")


def test_failed_build_leaves_previous_site_and_zip(tmp_path):
    from generator.errors import DataError

    content = write_tiny_content(tmp_path / "content-src")
    root = copy_project(tmp_path / "project", content=content, data=FIXTURES / "data_valid")
    build_project(root)
    before_target = (root / "site").resolve()
    zip_bytes = (root / "dist" / "sotay-offline.zip").read_bytes()
    roles = root / "data" / "roles.yml"
    roles.write_text(roles.read_text(encoding="utf-8").replace("inherits: [uy-vien-ban-thuong-vu]", "inherits: [khong-co]"), encoding="utf-8")
    with pytest.raises(DataError):
        build_project(root)
    assert (root / "site").resolve() == before_target
    assert (root / "site" / "index.html").is_file()
    assert (root / "dist" / "sotay-offline.zip").read_bytes() == zip_bytes
    shutil.rmtree(root)
