"""Bundle stage: the offline zip that communes open from a USB stick (file://)."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

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
    for stale in target.parent.glob(f"{target.name}.part-*"):  # left by an interrupted build
        stale.unlink(missing_ok=True)
    partial = target.with_name(target.name + f".part-{os.getpid()}")
    readme = README_TXT.format(folder=FOLDER, build_date=build_date, content_version=content_version)
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        zf.writestr(f"{FOLDER}/README.txt", readme.replace("\n", "\r\n"))
        zf.comment = f"Sổ tay Quy chế · {build_date} · {content_version}".encode()
        for path in sorted(site_dir.rglob("*")):
            rel = path.relative_to(site_dir).as_posix()
            if path.is_file() and rel not in SERVER_ONLY:
                zf.write(path, f"{FOLDER}/{rel}")
    os.replace(partial, target)
    return target
