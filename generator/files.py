"""Writing files safely: whole or not at all, and disk errors as one clear line.

`write_atomic(target, data)` writes to a uniquely named temporary file in the
target's folder and renames it over the target (`os.replace`), so a reader —
or a build killed half-way, or a full disk — sees the old file or the new one,
never a truncated one. `atomic_target(target)` does the same for writers that
need a path (zipfile). On failure the temporary file is removed. `disk_error`
turns the OSErrors a user can fix (disk full, read-only disk, no permission)
into one Vietnamese message.
"""

from __future__ import annotations

import errno
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.errors import BuildError

PARTIAL = ".part-"  # temporary files are named <target>.part-<pid>-<random>


def partial_name(target: Path) -> Path:
    """A name no other process or thread uses, next to `target` (same file system: os.replace is atomic)."""
    return target.with_name(f"{target.name}{PARTIAL}{os.getpid()}-{secrets.token_hex(4)}")


@contextmanager
def atomic_target(target: Path) -> Iterator[Path]:
    """Yield a temporary path to write; on success it replaces `target`, on any error it is removed."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = partial_name(target)
    try:
        yield partial
        os.replace(partial, target)
    except BaseException as error:
        partial.unlink(missing_ok=True)
        if isinstance(error, OSError) and error.filename == str(partial):
            error.filename = str(target)  # the user knows the file, not our temporary name
        raise


def write_atomic(target: Path, data: bytes | str) -> None:
    """Write `data` (str as UTF-8) to `target` all at once."""
    blob = data.encode("utf-8") if isinstance(data, str) else data
    with atomic_target(target) as partial:
        with open(partial, "wb") as handle:
            handle.write(blob)


USER_FIXABLE = {
    errno.ENOSPC: "ổ đĩa đã đầy — giải phóng chỗ trống rồi chạy lại",
    errno.EDQUOT: "đã hết hạn mức dung lượng của người dùng — giải phóng chỗ trống rồi chạy lại",
    errno.EROFS: "ổ đĩa chỉ cho đọc — chép dự án sang ổ ghi được hoặc bỏ chế độ chỉ đọc",
    errno.EACCES: "không có quyền ghi — kiểm tra quyền của thư mục (hoặc chạy bằng đúng người dùng)",
    errno.EPERM: "không có quyền ghi — kiểm tra quyền của thư mục (hoặc chạy bằng đúng người dùng)",
}


def disk_error(error: OSError, what: str) -> BuildError | None:
    """'không ghi được <what>: ổ đĩa đã đầy — …' for a disk the user must fix; None for other errors."""
    reason = USER_FIXABLE.get(error.errno)
    if reason is None:
        return None
    where = error.filename or what
    return BuildError(f"không ghi được {where}: {reason}")
