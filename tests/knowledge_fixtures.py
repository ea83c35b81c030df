"""Tiny regulations and data directories shared by the load/link/check tests.

Documents are built directly from `generator.model.document`, so these tests do not
depend on the parser.
"""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

from generator.model.document import Article, Block, Clause, Document, Point

DATA_VALID = Path(__file__).resolve().parent / "fixtures" / "data_valid"


def point(article: int, clause: str, label: str, text: str) -> Point:
    return Point(label, text, f"dieu-{article}-khoan-{clause.replace('.', '-')}-diem-{label}", line=1)


def clause(article: int, number: str, text: str, points=(), clauses=(), blocks=()) -> Clause:
    anchor = f"dieu-{article}-khoan-{number.replace('.', '-')}"
    return Clause(number, text, anchor, line=1, blocks=list(blocks), points=list(points), clauses=list(clauses))


def article(number: int, title: str, clauses=(), intro=()) -> Article:
    return Article(number, title, f"dieu-{number}", line=1, intro=[Block("paragraph", t) for t in intro], clauses=list(clauses))


def lung_phinh() -> Document:
    """Quy chế làm việc (excerpt): Điều 1 has no khoản, Điều 6 has điểm and sub-khoản."""
    return Document(
        id="qc-lam-viec-lung-phinh",
        kind="quy-che",
        title="Quy chế làm việc của Đảng ủy xã Lùng Phình",
        source="content/documents/qc-lam-viec-lung-phinh.md",
        articles=[
            article(1, "Phạm vi điều chỉnh", intro=["Quy chế này quy định nguyên tắc, chế độ làm việc."]),
            article(5, "Nhiệm vụ, quyền hạn của Ủy viên Ban Thường vụ Đảng ủy", [
                clause(5, "1", "Tham gia đầy đủ các phiên họp của Ban Thường vụ Đảng ủy; tích cực thảo luận."),
                clause(5, "2", "Trực tiếp giải quyết công việc thuộc lĩnh vực được phân công."),
                clause(5, "3", "Chỉ đạo công tác cán bộ trong lĩnh vực phụ trách."),
            ]),
            article(6, "Nhiệm vụ, quyền hạn của Bí thư Đảng ủy", [
                clause(6, "1", "Chủ trì các công việc của Đảng ủy, Ban Thường vụ và Thường trực Đảng ủy; chủ trì và kết luận các hội nghị của cấp ủy."),
                clause(6, "2", "Trực tiếp chỉ đạo:", points=[
                    point(6, "2", "a", "Công tác quốc phòng, an ninh;"),
                    point(6, "2", "b", "Làm trưởng các Ban chỉ đạo theo quy định."),
                ]),
                clause(6, "3", "Về hội nghị:", clauses=[
                    clause(6, "3.1", "Gửi tài liệu trước hội nghị ít nhất 3 ngày."),
                    clause(6, "3.2", "Kết luận hội nghị."),
                ]),
            ], intro=["Cùng với việc thực hiện nhiệm vụ, quyền hạn được quy định tại Điều 5, Bí thư có các nhiệm vụ sau:"]),
            article(7, "Nhiệm vụ, quyền hạn của Phó Bí thư Đảng ủy", [
                clause(7, "1", "Chỉ đạo công tác chuẩn bị các hội nghị của Đảng ủy."),
                clause(7, "2", "Văn phòng Đảng ủy báo cáo Thường trực hằng tháng về tình hình."),
            ]),
        ],
    )


def model_regulation() -> Document:
    return Document(
        id="qc-lam-viec-mau-dang-uy-ubnd",
        kind="quy-che",
        title="Quy chế làm việc mẫu",
        source="content/documents/qc-lam-viec-mau-dang-uy-ubnd.md",
        articles=[
            article(5, "Nhiệm vụ của Ủy viên Ban Thường vụ", [clause(5, "1", "Tham gia các phiên họp.")]),
            article(6, "Nhiệm vụ của Bí thư", [clause(6, "1", "Chủ trì các công việc.")]),
        ],
    )


def documents() -> list[Document]:
    return [lung_phinh(), model_regulation()]


def make_data(root: Path, files: dict[str, str | bytes | None] | None = None) -> Path:
    """Copy the valid data dir to `root/data`, then write (or delete, with None) `files`.

    Text is dedented, so tests can write YAML inline. Tests chdir to `root`,
    so messages show `data/...` paths exactly as a user sees them.
    """
    data = root / "data"
    shutil.copytree(DATA_VALID, data)
    for name, content in (files or {}).items():
        path = data / name
        if content is None:
            path.unlink()
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
    return data
