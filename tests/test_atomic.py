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
from generator.read.importer import render_content
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
