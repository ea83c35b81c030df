"""The site engine behind one adapter: generator/run/engine.py is the only module importing
MkDocs, and plain `mkdocs build` (the hooks shim) builds the same pages as `sotay build`."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

from conftest import FIXTURES, ROOT, build_project, copy_project
from test_build import write_tiny_content


def test_only_the_engine_adapter_imports_mkdocs():
    importers = set()
    for path in sorted((ROOT / "generator").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            if any(name == "mkdocs" or name.startswith("mkdocs.") for name in names):
                importers.add(path.relative_to(ROOT).as_posix())
    assert importers == {"generator/run/engine.py"}


def test_plain_mkdocs_build_runs_the_same_pipeline_through_the_hooks(tmp_path):
    content = write_tiny_content(tmp_path / "content-src")
    root = copy_project(tmp_path / "project", content=content, data=FIXTURES / "data_valid")
    env = dict(os.environ, SOURCE_DATE_EPOCH="1767225600", PYTHONPATH=str(root))
    (root / "build" / "docs").mkdir(parents=True)  # MkDocs checks docs_dir exists before any hook runs
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(tmp_path / "plain")],
                   cwd=root, env=env, check=True, capture_output=True)
    os.environ["SOURCE_DATE_EPOCH"] = env["SOURCE_DATE_EPOCH"]
    try:
        built = build_project(root).site_dir.resolve()
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
    plain = tmp_path / "plain"

    def pages(site: Path) -> dict[str, bytes]:
        return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
                if p.suffix == ".html" or p.name == "handbook.json"}

    assert (plain / "api" / "handbook.json").is_file() and (plain / "pagefind").is_dir()
    assert len(pages(built)) > 10 and pages(plain) == pages(built)


def test_a_docs_dir_elsewhere_is_one_clear_message(tmp_path, capsys):
    from generator.run.cli import main

    content = write_tiny_content(tmp_path / "content-src")
    root = copy_project(tmp_path / "project", content=content, data=FIXTURES / "data_valid")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("docs_dir: build/docs", "docs_dir: docs"),
                      encoding="utf-8")
    (root / "docs").mkdir()
    cwd = os.getcwd()
    os.chdir(root)
    try:
        code = main(["build"])
    finally:
        os.chdir(cwd)
    err = capsys.readouterr().err
    assert code != 0 and "Traceback" not in err
    assert f"{config}:6: docs_dir phải là build/docs" in err and "`docs_dir: build/docs`" in err
    assert not (root / "site").exists()
