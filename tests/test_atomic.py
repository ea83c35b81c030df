"""Atomic builds: a `sotay build` killed at any moment, or failing on bad data, leaves the
previous site/ and dist/sotay-offline.zip as they were; the next build succeeds and cleans up.

The build runs as a real subprocess (`python -m generator.run.cli build`) on the tiny fixture
project and is SIGKILLed after fixed delays and at two moments watched from outside:
while Pagefind runs (its process is a child of the build) and while the zip is written
(`dist/sotay-offline.zip.part-<pid>-<random>` exists).
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from conftest import FIXTURES, build_project, copy_project
from knowledge_fixtures import documents

from generator.run.cli import main
from generator.read.content_file import render_content
from generator.publish.linkcheck import check_site

BUILD_TIMEOUT = 300


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("atomic")
    folder = base / "content-src" / "documents"
    folder.mkdir(parents=True)
    for doc in documents():
        (folder / f"{doc.id}.md").write_text(render_content(doc), encoding="utf-8")
    root = copy_project(base / "project", content=base / "content-src", data=FIXTURES / "data_valid")
    build_project(root)
    return root


def snapshot(root: Path) -> tuple[Path, str]:
    """(site target, sha256 of the zip) of the current build."""
    return (root / "site").resolve(), hashlib.sha256((root / "dist" / "sotay-offline.zip").read_bytes()).hexdigest()


def assert_intact(root: Path, before: tuple[Path, str], killed_after_swap_ok: bool = False) -> None:
    """The site and zip are the previous build's — or, when the kill came after the new build
    was swapped in (it only had old builds left to prune), the new build's, complete."""
    site = root / "site"
    assert site.is_symlink()
    if not (killed_after_swap_ok and snapshot(root)[0] != before[0]):
        assert snapshot(root) == before
    assert (site / "index.html").is_file()
    assert (site / "api" / "handbook.json").is_file()
    assert (site / "pagefind" / "pagefind-entry.json").is_file()
    report = check_site(site)
    assert report.ok, report.broken[:5]
    with zipfile.ZipFile(root / "dist" / "sotay-offline.zip") as zf:
        assert zf.testzip() is None
        assert "so-tay-quy-che/index.html" in zf.namelist()


def start_build(root: Path) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(root))
    return subprocess.Popen([sys.executable, "-m", "generator.run.cli", "build"], cwd=root, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(x) for x in text.split()]


def running_pagefind(pid: int) -> bool:
    for child in children(pid):
        try:
            cmdline = Path(f"/proc/{child}/cmdline").read_bytes()
        except OSError:
            continue
        if b"pagefind" in cmdline and b"--site" in cmdline:
            return True
    return False


def writing_zip(root: Path, pid: int) -> bool:
    return any((root / "dist").glob(f"sotay-offline.zip.part-{pid}-*"))


def kill_when(process: subprocess.Popen, condition, timeout: float = BUILD_TIMEOUT) -> bool:
    """SIGKILL the build as soon as `condition()` holds; False if it finished first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        if condition():
            process.send_signal(signal.SIGKILL)
            process.wait()
            return True
        time.sleep(0.002)
    process.kill()
    process.wait()
    raise AssertionError("build neither finished nor reached the kill point")


def kill_after(process: subprocess.Popen, seconds: float) -> bool:
    start = time.monotonic()
    return kill_when(process, lambda: time.monotonic() - start >= seconds)


@pytest.mark.parametrize("moment", ["0.3s", "1s", "2s", "4s", "pagefind", "zip"])
def test_killed_build_leaves_previous_site_and_zip(project, moment):
    before = snapshot(project)
    process = start_build(project)
    if moment == "pagefind":
        killed = kill_when(process, lambda: running_pagefind(process.pid))
    elif moment == "zip":
        killed = kill_when(process, lambda: writing_zip(project, process.pid))
    else:
        killed = kill_after(process, float(moment.rstrip("s")))
    if not killed:  # the build won the race: it must have succeeded; nothing to check here
        assert process.returncode == 0, process.stderr.read().decode()
        pytest.skip(f"build finished before the kill point {moment}")
    assert_intact(project, before, killed_after_swap_ok=moment.endswith("s"))


def test_next_build_succeeds_and_prunes_leftovers(project):
    for moment in ("pagefind", "zip"):  # make sure there is something to clean up
        process = start_build(project)
        kill_when(process, (lambda p=process: running_pagefind(p.pid)) if moment == "pagefind"
                  else (lambda p=process: writing_zip(project, p.pid)))
    previous = (project / "site").resolve()
    process = start_build(project)
    _, stderr = process.communicate(timeout=BUILD_TIMEOUT)
    assert process.returncode == 0, stderr.decode()
    site = (project / "site").resolve()
    assert site != previous
    assert (site / "index.html").is_file()
    assert sorted(p.name for p in (project / "build" / "sites").iterdir()) == sorted({previous.name, site.name})
    assert [p.name for p in (project / "dist").iterdir()] == ["sotay-offline.zip"]
    assert not list(project.glob(".site.swap-*"))
    assert check_site(project / "site").ok


def test_failed_build_keeps_previous_site_and_exits_1(project, monkeypatch, capsys):
    before = snapshot(project)
    duties = project / "data" / "duties" / "qc-lam-viec-lung-phinh.yml"
    original = duties.read_text(encoding="utf-8")
    monkeypatch.chdir(project)
    try:
        duties.write_text(original.replace("holder: bi-thu", "holder: bi-thu-khong-co", 1), encoding="utf-8")
        code = main(["build"])
    finally:
        duties.write_text(original, encoding="utf-8")
    err = capsys.readouterr().err
    assert code == 1
    assert "bi-thu-khong-co" in err and "qc-lam-viec-lung-phinh.yml:" in err
    assert "Traceback" not in err
    assert_intact(project, before)


# --- one build at a time (issue #17) --------------------------------------------------------

BUSY = "Đang có một lần dựng khác chạy từ"


def assert_one_complete_build(root: Path) -> None:
    """`site` points at a complete build, the zip is whole and holds it, nothing half-written is left."""
    site = root / "site"
    assert site.is_symlink() and (site / "index.html").is_file()
    assert (site / "pagefind" / "pagefind-entry.json").is_file() and (site / "api" / "handbook.json").is_file()
    assert check_site(site).ok
    with zipfile.ZipFile(root / "dist" / "sotay-offline.zip") as zf:
        assert zf.testzip() is None
        names = zf.namelist()
    assert "so-tay-quy-che/index.html" in names
    site_files = {p.relative_to(site.resolve()).as_posix() for p in site.resolve().rglob("*") if p.is_file()}
    assert {n.split("/", 1)[1] for n in names} == (site_files - {"404.html"}) | {"README.txt"}
    assert [p.name for p in (root / "dist").iterdir()] == ["sotay-offline.zip"]
    assert not list(root.glob(".site.swap-*"))
    assert len(list((root / "build" / "sites").iterdir())) <= 2


@pytest.mark.parametrize("builds, stagger", [(2, 0.0), (2, 0.8), (3, 0.0), (3, 0.3)])
def test_concurrent_builds_leave_one_complete_site_and_zip(project, builds, stagger):
    processes = []
    for _ in range(builds):
        processes.append(start_build(project))
        time.sleep(stagger)
    results = [(p, p.communicate(timeout=BUILD_TIMEOUT)[1].decode()) for p in processes]
    succeeded = [p for p, _ in results if p.returncode == 0]
    assert succeeded, [err for _, err in results]
    for process, err in results:
        if process.returncode != 0:
            assert process.returncode == 1 and BUSY in err and "(pid " in err, err
            assert "Traceback" not in err
    assert_one_complete_build(project)


def test_build_during_serve_leaves_a_complete_site(project):
    from serve_process import ServeProcess

    server = ServeProcess(project)
    try:
        server.wait_for(r"Serving on", 0, timeout=BUILD_TIMEOUT)
        process = start_build(project)
        _, err = process.communicate(timeout=BUILD_TIMEOUT)
        assert process.returncode == 0, err.decode()
        assert "Traceback" not in server.log()
    finally:
        server.stop()
    assert_one_complete_build(project)
    assert (project / "build" / "serve-docs" / "index.md").is_file()  # serve rendered into its own folder


def test_second_build_is_refused_while_the_lock_is_held(project, monkeypatch, capsys):
    import fcntl

    before = snapshot(project)
    lock = project / "build" / "build.lock"
    with open(lock, "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        handle.truncate(0)
        handle.write(f"4242 {time.mktime((2026, 12, 2, 9, 5, 0, 0, 0, -1)):.0f}\n")
        handle.flush()
        monkeypatch.chdir(project)
        code = main(["build"])
    err = capsys.readouterr().err
    assert code == 1
    assert f"{BUSY} 09:05 (pid 4242)" in err and "Traceback" not in err
    assert snapshot(project) == before


def test_stale_lock_of_a_killed_build_is_taken_over(project):
    (project / "build" / "build.lock").write_text("999999 0\n", encoding="utf-8")  # its process is gone
    process = start_build(project)
    _, err = process.communicate(timeout=BUILD_TIMEOUT)
    assert process.returncode == 0, err.decode()
    assert (project / "build" / "build.lock").read_text() == ""  # released
    assert_one_complete_build(project)


def test_pagefind_that_hangs_is_stopped(project, monkeypatch, capsys, tmp_path):
    before = snapshot(project)
    fake = tmp_path / "pagefind"
    fake.write_text("#!/bin/sh\n[ \"$1\" = --version ] && echo 'pagefind 1.5.2' && exit 0\nexec sleep 60\n")
    fake.chmod(0o755)
    monkeypatch.setattr("generator.publish.search_index.pagefind_executable", lambda: fake)
    monkeypatch.setenv("SOTAY_PAGEFIND_TIMEOUT", "2")
    monkeypatch.chdir(project)
    started = time.monotonic()
    code = main(["build"])
    err = capsys.readouterr().err
    assert time.monotonic() - started < 60
    assert code == 1 and "Pagefind chưa xong sau 2 giây" in err and "Traceback" not in err
    assert_intact(project, before)


# --- disk full, read-only disk (issue #17) --------------------------------------------------

import errno  # noqa: E402


class FailingWrites:
    """`open` for generator.files: files opened for writing fail with `code` once half written."""

    def __init__(self, code: int) -> None:
        self.code = code

    def __call__(self, path, mode="r", *args, **kwargs):
        handle = open(path, mode, *args, **kwargs)
        if "w" not in mode:
            return handle
        code = self.code

        class Half:
            def __enter__(self):
                return self

            def __exit__(self, *exc):
                handle.close()

            def write(self, data):
                handle.write(data[: len(data) // 2])
                raise OSError(code, os.strerror(code), str(path))

        return Half()


DISK_MESSAGES = {errno.ENOSPC: "ổ đĩa đã đầy", errno.EROFS: "ổ đĩa chỉ cho đọc", errno.EACCES: "không có quyền ghi"}


@pytest.mark.parametrize("code", list(DISK_MESSAGES))
def test_disk_error_writing_the_zip_is_one_line_and_leaves_no_part_file(project, monkeypatch, capsys, code):
    before = snapshot(project)

    def fail(self, *args, **kwargs):
        raise OSError(code, os.strerror(code), str(project / "dist" / "sotay-offline.zip.part-x"))

    monkeypatch.setattr(zipfile.ZipFile, "write", fail)
    monkeypatch.chdir(project)
    exit_code = main(["build"])
    err = capsys.readouterr().err
    assert exit_code == 1
    lines = [line for line in err.splitlines() if line.startswith("Lỗi:")]
    assert len(lines) == 1 and "không ghi được" in lines[0] and DISK_MESSAGES[code] in lines[0], err
    assert "Traceback" not in err
    assert [p.name for p in (project / "dist").iterdir()] == ["sotay-offline.zip"]
    assert_intact(project, before)


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS])
def test_disk_error_writing_handbook_json_keeps_the_previous_site(project, monkeypatch, capsys, code):
    before = snapshot(project)
    monkeypatch.setattr("generator.files.open", FailingWrites(code), raising=False)
    monkeypatch.chdir(project)
    exit_code = main(["build"])
    err = capsys.readouterr().err
    assert exit_code == 1 and "handbook.json" in err and DISK_MESSAGES[code] in err and "Traceback" not in err
    assert not [p for p in project.rglob("*.part-*")]
    assert_intact(project, before)


def test_reimport_on_a_full_disk_keeps_the_previous_file_whole(tmp_path, monkeypatch, capsys):
    raw = tmp_path / "qc.txt"
    raw.write_text("QUY CHẾ\nlàm việc\n\nĐiều 1. Phạm vi\n\n1. Áp dụng cho mọi cán bộ.\n", encoding="utf-8")
    into = tmp_path / "documents"
    assert main(["import", str(raw), "--into", str(into), "--id", "qc-thu"]) == 0
    target = into / "qc-thu.md"
    previous = target.read_bytes()
    raw.write_text(raw.read_text(encoding="utf-8") + "\nĐiều 2. Hiệu lực\n\nCó hiệu lực từ ngày ký.\n", encoding="utf-8")
    monkeypatch.setattr("generator.files.open", FailingWrites(errno.ENOSPC), raising=False)
    code = main(["import", str(raw), "--into", str(into), "--id", "qc-thu"])
    err = capsys.readouterr().err
    assert code == 1 and "qc-thu.md" in err and "ổ đĩa đã đầy" in err and "Traceback" not in err
    assert target.read_bytes() == previous
    assert [p.name for p in into.iterdir()] == ["qc-thu.md"]
