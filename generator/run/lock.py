"""One `sotay build` at a time per project.

`build_lock(project)` holds an exclusive `fcntl.flock` on `build/build.lock`
for the whole build. A second build started meanwhile stops at once with
"Đang có một lần dựng khác chạy từ HH:MM (pid N)…" instead of deleting the
first one's half-written files. The kernel releases the lock when its process
ends, however it ends (SIGKILL included), so a lock file left by a killed build
is simply taken over: there is no stale lock to clean up by hand. The file
keeps the holder's pid and start time only for that message.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager

from generator.errors import BuildError
from generator.project import Project

LOCK_NAME = "build.lock"


@contextmanager
def build_lock(project: Project) -> Iterator[None]:
    path = project.build_dir / LOCK_NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildError(busy_message(fd)) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()} {time.time():.0f}\n".encode(), 0)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def busy_message(fd: int) -> str:
    holder = _holder(fd)
    if holder is None:  # taken a moment ago, not written yet
        since = "vừa xong"
    else:
        pid, started = holder
        since = f"{time.strftime('%H:%M', time.localtime(started))} (pid {pid})"
    return (f"Đang có một lần dựng khác chạy từ {since} — đợi lần đó xong rồi chạy lại "
            "(site/ và dist/ sẽ là bản của lần dựng đó)")


def _holder(fd: int) -> tuple[int, float] | None:
    for _ in range(20):  # the holder writes its pid right after taking the lock
        try:
            pid, started = os.pread(fd, 64, 0).decode("ascii").split()
            return int(pid), float(started)
        except ValueError:
            time.sleep(0.01)
    return None
