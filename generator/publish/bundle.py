"""Bundle stage: the offline zip that communes open from a USB stick (file://)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from generator.errors import BuildError
from generator.files import PARTIAL, atomic_target

BUNDLE_NAME = "sotay-offline.zip"
FOLDER = "so-tay-quy-che"
# Pages a server sends for any missing address: written with root-absolute links
# ("/index.html"), so opened from file:// they would be unstyled and point at
# file:///index.html. The served site keeps it (the offline app's fallback page).
SERVER_ONLY = {"404.html"}

README_TXT = """SỔ TAY QUY CHẾ — BẢN DÙNG KHÔNG CẦN MẠNG
==========================================

Cách mở:
1. Giải nén tệp sotay-offline.zip (bấm chuột phải → "Giải nén tất cả" / "Extract All").
2. Mở thư mục "{folder}" vừa giải nén.
3. Bấm đúp vào tệp index.html. Sổ tay mở bằng trình duyệt (Chrome, Cốc Cốc, Edge, Firefox).

Trên điện thoại Android: giải nén bằng ứng dụng Tệp (Files), rồi mở index.html bằng Chrome
hoặc Firefox.

Mọi chức năng (đọc văn bản, tìm kiếm, danh mục việc cần làm, công cụ tính hạn) chạy ngay
trên máy, không cần Internet và không gửi dữ liệu đi đâu. Dấu tích trong danh mục được lưu
trong trình duyệt của máy này.

Bản dựng ngày: {build_date}
Phiên bản nội dung: {content_version}
"""


def write_bundle(site_dir: Path, target: Path, build_date: str, content_version: str) -> Path:
    """Zip the built site (but SERVER_ONLY pages) under one folder with a Vietnamese README.txt; atomic replace."""
    target.parent.mkdir(parents=True, exist_ok=True)
    for stale in target.parent.glob(f"{target.name}{PARTIAL}*"):  # left by a killed build (builds run one at a time)
        stale.unlink(missing_ok=True)
    files = bundle_files(site_dir)
    readme = README_TXT.format(folder=FOLDER, build_date=build_date, content_version=content_version)
    with atomic_target(target) as partial:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
            zf.writestr(f"{FOLDER}/README.txt", readme.replace("\n", "\r\n"))
            zf.comment = f"Sổ tay Quy chế · {build_date} · {content_version}".encode()
            for rel, path in files:
                zf.write(path, f"{FOLDER}/{rel}")
    return target


def bundle_files(site_dir: Path) -> list[tuple[str, Path]]:
    """(zip name, file) of every file to bundle; BuildError for names a USB stick cannot hold:
    two names differing only in case (Windows and macOS keep one of them) or a control character."""
    files = []
    seen: dict[str, str] = {}
    problems = []
    for path in sorted(site_dir.rglob("*")):
        rel = path.relative_to(site_dir).as_posix()
        if not path.is_file() or rel in SERVER_ONLY:
            continue
        if any(ord(ch) < 32 or ch == "\x7f" for ch in rel):
            problems.append(f"{rel!r}: tên tệp chứa ký tự điều khiển (xuống dòng …) — đổi tên tệp nguồn")
        folded = rel.casefold()
        if folded in seen:
            problems.append(f"{seen[folded]} và {rel}: hai tệp chỉ khác chữ hoa/thường, trên Windows chỉ giữ được một "
                            "— đổi tên một tệp nguồn")
        seen.setdefault(folded, rel)
        files.append((rel, path))
    if problems:
        raise BuildError("không đóng gói được bản offline:\n" + "\n".join(problems))
    return files
